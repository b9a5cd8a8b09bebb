// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

#include <QObject>

#include <vector>

/// The one filter all pages follow (STYLE.md 8, after hotspot's FilterAndZoomStack): a country clicked on the
/// map, a category in a chart or a time range brushed on the timeline all end up here, with back/forward
/// history. Every page listens to filterChanged().
class FilterState : public QObject
{
    Q_OBJECT
public:
    explicit FilterState(QObject* parent = nullptr);

    const Data::Filter& filter() const
    {
        return m_history[m_position];
    }
    /// Replaces the filter and records the previous one in the history.
    void setFilter(const Data::Filter& filter);
    /// Convenience edits of one part, each recorded in the history.
    void setText(const QString& text);
    void setApps(const QList<qint64>& appIds);
    void setCaptures(const QList<qint64>& captureIds);
    void setTimeRange(Data::Timestamp from, Data::Timestamp to);
    void setCountries(const QStringList& countries);
    void setCompanies(const QStringList& companies);
    void setCategories(const QStringList& categories);
    void setHosts(const QStringList& hosts);
    void setMinConfidence(const QString& confidence);
    void clear();

    bool canGoBack() const
    {
        return m_position > 0;
    }
    bool canGoForward() const
    {
        return m_position + 1 < m_history.size();
    }
    void back();
    void forward();

Q_SIGNALS:
    void filterChanged(const Data::Filter& filter);
    void historyChanged();

private:
    std::vector<Data::Filter> m_history;
    size_t m_position = 0;
};
