// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contentcoding.h"

#include "common/compression.h"
#include "common/httputil.h"

#include <QList>

namespace ContentCoding {

QByteArray normalise(QByteArrayView header)
{
    QByteArray out;
    for (const QByteArray& part : header.toByteArray().split(',')) {
        const QByteArray e = part.trimmed().toLower();
        if (e.isEmpty() || e == "identity")
            continue;
        if (!out.isEmpty())
            out += ", ";
        out += e;
    }
    return out;
}

Decoded decodedSize(QByteArrayView encodings, QByteArrayView data, qint64 maxWire, qint64 maxOutput)
{
    Decoded d;
    const QByteArray norm = normalise(encodings);
    if (norm.isEmpty()) {
        d.size = data.size();
        return d;
    }
    if (data.size() > maxWire)
        return d;
    QList<QByteArray> chain = norm.split(',');
    QByteArray current = data.toByteArray();
    for (auto it = chain.crbegin(); it != chain.crend(); ++it) {
        const QByteArray e = it->trimmed();
        Compression::Codec codec;
        if (e == "gzip" || e == "x-gzip")
            codec = Compression::Codec::Gzip;
        else if (e == "deflate")
            // RFC 9110 says zlib-wrapped; some servers send raw deflate. Try the standard first.
            codec = current.size() >= 2 && (static_cast<unsigned char>(current[0]) & 0x0F) == 8
                    && ((static_cast<unsigned char>(current[0]) << 8) | static_cast<unsigned char>(current[1])) % 31
                        == 0
                ? Compression::Codec::Zlib
                : Compression::Codec::RawDeflate;
        else if (e == "br")
            codec = Compression::Codec::Brotli;
        else if (e == "zstd")
            codec = Compression::Codec::Zstd;
        else
            return d; // an encoding we cannot remove: size unknown, not an error
        Compression::Result r = Compression::decompress(codec, current, maxOutput);
        if (r.limitReached)
            return d;
        if (!r.ok) {
            d.error = QStringLiteral("says Content-Encoding %1 but does not decode (%2)")
                          .arg(QString::fromLatin1(e), r.error);
            return d;
        }
        current = std::move(r.data);
    }
    d.size = current.size();
    return d;
}

QString describeWireBody(Data::Body& body, const Data::Headers& headers)
{
    body.contentEncoding = normalise(HttpUtil::headerValue(headers, "content-encoding"));
    if (!body.present)
        return {};
    if (body.wireSize < 0)
        body.wireSize = body.data.size();
    if (body.data.size() < body.wireSize) { // only a prefix was kept: the decoded size is unknowable
        body.decodedSize = body.contentEncoding.isEmpty() ? body.wireSize : -1;
        return {};
    }
    const Decoded d = decodedSize(body.contentEncoding, body.data);
    body.decodedSize = d.size;
    return d.error;
}

} // namespace ContentCoding
