// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

/// The Data page's own narrowing of the findings list: one category, one company or domain, a minimum
/// confidence (STYLE.md 7: filtering in a proxy, not in the widget).
class FindingsProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FindingsProxy(QObject* parent = nullptr);
    void setCategory(const QString& category); ///< empty: all
    void setParty(const QString& party); ///< empty: all
    void setMinConfidence(int level); ///< 0 = low (all), 1 = medium, 2 = high
    QString category() const
    {
        return m_category;
    }
    QString party() const
    {
        return m_party;
    }
    int minConfidence() const
    {
        return m_minConfidence;
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_category;
    QString m_party;
    int m_minConfidence = 0;
};
