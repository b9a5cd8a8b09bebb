// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clocksync.h"

#include <QByteArrayView>

#include <optional>

class Investigation;

/// Adds a markers CSV to one capture, and optionally sets its clock offset: what `leakscope markers` and the
/// demo do (the window adds markers one by one through MarkerStore). The caller re-runs the analysis
/// (Analysis::run with "uploads-markers").
namespace MarkersImport {

struct Options
{
    bool replace = false; ///< remove the capture's markers first
    std::optional<qint64> clockOffsetUs; ///< set this offset (marker clock − capture clock)
    QString syncBeacon; ///< or compute it from this beacon (ClockSync) …
    Data::Timestamp syncOpenedAt = 0; ///< … opened at this time on the marker clock
};

struct Result
{
    int added = 0;
    int removed = 0;
    bool offsetSet = false;
    qint64 offsetUs = 0;
    ClockSync::Sighting sighting; ///< the beacon sighting used, when a beacon was given
};

/// All or nothing: a CSV error or an unknown beacon leaves the investigation unchanged. `csv` may be empty
/// (only the clock offset is set). Returns false with `error` ("line 4: …").
bool apply(Investigation& investigation, qint64 captureId, QByteArrayView csv, const Options& options, Result* result,
    QString* error);

} // namespace MarkersImport
