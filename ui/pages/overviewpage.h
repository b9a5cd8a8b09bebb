// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/resultcache.h"
#include "report/headlines.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QListWidget;
class QTreeWidget;
class QTreeWidgetItem;
class ReloadWhenShown;
class Session;
class WorldMapWidget;

/// The landing page of an investigation: for the selected app (or all apps), the sentences a reporter can
/// quote, each opening the page that proves it, headline numbers, a small map of server countries, the top
/// companies, the data categories and what could not be seen. Everything follows the shared filter and is
/// computed off the UI thread (Headlines::compute); results of a superseded filter are dropped.
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(Session& session, QWidget* parent = nullptr);
    ~OverviewPage() override;

    bool isLoading() const;
    const Headlines::Summary& summary() const
    {
        return m_summary;
    }
    QListWidget* headlineList() const
    {
        return m_headlines;
    }
    QTreeWidget* companyList() const
    {
        return m_companies;
    }
    QTreeWidget* categoryList() const
    {
        return m_categories;
    }

Q_SIGNALS:
    /// The user asked for the evidence behind a headline, a number or a row; the filter is already set.
    void evidenceRequested(Headlines::Evidence page);
    void loaded();

private:
    void reload();
    void showSummary(const Headlines::Summary& summary);
    void refreshApps();
    void present();
    void openHeadline(int row);
    void openCompany(QTreeWidgetItem* item);
    void openCategory(QTreeWidgetItem* item);
    QWidget* makeTile(const QString& caption, const QString& toolTip, Headlines::Evidence page, QLabel** number);

    Session& m_session;
    QComboBox* m_app;
    QLabel* m_scope;
    QLabel* m_companiesNumber = nullptr;
    QLabel* m_thirdPartiesNumber = nullptr;
    QLabel* m_countriesNumber = nullptr;
    QLabel* m_categoriesNumber = nullptr;
    QLabel* m_uploadsNumber = nullptr;
    QLabel* m_unseenNumber = nullptr;
    QListWidget* m_headlines;
    WorldMapWidget* m_map;
    QTreeWidget* m_companies;
    QTreeWidget* m_categories;
    Headlines::Summary m_summary;
    quint64 m_job = 0;
    ReloadWhenShown* m_lazyReload = nullptr;
    quint64 m_shownJob = 0; ///< the last job whose result was handled: isLoading() until it is m_job
    ResultKey m_query; ///< of the latest job
    QFutureWatcher<std::shared_ptr<const Headlines::Summary>> m_watcher;
};
