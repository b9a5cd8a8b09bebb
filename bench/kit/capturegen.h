// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace BenchKit {

enum class PacketFormat
{
    Pcap,
    Pcapng
};

struct GeneratedCapture
{
    qint64 packets = 0;
    qint64 bytes = 0;
    qint64 conversations = 0; ///< DNS lookups, TCP connections and UDP conversations started
};

/// Writes a deterministic packet capture of about `targetBytes`: the mix of a phone capture, 200 interleaved
/// conversations at a time of DNS lookups (25%), TLS connections with a ClientHello naming the server, then
/// opaque records (50%), cleartext HTTP/1.1 keep-alive exchanges with bodies split over many segments (15%)
/// and opaque QUIC-like UDP (10%), from 8 phone addresses to 600 servers. Fails with qFatal when the file
/// cannot be written.
GeneratedCapture generateCapture(const QString& path, qint64 targetBytes, PacketFormat format);

} // namespace BenchKit
