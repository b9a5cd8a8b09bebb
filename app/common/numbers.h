// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

namespace Numbers {

/// `value` truncated to an integer of type Int, or nothing when it is not finite or outside Int's range.
/// Converting such a double is undefined behaviour in C++, and capture files carry whatever numbers their
/// writer (or a fuzzer) chose: "bodySize": 1e300 (found by fuzzing the Charles importer).
template <typename Int> std::optional<Int> toInteger(double value)
{
    static_assert(std::is_integral_v<Int> && std::is_signed_v<Int>);
    // Both bounds are powers of two, so exact as doubles: [min, -min) is the range that truncates into Int.
    constexpr double lowest = static_cast<double>(std::numeric_limits<Int>::min());
    if (!std::isfinite(value) || value < lowest || value >= -lowest)
        return std::nullopt;
    return static_cast<Int>(value);
}

/// The largest byte count (of a connection, a body, an upload's offset or length) taken from a file as stated: 1 TiB.
/// Files state counts as 64-bit numbers and a broken or hostile one says 2^63 − 1; bounded here, the sums over
/// millions of them (in C++ and in SQL, whose sum() fails on an overflow) cannot overflow.
constexpr qint64 kMaxPlausibleBytes = qint64(1) << 40;

/// A count from a file bounded to [0, kMaxPlausibleBytes]; negative counts are 0.
inline qint64 plausibleCount(qint64 value)
{
    return value < 0 ? 0 : (value > kMaxPlausibleBytes ? kMaxPlausibleBytes : value);
}

} // namespace Numbers
