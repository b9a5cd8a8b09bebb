// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enrich/destinationquery.h"
#include "models/destinationsmodel.h"
#include "models/resultcache.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class ReferenceData;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;
class ReloadWhenShown;
class Session;

/// Where the data goes, as a table: companies → domains → hosts with the server country, network, category,
/// first/third party and traffic. Follows the shared filter; the search box and the "show" choice narrow
/// the tree; "Show Flows" sends the selection to the Flows page through the filter.
class DestinationsPage : public QWidget
{
    Q_OBJECT
public:
    explicit DestinationsPage(Session& session, QWidget* parent = nullptr);
    ~DestinationsPage() override;

    DestinationsModel* model() const
    {
        return m_model;
    }
    QTreeView* view() const
    {
        return m_view;
    }
    bool isLoading() const;
    /// Above this many hosts an answer opens with its companies' domains listed and the hosts collapsed (a list of
    /// tens of thousands of hosts is unreadable, and laying it out took ~50 ms of the UI thread); tests lower it.
    static constexpr int kHostsShownExpanded = 2000;
    void setHostsShownExpanded(int hosts)
    {
        m_hostsShownExpanded = hosts;
    }

Q_SIGNALS:
    void loaded(int destinations);
    /// The user asked to see the flows of the selected hosts.
    void showFlowsRequested();

private:
    void reload();
    void showTree(std::shared_ptr<const DestinationsModel::Tree> tree);
    void showSelected();
    void showFlowsOfSelection();
    void editOwner();
    void assignToApp();

    Session& m_session;
    DestinationsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTreeView* m_view;
    QLineEdit* m_search;
    QComboBox* m_show;
    QLabel* m_count;
    QPlainTextEdit* m_details;
    QPushButton* m_flowsButton;
    QPushButton* m_ownerButton;
    QPushButton* m_assignButton;
    std::shared_ptr<const ReferenceData> m_data;
    quint64 m_job = 0;
    int m_hostsShownExpanded = kHostsShownExpanded;
    ReloadWhenShown* m_lazyReload = nullptr;
    quint64 m_shownJob = 0; ///< the last job whose result was handled: isLoading() until it is m_job
    ResultKey m_query; ///< of the latest job
    QFutureWatcher<std::shared_ptr<const DestinationsModel::Tree>> m_watcher;
};
