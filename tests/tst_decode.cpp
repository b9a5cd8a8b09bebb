// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The bounded decoder chain (app/decode): every step on good, broken and hostile input, and the
// encoding_chain each value is reported with.
#include "common/compression.h"
#include "decode/decoder.h"
#include "decode/framing.h"
#include "decode/magic.h"
#include "decode/multipart.h"
#include "decode/textcodecs.h"
#include "testutils.h"

#include <QTest>

#include <brotli/encode.h>
#include <cstring>
#include <zlib.h>

using namespace Decode;

namespace {

QByteArray gzip(const QByteArray& in, int windowBits = 16 + MAX_WBITS)
{
    z_stream zs {};
    deflateInit2(&zs, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(in.size())) + 32));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}
QByteArray zlibData(const QByteArray& in)
{
    return gzip(in, MAX_WBITS);
}
QByteArray rawDeflate(const QByteArray& in)
{
    return gzip(in, -MAX_WBITS);
}
QByteArray brotli(const QByteArray& in)
{
    size_t size = BrotliEncoderMaxCompressedSize(static_cast<size_t>(in.size())) + 16;
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    BrotliEncoderCompress(5, 22, BROTLI_MODE_GENERIC, static_cast<size_t>(in.size()),
        reinterpret_cast<const uint8_t*>(in.data()), &size, reinterpret_cast<uint8_t*>(out.data()));
    out.resize(static_cast<qsizetype>(size));
    return out;
}

/// The token with this chain, or an empty one.
Token tokenByChain(const Decoded& d, const QByteArray& chain)
{
    for (const Token& t : d.tokens()) {
        if (t.chain == chain)
            return t;
    }
    return {};
}

QByteArray chains(const Decoded& d)
{
    QByteArray out;
    for (const Token& t : d.tokens())
        out += t.location + ' ' + t.chain + " = " + t.value.left(40) + '\n';
    return out;
}

#define VERIFY_TOKEN(d, chain, expected)                                                                               \
    do {                                                                                                               \
        const Token t_ = tokenByChain(d, chain);                                                                       \
        QVERIFY2(t_.node >= 0,                                                                                         \
            qPrintable(                                                                                                \
                QStringLiteral("no token %1 in\n%2").arg(QString::fromUtf8(chain), QString::fromUtf8(chains(d)))));    \
        QCOMPARE(t_.value, QByteArray(expected));                                                                      \
    } while (0)

QByteArray varint(quint64 v)
{
    QByteArray out;
    while (v >= 0x80) {
        out.append(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.append(static_cast<char>(v));
    return out;
}
QByteArray pbDouble(int field, double v)
{
    QByteArray out = varint(quint64(field) << 3 | 1);
    char b[8];
    memcpy(b, &v, 8);
    return out + QByteArray(b, 8);
}
QByteArray pbString(int field, const QByteArray& s)
{
    return varint(quint64(field) << 3 | 2) + varint(static_cast<quint64>(s.size())) + s;
}
QByteArray pbVarint(int field, quint64 v)
{
    return varint(quint64(field) << 3) + varint(v);
}
QByteArray grpcFrame(const QByteArray& m, quint8 flag = 0)
{
    QByteArray out(5, '\0');
    out[0] = static_cast<char>(flag);
    const quint32 n = static_cast<quint32>(m.size());
    out[1] = static_cast<char>(n >> 24);
    out[2] = static_cast<char>(n >> 16);
    out[3] = static_cast<char>(n >> 8);
    out[4] = static_cast<char>(n);
    return out + m;
}

} // namespace

class TestDecode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void contentEncodings_data();
    void contentEncodings();
    void framings();
    void formats();
    void nestedValues_data();
    void nestedValues();
    void carriers();
    void spansPointIntoTheLayer();
    void limits();
    void brokenInputs_data();
    void brokenInputs();
    void hostileBytesNeverCrash();
    void textCodecs();
    void magicBytes();

private:
    static QByteArray binaryPlist();

public:
    static QByteArray exifJpeg();
};

