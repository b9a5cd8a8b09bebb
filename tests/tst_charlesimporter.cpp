// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "charlessamples.h"
#include "common/httputil.h"
#include "ingest/captureformat.h"
#include "pipeline/captureimport.h"
#include "store/investigation.h"
#include "testutils.h"
#include "zipwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TestUtils;

using namespace CharlesSamples;

class TestCharlesImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpusSessions_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("flows");
        QTest::newRow("HTTP/2 login POST") << "charles/fiddler2jmeter__post.chlsj" << 1;
        QTest::newRow("72 Baidu transactions") << "charles/fiddler2jmeter__test_http2.0.chlsj" << 72;
    }
    void corpusSessions()
    {
        QFETCH(QString, file);
        QFETCH(int, flows);
        const QString path = data(file);
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::CharlesJson);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        // The reference count: elements of the JSON array, as Qt's own JSON reader sees them.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray all = QJsonDocument::fromJson(f.readAll()).array();
        QCOMPARE(static_cast<int>(all.size()), flows);
        QCOMPARE(static_cast<int>(sink.flows.size()), flows);
        for (int i = 0; i < flows; ++i) {
            const Data::Flow& fl = sink.flows[static_cast<size_t>(i)];
            const QJsonObject t = all[i].toObject();
            QCOMPARE(fl.sourceRef, QStringLiteral("charles:[%1]").arg(i));
            QCOMPARE(fl.method, t.value(QStringLiteral("method")).toString());
            QCOMPARE(fl.status, t.value(QStringLiteral("response")).toObject().value(QStringLiteral("status")).toInt());
            QVERIFY(fl.tsStart > 0);
        }
    }

    void loginPost()
    {
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(data(QStringLiteral("charles/fiddler2jmeter__post.chlsj")), sink, &why), qPrintable(why));
        const Data::Flow& f = sink.flows.at(0);
        QCOMPARE(f.url, QStringLiteral("https://eapit.ibrolive.cn/sys/account/login/pre"));
        QCOMPARE(f.host, QStringLiteral("eapit.ibrolive.cn"));
        QCOMPARE(f.httpVersion, QStringLiteral("HTTP/2"));
        QCOMPARE(f.serverIp, QStringLiteral("8.135.15.172"));
        QCOMPARE(f.clientIp, QStringLiteral("127.0.0.1"));
        QCOMPARE(f.tlsVersion, QStringLiteral("TLSv1.2"));
        QCOMPARE(f.alpn, QStringLiteral("h2"));
        QCOMPARE(f.status, 200);
        QCOMPARE(f.requestBody.data,
            QByteArray("{\"username\":\"user8\",\"captchaId\":\"f2n6bbawWbMG0K3lG19r\",\"code\":\"9858\"}"));
        QCOMPARE(f.responseBody.data.size(), 69);
        QCOMPARE(f.tsStart, Data::Timestamp(1657795251007000));
        QCOMPARE(f.tsEnd, Data::Timestamp(1657795251260000));
    }

    void bodiesWithoutBytesAreMissing()
    {
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(data(QStringLiteral("charles/fiddler2jmeter__test_http2.0.chlsj")), sink, &why),
            qPrintable(why));
        // Transaction 4: a 308 KB gzip page whose bytes the session did not keep.
        const Data::Flow& f = sink.flows.at(4);
        QCOMPARE(f.host, QStringLiteral("www.baidu.com"));
        QVERIFY(!f.responseBody.present);
        QVERIFY(f.flags & Data::BodyMissing);
        QCOMPARE(f.responseBody.wireSize, qint64(308545));
        QCOMPARE(f.responseBody.contentEncoding, QByteArray("gzip"));
    }

    void craftedSession()
    {
        Scratch scratch;
        const QString path = write(scratch, QStringLiteral("s.chlsj"),
            "[" + transaction(R"(,"notes":"sent before Post")") + "," + kTunnel + "," + kFailed + "]");
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::CharlesJson);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(3));
        const Data::Flow& f = sink.flows[0];
        QCOMPARE(f.url, QStringLiteral("https://events.vidzy.example:8443/v1/track?sdk=3.1"));
        QCOMPARE(f.serverPort, 8443);
        QCOMPARE(f.clientPort, 50211);
        QCOMPARE(f.status, 202);
        QCOMPARE(f.reason, QStringLiteral("Accepted"));
        QCOMPARE(f.comment, QStringLiteral("sent before Post"));
        QCOMPARE(f.requestBody.data, kJson);
        QCOMPARE(f.responseBody.data, gzip(kJson));
        QCOMPARE(f.responseBody.contentEncoding, QByteArray("gzip"));
        QCOMPARE(f.responseBody.decodedSize, qint64(kJson.size()));
        const Data::Flow& tunnel = sink.flows[1];
        QCOMPARE(tunnel.url, QStringLiteral("pinned.example:443"));
        QVERIFY(tunnel.flags & Data::Tunnel);
        QVERIFY(tunnel.flags & Data::Encrypted);
        QCOMPARE(tunnel.serverIp, QStringLiteral("203.0.113.50"));
        const Data::Flow& failed = sink.flows[2];
        QCOMPARE(failed.error, QStringLiteral("Connection reset by peer"));
        QVERIFY(failed.flags & Data::Incomplete);
    }

    void decodedBodiesAreNotEncodedTwice()
    {
        // Charles may keep a body decoded while the header still says gzip: the bytes decide.
        Scratch scratch;
        const QString path = write(scratch, QStringLiteral("s.chlsj"),
            "[" + transaction({}, "{\"encoded\":\"" + kJson.toBase64() + "\",\"decoded\":true}") + "]");
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        const Data::Body& b = sink.flows.at(0).responseBody;
        QCOMPARE(b.data, kJson);
        QVERIFY(b.contentEncoding.isEmpty());
        QCOMPARE(b.decodedSize, qint64(kJson.size()));
    }

    void oneTransactionPerLine()
    {
        // A .chlsj saved as newline-delimited objects: named like JSON, read by content.
        Scratch scratch;
        const QString path = write(scratch, QStringLiteral("s.chlsj"), transaction() + "\n" + kTunnel + "\n");
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::CharlesJson);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(2));
        QCOMPARE(sink.info.notes, QStringLiteral("JSON session, one transaction per line"));
    }

    void brokenJsonNamesThePosition()
    {
        Scratch scratch;
        const QString path = write(scratch, QStringLiteral("s.chlsj"), "[" + transaction() + ",\n" + kTunnel.left(60));
        CollectingSink sink;
        QString why;
        QVERIFY(!importFile(path, sink, &why));
        QCOMPARE(why,
            QStringLiteral(
                "broken JSON at line 2, column 61 (in or after record 2): missing a closing quotation mark in string"));
    }

    void archive()
    {
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("session.chlz"));
        QVERIFY(TestZip::write(path,
            { { QStringLiteral("1-meta.json"), transaction({}, QByteArray("null")) },
                { QStringLiteral("1-req.json"), kJson }, { QStringLiteral("1-res.bin"), gzip(kJson) },
                { QStringLiteral("2-meta.json"), kTunnel } }));
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::CharlesArchive);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(2));
        const Data::Flow& f = sink.flows[0];
        QCOMPARE(f.sourceRef, QStringLiteral("chlz:transaction=1"));
        QCOMPARE(f.requestBody.data, kJson);
        QCOMPARE(f.responseBody.data, gzip(kJson));
        QCOMPARE(f.responseBody.contentEncoding, QByteArray("gzip"));
        QCOMPARE(f.responseBody.decodedSize, qint64(kJson.size()));
        QVERIFY(sink.flows[1].flags & Data::Tunnel);
    }

    void archiveWithoutTransactions()
    {
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("session.chlz"));
        QVERIFY(TestZip::write(path, { { QStringLiteral("7-req.bin"), QByteArray("x") } }));
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::CharlesArchive);
        CollectingSink sink;
        QString why;
        QVERIFY(!importFile(path, sink, &why));
        QCOMPARE(why,
            QStringLiteral("this zip is not laid out as Leakscope expects a Charles 5 archive (N-meta.json per "
                           "transaction); in Charles, use File → Export Session… → JSON Session File (.chlsj) or "
                           "HTTP Archive (.har), then import that file"));
    }

    void otherCharlesFormatsGetAMessage_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error");
        // .chls: a Java serialisation stream (magic AC ED 00 05).
        QTest::newRow("binary .chls")
            << QByteArray("\xAC\xED\x00\x05"
                          "sr\x00\x1E"
                          "com.xk72.charles.model.Session",
                   38)
            << QStringLiteral("s.chls: this is a binary Charles session (.chls), which only Charles can read. "
                              "Convert it with \"charles convert session.chls session.chlsj\", or in Charles "
                              "use File → Export Session… → JSON Session File (.chlsj) or HTTP Archive (.har), "
                              "then import that file");
        QTest::newRow("XML session")
            << QByteArray(
                   "<?xml version=\"1.0\"?>\n<charles-session>\n<transaction method=\"GET\"/>\n</charles-session>\n")
            << QStringLiteral("s.chls: not a capture Leakscope can read (it looks like a Charles XML session, which "
                              "Leakscope does not read; in Charles, export the session as JSON Session File "
                              "(.chlsj) or HTTP Archive (.har) and import that file)");
    }
    void otherCharlesFormatsGetAMessage()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        Scratch scratch;
        const QString path = write(scratch, QStringLiteral("s.chls"), content);
        auto investigation =
            Investigation::open(scratch.path(QStringLiteral("case.leakscope")), Investigation::OpenMode::Create);
        ImportRequest request;
        request.path = path;
        const ImportOutcome outcome = importCapture(*investigation, request);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error, error);
    }
};

QTEST_GUILESS_MAIN(TestCharlesImporter)
#include "tst_charlesimporter.moc"
