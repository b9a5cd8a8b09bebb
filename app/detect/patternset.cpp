// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "patternset.h"

#include <algorithm>
#include <cstring>

namespace {

constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr qsizetype kChunk = 64 * 1024;

/// ASCII lowercase of 8 bytes at once: bytes 'A'…'Z' get bit 5 set, all others stay as they are.
inline uint64_t fold8(uint64_t x)
{
    const uint64_t low7 = x & (0x7F * kOnes);
    const uint64_t geA = low7 + (0x80 - 'A') * kOnes; // bit 7 set where byte ≥ 'A'
    const uint64_t gtZ = low7 + (0x80 - 'Z' - 1) * kOnes; // bit 7 set where byte > 'Z'
    const uint64_t upper = geA & ~gtZ & ~x & (0x80 * kOnes);
    return x | (upper >> 2);
}

inline char foldByte(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

inline uint64_t load8(const char* p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

inline uint32_t load4(const char* p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

int bitsFor(size_t patterns)
{
    // About 256 bits per pattern keeps chance hits near 0.4% (each costs a lookup); at least 8 KB, at most 4 MB.
    int bits = 16;
    while (bits < 25 && (size_t(1) << bits) < patterns * 256)
        ++bits;
    return bits;
}

} // namespace

int PatternSet::add(QByteArrayView pattern, bool caseSensitive)
{
    if (pattern.size() < MinLength)
        return -1;
    Pattern p;
    p.original = pattern.toByteArray();
    p.folded = p.original;
    for (char& c : p.folded)
        c = foldByte(c);
    p.caseSensitive = caseSensitive;
    m_patterns.push_back(std::move(p));
    return static_cast<int>(m_patterns.size()) - 1;
}

void PatternSet::build()
{
    m_long.clear();
    m_short.clear();
    for (size_t i = 0; i < m_patterns.size(); ++i) {
        const QByteArray& f = m_patterns[i].folded;
        if (f.size() >= 8)
            m_long.push_back({ load8(f.constData()), static_cast<int>(i) });
        else
            m_short.push_back({ load4(f.constData()), static_cast<int>(i) });
    }
    std::sort(m_long.begin(), m_long.end());
    std::sort(m_short.begin(), m_short.end());
    const int longBits = bitsFor(m_long.size());
    const int shortBits = bitsFor(m_short.size());
    m_longShift = 64 - longBits;
    m_shortShift = 64 - shortBits;
    m_longBits.assign(m_long.empty() ? 0 : (size_t(1) << longBits) / 64, 0);
    m_shortBits.assign(m_short.empty() ? 0 : (size_t(1) << shortBits) / 64, 0);
    for (const Entry& e : m_long) {
        const uint64_t h = (e.key * kMul) >> m_longShift;
        m_longBits[h >> 6] |= uint64_t(1) << (h & 63);
    }
    for (const Entry& e : m_short) {
        const uint64_t h = (e.key * kMul) >> m_shortShift;
        m_shortBits[h >> 6] |= uint64_t(1) << (h & 63);
    }
}

void PatternSet::verify(const std::vector<Entry>& table, uint64_t key, const char* folded, const char* original,
    qsizetype remaining, qsizetype offset, const std::function<void(int, qsizetype)>& onMatch) const
{
    auto it = std::lower_bound(table.begin(), table.end(), Entry { key, -1 });
    for (; it != table.end() && it->key == key; ++it) {
        const Pattern& p = m_patterns[static_cast<size_t>(it->pattern)];
        const qsizetype n = p.folded.size();
        if (n > remaining)
            continue;
        const bool same = p.caseSensitive ? memcmp(original, p.original.constData(), static_cast<size_t>(n)) == 0
                                          : memcmp(folded, p.folded.constData(), static_cast<size_t>(n)) == 0;
        if (same)
            onMatch(it->pattern, offset);
    }
}

void PatternSet::scan(QByteArrayView text, const std::function<void(int, qsizetype)>& onMatch) const
{
    if (m_patterns.empty() || text.size() < MinLength)
        return;
    // The text is folded a chunk at a time into a buffer with room for the longest pattern past the chunk
    // end, so that every candidate can be verified against folded bytes.
    qsizetype longest = 0;
    for (const Pattern& p : m_patterns)
        longest = std::max(longest, p.folded.size());
    thread_local std::vector<char> buffer;
    const bool haveLong = !m_long.empty();
    const bool haveShort = !m_short.empty();
    const uint64_t* longBits = m_longBits.data();
    const uint64_t* shortBits = m_shortBits.data();
    for (qsizetype base = 0; base < text.size(); base += kChunk) {
        const qsizetype count = std::min(kChunk, text.size() - base);
        const qsizetype avail = std::min(text.size() - base, count + longest);
        buffer.resize(static_cast<size_t>(avail + 16));
        char* folded = buffer.data();
        const char* src = text.data() + base;
        qsizetype i = 0;
        for (; i + 8 <= avail; i += 8) {
            const uint64_t v = fold8(load8(src + i));
            memcpy(folded + i, &v, 8);
        }
        for (; i < avail; ++i)
            folded[i] = foldByte(src[i]);
        memset(folded + avail, 0, 16);
        for (qsizetype pos = 0; pos < count; ++pos) {
            const qsizetype remaining = avail - pos;
            if (haveLong && remaining >= 8) {
                const uint64_t key = load8(folded + pos);
                const uint64_t h = (key * kMul) >> m_longShift;
                if (longBits[h >> 6] & (uint64_t(1) << (h & 63)))
                    verify(m_long, key, folded + pos, src + pos, remaining, base + pos, onMatch);
            }
            if (haveShort && remaining >= 4) {
                const uint64_t key = load4(folded + pos);
                const uint64_t h = (key * kMul) >> m_shortShift;
                if (shortBits[h >> 6] & (uint64_t(1) << (h & 63)))
                    verify(m_short, key, folded + pos, src + pos, remaining, base + pos, onMatch);
            }
        }
    }
}
