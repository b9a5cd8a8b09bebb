// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace BenchKit {

/// Writes about `targetBytes` of mitmproxy flows in the format Debian's mitmdump reads (flow format 17,
/// mitmproxy 8), from the flows of tests/data/mitm/generated__mitmproxy8.mitm used as templates: HTTP flows with
/// bodies of many sizes (some gzip), a few 12 MB uploads (larger than the reader's in-memory limit), WebSocket,
/// TCP and DNS flows, and some flows written twice (appended dumps), as real dumps have. Deterministic.
/// Returns the number of distinct flows, or -1 when the templates or the file cannot be read or written.
qint64 generateMitmproxyDump(const QString& path, qint64 targetBytes);

} // namespace BenchKit
