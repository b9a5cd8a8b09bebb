// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/captureformat.h"
#include "testutils.h"

#include <QFile>
#include <QTest>

using namespace TestUtils;

namespace {

// As ConnectionsAdapter.dumpConnectionsCsv writes it (PCAPdroid 1.7+, malware detection on): no quoting, times as
// ISO 8601 with the phone's offset. Line 5 has an app label with a comma; line 6 is ICMP.
const QByteArray kExport =
    "IPProto,SrcIP,SrcPort,DstIp,DstPort,UID,App,PackageName,Proto,Status,Info,BytesSent,BytesRcvd,PktsSent,PktsRcvd,"
    "FirstSeen,LastSeen,Malicious\n"
    "6,10.215.173.1,41562,157.240.221.35,443,10154,Vidzy,com.vidzy.android,TLS,Closed,graph.vidzy.example,18234,5120,"
    "31,22,2026-01-01T10:00:00.120+01:00,2026-01-01T10:00:04.560+01:00,\n"
    "17,10.215.173.1,52110,142.250.74.100,443,10154,Vidzy,com.vidzy.android,QUIC,Active,firebaselogging.googleapis.com,"
    "9000,2300,12,9,2026-01-01T10:00:01.000+01:00,2026-01-01T10:00:02.000+01:00,\n"
    "17,10.215.173.1,33021,10.215.173.2,53,10154,Vidzy,com.vidzy.android,DNS,Closed,app-measurement.com,45,61,1,1,2026-"
    "01-01T10:00:00.050+01:00,2026-01-01T10:00:00.080+01:00,\n"
    "6,10.215.173.1,41600,93.184.216.34,80,10201,Notes, Lists & "
    "More,com.example.notes,HTTP,Closed,example.com,512,2048,4,4,2026-01-01T10:00:05.000+01:00,2026-01-01T10:00:05.300+"
    "01:00,yes\n"
    "1,10.215.173.1,0,8.8.8.8,0,1000,Android,android,ICMP,Closed,,64,64,1,1,2026-01-01T10:00:06.000+01:00,2026-01-"
    "01T10:00:06.010+01:00,\n";

QString write(const Scratch& scratch, const QString& name, const QByteArray& content)
{
    QFile f(scratch.path(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

} // namespace

class TestPcapdroidCsvImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void connections()
    {
        Scratch scratch;
        const QString path = write(scratch, QStringLiteral("PCAPdroid_01_Jan_10_00_00.csv"), kExport);
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::PcapdroidCsv);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.connections.size(), size_t(4));
        QVERIFY(sink.flows.empty());

        const Data::Connection& tls = sink.connections[0];
        QCOMPARE(tls.sourceRef, QStringLiteral("csv:line=2"));
        QCOMPARE(tls.transport, QStringLiteral("tcp"));
        QCOMPARE(tls.clientIp, QStringLiteral("10.215.173.1"));
        QCOMPARE(tls.clientPort, 41562);
        QCOMPARE(tls.serverIp, QStringLiteral("157.240.221.35"));
        QCOMPARE(tls.serverPort, 443);
        QCOMPARE(tls.name, QStringLiteral("graph.vidzy.example"));
        QCOMPARE(tls.nameSource, QStringLiteral("tls-sni"));
        QCOMPARE(tls.l7, QStringLiteral("tls"));
        QVERIFY(tls.flags & Data::Encrypted);
        QCOMPARE(tls.bytesUp, qint64(18234));
        QCOMPARE(tls.bytesDown, qint64(5120));
        QCOMPARE(tls.packetsUp, qint64(31));
        QCOMPARE(tls.packetsDown, qint64(22));
        QCOMPARE(tls.firstSeen, Data::Timestamp(1767258000120000));
        QCOMPARE(tls.lastSeen, Data::Timestamp(1767258004560000));
        QCOMPARE(tls.app.uid, 10154);
        QCOMPARE(tls.app.name, QStringLiteral("Vidzy"));
        QCOMPARE(tls.app.package, QStringLiteral("com.vidzy.android"));
        QCOMPARE(tls.app.source, QStringLiteral("pcapdroid-csv"));

        const Data::Connection& quic = sink.connections[1];
        QCOMPARE(quic.transport, QStringLiteral("udp"));
        QCOMPARE(quic.l7, QStringLiteral("quic"));
        QCOMPARE(quic.nameSource, QStringLiteral("quic-sni"));

        // A DNS connection goes to the resolver: the name asked about is not the server's name.
        const Data::Connection& dns = sink.connections[2];
        QCOMPARE(dns.l7, QStringLiteral("dns"));
        QVERIFY(dns.name.isEmpty());

        const Data::Connection& http = sink.connections[3];
        QCOMPARE(http.app.name, QStringLiteral("Notes, Lists & More"));
        QCOMPARE(http.app.package, QStringLiteral("com.example.notes"));
        QCOMPARE(http.name, QStringLiteral("example.com"));
        QCOMPARE(http.nameSource, QStringLiteral("http-host"));
        QCOMPARE(http.bytesDown, qint64(2048));

        QCOMPARE(sink.warnings,
            (QStringList { QStringLiteral("1 connections that are neither TCP nor UDP (ICMP) were skipped"),
                QStringLiteral("PCAPdroid's malware detection flagged 1 of these connections as malicious") }));
    }

    void spreadsheetQuotingAndOldExports()
    {
        // Re-saved by a spreadsheet (quoted), from a PCAPdroid without the Malicious column, with a BOM.
        const QByteArray csv =
            "\xEF\xBB\xBF\"IPProto\",\"SrcIP\",\"SrcPort\",\"DstIp\",\"DstPort\",\"UID\",\"App\",\"PackageName\","
            "\"Proto\",\"Status\",\"Info\",\"BytesSent\",\"BytesRcvd\",\"PktsSent\",\"PktsRcvd\",\"FirstSeen\","
            "\"LastSeen\"\r\n"
            "\"6\",\"10.215.173.1\",\"41562\",\"2a03:2880:f12f:83:face:b00c:0:25de\",\"443\",\"10154\",\"Vidzy, the "
            "app\",\"com.vidzy.android\",\"TLS\",\"Closed\",\"graph.vidzy.example\",\"100\",\"200\",\"1\",\"2\",\"2026-"
            "01-01T10:00:00.120+0100\",\"2026-01-01T10:00:01.000+0100\"\r\n";
        Scratch scratch;
        const QString path = write(scratch, QStringLiteral("connections.csv"), csv);
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::PcapdroidCsv);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.connections.size(), size_t(1));
        const Data::Connection& c = sink.connections[0];
        QCOMPARE(c.serverIp, QStringLiteral("2a03:2880:f12f:83:face:b00c:0:25de"));
        QCOMPARE(c.app.name, QStringLiteral("Vidzy, the app"));
        QCOMPARE(c.firstSeen, Data::Timestamp(1767258000120000)); // "+0100", as Android before 7 writes offsets
        QVERIFY(sink.warnings.isEmpty());
    }

    void brokenLines()
    {
        Scratch scratch;
        const QString path =
            write(scratch, QStringLiteral("c.csv"), kExport.left(kExport.indexOf('\n') + 1) + "6,10.215.173.1,41562\n");
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QVERIFY(sink.connections.empty());
        QCOMPARE(sink.warnings, QStringList { QStringLiteral("line 2 has 3 of 18 columns; skipped") });
    }
};

QTEST_GUILESS_MAIN(TestPcapdroidCsvImporter)
#include "tst_pcapdroidcsvimporter.moc"
