// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mediafingerprint.h"

#include "common/timeutil.h"
#include "decode/magic.h"
#include "mediaprobes.h"
#include "randomaccess.h"

#include <QJsonArray>

#include <cmath>

namespace Uploads {

namespace {

using Decode::Magic::Kind;

QString formatOf(Kind kind)
{
    switch (kind) {
    case Kind::Mp4:
        return QStringLiteral("mp4");
    case Kind::QuickTime:
        return QStringLiteral("quicktime");
    case Kind::ThreeGp:
        return QStringLiteral("3gp");
    case Kind::M4v:
        return QStringLiteral("m4v");
    case Kind::M4a:
        return QStringLiteral("m4a");
    case Kind::Heif:
        return QStringLiteral("heif");
    case Kind::Avif:
        return QStringLiteral("avif");
    case Kind::Jpeg:
        return QStringLiteral("jpeg");
    case Kind::Png:
        return QStringLiteral("png");
    case Kind::WebP:
        return QStringLiteral("webp");
    case Kind::Gif:
        return QStringLiteral("gif");
    case Kind::Matroska:
        return QStringLiteral("matroska");
    case Kind::Ogg:
        return QStringLiteral("ogg");
    case Kind::Mp3:
        return QStringLiteral("mp3");
    case Kind::Aac:
        return QStringLiteral("aac");
    case Kind::Amr:
        return QStringLiteral("amr");
    case Kind::Wav:
        return QStringLiteral("wav");
    case Kind::Flac:
        return QStringLiteral("flac");
    default:
        return {};
    }
}

QString className(Decode::Magic::MediaClass c)
{
    switch (c) {
    case Decode::Magic::MediaClass::Image:
        return QStringLiteral("image");
    case Decode::Magic::MediaClass::Video:
        return QStringLiteral("video");
    case Decode::Magic::MediaClass::Audio:
        return QStringLiteral("audio");
    default:
        return {};
    }
}

} // namespace

MediaFingerprint probe(RandomAccess& source)
{
    MediaFingerprint fp;
    const QByteArray head = source.read(0, 64);
    const Decode::Magic::Sniffed sniffed = Decode::Magic::sniff(head);
    fp.format = formatOf(sniffed.kind);
    if (fp.format.isEmpty())
        return fp;
    fp.mediaClass = className(sniffed.media);
    fp.brand = sniffed.brand.trimmed();
    switch (sniffed.kind) {
    case Kind::Mp4:
    case Kind::QuickTime:
    case Kind::ThreeGp:
    case Kind::M4v:
    case Kind::M4a:
    case Kind::Heif:
    case Kind::Avif:
        probeIsoBmff(source, fp);
        break;
    case Kind::Jpeg:
        probeJpeg(source, fp);
        break;
    case Kind::Png:
        probePng(source, fp);
        break;
    case Kind::WebP:
        probeWebp(source, fp);
        break;
    case Kind::Gif:
        probeGif(source, fp);
        break;
    default:
        fp.notes.append(QStringLiteral("%1: recognised by its magic bytes; no structural fingerprint for this format")
                            .arg(sniffed.name));
        break;
    }
    if (fp.width < 0 || fp.height < 0 || fp.width > 1000000 || fp.height > 1000000) {
        fp.notes.append(QStringLiteral("implausible size %1×%2 ignored").arg(fp.width).arg(fp.height));
        fp.width = fp.height = 0;
    }
    if (!std::isfinite(fp.durationSeconds) || fp.durationSeconds > 1e7)
        fp.durationSeconds = -1;
    return fp;
}

std::pair<int, int> MediaFingerprint::displaySize() const
{
    if (rotation == 90 || rotation == 270)
        return { height, width };
    return { width, height };
}

QJsonObject MediaFingerprint::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("format"), format);
    if (!mediaClass.isEmpty())
        o.insert(QStringLiteral("class"), mediaClass);
    if (!brand.isEmpty())
        o.insert(QStringLiteral("brand"), brand);
    if (width > 0 && height > 0) {
        o.insert(QStringLiteral("width"), width);
        o.insert(QStringLiteral("height"), height);
    }
    if (durationSeconds >= 0)
        o.insert(QStringLiteral("duration"), std::round(durationSeconds * 1000) / 1000);
    if (!videoCodec.isEmpty())
        o.insert(QStringLiteral("video_codec"), videoCodec);
    if (!audioCodec.isEmpty())
        o.insert(QStringLiteral("audio_codec"), audioCodec);
    if (rotation)
        o.insert(QStringLiteral("rotation"), rotation);
    if (creationTime)
        o.insert(QStringLiteral("creation_time"), TimeUtil::formatIsoUtc(creationTime));
    if (!make.isEmpty())
        o.insert(QStringLiteral("make"), make);
    if (!model.isEmpty())
        o.insert(QStringLiteral("model"), model);
    if (!software.isEmpty())
        o.insert(QStringLiteral("software"), software);
    if (!dateTimeOriginal.isEmpty())
        o.insert(QStringLiteral("date_time_original"), dateTimeOriginal);
    if (orientation)
        o.insert(QStringLiteral("orientation"), orientation);
    if (hasGps) {
        o.insert(QStringLiteral("gps_latitude"), latitude);
        o.insert(QStringLiteral("gps_longitude"), longitude);
    }
    if (!notes.isEmpty())
        o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
    return o;
}

