// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingsmodel.h"

#include "detect/categories.h"
#include "displayformat.h"

#include <QColor>

FindingsModel::FindingsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void FindingsModel::setFindings(std::vector<Data::FindingRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const Data::FindingRow* FindingsModel::finding(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

int FindingsModel::rowOf(qint64 findingId) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == findingId)
            return static_cast<int>(i);
    }
    return -1;
}

QString FindingsModel::partyOf(const Data::FindingRow& row)
{
    if (!row.company.isEmpty())
        return row.company;
    return row.registrableDomain.isEmpty() ? row.host : row.registrableDomain;
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    const Data::FindingRow* f = index.isValid() ? finding(index.row()) : nullptr;
    if (!f)
        return {};
    switch (role) {
    case FindingIdRole:
        return f->id;
    case CategoryRole:
        return f->category;
    case ConfidenceRole:
        return f->confidence;
    case PartyRole:
        return partyOf(*f);
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
            return f->ts;
        case ConfidenceColumn:
            return f->confidence;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return DisplayFormat::time(f->ts);
        case AppColumn:
            return DisplayFormat::inert(f->app, 80);
        case CategoryColumn:
            return Categories::displayName(f->category);
        case ConfidenceColumn:
            return Confidence::name(f->confidence);
        case PartyColumn:
            return DisplayFormat::inert(partyOf(*f), 120);
        case HostColumn:
            return DisplayFormat::inert(f->host, 120);
        case LocationColumn:
            return DisplayFormat::inert(f->location, 80);
        case KeyColumn:
            return DisplayFormat::inert(f->key, 80);
        case EvidenceColumn:
            return DisplayFormat::inert(f->evidence, 160);
        case KnownColumn:
            return DisplayFormat::inert(f->knownIdentifier, 80);
        case ChainColumn:
            return DisplayFormat::inert(f->encodingChain, 200);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == CategoryColumn)
            return QStringLiteral("%1 (%2): %3")
                .arg(Categories::displayName(f->category), f->category, Categories::description(f->category));
        return DisplayFormat::toolTip(DisplayFormat::inert(f->reason, 600)
            + (f->variant.isEmpty() ? QString()
                                    : QStringLiteral("\nvariant: ") + DisplayFormat::inert(f->variant, 200)));
    case Qt::ForegroundRole:
        if (index.column() == ConfidenceColumn && f->confidence == Confidence::Low)
            return QColor(Qt::gray);
        return {};
    default:
        return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const titles[] = { "Time", "App", "Category", "Confidence", "Company / domain", "Host", "Where",
        "Key", "Evidence", "Known identifier", "Decoding" };
    return section >= 0 && section < NUM_COLUMNS ? tr(titles[section]) : QVariant();
}
