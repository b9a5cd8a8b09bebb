// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enrich/destinationquery.h"
#include "models/resultcache.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class ReloadWhenShown;
class Session;
class WorldMapWidget;

/// Where the data goes, on a map: the countries that received data from the selected app, shaded by bytes
/// sent, with arcs from the device (investigation properties device_lat/device_lon). A switch shows the
/// servers' countries or the companies' jurisdictions (headquarters or legal domicile). Hovering a country
/// lists its destinations; clicking one filters every page to it.
class MapPage : public QWidget
{
    Q_OBJECT
public:
    enum Mode
    {
        ServerLocation,
        Headquarters,
        LegalDomicile
    };

    explicit MapPage(Session& session, QWidget* parent = nullptr);
    ~MapPage() override;

    WorldMapWidget* map() const
    {
        return m_map;
    }
    void setMode(Mode mode);
    Mode mode() const;
    bool isLoading() const;
    /// Bytes sent per country as currently shown.
    QHash<QString, qint64> values() const
    {
        return m_values;
    }

Q_SIGNALS:
    void loaded();

private:
    struct Result
    {
        std::vector<Data::DestinationRow> rows;
        std::map<QString, Data::CountryTraffic> countries;
    };
    void reload();
    void showResult(std::shared_ptr<const Result> result);
    void refreshApps();
    void present();
    void onCountryClicked(const QString& alpha2);

    Session& m_session;
    WorldMapWidget* m_map;
    QComboBox* m_app;
    QComboBox* m_mode;
    QLabel* m_summary;
    QLabel* m_caveat;
    std::shared_ptr<const Result> m_result = std::make_shared<const Result>();
    QHash<QString, qint64> m_values;
    quint64 m_job = 0;
    ReloadWhenShown* m_lazyReload = nullptr;
    quint64 m_shownJob = 0; ///< the last job whose result was handled: isLoading() until it is m_job
    ResultKey m_query; ///< of the latest job
    QFutureWatcher<std::shared_ptr<const Result>> m_watcher;
};
