// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "idblockcache.h"
#include "store/flowquery.h"

#include <QAbstractTableModel>

#include <vector>

class Database;

/// The flow list. It holds only the ordered ids of the flows that match the filter (computed off the UI
/// thread) and reads the rows on screen in blocks, so a million flows cost a few megabytes.
class FlowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        IdColumn,
        TimeColumn,
        AppColumn,
        MethodColumn,
        HostColumn,
        UrlColumn,
        StatusColumn,
        TypeColumn,
        SentColumn,
        ReceivedColumn,
        NoteColumn,
        NUM_COLUMNS
    };
    enum Roles
    {
        FlowIdRole = Qt::UserRole,
        FlagsRole
    };

    explicit FlowsModel(QObject* parent = nullptr);

    /// The connection rows are read from; nullptr when no investigation is open.
    void setDatabase(Database* db);
    /// Replaces the list (a reset).
    void setIds(std::vector<qint64> ids);
    /// Re-reads the rows of one flow (after its note or bookmark changed).
    void refreshFlow(qint64 flowId);
    qint64 flowId(int row) const;
    int rowOf(qint64 flowId) const;
    static FlowQuery::SortKey sortKey(int column);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Sorting re-runs the query; the page does it (sortRequested), the model only reports the wish.
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    void sortRequested(FlowQuery::SortKey key, bool descending);

private:
    const Data::FlowRow* row(int row) const;

    Database* m_db = nullptr;
    IdBlockCache<Data::FlowRow> m_rows;
};
