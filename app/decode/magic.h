// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

/// File-type recognition by magic bytes (research §7 "Photos / videos / audio uploads"): what a body, a
/// multipart part or a decoded base64 blob is, from its first bytes. Shared by the decoder (a base64 string
/// that decodes to gzip or a JPEG is accepted even though it is not text) and the media detectors.
namespace Decode::Magic {

enum class Kind
{
    None,
    Gzip,
    Zlib,
    Zstd,
    Zip,
    BinaryPlist,
    Pdf,
    Jpeg,
    Png,
    Gif,
    WebP,
    Heif,
    Avif, // images
    Mp4,
    QuickTime,
    ThreeGp,
    M4v,
    Matroska, // video (Matroska covers WebM)
    M4a,
    Ogg,
    Mp3,
    Aac,
    Amr,
    Wav,
    Flac, // audio
};
enum class MediaClass
{
    None,
    Image,
    Video,
    Audio
};

struct Sniffed
{
    Kind kind = Kind::None;
    MediaClass media = MediaClass::None;
    QString name; ///< "JPEG", "MP4 (isom)", "QuickTime", "Ogg Opus" …
    QString brand; ///< ISO-BMFF major brand, e.g. "isom", "qt  ", "heic"
};

Sniffed sniff(QByteArrayView head);

/// The smallest size at which a payload of this kind is plausibly a real file rather than a stray prefix
/// (a JPEG needs its headers and at least a scan; a video container its boxes).
qint64 plausibleMinimumSize(Kind kind);

/// For a JPEG: the EXIF GPS position (APP1 → TIFF → GPS IFD), when present and in range.
bool exifGps(QByteArrayView jpeg, double* latitude, double* longitude);

} // namespace Decode::Magic