void TestDecode::contentEncodings_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("chain");
    const QByteArray json = R"({"email":"a@b.org"})";
    QTest::newRow("gzip") << gzip(json) << QByteArray("gzip") << QByteArray("gzip>json>$.email");
    QTest::newRow("x-gzip") << gzip(json) << QByteArray("x-gzip") << QByteArray("gzip>json>$.email");
    QTest::newRow("deflate as zlib") << zlibData(json) << QByteArray("deflate") << QByteArray("deflate>json>$.email");
    QTest::newRow("deflate as raw") << rawDeflate(json) << QByteArray("deflate") << QByteArray("deflate>json>$.email");
    QTest::newRow("br") << brotli(json) << QByteArray("br") << QByteArray("br>json>$.email");
    QTest::newRow("zstd") << Compression::zstdCompress(json) << QByteArray("zstd") << QByteArray("zstd>json>$.email");
    QTest::newRow("stacked gzip, br") << brotli(gzip(json)) << QByteArray("gzip, br")
                                      << QByteArray("br>gzip>json>$.email");
    QTest::newRow("gzip without header (sniffed)") << gzip(json) << QByteArray() << QByteArray("gzip>json>$.email");
    QTest::newRow("zstd without header") << Compression::zstdCompress(json) << QByteArray()
                                         << QByteArray("zstd>json>$.email");
    QTest::newRow("zlib without header") << zlibData(json) << QByteArray() << QByteArray("deflate>json>$.email");
    QTest::newRow("header lies: says gzip, is plain") << json << QByteArray("gzip") << QByteArray("json>$.email");
    QTest::newRow("header lies: says br, is gzip") << gzip(json) << QByteArray("br") << QByteArray("gzip>json>$.email");
    QTest::newRow("gzip twice") << gzip(gzip(json)) << QByteArray("gzip") << QByteArray("gzip>gzip>json>$.email");
}

void TestDecode::contentEncodings()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, chain);
    const Decoded d = decodeBody(body, "application/json", {}, encoding);
    VERIFY_TOKEN(d, chain, "a@b.org");
    const ContentResult c = decodeContent(body, {}, encoding);
    QCOMPARE(c.data, QByteArray(R"({"email":"a@b.org"})"));
}

