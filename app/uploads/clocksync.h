// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QString>

#include <optional>
#include <vector>

class Database;

/// Lines up the investigator's clock (markers) with the capture's clock (research §8.2 "sync beacon"): before
/// the session the investigator opens a unique URL on the phone (http://sync-7f3a.example/) and notes the time;
/// the capture shows when the request, or the DNS query for its name, actually happened.
namespace ClockSync {

struct Sighting
{
    Data::Timestamp ts = 0; ///< capture time
    QString what; ///< "GET http://sync-7f3a.example/", "DNS answer for sync-7f3a.example", …
    qint64 flowId = 0;
};

/// Where the capture saw `beacon` (a URL, a host name, or a unique part of either; case-insensitive): requests
/// whose URL contains it, DNS answers and connections named by it. Earliest first. A URL beacon is also
/// looked for by its host name (the DNS query comes first).
std::vector<Sighting> find(Database& db, qint64 captureId, const QString& beacon);

/// The offset to store (captures.clock_offset_us, MarkerStore): the beacon was opened at `openedAt` on the
/// marker clock and seen at `seenAt` in the capture.
inline qint64 offsetFor(Data::Timestamp openedAt, Data::Timestamp seenAt)
{
    return openedAt - seenAt;
}

/// Finds the beacon and returns the offset from its earliest sighting; nullopt with `error` when the capture
/// does not show it.
std::optional<qint64> offsetFromBeacon(Database& db, qint64 captureId, const QString& beacon, Data::Timestamp openedAt,
    QString* error, Sighting* used = nullptr);

} // namespace ClockSync
