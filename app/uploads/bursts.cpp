// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bursts.h"

#include "enrich/referencedata.h"

#include <algorithm>

namespace Uploads {

qint64 estimatePayload(qint64 bytesUp)
{
    const qint64 records = (bytesUp + 16384 + 29 - 1) / (16384 + 29);
    return std::max<qint64>(0, bytesUp - records * 29);
}

std::vector<Data::UploadBurst> findBursts(std::vector<EncryptedConnection> connections, const BurstOptions& options)
{
    std::sort(connections.begin(), connections.end(), [](const EncryptedConnection& a, const EncryptedConnection& b) {
        if (a.captureId != b.captureId)
            return a.captureId < b.captureId;
        if (a.host != b.host)
            return a.host < b.host;
        return a.firstSeen < b.firstSeen;
    });
    std::vector<Data::UploadBurst> out;
    Data::UploadBurst current;
    bool open = false;
    auto close = [&] {
        if (open && current.bytesUp >= options.minBytes) {
            current.payloadEstimate = estimatePayload(current.bytesUp);
            out.push_back(current);
        }
        open = false;
    };
    for (const EncryptedConnection& c : connections) {
        if (c.bytesUp <= 0 || c.host.isEmpty())
            continue;
        const qint64 last = std::max(c.lastSeen, c.firstSeen);
        const bool joins = open && current.captureId == c.captureId && current.host == c.host
            && c.firstSeen <= current.finished + options.mergeGapUs;
        if (!joins) {
            close();
            current = {};
            current.captureId = c.captureId;
            current.appId = c.appId;
            current.host = c.host;
            current.registrableDomain = ReferenceData::shared()->publicSuffix().siteOf(c.host);
            current.started = c.firstSeen;
            current.finished = last;
            open = true;
        }
        current.finished = std::max(current.finished, last);
        current.bytesUp += c.bytesUp;
        ++current.connections;
    }
    close();
    std::sort(out.begin(), out.end(), [](const Data::UploadBurst& a, const Data::UploadBurst& b) {
        return a.captureId != b.captureId ? a.captureId < b.captureId : a.started < b.started;
    });
    return out;
}

} // namespace Uploads
