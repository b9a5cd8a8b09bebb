// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <functional>
#include <vector>

/// Many literal patterns found in one pass over the input (research §6.2 "matching engine").
///
/// Why not Aho–Corasick: the known-identifier variants are mostly hex digests and base64 runs, tens of
/// thousands of them for a few dozen identifiers. Their automaton has hundreds of thousands of states whose
/// transitions are touched at random for every input byte, so it outgrows the CPU caches and falls below the
/// 100 MB/s we need. Hyperscan (libhyperscan-dev) is x86-64 only. This matcher is of the Rabin–Karp /
/// Wu–Manber family that Hyperscan's FDR engine also belongs to: every position's next 8 bytes (4 for short
/// patterns), folded to lowercase, are hashed into a bit set of a few dozen kilobytes that stays in cache;
/// only on a hit are the candidate patterns compared. Case-insensitive patterns compare folded bytes,
/// case-sensitive ones (base64, raw binary) the original bytes. bench/bench_detect.cpp measures it.
class PatternSet
{
public:
    /// Patterns shorter than this are refused (too many chance matches to be evidence).
    static constexpr int MinLength = 4;

    /// Adds a pattern and returns its index, or -1 when it is too short.
    int add(QByteArrayView pattern, bool caseSensitive);
    /// Prepares the tables; call after the last add() and before scan().
    void build();
    int size() const
    {
        return static_cast<int>(m_patterns.size());
    }
    bool isEmpty() const
    {
        return m_patterns.empty();
    }
    QByteArray pattern(int index) const
    {
        return m_patterns[static_cast<size_t>(index)].original;
    }

    /// Calls `onMatch(patternIndex, offset)` for every occurrence of every pattern (overlapping ones too).
    void scan(QByteArrayView text, const std::function<void(int, qsizetype)>& onMatch) const;

private:
    struct Pattern
    {
        QByteArray original;
        QByteArray folded;
        bool caseSensitive = false;
    };
    struct Entry
    {
        uint64_t key;
        int pattern;
        bool operator<(const Entry& o) const
        {
            return key < o.key || (key == o.key && pattern < o.pattern);
        }
    };
    void verify(const std::vector<Entry>& table, uint64_t key, const char* folded, const char* original,
        qsizetype remaining, qsizetype offset, const std::function<void(int, qsizetype)>& onMatch) const;

    std::vector<Pattern> m_patterns;
    std::vector<Entry> m_long; ///< patterns of ≥ 8 bytes by their first 8 folded bytes
    std::vector<Entry> m_short; ///< patterns of 4–7 bytes by their first 4 folded bytes
    std::vector<uint64_t> m_longBits;
    std::vector<uint64_t> m_shortBits;
    int m_longShift = 64;
    int m_shortShift = 64;
};
