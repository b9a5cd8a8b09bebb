// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingsproxy.h"

#include "findingsmodel.h"

FindingsProxy::FindingsProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(FindingsModel::SortRole);
}

void FindingsProxy::setCategory(const QString& category)
{
    m_category = category;
    invalidateFilter();
}

void FindingsProxy::setParty(const QString& party)
{
    m_party = party;
    invalidateFilter();
}

void FindingsProxy::setMinConfidence(int level)
{
    m_minConfidence = level;
    invalidateFilter();
}

bool FindingsProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_category.isEmpty() && i.data(FindingsModel::CategoryRole).toString() != m_category)
        return false;
    if (!m_party.isEmpty() && i.data(FindingsModel::PartyRole).toString() != m_party)
        return false;
    return i.data(FindingsModel::ConfidenceRole).toInt() >= m_minConfidence;
}