void TestDecode::framings()
{
    const QByteArray json = R"({"k":"value-1"})";
    // HTTP/1 chunked, declared and sniffed.
    const QByteArray chunked = "5\r\n{\"k\":\r\na\r\n\"value-1\"}\r\n0\r\n\r\n";
    VERIFY_TOKEN(
        decodeBody(chunked, "application/json", { { "Transfer-Encoding", "chunked" } }), "chunked>json>$.k", "value-1");
    VERIFY_TOKEN(decodeBody(chunked, "application/json"), "chunked>json>$.k", "value-1");
    QCOMPARE(decodeContent(chunked, {}, {}).data, json);
    // HTTP/2 DATA frames (one padded) of stream 1.
    auto frame = [](int type, int flags, quint32 stream, const QByteArray& payload) -> QByteArray {
        QByteArray f(9, '\0');
        f[0] = static_cast<char>(payload.size() >> 16);
        f[1] = static_cast<char>(payload.size() >> 8);
        f[2] = static_cast<char>(payload.size());
        f[3] = static_cast<char>(type);
        f[4] = static_cast<char>(flags);
        f[8] = static_cast<char>(stream);
        return f + payload;
    };
    const QByteArray h2 = frame(0, 0, 1, json.left(6)) + frame(0, 0x8, 1, QByteArray("\x02", 1) + json.mid(6) + "xx");
    Data::Flow flow;
    flow.l7 = QStringLiteral("h2");
    flow.url = QStringLiteral("https://x.example/a");
    flow.requestHeaders = { { "content-type", "application/json" } };
    VERIFY_TOKEN(decodeRequest(flow, h2), "h2[1]>json>$.k", "value-1");
    // gRPC with a gzip-compressed message, and gRPC-Web text.
    const QByteArray pb = pbString(1, "zq7.reporter@example.org") + pbDouble(2, 37.44191);
    const Decoded grpc = decodeBody(grpcFrame(gzip(pb), 1), "application/grpc", { { "grpc-encoding", "gzip" } });
    VERIFY_TOKEN(grpc, "grpc[0]>gzip>protobuf>$.#1", "zq7.reporter@example.org");
    VERIFY_TOKEN(grpc, "grpc[0]>gzip>protobuf>$.#2", "37.44191");
    const QByteArray web = QByteArray(grpcFrame(pb) + grpcFrame("grpc-status:0\r\n", 0x80)).toBase64();
    VERIFY_TOKEN(decodeBody(web, "application/grpc-web-text+proto"), "base64>grpc-web[0]>protobuf>$.#1",
        "zq7.reporter@example.org");
    // WebSocket frames from a client: masked, fragmented, one compressed with permessage-deflate.
    auto wsFrame = [](int opcode, bool fin, bool rsv1, const QByteArray& payload) -> QByteArray {
        QByteArray f;
        f.append(static_cast<char>((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode));
        f.append(static_cast<char>(0x80 | payload.size()));
        const char mask[4] = { 0x11, 0x22, 0x33, 0x44 };
        f.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            f.append(static_cast<char>(payload[i] ^ mask[i & 3]));
        return f;
    };
    QByteArray deflated = rawDeflate(R"({"m":"second"})");
    // RFC 7692: a sync-flushed stream without its final empty block; a full stream inflates the same.
    const QByteArray ws = wsFrame(1, false, false, json.left(4)) + wsFrame(0, true, false, json.mid(4))
        + wsFrame(9, true, false, "p") + wsFrame(1, true, true, deflated);
    flow.l7 = QStringLiteral("ws");
    flow.requestHeaders.clear();
    const Decoded wd = decodeRequest(flow, ws);
    VERIFY_TOKEN(wd, "websocket[0]>json>$.k", "value-1");
    VERIFY_TOKEN(wd, "websocket[1]>json>$.m", "second");
    // WebSocket messages a capture tool already unframed.
    flow.l7 = QStringLiteral("http1");
    flow.webSocketMessages = { { 0, true, 1, R"({"typed":"hello there"})" }, { 0, false, 1, R"({"server":"x"})" } };
    VERIFY_TOKEN(decodeRequest(flow, {}), "websocket[0]>json>$.typed", "hello there");
    QVERIFY(tokenByChain(decodeRequest(flow, {}), "websocket[1]>json>$.server").node < 0);
    VERIFY_TOKEN(decodeResponse(flow, {}), "websocket[1]>json>$.server", "x");
}

void TestDecode::formats()
{
    // NDJSON
    const Decoded nd = decodeBody("{\"a\":1}\n{\"b\":\"two\"}\n", "application/x-ndjson");
    VERIFY_TOKEN(nd, "ndjson>$[1].b", "two");
    // form
    VERIFY_TOKEN(
        decodeBody("email=a%40b.org&name=Zq+Test", "application/x-www-form-urlencoded"), "form>$.name", "Zq Test");
    VERIFY_TOKEN(decodeBody("email=a%40b.org&name=Zq+Test", ""), "form>$.email", "a@b.org");
    // multipart form-data with a JSON part and a file part
    const QByteArray mp =
        "--XyZ\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n"
        "{\"caption\":\"purple-giraffe-4471\"}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; "
        "filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\xE0rest\r\n--XyZ--\r\n";
    const Decoded md = decodeBody(mp, "multipart/form-data; boundary=XyZ");
    VERIFY_TOKEN(md, "multipart[meta]>json>$.caption", "purple-giraffe-4471");
    const auto parts = md.multipartParts();
    QCOMPARE(parts.size(), size_t(2));
    QCOMPARE(md.layers[static_cast<size_t>(parts[1])].fileName, QByteArray("a.jpg"));
    QCOMPARE(md.layers[static_cast<size_t>(parts[1])].data, QByteArray("\xFF\xD8\xFF\xE0rest"));
    QVERIFY(md.layers[static_cast<size_t>(parts[1])].binary);
    // multipart/mixed, sniffed without a content type
    const QByteArray mixed = "--b1\r\nContent-Type: text/plain\r\n\r\nhello=1&world=2\r\n--b1--";
    VERIFY_TOKEN(decodeBody(mixed, ""), "multipart[0]>form>$.world", "2");
    // Multipart splitting on its own.
    const auto split = Multipart::split(mp, "XyZ");
    QVERIFY(split.has_value());
    QCOMPARE(split->at(0).name, QByteArray("meta"));
    QCOMPARE(Multipart::boundary("multipart/form-data; boundary=\"q b\""), QByteArray("q b"));
    // XML and XML plist
    VERIFY_TOKEN(decodeBody("<?xml version=\"1.0\"?><r><user id=\"7\"><email>a@b.org</email></user></r>", "text/xml"),
        "xml>$.user.email", "a@b.org");
    const QByteArray plist =
        "<?xml version=\"1.0\"?><!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
        "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\"><plist version=\"1.0\"><dict><key>idfa</key>"
        "<string>ABC</string><key>n</key><integer>3</integer></dict></plist>";
    VERIFY_TOKEN(decodeBody(plist, "application/x-plist"), "plist>$.idfa", "ABC");
    // binary plist: {"k": "vv", "a": [1]}
    VERIFY_TOKEN(decodeBody(binaryPlist(), ""), "plist>$.k", "vv");
    VERIFY_TOKEN(decodeBody(binaryPlist(), ""), "plist>$.a[0]", "1");
    // protobuf with coordinates as doubles and a nested message
    const QByteArray pb =
        pbString(1, "hello world") + pbString(3, pbDouble(1, 37.44191) + pbDouble(2, -122.14302)) + pbVarint(4, 150);
    const Decoded pd = decodeBody(pb, "application/x-protobuf");
    VERIFY_TOKEN(pd, "protobuf>$.#3.#1", "37.44191");
    VERIFY_TOKEN(pd, "protobuf>$.#3.#2", "-122.14302");
    VERIFY_TOKEN(pd, "protobuf>$.#4", "150");
    // sniffed protobuf (no content type)
    VERIFY_TOKEN(decodeBody(pb, ""), "protobuf>$.#1", "hello world");
}

void TestDecode::nestedValues_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("chain");
    QTest::addColumn<QByteArray>("value");
    const QByteArray inner = R"({"email":"zq7.reporter@example.org"})";
    QTest::newRow("json in string") << QByteArray(R"({"p":"{\"email\":\"x@y.org\"}"})")
                                    << QByteArray("json>$.p>json>$.email") << QByteArray("x@y.org");
    QTest::newRow("base64") << QByteArray(R"({"events":[1,2,3,{"payload":")" + inner.toBase64() + "\"}]}")
                            << QByteArray("json>$.events[3].payload>base64>json>$.email")
                            << QByteArray("zq7.reporter@example.org");
    QTest::newRow("base64url") << QByteArray(R"({"p":")"
        + QByteArray("{\"v\":\"?\?>>?\?\"}").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        + "\"}") << QByteArray("json>$.p>base64url>json>$.v")
                               << QByteArray("?\?>>?\?");
    QTest::newRow("base64 of gzip") << QByteArray(R"({"p":")" + gzip(inner).toBase64() + "\"}")
                                    << QByteArray("json>$.p>base64>gzip>json>$.email")
                                    << QByteArray("zq7.reporter@example.org");
    QTest::newRow("hex") << QByteArray(R"({"h":")" + QByteArray("hello hex world!").toHex() + "\"}")
                         << QByteArray("json>$.h>hex") << QByteArray("hello hex world!");
    QTest::newRow("url-encoded json") << QByteArray("d=" + QByteArray(inner).toPercentEncoding())
                                      << QByteArray("form>$.d>json>$.email") << QByteArray("zq7.reporter@example.org");
    QTest::newRow("three deep: gzip>json>base64>json>url")
        << gzip(R"({"a":")" + QByteArray(R"({"b":"phone%3D%2B16505550142%26x%3D1"})").toBase64() + "\"}")
        << QByteArray("gzip>json>$.a>base64>json>$.b>url>form>$.phone") << QByteArray("+16505550142");
    const QByteArray jwt = QByteArray(R"({"alg":"HS256","typ":"JWT"})")
                               .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        + '.'
        + QByteArray(R"({"sub":"u_1","email":"zq7.reporter@example.org"})")
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        + ".c2ln";
    QTest::newRow("jwt") << QByteArray(R"({"t":")" + jwt + "\"}") << QByteArray("json>$.t>jwt>$.payload.email")
                         << QByteArray("zq7.reporter@example.org");
    QTest::newRow("url in string") << QByteArray(R"({"ref":"https://x.example/p?uid=42&em=a%40b.org"})")
                                   << QByteArray("json>$.ref>query>$.em") << QByteArray("a@b.org");
}

