// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/httputil.h"
#include "ingest/captureformat.h"
#include "pipeline/captureimport.h"
#include "store/investigation.h"
#include "testutils.h"
#include "zipwriter.h"

#include <QTest>

#include <zlib.h>

using namespace TestUtils;

namespace {

QByteArray gzip(const QByteArray& data)
{
    z_stream zs {};
    deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

/// A session's metadata as Fiddler Classic 5 writes it (SessionTimers, PipeInfo, SessionFlags).
QByteArray metadata(int sid, const QByteArray& begin, const QByteArray& done,
    const std::vector<std::pair<QByteArray, QByteArray>>& flags)
{
    QByteArray xml = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Session SID=\""
        + QByteArray::number(sid) + "\" BitFlags=\"9\">\r\n  <SessionTimers ClientConnected=\"" + begin
        + "\" ClientBeginRequest=\"" + begin + "\" GotRequestHeaders=\"" + begin + "\" ClientDoneRequest=\"" + begin
        + "\" GatewayTime=\"0\" DNSTime=\"0\" TCPConnectTime=\"12\" HTTPSHandshakeTime=\"40\" ServerConnected=\""
        + begin + "\" FiddlerBeginRequest=\"" + begin + "\" ServerGotRequest=\"" + begin
        + "\" ServerBeginResponse=\"0001-01-01T00:00:00\" "
          "GotResponseHeaders=\"0001-01-01T00:00:00\" ServerDoneResponse=\""
        + done + "\" ClientBeginResponse=\"" + done + "\" ClientDoneResponse=\"" + done
        + "\" />\r\n  <PipeInfo CltReuse=\"true\" />\r\n  <SessionFlags>\r\n";
    for (const auto& [n, v] : flags)
        xml += "    <SessionFlag N=\"" + n + "\" V=\"" + v + "\" />\r\n";
    return xml + "  </SessionFlags>\r\n</Session>";
}

const QByteArray kJson = "{\"ads\":[{\"id\":1,\"url\":\"https://cdn.vidzy.example/a.mp4\"}],\"device\":\"8d3f2a\"}";

TestZip::Members sampleSessions()
{
    const QByteArray gz = gzip(kJson);
    const QByteArray response1 = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                                 "Transfer-Encoding: chunked\r\n\r\n"
        + QByteArray::number(gz.size(), 16) + "\r\n" + gz + "\r\n0\r\n\r\n";
    return {
        { QStringLiteral("[Content_Types].xml"), "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\r\n<Types/>" },
        { QStringLiteral("raw/"), QByteArray() },
        { QStringLiteral("raw/01_c.txt"),
            "GET https://ads.vidzy.example/v1/feed?lang=de HTTP/1.1\r\nHost: ads.vidzy.example\r\n"
            "User-Agent: VidzyDesktop/3.2\r\nAccept-Encoding: gzip\r\n\r\n" },
        { QStringLiteral("raw/01_s.txt"), response1 },
        { QStringLiteral("raw/01_m.xml"),
            metadata(17, "2026-01-01T10:00:00.1234567+01:00", "2026-01-01T10:00:00.3234567+01:00",
                { { "x-clientip", "127.0.0.1" }, { "x-clientport", "51234" }, { "x-hostip", "203.0.113.9" },
                    { "x-processinfo", "vidzy:4242" }, { "https-client-version", "Tls13" },
                    { "x-responsebodytransferlength", "1,024" } }) },
        { QStringLiteral("raw/02_c.txt"), "CONNECT tracker.example:443 HTTP/1.1\r\nHost: tracker.example:443\r\n\r\n" },
        { QStringLiteral("raw/02_s.txt"), "HTTP/1.1 200 Connection Established\r\nFiddlerGateway: Direct\r\n\r\n" },
        { QStringLiteral("raw/02_m.xml"),
            metadata(18, "2026-01-01T10:00:01+01:00", "2026-01-01T10:00:02+01:00",
                { { "x-processinfo", "msedge:12140" } }) },
        // An upload that never got its response, with a comment the investigator added in Fiddler.
        { QStringLiteral("raw/03_c.txt"),
            "POST https://upload.vidzy.example/v2/media HTTP/1.1\r\nHost: upload.vidzy.example\r\n"
            "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(kJson.size()) + "\r\n\r\n" + kJson },
        { QStringLiteral("raw/03_m.xml"),
            metadata(19, "2026-01-01T10:00:03+01:00", "0001-01-01T00:00:00",
                { { "ui-comments", "before tapping Post" }, { "x-processinfo", "vidzy:4242" } }) },
        { QStringLiteral("raw/03_w.txt"), "websocket messages" },
        { QStringLiteral("_index.htm"), "<html>index</html>" },
    };
}

QString writeSaz(const Scratch& scratch, const TestZip::Members& members, const QByteArray& password = {})
{
    const QString path = scratch.path(QStringLiteral("session.saz"));
    QString error;
    if (!TestZip::write(path, members, password, &error))
        qWarning("cannot write the zip: %s", qPrintable(error));
    return path;
}

} // namespace

class TestSazImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sessions()
    {
        Scratch scratch;
        const QString path = writeSaz(scratch, sampleSessions());
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::FiddlerSaz);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(3));
        QCOMPARE(sink.info.producer, QStringLiteral("Fiddler"));

