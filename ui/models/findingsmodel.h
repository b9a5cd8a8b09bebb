// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detect/findingstore.h"

#include <QAbstractTableModel>

#include <vector>

/// The findings of the Data page, one row per finding in one flow (STYLE.md 6).
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
        PartyRole,
        SortRole
    };

    explicit FindingsModel(QObject* parent = nullptr);
    void setFindings(std::vector<Data::FindingRow> rows);
    const Data::FindingRow* finding(int row) const;
    int rowOf(qint64 findingId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The registrable domain a finding is grouped by (the company once the enrich pass names it).
    static QString partyOf(const Data::FindingRow& row);

private:
    std::vector<Data::FindingRow> m_rows;
};
