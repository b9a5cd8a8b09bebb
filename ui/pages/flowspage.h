// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/resultcache.h"
#include "store/flowquery.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class FlowDetailView;
class FlowsModel;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class ReloadWhenShown;
class Session;

/// Every request in the investigation: a sortable, filterable list and a detail pane (STYLE.md 9: thin;
/// queries run off the UI thread and stale results are dropped).
class FlowsPage : public QWidget
{
    Q_OBJECT
public:
    explicit FlowsPage(Session& session, QWidget* parent = nullptr);
    ~FlowsPage() override;

    FlowsModel* model() const
    {
        return m_model;
    }
    QTableView* view() const
    {
        return m_view;
    }
    FlowDetailView* detail() const
    {
        return m_detail;
    }
    /// Selects and shows a flow (from other pages' links).
    void showFlow(qint64 flowId);
    void focusSearch();
    /// True while a query is running (tests wait for it).
    bool isLoading() const;

Q_SIGNALS:
    void loaded(int rows);

private:
    void reload();
    void showIds(const std::vector<qint64>& ids);
    void onSelectionChanged();
    void showColumnMenu(const QPoint& position);
    void showRowMenu(const QPoint& position);
    void saveColumns();

    Session& m_session;
    FlowsModel* m_model;
    QTableView* m_view;
    FlowDetailView* m_detail;
    QLineEdit* m_search;
    QCheckBox* m_searchBodies;
    QLabel* m_count;
    QTimer* m_searchDelay;
    FlowQuery::SortKey m_sortKey = FlowQuery::SortKey::Time;
    bool m_descending = false;
    quint64 m_job = 0;
    quint64 m_shownJob = 0;
    ResultKey m_query; ///< of the latest job
    qint64 m_pendingSelection = 0;
    QFutureWatcher<std::shared_ptr<const std::vector<qint64>>> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_stale;
    ReloadWhenShown* m_lazyReload = nullptr;
};