void TestDecode::nestedValues()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, chain);
    QFETCH(QByteArray, value);
    VERIFY_TOKEN(decodeBody(body, ""), chain, value);
}

void TestDecode::carriers()
{
    Data::Flow flow;
    flow.url = QStringLiteral("https://api.example.com/v2/users/u_8841/feed?phone=%2B1%20650%20555%200142&x=1#frag");
    const QByteArray jwt =
        QByteArray(R"({"alg":"none"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + '.'
        + QByteArray(R"({"sub":"u_8841"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        + ".sig";
    flow.requestHeaders = { { "Authorization", "Bearer " + jwt },
        { "Cookie", "sid=abc123; prefs=%7B%22tz%22%3A%22Europe%2FBerlin%22%7D" },
        { "X-Client-Data", QByteArray(R"({"model":"Pixel 7","country":"US"})").toBase64() } };
    const Decoded d = decodeRequest(flow, {});
    VERIFY_TOKEN(d, "path>$[3]", "feed");
    VERIFY_TOKEN(d, "query>$.phone", "+1 650 555 0142");
    VERIFY_TOKEN(d, "bearer>jwt>$.payload.sub", "u_8841");
    VERIFY_TOKEN(d, "url>json>$.tz", "Europe/Berlin");
    VERIFY_TOKEN(d, "base64>json>$.model", "Pixel 7");
    const Token sid = tokenByChain(d, "");
    QCOMPARE(sid.location.left(7), QByteArray("header:"));
    bool sawCookie = false;
    for (const Token& t : d.tokens()) {
        if (t.location == "cookie:sid") {
            sawCookie = true;
            QCOMPARE(t.value, QByteArray("abc123"));
            QCOMPARE(t.key, QByteArray("sid"));
        }
    }
    QVERIFY(sawCookie);
    // Keys of array elements are their array's name.
    const Decoded arr = decodeBody(R"({"phones":["1","2"]})", "application/json");
    QCOMPARE(arr.tokens().at(1).key, QByteArray("phones"));
}

void TestDecode::spansPointIntoTheLayer()
{
    const QByteArray body = R"(  { "a" : [ 1.50, "x\"y" ] , "b": {"c": null} })";
    const Decoded d = decodeBody(body, "application/json");
    for (const Token& t : d.tokens()) {
        const Node& n = d.nodes[static_cast<size_t>(t.node)];
        const QByteArray raw = body.mid(n.spanStart, n.spanLength);
        if (t.path == "$.a[0]") {
            QCOMPARE(raw, QByteArray("1.50"));
            QCOMPARE(n.decimals, qint16(2));
        } else if (t.path == "$.a[1]") {
            QCOMPARE(raw, QByteArray(R"("x\"y")"));
        } else if (t.path == "$.b.c") {
            QCOMPARE(raw, QByteArray("null"));
        }
    }
}

