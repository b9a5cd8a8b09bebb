// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultcache.h"

#include <algorithm>
#include <cstring>

std::vector<std::shared_ptr<const void>> ResultCache::clear()
{
    std::vector<std::shared_ptr<const void>> answers;
    for (Entry& e : m_entries)
        answers.push_back(std::move(e.answer));
    m_entries.clear();
    ++m_generation;
    return answers;
}

std::shared_ptr<const void> ResultCache::findAny(const char* page, const Data::Filter& filter, const QString& variant)
{
    for (Entry& e : m_entries) {
        if (std::strcmp(e.page, page) == 0 && e.variant == variant && e.filter == filter) {
            e.lastUse = ++m_clock;
            return e.answer;
        }
    }
    return nullptr;
}

void ResultCache::insertAny(const char* page, const Data::Filter& filter, const QString& variant, quint64 generation,
    std::shared_ptr<const void> answer, qint64 bytes)
{
    if (generation != m_generation || !answer || bytes > kBudgetBytes)
        return; // computed from data that has changed since, or too large to keep
    auto samePage = [page](const Entry& e) { return std::strcmp(e.page, page) == 0; };
    m_entries.erase(std::remove_if(m_entries.begin(), m_entries.end(),
                        [&](const Entry& e) { return samePage(e) && e.variant == variant && e.filter == filter; }),
        m_entries.end());
    m_entries.push_back({ page, filter, variant, std::move(answer), bytes, ++m_clock });
    // The least recently used go first: beyond kPerPage for this page, then beyond the budget for all pages.
    auto evictOldest = [this](auto&& eligible) {
        auto oldest = m_entries.end();
        for (auto it = m_entries.begin(); it + 1 < m_entries.end(); ++it) { // never the one just kept
            if (eligible(*it) && (oldest == m_entries.end() || it->lastUse < oldest->lastUse))
                oldest = it;
        }
        if (oldest == m_entries.end())
            return false;
        m_entries.erase(oldest);
        return true;
    };
    while (std::count_if(m_entries.begin(), m_entries.end(), samePage) > kPerPage && evictOldest(samePage)) { }
    auto total = [this] {
        qint64 sum = 0;
        for (const Entry& e : m_entries)
            sum += e.bytes;
        return sum;
    };
    while (total() > kBudgetBytes && evictOldest([](const Entry&) { return true; })) { }
}
