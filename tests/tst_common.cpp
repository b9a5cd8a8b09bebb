// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The small shared pieces: time parsing, base64, content codings, decompression bounds, inert text, numbers.
#include "common/base64.h"
#include "common/compression.h"
#include "common/contentcoding.h"
#include "common/inerttext.h"
#include "common/numbers.h"
#include "common/timeutil.h"
#include "testutils.h"

#include <QRandomGenerator>
#include <QTest>

class TestCommon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void iso8601_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // -1: rejected
        QTest::newRow("Z, millis") << "2026-11-20T14:03:05.250Z" << qint64(1795183385250000);
        QTest::newRow("offset") << "2026-11-20T15:03:05.250+01:00" << qint64(1795183385250000);
        QTest::newRow("compact offset") << "2026-11-20T09:03:05-0500" << qint64(1795183385000000);
        QTest::newRow("micro and more digits") << "2026-11-20T14:03:05.123456789Z" << qint64(1795183385123456);
        QTest::newRow("space, no zone = UTC") << "2026-11-20 14:03:05" << qint64(1795183385000000);
        QTest::newRow("date only") << "2026-11-20" << qint64(1795132800000000);
        QTest::newRow("leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800000000);
        QTest::newRow("bad month") << "2026-13-01T00:00:00Z" << qint64(-1);
        QTest::newRow("bad day") << "2026-02-30T00:00:00Z" << qint64(-1);
        QTest::newRow("garbage after") << "2026-11-20T14:03:05Zx" << qint64(-1);
        QTest::newRow("empty") << "" << qint64(-1);
        QTest::newRow("java date") << "Sun Aug 20 17:51:44 ECT 2023" << qint64(-1);
    }
    void iso8601()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const auto parsed = TimeUtil::parseIso8601(text);
        if (expected < 0) {
            QVERIFY(!parsed);
        } else {
            QVERIFY(parsed);
            QCOMPARE(*parsed, expected);
        }
    }

    void isoRoundTrip()
    {
        QCOMPARE(TimeUtil::formatIsoUtc(1795183385250000), QStringLiteral("2026-11-20T14:03:05.250Z"));
        QCOMPARE(TimeUtil::formatIsoUtc(1795183385000001), QStringLiteral("2026-11-20T14:03:05.000001Z"));
        QCOMPARE(TimeUtil::formatIsoUtc(1795183385000000), QStringLiteral("2026-11-20T14:03:05Z"));
        QCOMPARE(TimeUtil::fromEpochSeconds(1795183385.25), qint64(1795183385250000));
        QCOMPARE(TimeUtil::fromEpochSeconds(-1), qint64(0));
    }

    void base64_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<bool>("ok");
        QTest::newRow("empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("padded") << QByteArray("aGVsbG8=") << QByteArray("hello") << true;
        QTest::newRow("unpadded") << QByteArray("aGVsbG8") << QByteArray("hello") << true;
        QTest::newRow("two pad") << QByteArray("aGk=") << QByteArray("hi") << true;
        QTest::newRow("url-safe") << QByteArray("-_8") << QByteArray("\xfb\xff", 2) << true;
        QTest::newRow("wrapped") << QByteArray("aGVs\r\nbG8=") << QByteArray("hello") << true;
        QTest::newRow("bad char") << QByteArray("aGV*bG8=") << QByteArray() << false;
        QTest::newRow("data after pad") << QByteArray("aGk=aGk=") << QByteArray() << false;
        QTest::newRow("dangling char") << QByteArray("aGVsb") << QByteArray() << false;
    }
    void base64()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        QFETCH(bool, ok);
        QByteArray out;
        QCOMPARE(Base64::decode(text, &out), ok);
        if (ok)
            QCOMPARE(out, expected);
    }

    void base64MatchesQt()
    {
        QRandomGenerator random(42);
        for (int size : { 0, 1, 2, 3, 4, 5, 100, 4097, 100000 }) {
            QByteArray data(size, Qt::Uninitialized);
            for (char& c : data)
                c = static_cast<char>(random.bounded(256));
            QByteArray out;
            QVERIFY(Base64::decode(data.toBase64(), &out));
            QCOMPARE(out, data);
            QVERIFY(
                Base64::decode(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals), &out));
            QCOMPARE(out, data);
        }
    }

    void contentCodings()
    {
        const QByteArray plain = QByteArray("{\"a\": 1, \"b\": \"") + QByteArray(5000, 'x') + "\"}";
        const QByteArray zstd = Compression::zstdCompress(plain);
        ContentCoding::Decoded d = ContentCoding::decode(zstd, "zstd", 1 << 20);
        QVERIFY(d.ok);
        QCOMPARE(d.data, plain);
        QCOMPARE(d.steps, QStringList { QStringLiteral("zstd") });
        d = ContentCoding::decode(plain, "identity", 1 << 20);
        QVERIFY(d.ok);
        QCOMPARE(d.data, plain);
        d = ContentCoding::decode(plain, "x-unknown", 1 << 20);
        QVERIFY(!d.ok);
        QCOMPARE(d.data, plain);
        d = ContentCoding::decode(QByteArray("\x1f\x8b not gzip"), "gzip", 1 << 20);
        QVERIFY(!d.ok);
    }

    void decompressionIsBounded()
    {
        // A bomb: 64 MiB of zeros compress to a few kilobytes; the decoder stops at the limit.
        const QByteArray bomb = Compression::zstdCompress(QByteArray(64 * 1024 * 1024, '\0'), 19);
        QVERIFY(bomb.size() < 64 * 1024);
        const auto r = Compression::decompress(Compression::Codec::Zstd, bomb, 1024 * 1024);
        QVERIFY(r.limitReached);
        QCOMPARE(r.data.size(), 1024 * 1024);
    }

    void inertText_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "api.example.com"
                               << "api.example.com";
        QTest::newRow("html stays text") << "<b>bold</b>"
                                         << "<b>bold</b>";
        QTest::newRow("newline") << "a\nb"
                                 << "a\\u000ab";
        QTest::newRow("bidi override") << QStringLiteral("evil\u202Egnp.exe") << "evil\\u202egnp.exe";
        QTest::newRow("isolate") << QStringLiteral("x\u2066y") << "x\\u2066y";
        QTest::newRow("nul") << QString(QChar(u'\0')) << "\\u0000";
        QTest::newRow("long") << QString(600, u'a') << QString(500, u'a') + QStringLiteral("…");
    }
    void inertText()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(InertText::make(input), expected);
    }

    // Doubles from capture files become integers only when they fit (the conversion is otherwise undefined).
    void doublesToIntegers()
    {
        QCOMPARE(Numbers::toInteger<qint64>(2165.9), std::optional<qint64>(2165));
        QCOMPARE(Numbers::toInteger<qint64>(-3.5), std::optional<qint64>(-3));
        QCOMPARE(Numbers::toInteger<qint64>(-9223372036854775808.0), std::optional<qint64>(INT64_MIN));
        QCOMPARE(Numbers::toInteger<qint64>(9223372036854775807.0), std::nullopt); // rounds to 2^63
        QCOMPARE(Numbers::toInteger<qint64>(6.67e19), std::nullopt);
        QCOMPARE(Numbers::toInteger<qint64>(qInf()), std::nullopt);
        QCOMPARE(Numbers::toInteger<qint64>(qQNaN()), std::nullopt);
        QCOMPARE(Numbers::toInteger<int>(2147483647.9), std::optional<int>(2147483647));
        QCOMPARE(Numbers::toInteger<int>(2147483648.0), std::nullopt);
        QCOMPARE(Numbers::toInteger<int>(-2147483648.0), std::optional<int>(INT_MIN));
        QCOMPARE(Numbers::toInteger<int>(-2147483649.0), std::nullopt);
    }

    void plausibleDurations()
    {
        QCOMPARE(TimeUtil::durationUs(12'500.0), std::optional<qint64>(12'500));
        QCOMPARE(TimeUtil::durationUs(0.0), std::optional<qint64>(0));
        QCOMPARE(TimeUtil::durationUs(-1.0), std::nullopt);
        QCOMPARE(TimeUtil::durationUs(366.0 * 86'400'000'000), std::nullopt); // a year or more: damaged
        QCOMPARE(TimeUtil::durationUs(1e300), std::nullopt);
        QCOMPARE(TimeUtil::durationUs(qQNaN()), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestCommon)
#include "tst_common.moc"