void TestDecode::limits()
{
    // A gzip bomb: 50 MB of zeros. The expansion guard stops it at 100× (or the floor) and says so.
    const QByteArray bomb = gzip(QByteArray(50 * 1024 * 1024, 'a'));
    Limits limits;
    const Decoded d = decodeBody(bomb, "application/json", {}, "gzip", limits);
    QVERIFY(d.truncated);
    qint64 total = 0;
    for (const Layer& l : d.layers)
        total += l.data.size();
    QVERIFY(total <= std::max<qint64>(bomb.size() * 101, limits.minExpansionAllowance + bomb.size()));
    QVERIFY2(d.notes.join(u' ').contains(QStringLiteral("expands beyond")), qPrintable(d.notes.join(u'\n')));
    // Nested base64 ten deep: decoded down to the depth limit, then stopped.
    QByteArray v = "the innermost secret value";
    for (int i = 0; i < 10; ++i)
        v = v.toBase64();
    const Decoded deep = decodeBody(QByteArray(R"({"v":")" + v + "\"}"), "application/json");
    QVERIFY(deep.truncated);
    for (const Layer& l : deep.layers)
        QVERIFY(l.depth <= limits.maxDepth);
    // Deeply nested JSON does not overflow the stack.
    const QByteArray nested = QByteArray(100000, '[') + QByteArray(100000, ']');
    const Decoded nd = decodeBody(nested, "application/json");
    QVERIFY(nd.nodes.size() <= size_t(limits.maxJsonDepth + 1));
    // Node limit.
    QByteArray many = "[";
    for (int i = 0; i < 300000; ++i)
        many += "1,";
    many += "1]";
    const Decoded md = decodeBody(many, "application/json");
    QVERIFY(md.nodes.size() <= size_t(limits.maxNodes));
    QVERIFY(md.truncated);
    // Time budget: a zero budget decodes nothing and says so.
    Limits none;
    none.timeBudgetMs = -1;
    const Decoded td = decodeBody(R"({"a":"b"})", "application/json", {}, {}, none);
    QVERIFY(td.truncated);
    QVERIFY(td.notes.join(u' ').contains(QStringLiteral("time budget")));
}

