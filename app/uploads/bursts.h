// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uploadstore.h"

namespace Uploads {

/// An encrypted connection as the burst finder sees it (from the `connections` table).
struct EncryptedConnection
{
    qint64 id = 0;
    qint64 captureId = 0;
    qint64 appId = 0;
    QString host; ///< SNI, DNS name or address
    Data::Timestamp firstSeen = 0;
    Data::Timestamp lastSeen = 0;
    qint64 bytesUp = 0;
};

struct BurstOptions
{
    /// Outbound bytes a burst needs to count (research §8.3's upload threshold).
    qint64 minBytes = 50 * 1024;
    /// Connections to one host this close in time form one burst (apps open several in parallel).
    qint64 mergeGapUs = 2 * 1000 * 1000;
};

/// Groups encrypted connections per capture and host into outbound bursts (research §8.6). The connection
/// table only has each connection's total and its first and last packet, so a burst spans whole connections:
/// when a connection lives long, the burst says "somewhere in this span", never a finer time.
std::vector<Data::UploadBurst> findBursts(
    std::vector<EncryptedConnection> connections, const BurstOptions& options = {});

/// Outbound TLS bytes minus the record overhead (≤ 29 bytes per ≤ 16 KiB record, research §8.6).
qint64 estimatePayload(qint64 bytesUp);

} // namespace Uploads
