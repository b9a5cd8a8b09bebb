// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

} // namespace Numbers
