// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "categorymatrixmodel.h"

#include "detect/categories.h"
#include "displayformat.h"

#include <QHash>
#include <QSet>

#include <algorithm>

CategoryMatrixModel::CategoryMatrixModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void CategoryMatrixModel::setCells(const std::vector<Data::MatrixCell>& cells)
{
    beginResetModel();
    QHash<QString, qint64> perParty;
    QSet<QString> usedCategories;
    for (const auto& c : cells) {
        perParty[c.party] += c.findings;
        usedCategories.insert(c.category);
    }
    m_parties = perParty.keys();
    std::sort(m_parties.begin(), m_parties.end(), [&](const QString& a, const QString& b) {
        return perParty[a] != perParty[b] ? perParty[a] > perParty[b] : a < b;
    });
    m_categories.clear();
    for (const QString& id : Categories::ids()) {
        if (usedCategories.contains(id))
            m_categories.append(id);
    }
    m_counts.assign(static_cast<size_t>(m_categories.size() * m_parties.size()), 0);
    m_confidence.assign(m_counts.size(), -1);
    for (const auto& c : cells) {
        const qsizetype r = m_categories.indexOf(c.category), col = m_parties.indexOf(c.party);
        if (r < 0 || col < 0)
            continue;
        const size_t i = static_cast<size_t>(r * m_parties.size() + col);
        m_counts[i] += c.findings;
        m_confidence[i] = std::max(m_confidence[i], c.maxConfidence);
    }
    endResetModel();
}

qint64 CategoryMatrixModel::count(int row, int column) const
{
    if (row < 0 || column < 0 || row >= m_categories.size() || column >= m_parties.size())
        return 0;
    return m_counts[static_cast<size_t>(row * m_parties.size() + column)];
}

int CategoryMatrixModel::confidence(int row, int column) const
{
    if (row < 0 || column < 0 || row >= m_categories.size() || column >= m_parties.size())
        return -1;
    return m_confidence[static_cast<size_t>(row * m_parties.size() + column)];
}

int CategoryMatrixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_categories.size());
}

int CategoryMatrixModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_parties.size());
}

QVariant CategoryMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const qint64 n = count(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return n ? QVariant(n) : QVariant();
    case CountRole:
        return n;
    case ConfidenceRole:
        return confidence(index.row(), index.column());
    case CategoryRole:
        return m_categories.value(index.row());
    case PartyRole:
        return m_parties.value(index.column());
    case Qt::ToolTipRole:
        // Escaped: tooltips that look like HTML are rendered as HTML, and party names come from captures.
        return n ? tr("<p>%1 finding(s) of %2 sent to %3 (highest confidence: %4)</p>")
                       .arg(n)
                       .arg(Categories::displayName(m_categories.value(index.row())),
                           DisplayFormat::inert(m_parties.value(index.column()), 120).toHtmlEscaped(),
                           Confidence::name(confidence(index.row(), index.column())))
                 : QVariant();
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    default:
        return {};
    }
}

QVariant CategoryMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? Categories::displayName(m_categories.value(section))
                                       : QVariant(m_categories.value(section));
    return DisplayFormat::inert(m_parties.value(section), 60);
}