void TestDecode::brokenInputs_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QString>("note");
    const QByteArray g = gzip(R"({"a":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"})");
    QTest::newRow("truncated gzip") << g.left(g.size() / 2) << QByteArray("application/json") << QByteArray("gzip")
                                    << QString();
    QTest::newRow("corrupt gzip") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbagegarbage", 24)
                                  << QByteArray() << QByteArray("gzip") << QStringLiteral("corrupt");
    QTest::newRow("truncated json keeps prefix")
        << QByteArray(R"({"email":"a@b.org","list":[1,2,3,4)") << QByteArray("application/json") << QByteArray()
        << QStringLiteral("JSON broken at byte offset");
    QTest::newRow("not json") << QByteArray("{this is not json at all}") << QByteArray("application/json")
                              << QByteArray() << QString();
    QTest::newRow("bad multipart") << QByteArray("--x\r\nContent-Disposition: form-data\r\n")
                                   << QByteArray("multipart/form-data; boundary=x") << QByteArray() << QString();
    QTest::newRow("bad bplist") << QByteArray("bplist00\xff\xff\xff\xff", 12) + QByteArray(32, '\xff') << QByteArray()
                                << QByteArray() << QStringLiteral("binary plist");
    QTest::newRow("random binary") << QByteArray::fromHex("00ff13a7b8c9d0e1f2030405060708090a0b0c0d0e0f")
                                   << QByteArray() << QByteArray() << QString();
    QTest::newRow("bad grpc") << QByteArray("\x00\x00\x00\x10\x00xx", 7) << QByteArray("application/grpc")
                              << QByteArray() << QStringLiteral("gRPC");
    QTest::newRow("xml bomb refused") << QByteArray(
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY b \"bbbbbbbbbb\"><!ENTITY c "
        "\"&b;&b;&b;&b;&b;&b;\">]><a>&c;&c;&c;</a>")
                                      << QByteArray("text/xml") << QByteArray() << QString();
}

