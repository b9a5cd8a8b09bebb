// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/// Bounded one-shot (de)compression with zlib, brotli and zstd. Every decoder stops at `maxOutput` bytes, so a
/// decompression bomb costs at most that much memory.
namespace Compression {

enum class Codec { Gzip, Zlib, RawDeflate, Brotli, Zstd };

struct Result
{
    QByteArray data;
    bool ok = false;
    bool limitReached = false; ///< output stopped at maxOutput; `data` holds the prefix
    QString error;
};

Result decompress(Codec codec, QByteArrayView input, qint64 maxOutput);

/// zstd at a fast level; used for bodies inside the investigation file.
QByteArray zstdCompress(QByteArrayView input, int level = 3);

/// True when the bytes look like they are already compressed (media containers, archives): compressing them
/// again wastes time for nothing.
bool looksIncompressible(QByteArrayView head);

} // namespace Compression