MediaFingerprint MediaFingerprint::fromJson(const QJsonObject& o)
{
    MediaFingerprint fp;
    fp.format = o.value(QStringLiteral("format")).toString();
    fp.mediaClass = o.value(QStringLiteral("class")).toString();
    fp.brand = o.value(QStringLiteral("brand")).toString();
    fp.width = o.value(QStringLiteral("width")).toInt();
    fp.height = o.value(QStringLiteral("height")).toInt();
    fp.durationSeconds = o.value(QStringLiteral("duration")).toDouble(-1);
    fp.videoCodec = o.value(QStringLiteral("video_codec")).toString();
    fp.audioCodec = o.value(QStringLiteral("audio_codec")).toString();
    fp.rotation = o.value(QStringLiteral("rotation")).toInt();
    if (const auto t = TimeUtil::parseIso8601(o.value(QStringLiteral("creation_time")).toString()))
        fp.creationTime = *t;
    fp.make = o.value(QStringLiteral("make")).toString();
    fp.model = o.value(QStringLiteral("model")).toString();
    fp.software = o.value(QStringLiteral("software")).toString();
    fp.dateTimeOriginal = o.value(QStringLiteral("date_time_original")).toString();
    fp.orientation = o.value(QStringLiteral("orientation")).toInt();
    fp.hasGps = o.contains(QStringLiteral("gps_latitude"));
    fp.latitude = o.value(QStringLiteral("gps_latitude")).toDouble();
    fp.longitude = o.value(QStringLiteral("gps_longitude")).toDouble();
    for (const QJsonValue& n : o.value(QStringLiteral("notes")).toArray())
        fp.notes.append(n.toString());
    return fp;
}

QString MediaFingerprint::describe() const
{
    if (!isMedia())
        return QStringLiteral("not recognised as media");
    QStringList parts;
    QString kind = format.toUpper();
    if (format == u"quicktime")
        kind = QStringLiteral("QuickTime");
    else if (format == u"heif")
        kind = QStringLiteral("HEIF");
    parts.append(mediaClass.isEmpty() ? kind : kind + u' ' + mediaClass);
    if (width > 0 && height > 0) {
        const auto [w, h] = displaySize();
        parts.append(QStringLiteral("%1×%2").arg(w).arg(h));
    }
    if (durationSeconds >= 0)
        parts.append(QStringLiteral("%1 s").arg(durationSeconds, 0, 'f', 2));
    if (!videoCodec.isEmpty())
        parts.append(videoCodec);
    if (!audioCodec.isEmpty())
        parts.append(audioCodec);
    if (!make.isEmpty() || !model.isEmpty())
        parts.append(QStringLiteral("camera %1").arg(QStringList { make, model }.join(u' ').trimmed()));
    if (!dateTimeOriginal.isEmpty())
        parts.append(QStringLiteral("taken %1").arg(dateTimeOriginal));
    else if (creationTime)
        parts.append(QStringLiteral("created %1").arg(TimeUtil::formatIsoUtc(creationTime)));
    if (hasGps)
        parts.append(QStringLiteral("GPS %1, %2").arg(latitude, 0, 'f', 5).arg(longitude, 0, 'f', 5));
    return parts.join(QStringLiteral(", "));
}

QString matchName(MatchKind kind)
{
    switch (kind) {
    case MatchKind::Exact:
        return QStringLiteral("exact");
    case MatchKind::Structural:
        return QStringLiteral("structural");
    case MatchKind::None:
        break;
    }
    return QStringLiteral("none");
}

MatchResult match(const QString& uploadSha256, const MediaFingerprint& upload, const QString& referenceSha256,
    const MediaFingerprint& reference)
{
    MatchResult r;
    if (!uploadSha256.isEmpty() && uploadSha256.compare(referenceSha256, Qt::CaseInsensitive) == 0) {
        r.kind = MatchKind::Exact;
        r.reason = QStringLiteral("the same bytes (SHA-256 %1…)").arg(referenceSha256.left(16));
        return r;
    }
    if (!upload.isMedia() || !reference.isMedia() || upload.mediaClass != reference.mediaClass)
        return r;
    if (upload.width <= 0 || upload.height <= 0 || reference.width <= 0 || reference.height <= 0)
        return r;
    // Apps re-encode and may write the rotation into the pixels or into the matrix: compare the size as shown.
    const auto [uw, uh] = upload.displaySize();
    const auto [rw, rh] = reference.displaySize();
    if (uw != rw || uh != rh)
        return r;
    QString why = QStringLiteral("same size %1×%2").arg(uw).arg(uh);
    if (upload.mediaClass == u"video" || upload.mediaClass == u"audio") {
        if (upload.durationSeconds < 0 || reference.durationSeconds < 0)
            return r;
        const double delta = std::abs(upload.durationSeconds - reference.durationSeconds);
        if (delta > DurationTolerance + 1e-9)
            return r;
        why += QStringLiteral(" and duration %1 s (reference %2 s)")
                   .arg(upload.durationSeconds, 0, 'f', 2)
                   .arg(reference.durationSeconds, 0, 'f', 2);
        if (!upload.videoCodec.isEmpty() && upload.videoCodec != reference.videoCodec)
            why += QStringLiteral("; re-encoded from %1 to %2").arg(reference.videoCodec, upload.videoCodec);
    } else if (!upload.dateTimeOriginal.isEmpty() && !reference.dateTimeOriginal.isEmpty()) {
        // Two photos of the same size taken at different moments are different photos.
        if (upload.dateTimeOriginal != reference.dateTimeOriginal)
            return r;
        why += QStringLiteral(" and the same EXIF time %1").arg(upload.dateTimeOriginal);
    } else {
        why += QStringLiteral(" (dimensions only: the upload carries no EXIF time to compare)");
    }
    r.kind = MatchKind::Structural;
    r.reason = why;
    return r;
}

} // namespace Uploads
