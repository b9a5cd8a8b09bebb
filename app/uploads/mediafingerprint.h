// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

class RandomAccess;

namespace Uploads {

/// What a media file is, structurally (research §8.3): enough to recognise the same video or photo after an
/// app re-encoded it, and what it reveals (EXIF camera, time and position).
struct MediaFingerprint
{
    QString format; ///< mp4, quicktime, 3gp, m4v, heif, avif, jpeg, png, webp, gif; empty when not media
    QString mediaClass; ///< video, image, audio, or empty
    QString brand; ///< ISO-BMFF major brand
    int width = 0; ///< display size (video: the track header; images: the pixel size)
    int height = 0;
    double durationSeconds = -1; ///< -1 unknown
    QString videoCodec; ///< the stsd sample entry FourCC, e.g. avc1, hvc1
    QString audioCodec; ///< e.g. mp4a
    int rotation = 0; ///< degrees, from the track matrix (video) or the EXIF orientation (photos)
    Data::Timestamp creationTime = 0; ///< container creation time (mvhd) or EXIF DateTimeOriginal (as UTC)
    // EXIF
    QString make;
    QString model;
    QString software;
    QString dateTimeOriginal; ///< as written ("2026:11:20 14:02:11")
    int orientation = 0;
    bool hasGps = false;
    double latitude = 0;
    double longitude = 0;
    QStringList notes; ///< what could not be read and why

    bool isMedia() const
    {
        return !format.isEmpty();
    }
    QJsonObject toJson() const;
    static MediaFingerprint fromJson(const QJsonObject& o);
    /// "MP4 video, 720×1280, 4.00 s, avc1" (plain text).
    QString describe() const;
    /// The width and height as shown (swapped for 90°/270° rotations).
    std::pair<int, int> displaySize() const;
};

/// Sniffs and fingerprints a media file. Bounded: reads box and segment headers and at most a few MiB of
/// metadata (the MP4 `moov`, the JPEG headers, the HEIF `meta`), never the media data itself; hostile input
/// yields notes, never a crash.
MediaFingerprint probe(RandomAccess& source);

/// How an upload relates to a reference file (EXPORT.md `reference_media_match`).
enum class MatchKind
{
    None,
    Structural, ///< same kind of media, same dimensions (and duration within the tolerance)
    Exact, ///< the same bytes (SHA-256)
};
QString matchName(MatchKind kind); ///< "exact", "structural", "none"

struct MatchResult
{
    MatchKind kind = MatchKind::None;
    QString reason; ///< plain text, e.g. "same SHA-256" or "720×1280 and 4.00 s (reference 4.00 s)"
};

/// Tolerance on durations for a structural match: apps trim a frame or two when they re-encode (research
/// §8.3: ±0.1 s).
constexpr double DurationTolerance = 0.1;

/// Compares an upload (its SHA-256, empty when incomplete, and fingerprint) with one reference file.
MatchResult match(const QString& uploadSha256, const MediaFingerprint& upload, const QString& referenceSha256,
    const MediaFingerprint& reference);

} // namespace Uploads
