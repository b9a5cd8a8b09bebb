// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "compression.h"

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>

namespace Compression {

namespace {

constexpr qint64 kStep = 64 * 1024;

Result inflateWith(int windowBits, QByteArrayView input, qint64 maxOutput)
{
    Result r;
    z_stream zs {};
    if (inflateInit2(&zs, windowBits) != Z_OK) {
        r.error = QStringLiteral("zlib initialisation failed");
        return r;
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    zs.avail_in = static_cast<uInt>(std::min<qint64>(input.size(), UINT32_MAX));
    int rc = Z_OK;
    while (true) {
        const qint64 room = std::min(kStep, maxOutput - r.data.size());
        if (room <= 0) {
            r.limitReached = true;
            break;
        }
        const qsizetype old = r.data.size();
        r.data.resize(old + room);
        zs.next_out = reinterpret_cast<Bytef*>(r.data.data() + old);
        zs.avail_out = static_cast<uInt>(room);
        rc = inflate(&zs, Z_NO_FLUSH);
        r.data.resize(old + (room - zs.avail_out));
        if (rc == Z_STREAM_END) {
            // gzip allows several members back to back (pigz, log rotation): keep going.
            if (zs.avail_in > 0 && windowBits > 15 && inflateReset(&zs) == Z_OK)
                continue;
            break;
        }
        if (rc != Z_OK) {
            if (rc == Z_BUF_ERROR && zs.avail_in == 0)
                r.error = QStringLiteral("compressed data ends early");
            else
                r.error = QStringLiteral("corrupt compressed data (%1)").arg(QString::fromLatin1(zs.msg ? zs.msg : "zlib error"));
            break;
        }
    }
    inflateEnd(&zs);
    r.ok = r.error.isEmpty();
    return r;
}

Result brotliDecode(QByteArrayView input, qint64 maxOutput)
{
    Result r;
    BrotliDecoderState* st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    size_t availIn = static_cast<size_t>(input.size());
    const uint8_t* nextIn = reinterpret_cast<const uint8_t*>(input.data());
    while (true) {
        const qint64 room = std::min(kStep, maxOutput - r.data.size());
        if (room <= 0) {
            r.limitReached = true;
            break;
        }
        const qsizetype old = r.data.size();
        r.data.resize(old + room);
        size_t availOut = static_cast<size_t>(room);
        uint8_t* nextOut = reinterpret_cast<uint8_t*>(r.data.data() + old);
        const BrotliDecoderResult rc = BrotliDecoderDecompressStream(st, &availIn, &nextIn, &availOut, &nextOut, nullptr);
        r.data.resize(old + (room - static_cast<qint64>(availOut)));
        if (rc == BROTLI_DECODER_RESULT_SUCCESS)
            break;
        if (rc == BROTLI_DECODER_RESULT_ERROR) {
            r.error = QStringLiteral("corrupt brotli data (%1)")
                          .arg(QString::fromLatin1(BrotliDecoderErrorString(BrotliDecoderGetErrorCode(st))));
            break;
        }
        if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
            r.error = QStringLiteral("brotli data ends early");
            break;
        }
    }
    BrotliDecoderDestroyInstance(st);
    r.ok = r.error.isEmpty();
    return r;
}

Result zstdDecode(QByteArrayView input, qint64 maxOutput)
{
    Result r;
    ZSTD_DCtx* dctx = ZSTD_createDCtx();
    ZSTD_inBuffer in { input.data(), static_cast<size_t>(input.size()), 0 };
    size_t last = 1;
    while (in.pos < in.size || last != 0) {
        const qint64 room = std::min(kStep, maxOutput - r.data.size());
        if (room <= 0) {
            r.limitReached = true;
            break;
        }
        const qsizetype old = r.data.size();
        r.data.resize(old + room);
        ZSTD_outBuffer out { r.data.data() + old, static_cast<size_t>(room), 0 };
        last = ZSTD_decompressStream(dctx, &out, &in);
        r.data.resize(old + static_cast<qsizetype>(out.pos));
        if (ZSTD_isError(last)) {
            r.error = QStringLiteral("corrupt zstd data (%1)").arg(QString::fromLatin1(ZSTD_getErrorName(last)));
            break;
        }
        if (in.pos == in.size && last != 0 && out.pos < out.size) {
            r.error = QStringLiteral("zstd data ends early");
            break;
        }
    }
    ZSTD_freeDCtx(dctx);
    r.ok = r.error.isEmpty();
    return r;
}

} // namespace

Result decompress(Codec codec, QByteArrayView input, qint64 maxOutput)
{
    switch (codec) {
    case Codec::Gzip:
        return inflateWith(16 + MAX_WBITS, input, maxOutput);
    case Codec::Zlib:
        return inflateWith(MAX_WBITS, input, maxOutput);
    case Codec::RawDeflate:
        return inflateWith(-MAX_WBITS, input, maxOutput);
    case Codec::Brotli:
        return brotliDecode(input, maxOutput);
    case Codec::Zstd:
        return zstdDecode(input, maxOutput);
    }
    return {};
}

QByteArray zstdCompress(QByteArrayView input, int level)
{
    QByteArray out;
    out.resize(static_cast<qsizetype>(ZSTD_compressBound(static_cast<size_t>(input.size()))));
    const size_t n = ZSTD_compress(out.data(), static_cast<size_t>(out.size()), input.data(),
                                   static_cast<size_t>(input.size()), level);
    if (ZSTD_isError(n))
        return {};
    out.resize(static_cast<qsizetype>(n));
    return out;
}

bool looksIncompressible(QByteArrayView h)
{
    auto at = [&](qsizetype i, const char* magic, qsizetype n) {
        return h.size() >= i + n && memcmp(h.data() + i, magic, static_cast<size_t>(n)) == 0;
    };
    return at(0, "\xFF\xD8\xFF", 3) || at(0, "\x89PNG", 4) || at(0, "GIF8", 4) || at(4, "ftyp", 4)
        || at(0, "\x1A\x45\xDF\xA3", 4) || at(0, "OggS", 4) || at(0, "\x1F\x8B", 2) || at(0, "\x28\xB5\x2F\xFD", 4)
        || at(0, "PK\x03\x04", 4) || (at(0, "RIFF", 4) && at(8, "WEBP", 4)) || at(0, "ID3", 3) || at(0, "7z\xBC\xAF", 4);
}

} // namespace Compression
