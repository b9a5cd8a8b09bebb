// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Media fingerprints of real small files made by ffmpeg (tests/data/uploads, see SOURCES.md) and of crafted
// EXIF/HEIF structures; matching exact/structural/none; hostile input (every truncation, garbage) never crashes.
#include "common/hashing.h"
#include "common/timeutil.h"
#include "testutils.h"
#include "uploads/mediafingerprint.h"
#include "uploads/randomaccess.h"
#include "uploads/referencemedia.h"

#include <QFile>
#include <QTest>

using namespace TestUtils;
using Uploads::MediaFingerprint;

namespace {

QByteArray readData(const QString& name)
{
    QFile f(data(QStringLiteral("uploads/") + name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

MediaFingerprint probeBytes(const QByteArray& bytes)
{
    MemoryAccess access(bytes);
    return Uploads::probe(access);
}

QByteArray be16(int v)
{
    return QByteArray(1, char(v >> 8)) + QByteArray(1, char(v));
}
QByteArray be32(quint32 v)
{
    return be16(int(v >> 16)) + be16(int(v & 0xFFFF));
}
QByteArray box(const char* type, const QByteArray& payload)
{
    return be32(quint32(payload.size() + 8)) + QByteArray(type, 4) + payload;
}

/// Big-endian TIFF with Make, Model, DateTime in IFD0, DateTimeOriginal in the Exif IFD, and a GPS IFD.
QByteArray tiff()
{
    // Layout: header (8) | IFD0 at 8: 5 entries | Exif IFD | GPS IFD | data area.
    const int ifd0 = 8, ifd0Size = 2 + 5 * 12 + 4;
    const int exif = ifd0 + ifd0Size, exifSize = 2 + 1 * 12 + 4;
    const int gps = exif + exifSize, gpsSize = 2 + 4 * 12 + 4;
    int data = gps + gpsSize;
    QByteArray area;
    auto put = [&](const QByteArray& bytes) {
        const int at = data + int(area.size());
        area += bytes;
        return at;
    };
    const int make = put(QByteArray("Google\0", 7));
    const int model = put(QByteArray("Pixel 7\0", 8));
    const int original = put(QByteArray("2026:11:20 13:55:12\0", 20));
    auto dms = [](double v) -> QByteArray {
        const quint32 d = quint32(v), m = quint32((v - d) * 60), s = quint32(((v - d) * 60 - m) * 60 * 1000 + 0.5);
        return be32(d) + be32(1) + be32(m) + be32(1) + be32(s) + be32(1000);
    };
    const int lat = put(dms(37.44191)), lon = put(dms(122.14302));
    auto entry = [](int tag, int type, quint32 count, const QByteArray& value) -> QByteArray {
        return be16(tag) + be16(type) + be32(count) + value.leftJustified(4, '\0');
    };
    QByteArray t = QByteArray("MM\0*", 4) + be32(ifd0);
    t += be16(5) + entry(0x010F, 2, 7, be32(make)) + entry(0x0110, 2, 8, be32(model)) + entry(0x0112, 3, 1, be16(6))
        + entry(0x8769, 4, 1, be32(exif)) + entry(0x8825, 4, 1, be32(gps)) + be32(0);
    t += be16(1) + entry(0x9003, 2, 20, be32(original)) + be32(0);
    t += be16(4) + entry(1, 2, 2, QByteArray("N\0", 2)) + entry(2, 5, 3, be32(lat))
        + entry(3, 2, 2, QByteArray("W\0", 2)) + entry(4, 5, 3, be32(lon)) + be32(0);
    return t + area;
}

/// A JPEG with an APP1 EXIF segment and a baseline frame header of 1200×900.
QByteArray jpegWithExif()
{
    const QByteArray app1 = QByteArray("Exif\0\0", 6) + tiff();
    const QByteArray sof =
        QByteArray("\x08", 1) + be16(900) + be16(1200) + QByteArray("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
    return QByteArray("\xFF\xD8", 2) + QByteArray("\xFF\xE1", 2) + be16(int(app1.size()) + 2) + app1
        + QByteArray("\xFF\xC0", 2) + be16(int(sof.size()) + 2) + sof + QByteArray("\xFF\xDA\x00\x02", 4)
        + QByteArray(200, '\x55') + QByteArray("\xFF\xD9", 2);
}

/// A HEIF still image: ftyp heic, meta with pitm, iinf (a hvc1 item and an Exif item), iloc, iprp/ipco/ispe+irot,
/// ipma; the Exif item's bytes after the boxes.
QByteArray heic()
{
    const QByteArray exif = be32(0) + tiff();
    const QByteArray ftyp = box("ftyp", QByteArray("heic") + be32(0) + "mif1heic");
    auto full = [](const char* type, int version, const QByteArray& payload) -> QByteArray {
        return box(type, QByteArray(1, char(version)) + QByteArray(3, '\0') + payload);
    };
    const QByteArray infe1 = full("infe", 2, be16(1) + be16(0) + "hvc1" + QByteArray("\0", 1));
    const QByteArray infe2 = full("infe", 2, be16(2) + be16(0) + "Exif" + QByteArray("\0", 1));
    const QByteArray iinf = full("iinf", 0, be16(2) + infe1 + infe2);
    const QByteArray pitm = full("pitm", 0, be16(1));
    const QByteArray ispeThumb = full("ispe", 0, be32(320) + be32(240));
    const QByteArray ispe = full("ispe", 0, be32(4032) + be32(3024));
    const QByteArray irot = box("irot", QByteArray(1, '\x01'));
    const QByteArray ipco = box("ipco", ispeThumb + ispe + irot);
    const QByteArray ipma =
        full("ipma", 0, be32(1) + be16(1) + QByteArray(1, 2) + QByteArray(1, char(0x82)) + QByteArray(1, 3));
    const QByteArray iprp = box("iprp", ipco + ipma);
    // iloc version 0: offset_size 4, length_size 4, base_offset_size 0; one item (the Exif one), one extent.
    auto iloc = [&](quint32 offset) -> QByteArray {
        return full("iloc", 0,
            QByteArray(1, char(0x44)) + QByteArray(1, '\0') + be16(1) + be16(2) + be16(0) + be16(1) + be32(offset)
                + be32(quint32(exif.size())));
    };
    auto meta = [&](quint32 offset) -> QByteArray {
        return full(
            "meta", 0, full("hdlr", 0, be32(0) + "pict" + QByteArray(13, '\0')) + pitm + iinf + iloc(offset) + iprp);
    };
    const qint64 metaSize = meta(0).size();
    const QByteArray mdatPayload = exif;
    const quint32 exifOffset = quint32(ftyp.size() + metaSize + 8);
    return ftyp + meta(exifOffset) + box("mdat", mdatPayload);
}

} // namespace

class TestMediaFingerprint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ffmpegFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("mediaClass");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<double>("duration");
        QTest::addColumn<QString>("video");
        QTest::addColumn<QString>("audio");
        QTest::newRow("H.264 MP4") << "ffmpeg-h264-320x240-1.5s.mp4"
                                   << "mp4"
                                   << "video" << 320 << 240 << 1.5 << "avc1"
                                   << "";
        QTest::newRow("MPEG-4 + AAC QuickTime") << "ffmpeg-mpeg4-aac-160x96-2s.mov"
                                                << "quicktime"
                                                << "video" << 160 << 96 << 2.0 << "mp4v"
                                                << "mp4a";
        QTest::newRow("JPEG") << "ffmpeg-64x48.jpg"
                              << "jpeg"
                              << "image" << 64 << 48 << -1.0 << ""
                              << "";
        QTest::newRow("PNG") << "ffmpeg-40x30.png"
                             << "png"
                             << "image" << 40 << 30 << -1.0 << ""
                             << "";
        QTest::newRow("WebP") << "ffmpeg-48x32.webp"
                              << "webp"
                              << "image" << 48 << 32 << -1.0 << ""
                              << "";
        QTest::newRow("GIF") << "ffmpeg-24x16.gif"
                             << "gif"
                             << "image" << 24 << 16 << -1.0 << ""
                             << "";
    }
    void ffmpegFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, mediaClass);
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(double, duration);
        QFETCH(QString, video);
        QFETCH(QString, audio);
        FileAccess access(data(QStringLiteral("uploads/") + file));
        QVERIFY(access.isOpen());
        const MediaFingerprint fp = Uploads::probe(access);
        QCOMPARE(fp.format, format);
        QCOMPARE(fp.mediaClass, mediaClass);
        QCOMPARE(fp.width, width);
        QCOMPARE(fp.height, height);
        if (duration < 0)
            QCOMPARE(fp.durationSeconds, -1.0);
        else
            QVERIFY2(qAbs(fp.durationSeconds - duration) < 0.02, qPrintable(QString::number(fp.durationSeconds)));
        QCOMPARE(fp.videoCodec, video);
        QCOMPARE(fp.audioCodec, audio);
        QVERIFY2(fp.notes.isEmpty(), qPrintable(fp.notes.join(u'|')));
        // The fingerprint survives its JSON form (stored in the investigation).
        const MediaFingerprint back = MediaFingerprint::fromJson(fp.toJson());
        QCOMPARE(back.toJson(), fp.toJson());
    }

