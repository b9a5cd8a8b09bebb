// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records.h"

#include <QString>

#include <optional>

/// Time conversions shared by every importer and export: everything inside is UTC microseconds.
namespace TimeUtil {

/// Parses ISO-8601 / RFC 3339 ("2026-11-20T14:03:05.250Z", "…+02:00", "2026-11-20 14:03:05", fractional
/// seconds of any length). Without an offset the time is taken as UTC.
std::optional<Data::Timestamp> parseIso8601(QStringView text);

/// "2026-11-20T14:03:05.250000Z" (microseconds kept when non-zero, else whole seconds).
QString formatIsoUtc(Data::Timestamp ts);

/// Seconds since the epoch as a double (mitmproxy, Zeek) to microseconds, rounding to the nearest µs.
Data::Timestamp fromEpochSeconds(double seconds);
/// A duration a capture states (in microseconds, as a double), or nothing when it is not a plausible one:
/// negative, not finite, or a year or longer (a damaged entry; the flow then keeps its start only).
std::optional<qint64> durationUs(double microseconds);
/// Whole seconds and microseconds as a file states them (libpcap's timeval, tshark's epoch) to microseconds,
/// the seconds saturated so the product cannot overflow; the pipeline then bounds the result to plausible times.
Data::Timestamp fromEpochParts(qint64 seconds, qint64 microseconds);

Data::Timestamp now();

} // namespace TimeUtil
