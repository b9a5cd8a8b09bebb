// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace BenchKit {

/// Writes a deterministic HAR 1.2 file of about `targetBytes`, as a browser or PCAPdroid exports it: JSON API
/// calls with JSON request bodies (analytics, identifiers, coordinates), form posts, images and media returned
/// as base64 (`"encoding": "base64"`, 10 KB … 3 MB), a few multi-megabyte base64 uploads, and the usual
/// headers, cookies, query strings and timings. Returns the number of entries, or -1 when the file cannot be
/// written.
qint64 generateHar(const QString& path, qint64 targetBytes);

} // namespace BenchKit
