// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/compression.h"
#include "common/httputil.h"
#include "common/timeutil.h"
#include "ingest/bytesource.h"
#include "ingest/captureformat.h"
#include "ingest/harimporter.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <zlib.h>

using namespace TestUtils;

namespace {

QString writeFile(const Scratch& scratch, const QString& name, const QByteArray& content)
{
    QFile f(scratch.path(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

QByteArray gzip(const QByteArray& data, bool zlibHeader)
{
    z_stream zs {};
    deflateInit2(&zs, 6, Z_DEFLATED, zlibHeader ? 15 : 31, 8, Z_DEFAULT_STRATEGY);
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

QByteArray har(const QByteArray& entries, const QByteArray& creator = "test")
{
    return "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"" + creator
        + "\", \"version\": \"1\"}, \"entries\": [" + entries + "]}}";
}

QByteArray entry(const QByteArray& request,
    const QByteArray& response = "{\"status\": 200, \"headers\": [], \"content\": {\"size\": 0}}")
{
    return "{\"startedDateTime\": \"2026-11-20T14:03:05.250+01:00\", \"time\": 12.5, \"request\": " + request
        + ", \"response\": " + response + "}";
}

} // namespace

class TestHarImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every fixture copied from the corpus: the number of entries it holds, or the error it must give.
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("flows");
        QTest::addColumn<QString>("error");
        QTest::newRow("chrome h2") << "har/httpolice__chrome_http2.har" << 1 << QString();
        QTest::newRow("bad base64") << "har/httpolice__bad_base64.har" << 1 << QString();
        QTest::newRow("fiddler BOM CONNECT") << "har/httpolice__fiddler+ie11_connect.har" << 1 << QString();
        QTest::newRow("firefox gif") << "har/httpolice__firefox_gif.har" << 8 << QString();
        QTest::newRow("edge BOM") << "har/httpolice__hist_http2bin_edge.har" << 11 << QString();
        QTest::newRow("k6 multipart") << "har/hartok6__multipart-formdata.har" << 5 << QString();
        QTest::newRow("mitmproxy errors") << "har/mitmproxy__flows_error_log.har" << 2 << QString();
        QTest::newRow("chrome h3") << "har/mitmproxy__har_files_chrome.har" << 3 << QString();
        QTest::newRow("chrome BOM") << "har/mitmproxy__har_files_with-bom.har" << 1 << QString();
        QTest::newRow("chrome postdata") << "har/mitmproxy__har_files_postdata.har" << 1 << QString();
        QTest::newRow("no response text") << "har/httpolice__unknown_response_body.har" << 1 << QString();
        QTest::newRow("polly") << "har/pollyjs__rest-persister_recording.har" << 1 << QString();
        QTest::newRow("pages only") << "har/hartok6__page.har" << -1
                                    << QStringLiteral("not a HAR file: \"log\" has no \"entries\" array");
        QTest::newRow("not a har") << "har/mitmproxy__har_extractor.har" << -1
                                   << QStringLiteral("not a HAR file: the JSON has no \"log\" object");
    }
    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, flows);
        QFETCH(QString, error);
        CollectingSink sink;
        QString why;
        const bool ok = importFile(data(file), sink, &why);
        if (flows < 0) {
            QVERIFY(!ok);
            QCOMPARE(why, error);
            return;
        }
        QVERIFY2(ok, qPrintable(why));
        QCOMPARE(static_cast<int>(sink.flows.size()), flows);
        for (size_t i = 0; i < sink.flows.size(); ++i)
            QCOMPARE(sink.flows[i].sourceRef, QStringLiteral("har:entries[%1]").arg(i));
    }