    void mp4CreationTime()
    {
        const MediaFingerprint fp = probeBytes(readData(QStringLiteral("ffmpeg-h264-320x240-1.5s.mp4")));
        QCOMPARE(fp.creationTime, *TimeUtil::parseIso8601(u"2026-11-20T13:55:12Z"));
    }

    void exifInJpeg()
    {
        const MediaFingerprint fp = probeBytes(jpegWithExif());
        QCOMPARE(fp.format, QStringLiteral("jpeg"));
        QCOMPARE(fp.width, 1200);
        QCOMPARE(fp.height, 900);
        QCOMPARE(fp.make, QStringLiteral("Google"));
        QCOMPARE(fp.model, QStringLiteral("Pixel 7"));
        QCOMPARE(fp.orientation, 6);
        QCOMPARE(fp.rotation, 90);
        QCOMPARE(fp.displaySize(), std::make_pair(900, 1200));
        QCOMPARE(fp.dateTimeOriginal, QStringLiteral("2026:11:20 13:55:12"));
        QCOMPARE(fp.creationTime, *TimeUtil::parseIso8601(u"2026-11-20T13:55:12Z"));
        QVERIFY(fp.hasGps);
        QVERIFY(qAbs(fp.latitude - 37.44191) < 1e-5);
        QVERIFY(qAbs(fp.longitude + 122.14302) < 1e-5);
        QVERIFY(fp.describe().contains(QStringLiteral("GPS 37.44191, -122.14302")));
    }

