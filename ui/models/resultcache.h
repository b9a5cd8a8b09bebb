// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

#include <QString>

#include <memory>
#include <vector>

/// What a page asked for, recorded when its query starts: where the answer goes in the cache when it arrives.
struct ResultKey
{
    Data::Filter filter;
    QString variant;
    quint64 generation = 0;
};

/// The pages' recent answers, per page, filter and variant (a sort order), for as long as the data stays the same.
/// Clearing a filter, going back or forward, or returning to a filter seen a moment ago then shows the kept answer
/// instead of asking SQLite again: on a million flows a page's query takes 0.1–0.9 s, a kept answer a model reset.
///
/// Answers are shared, never copied, and are read-only. The session clears the cache whenever the data changes;
/// an answer computed before that (its generation is older) is not kept.
class ResultCache
{
public:
    /// Counts data changes: a query records it when it starts and hands it back to insert().
    quint64 generation() const
    {
        return m_generation;
    }
    /// Forgets every answer (the data changed, or the investigation was closed). Returns them, so that the caller
    /// can let the last references go off the UI thread (freeing a large tree takes a tenth of a second).
    std::vector<std::shared_ptr<const void>> clear();

    template <class T>
    std::shared_ptr<const T> find(const char* page, const Data::Filter& filter, const QString& variant = {})
    {
        return std::static_pointer_cast<const T>(findAny(page, filter, variant));
    }
    /// Keeps an answer of about `bytes` (the budget is shared by every page; the least recently used go first).
    template <class T>
    void insert(const char* page, const ResultKey& key, std::shared_ptr<const T> answer, qint64 bytes)
    {
        insertAny(page, key.filter, key.variant, key.generation, std::move(answer), bytes);
    }
    /// The key of a query starting now.
    ResultKey key(const Data::Filter& filter, const QString& variant = {}) const
    {
        return { filter, variant, m_generation };
    }

    /// The most the kept answers may take together: a few of the largest answers on a million flows.
    static constexpr qint64 kBudgetBytes = 256ll << 20;
    /// Answers per page: the present filter, the one before, the empty one and one more.
    static constexpr int kPerPage = 4;

private:
    struct Entry
    {
        const char* page;
        Data::Filter filter;
        QString variant;
        std::shared_ptr<const void> answer;
        qint64 bytes = 0;
        quint64 lastUse = 0;
    };
    std::shared_ptr<const void> findAny(const char* page, const Data::Filter& filter, const QString& variant);
    void insertAny(const char* page, const Data::Filter& filter, const QString& variant, quint64 generation,
        std::shared_ptr<const void> answer, qint64 bytes);

    std::vector<Entry> m_entries;
    quint64 m_generation = 0;
    quint64 m_clock = 0;
};
