// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/httputil.h"
#include "ingest/bytesource.h"
#include "ingest/captureformat.h"
#include "ingest/mitmproxyimporter.h"
#include "ingest/tnetstring.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <map>

using namespace TestUtils;

namespace {

// ---- building flows the way mitmproxy 11+ writes them (format 21), for what the corpus lacks ---------------

TnValue str(const char* s)
{
    return TnValue::makeBytes(s, TnValue::String);
}
TnValue bytes(const QByteArray& b)
{
    return TnValue::makeBytes(b);
}
TnValue num(qint64 i)
{
    return TnValue::makeInt(i);
}
TnValue real(double d)
{
    return TnValue::makeFloat(d);
}
TnValue null()
{
    return TnValue();
}
TnValue list(std::vector<TnValue> items)
{
    return TnValue::makeList(std::move(items));
}
TnValue dict(std::vector<std::pair<const char*, TnValue>> members)
{
    TnValue d = TnValue::makeDict();
    for (auto& [k, v] : members)
        d.insert(k, std::move(v));
    return d;
}

TnValue connection(const char* peerIp, int peerPort, const char* transport)
{
    return dict({ { "id", str("7c1e9b90-0000-4000-8000-0000000000aa") },
        { "peername", list({ str(peerIp), num(peerPort) }) }, { "sockname", list({ str("10.0.0.2"), num(8080) }) },
        { "address", list({ str("dns.example"), num(peerPort) }) }, { "transport_protocol", str(transport) },
        { "tls", TnValue::makeBool(false) }, { "sni", null() }, { "alpn", null() }, { "tls_version", null() },
        { "timestamp_start", real(1767225600.5) }, { "timestamp_end", real(1767225601.0) },
        { "certificate_list", list({ bytes("-----BEGIN CERTIFICATE-----\n...") }) } });
}

TnValue flowBase(const char* id, const char* type, int version = 21)
{
    return dict({ { "version", num(version) }, { "type", str(type) }, { "id", str(id) }, { "error", null() },
        { "client_conn",
            connection("10.0.0.5", 53000, type == QByteArray("udp") || type == QByteArray("dns") ? "udp" : "tcp") },
        { "server_conn", connection("9.9.9.9", 53, "udp") }, { "intercepted", TnValue::makeBool(false) },
        { "is_replay", null() }, { "marked", str("") }, { "metadata", dict({}) }, { "comment", str("") },
        { "timestamp_created", real(1767225600.6) } });
}

QByteArray dnsName(const QByteArray& name)
{
    QByteArray out;
    for (const QByteArray& label : name.split('.')) {
        out += static_cast<char>(label.size());
        out += label;
    }
    return out + '\0';
}

TnValue record(const char* name, int type, int ttl, QByteArray data)
{
    return dict({ { "name", str(name) }, { "type", num(type) }, { "class_", num(1) }, { "ttl", num(ttl) },
        { "data", bytes(std::move(data)) } });
}

TnValue dnsMessage(bool query, std::vector<TnValue> answers, double ts)
{
    return dict({ { "id", num(4242) }, { "query", TnValue::makeBool(query) }, { "op_code", num(0) },
        { "authoritative_answer", TnValue::makeBool(false) }, { "truncation", TnValue::makeBool(false) },
        { "recursion_desired", TnValue::makeBool(true) }, { "recursion_available", TnValue::makeBool(!query) },
        { "reserved", num(0) }, { "response_code", num(0) },
        { "questions",
            list({ dict({ { "name", str("graph.vidzy.example") }, { "type", num(28) }, { "class_", num(1) } }) }) },
        { "answers", list(std::move(answers)) }, { "authorities", list({}) }, { "additionals", list({}) },
        { "timestamp", real(ts) } });
}

/// A DNS flow for an AAAA question answered through a CNAME, as mitmproxy 11's DNS mode records it.
TnValue dnsFlow()
{
    TnValue f = flowBase("1d7f2c6e-8d1b-4c39-9a55-6f4b7c2d9e01", "dns");
    f.insert("request", dnsMessage(true, {}, 1767225600.6));
    const QByteArray v6 = QByteArray::fromHex("2a0300000000000000000000000000a1");
    f.insert("response",
        dnsMessage(false,
            { record("graph.vidzy.example", 5, 300, dnsName("edge.cdn.example")),
                record("edge.cdn.example", 28, 60, v6) },
            1767225600.7));
    return f;
}

/// A UDP flow (mitmproxy's udp mode): datagrams each way.
TnValue udpFlow()
{
    TnValue f = flowBase("5b0f7d52-1c55-4a8e-b2a9-3e6c9d1f0a02", "udp");
    f.insert("messages",
        list({ list({ TnValue::makeBool(true), bytes("ping-1"), real(1767225600.8) }),
            list({ TnValue::makeBool(false), bytes("pong-1"), real(1767225600.9) }),
            list({ TnValue::makeBool(true), bytes("ping-2"), real(1767225601.0) }) }));
    return f;
}

QString writeFile(const Scratch& scratch, const QString& name, const QByteArray& content)
{
    QFile f(scratch.path(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

/// Imports bytes written to a scratch file; returns false with the importer's message.
bool importBytes(
    const QByteArray& content, CollectingSink& sink, QString* error, const QString& name = QStringLiteral("x.mitm"))
{
    Scratch scratch;
    const QString path = writeFile(scratch, name, content);
    QString openError;
    auto source = ByteSource::open(path, &openError);
    MitmproxyImporter importer;
    const ImportInput input { *source, path, {} };
    const bool ok = importer.read(input, sink, {});
    *error = importer.errorString();
    return ok;
}

const Data::Flow* byId(const CollectingSink& sink, const QString& id)
{
    for (const auto& f : sink.flows) {
        if (f.sourceId == id)
            return &f;
    }
    return nullptr;
}

} // namespace

class TestMitmproxyImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every dump of the corpus (one per mitmproxy flow format there is) plus the mitmproxy 8 fixture: the number
    // of flows, and the host, method, status and response body size of the first one.
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("flows");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("responseBytes");
        QTest::addColumn<QString>("producer");
        QTest::newRow("0.11") << "mitmproxy__dumpfile-011.mitm" << 1 << "example.com"
                              << "GET" << 200 << 1270 << "mitmproxy (mitmproxy 0.11.3)";
        QTest::newRow("0.12") << "mitmproxy__dumpfile-012_hist" << 1 << "example.com"
                              << "GET" << 304 << 0 << "mitmproxy (mitmproxy 0.12)";
        QTest::newRow("0.18") << "mitmproxy__dumpfile-018.mitm" << 1 << "www.example.com"
                              << "GET" << 200 << 1270 << "mitmproxy (mitmproxy 0.18.2)";
        QTest::newRow("0.18 earlier") << "mitmproxy__dumpfile-018_hist" << 1 << "www.example.com"
                                      << "GET" << 200 << 1270 << "mitmproxy (mitmproxy 0.18.2)";
        QTest::newRow("format 7 h2 no response") << "mitmproxy__dumpfile-019.mitm" << 1 << "webrv.rtb-seller.com"
                                                 << "GET" << 0 << 0 << "mitmproxy (format 7)";
        QTest::newRow("format 7 websocket") << "mitmproxy__dumpfile-7-websocket.mitm" << 4 << "echo.websocket.org"
                                            << "GET" << 101 << 0 << "mitmproxy (format 7)";
        QTest::newRow("format 10") << "mitmproxy__dumpfile-10.mitm" << 1 << "example.com"
                                   << "GET" << 0 << 0 << "mitmproxy (format 10)";
        QTest::newRow("format 11") << "mitmproxy__dumpfile-7.mitm" << 2 << "example.com"
                                   << "GET" << 200 << 1256 << "mitmproxy (format 11)";
        QTest::newRow("format 17 (mitmproxy 8)") << "generated__mitmproxy8.mitm" << 7 << "tracker.example"
                                                 << "GET" << 0 << 0 << "mitmproxy (format 17)";
        QTest::newRow("format 18 errors") << "mitmproxy__flows_error_log.mitm" << 2 << "163.com"
                                          << "GET" << 0 << 0 << "mitmproxy (format 18)";
        QTest::newRow("format 18 incomplete") << "mitmproxy__flows_incomplete_log.mitm" << 4 << "example.com"
                                              << "GET" << 0 << 0 << "mitmproxy (format 18)";
        QTest::newRow("format 18 h2") << "mitmproxy__flows_successful_log.mitm" << 2 << "example.com"
                                      << "GET" << 200 << 1256 << "mitmproxy (format 18)";
        QTest::newRow("format 18 form") << "m2s__form_data_flows" << 1 << "httpbin.org"
                                        << "POST" << 200 << 457 << "mitmproxy (format 18)";
        QTest::newRow("format 20 json") << "m2s__generic_keys_flows" << 1 << "localhost"
                                        << "POST" << 200 << 765 << "mitmproxy (format 20)";
        QTest::newRow("format 20 msgpack") << "m2s__msgpack_flows" << 1 << "localhost"
                                           << "POST" << 200 << 51 << "mitmproxy (format 20)";
        QTest::newRow("format 20 h3") << "mitmproxy__dumpfile-19.mitm" << 1 << "cloudflare-quic.com"
                                      << "GET" << 200 << 125959 << "mitmproxy (format 20)";
        QTest::newRow("format 21 bad gzip") << "mitmproxy__flows_corrupted_gzip_body.mitm" << 1 << "127.0.0.1"
                                            << "GET" << 200 << 24 << "mitmproxy (format 21)";
    }
    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, flows);
        QFETCH(QString, host);
        QFETCH(QString, method);
        QFETCH(int, status);
        QFETCH(int, responseBytes);
        QFETCH(QString, producer);
        const QString path = data(QStringLiteral("mitm/") + file);
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::Mitmproxy);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(static_cast<int>(sink.flows.size()), flows);
        QCOMPARE(sink.info.producer, producer);
        const Data::Flow& f = sink.flows.front();
        QCOMPARE(f.host, host);
        QCOMPARE(f.method, method);
        QCOMPARE(f.status, status);
        QCOMPARE(static_cast<int>(f.responseBody.data.size()), responseBytes);
        QVERIFY(f.tsStart > 0);
        QVERIFY(f.sourceRef.startsWith(QStringLiteral("mitm:offset=")));
        QVERIFY(!f.sourceId.isEmpty());
        if (status == 0)
            QVERIFY(f.flags & Data::Incomplete);
    }

    void oldestFormatIsUpgraded()
    {
        // 0.11: httpversion tuples, response "code"/"msg", addresses as {"address": [host, port]}, bytes keys.
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(data(QStringLiteral("mitm/mitmproxy__dumpfile-011.mitm")), sink, &why), qPrintable(why));
        const Data::Flow& f = sink.flows.at(0);
        QCOMPARE(f.sourceId, QStringLiteral("e072a53a-711a-46b7-aaa5-ad61ac7e4459"));
        QCOMPARE(f.url, QStringLiteral("https://example.com/"));
        QCOMPARE(f.httpVersion, QStringLiteral("HTTP/1.1"));
        QCOMPARE(f.reason, QStringLiteral("OK"));
        QCOMPARE(f.clientIp, QStringLiteral("127.0.0.1"));
        QCOMPARE(f.clientPort, 60786);
        QCOMPARE(f.serverPort, 443);
        QCOMPARE(f.sni, QStringLiteral("example.com"));
        QVERIFY(f.responseBody.data.startsWith("<!doctype html>"));
        QCOMPARE(HttpUtil::headerValue(f.responseHeaders, "content-length"), QByteArray("1270"));
        QCOMPARE(f.tsStart, Data::Timestamp(1469208634706000));
        QCOMPARE(f.tsEnd, Data::Timestamp(1469208634797000));
    }

    void http3AndQuicNames()
    {
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(data(QStringLiteral("mitm/mitmproxy__dumpfile-19.mitm")), sink, &why), qPrintable(why));
        const Data::Flow& f = sink.flows.at(0);
        QCOMPARE(f.httpVersion, QStringLiteral("HTTP/3"));
        QCOMPARE(f.transport, QStringLiteral("quic"));
        QCOMPARE(f.tlsVersion, QStringLiteral("QUICv1")); // compat.convert_20_21
        QCOMPARE(f.alpn, QStringLiteral("h3"));
        QCOMPARE(f.serverIp, QStringLiteral("104.22.8.38"));
        QCOMPARE(f.clientIp, QStringLiteral("::1"));
        QCOMPARE(f.url, QStringLiteral("https://cloudflare-quic.com/"));
    }

    void contentEncodedBodiesStayAsTheyTravelled()
    {
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(data(QStringLiteral("mitm/mitmproxy__flows_corrupted_gzip_body.mitm")), sink, &why),
            qPrintable(why));
        const Data::Body& b = sink.flows.at(0).responseBody;
        QCOMPARE(b.contentEncoding, QByteArray("gzip"));
        QCOMPARE(b.wireSize, qint64(24));
        QCOMPARE(b.decodedSize, qint64(-1));
        QVERIFY(b.data.startsWith("\x1F\x8B"));
        QCOMPARE(sink.warnings,
            QStringList {
                QStringLiteral("flow 1 (byte offset 0): the response body says Content-Encoding gzip "
                               "but does not decode (corrupt compressed data (invalid stored block lengths))") });
    }

    void webSocketsOfOldFormatsAreJoined()
    {
        CollectingSink sink;
        QString why;
        QVERIFY2(
            importFile(data(QStringLiteral("mitm/mitmproxy__dumpfile-7-websocket.mitm")), sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(4));
        const Data::Flow* joined = byId(sink, QStringLiteral("468a3735-e4c2-4dea-b6e7-827a47751b36"));
        QVERIFY(joined);
        QCOMPARE(joined->l7, QStringLiteral("ws"));
        QCOMPARE(joined->status, 101);
        QCOMPARE(joined->webSocketMessages.size(), size_t(2));
        QCOMPARE(joined->webSocketMessages[0].data, QByteArray("Rock it with HTML5 WebSocket"));
        QVERIFY(joined->webSocketMessages[0].fromClient);
        QVERIFY(!joined->webSocketMessages[1].fromClient);
        // The second WebSocket flow names a handshake that was already used: kept with its connection's address.
        const Data::Flow* orphan = byId(sink, QStringLiteral("bb2e201b-2e25-471d-8cc7-a08f6f311fff"));
        QVERIFY(orphan);
        QCOMPARE(orphan->url, QStringLiteral("http://echo.websocket.org/"));
        QCOMPARE(orphan->webSocketMessages.size(), size_t(2));
        QVERIFY(orphan->flags & Data::Incomplete);
        QVERIFY(sink.warnings.contains(
            QStringLiteral("2 records repeat a flow that appears again later in the file (it was "
                           "appended to or saved again); only the last copy of each flow was kept")));
        QVERIFY(
            sink.warnings.contains(QStringLiteral("2 WebSocket flows of an old mitmproxy (flow format before 12) were "
                                                  "joined with their handshake requests")));
    }

    void mitmproxy8Fixture()
    {
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(data(QStringLiteral("mitm/generated__mitmproxy8.mitm")), sink, &why), qPrintable(why));
        // The first flow was saved twice; the later copy is the one kept, at the later position.
        const Data::Flow* api = byId(sink, QStringLiteral("00000000-0000-4000-8000-000000000001"));
        QVERIFY(api);
        QCOMPARE(api->comment, QStringLiteral("second copy\n[marked in mitmproxy]"));
        QCOMPARE(api->sourceRef, QStringLiteral("mitm:offset=12422"));
        QCOMPARE(api->method, QStringLiteral("POST"));
        QCOMPARE(api->requestBody.data, QByteArray("{\"device_id\":\"8d3f2a\",\"lat\":52.52,\"lon\":13.40}"));
        QCOMPARE(api->responseBody.contentEncoding, QByteArray("gzip"));
        QCOMPARE(api->responseBody.decodedSize, qint64(540));
        QCOMPARE(api->responseBody.wireSize, qint64(api->responseBody.data.size()));

        const Data::Flow* failed = byId(sink, QStringLiteral("00000000-0000-4000-8000-000000000002"));
        QVERIFY(failed);
        QCOMPARE(failed->error, QStringLiteral("error"));
        QVERIFY(failed->flags & Data::Incomplete);

        const Data::Flow* replay = byId(sink, QStringLiteral("00000000-0000-4000-8000-000000000003"));
        QVERIFY(replay);
        QVERIFY(replay->flags & Data::Replayed);
        QCOMPARE(replay->comment, QStringLiteral("[marked :star: in mitmproxy]"));

        const Data::Flow* ws = byId(sink, QStringLiteral("00000000-0000-4000-8000-000000000004"));
        QVERIFY(ws);
        QCOMPARE(ws->l7, QStringLiteral("ws"));
        QCOMPARE(ws->webSocketMessages.size(), size_t(3));
        QCOMPARE(ws->webSocketMessages[0].opcode, 2);
        QCOMPARE(ws->webSocketMessages[0].data, QByteArray("hello binary"));

        const Data::Flow* tcp = byId(sink, QStringLiteral("00000000-0000-4000-8000-000000000005"));
        QVERIFY(tcp);
        QCOMPARE(tcp->l7, QStringLiteral("raw"));
        QCOMPARE(tcp->transport, QStringLiteral("tcp"));
        QCOMPARE(tcp->requestBody.data, QByteArray("hello"));
        QCOMPARE(tcp->responseBody.data, QByteArray("it's me"));

        const Data::Flow* dns = byId(sink, QStringLiteral("00000000-0000-4000-8000-000000000006"));
        QVERIFY(dns);
        QCOMPARE(dns->l7, QStringLiteral("dns"));
        QCOMPARE(dns->url, QStringLiteral("dns:dns.google?type=A"));
        QCOMPARE(dns->reason, QStringLiteral("NOERROR"));
        QCOMPARE(sink.dns.size(), size_t(2));
        QCOMPARE(sink.dns[0].name, QStringLiteral("dns.google"));
        QCOMPARE(sink.dns[0].address, QStringLiteral("8.8.8.8"));
        QCOMPARE(sink.dns[1].address, QStringLiteral("8.8.4.4"));
        QCOMPARE(sink.dns[0].cnameChain, QStringLiteral("dns.google>alias.dns.google"));
        QCOMPARE(sink.dns[0].ttl, qint64(32));

        const Data::Flow* h2 = byId(sink, QStringLiteral("00000000-0000-4000-8000-000000000007"));
        QVERIFY(h2);
        QCOMPARE(h2->httpVersion, QStringLiteral("HTTP/2"));
        QCOMPARE(h2->host, QStringLiteral("cdn.vidzy.example")); // :authority, not the connection's address
    }

    void format21DnsAndUdp()
    {
        CollectingSink sink;
        QString why;
        QVERIFY2(importBytes(dnsFlow().serialise() + udpFlow().serialise(), sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(2));
        const Data::Flow& dns = sink.flows[0];
        QCOMPARE(dns.transport, QStringLiteral("udp"));
        QCOMPARE(dns.host, QStringLiteral("graph.vidzy.example"));
        QCOMPARE(dns.url, QStringLiteral("dns:graph.vidzy.example?type=AAAA"));
        QCOMPARE(dns.serverIp, QStringLiteral("9.9.9.9"));
        QCOMPARE(dns.serverPort, 53);
        QCOMPARE(sink.dns.size(), size_t(1));
        QCOMPARE(sink.dns[0].address, QStringLiteral("2a03::a1"));
        QCOMPARE(sink.dns[0].name, QStringLiteral("graph.vidzy.example"));
        QCOMPARE(sink.dns[0].cnameChain, QStringLiteral("graph.vidzy.example>edge.cdn.example"));
        QCOMPARE(sink.dns[0].ttl, qint64(60));
        const Data::Flow& udp = sink.flows[1];
        QCOMPARE(udp.l7, QStringLiteral("raw"));
        QCOMPARE(udp.transport, QStringLiteral("udp"));
        QCOMPARE(udp.requestBody.data, QByteArray("ping-1ping-2"));
        QCOMPARE(udp.responseBody.data, QByteArray("pong-1"));
        QCOMPARE(udp.tsEnd, Data::Timestamp(1767225601000000));
    }

    void errorsAreSpecific_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error");
        TnValue newer = udpFlow();
        *newer.get("version") = num(22);
        QTest::newRow("newer format") << newer.serialise()
                                      << QStringLiteral(
                                             "flow 1 (byte offset 0): this dump was written by a newer mitmproxy (flow "
                                             "format 22); Leakscope reads flow formats up to 21 (mitmproxy 11 to 13). "
                                             "Save the flows as HAR from that mitmproxy (mitmdump -nr dump.mitm --set "
                                             "hardump=dump.har) and import the HAR file");
        TnValue older = udpFlow();
        *older.get("version") = list({ num(0), num(10), num(1) });
        QTest::newRow("older than 0.11")
            << older.serialise()
            << QStringLiteral("flow 1 (byte offset 0): this dump was written by mitmproxy 0.10.1, older "
                              "than the oldest format Leakscope reads (mitmproxy 0.11)");
        QTest::newRow("newer after older")
            << udpFlow().serialise() + newer.serialise()
            << QStringLiteral("flow 2 (byte offset %1): this dump was written by a newer mitmproxy (flow format 22); "
                              "Leakscope reads flow formats up to 21 (mitmproxy 11 to 13). Save the flows as HAR from "
                              "that mitmproxy (mitmdump -nr dump.mitm --set hardump=dump.har) and import the HAR file")
                   .arg(udpFlow().serialise().size());
        QTest::newRow("no version") << dict({ { "type", str("http") } }).serialise()
                                    << QStringLiteral(
                                           "flow 1 (byte offset 0): not a mitmproxy flow (it has no \"version\")");
        QTest::newRow("not a dict")
            << list({ num(1) }).serialise()
            << QStringLiteral(
                   "not a readable mitmproxy dump: byte offset 0: expected a dictionary, found the type tag ']'");
        QTest::newRow("garbage") << QByteArray("12:hello world!x")
                                 << QStringLiteral("not a readable mitmproxy dump: byte offset 0: expected a "
                                                   "dictionary, found a value with the type tag 'x'");
    }
    void errorsAreSpecific()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        CollectingSink sink;
        QString why;
        QVERIFY(!importBytes(content, sink, &why));
        QCOMPARE(why, error);
    }

    void deepNestingIsRefused()
    {
        // A value nested 80 deep is refused without exhausting the stack, in memory and streamed.
        QByteArray deep = "0:~";
        for (int i = 0; i < 80; ++i)
            deep = QByteArray::number(deep.size()) + ':' + deep + ']';
        for (const qsizetype inMemory : { qsizetype(8 << 20), qsizetype(8) }) {
            auto source = ByteSource::fromBuffer(deep);
            BufferedInput in(*source);
            TnetstringReader::Limits limits;
            limits.inMemory = inMemory;
            TnetstringReader reader(in, limits);
            TnValue v;
            QVERIFY(!reader.next(v));
            QVERIFY2(
                reader.error().endsWith(QStringLiteral("values nested more than 64 deep")), qPrintable(reader.error()));
        }
    }

    void aCutOffDumpKeepsItsCompleteFlows()
    {
        // mitmproxy killed while writing: the last flow ends early.
        const QByteArray first = udpFlow().serialise();
        const QByteArray second = dnsFlow().serialise();
        CollectingSink sink;
        QString why;
        QVERIFY2(importBytes(first + second.left(second.size() / 2), sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(1));
        QCOMPARE(sink.warnings.size(), 1);
        QVERIFY2(sink.warnings[0].startsWith(QStringLiteral("the rest of the file could not be read: byte offset ")),
            qPrintable(sink.warnings[0]));
        QVERIFY2(
            sink.warnings[0].contains(QStringLiteral("the file ends inside a value of")), qPrintable(sink.warnings[0]));
        QVERIFY2(sink.warnings[0].endsWith(
                     QStringLiteral("(in or after flow 2). The 1 flows before that point were imported (a dump "
                                    "cut off while mitmproxy was writing it ends like this)")),
            qPrintable(sink.warnings[0]));
    }

    void gzippedDumpsAreRead()
    {
        QFile f(data(QStringLiteral("mitm/mitmproxy__flows_successful_log.mitm")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray plain = f.readAll();
        QByteArray gz = qCompress(plain).mid(4); // zlib stream, as mitmproxy's .zhar style compression
        CollectingSink sink;
        QString why;
        Scratch scratch;
        const QString path = writeFile(scratch, QStringLiteral("dump.flow"), gz);
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::Mitmproxy);
        QCOMPARE(CaptureFormats::sniff(path).compression, QStringLiteral("zlib"));
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(2));
    }

    void mislabelledFilesAreSniffedByContent()
    {
        Scratch scratch;
        QFile har(data(QStringLiteral("har/httpolice__chrome_http2.har")));
        QVERIFY(har.open(QIODevice::ReadOnly));
        const QString harAsMitm = writeFile(scratch, QStringLiteral("capture.mitm"), har.readAll());
        QCOMPARE(CaptureFormats::sniff(harAsMitm).format, CaptureFormat::Har);
        QFile dump(data(QStringLiteral("mitm/m2s__msgpack_flows")));
        QVERIFY(dump.open(QIODevice::ReadOnly));
        const QString dumpAsHar = writeFile(scratch, QStringLiteral("capture.har"), dump.readAll());
        QCOMPARE(CaptureFormats::sniff(dumpAsHar).format, CaptureFormat::Mitmproxy);
    }

    // ---- the tnetstring reader's large-value paths, with limits small enough to reach them ------------------

    void largeValuesAreStreamed_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("text") << QByteArray("plain body text that is long enough to be streamed").repeated(4);
        QTest::newRow("starts with digits") << QByteArray("2024-01-01,some,csv\n").repeated(10);
        QTest::newRow("is itself a tnetstring") << TnValue::makeList({ bytes("abc"), num(5) }).serialise().repeated(10);
        QTest::newRow("digits then colon") << QByteArray("12:not quite a tnetstring at all").repeated(5);
    }
    void largeValuesAreStreamed()
    {
        QFETCH(QByteArray, payload);
        TnValue flow = dict({ { "content", bytes(payload) }, { "n", num(7) } });
        auto source = ByteSource::fromBuffer(flow.serialise() + flow.serialise());
        BufferedInput in(*source, 16);
        TnetstringReader::Limits limits;
        limits.inMemory = 32;
        TnetstringReader reader(in, limits);
        for (int i = 0; i < 2; ++i) {
            TnValue out;
            QVERIFY2(reader.next(out), qPrintable(reader.error()));
            QCOMPARE(out.type, TnValue::Dict);
            QVERIFY(out.value("content"));
            QCOMPARE(out.value("content")->type, TnValue::Bytes);
            QCOMPARE(out.value("content")->bytes, payload);
            QCOMPARE(out.value("n")->integer, qint64(7));
        }
        QVERIFY(reader.atEnd());
    }

    void hugeStringsAreCut()
    {
        const QByteArray body(1000, 'x');
        auto source = ByteSource::fromBuffer(dict({ { "content", bytes(body) } }).serialise());
        BufferedInput in(*source);
        TnetstringReader::Limits limits;
        limits.inMemory = 64;
        limits.maxBytes = 100;
        TnetstringReader reader(in, limits);
        TnValue out;
        QVERIFY2(reader.next(out), qPrintable(reader.error()));
        QCOMPARE(out.value("content")->bytes, body.left(100));
        QCOMPARE(out.value("content")->fullSize, qint64(1000));
        QCOMPARE(reader.truncatedStrings(), 1);
    }

    void skippedKeysAreNotKept()
    {
        TnValue flow = dict({ { "backup", dict({ { "content", bytes(QByteArray(500, 'b')) } }) }, { "id", str("x") } });
        auto source = ByteSource::fromBuffer(flow.serialise());
        BufferedInput in(*source);
        TnetstringReader reader(in);
        reader.setSkipKey([](int depth, QByteArrayView key) { return depth == 0 && key == "backup"; });
        TnValue out;
        QVERIFY(reader.next(out));
        QVERIFY(out.get("backup")->skipped());
        QCOMPARE(out.value("id")->bytes, QByteArray("x"));
    }

    // ---- mitmdump as the reference reader ---------------------------------------------------------------------

    void agreesWithMitmdump()
    {
        const QString mitmdump = QStandardPaths::findExecutable(QStringLiteral("mitmdump"));
        if (mitmdump.isEmpty())
            QSKIP("mitmdump is not installed (scripts/install-deps.sh --test installs it)");
        const QString dir = corpus(QStringLiteral("mitm"));
        if (dir.isEmpty())
            QSKIP("../shared/corpus is not here");
        QStringList files;
        for (const QString& name : QDir(dir).entryList(QDir::Files))
            files.append(QDir(dir).filePath(name));
        files.append(data(QStringLiteral("mitm/generated__mitmproxy8.mitm")));

        // An addon that prints each flow mitmdump loads: its id, type and (for HTTP) pretty_url.
        Scratch scratch;
        const QString lister = writeFile(scratch, QStringLiteral("lister.py"), R"(
class Lister:
    def requestheaders(self, f):
        print("FLOW", f.id, f.type, f.request.pretty_url, flush=True)
    def tcp_start(self, f):
        print("FLOW", f.id, f.type, flush=True)
    def udp_start(self, f):
        print("FLOW", f.id, f.type, flush=True)
    def dns_request(self, f):
        print("FLOW", f.id, f.type, flush=True)
addons = [Lister()]
)");
        // Debian's mitmdump (8.1.1) reads flow formats up to 17. Compare on every dump it can read, and check on one
        // newer dump that it refuses the format we see in it. It takes seconds to start: run them all at once.
        const auto newestFormat = [](const QString& producer) {
            int newest = 0;
            static const QRegularExpression format(QStringLiteral("format (\\d+)"));
            for (QRegularExpressionMatchIterator it = format.globalMatch(producer); it.hasNext();)
                newest = std::max(newest, it.next().captured(1).toInt());
            return newest;
        };
        bool newerChosen = false;
        for (qsizetype i = 0; i < files.size();) {
            CollectingSink sink;
            QString why;
            QVERIFY2(importFile(files[i], sink, &why), qPrintable(files[i] + QStringLiteral(": ") + why));
            if (newestFormat(sink.info.producer) > 17) {
                if (newerChosen) {
                    files.removeAt(i);
                    continue;
                }
                newerChosen = true;
            }
            ++i;
        }
        std::vector<std::unique_ptr<QProcess>> runs;
        for (const QString& file : files) {
            auto p = std::make_unique<QProcess>();
            p->setWorkingDirectory(scratch.path(QString()));
            p->start(mitmdump,
                { QStringLiteral("-q"), QStringLiteral("-n"), QStringLiteral("-r"), file, QStringLiteral("-s"),
                    lister });
            runs.push_back(std::move(p));
        }
        int compared = 0, newer = 0;
        for (size_t i = 0; i < runs.size(); ++i) {
            QProcess& p = *runs[i];
            QVERIFY2(p.waitForFinished(120000), qPrintable(files[i]));
            const QString out = QString::fromUtf8(p.readAllStandardOutput());
            const QString err = QString::fromUtf8(p.readAllStandardError());
            CollectingSink sink;
            QString why;
            QVERIFY2(importFile(files[i], sink, &why), qPrintable(files[i] + QStringLiteral(": ") + why));

            static const QRegularExpression tooNew(QStringLiteral("cannot read files with flow format version (\\d+)"));
            const QRegularExpressionMatch m = tooNew.match(out + err);
            if (m.hasMatch()) {
                // Debian's mitmdump is older than the dump: it must agree with us on the format it refuses.
                QVERIFY2(
                    sink.info.producer.contains(QStringLiteral("format %1").arg(m.captured(1))), qPrintable(files[i]));
                ++newer;
                continue;
            }
            // mitmdump loads every record; we keep the last copy of each id. Compare per id.
            std::map<QString, QString> reference; // id → "type url"
            for (const QString& line : out.split(u'\n')) {
                if (!line.startsWith(QStringLiteral("FLOW ")))
                    continue;
                const QStringList parts = line.split(u' ');
                reference[parts.value(1)] = parts.mid(2).join(u' ');
            }
            QVERIFY2(!reference.empty(), qPrintable(files[i] + QStringLiteral(": ") + err));
            QCOMPARE(sink.flows.size(), reference.size());
            for (const auto& [id, what] : reference) {
                const Data::Flow* f = byId(sink, id);
                QVERIFY2(f, qPrintable(files[i] + QStringLiteral(": no flow ") + id));
                const QString type = what.section(u' ', 0, 0);
                const QString url = what.section(u' ', 1);
                if (type == u"http") {
                    // mitmproxy's placeholder for a WebSocket without its handshake says "unknown"; we keep the
                    // address.
                    if (url.contains(QStringLiteral("://unknown/")))
                        QCOMPARE(f->l7, QStringLiteral("ws"));
                    else
                        QCOMPARE(f->url, url);
                } else {
                    QCOMPARE(f->l7, type == u"dns" ? QStringLiteral("dns") : QStringLiteral("raw"));
                }
            }
            ++compared;
        }
        QVERIFY(compared >= 9);
        QCOMPARE(newer, 1);
    }
};

QTEST_GUILESS_MAIN(TestMitmproxyImporter)
#include "tst_mitmproxyimporter.moc"
