// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// Zeek logs (research/formats-and-detection.md §3.4), TSV or JSON, plain or gzipped. Zeek keeps metadata only,
/// so what comes out is metadata too:
///  - conn.log: one connection per row, bytes and packets each way; TLS and QUIC connections with no
///    cleartext HTTP request are flagged Encrypted;
///  - http.log: one HeadersOnly flow per request (method, host, URI, user agent, referrer, status, sizes);
///  - dns.log: the answers, for the IP → name map;
///  - ssl.log, quic.log, files.log: joined into the above by uid (connections) or file id (flows).
/// A log is joined with the other logs of its set found next to it ("conn.log" with "ssl.log",
/// "x_conn.12:00:00-13:00:00.log.gz" with "x_ssl.12:00:00-13:00:00.log.gz"). Every record comes from exactly one
/// file, so importing a whole log folder gives each connection, request and answer once.
class ZeekImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
