// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contentcoding.h"

#include "compression.h"
#include "httputil.h"

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

Decoded decode(const QByteArray& body, QByteArrayView contentEncoding, qint64 maxOutput)
{
    Decoded out;
    out.data = body;
    const QList<QByteArray> codings = normalise(contentEncoding).split(',');
    for (auto it = codings.crbegin(); it != codings.crend(); ++it) {
        const QByteArray c = it->trimmed();
        if (c.isEmpty())
            continue;
        Compression::Codec codec;
        if (c == "gzip" || c == "x-gzip") {
            codec = Compression::Codec::Gzip;
        } else if (c == "deflate") {
            const auto* d = reinterpret_cast<const unsigned char*>(out.data.constData());
            const bool zlibHeader = out.data.size() >= 2 && (d[0] & 0x0F) == 8 && ((d[0] << 8) | d[1]) % 31 == 0;
            codec = zlibHeader ? Compression::Codec::Zlib : Compression::Codec::RawDeflate;
        } else if (c == "br") {
            codec = Compression::Codec::Brotli;
        } else if (c == "zstd") {
            codec = Compression::Codec::Zstd;
        } else {
            out.ok = false;
            out.error = QStringLiteral("unknown Content-Encoding %1").arg(QString::fromLatin1(c));
            return out;
        }
        Compression::Result r = Compression::decompress(codec, out.data, maxOutput);
        if (!r.ok && !r.limitReached) {
            out.ok = false;
            out.error = QStringLiteral("says Content-Encoding %1 but does not decode (%2)")
                            .arg(QString::fromLatin1(c), r.error);
            return out;
        }
        out.data = std::move(r.data);
        out.limitReached = out.limitReached || r.limitReached;
        out.steps.append(QString::fromLatin1(c));
    }
    return out;
}

QString describeWireBody(Data::Body& body, const Data::Headers& headers)
{
    constexpr qint64 kMaxWire = 8 << 20;
    constexpr qint64 kMaxOutput = 64 << 20;
    body.contentEncoding = normalise(HttpUtil::headerValue(headers, "content-encoding"));
    if (!body.present)
        return {};
    if (body.wireSize < 0)
        body.wireSize = body.data.size();
    if (body.contentEncoding.isEmpty()) {
        body.decodedSize = body.wireSize;
        return {};
    }
    // Only a prefix was kept, or decoding would cost too much at import: the decoded size stays unknown.
    if (body.data.size() < body.wireSize || body.data.size() > kMaxWire) {
        body.decodedSize = -1;
        return {};
    }
    const Decoded d = decode(body.data, body.contentEncoding, kMaxOutput);
    body.decodedSize = d.ok && !d.limitReached ? d.data.size() : -1;
    return d.ok ? QString() : d.error;
}

} // namespace ContentCoding
