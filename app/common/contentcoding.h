// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringList>

/// Undoing an HTTP Content-Encoding ("gzip", "br", "deflate", "zstd", or a list of them) on a stored body.
namespace ContentCoding {

struct Decoded
{
    QByteArray data; ///< the decoded body, or the input unchanged when nothing could be undone
    QStringList steps; ///< the codings removed, in order ("gzip")
    bool ok = true; ///< false when a listed coding is unknown or the data is corrupt
    bool limitReached = false; ///< stopped at maxOutput
};

/// Codings are listed in the order they were applied and undone in reverse. "deflate" is tried as zlib first,
/// then raw, because servers disagree about it.
Decoded decode(const QByteArray& body, const QByteArray& contentEncoding, qint64 maxOutput);

} // namespace ContentCoding
