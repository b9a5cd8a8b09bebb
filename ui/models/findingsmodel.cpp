// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingsmodel.h"

#include "detect/categories.h"
#include "displayformat.h"
#include "store/database.h"

#include <QColor>

FindingsModel::FindingsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void FindingsModel::setDatabase(Database* db)
{
    beginResetModel();
    m_db = db;
    m_rows.setIds({});
    endResetModel();
}

void FindingsModel::setIds(std::vector<qint64> ids)
{
    beginResetModel();
    m_rows.setIds(std::move(ids));
    endResetModel();
}

const Data::FindingRow* FindingsModel::finding(int row) const
{
    if (!m_db)
        return nullptr;
    return m_rows.row(row, [this](const std::vector<qint64>& ids) { return FindingStore::rows(*m_db, ids); });
}

qint64 FindingsModel::findingId(int row) const
{
    return m_rows.id(row);
}

int FindingsModel::rowOf(qint64 findingId) const
{
    return m_rows.rowOf(findingId);
}

FindingStore::SortKey FindingsModel::sortKey(int column)
{
    using K = FindingStore::SortKey;
    static const K keys[NUM_COLUMNS] = { K::Time, K::App, K::Category, K::Confidence, K::Party, K::Host, K::Location,
        K::Key, K::Evidence, K::Known, K::Chain };
    return column >= 0 && column < NUM_COLUMNS ? keys[column] : K::Time;
}

void FindingsModel::sort(int column, Qt::SortOrder order)
{
    Q_EMIT sortRequested(sortKey(column), order == Qt::DescendingOrder);
}

QString FindingsModel::partyOf(const Data::FindingRow& row)
{
    if (!row.company.isEmpty())
        return row.company;
    return row.registrableDomain.isEmpty() ? row.host : row.registrableDomain;
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
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