void TestDecode::brokenInputs()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, encoding);
    QFETCH(QString, note);
    const Decoded d = decodeBody(body, contentType, {}, encoding);
    QVERIFY(!d.layers.empty());
    if (!note.isEmpty())
        QVERIFY2(d.notes.join(u'\n').contains(note), qPrintable(d.notes.join(u'\n')));
    if (QByteArray(QTest::currentDataTag()) == "truncated json keeps prefix")
        VERIFY_TOKEN(d, "json>$.email", "a@b.org");
}

void TestDecode::hostileBytesNeverCrash()
{
    // Deterministic pseudo-random inputs through every parser.
    quint64 state = 42;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<char>(state >> 56);
    };
    const QByteArray types[] = { "application/json", "application/x-protobuf", "application/grpc",
        "multipart/form-data; boundary=a", "text/xml", "", "application/grpc-web-text" };
    for (int i = 0; i < 300; ++i) {
        QByteArray b;
        const int n = 1 + (i * 37) % 700;
        for (int k = 0; k < n; ++k)
            b.append(next());
        if (i % 5 == 0)
            b.prepend("bplist00");
        if (i % 7 == 0)
            b.prepend("{\"a\":\"");
        const Decoded d = decodeBody(b, types[i % 7], {}, i % 3 == 0 ? "gzip, br" : "");
        for (const Token& t : d.tokens())
            QVERIFY(!t.location.isEmpty());
    }
}

void TestDecode::textCodecs()
{
    using namespace TextCodecs;
    QVERIFY(!base64("aGVsbG8gd29ybGQ", 16)); // too short
    QCOMPARE(*base64("aGVsbG8gd29ybGQgaGVsbG8=", 16), QByteArray("hello world hello"));
    QVERIFY(!base64("aGVsbG8gd29ybGQgaGVsbG8==", 16)); // wrong padding
    QVERIFY(!base64("aGVs+G8gd29y_GQgaGVsbG8=", 16)); // mixed alphabets
    QVERIFY(hex("48656c6c6f2c20776f726c6421", 16));
    QVERIFY(!hex("48656C6c6f2c20776f726c6421", 16)); // mixed case
    QVERIFY(isPrintableText("héllo wörld"));
    QVERIFY(!isPrintableText(QByteArray("\x01\x02\x03hello", 8)));
    QVERIFY(!isPrintableText("\xC3\x28 broken utf8"));
    QVERIFY(looksLikeForm("a=1&b=two"));
    QVERIFY(!looksLikeForm("a=1"));
    QVERIFY(!looksLikeForm("hello world & friends = x"));
    QCOMPARE(percentDecode("a%40b+c", true), QByteArray("a@b c"));
    QVERIFY(!jwt("eyJhbGciOi.notajwt"));
}

