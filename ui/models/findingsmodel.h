// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detect/findingstore.h"
#include "idblockcache.h"

#include <QAbstractTableModel>

#include <vector>

class Database;

/// The findings of the Data page, one row per finding in one flow (STYLE.md 6).
/// The findings list of the Data page. Like the flow list, it holds only the ordered ids of the findings that
/// match (computed off the UI thread) and reads the rows on screen in blocks, so hundreds of thousands of
/// findings cost a few megabytes and a filter change does not copy them.
class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        TimeColumn,
        AppColumn,
        CategoryColumn,
        ConfidenceColumn,
        PartyColumn,
        HostColumn,
        LocationColumn,
        KeyColumn,
        EvidenceColumn,
        KnownColumn,
        ChainColumn,
        NUM_COLUMNS
    };
    enum Roles
    {
        FindingIdRole = Qt::UserRole,
        CategoryRole,
        ConfidenceRole,
        PartyRole
    };

    explicit FindingsModel(QObject* parent = nullptr);
    /// The connection rows are read from; nullptr when no investigation is open.
    void setDatabase(Database* db);
    /// Replaces the list (a reset).
    void setIds(std::vector<qint64> ids);
    /// The row's finding, read on demand; valid until the next call (blocks are evicted while scrolling).
    const Data::FindingRow* finding(int row) const;
    qint64 findingId(int row) const;
    int rowOf(qint64 findingId) const;
    static FindingStore::SortKey sortKey(int column);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Sorting re-runs the query; the page does it (sortRequested), the model only reports the wish.
    void sort(int column, Qt::SortOrder order) override;

    /// The registrable domain a finding is grouped by (the company once the enrich pass names it).
    static QString partyOf(const Data::FindingRow& row);

Q_SIGNALS:
    void sortRequested(FindingStore::SortKey key, bool descending);

private:
    Database* m_db = nullptr;
    IdBlockCache<Data::FindingRow> m_rows;
};
