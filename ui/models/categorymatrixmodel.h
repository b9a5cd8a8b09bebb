// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detect/findingstore.h"

#include <QAbstractTableModel>
#include <QStringList>

/// Categories (rows) × companies or domains (columns): how many findings of each category went to each party.
/// Feeds the matrix chart and its table (heaptrack's chartproxy: charts read models).
class CategoryMatrixModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles
    {
        CountRole = Qt::UserRole,
        ConfidenceRole,
        CategoryRole,
        PartyRole
    };

    explicit CategoryMatrixModel(QObject* parent = nullptr);
    /// Parties are ordered by their number of findings (most first); categories in TAXONOMY.md order.
    void setCells(const std::vector<Data::MatrixCell>& cells);
    QStringList categories() const
    {
        return m_categories;
    }
    QStringList parties() const
    {
        return m_parties;
    }
    qint64 count(int categoryRow, int partyColumn) const;
    int confidence(int categoryRow, int partyColumn) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_categories;
    QStringList m_parties;
    std::vector<qint64> m_counts; ///< row-major
    std::vector<int> m_confidence;
};
