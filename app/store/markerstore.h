// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class Database;

namespace Data {

/// A user action the investigator recorded (EXPORT.md "Markers CSV"): when it happened, on the investigator's
/// clock (the phone's, usually), and what it was. `ts` is stored as given; the capture's clock offset turns
/// it into capture time (MarkerStore::toCaptureTime).
struct Marker
{
    qint64 id = 0;
    qint64 captureId = 0;
    Timestamp ts = 0;
    QString label;
    QString note;
    Timestamp createdAt = 0;

    bool operator==(const Marker& o) const
    {
        return id == o.id && captureId == o.captureId && ts == o.ts && label == o.label && note == o.note;
    }
};

} // namespace Data

/// The `markers` table (schema migration 2) and the capture clock offset (`captures.clock_offset_us`): typed
/// reads and writes.
///
/// Clock convention: `clock_offset_us` is what must be added to a capture timestamp to get the time on the
/// investigator's marker clock (marker clock − capture clock). Markers are kept in marker time; analysis and
/// the timeline line them up against traffic in capture time, marker.ts − offset.
namespace MarkerStore {

/// The labels with a meaning for the analysis (EXPORT.md), in the order of a typical session.
const QStringList& knownLabels();

/// The capture's markers ordered by time (then id).
std::vector<Data::Marker> list(Database& db, qint64 captureId);
/// Markers of every capture (for the export), ordered by capture, time and id.
std::vector<Data::Marker> all(Database& db);
std::optional<Data::Marker> marker(Database& db, qint64 id);

/// Inserts a marker and returns its id. A marker with a non-zero id is inserted under that id (undoing a
/// deletion restores the same marker). Throws StoreError (e.g. an unknown capture).
qint64 add(Database& db, const Data::Marker& marker);
/// Adds several markers in one transaction; returns their ids.
std::vector<qint64> addAll(Database& db, qint64 captureId, const std::vector<Data::Marker>& markers);
/// Changes time, label and note of a stored marker; false when there is no such marker.
bool update(Database& db, const Data::Marker& marker);
bool remove(Database& db, qint64 id);
/// Removes every marker of a capture; returns how many.
int removeAll(Database& db, qint64 captureId);

qint64 clockOffset(Database& db, qint64 captureId);
void setClockOffset(Database& db, qint64 captureId, qint64 offsetUs);

/// A marker time in capture time, and back.
inline Data::Timestamp toCaptureTime(Data::Timestamp markerTs, qint64 clockOffsetUs)
{
    return markerTs - clockOffsetUs;
}
inline Data::Timestamp toMarkerTime(Data::Timestamp captureTs, qint64 clockOffsetUs)
{
    return captureTs + clockOffsetUs;
}

} // namespace MarkerStore