    void exifInPng()
    {
        QByteArray png = readData(QStringLiteral("ffmpeg-40x30.png"));
        const QByteArray exif = tiff();
        // eXIf before IEND (crc not checked by readers of this kind, but written anyway as zeros).
        const qsizetype iend = png.indexOf("IEND") - 4;
        png.insert(iend, be32(quint32(exif.size())) + "eXIf" + exif + be32(0));
        const MediaFingerprint fp = probeBytes(png);
        QCOMPARE(fp.width, 40);
        QCOMPARE(fp.model, QStringLiteral("Pixel 7"));
        QVERIFY(fp.hasGps);
    }

    void heifStillImage()
    {
        const MediaFingerprint fp = probeBytes(heic());
        QCOMPARE(fp.format, QStringLiteral("heif"));
        QCOMPARE(fp.mediaClass, QStringLiteral("image"));
        QCOMPARE(fp.width, 4032); // the primary item's ispe, not the thumbnail's
        QCOMPARE(fp.height, 3024);
        QCOMPARE(fp.rotation, 90);
        QCOMPARE(fp.make, QStringLiteral("Google"));
        QVERIFY(fp.hasGps);
        QVERIFY2(fp.notes.isEmpty(), qPrintable(fp.notes.join(u'|')));
    }

    void matching()
    {
        const QByteArray original = readData(QStringLiteral("ffmpeg-h264-320x240-1.5s.mp4"));
        const QByteArray reencoded = readData(QStringLiteral("ffmpeg-h264-320x240-1.5s-reencoded.mp4"));
        const QByteArray other = readData(QStringLiteral("ffmpeg-mpeg4-aac-160x96-2s.mov"));
        const QString so = QString::fromLatin1(Digest::sha256Hex(original));
        const QString sr = QString::fromLatin1(Digest::sha256Hex(reencoded));
        const MediaFingerprint fo = probeBytes(original), fr = probeBytes(reencoded), fx = probeBytes(other);
        QCOMPARE(Uploads::match(so, fo, so, fo).kind, Uploads::MatchKind::Exact);
        const auto structural = Uploads::match(sr, fr, so, fo);
        QCOMPARE(structural.kind, Uploads::MatchKind::Structural);
        QVERIFY(structural.reason.contains(QStringLiteral("same size 320×240")));
        QCOMPARE(
            Uploads::match(so, fo, QString::fromLatin1(Digest::sha256Hex(other)), fx).kind, Uploads::MatchKind::None);
        // An incomplete upload (no hash) can still match structurally.
        QCOMPARE(Uploads::match(QString(), fr, so, fo).kind, Uploads::MatchKind::Structural);
        // Durations beyond the tolerance do not match.
        MediaFingerprint longer = fo;
        longer.durationSeconds += 0.25;
        QCOMPARE(Uploads::match(sr, fr, so, longer).kind, Uploads::MatchKind::None);
        // Photos: same size and EXIF time match; a different EXIF time does not.
        MediaFingerprint a = probeBytes(jpegWithExif()), b = a;
        QCOMPARE(Uploads::match(QStringLiteral("x"), a, QStringLiteral("y"), b).kind, Uploads::MatchKind::Structural);
        b.dateTimeOriginal = QStringLiteral("2026:11:21 09:00:00");
        QCOMPARE(Uploads::match(QStringLiteral("x"), a, QStringLiteral("y"), b).kind, Uploads::MatchKind::None);
    }

