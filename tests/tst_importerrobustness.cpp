// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/bytesource.h"
#include "ingest/captureformat.h"
#include "ingest/captureimporter.h"
#include "testutils.h"
#include "zipwriter.h"

#include <QFile>
#include <QTest>

using namespace TestUtils;

/// Captures come from strangers: every reader must survive damaged input. Each fixture is damaged in many
/// deterministic ways (bytes flipped, cut, repeated, inserted) and read by the reader of its format. Passing
/// means: no crash, no hang, and either records or a message. (The asan preset runs this under ASan/UBSan.)
class TestImporterRobustness : public QObject
{
    Q_OBJECT
private:
    static quint64 next(quint64& s)
    {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return s * 2685821657736338717ULL;
    }

private Q_SLOTS:
    void damagedFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("format");
        QTest::newRow("mitmproxy 21") << "mitm/mitmproxy__flows_corrupted_gzip_body.mitm"
                                      << int(CaptureFormat::Mitmproxy);
        QTest::newRow("mitmproxy 0.11") << "mitm/mitmproxy__dumpfile-011.mitm" << int(CaptureFormat::Mitmproxy);
        QTest::newRow("mitmproxy 8") << "mitm/generated__mitmproxy8.mitm" << int(CaptureFormat::Mitmproxy);
        QTest::newRow("burp") << "burp/w3af__hist_input-base64.burp" << int(CaptureFormat::BurpXml);
        QTest::newRow("charles") << "charles/fiddler2jmeter__post.chlsj" << int(CaptureFormat::CharlesJson);
        QTest::newRow("zeek tsv") << "zeek/zeek__zeekcut_conn.log" << int(CaptureFormat::ZeekTsv);
        QTest::newRow("zeek json") << "zeek/rita__json_with_all_fields_ssl.log" << int(CaptureFormat::ZeekJson);
        QTest::newRow("fiddler saz") << "@saz" << int(CaptureFormat::FiddlerSaz);
    }
    void damagedFiles()
    {
        QFETCH(QString, file);
        QFETCH(int, format);
        Scratch scratch;
        if (file == u"@saz") { // a small archive of our own: the corpus has no SAZ
            file = scratch.path(QStringLiteral("original.saz"));
            QVERIFY(TestZip::write(file,
                { { QStringLiteral("raw/1_c.txt"), "GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n" },
                    { QStringLiteral("raw/1_s.txt"), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" },
                    { QStringLiteral("raw/1_m.xml"),
                        "<Session SID=\"1\"><SessionFlags><SessionFlag N=\"x-processinfo\" "
                        "V=\"app:1\"/></SessionFlags></Session>" } }));
        } else {
            file = data(file);
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray original = f.readAll();
        const QString path = scratch.path(QStringLiteral("damaged"));
        quint64 seed = 0x5EED0000ULL + static_cast<quint64>(original.size());
        int failures = 0, successes = 0;
        for (int round = 0; round < 150; ++round) {
            QByteArray damaged = original;
            const int edits = 1 + static_cast<int>(next(seed) % 4);
            for (int e = 0; e < edits && !damaged.isEmpty(); ++e) {
                const qsizetype at = static_cast<qsizetype>(next(seed) % static_cast<quint64>(damaged.size()));
                switch (next(seed) % 5) {
                case 0: // flip a byte
                    damaged[at] = static_cast<char>(damaged[at] ^ static_cast<char>(1 + next(seed) % 255));
                    break;
                case 1: // cut the file
                    damaged.truncate(at);
                    break;
                case 2: // drop a run of bytes
                    damaged.remove(at, static_cast<qsizetype>(1 + next(seed) % 64));
                    break;
                case 3: // repeat a run of bytes
                    damaged.insert(at, damaged.mid(at, static_cast<qsizetype>(1 + next(seed) % 64)));
                    break;
                default: // a digit where a length or a number is
                    damaged[at] = static_cast<char>('0' + next(seed) % 10);
                    break;
                }
            }
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(damaged);
            out.close();
            auto importer = CaptureFormats::createImporter(static_cast<CaptureFormat>(format));
            QString error;
            auto source = ByteSource::open(path, &error);
            QVERIFY(source);
            CollectingSink sink;
            if (importer->read({ *source, path, {} }, sink, {})) {
                ++successes;
            } else {
                QVERIFY2(!importer->errorString().isEmpty(), qPrintable(file));
                ++failures;
            }
        }
        QCOMPARE(successes + failures, 150);
    }
};

QTEST_GUILESS_MAIN(TestImporterRobustness)
#include "tst_importerrobustness.moc"