    void wholeCorpusImportsExactlyItsEntries()
    {
        const QString dir = corpus(QStringLiteral("har"));
        if (dir.isEmpty())
            QSKIP("../shared/corpus is not here");
        int files = 0;
        const QStringList names = QDir(dir).entryList(QDir::Files);
        for (const QString& name : names) {
            const QString path = QDir(dir).filePath(name);
            if (CaptureFormats::sniff(path).format != CaptureFormat::Har)
                continue;
            // The reference count: entries in log.entries, as an independent JSON reader sees them.
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QByteArray bytes = f.readAll();
            if (bytes.startsWith("\xEF\xBB\xBF"))
                bytes = bytes.mid(3);
            const QJsonObject log = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("log")).toObject();
            CollectingSink sink;
            QString why;
            const bool ok = importFile(path, sink, &why);
            if (!log.contains(QStringLiteral("entries"))) {
                QVERIFY2(!ok && why.startsWith(QStringLiteral("not a HAR file")),
                    qPrintable(name + QStringLiteral(": ") + why));
                continue;
            }
            QVERIFY2(ok, qPrintable(name + QStringLiteral(": ") + why));
            QCOMPARE(static_cast<qsizetype>(sink.flows.size()), log.value(QStringLiteral("entries")).toArray().size());
            ++files;
        }
        QVERIFY(files >= 35);
    }

    void chromeFlowFields()
    {
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(data(QStringLiteral("har/httpolice__chrome_http2.har")), sink, &why), qPrintable(why));
        QCOMPARE(sink.info.producer, QStringLiteral("WebInspector 537.36"));
        const Data::Flow& f = sink.flows.at(0);
        QCOMPARE(f.method, QStringLiteral("GET"));
        QCOMPARE(f.host, QStringLiteral("vasiliy.faronov.name"));
        QCOMPARE(f.scheme, QStringLiteral("https"));
        QCOMPARE(f.serverPort, 443);
        QCOMPARE(f.httpVersion, QStringLiteral("HTTP/2"));
        QCOMPARE(f.l7, QString()); // derived from the version when stored
        QCOMPARE(f.status, 200);
        QVERIFY(!f.serverIp.isEmpty());
        QVERIFY(f.tsStart > 0);
        QVERIFY(f.tsEnd >= f.tsStart);
        QVERIFY(!f.requestHeaders.empty());
        QVERIFY(f.responseBody.present);
        QVERIFY(!f.responseBody.data.isEmpty());
    }

    void firefoxGifIsBinaryExact()
    {
        CollectingSink sink;
        QString why;
        QVERIFY(importFile(data(QStringLiteral("har/httpolice__firefox_gif.har")), sink, &why));
        int gifs = 0;
        for (const auto& f : sink.flows) {
            if (f.responseContentType.startsWith(QStringLiteral("image/gif")) && f.responseBody.present) {
                QVERIFY(f.responseBody.data.startsWith("GIF8"));
                QVERIFY(!(f.flags & Data::BodyLossyText));
                ++gifs;
            }
        }
        QVERIFY(gifs > 0);
    }

    void errorsNameThePosition_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error");
        QTest::newRow("truncated") << har(entry("{\"method\": \"GET\", \"url\": \"http://a.example/\"}")).left(120)
                                   << QStringLiteral("broken JSON at line 1, column 121 (in or after entry 0): missing "
                                                     "a closing quotation mark in string");
        QTest::newRow("garbage in entry 1")
            << "{\"log\": {\"entries\": [\n" + entry("{\"method\": \"GET\", \"url\": \"http://a.example/\"}")
                + ",\n{\"startedDateTime\": x}]}}"
            << QStringLiteral("broken JSON at line 3, column 21 (in or after entry 1): invalid value");
        QTest::newRow("empty") << QByteArray("   ") << QStringLiteral("not a HAR file: the file is empty");
        QTest::newRow("array") << QByteArray("[1, 2]")
                               << QStringLiteral("not a HAR file: the JSON has no \"log\" object");
    }
    void errorsNameThePosition()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        Scratch scratch;
        const QString path = writeFile(scratch, QStringLiteral("x.har"), content);
        HarImporterProbe probe(path);
        QCOMPARE(probe.error, error);
    }

    void producerQuirks()
    {
        Scratch scratch;
        const QByteArray pngBase64 = QByteArray("\x89PNG\r\n\x1a\n\x00\x01\x02", 11).toBase64();
        const QByteArray entries
            // HTTP Toolkit: byte-exact request body in _content
            = entry("{\"method\": \"POST\", \"url\": \"https://t.example/upload\", \"headers\": [{\"name\": "
                    "\"Content-Type\", \"value\": \"image/png\"}], "
                    "\"postData\": {\"mimeType\": \"image/png\", \"text\": \"\"}, \"_requestBodyStatus\": "
                    "\"discarded:not-representable\", "
                    "\"_content\": {\"text\": \""
                  + pngBase64 + "\", \"encoding\": \"base64\"}}")
            // PCAPdroid / HAR 1.3: base64 postData
            + ","
            + entry("{\"method\": \"POST\", \"url\": \"http://p.example/b\", \"postData\": {\"mimeType\": "
                    "\"application/octet-stream\", \"text\": \"AAEC/w==\", \"encoding\": \"base64\"}}")
            // Slack: headers as arrays; params only
            + ","
            + entry("{\"method\": \"POST\", \"url\": \"http://s.example/f\", \"headers\": [[\"X-Test\", \"1\"], "
                    "[\"x-test\", \"2\"]], "
                    "\"postData\": {\"mimeType\": \"application/x-www-form-urlencoded\", \"params\": [{\"name\": \"a "
                    "b\", \"value\": \"c&d\"}]}}")
            // binary body as text: lossy; a lone surrogate in it
            + ","
            + entry("{\"method\": \"POST\", \"url\": \"http://l.example/x\", \"postData\": {\"mimeType\": "
                    "\"application/octet-stream\", \"text\": \"\\u0001\\ud800ab\"}}")
            // HTTP Toolkit: body too large, dropped
            + ","
            + entry("{\"method\": \"PUT\", \"url\": \"https://u.example/v\", \"bodySize\": 900000, "
                    "\"_requestBodyStatus\": \"discarded:too-large\"}")
            // response body exported without text (Firefox images) and a failed request (mitmproxy)
            + ","
            + entry("{\"method\": \"GET\", \"url\": \"https://i.example/a.jpg\"}",
                "{\"status\": 200, \"content\": {\"size\": 5000, \"mimeType\": \"image/jpeg\"}}")
            + ","
            + entry("{\"method\": \"GET\", \"url\": \"https://e.example/\"}",
                "{\"status\": 0, \"_error\": \"net::ERR_CONNECTION_RESET\", \"content\": {\"size\": 0}}")
            // WebSocket messages (Chrome)
            + ",{\"startedDateTime\": \"2026-11-20T14:03:06Z\", \"_resourceType\": \"websocket\", \"request\": "
              "{\"method\": \"GET\", \"url\": \"wss://w.example/s\"}, "
              "\"response\": {\"status\": 101}, \"_webSocketMessages\": [{\"type\": \"send\", \"time\": 1763647386.5, "
              "\"opcode\": 1, \"data\": \"hello\"}, "
              "{\"type\": \"receive\", \"time\": 1763647386.6, \"opcode\": 2, \"data\": \"AAE=\"}]}";
        const QString path = writeFile(scratch, QStringLiteral("quirks.har"), har(entries, "HTTP Toolkit"));
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(8));
        const auto& f = sink.flows;
        QCOMPARE(f[0].requestBody.data, QByteArray::fromBase64(pngBase64));
        QVERIFY(!(f[0].flags & Data::BodyLossyText));
        QCOMPARE(f[0].tsStart, *TimeUtil::parseIso8601(u"2026-11-20T13:03:05.250Z"));
        QCOMPARE(f[0].tsEnd - f[0].tsStart, 12500);
        QCOMPARE(f[1].requestBody.data, QByteArray("\x00\x01\x02\xff", 4));
        QCOMPARE(f[2].requestHeaders.size(), size_t(2));
        QCOMPARE(f[2].requestHeaders[1].value, QByteArray("2"));
        QCOMPARE(f[2].requestBody.data, QByteArray("a%20b=c%26d"));
        QVERIFY(f[3].flags & Data::BodyLossyText);
        QVERIFY(f[3].requestBody.data.contains("\xEF\xBF\xBD"
                                               "ab"));
        QVERIFY(!f[4].requestBody.present);
        QVERIFY(f[4].flags & Data::BodyMissing);
        QCOMPARE(f[4].requestBody.wireSize, 900000);
        QVERIFY(f[5].flags & Data::BodyMissing);
        QCOMPARE(f[5].responseBody.decodedSize, 5000);
        QCOMPARE(f[6].status, 0);
        QCOMPARE(f[6].error, QStringLiteral("net::ERR_CONNECTION_RESET"));
        QVERIFY(f[6].flags & Data::Incomplete);
        QCOMPARE(f[7].l7, QStringLiteral("ws"));
        QCOMPARE(f[7].webSocketMessages.size(), size_t(2));
        QVERIFY(f[7].webSocketMessages[0].fromClient);
        QCOMPARE(f[7].webSocketMessages[1].data, QByteArray("\x00\x01", 2));
        QVERIFY(sink.warnings.join(u'\n').contains(QStringLiteral("lone surrogates")));
    }

    // Numbers no real exporter writes (found by fuzzing the Charles importer, which shares the pattern): read as
    // unknown rather than converted, which would be undefined behaviour.
    void outOfRangeNumbersAreUnknown()
    {
        Scratch scratch;
        const QByteArray entries =
            "{\"startedDateTime\": \"2026-11-20T14:03:05Z\", \"time\": 1e300, \"_serverPort\": 1e10, "
            "\"request\": {\"method\": \"POST\", \"url\": \"http://n.example/\", \"bodySize\": 6.7e19}, "
            "\"response\": {\"status\": 1e20, \"bodySize\": -1, \"_transferSize\": 1e300, "
            "\"headersSize\": 0, \"content\": {\"size\": 1e300}}}";
        const QString path = writeFile(scratch, QStringLiteral("numbers.har"), har(entries));
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(1));
        const Data::Flow& f = sink.flows.front();
        const Data::Flow unknown;
        QCOMPARE(f.tsEnd, f.tsStart);
        QCOMPARE(f.serverPort, 80); // from the URL, not the impossible _serverPort
        QCOMPARE(f.status, 0);
        QCOMPARE(f.requestBody.wireSize, unknown.requestBody.wireSize);
        QCOMPARE(f.responseBody.wireSize, unknown.responseBody.wireSize);
        QCOMPARE(f.responseBody.decodedSize, unknown.responseBody.decodedSize);
    }

    void compressedHarIsSniffedByContent_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("zlibHeader");
        QTest::newRow("mitmproxy .zhar (zlib)") << "capture.zhar" << true;
        QTest::newRow("gzip named .har") << "capture.har" << false;
        QTest::newRow("gzip named .pcap") << "capture.pcap" << false;
    }
    void compressedHarIsSniffedByContent()
    {
        QFETCH(QString, name);
        QFETCH(bool, zlibHeader);
        QFile f(data(QStringLiteral("har/httpolice__firefox_gif.har")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        Scratch scratch;
        const QString path = writeFile(scratch, name, gzip(f.readAll(), zlibHeader));
        const SniffResult s = CaptureFormats::sniff(path);
        QCOMPARE(s.format, CaptureFormat::Har);
        QCOMPARE(s.compression, zlibHeader ? QStringLiteral("zlib") : QStringLiteral("gzip"));
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(8));
    }

    void largeFileStreamsInBoundedMemory()
    {
        // 40 entries of 1 MB base64 bodies: the importer holds one entry at a time.
        Scratch scratch;
        QFile out(scratch.path(QStringLiteral("big.har")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("{\"log\": {\"entries\": [");
        const QByteArray body = QByteArray(768 * 1024, 'x').toBase64();
        for (int i = 0; i < 40; ++i) {
            if (i)
                out.write(",");
            out.write(entry("{\"method\": \"GET\", \"url\": \"https://big.example/" + QByteArray::number(i) + "\"}",
                "{\"status\": 200, \"content\": {\"size\": 786432, \"mimeType\": \"application/octet-stream\", "
                "\"encoding\": \"base64\", \"text\": \""
                    + body + "\"}}"));
        }
        out.write("]}}");
        out.close();
        struct CountingSink : CollectingSink
        {
            void addFlow(Data::Flow&& f) override
            {
                ++count;
                sizes += f.responseBody.data.size();
            }
            int count = 0;
            qint64 sizes = 0;
        } sink;
        QString why;
        QVERIFY2(importFile(out.fileName(), sink, &why), qPrintable(why));
        QCOMPARE(sink.count, 40);
        QCOMPARE(sink.sizes, 40 * 768 * 1024);
    }

private:
    struct HarImporterProbe
    {
        // The HAR reader itself, without sniffing: some of these files are not recognisable as HAR at all.
        explicit HarImporterProbe(const QString& path)
        {
            CollectingSink sink;
            QString openError;
            auto source = ByteSource::open(path, &openError);
            HarImporter importer;
            error =
                importer.read({ *source, path, {} }, sink, {}) ? QStringLiteral("(no error)") : importer.errorString();
        }
        QString error;
    };
};

QTEST_GUILESS_MAIN(TestHarImporter)
#include "tst_harimporter.moc"