    void referenceMediaFromAFile()
    {
        QString error;
        const auto m =
            ReferenceMediaStore::describeFile(data(QStringLiteral("uploads/ffmpeg-h264-320x240-1.5s.mp4")), &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->mediaType, QStringLiteral("video/mp4"));
        QCOMPARE(m->sha256.toLatin1(), Digest::sha256Hex(readData(QStringLiteral("ffmpeg-h264-320x240-1.5s.mp4"))));
        QVERIFY(!ReferenceMediaStore::describeFile(data(QStringLiteral("SOURCES.md")), &error));
        QVERIFY(error.contains(QStringLiteral("SOURCES.md: not a photo, video or audio file")));
        QVERIFY(!ReferenceMediaStore::describeFile(data(QStringLiteral("no-such-file.mp4")), &error));
        QVERIFY(error.endsWith(QStringLiteral("not a file")));
    }

    void hostileInputNeverCrashes()
    {
        // Every prefix of every sample, and the samples with bytes flipped: a fingerprint or notes, never a crash.
        const QStringList files = { QStringLiteral("ffmpeg-h264-320x240-1.5s.mp4"),
            QStringLiteral("ffmpeg-mpeg4-aac-160x96-2s.mov"), QStringLiteral("ffmpeg-64x48.jpg"),
            QStringLiteral("ffmpeg-40x30.png"), QStringLiteral("ffmpeg-48x32.webp") };
        QList<QByteArray> samples;
        for (const QString& f : files)
            samples.append(readData(f));
        samples.append(jpegWithExif());
        samples.append(heic());
        int probed = 0;
        for (const QByteArray& s : std::as_const(samples)) {
            const int step = std::max<int>(1, int(s.size() / 400));
            for (qsizetype n = 0; n <= s.size(); n += step) {
                probeBytes(s.left(n));
                ++probed;
            }
            quint32 seed = 12345;
            for (int round = 0; round < 200; ++round) {
                QByteArray broken = s;
                for (int k = 0; k < 8; ++k) {
                    seed = seed * 1103515245u + 12345u;
                    broken[qsizetype(seed % quint32(broken.size()))] = char(seed >> 16);
                }
                probeBytes(broken);
                ++probed;
            }
        }
        // Boxes claiming huge or zero sizes.
        probeBytes(QByteArray("\x00\x00\x00\x18"
                              "ftypisom\x00\x00\x02\x00isommp42",
                       24)
            + QByteArray("\x00\x00\x00\x01moov", 8) + QByteArray(8, '\xFF'));
        probeBytes(QByteArray("\x00\x00\x00\x18"
                              "ftypisom\x00\x00\x02\x00isommp42",
                       24)
            + QByteArray("\x00\x00\x00\x00moov", 8));
        QVERIFY(probed > 1000);
    }
};

QTEST_GUILESS_MAIN(TestMediaFingerprint)
#include "tst_mediafingerprint.moc"