        const Data::Flow& feed = sink.flows[0];
        QCOMPARE(feed.sourceRef, QStringLiteral("saz:session=1"));
        QCOMPARE(feed.sourceId, QStringLiteral("17"));
        QCOMPARE(feed.method, QStringLiteral("GET"));
        QCOMPARE(feed.url, QStringLiteral("https://ads.vidzy.example/v1/feed?lang=de"));
        QCOMPARE(feed.host, QStringLiteral("ads.vidzy.example"));
        QCOMPARE(feed.status, 200);
        QCOMPARE(feed.responseBody.data, gzip(kJson)); // de-chunked, still gzip
        QCOMPARE(feed.responseBody.contentEncoding, QByteArray("gzip"));
        QCOMPARE(feed.responseBody.decodedSize, qint64(kJson.size()));
        QCOMPARE(feed.clientIp, QStringLiteral("127.0.0.1"));
        QCOMPARE(feed.clientPort, 51234);
        QCOMPARE(feed.serverIp, QStringLiteral("203.0.113.9"));
        QCOMPARE(feed.tlsVersion, QStringLiteral("TLSv1.3"));
        QCOMPARE(feed.tsStart, Data::Timestamp(1767258000123456)); // .1234567: 100 ns ticks, cut to the µs
        QCOMPARE(feed.tsEnd - feed.tsStart, Data::Timestamp(200000));
        QCOMPARE(feed.app.name, QStringLiteral("vidzy"));
        QCOMPARE(feed.app.source, QStringLiteral("fiddler-x-processinfo"));
        QCOMPARE(feed.app.reason, QStringLiteral("Fiddler recorded the process vidzy (PID 4242)"));

        const Data::Flow& tunnel = sink.flows[1];
        QVERIFY(tunnel.flags & Data::Tunnel);
        QCOMPARE(tunnel.host, QStringLiteral("tracker.example"));
        QCOMPARE(tunnel.serverPort, 443);
        QCOMPARE(tunnel.app.name, QStringLiteral("msedge"));

        const Data::Flow& upload = sink.flows[2];
        QCOMPARE(upload.method, QStringLiteral("POST"));
        QCOMPARE(upload.requestBody.data, kJson);
        QCOMPARE(upload.status, 0);
        QVERIFY(upload.flags & Data::Incomplete);
        QCOMPARE(upload.comment, QStringLiteral("before tapping Post"));
        QCOMPARE(upload.tsEnd, Data::Timestamp(0));