void TestDecode::magicBytes()
{
    using namespace Magic;
    QCOMPARE(sniff(QByteArray("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10)).media, MediaClass::Image);
    QCOMPARE(sniff(QByteArray("\x00\x00\x00\x18"
                              "ftypisom\x00\x00\x02\x00",
                       16))
                 .kind,
        Kind::Mp4);
    QCOMPARE(sniff(QByteArray("\x00\x00\x00\x14"
                              "ftypqt  \x00\x00\x02\x00",
                       16))
                 .kind,
        Kind::QuickTime);
    QCOMPARE(sniff(QByteArray("\x00\x00\x00\x18"
                              "ftypheic\x00\x00\x00\x00",
                       16))
                 .media,
        MediaClass::Image);
    QCOMPARE(sniff(QByteArray("\x00\x00\x00\x18"
                              "ftypM4A \x00\x00\x00\x00",
                       16))
                 .media,
        MediaClass::Audio);
    QCOMPARE(sniff(QByteArray("OggS\0\2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x13OpusHead", 36)).media,
        MediaClass::Audio);
    QCOMPARE(sniff("\x1A\x45\xDF\xA3\x01\x00\x00\x00webm").media, MediaClass::Video);
    QCOMPARE(sniff("#!AMR\n").kind, Kind::Amr);
    QCOMPARE(sniff("hello").kind, Kind::None);
    // EXIF GPS in a JPEG: 37°26'30.876"N 122°8'34.872"W.
    double lat = 0, lon = 0;
    QVERIFY(exifGps(exifJpeg(), &lat, &lon));
    QVERIFY(qAbs(lat - 37.44191) < 1e-4);
    QVERIFY(qAbs(lon + 122.14302) < 1e-4);
    QVERIFY(!exifGps(QByteArray("\xFF\xD8\xFF\xDA", 4), &lat, &lon));
}

QByteArray TestDecode::binaryPlist()
{
    // objects: 0 dict{1:"k"→2:"vv", 3:"a"→4:[5]}, 5: int 1
    QByteArray b = "bplist00";
    QList<int> offsets;
    offsets << b.size();
    b += QByteArray("\xD2\x01\x03\x02\x04", 5);
    offsets << b.size();
    b += "\x51k";
    offsets << b.size();
    b += "\x52vv";
    offsets << b.size();
    b += "\x51"
         "a";
    offsets << b.size();
    b += QByteArray("\xA1\x05", 2);
    offsets << b.size();
    b += QByteArray("\x10\x01", 2);
    const int table = static_cast<int>(b.size());
    for (int o : offsets)
        b += static_cast<char>(o);
    QByteArray trailer(32, '\0');
    trailer[6] = 1;
    trailer[7] = 1;
    trailer[15] = static_cast<char>(offsets.size());
    trailer[23] = 0;
    trailer[31] = static_cast<char>(table);
    return b + trailer;
}

QByteArray TestDecode::exifJpeg()
{
    // Big-endian TIFF with IFD0 → GPS IFD (LatRef, Lat, LonRef, Lon).
    QByteArray tiff = QByteArray("MM\0*\0\0\0\x08", 8);
    auto u16 = [](int v) -> QByteArray {
        return QByteArray(1, static_cast<char>(v >> 8)) + QByteArray(1, static_cast<char>(v));
    };
    auto u32 = [](quint32 v) -> QByteArray {
        QByteArray o;
        for (int s = 24; s >= 0; s -= 8)
            o.append(static_cast<char>(v >> s));
        return o;
    };
    // IFD0 at 8: one entry (GPS pointer → 26)
    tiff += u16(1) + u16(0x8825) + u16(4) + u32(1) + u32(26) + u32(0);
    // GPS IFD at 26: 4 entries, data after (26 + 2 + 48 + 4 = 80)
    const quint32 data = 80;
    tiff += u16(4);
    tiff += u16(1) + u16(2) + u32(2) + QByteArray("N\0\0\0", 4);
    tiff += u16(2) + u16(5) + u32(3) + u32(data);
    tiff += u16(3) + u16(2) + u32(2) + QByteArray("W\0\0\0", 4);
    tiff += u16(4) + u16(5) + u32(3) + u32(data + 24);
    tiff += u32(0);
    tiff += u32(37) + u32(1) + u32(26) + u32(1) + u32(30876) + u32(1000);
    tiff += u32(122) + u32(1) + u32(8) + u32(1) + u32(34872) + u32(1000);
    QByteArray app1 = QByteArray("Exif\0\0", 6) + tiff;
    return QByteArray("\xFF\xD8\xFF\xE1", 4) + u16(static_cast<int>(app1.size()) + 2) + app1
        + QByteArray("\xFF\xDA", 2);
}

QTEST_GUILESS_MAIN(TestDecode)
#include "tst_decode.moc"
