// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contentcoding.h"

#include "compression.h"

namespace ContentCoding {

Decoded decode(const QByteArray& body, const QByteArray& contentEncoding, qint64 maxOutput)
{
    Decoded out;
    out.data = body;
    const QList<QByteArray> codings = contentEncoding.toLower().split(',');
    for (auto it = codings.crbegin(); it != codings.crend(); ++it) {
        const QByteArray c = it->trimmed();
        Compression::Codec codec;
        if (c == "gzip" || c == "x-gzip")
            codec = Compression::Codec::Gzip;
        else if (c == "deflate")
            codec = (out.data.size() >= 2 && static_cast<unsigned char>(out.data[0]) == 0x78)
                ? Compression::Codec::Zlib
                : Compression::Codec::RawDeflate;
        else if (c == "br")
            codec = Compression::Codec::Brotli;
        else if (c == "zstd")
            codec = Compression::Codec::Zstd;
        else if (c.isEmpty() || c == "identity")
            continue;
        else {
            out.ok = false;
            return out;
        }
        auto r = Compression::decompress(codec, out.data, maxOutput);
        if (!r.ok && codec == Compression::Codec::Zlib)
            r = Compression::decompress(Compression::Codec::RawDeflate, out.data, maxOutput);
        if (!r.ok && !r.limitReached) {
            out.ok = false;
            return out;
        }
        out.data = std::move(r.data);
        out.limitReached = out.limitReached || r.limitReached;
        out.steps.append(QString::fromLatin1(c));
    }
    return out;
}

} // namespace ContentCoding
