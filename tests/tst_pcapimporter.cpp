// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The pcap and pcapng importers end to end: real captures from the corpus (tests/data/pcap, origins in
// tests/data/SOURCES.md), crafted ones (PCAPdroid trailers and custom blocks, PKTAP, rvictl, TCP oddities),
// broken files with the messages they must give, and TLS decryption with the corpus key logs.
#include "common/compression.h"
#include "common/httputil.h"
#include "ingest/bytesource.h"
#include "ingest/captureformat.h"
#include "packet/capturebuilder.h"
#include "packet/linklayer.h"
#include "packet/tlsdecryptor.h"
#include "testutils.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>

#include <functional>
#include <limits>

using namespace TestUtils;
using namespace Packet;

namespace {

Address addr(const char* text)
{
    return Address::fromString(QString::fromLatin1(text));
}

QString pcapData(const QString& name)
{
    return TestUtils::data(QStringLiteral("pcap/") + name);
}

/// Imports with the format's importer, optionally with a key log.
bool import(const QString& path, CollectingSink& sink, QString* error, const QString& keyLog = {})
{
    const SniffResult sniffed = CaptureFormats::sniff(path);
    auto importer = CaptureFormats::createImporter(sniffed.format);
    if (!importer) {
        *error = QStringLiteral("not a packet capture (%1)").arg(sniffed.looksLike);
        return false;
    }
    QString openError;
    auto source = ByteSource::open(path, &openError);
    if (!source) {
        *error = openError;
        return false;
    }
    const ImportInput input { *source, path, keyLog };
    if (!importer->read(input, sink, {})) {
        *error = importer->errorString();
        return false;
    }
    return true;
}

QString write(const Scratch& scratch, const QString& name, const std::function<void(QIODevice&)>& writer)
{
    QFile f(scratch.path(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    writer(f);
    return f.fileName();
}

QString writeBytes(const Scratch& scratch, const QString& name, const QByteArray& bytes)
{
    return write(scratch, name, [&](QIODevice& d) { d.write(bytes); });
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList L(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* i : items)
        out << QString::fromUtf8(i);
    return out;
}

QSet<QString> set(const QStringList& l)
{
    return QSet<QString>(l.begin(), l.end());
}

const Data::Connection* connectionTo(const CollectingSink& sink, int serverPort)
{
    for (const auto& c : sink.connections) {
        if (c.serverPort == serverPort)
            return &c;
    }
    return nullptr;
}

bool hasWarning(const CollectingSink& sink, const QString& fragment)
{
    for (const QString& w : sink.warnings) {
        if (w.contains(fragment))
            return true;
    }
    return false;
}

/// The packets of a little-endian microsecond pcap (enough for the corpus files the tests rebuild).
struct RawPacket
{
    int64_t ts;
    QByteArray data;
};
std::vector<RawPacket> readClassicPcap(const QByteArray& file)
{
    std::vector<RawPacket> out;
    qsizetype pos = 24;
    auto le32 = [&](qsizetype at) {
        return uint32_t(uint8_t(file[at])) | uint32_t(uint8_t(file[at + 1])) << 8
            | uint32_t(uint8_t(file[at + 2])) << 16 | uint32_t(uint8_t(file[at + 3])) << 24;
    };
    while (pos + 16 <= file.size()) {
        const uint32_t captured = le32(pos + 8);
        out.push_back({ int64_t(le32(pos)) * 1000000 + le32(pos + 4), file.mid(pos + 16, captured) });
        pos += 16 + captured;
    }
    return out;
}

} // namespace

class TestPcapImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("connections");
        QTest::addColumn<int>("flows");
        QTest::addColumn<QStringList>("snis");
        QTest::addColumn<QStringList>("dns");
        QTest::addColumn<QStringList>("urls");
        const QStringList none;
        QTest::newRow("http get") << "zeek__http_get.pcap" << 1 << 1 << none << none
                                  << L({ "http://bro.org/download/CHANGES.bro-aux.txt" });
        QTest::newRow("QinQ") << "zeek__http-qinq-0.pcap" << 1 << 1 << none << none
                              << L({ "http://bro.org/download/CHANGES.bro-aux.txt" });
        QTest::newRow("SLL2") << "suricataverify__decode-sll2-01.pcap" << 1 << 1 << none << none
                              << L({ "http://192.168.1.21/testing" });
        QTest::newRow("SLL") << "pcapplusplus__SllPacket.pcap" << 1 << 0 << none << none << none;
        QTest::newRow("NULL loopback dns")
            << "pcapplusplus__null_loopback.pcap" << 3 << 0 << none << L({ "www.google-analytics.com" }) << none;
        QTest::newRow("raw IPv6") << "tcpdump__LINKTYPE_RAW_ipv6.pcap" << 1 << 0 << none << none << none;
        QTest::newRow("IPv4 link type") << "tcpdump__LINKTYPE_IPV4.pcap" << 1 << 0 << none << none << none;
        QTest::newRow("PKTAP") << "tcpdump__LINKTYPE_USER2_PKTAP.pcap" << 1 << 0 << none << none << none;
        QTest::newRow("ns big-endian") << "pcapplusplus__nanosecs_big_endian.pcap" << 1 << 1 << none << none
                                       << L({ "http://127.0.0.1:8000/" });
        QTest::newRow("split ClientHello")
            << "arkime__tls-split-client-hello.pcap" << 1 << 0 << L({ "clients2.google.com" }) << none << none;
        QTest::newRow("ECH") << "ndpi__tls_ech.pcapng" << 1 << 0 << L({ "performance.radar.cloudflare.com" }) << none
                             << none;
        QTest::newRow("QUIC v2") << "ndpi__quic-v2.pcapng" << 1 << 0 << L({ "test" }) << none << none;
        QTest::newRow("QUIC hello over packets")
            << "ndpi__quic_frags_ch_in_multiple_packets.pcapng" << 1 << 0 << none << none << none;
        QTest::newRow("DNS over TCP") << "tcpdump__dns_tcp.pcap" << 1 << 0 << none << L({ "www.tcpdump.org" }) << none;
        QTest::newRow("mDNS") << "zeek__dns_mdns.pcap" << 2 << 0 << none << L({ "johanna-qemu-virtual-machine.local" })
                              << none;
        QTest::newRow("IP fragments") << "pcapplusplus__frag_http_req.pcap" << 1 << 1 << none << none
                                      << L({ "http://js.bizographics.com/convert_data.js?partner_id=29" });
        QTest::newRow("POST") << "zeek__http_post.pcap" << 1 << 1 << none << none << L({ "http://httpbin.org/post" });
        QTest::newRow("100-continue") << "zeek__http_100-continue.pcap" << 1 << 1 << none << none
                                      << L({ "http://www.osu.edu/" });
        QTest::newRow("chunked, gzip capture")
            << "scapy__http_chunk.pcap.gz" << 2 << 1 << none << none
            << L({ "http://www.httpwatch.com/httpgallery/chunked/chunkedimage.aspx?0.2911017199439567" });
        QTest::newRow("HEAD, gzip pcapng")
            << "scapy__http_head.pcapng.gz" << 1 << 1 << none << none << L({ "http://google.com/" });
        QTest::newRow("close-delimited") << "arkime__http-no-length.pcap" << 1 << 1 << none << none
                                         << L({ "http://xxxxxxx.xxxxxx.xx/js/xxxxxx.js" });
        QTest::newRow("retransmissions") << "arkime__wireshark-retrans.pcap" << 1 << 4 << none << none
                                         << L({ "http://172.17.96.77:4000/exhmedmx" });
        QTest::newRow("websocket") << "zeek__websocket_two-binary-fragments.pcap" << 1 << 1 << none << none
                                   << L({ "http://localhost:8080/" });
        QTest::newRow("websocket deflate") << "suricataverify__websocket-compressed_example_websocket.pcap" << 1 << 1
                                           << none << none << L({ "http://app:5000/toggle" });
        QTest::newRow("h2c continuation") << "suricataverify__http2-continuation.pcap" << 1 << 1 << none << none
                                          << L({ "http://127.0.0.1:8080/tata" });
        QTest::newRow("CONNECT") << "arkime__https-connect.pcap" << 1 << 1 << none << none
                                 << L({ "ts01-b.cloudsink.net:443" });
        QTest::newRow("many interfaces") << "pcapplusplus__many_interfaces-1.pcapng" << 15 << 0
                                         << L({ "clients6.google.com" })
                                         << L({ "clients6.google.com", "www.google.com", "apis.google.com",
                                                "ssl.gstatic.com", "www.gstatic.com", "clients4.google.com" })
                                         << none;
        QTest::newRow("empty pcap") << "tcpdump__empty.pcap" << 0 << 0 << none << none << none;
        QTest::newRow("empty pcapng") << "tcpdump__empty.pcapng" << 0 << 0 << none << none << none;
    }
    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, connections);
        QFETCH(int, flows);
        QFETCH(QStringList, snis);
        QFETCH(QStringList, dns);
        QFETCH(QStringList, urls);
        CollectingSink sink;
        QString error;
        QVERIFY2(import(pcapData(file), sink, &error), qPrintable(error));
        QCOMPARE(static_cast<int>(sink.connections.size()), connections);
        QCOMPARE(static_cast<int>(sink.flows.size()), flows);
        QSet<QString> gotSnis, gotDns, gotUrls;
        for (const auto& c : sink.connections) {
            if (c.nameSource.endsWith(QStringLiteral("-sni")))
                gotSnis.insert(c.name);
        }
        for (const auto& a : sink.dns)
            gotDns.insert(a.name);
        for (const auto& f : sink.flows)
            gotUrls.insert(f.url);
        QCOMPARE(gotSnis, set(snis));
        if (file.contains(QStringLiteral("many_interfaces")))
            QVERIFY(set(dns).contains(gotDns)); // a subset is enough here: the point is the mixed link types
        else
            QCOMPARE(gotDns, set(dns));
        QCOMPARE(gotUrls, set(urls));
        QVERIFY(!sink.info.producer.isEmpty());
        QVERIFY(sink.info.notes.contains(QStringLiteral("packets")));
    }

    void conversationAccounting()
    {
        CollectingSink sink;
        QString error;
        QVERIFY(import(pcapData(QStringLiteral("zeek__http_get.pcap")), sink, &error));
        QCOMPARE(sink.connections.size(), size_t(1));
        const Data::Connection& c = sink.connections[0];
        // Agrees with tshark: tcp.len summed per direction, frame.time_epoch of the first and last packets.
        QCOMPARE(c.clientIp, QStringLiteral("141.142.228.5"));
        QCOMPARE(c.clientPort, 59856);
        QCOMPARE(c.serverIp, QStringLiteral("192.150.187.43"));
        QCOMPARE(c.serverPort, 80);
        QCOMPARE(c.bytesUp, qint64(136));
        QCOMPARE(c.packetsUp, qint64(7));
        QCOMPARE(c.bytesDown, qint64(5007));
        QCOMPARE(c.packetsDown, qint64(7));
        QCOMPARE(c.firstSeen, qint64(1362692526869344));
        QCOMPARE(c.lastSeen, qint64(1362692527080972));
        QCOMPARE(c.name, QStringLiteral("bro.org"));
        QCOMPARE(c.nameSource, QStringLiteral("http-host"));
        QCOMPARE(c.l7, QStringLiteral("http1"));
        QCOMPARE(c.transport, QStringLiteral("tcp"));
        QCOMPARE(c.flags, 0u);
        QCOMPARE(c.sourceRef, QStringLiteral("pcap:tcp_stream=0"));
        const Data::Flow& f = sink.flows[0];
        QCOMPARE(f.method, QStringLiteral("GET"));
        QCOMPARE(f.status, 200);
        QCOMPARE(f.httpVersion, QStringLiteral("HTTP/1.1"));
        QCOMPARE(f.responseBody.wireSize, qint64(4705));
        QCOMPARE(f.responseBody.data.size(), 4705);
        QCOMPARE(f.clientPort, 59856);
        QCOMPARE(f.transport, QStringLiteral("tcp"));
        QCOMPARE(f.sourceRef, QStringLiteral("pcap:tcp_stream=0;frame=4"));
        QVERIFY(f.responseBody.data.startsWith("\n0.26 | 2012-08-24"));
        QCOMPARE(f.tsStart, qint64(1362692526939527));
    }

    void httpMessages()
    {
        CollectingSink post, chunk, head, close, cont;
        QString error;
        QVERIFY(import(pcapData(QStringLiteral("zeek__http_post.pcap")), post, &error));
        QCOMPARE(post.flows[0].requestBody.data, QByteArray("hello world"));
        QCOMPARE(post.flows[0].responseBody.wireSize, qint64(366));
        QVERIFY(import(pcapData(QStringLiteral("scapy__http_chunk.pcap.gz")), chunk, &error));
        QCOMPARE(chunk.flows[0].responseBody.wireSize, qint64(33653)); // the chunks, without their framing
        QCOMPARE(chunk.flows[0].responseContentType, QStringLiteral("image/jpeg; charset=utf-8"));
        QVERIFY(chunk.flows[0].responseBody.data.startsWith("\xff\xd8\xff"));
        QVERIFY(import(pcapData(QStringLiteral("scapy__http_head.pcapng.gz")), head, &error));
        QCOMPARE(head.flows[0].status, 301);
        QVERIFY(!head.flows[0].responseBody.present);
        QVERIFY(import(pcapData(QStringLiteral("arkime__http-no-length.pcap")), close, &error));
        QCOMPARE(close.flows[0].responseBody.wireSize, qint64(165));
        QCOMPARE(close.flows[0].flags & Data::Incomplete, 0u);
        QVERIFY(import(pcapData(QStringLiteral("zeek__http_100-continue.pcap")), cont, &error));
        QCOMPARE(cont.flows[0].status, 200); // not the interim 100
        QCOMPARE(cont.flows[0].requestBody.wireSize, qint64(2001));
    }

    void webSockets()
    {
        CollectingSink plain, deflate;
        QString error;
        QVERIFY(import(pcapData(QStringLiteral("zeek__websocket_two-binary-fragments.pcap")), plain, &error));
        const Data::Flow& f = plain.flows[0];
        QCOMPARE(f.l7, QStringLiteral("ws"));
        QCOMPARE(f.status, 101);
        QCOMPARE(f.webSocketMessages.size(), size_t(2));
        QVERIFY(import(
            pcapData(QStringLiteral("suricataverify__websocket-compressed_example_websocket.pcap")), deflate, &error));
        const auto& messages = deflate.flows[0].webSocketMessages;
        QCOMPARE(messages.size(), size_t(10));
        for (const auto& m : messages)
            QVERIFY2(!m.data.isEmpty() && m.data.at(0) >= 0x20,
                m.data.toHex().constData()); // inflated text, not deflate bytes
    }

    void http2AndDnsOverHttps()
    {
        CollectingSink h2, doh;
        QString error;
        QVERIFY(import(pcapData(QStringLiteral("suricataverify__http2-continuation.pcap")), h2, &error));
        QCOMPARE(h2.flows[0].httpVersion, QStringLiteral("HTTP/2"));
        QCOMPARE(h2.flows[0].l7, QStringLiteral("h2"));
        QCOMPARE(h2.flows[0].status, 200);
        QCOMPARE(h2.connections[0].l7, QStringLiteral("h2"));
        QVERIFY(import(pcapData(QStringLiteral("suricataverify__dns-over-http2_dns_over_https.pcap")), doh, &error));
        QCOMPARE(doh.flows.size(), size_t(4));
        QSet<QString> names;
        for (const auto& a : doh.dns)
            names.insert(a.name + QLatin1Char('=') + a.address);
        QCOMPARE(
            names, set(L({ "www.gstatic.com=142.250.185.227", "nav-edge.smartscreen.microsoft.com=20.86.249.62" })));
    }

    void proxies()
    {
        CollectingSink socks, connect;
        QString error;
        QVERIFY(import(pcapData(QStringLiteral("zeek__socks.pcap")), socks, &error));
        QCOMPARE(socks.flows.size(), size_t(8));
        QCOMPARE(socks.flows[0].method, QStringLiteral("CONNECT"));
        QCOMPARE(socks.flows[0].url, QStringLiteral("www.osnews.com:80"));
        QCOMPARE(socks.flows[0].l7, QStringLiteral("socks"));
        QVERIFY(socks.flows[0].flags & Data::Tunnel);
        QCOMPARE(socks.flows[1].url, QStringLiteral("http://www.osnews.com/images/printer2.gif"));
        QCOMPARE(socks.connections[0].l7, QStringLiteral("socks"));
        QCOMPARE(socks.connections[0].name, QStringLiteral("www.osnews.com"));
        QVERIFY(import(pcapData(QStringLiteral("arkime__https-connect.pcap")), connect, &error));
        QVERIFY(connect.flows[0].flags & Data::Tunnel);
        QCOMPARE(connect.flows[0].status, 200);
        QVERIFY(connect.connections[0].flags & Data::Encrypted); // TLS inside the tunnel
    }

    void timestamps()
    {
        // Nanosecond timestamps in a big-endian file: frame 4 at 1766361926.167712591 s.
        CollectingSink sink;
        QString error;
        QVERIFY(import(pcapData(QStringLiteral("pcapplusplus__nanosecs_big_endian.pcap")), sink, &error));
        QCOMPARE(sink.flows[0].tsStart, qint64(1766361926167712));
        QVERIFY(sink.info.producer.contains(QStringLiteral("nanosecond")));
        QVERIFY(sink.info.producer.contains(QStringLiteral("big-endian")));
    }

    void zstdCapture()
    {
        Scratch scratch;
        const QString path = writeBytes(scratch, QStringLiteral("get.pcap.zst"),
            Compression::zstdCompress(readAll(pcapData(QStringLiteral("zeek__http_get.pcap")))));
        CollectingSink sink;
        QString error;
        QVERIFY2(import(path, sink, &error), qPrintable(error));
        QCOMPARE(sink.flows.size(), size_t(1));
        QCOMPARE(sink.connections[0].bytesDown, qint64(5007));
    }

    void pcapngSections()
    {
        CollectingSink sink;
        QString error;
        QVERIFY(import(pcapData(QStringLiteral("pcapngtestgen__be_advanced_test101.pcapng")), sink, &error));
        QCOMPARE(sink.connections.size(), size_t(3));
        QVERIFY(hasWarning(sink, QStringLiteral("eth0 dropped 43 packet(s) while capturing")));
        QCOMPARE(sink.info.producer, QStringLiteral("pcap_writer.lua (OS-X 10.10.5, Apple MBP)"));
        CollectingSink many;
        QVERIFY(import(pcapData(QStringLiteral("pcapplusplus__many_interfaces-1.pcapng")), many, &error));
        QVERIFY(many.info.notes.contains(QStringLiteral("BSD loopback (NULL) (2 packets), Ethernet (62 packets)")));
        QVERIFY(many.info.notes.contains(QStringLiteral("utun0 (BSD loopback (NULL))")));
    }

    void truncatedIpWarning()
    {
        CollectingSink sink;
        QString error;
        QVERIFY(import(pcapData(QStringLiteral("zeek__trunc_ip6-trunc.pcap")), sink, &error));
        QCOMPARE(sink.warnings, L({ "1 packet(s) have a malformed or truncated IP header; they were skipped" }));
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("imports");
        QTest::addColumn<QString>("message");
        const QByteArray get = readAll(pcapData(QStringLiteral("zeek__http_get.pcap")));
        const QByteArray ng = readAll(pcapData(QStringLiteral("pcapplusplus__many_interfaces-1.pcapng")));
        QTest::newRow("invalid pcap version")
            << readAll(pcapData(QStringLiteral("libpcap__pcap-invalid-version-1.pcap"))) << false
            << "not a readable pcap file: archaic pcap savefile format";
        QTest::newRow("invalid pcapng version")
            << readAll(pcapData(QStringLiteral("libpcap__pcapng-invalid-vers-1.pcapng"))) << false
            << "byte offset 0: unsupported pcapng version 0.1";
        QTest::newRow("pcap cut in the file header")
            << get.left(20) << false << "not a readable pcap file: truncated dump file";
        QTest::newRow("pcap cut in the first packet") << get.left(
            60) << false << "byte offset 24: the file ends in the middle of packet 1 (the capture was cut off)";
        QTest::newRow("pcap cut in the last packet") << get.left(get.size() - 10) << true
                                                     << "the file ends in the middle of packet 14 (the capture was cut "
                                                        "off); the 13 packets before it were imported";
        QByteArray hugeRecord = get.left(24 + 16 + 78); // header + the first packet (78 bytes)
        hugeRecord += QByteArray::fromHex("00000000"
                                          "00000000"
                                          "ffffff7f"
                                          "ffffff7f");
        QTest::newRow("pcap record length beyond reason")
            << hugeRecord << true << "packet 2 is unreadable (invalid packet capture length";
        QTest::newRow("pcapng cut in a block")
            << ng.left(ng.size() - 100) << true << "the file ends in the middle of a block (the capture was cut off)";
        QByteArray badLength = ng.left(28);
        badLength[4] = 27;
        QTest::newRow("pcapng length not a multiple of 4")
            << badLength << false << "byte offset 0: a block claims an invalid length of 27 bytes";
        QBuffer trailer;
        trailer.open(QIODevice::WriteOnly);
        PcapngWriter tw(trailer);
        tw.section();
        tw.interface(LinkType::Ethernet);
        QByteArray badTrailer = trailer.data();
        badTrailer[badTrailer.size() - 4] = 'x';
        QTest::newRow("pcapng trailing length")
            << badTrailer << false
            << "byte offset 28: a block's trailing length does not match its leading length (the file is damaged)";
    }
    void brokenFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, imports);
        QFETCH(QString, message);
        Scratch scratch;
        const QString path = writeBytes(scratch, QStringLiteral("broken.cap"), bytes);
        CollectingSink sink;
        QString error;
        const bool ok = import(path, sink, &error);
        QCOMPARE(ok, imports);
        if (!ok)
            QVERIFY2(error.startsWith(message), qPrintable(error));
        else
            QVERIFY2(hasWarning(sink, message), qPrintable(sink.warnings.join(u'\n')));
    }

    void pcapVariants()
    {
        Scratch scratch;
        const QByteArray ip =
            Build::ip(addr("10.0.0.1"), addr("10.0.0.2"), 17, Build::udp(5000, 6000, QByteArray(100, 'u')));
        auto le32 = [](uint32_t v) {
            QByteArray b(4, '\0');
            for (int i = 0; i < 4; ++i)
                b[i] = static_cast<char>(v >> (8 * i));
            return b;
        };
        // Kuznetzov's modified pcap: another magic and 8 more bytes per record header.
        QByteArray modified =
            le32(0xa1b2cd34) + QByteArray::fromHex("02000400") + le32(0) + le32(0) + le32(65535) + le32(101);
        modified += le32(1700000000) + le32(5) + le32(static_cast<uint32_t>(ip.size()))
            + le32(static_cast<uint32_t>(ip.size())) + le32(2)
            + QByteArray::fromHex("0008"
                                  "00"
                                  "00")
            + ip;
        // A header snaplen of 0 (some writers leave it unset), and one smaller than the packets it holds.
        QByteArray zeroSnap =
            le32(0xa1b2c3d4) + QByteArray::fromHex("02000400") + le32(0) + le32(0) + le32(0) + le32(101);
        zeroSnap += le32(1700000000) + le32(5) + le32(static_cast<uint32_t>(ip.size()))
            + le32(static_cast<uint32_t>(ip.size())) + ip;
        QByteArray smallSnap = zeroSnap;
        smallSnap.replace(16, 4, le32(64));
        for (const auto& [name, bytes] : { std::make_pair(QStringLiteral("modified.pcap"), modified),
                 std::make_pair(QStringLiteral("zerosnap.pcap"), zeroSnap),
                 std::make_pair(QStringLiteral("smallsnap.pcap"), smallSnap) }) {
            CollectingSink sink;
            QString error;
            QVERIFY2(import(writeBytes(scratch, name, bytes), sink, &error),
                qPrintable(name + QStringLiteral(": ") + error));
            QCOMPARE(sink.connections.size(), size_t(1));
            QCOMPARE(sink.connections[0].bytesUp, qint64(100)); // as the UDP header says, even when cut
            QCOMPARE(sink.connections[0].firstSeen, qint64(1700000000000005));
        }
    }

    void pcapngOddities()
    {
        Scratch scratch;
        const QByteArray ip = Build::ip(addr("10.0.0.1"), addr("10.0.0.2"), 17, Build::udp(5000, 6000, "x"));
        const QString path = write(scratch, QStringLiteral("odd.pcapng"), [&](QIODevice& d) {
            PcapngWriter w(d);
            w.section();
            const int eth = w.interface(LinkType::Ethernet, QStringLiteral("en0"), 0, 9); // nanosecond resolution
            const int user = w.interface(147, QStringLiteral("usb0"));
            w.packet(eth, 1700000000123456, Build::ethernet(ip));
            w.packet(user, 1700000000200000, ip);
            w.packet(7, 1700000000300000, ip); // an interface that was never described
            w.simplePacket(Build::ethernet(ip)); // no timestamp
        });
        CollectingSink sink;
        QString error;
        QVERIFY2(import(path, sink, &error), qPrintable(error));
        QCOMPARE(sink.connections.size(), size_t(1));
        QCOMPARE(sink.connections[0].packetsUp, qint64(2));
        QCOMPARE(sink.connections[0].firstSeen, qint64(1700000000123456));
        QCOMPARE(sink.connections[0].lastSeen, qint64(1700000000200000)); // the simple packet takes the last time seen
        QVERIFY(hasWarning(
            sink, QStringLiteral("1 packet(s) name an interface the file never described; they were skipped")));
        QVERIFY(hasWarning(
            sink, QStringLiteral("1 packet(s) use link type 147, which Leakscope cannot read; they were skipped")));
        // Times no clock can have (a damaged if_tsoffset, a huge unit count) are bounded, not overflowed.
        const QString future = write(scratch, QStringLiteral("future.pcapng"), [&](QIODevice& d) {
            PcapngWriter w(d);
            w.section();
            const int far = w.interface(LinkType::Ethernet, {}, 0, 6, std::numeric_limits<int64_t>::max());
            w.packet(far, std::numeric_limits<int64_t>::max(), Build::ethernet(ip));
            w.packet(far, 5, Build::ethernet(ip));
        });
        CollectingSink bounded;
        QVERIFY2(import(future, bounded, &error), qPrintable(error));
        QCOMPARE(bounded.connections.size(), size_t(1));
        QCOMPARE(bounded.connections[0].firstSeen, qint64(1) << 60);
        // A pcapng that does not start with a section header cannot be read.
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        PcapngWriter w(buffer);
        w.interface(LinkType::Ethernet);
        const QString noSection = writeBytes(scratch, QStringLiteral("nosection.pcapng"), buffer.data());
        auto importer = CaptureFormats::createImporter(CaptureFormat::Pcapng);
        QString openError;
        auto source = ByteSource::open(noSection, &openError);
        CollectingSink none;
        QVERIFY(!importer->read(ImportInput { *source, noSection, {} }, none, {}));
        QCOMPARE(importer->errorString(),
            QStringLiteral("byte offset 0: the file does not start with a pcapng section header"));
    }

    void snaplenCuts()
    {
        // A capture with a 200-byte snaplen: the response's body segments lose their tails.
        Scratch scratch;
        TcpConversation t(addr("10.0.0.1"), 40000, addr("10.0.0.2"), 80);
        const QString path = write(scratch, QStringLiteral("snap.pcap"), [&](QIODevice& d) {
            PcapWriter w(d, LinkType::Raw, 200);
            int64_t ts = 1700000000000000;
            for (int i = 0; i < 3; ++i)
                w.packet(ts++, t.handshake(i));
            w.packet(ts++, t.send(true, "GET /big HTTP/1.1\r\nHost: big.example\r\n\r\n"));
            w.packet(ts++, t.send(false, "HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n"));
            for (int i = 0; i < 3; ++i)
                w.packet(ts++, t.send(false, QByteArray(1000, 'a' + i)));
            w.packet(ts++, t.send(true, "GET /after HTTP/1.1\r\nHost: big.example\r\n\r\n"));
            w.packet(ts++, t.send(false, "HTTP/1.1 204 No Content\r\n\r\n"));
        });
        CollectingSink sink;
        QString error;
        QVERIFY2(import(path, sink, &error), qPrintable(error));
        QCOMPARE(sink.flows.size(), size_t(2));
        const Data::Flow& big = sink.flows[0];
        QCOMPARE(big.responseBody.wireSize, qint64(3000));
        QVERIFY(big.flags & Data::ReassemblyGap);
        QVERIFY(big.flags & Data::BodyTruncated);
        QCOMPARE(big.responseBody.data.left(10), QByteArray(10, 'a'));
        QCOMPARE(sink.flows[1].status, 204); // in step again after the cut body
        QCOMPARE(sink.connections[0].bytesDown, qint64(3000 + 41 + 27)); // what the IP headers declare
        QVERIFY(sink.connections[0].flags & Data::ReassemblyGap);
    }

    void tcpOddities()
    {
        Scratch scratch;
        const QString path = write(scratch, QStringLiteral("tcp.pcap"), [&](QIODevice& d) {
            PcapWriter w(d, LinkType::Ethernet);
            int64_t ts = 1700000000000000;
            // 1: sequence numbers wrap during the request; segments out of order and retransmitted.
            TcpConversation a(addr("10.0.0.1"), 40001, addr("10.0.0.2"), 80, 0xfffffff0, 77);
            for (int i = 0; i < 3; ++i)
                w.packet(ts++, Build::ethernet(a.handshake(i)));
            const QByteArray s1 = a.send(true, "POST /wrap HTTP/1.1\r\nHost: wrap.example\r\n");
            const QByteArray s2 = a.send(true, "Content-Length: 4\r\n\r\n");
            const QByteArray s3 = a.send(true, "data");
            w.packet(ts++, Build::ethernet(s2));
            w.packet(ts++, Build::ethernet(s3));
            w.packet(ts++, Build::ethernet(s1));
            w.packet(ts++, Build::ethernet(s2)); // retransmission
            w.packet(ts++, Build::ethernet(a.send(false, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")));
            // 2: a connection already running when the capture started: the tail of a body, then a request.
            TcpConversation b(addr("10.0.0.1"), 40002, addr("10.0.0.3"), 8080, 5000, 9000);
            w.packet(ts++, Build::ethernet(b.send(true, "...end of an earlier body")));
            w.packet(ts++, Build::ethernet(b.send(true, "GET /mid HTTP/1.1\r\nHost: mid.example\r\n\r\n")));
            w.packet(ts++, Build::ethernet(b.send(false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")));
        });
        CollectingSink sink;
        QString error;
        QVERIFY2(import(path, sink, &error), qPrintable(error));
        QCOMPARE(sink.flows.size(), size_t(2));
        QCOMPARE(sink.flows[0].url, QStringLiteral("http://wrap.example/wrap"));
        QCOMPARE(sink.flows[0].requestBody.data, QByteArray("data"));
        QCOMPARE(sink.flows[0].status, 201);
        QCOMPARE(sink.flows[0].flags, 0u);
        QCOMPARE(sink.flows[1].url, QStringLiteral("http://mid.example/mid"));
        QCOMPARE(sink.flows[1].responseBody.data, QByteArray("ok"));
        const Data::Connection* mid = connectionTo(sink, 8080);
        QVERIFY(mid);
        QCOMPARE(mid->clientPort, 40002); // client and server told apart without a SYN
    }

    void pcapdroidTrailer()
    {
        Scratch scratch;
        const Address phone = addr("10.215.173.1");
        const QString path = write(scratch, QStringLiteral("pcapdroid.pcap"), [&](QIODevice& d) {
            PcapWriter w(d, LinkType::Ethernet);
            int64_t ts = 1700000000000000;
            // An app's cleartext HTTP.
            TcpConversation http(phone, 41000, addr("192.0.2.10"), 80);
            for (int i = 0; i < 3; ++i)
                w.packet(ts++, Build::pcapdroidFrame(http.handshake(i), 10234, "com.example.app"));
            w.packet(ts++,
                Build::pcapdroidFrame(http.send(true, "GET /track?id=1 HTTP/1.1\r\nHost: tracker.example\r\n\r\n"),
                    10234, "com.example.app"));
            w.packet(ts++,
                Build::pcapdroidFrame(http.send(false, "HTTP/1.1 204 No Content\r\n\r\n"), 10234, "com.example.app"));
            // Another app's TLS; its first packet lost the trailer to the snaplen (a bare IP packet in an
            // Ethernet file), the next ones carry it.
            TcpConversation tls(phone, 41001, addr("192.0.2.20"), 443);
            w.packet(ts++, tls.handshake(0));
            w.packet(ts++, Build::pcapdroidFrame(tls.handshake(1), 10111, "Browser"));
            w.packet(ts++,
                Build::pcapdroidFrame(tls.send(true, Build::tlsClientHello("browser.example")), 10111, "Browser"));
            // DNS from a process PCAPdroid could not attribute (UID -1).
            w.packet(ts++,
                Build::pcapdroidFrame(
                    Build::ip(addr("8.8.8.8"), phone, 17,
                        Build::udp(53, 35000, Build::dnsResponse(7, "tracker.example", addr("192.0.2.10")))),
                    -1, ""));
        });
        CollectingSink sink;
        QString error;
        QVERIFY2(import(path, sink, &error), qPrintable(error));
        QCOMPARE(sink.flows.size(), size_t(1));
        const Data::AppIdentity& app = sink.flows[0].app;
        QCOMPARE(app.name, QStringLiteral("com.example.app"));
        QCOMPARE(app.uid, 10234);
        QCOMPARE(app.source, QStringLiteral("pcapdroid-trailer"));
        QCOMPARE(app.reason, QStringLiteral("PCAPdroid UID 10234"));
        const Data::Connection* http = connectionTo(sink, 80);
        const Data::Connection* tls = connectionTo(sink, 443);
        const Data::Connection* dns = connectionTo(sink, 53);
        QVERIFY(http && tls && dns);
        QCOMPARE(http->app.name, QStringLiteral("com.example.app"));
        QCOMPARE(tls->app.name, QStringLiteral("Browser"));
        QCOMPARE(tls->app.uid, 10111);
        QCOMPARE(tls->name, QStringLiteral("browser.example"));
        QVERIFY(tls->flags & Data::Encrypted);
        QVERIFY(dns->app.isEmpty());
        QCOMPARE(sink.dns.size(), size_t(1));
        QVERIFY(sink.info.notes.contains(QStringLiteral("packets carry a PCAPdroid app trailer")));
        QVERIFY(sink.info.notes.contains(QStringLiteral("held bare IP")));
    }

    void pcapdroidPcapng()
    {
        Scratch scratch;
        const Address phone = addr("10.215.173.1");
        const QString path = write(scratch, QStringLiteral("pcapdroid.pcapng"), [&](QIODevice& d) {
            PcapngWriter w(d);
            w.section(QStringLiteral("PCAPdroid v1.7.2"), QStringLiteral("Android 14"), QStringLiteral("Pixel 8"));
            const int raw = w.interface(LinkType::Raw);
            w.custom(62652, Build::pcapdroidUidMapping(10234, "com.example.app", "Example App", false));
            int64_t ts = 1700000000000000;
            TcpConversation http(phone, 42000, addr("192.0.2.10"), 80);
            for (int i = 0; i < 3; ++i)
                w.packet(raw, ts++, http.handshake(i), QStringLiteral("u-10234"), i == 1 ? 1 : 2);
            w.packet(raw, ts++, http.send(true, "GET /a HTTP/1.1\r\nHost: api.example\r\n\r\n"),
                QStringLiteral("u-10234"), 2);
            w.packet(raw, ts++, http.send(false, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
                QStringLiteral("u-10234"), 1);
            // A UID whose mapping block comes after its packets, and one that never gets a mapping.
            w.packet(raw, ts++, Build::ip(phone, addr("192.0.2.30"), 17, Build::udp(43000, 443, "hello")),
                QStringLiteral("u-10300"), 2);
            w.packet(raw, ts++, Build::ip(phone, addr("192.0.2.40"), 17, Build::udp(43001, 9999, "hello")),
                QStringLiteral("u-10500"), 2);
            w.custom(62652, Build::pcapdroidUidMapping(10300, "org.example.late", "Late", false));
            // Keys for some other session, embedded as PCAPdroid's mitm add-on does.
            w.secrets(0x544c534b, "CLIENT_RANDOM " + QByteArray(64, 'a') + " " + QByteArray(96, 'b') + "\n");
        });
        CollectingSink sink;
        QString error;
        QVERIFY2(import(path, sink, &error), qPrintable(error));
        QCOMPARE(sink.info.producer, QStringLiteral("PCAPdroid v1.7.2 (Android 14, Pixel 8)"));
        QVERIFY(sink.info.notes.contains(QStringLiteral("2 PCAPdroid app mapping(s)")));
        QCOMPARE(sink.flows.size(), size_t(1));
        QCOMPARE(sink.flows[0].app.name, QStringLiteral("Example App"));
        QCOMPARE(sink.flows[0].app.package, QStringLiteral("com.example.app"));
        QCOMPARE(sink.flows[0].app.source, QStringLiteral("pcapdroid-pcapng"));
        QCOMPARE(sink.flows[0].app.reason, QStringLiteral("PCAPdroid UID 10234"));
        const Data::Connection* late = connectionTo(sink, 443);
        const Data::Connection* unmapped = connectionTo(sink, 9999);
        QVERIFY(late && unmapped);
        QCOMPARE(late->app.name, QStringLiteral("Late"));
        QCOMPARE(late->app.package, QStringLiteral("org.example.late"));
        QCOMPARE(unmapped->app.name, QStringLiteral("Android UID 10500"));
        QCOMPARE(unmapped->app.uid, 10500);
        QVERIFY(sink.info.notes.contains(QStringLiteral("1 decryption secrets block(s)")));
    }

    void pktapProcesses()
    {
        Scratch scratch;
        const QString path = write(scratch, QStringLiteral("pktap.pcap"), [&](QIODevice& d) {
            PcapWriter w(d, LinkType::User2);
            QByteArray pktap(108, '\0');
            pktap[0] = 108;
            pktap[4] = 1;
            pktap[8] = 1; // Ethernet inside
            pktap[84] = 0x10;
            pktap[85] = 0x10;
            pktap.replace(88, 6, "Safari");
            TcpConversation t(addr("192.168.1.5"), 50000, addr("192.0.2.50"), 443);
            w.packet(1700000000000000, pktap + Build::ethernet(t.handshake(0)));
            w.packet(
                1700000000000001, pktap + Build::ethernet(t.send(true, Build::tlsClientHello("www.apple.example"))));
        });
        CollectingSink sink;
        QString error;
        QVERIFY2(import(path, sink, &error), qPrintable(error));
        QCOMPARE(sink.connections.size(), size_t(1));
        QCOMPARE(sink.connections[0].name, QStringLiteral("www.apple.example"));
        QCOMPARE(sink.connections[0].app.name, QStringLiteral("Safari"));
        QCOMPARE(sink.connections[0].app.source, QStringLiteral("pktap"));
        QCOMPARE(sink.connections[0].app.reason, QStringLiteral("Apple PKTAP process Safari (pid 4112)"));
    }

    void dnsNamesConnections()
    {
        // A connection without SNI or Host takes the name DNS gave its server address just before.
        Scratch scratch;
        const Address phone = addr("192.168.1.5");
        const Address server = addr("2001:db8::77");
        const QString path = write(scratch, QStringLiteral("dns.pcap"), [&](QIODevice& d) {
            PcapWriter w(d, LinkType::Ethernet);
            w.packet(1700000000000000,
                Build::ethernet(Build::ip(addr("2001:db8::53"), addr("2001:db8::5"), 17,
                    Build::udp(53, 33333, Build::dnsResponse(9, "Push.Example.COM", server, "edge.cdn.example")))));
            TcpConversation t(addr("2001:db8::5"), 50001, server, 5228);
            w.packet(1700000000100000, Build::ethernet(t.handshake(0)));
            w.packet(1700000000100001, Build::ethernet(t.handshake(1)));
            w.packet(1700000000100002, Build::ethernet(t.send(true, QByteArray(40, '\x01'))));
            (void)phone;
        });
        CollectingSink sink;
        QString error;
        QVERIFY2(import(path, sink, &error), qPrintable(error));
        QCOMPARE(sink.dns.size(), size_t(1));
        QCOMPARE(sink.dns[0].name, QStringLiteral("push.example.com"));
        QCOMPARE(sink.dns[0].cnameChain, QStringLiteral("push.example.com>edge.cdn.example"));
        const Data::Connection* c = connectionTo(sink, 5228);
        QVERIFY(c);
        QCOMPARE(c->name, QStringLiteral("push.example.com"));
        QCOMPARE(c->nameSource, QStringLiteral("dns"));
        QCOMPARE(c->l7, QStringLiteral("raw"));
        QCOMPARE(c->serverIp, QStringLiteral("2001:db8::77"));
    }

    void encryptedOnlyIsSaid()
    {
        CollectingSink sink;
        QString error;
        QVERIFY(import(pcapData(QStringLiteral("illtls12__capture.pcap")), sink, &error));
        QCOMPARE(sink.connections[0].name, QStringLiteral("example.ulfheim.net"));
        QVERIFY(sink.connections[0].flags & Data::Encrypted);
        QVERIFY(hasWarning(sink, QStringLiteral("1 TLS connection(s) stay encrypted: no TLS key log was given")));
    }

    void decryption_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("keys");
        QTest::addColumn<int>("decrypted");
        QTest::addColumn<QStringList>("urls");
        QTest::newRow("TLS 1.2, ping/pong") << "illtls12__capture.pcap"
                                            << "illtls12__keylog.txt" << 1 << QStringList();
        QTest::newRow("TLS 1.3, ping/pong") << "illtls13__archive_capture.pcap"
                                            << "illtls13__archive_keylog.txt" << 1 << QStringList();
        QTest::newRow("TLS 1.2 + 1.3, HTTP")
            << "scapy__tls_nss_example.pcap"
            << "scapy__tls_nss_example.keys.txt" << 2
            << L({ "https://127.0.0.1/pki/srv_key.pem", "https://127.0.0.1/pki/srv_key.pem" });
    }
    void decryption()
    {
        QFETCH(QString, capture);
        QFETCH(QString, keys);
        QFETCH(int, decrypted);
        QFETCH(QStringList, urls);
        if (TlsDecryptor::tsharkPath().isEmpty())
            QSKIP("tshark is not installed");
        CollectingSink sink;
        QString error;
        QVERIFY2(import(pcapData(capture), sink, &error, pcapData(keys)), qPrintable(error));
        int n = 0;
        for (const auto& c : sink.connections) {
            if (c.flags & Data::Decrypted) {
                ++n;
                QVERIFY(!(c.flags & Data::Encrypted));
            }
        }
        QCOMPARE(n, decrypted);
        QStringList got;
        for (const auto& f : sink.flows) {
            QVERIFY(f.flags & Data::Decrypted);
            QVERIFY(!f.tlsVersion.isEmpty());
            if (f.l7 == u"raw") {
                // Not HTTP: the plaintext each way, as the illustrated-TLS captures send it.
                QCOMPARE(f.requestBody.data, QByteArray("ping"));
                QCOMPARE(f.responseBody.data, QByteArray("pong"));
                QCOMPARE(f.host, QStringLiteral("example.ulfheim.net"));
                continue;
            }
            got << f.url;
            QCOMPARE(f.scheme, QStringLiteral("https"));
            QCOMPARE(f.status, 200);
            QVERIFY(f.responseBody.data.startsWith("-----BEGIN PRIVATE KEY-----"));
        }
        QCOMPARE(got, urls);
        QCOMPARE(static_cast<int>(sink.flows.size()), urls.isEmpty() ? 1 : static_cast<int>(urls.size()));
        QVERIFY2(!hasWarning(sink, QStringLiteral("stay encrypted")), qPrintable(sink.warnings.join(u'\n')));
        QVERIFY(sink.info.notes.contains(QStringLiteral("TLS connections decrypted")));
    }

    void decryptionFromDsbAndCompanion()
    {
        if (TlsDecryptor::tsharkPath().isEmpty())
            QSKIP("tshark is not installed");
        Scratch scratch;
        const QByteArray keys = readAll(pcapData(QStringLiteral("scapy__tls_nss_example.keys.txt")));
        // The keys inside the capture, in a Decryption Secrets Block.
        const QString dsb = write(scratch, QStringLiteral("embedded.pcapng"), [&](QIODevice& d) {
            PcapngWriter w(d);
            w.section(QStringLiteral("test"));
            const int eth = w.interface(LinkType::Ethernet);
            w.secrets(0x544c534b, keys);
            for (const RawPacket& p : readClassicPcap(readAll(pcapData(QStringLiteral("scapy__tls_nss_example.pcap")))))
                w.packet(eth, p.ts, p.data);
        });
        CollectingSink embedded;
        QString error;
        QVERIFY2(import(dsb, embedded, &error), qPrintable(error));
        QCOMPARE(embedded.flows.size(), size_t(2));
        // A key log next to the capture, found by name.
        QFile::copy(
            pcapData(QStringLiteral("scapy__tls_nss_example.pcap")), scratch.path(QStringLiteral("session.pcap")));
        writeBytes(scratch, QStringLiteral("session.keylog"), keys);
        CollectingSink companion;
        QVERIFY2(import(scratch.path(QStringLiteral("session.pcap")), companion, &error), qPrintable(error));
        QCOMPARE(companion.flows.size(), size_t(2));
    }

    void commandLine()
    {
        // The investigation file path: a folder holding a capture and its key log pairs them; the warnings of
        // the import are printed and stored.
        Scratch scratch;
        QDir().mkpath(scratch.path(QStringLiteral("in")));
        QFile::copy(pcapData(QStringLiteral("illtls12__capture.pcap")),
            scratch.path(QStringLiteral("in/illtls12__capture.pcap")));
        QFile::copy(
            pcapData(QStringLiteral("zeek__http_get.pcap")), scratch.path(QStringLiteral("in/zeek__http_get.pcap")));
        const QString inv = scratch.path(QStringLiteral("case.leakscope"));
        const ProcessResult r =
            runLeakscope({ QStringLiteral("import"), QStringLiteral("-i"), inv, scratch.path(QStringLiteral("in")) });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out,
            QStringLiteral("capture 1: illtls12__capture.pcap (pcap): 0 flows, 1 connections, 1 warnings\n"
                           "capture 2: zeek__http_get.pcap (pcap): 1 flows, 1 connections, 0 warnings\n"));
        QVERIFY(
            r.err.contains(QStringLiteral("warning: 1 TLS connection(s) stay encrypted: no TLS key log was given")));
    }

    void decryptionProblemsAreSaid()
    {
        Scratch scratch;
        QString error;
        // Keys that belong to another capture.
        CollectingSink wrong;
        QVERIFY(import(pcapData(QStringLiteral("illtls12__capture.pcap")), wrong, &error,
            pcapData(QStringLiteral("scapy__tls_nss_example.keys.txt"))));
        QVERIFY2(hasWarning(wrong,
                     QStringLiteral("1 TLS connection(s) stay encrypted: the key log matches none of them (it holds "
                                    "keys for 2 other TLS session(s))")),
            qPrintable(wrong.warnings.join(u'\n')));
        // A key log that cannot be read.
        CollectingSink missing;
        QVERIFY(import(pcapData(QStringLiteral("illtls12__capture.pcap")), missing, &error,
            scratch.path(QStringLiteral("nowhere.keylog"))));
        QVERIFY(hasWarning(missing, QStringLiteral("the TLS key log nowhere.keylog cannot be read")));
        // Not a key log at all.
        CollectingSink garbage;
        const QString notKeys = writeBytes(scratch, QStringLiteral("notes.txt"), "these are my notes\n");
        QVERIFY(import(pcapData(QStringLiteral("illtls12__capture.pcap")), garbage, &error, notKeys));
        QVERIFY(hasWarning(garbage, QStringLiteral("the TLS key log notes.txt holds no TLS keys Leakscope can use")));
        // Matching keys, but no tshark to decrypt with.
        qputenv("LEAKSCOPE_TSHARK", "");
        CollectingSink noTshark;
        const bool ok = import(pcapData(QStringLiteral("illtls12__capture.pcap")), noTshark, &error,
            pcapData(QStringLiteral("illtls12__keylog.txt")));
        qunsetenv("LEAKSCOPE_TSHARK");
        QVERIFY(ok);
        QVERIFY2(
            hasWarning(noTshark,
                QStringLiteral("1 TLS connection(s) have keys in the key log, but they stay encrypted: decryption uses "
                               "Wireshark's tshark, which is not installed")),
            qPrintable(noTshark.warnings.join(u'\n')));
        QVERIFY(noTshark.connections[0].flags & Data::Encrypted);
    }
};

QTEST_GUILESS_MAIN(TestPcapImporter)
#include "tst_pcapimporter.moc"
