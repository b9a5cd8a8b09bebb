// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/captureformat.h"
#include "testutils.h"

#include <QDir>
#include <QTest>

using namespace TestUtils;

/// The one sniffing function decides the reader for every file, from its bytes (never its name).
class TestCaptureFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bytes_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("looksLike");
        QTest::newRow("mitmproxy") << QByteArray("1234:7:version;2:21#") << int(CaptureFormat::Mitmproxy) << QString();
        QTest::newRow("burp") << QByteArray("<?xml version=\"1.1\"?>\n<!-- NOTE -->\n<items burpVersion=\"2023\">")
                              << int(CaptureFormat::BurpXml) << QString();
        QTest::newRow("charles array") << QByteArray("[{\"status\":\"COMPLETE\",\"method\":\"GET\",\"tunnel\":false}]")
                                       << int(CaptureFormat::CharlesJson) << QString();
        QTest::newRow("charles ndjson") << QByteArray("{\"method\":\"GET\",\"host\":\"a\",\"actualPort\":443}\n")
                                        << int(CaptureFormat::CharlesJson) << QString();
        QTest::newRow("chls") << QByteArray("\xAC\xED\x00\x05sr", 6) << int(CaptureFormat::CharlesBinary) << QString();
        QTest::newRow("saz") << QByteArray("PK\x03\x04\x14\x00\x00\x00raw/01_c.txt", 20)
                             << int(CaptureFormat::FiddlerSaz) << QString();
        QTest::newRow("chlz") << QByteArray("PK\x03\x04\x14\x00\x00\x00"
                                            "1-meta.json",
            19) << int(CaptureFormat::CharlesArchive)
                              << QString();
        QTest::newRow("zeek tsv") << QByteArray("#separator \\x09\n#set_separator\t,\n") << int(CaptureFormat::ZeekTsv)
                                  << QString();
        QTest::newRow("zeek btest") << QByteArray("### BTest baseline data\n#separator \\x09\n")
                                    << int(CaptureFormat::ZeekTsv) << QString();
        QTest::newRow("zeek json") << QByteArray("{\"ts\":1.5,\"uid\":\"Cabc\",\"id.orig_h\":\"10.0.0.1\"}\n")
                                   << int(CaptureFormat::ZeekJson) << QString();
        QTest::newRow("zeek json, nested ids")
            << QByteArray("{\"ts\":1.5,\"uid\":\"Cabc\",\"id\":{\"orig_h\":\"10.0.0.1\"}}\n")
            << int(CaptureFormat::ZeekJson) << QString();
        QTest::newRow("pcapdroid csv") << QByteArray("\xEF\xBB\xBFIPProto,SrcIP,SrcPort,DstIp,DstPort,UID\n")
                                       << int(CaptureFormat::PcapdroidCsv) << QString();
        QTest::newRow("app privacy report (network)")
            << QByteArray("{\"domain\":\"a.example\",\"timeStamp\":\"2026-01-01T00:00:00Z\",\"type\":"
                          "\"networkActivity\",\"bundleID\":\"x\"}\n")
            << int(CaptureFormat::AppPrivacyReport) << QString();
        QTest::newRow("app privacy report (access first)")
            << QByteArray("{\"accessor\":{\"identifier\":\"x\"},\"category\":\"photos\",\"timeStamp\":\"2026-01-01T00:"
                          "00:00Z\",\"type\":\"access\"}\n")
            << int(CaptureFormat::AppPrivacyReport) << QString();
        QTest::newRow("har") << QByteArray("{\"log\":{\"version\":\"1.2\",\"entries\":[]}}") << int(CaptureFormat::Har)
                             << QString();
        QTest::newRow("pdf") << QByteArray("%PDF-1.7") << int(CaptureFormat::Unknown)
                             << QStringLiteral("a PDF document");
        QTest::newRow("other zip") << QByteArray("PK\x03\x04\x14\x00\x00\x00word/document.xml", 25)
                                   << int(CaptureFormat::Unknown)
                                   << QStringLiteral("a zip archive that is neither a Fiddler SAZ nor a Charles .chlz");
        QTest::newRow("charles xml")
            << QByteArray("<?xml version=\"1.0\"?><charles-session><transaction/>") << int(CaptureFormat::Unknown)
            << QStringLiteral("a Charles XML session, which Leakscope does not read; in Charles, export the "
                              "session as JSON Session File (.chlsj) or HTTP Archive (.har) and import that file");
        QTest::newRow("zeek rows without header")
            << QByteArray("1517336042.090842\tCi85EB2YjUI9a2eql6\t10.55.182.100\t14291\n")
            << int(CaptureFormat::Unknown)
            << QStringLiteral("Zeek log rows without the #fields header (the top of the log is missing), so their "
                              "columns are unknown; import the complete log");
        QTest::newRow("text") << QByteArray("hello, this is a note\n") << int(CaptureFormat::Unknown)
                              << QStringLiteral("a text file");
    }
    void bytes()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, format);
        QFETCH(QString, looksLike);
        const SniffResult r = CaptureFormats::sniffBytes(head);
        QCOMPARE(int(r.format), format);
        QCOMPARE(r.looksLike, looksLike);
    }

    void wholeCorpus()
    {
        // Every file of the proxy and log formats is recognised for what it is, whatever its name says.
        if (corpus(QStringLiteral("mitm")).isEmpty())
            QSKIP("../shared/corpus is not here");
        const QList<std::pair<QString, QList<CaptureFormat>>> expected {
            { QStringLiteral("mitm"), { CaptureFormat::Mitmproxy } },
            { QStringLiteral("burp"), { CaptureFormat::BurpXml } },
            { QStringLiteral("charles"), { CaptureFormat::CharlesJson } },
            { QStringLiteral("zeek"), { CaptureFormat::ZeekTsv, CaptureFormat::ZeekJson } },
        };
        int files = 0;
        for (const auto& [folder, formats] : expected) {
            const QDir dir(corpus(folder));
            for (const QString& name : dir.entryList(QDir::Files)) {
                const SniffResult r = CaptureFormats::sniff(dir.filePath(name));
                ++files;
                if (formats.contains(r.format))
                    continue;
                // The only exceptions: Zeek fragments without their header, which get a message of their own.
                QVERIFY2(folder == u"zeek" && r.format == CaptureFormat::Unknown
                        && r.looksLike.contains(QStringLiteral("Zeek")),
                    qPrintable(folder + u'/' + name + QStringLiteral(": ") + CaptureFormats::id(r.format)
                        + QStringLiteral(" ") + r.looksLike));
            }
        }
        QVERIFY(files >= 40);
    }
};

QTEST_GUILESS_MAIN(TestCaptureFormat)
#include "tst_captureformat.moc"
