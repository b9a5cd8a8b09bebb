// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <algorithm>
#include <cstdint>

namespace BenchKit {

/// xorshift64: the same inputs on every machine, whatever the standard library.
class Random
{
public:
    explicit Random(uint64_t seed)
        : m_s(seed ? seed : 1)
    { }
    uint64_t next()
    {
        m_s ^= m_s << 13;
        m_s ^= m_s >> 7;
        m_s ^= m_s << 17;
        return m_s;
    }
    /// A number in [lo, hi].
    int range(int lo, int hi)
    {
        return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1));
    }
    int below(int n)
    {
        return static_cast<int>(next() % static_cast<uint64_t>(n));
    }

private:
    uint64_t m_s;
};

/// `n` bytes of high entropy: slices of one pseudo-random block, so generating gigabytes stays fast.
QByteArray noise(Random& r, int n);

} // namespace BenchKit
