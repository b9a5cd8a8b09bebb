// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/httputil.h"
#include "ingest/bytesource.h"
#include "ingest/captureformat.h"
#include "ingest/captureimporter.h"
#include "ingest/httpmessage.h"
#include "ingest/javadate.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <zlib.h>

using namespace TestUtils;

namespace {

const char* const kDtd = R"(<!DOCTYPE items [
<!ELEMENT items (item*)>
<!ATTLIST items burpVersion CDATA "">
<!ATTLIST items exportTime CDATA "">
<!ELEMENT item (time, url, host, port, protocol, method, path, extension, request, status, responselength, mimetype, response, comment)>
<!ELEMENT request (#PCDATA)>
<!ATTLIST request base64 (true|false) "false">
<!ELEMENT response (#PCDATA)>
<!ATTLIST response base64 (true|false) "false">
]>
)";

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

QByteArray item(const QByteArray& time, const QByteArray& url, const QByteArray& request, const QByteArray& response,
    const QByteArray& comment = {}, bool base64 = true)
{
    const auto field = [&](const QByteArray& raw) { return base64 ? raw.toBase64() : raw; };
    const QByteArray b = base64 ? "true" : "false";
    return "  <item>\n    <time>" + time + "</time>\n    <url><![CDATA[" + url
        + "]]></url>\n"
          "    <host ip=\"151.101.1.140\">api.vidzy.example</host>\n    <port>443</port>\n    "
          "<protocol>https</protocol>\n"
          "    <method><![CDATA[POST]]></method>\n    <path><![CDATA[/v2/upload]]></path>\n    "
          "<extension>null</extension>\n"
          "    <request base64=\""
        + b + "\"><![CDATA[" + field(request)
        + "]]></request>\n"
          "    <status>200</status>\n    <responselength>100</responselength>\n    <mimetype>JSON</mimetype>\n"
          "    <response base64=\""
        + b + "\"><![CDATA[" + field(response)
        + "]]></response>\n"
          "    <comment>"
        + comment + "</comment>\n  </item>\n";
}

QByteArray document(const QByteArray& items, const QByteArray& prolog = "<?xml version=\"1.0\"?>\n")
{
    return prolog + kDtd + "<items burpVersion=\"2023.9.2\" exportTime=\"Mon Aug 21 00:27:10 ECT 2023\">\n" + items
        + "</items>\n";
}

QString write(const Scratch& scratch, const QByteArray& content)
{
    QFile f(scratch.path(QStringLiteral("items.xml")));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

} // namespace

class TestBurpImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("flows");
        QTest::addColumn<QString>("producer");
        QTest::addColumn<QStringList>("methods");
        QTest::addColumn<QList<int>>("statuses");
        QTest::addColumn<QList<int>>("responseBytes");
        const QStringList methods = QStringLiteral("GET GET GET GET GET POST GET GET POST").split(u' ');
        const QList<int> statuses { 200, 304, 404, 200, 200, 200, 200, 200, 200 };
        const QList<int> sizes { 3323, 0, 1583, 17238, 3939, 3500, 6044, 3714, 3243 };
        QTest::newRow("base64") << "burp/w3af__burp-base64.xml" << 9 << "Burp Suite 1.5.01" << methods << statuses
                                << sizes;
        QTest::newRow("plain, XML 1.1") << "burp/w3af__burp-no-base64.xml" << 9 << "Burp Suite 1.5.01" << methods
                                        << statuses << sizes;
        QTest::newRow(".burp name, 1.4") << "burp/w3af__hist_input-base64.burp" << 3 << "Burp Suite 1.4.07"
                                         << QStringLiteral("GET GET POST").split(u' ') << QList<int> { 200, 200, 200 }
                                         << QList<int> { 2381, 2381, 151 };
    }
    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, flows);
        QFETCH(QString, producer);
        QFETCH(QStringList, methods);
        QFETCH(QList<int>, statuses);
        QFETCH(QList<int>, responseBytes);
        const QString path = data(file);
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::BurpXml);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(static_cast<int>(sink.flows.size()), flows);
        QCOMPARE(sink.info.producer, producer);
        for (int i = 0; i < flows; ++i) {
            const Data::Flow& f = sink.flows[static_cast<size_t>(i)];
            QCOMPARE(f.sourceRef, QStringLiteral("burp:item[%1]").arg(i));
            QCOMPARE(f.method, methods[i]);
            QCOMPARE(f.status, statuses[i]);
            QCOMPARE(static_cast<int>(f.responseBody.data.size()), responseBytes[i]);
            QVERIFY(f.tsStart > 0);
            QVERIFY(!f.host.isEmpty());
        }
    }

    void plainAndBase64ExportsAgree()
    {
        CollectingSink b64, plain;
        QString why;
        QVERIFY(importFile(data(QStringLiteral("burp/w3af__burp-base64.xml")), b64, &why));
        QVERIFY(importFile(data(QStringLiteral("burp/w3af__burp-no-base64.xml")), plain, &why));
        const Data::Flow& a = b64.flows.at(0);
        const Data::Flow& b = plain.flows.at(0);
        QCOMPARE(a.url, QStringLiteral("http://127.0.0.1:8000/"));
        QCOMPARE(a.serverIp, QStringLiteral("127.0.0.1"));
        QCOMPARE(a.serverPort, 8000);
        // Wed Jun 24 08:47:09 ART 2015: Argentina Time, UTC−03:00.
        QCOMPARE(a.tsStart, Data::Timestamp(1435146429) * 1000000);
        QCOMPARE(b.tsStart, a.tsStart);
        QCOMPARE(a.requestHeaders.size(), b.requestHeaders.size());
        QCOMPARE(HttpUtil::headerValue(a.requestHeaders, "user-agent"),
            HttpUtil::headerValue(b.requestHeaders, "user-agent"));
        // The multipart upload lost its CR bytes in the plain export: flagged, not silently wrong.
        QVERIFY(!(b64.flows.at(8).flags & Data::BodyLossyText));
        QVERIFY(plain.flows.at(8).flags & Data::BodyLossyText);
        QCOMPARE(b64.flows.at(8).requestBody.data.size(), 348);
        QVERIFY(plain.warnings.contains(QStringLiteral("1 bodies were exported as plain text rather than base64 and "
                                                       "may not be byte-exact; they are flagged as lossy")));
        QVERIFY(b64.warnings.isEmpty());
    }

    void http2ChunkedGzipAndZones()
    {
        const QByteArray json = "{\"ok\":true,\"upload_id\":\"9f8e7d\"}";
        const QByteArray gz = gzip(json);
        const QByteArray response = "HTTP/2 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\n"
                                    "transfer-encoding: chunked\r\n\r\n"
            + QByteArray::number(gz.size(), 16) + "\r\n" + gz + "\r\n0\r\n\r\n";
        const QByteArray request = "POST /v2/upload HTTP/2\r\nHost: api.vidzy.example\r\ncontent-type: image/jpeg\r\n"
                                   "content-length: 4\r\n\r\n\xFF\xD8\xFF\xE0";
        Scratch scratch;
        const QString path = write(scratch,
            document(item("Mon Aug 21 14:03:05 IST 2023", "https://api.vidzy.example/v2/upload", request, response,
                         "draft upload?")
                + item("Mon Aug 21 14:03:06 XYZ 2023", "https://api.vidzy.example/v2/upload", request, QByteArray())));
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(2));
        const Data::Flow& f = sink.flows[0];
        QCOMPARE(f.httpVersion, QStringLiteral("HTTP/2"));
        QCOMPARE(f.status, 200);
        QCOMPARE(f.responseBody.data, gz); // de-chunked, still gzip
        QCOMPARE(f.responseBody.contentEncoding, QByteArray("gzip"));
        QCOMPARE(f.responseBody.decodedSize, qint64(json.size()));
        QCOMPARE(f.requestBody.data, QByteArray("\xFF\xD8\xFF\xE0"));
        QCOMPARE(f.comment, QStringLiteral("draft upload?"));
        QCOMPARE(f.serverIp, QStringLiteral("151.101.1.140"));
        // IST is read as India Standard Time (UTC+05:30), and the import says so.
        QCOMPARE(f.tsStart, Data::Timestamp(1692606785) * 1000000);
        QVERIFY(sink.warnings.contains(
            QStringLiteral("times carry the zone abbreviation \"IST\", which names several zones; they were read as "
                           "India Standard Time "
                           "(also Irish Standard Time, UTC+01:00, and Israel Standard Time, UTC+02:00) (UTC+05:30)")));
        QVERIFY(sink.warnings.contains(
            QStringLiteral("1 items carry the unknown zone abbreviation \"XYZ\"; their times were read as UTC")));
        QVERIFY(sink.flows[1].flags & Data::Incomplete);
    }

    void errorsAreSpecific_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error");
        QTest::newRow("external entity (XXE)")
            << QByteArray("<?xml version=\"1.0\"?>\n<!DOCTYPE items [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                          "<items burpVersion=\"2023.1\"><item><comment>&xxe;</comment></item></items>")
            << QStringLiteral(
                   "the file declares the external entity \"xxe\" (file:///etc/passwd); Leakscope refuses external "
                   "entities (XXE protection)");
        QTest::newRow("external DTD")
            << QByteArray("<?xml version=\"1.0\"?>\n<!DOCTYPE items SYSTEM \"http://attacker.example/burp.dtd\">\n"
                          "<items burpVersion=\"2023.1\"></items>")
            << QStringLiteral(
                   "the file refers to an external DTD (http://attacker.example/burp.dtd); Leakscope does not "
                   "load external definitions (XXE protection)");
        QTest::newRow("broken")
            << QByteArray("<?xml version=\"1.0\"?>\n<items burpVersion=\"1\">\n<item>\n<time>x</tim>\n")
            << QStringLiteral("broken XML at line 4, column 13 (in or after item 0): opening and ending tag mismatch");
        QTest::newRow("truncated")
            << document(item("Wed Jun 24 08:47:09 ART 2015", "http://a.example/", "GET / HTTP/1.1\r\n\r\n", ""))
                   .left(600)
            << QStringLiteral("broken XML at line 15, column 38 (in or after item 0): premature end of document");
        QTest::newRow("other XML") << QByteArray("<?xml version=\"1.0\"?><rss><channel/></rss>")
                                   << QStringLiteral("not a Burp Suite export: the document is <rss>, not <items>");
    }
    void errorsAreSpecific()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        Scratch scratch;
        const QString path = write(scratch, content);
        // Through the Burp reader directly: some of these are not sniffed as Burp at all.
        auto importer = CaptureFormats::createImporter(CaptureFormat::BurpXml);
        QString openError;
        auto input = ByteSource::open(path, &openError);
        CollectingSink sink;
        QVERIFY(!importer->read({ *input, path, {} }, sink, {}));
        QCOMPARE(importer->errorString(), error);
    }

    void controlBytesInPlainExportsAreRepaired()
    {
        // Burp keeps NUL bytes of non-base64 bodies, which XML cannot hold.
        static const char raw[] = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\nab\0cd\x01";
        const QByteArray response(raw, sizeof raw - 1);
        Scratch scratch;
        const QString path = write(scratch,
            document(item("Wed Jun 24 08:47:09 ART 2015", "http://a.example/",
                "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n", response, {}, false)));
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(1));
        QCOMPARE(sink.flows[0].responseBody.data,
            QByteArray("ab\xEF\xBF\xBD"
                       "cd\xEF\xBF\xBD"));
        QVERIFY(sink.flows[0].flags & Data::BodyLossyText);
        QVERIFY(sink.warnings.contains(QStringLiteral(
            "2 bytes that XML cannot hold (NUL and other control bytes, or bytes that are not UTF-8) were replaced by "
            "U+FFFD; export with \"Base64-encode requests and responses\" to keep bodies byte-exact")));
    }

    void javaDates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<bool>("ambiguous");
        QTest::newRow("ART") << "Wed Jun 24 08:47:09 ART 2015" << qint64(1435146429) << false;
        QTest::newRow("CEST") << "Sat Jul 01 12:00:00 CEST 2023" << qint64(1688205600) << false;
        QTest::newRow("ECT (Ecuador)") << "Sun Aug 20 17:51:44 ECT 2023" << qint64(1692571904) << true;
        QTest::newRow("GMT+05:30") << "Mon Jan 01 05:30:00 GMT+05:30 2024" << qint64(1704067200) << false;
        QTest::newRow("UTC") << "Mon Jan 01 00:00:00 UTC 2024" << qint64(1704067200) << false;
    }
    void javaDates()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        QFETCH(bool, ambiguous);
        const JavaDate::Parsed p = JavaDate::parse(text);
        QCOMPARE(p.ts, seconds * 1000000);
        QVERIFY(p.zone);
        QCOMPARE(p.zone->ambiguous, ambiguous);
    }
    void javaDateOffsetsOutOfRange()
    {
        // A negative or huge offset after the sign is no zone (it overflowed an int in minutes).
        for (const char* text : { "Tue Nov 20 14:03:05 GMT+-99999999 2026", "Tue Nov 20 14:03:05 GMT-05:-30 2026",
                 "Tue Nov 20 14:03:05 GMT+15 2026" })
            QVERIFY2(!JavaDate::parse(QString::fromLatin1(text)).zone, text);
    }

    void httpMessages()
    {
        const HttpMessage::Parsed bareLf = HttpMessage::parse(
            "HTTP/1.1 404 Not Found\nX-A: 1\n  continued\nContent-Length: 3\n\nabcdef", HttpMessage::Kind::Response);
        QVERIFY(bareLf.ok);
        QCOMPARE(bareLf.status, 404);
        QCOMPARE(bareLf.reason, QByteArray("Not Found"));
        QCOMPARE(bareLf.headers.at(0).value, QByteArray("1 continued")); // obs-fold
        QCOMPARE(bareLf.body, QByteArray("abc"));
        const HttpMessage::Parsed shortBody =
            HttpMessage::parse("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc", HttpMessage::Kind::Request);
        QVERIFY(shortBody.shortBody);
        QCOMPARE(shortBody.body, QByteArray("abc"));
        const HttpMessage::Parsed badChunks = HttpMessage::parse(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", HttpMessage::Kind::Response);
        QVERIFY(badChunks.shortBody);
        QCOMPARE(badChunks.body, QByteArray("ab"));
        QCOMPARE(badChunks.error, QStringLiteral("the chunked body is cut short or its chunk sizes are broken"));
        const HttpMessage::Parsed trailers = HttpMessage::parse(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nX-Checksum: 1\r\n\r\n",
            HttpMessage::Kind::Response);
        QCOMPARE(trailers.body, QByteArray("abc"));
        QCOMPARE(trailers.trailers.size(), size_t(1));
        const HttpMessage::Parsed notHttp = HttpMessage::parse("hello world", HttpMessage::Kind::Response);
        QVERIFY(!notHttp.ok);
        QCOMPARE(notHttp.error, QStringLiteral("the status line \"hello world\" is not \"HTTP/x status reason\""));
    }
};

QTEST_GUILESS_MAIN(TestBurpImporter)
#include "tst_burpimporter.moc"
