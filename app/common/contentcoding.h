// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records.h"

#include <QByteArray>
#include <QStringList>

/// Undoing an HTTP Content-Encoding ("gzip", "br", "deflate", "zstd", or a list of them) on a stored body,
/// and the bookkeeping importers do for bodies they keep as they travelled (mitmproxy, Burp, Fiddler, Charles).
namespace ContentCoding {

struct Decoded
{
    QByteArray data; ///< the decoded body, or the input unchanged when nothing could be undone
    QStringList steps; ///< the codings removed, in order ("gzip")
    bool ok = true; ///< false when a listed coding is unknown or the data is corrupt
    bool limitReached = false; ///< stopped at maxOutput
    QString error; ///< why it does not decode ("corrupt compressed data …"), for messages
};

/// The encodings still applied to a body, normalised ("gzip, br"); empty for none or "identity".
QByteArray normalise(QByteArrayView contentEncodingHeader);

/// Codings are listed in the order they were applied and undone in reverse. "deflate" is read as zlib when
/// the data has a zlib header and as raw deflate otherwise, because servers disagree about it.
Decoded decode(const QByteArray& body, QByteArrayView contentEncoding, qint64 maxOutput);

/// Fills `body` from bytes as they were on the wire (after de-chunking) and the message's headers:
/// contentEncoding, wireSize and decodedSize (computed for bodies up to 8 MiB, bounded at 64 MiB of output:
/// this runs during import). Returns why the body does not decode, for a per-file warning, or an empty string.
QString describeWireBody(Data::Body& body, const Data::Headers& headers);

} // namespace ContentCoding