        QCOMPARE(sink.warnings,
            QStringList { QStringLiteral(
                "1 WebSocket message files (raw/N_w.txt) were not read: Leakscope does not know their layout") });
    }

    void partsInAnyOrder()
    {
        // Metadata first, then responses, then requests: each session still comes out whole.
        TestZip::Members members = sampleSessions();
        std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
            auto rank = [](const QString& n) { return n.endsWith(u"_m.xml") ? 0 : (n.endsWith(u"_s.txt") ? 1 : 2); };
            return rank(a.first) < rank(b.first);
        });
        Scratch scratch;
        const QString path = writeSaz(scratch, members);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(3));
        for (const auto& f : sink.flows)
            QVERIFY(!f.method.isEmpty() && f.tsStart > 0);
    }

    void passwordProtected()
    {
        Scratch scratch;
        const QString path = writeSaz(scratch, sampleSessions(), "s3cret");
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::FiddlerSaz);
        CollectingSink sink;
        QString why;
        QVERIFY(!importFile(path, sink, &why));
        QCOMPARE(why,
            QStringLiteral(
                "this Fiddler archive is password-protected, and Leakscope does not ask for archive "
                "passwords. Open it in Fiddler and save it again without a password (File → Save → All "
                "Sessions, leaving the password empty), or export the sessions as HAR, then import that file"));
        QVERIFY(sink.flows.empty());
    }

    void brokenSessionsAreSkipped()
    {
        TestZip::Members members = sampleSessions();
        members.push_back({ QStringLiteral("raw/04_c.txt"), QByteArray("\x00\x01garbage", 9) });
        members.push_back(
            { QStringLiteral("raw/04_m.xml"), metadata(20, "2026-01-01T10:00:04+01:00", "0001-01-01T00:00:00", {}) });
        Scratch scratch;
        const QString path = writeSaz(scratch, members);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(3));
        QVERIFY2(sink.warnings.contains(
                     QStringLiteral("session 4 has a request that cannot be read (the request line \"%1\" is "
                                    "not \"METHOD target HTTP/x\"); skipped")
                         .arg(QString::fromUtf8(QByteArray("\x00\x01garbage", 9)))),
            qPrintable(sink.warnings.join(u'\n')));
    }

    void notASaz()
    {
        Scratch scratch;
        const QString zip = scratch.path(QStringLiteral("photos.saz"));
        QVERIFY(TestZip::write(zip, { { QStringLiteral("IMG_0001.jpg"), QByteArray("\xFF\xD8\xFF\xE0", 4) } }));
        const SniffResult s = CaptureFormats::sniff(zip);
        QCOMPARE(s.format, CaptureFormat::Unknown);
        QCOMPARE(s.looksLike, QStringLiteral("a zip archive that is neither a Fiddler SAZ nor a Charles .chlz"));
        // Through the whole import: the message the user sees.
        auto investigation =
            Investigation::open(scratch.path(QStringLiteral("case.leakscope")), Investigation::OpenMode::Create);
        ImportRequest request;
        request.path = zip;
        const ImportOutcome outcome = importCapture(*investigation, request);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error,
            QStringLiteral("photos.saz: not a capture Leakscope can read (it looks like a zip archive that is "
                           "neither a Fiddler SAZ nor a Charles .chlz)"));
    }

    void importsIntoAnInvestigation()
    {
        Scratch scratch;
        const QString path = writeSaz(scratch, sampleSessions());
        auto investigation =
            Investigation::open(scratch.path(QStringLiteral("case.leakscope")), Investigation::OpenMode::Create);
        ImportRequest request;
        request.path = path;
        const ImportOutcome outcome = importCapture(*investigation, request);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.flows, qint64(3));
        QCOMPARE(outcome.format, CaptureFormat::FiddlerSaz);
    }
};

QTEST_GUILESS_MAIN(TestSazImporter)
#include "tst_sazimporter.moc"
