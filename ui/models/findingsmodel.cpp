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
    m_ids.clear();
    m_blocks.clear();
    endResetModel();
}

void FindingsModel::setIds(std::vector<qint64> ids)
{
    beginResetModel();
    m_ids = std::move(ids);
    m_blocks.clear();
    endResetModel();
}

const Data::FindingRow* FindingsModel::finding(int row) const
{
    if (!m_db || row < 0 || row >= static_cast<int>(m_ids.size()))
        return nullptr;
    const int block = row / BlockSize;
    auto it = m_blocks.find(block);
    if (it == m_blocks.end()) {
        // Keep memory flat while scrolling through huge lists.
        if (m_blocks.size() > 64)
            m_blocks.clear();
        const size_t first = static_cast<size_t>(block) * BlockSize;
        const size_t last = std::min(m_ids.size(), first + BlockSize);
        const std::vector<qint64> ids(
            m_ids.begin() + static_cast<std::ptrdiff_t>(first), m_ids.begin() + static_cast<std::ptrdiff_t>(last));
        try {
            it = m_blocks.emplace(block, FindingStore::rows(*m_db, ids)).first;
        } catch (const StoreError&) {
            return nullptr;
        }
    }
    const size_t offset = static_cast<size_t>(row % BlockSize);
    return offset < it->second.size() ? &it->second[offset] : nullptr;
}

qint64 FindingsModel::findingId(int row) const
{
    return row >= 0 && row < static_cast<int>(m_ids.size()) ? m_ids[static_cast<size_t>(row)] : 0;
}

int FindingsModel::rowOf(qint64 findingId) const
{
    const auto it = std::find(m_ids.begin(), m_ids.end(), findingId);
    return it == m_ids.end() ? -1 : static_cast<int>(it - m_ids.begin());
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
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
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
