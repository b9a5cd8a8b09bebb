// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/database.h"

#include <QtGlobal>

#include <algorithm>
#include <unordered_map>
#include <vector>

/// The rows behind a list of ids (the Flows and Data pages' lists): the ordered ids are all in memory, the rows
/// are read in blocks of 256 around what is on screen and dropped while scrolling on, so a list of a million
/// ids costs a few megabytes. `Fetch` reads the rows of some ids in their order, and may throw StoreError.
template <typename Row> class IdBlockCache
{
public:
    void setIds(std::vector<qint64> ids)
    {
        m_ids = std::move(ids);
        m_blocks.clear();
    }
    /// Forgets the rows read so far of the block holding `row` (its data changed).
    void invalidate(int row)
    {
        m_blocks.erase(row / BlockSize);
    }
    int size() const
    {
        return static_cast<int>(m_ids.size());
    }
    qint64 id(int row) const
    {
        return row >= 0 && row < size() ? m_ids[static_cast<size_t>(row)] : 0;
    }
    int rowOf(qint64 id) const
    {
        const auto it = std::find(m_ids.begin(), m_ids.end(), id);
        return it == m_ids.end() ? -1 : static_cast<int>(it - m_ids.begin());
    }
    /// The row, read with `fetch` when its block is not in memory; nullptr when out of range or unreadable.
    /// Valid until the next call (blocks are dropped while scrolling).
    template <typename Fetch> const Row* row(int row, const Fetch& fetch) const
    {
        if (row < 0 || row >= size())
            return nullptr;
        const int block = row / BlockSize;
        auto it = m_blocks.find(block);
        if (it == m_blocks.end()) {
            if (m_blocks.size() > MaxBlocks)
                m_blocks.clear();
            const size_t first = static_cast<size_t>(block) * BlockSize;
            const size_t last = std::min(m_ids.size(), first + BlockSize);
            const std::vector<qint64> ids(
                m_ids.begin() + static_cast<std::ptrdiff_t>(first), m_ids.begin() + static_cast<std::ptrdiff_t>(last));
            try {
                it = m_blocks.emplace(block, fetch(ids)).first;
            } catch (const StoreError&) {
                return nullptr;
            }
        }
        const size_t offset = static_cast<size_t>(row % BlockSize);
        return offset < it->second.size() ? &it->second[offset] : nullptr;
    }

private:
    static constexpr int BlockSize = 256;
    static constexpr size_t MaxBlocks = 64;
    std::vector<qint64> m_ids;
    mutable std::unordered_map<int, std::vector<Row>> m_blocks;
};
