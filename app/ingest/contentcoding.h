// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QByteArray>
#include <QString>

/// Content-Encoding bookkeeping shared by the importers that keep bodies as they travelled (mitmproxy, Burp,
/// Fiddler, Charles): which encodings are still applied, and the decoded size when it is cheap to know.
namespace ContentCoding {

/// The encodings still applied to a body, normalised ("gzip, br"); empty for none or "identity".
QByteArray normalise(QByteArrayView contentEncodingHeader);

struct Decoded
{
    qint64 size = -1; ///< decoded size, -1 when not computed (too large, unknown encoding) or undecodable
    QString error; ///< why the body does not decode ("corrupt compressed data …"); empty when fine or skipped
};

/// Decodes `data` through `encodings` (applied left to right, so removed right to left) to learn its decoded
/// size. Only bodies up to `maxWire` bytes are decoded, and output stops at `maxOutput`: this runs during
/// import, where a decompression bomb must not cost more than that.
Decoded decodedSize(
    QByteArrayView encodings, QByteArrayView data, qint64 maxWire = 8 << 20, qint64 maxOutput = 64 << 20);

/// Fills `body` from bytes as they were on the wire (after de-chunking) and the message's headers:
/// contentEncoding, wireSize and decodedSize. Returns the decoding error, if any, for a per-file warning.
QString describeWireBody(Data::Body& body, const Data::Headers& headers);

} // namespace ContentCoding
