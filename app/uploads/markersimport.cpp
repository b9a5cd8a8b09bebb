// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "markersimport.h"

#include "markerscsv.h"
#include "store/investigation.h"
#include "store/markerstore.h"

namespace MarkersImport {

bool apply(
    Investigation& inv, qint64 captureId, QByteArrayView csv, const Options& options, Result* result, QString* error)
{
    std::vector<Data::Marker> markers;
    if (!csv.isEmpty()) {
        auto parsed = MarkersCsv::parse(csv, error);
        if (!parsed)
            return false;
        markers = std::move(*parsed);
    }
    Database& db = inv.db();
    try {
        Transaction tx(db);
        if (options.clockOffsetUs) {
            MarkerStore::setClockOffset(db, captureId, *options.clockOffsetUs);
            result->offsetSet = true;
            result->offsetUs = *options.clockOffsetUs;
        } else if (!options.syncBeacon.isEmpty()) {
            const auto offset = ClockSync::offsetFromBeacon(
                db, captureId, options.syncBeacon, options.syncOpenedAt, error, &result->sighting);
            if (!offset)
                return false;
            MarkerStore::setClockOffset(db, captureId, *offset);
            result->offsetSet = true;
            result->offsetUs = *offset;
        }
        if (options.replace)
            result->removed = MarkerStore::removeAll(db, captureId);
        for (Data::Marker m : markers) {
            m.id = 0;
            m.captureId = captureId;
            MarkerStore::add(db, m);
            ++result->added;
        }
        tx.commit();
    } catch (const StoreError& e) {
        *error = e.message();
        return false;
    }
    return true;
}

} // namespace MarkersImport
