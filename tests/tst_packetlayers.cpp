// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The packet decoders one by one, on crafted bytes: link layers, IP, fragments, TCP reassembly, DNS, TLS and
// QUIC hellos, HTTP/1, HTTP/2, WebSocket, SOCKS. tst_pcapimporter covers them together on real captures.
#include "common/httputil.h"
#include "packet/address.h"
#include "packet/capturebuilder.h"
#include "packet/dns.h"
#include "packet/dnsmap.h"
#include "packet/http1parser.h"
#include "packet/http2parser.h"
#include "packet/ip.h"
#include "packet/ipdefragmenter.h"
#include "packet/keylog.h"
#include "packet/linklayer.h"
#include "packet/pcapdroid.h"
#include "packet/quicinitial.h"
#include "packet/socks.h"
#include "packet/tcpreassembler.h"
#include "packet/tlsclienthello.h"
#include "packet/websocket.h"
#include "testutils.h"

#include <QFile>
#include <QTest>

#include <openssl/evp.h>
#include <zlib.h>

using namespace Packet;

namespace {

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(QByteArray(text));
}

const uint8_t* u8(const QByteArray& b)
{
    return reinterpret_cast<const uint8_t*>(b.constData());
}

Address addr(const char* text)
{
    return Address::fromString(QString::fromLatin1(text));
}

/// Records what a reassembler or session delivers.
class Recorder : public StreamAnalyzer
{
public:
    void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) override
    {
        stream[direction].append(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(length));
        frames[direction].push_back(info.frame);
    }
    void gap(int direction, uint64_t length, const ChunkInfo&) override
    {
        gaps[direction] += length;
        stream[direction].append(QByteArray(static_cast<qsizetype>(length), '?'));
    }
    void finish(int64_t) override { }
    bool done() const override
    {
        return false;
    }
    QByteArray stream[2];
    uint64_t gaps[2] = { 0, 0 };
    std::vector<int64_t> frames[2];
};

class FlowCollector : public HttpFlowSink
{
public:
    void httpFlow(Data::Flow&& flow) override
    {
        flows.push_back(std::move(flow));
    }
    std::unique_ptr<StreamAnalyzer> tunnelAnalyzer() override
    {
        ++tunnels;
        auto r = std::make_unique<Recorder>();
        tunnel = r.get();
        return r;
    }
    std::vector<Data::Flow> flows;
    int tunnels = 0;
    Recorder* tunnel = nullptr;
};

void feed(StreamAnalyzer& a, int direction, const QByteArray& bytes, int64_t frame = 1)
{
    a.data(direction, u8(bytes), static_cast<size_t>(bytes.size()), ChunkInfo { frame * 1000, frame });
}

HttpContext context()
{
    HttpContext c;
    c.serverAuthority = QStringLiteral("192.0.2.1");
    c.sourceRef = QStringLiteral("test:tcp_stream=0");
    return c;
}

/// HPACK "literal header field without indexing — new name" (RFC 7541 §6.2.2), lengths under 127.
QByteArray literal(const QByteArray& name, const QByteArray& value)
{
    return QByteArray(1, '\0') + QByteArray(1, static_cast<char>(name.size())) + name
        + QByteArray(1, static_cast<char>(value.size())) + value;
}

/// HPACK "literal header field with incremental indexing — new name": enters the dynamic table.
QByteArray indexedLiteral(const QByteArray& name, const QByteArray& value)
{
    return QByteArray(1, '\x40') + QByteArray(1, static_cast<char>(name.size())) + name
        + QByteArray(1, static_cast<char>(value.size())) + value;
}

QByteArray h2frame(uint8_t type, uint8_t flags, uint32_t stream, const QByteArray& payload)
{
    QByteArray f;
    const uint32_t n = static_cast<uint32_t>(payload.size());
    f.append(static_cast<char>(n >> 16)).append(static_cast<char>(n >> 8)).append(static_cast<char>(n));
    f.append(static_cast<char>(type)).append(static_cast<char>(flags));
    f.append(static_cast<char>(stream >> 24))
        .append(static_cast<char>(stream >> 16))
        .append(static_cast<char>(stream >> 8))
        .append(static_cast<char>(stream));
    return f + payload;
}

QByteArray wsFrame(bool fin, int opcode, const QByteArray& payload, bool masked, bool rsv1 = false)
{
    QByteArray f;
    f.append(static_cast<char>((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        f.append(static_cast<char>(maskBit | payload.size()));
    } else {
        f.append(static_cast<char>(maskBit | 126));
        f.append(static_cast<char>(payload.size() >> 8)).append(static_cast<char>(payload.size() & 0xff));
    }
    if (!masked)
        return f + payload;
    const QByteArray key = hex("37fa213d");
    f += key;
    QByteArray p = payload;
    for (qsizetype i = 0; i < p.size(); ++i)
        p[i] = static_cast<char>(p[i] ^ key[i % 4]);
    return f + p;
}

/// permessage-deflate with context takeover: one deflate stream, each message flushed and its 00 00 FF FF cut.
class Deflater
{
public:
    Deflater()
    {
        deflateInit2(&m_zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    }
    ~Deflater()
    {
        deflateEnd(&m_zs);
    }
    QByteArray message(const QByteArray& text)
    {
        QByteArray out(static_cast<qsizetype>(text.size() + 64), '\0');
        m_zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.constData()));
        m_zs.avail_in = static_cast<uInt>(text.size());
        m_zs.next_out = reinterpret_cast<Bytef*>(out.data());
        m_zs.avail_out = static_cast<uInt>(out.size());
        deflate(&m_zs, Z_SYNC_FLUSH);
        out.resize(out.size() - m_zs.avail_out);
        out.chop(4);
        return out;
    }

private:
    z_stream m_zs {};
};

/// Protects a QUIC v1 client Initial (RFC 9001 §5) carrying `frames`, padded to 1200 bytes.
QByteArray protectInitial(const QByteArray& dcid, uint32_t pn, const QByteArray& frames, const QuicKeys& keys)
{
    QByteArray header;
    header.append('\xc1'); // long header, Initial, 2-byte packet number
    header += hex("00000001");
    header.append(static_cast<char>(dcid.size())).append(dcid);
    header.append('\x00'); // SCID length
    header.append('\x00'); // token length
    QByteArray payload = frames;
    if (payload.size() < 1100)
        payload.append(QByteArray(1100 - payload.size(), '\0')); // PADDING frames
    const int length = static_cast<int>(payload.size()) + 2 + 16;
    header.append(static_cast<char>(0x40 | (length >> 8))).append(static_cast<char>(length & 0xff));
    const qsizetype pnOffset = header.size();
    header.append(static_cast<char>(pn >> 8)).append(static_cast<char>(pn & 0xff));

    uint8_t nonce[12];
    memcpy(nonce, keys.iv, 12);
    nonce[11] ^= static_cast<uint8_t>(pn);
    nonce[10] ^= static_cast<uint8_t>(pn >> 8);
    QByteArray cipher(payload.size() + 16, '\0');
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int n = 0;
    EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), nullptr, nullptr, nullptr);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, 12, nullptr);
    EVP_EncryptInit_ex(ctx, nullptr, nullptr, keys.key, nonce);
    EVP_EncryptUpdate(ctx, nullptr, &n, u8(header), static_cast<int>(header.size()));
    EVP_EncryptUpdate(
        ctx, reinterpret_cast<uint8_t*>(cipher.data()), &n, u8(payload), static_cast<int>(payload.size()));
    EVP_EncryptFinal_ex(ctx, reinterpret_cast<uint8_t*>(cipher.data()) + n, &n);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, cipher.data() + payload.size());
    EVP_CIPHER_CTX_free(ctx);

    uint8_t mask[32];
    ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), nullptr, keys.hp, nullptr);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    EVP_EncryptUpdate(ctx, mask, &n, u8(cipher) + 2, 16); // sample: 4 bytes after the PN start
    EVP_CIPHER_CTX_free(ctx);
    header[0] = static_cast<char>(header[0] ^ (mask[0] & 0x0f));
    header[pnOffset] = static_cast<char>(header[pnOffset] ^ mask[1]);
    header[pnOffset + 1] = static_cast<char>(header[pnOffset + 1] ^ mask[2]);
    return header + cipher;
}

QByteArray cryptoFrame(uint32_t offset, const QByteArray& data)
{
    QByteArray f;
    f.append('\x06');
    f.append(static_cast<char>(0x80))
        .append('\0')
        .append(static_cast<char>(offset >> 8))
        .append(static_cast<char>(offset & 0xff));
    f.append(static_cast<char>(0x40 | (data.size() >> 8))).append(static_cast<char>(data.size() & 0xff));
    return f + data;
}

} // namespace

class TestPacketLayers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("v4") << "192.0.2.1"
                            << "192.0.2.1";
        QTest::newRow("v6 zero run") << "2001:db8:0:0:0:0:0:1"
                                     << "2001:db8::1";
        QTest::newRow("v6 first longest run") << "2001:0:0:1:0:0:0:1"
                                              << "2001:0:0:1::1";
        QTest::newRow("loopback") << "::1"
                                  << "::1";
        QTest::newRow("unspecified") << "::"
                                     << "::";
        QTest::newRow("single zero not compressed") << "2001:db8:0:1:1:1:1:1"
                                                    << "2001:db8:0:1:1:1:1:1";
        QTest::newRow("mapped") << "::ffff:192.0.2.5"
                                << "::ffff:192.0.2.5";
        QTest::newRow("invalid") << "300.1.1.1"
                                 << "";
    }
    void addresses()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QCOMPARE(Address::fromString(text).toString(), canonical);
    }

    void linkLayers_data()
    {
        QTest::addColumn<int>("linkType");
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("network"); // 0 none, 4, 6
        QTest::addColumn<int>("offset");
        const QByteArray v4 = Build::ip(addr("10.0.0.1"), addr("10.0.0.2"), 17, Build::udp(1, 2, "x"));
        const QByteArray v6 = Build::ip(addr("2001:db8::1"), addr("2001:db8::2"), 17, Build::udp(1, 2, "x"));
        const QByteArray macs(12, '\x11');
        QTest::newRow("ethernet") << 1 << Build::ethernet(v4) << 4 << 14;
        QTest::newRow("ethernet v6") << 1 << Build::ethernet(v6) << 6 << 14;
        QTest::newRow("vlan") << 1 << (macs + hex("8100000a0800") + v4) << 4 << 18;
        QTest::newRow("qinq") << 1
                              << (macs
                                     + hex("88a8006481000064"
                                           "86dd")
                                     + v6)
                              << 6 << 22;
        QTest::newRow("pppoe") << 1
                               << (macs
                                      + hex("8864"
                                            "110000010016"
                                            "0021")
                                      + v4)
                               << 4 << 22;
        QTest::newRow("mpls two labels") << 1
                                         << (macs
                                                + hex("8847"
                                                      "00010040"
                                                      "00020140")
                                                + v4)
                                         << 4 << 22;
        QTest::newRow("llc snap") << 1
                                  << (macs
                                         + hex("0040"
                                               "aaaa03000000"
                                               "0800")
                                         + v4)
                                  << 4 << 22;
        QTest::newRow("arp") << 1 << (macs + hex("0806") + QByteArray(28, '\0')) << 0 << 0;
        QTest::newRow("rvictl bare ip") << 1 << v4 << 4 << 0;
        QTest::newRow("raw") << 101 << v6 << 6 << 0;
        QTest::newRow("dlt raw") << 12 << v4 << 4 << 0;
        QTest::newRow("ipv4") << 228 << v4 << 4 << 0;
        QTest::newRow("null little-endian") << 0 << (hex("02000000") + v4) << 4 << 4;
        QTest::newRow("null big-endian v6 darwin") << 0 << (hex("0000001e") + v6) << 6 << 4;
        QTest::newRow("loop") << 108 << (hex("00000002") + v4) << 4 << 4;
        QTest::newRow("sll") << 113
                             << (hex("0000000100060000000000000000"
                                     "0800")
                                    + v4)
                             << 4 << 16;
        QTest::newRow("sll netlink") << 113
                                     << (hex("0000033800060000000000000000"
                                             "0800")
                                            + v4)
                                     << 0 << 0;
        QTest::newRow("sll2") << 276
                              << (hex("86dd0000"
                                      "00000002"
                                      "0001"
                                      "00"
                                      "06"
                                      "0000000000000000")
                                     + v6)
                              << 6 << 20;
        QTest::newRow("ppp") << 9 << (hex("ff030021") + v4) << 4 << 4;
        QTest::newRow("ppp compressed protocol") << 9 << (hex("21") + v4) << 4 << 1;
        QTest::newRow("cisco hdlc") << 104 << (hex("0f0086dd") + v6) << 6 << 4;
        QTest::newRow("nflog") << 239
                               << (hex("02000000"
                                       "0800"
                                       "0100"
                                       "00000000"
                                       "0400"
                                       "0a00")
                                      + hex("0000") + QByteArray() + QByteArray())
                               << 0 << 0;
        QByteArray nflog = hex("02000000")
            + hex("0800"
                  "0100")
            + hex("00000000"); // a TLV of 8 bytes, type 1
        const uint16_t payloadTlv = static_cast<uint16_t>(4 + v4.size());
        nflog.append(static_cast<char>(payloadTlv & 0xff))
            .append(static_cast<char>(payloadTlv >> 8))
            .append(hex("0900"));
        QTest::newRow("nflog payload") << 239 << (nflog + v4) << 4 << 16;
        const QByteArray wifiHeader = hex("8801"
                                          "0000")
            + QByteArray(18, '\x22') + hex("0000") + hex("0000");
        QTest::newRow("802.11 qos data") << 105 << (wifiHeader + hex("aaaa030000000800") + v4) << 4 << 34;
        QTest::newRow("802.11 protected")
            << 105
            << (hex("8841"
                    "0000")
                   + QByteArray(18, '\x22') + hex("00000000") + hex("aaaa030000000800") + v4)
            << 0 << 0;
        QTest::newRow("radiotap") << 127
                                  << (hex("00000800"
                                          "00000000")
                                         + wifiHeader + hex("aaaa030000000800") + v4)
                                  << 4 << 42;
        QByteArray pktap(108, '\0');
        pktap[0] = 108;
        pktap[4] = 1; // record type: packet
        pktap[8] = 1; // inner DLT: Ethernet
        QTest::newRow("pktap") << 149 << (pktap + Build::ethernet(v4)) << 4 << 122;
        QTest::newRow("unsupported") << 147 << v4 << 0 << 0;
    }
    void linkLayers()
    {
        QFETCH(int, linkType);
        QFETCH(QByteArray, frame);
        QFETCH(int, network);
        QFETCH(int, offset);
        const LinkFrame f = LinkLayer::decode(linkType, u8(frame), static_cast<size_t>(frame.size()));
        QCOMPARE(f.network == Network::None ? 0 : f.network == Network::IPv4 ? 4 : 6, network);
        if (network)
            QCOMPARE(static_cast<int>(f.offset), offset);
    }

    void pktapProcess()
    {
        QByteArray pktap(108, '\0');
        pktap[0] = 108;
        pktap[4] = 1;
        pktap[8] = 12; // raw IP inside
        pktap[52] = 0x2c; // pid 300
        pktap[53] = 0x01;
        pktap.replace(56, 13, "nsurlsessiond");
        pktap[84] = 0x10; // effective pid 4112
        pktap[85] = 0x10;
        pktap.replace(88, 6, "Safari");
        const QByteArray frame =
            pktap + Build::ip(addr("10.0.0.1"), addr("10.0.0.2"), 6, Build::tcp(1, 2, 0, 0, 2, {}));
        const LinkFrame f = LinkLayer::decode(LinkType::User2, u8(frame), static_cast<size_t>(frame.size()));
        QCOMPARE(f.network, Network::IPv4);
        QCOMPARE(QByteArray(f.process, static_cast<qsizetype>(f.processLength)),
            QByteArray("Safari")); // the effective process
        QCOMPARE(f.pid, 4112);
    }

    void ipv4()
    {
        // IHL 6 (4 bytes of options), and a frame with Ethernet padding after the IP packet.
        QByteArray p = Build::ip(addr("10.0.0.1"), addr("10.0.0.2"), 17, Build::udp(1000, 53, "abc"));
        p.insert(20, hex("01010101"));
        p[0] = 0x46;
        p[3] = static_cast<char>(p[3] + 4);
        p.append(QByteArray(10, '\0'));
        IpPacket ip;
        QCOMPARE(parseIp(Network::IPv4, u8(p), static_cast<size_t>(p.size()), ip), IpStatus::Ok);
        QCOMPARE(ip.protocol, uint8_t(17));
        QCOMPARE(ip.payloadLength, size_t(11));
        QCOMPARE(ip.src.toString(), QStringLiteral("10.0.0.1"));
        // A header claiming more than the frame held on the wire is believed only that far.
        QCOMPARE(parseIp(Network::IPv4, u8(p), static_cast<size_t>(p.size()), ip, 28), IpStatus::Ok);
        QCOMPARE(ip.payloadWireLength, size_t(4));
        QCOMPARE(parseIp(Network::IPv4, u8(p), 10, ip), IpStatus::Truncated);
    }

    void ipv6ExtensionHeaders()
    {
        // Hop-by-hop (PadN) → routing → destination options → atomic fragment → UDP.
        const QByteArray udp = Build::udp(5000, 53, "hello");
        const QByteArray chain = hex("2b00"
                                     "0104"
                                     "00000000")
            + hex("3c00"
                  "00000000"
                  "0000")
            + hex("2c00"
                  "0104"
                  "00000000")
            + hex("11000000"
                  "00001234")
            + udp;
        QByteArray p = Build::ip(addr("2001:db8::1"), addr("2001:db8::2"), 0, chain);
        IpPacket ip;
        QCOMPARE(parseIp(Network::IPv6, u8(p), static_cast<size_t>(p.size()), ip), IpStatus::Ok);
        QCOMPARE(ip.protocol, uint8_t(17));
        QVERIFY(!ip.isFragment); // offset 0 and no more fragments: a whole packet
        QCOMPARE(ip.payloadLength, size_t(udp.size()));
        // A chain that runs past the packet.
        p.chop(udp.size() + 10);
        p[5] = static_cast<char>(p.size() - 40);
        QCOMPARE(parseIp(Network::IPv6, u8(p), static_cast<size_t>(p.size()), ip), IpStatus::Truncated);
    }

    void fragments()
    {
        const QByteArray payload = Build::udp(1111, 53, QByteArray(3000, 'a') + QByteArray(1000, 'b'));
        const Address a = addr("192.0.2.1"), b = addr("192.0.2.2");
        IpDefragmenter d;
        auto fragment = [&](int offset, int length, bool more) {
            const QByteArray p =
                Build::ip(a, b, 17, payload.mid(offset, length), 77, static_cast<uint16_t>(offset), more);
            IpPacket ip;
            parseIp(Network::IPv4, u8(p), static_cast<size_t>(p.size()), ip);
            const bool done = d.add(ip, 1000);
            return std::make_pair(done,
                done ? QByteArray(reinterpret_cast<const char*>(ip.payload), static_cast<qsizetype>(ip.payloadLength))
                     : QByteArray());
        };
        // Out of order, with an overlapping duplicate: the first copy wins.
        QVERIFY(!fragment(1480, 1480, true).first);
        QVERIFY(!fragment(2960, payload.size() - 2960, false).first);
        QVERIFY(!fragment(1480, 1480, true).first);
        const auto last = fragment(0, 1480, true);
        QVERIFY(last.first);
        QCOMPARE(last.second, payload);
        QCOMPARE(d.pending(), size_t(0));
        // A datagram whose last fragment never comes is dropped after the timeout.
        QVERIFY(!fragment(0, 1480, true).first);
        QCOMPARE(d.expire(1000 + IpDefragmenter::kTimeoutUs + 1), size_t(1));
        // A fragment past 64 KiB is refused.
        const QByteArray big = Build::ip(a, b, 17, QByteArray(100, 'x'), 78, 65528, false);
        IpPacket ip;
        parseIp(Network::IPv4, u8(big), static_cast<size_t>(big.size()), ip);
        QVERIFY(!d.add(ip, 2000));
    }

    void tcpInOrderAndRetransmission()
    {
        Recorder r;
        TcpReassembler t;
        const ChunkInfo i { 1, 1 };
        t.segment(999, true, nullptr, 0, 0, i, r, 0); // SYN: ISN 999, data starts at 1000
        t.segment(1000, false, u8("hello "), 6, 6, i, r, 0);
        t.segment(1000, false, u8("hello "), 6, 6, i, r, 0); // retransmission
        t.segment(1003, false, u8("lo world"), 8, 8, i, r, 0); // overlaps: only "world" is new... first copy wins
        QCOMPARE(r.stream[0], QByteArray("hello world"));
        QCOMPARE(r.gaps[0], uint64_t(0));
    }

    void tcpOutOfOrderAndWraparound()
    {
        Recorder r;
        TcpReassembler t;
        const ChunkInfo i { 1, 1 };
        const uint32_t isn = 0xfffffffa;
        t.segment(isn, true, nullptr, 0, 0, i, r, 0);
        // Bytes 0-4 sit before the wrap, 5-14 after it; they arrive last, first, middle.
        t.segment(isn + 11, false, u8("KLMNO"), 5, 5, i, r, 0);
        t.segment(isn + 1, false, u8("ABCDE"), 5, 5, i, r, 0);
        QCOMPARE(r.stream[0], QByteArray("ABCDE"));
        t.segment(isn + 6, false, u8("FGHIJ"), 5, 5, i, r, 0);
        QCOMPARE(r.stream[0], QByteArray("ABCDEFGHIJKLMNO"));
        QCOMPARE(t.buffered(), size_t(0));
    }

    void tcpGaps()
    {
        const ChunkInfo i { 1, 1 };
        {
            // The peer acknowledged bytes the capture never held.
            Recorder r;
            TcpReassembler t;
            t.segment(0, true, nullptr, 0, 0, i, r, 0);
            t.segment(1, false, u8("abc"), 3, 3, i, r, 0);
            t.segment(14, false, u8("xyz"), 3, 3, i, r, 0); // bytes 3..12 missing
            t.acknowledged(17, i, r, 0);
            QCOMPARE(r.stream[0], QByteArray("abc??????????xyz"));
            QCOMPARE(r.gaps[0], uint64_t(10));
        }
        {
            // An acknowledged FIN is not a gap.
            Recorder r;
            TcpReassembler t;
            t.segment(0, true, nullptr, 0, 0, i, r, 0);
            t.segment(1, false, u8("abc"), 3, 3, i, r, 0);
            t.fin(4, 0);
            t.acknowledged(5, i, r, 0);
            QCOMPARE(r.gaps[0], uint64_t(0));
        }
        {
            // The snaplen cut a segment: its missing tail is a gap.
            Recorder r;
            TcpReassembler t;
            t.segment(0, true, nullptr, 0, 0, i, r, 0);
            t.segment(1, false, u8("abcdef"), 2, 6, i, r, 0);
            t.segment(7, false, u8("gh"), 2, 2, i, r, 0);
            QCOMPARE(r.stream[0], QByteArray("ab????gh"));
        }
        {
            // A hole no retransmission fills within the timeout is skipped.
            Recorder r;
            TcpReassembler t;
            t.segment(0, true, nullptr, 0, 0, ChunkInfo { 1'000'000, 1 }, r, 0);
            t.segment(11, false, u8("later"), 5, 5, ChunkInfo { 2'000'000, 2 }, r, 0);
            QCOMPARE(r.stream[0], QByteArray());
            t.segment(
                16, false, u8("more"), 4, 4, ChunkInfo { 2'000'000 + TcpReassembler::kHoleTimeoutUs + 1, 3 }, r, 0);
            QCOMPARE(r.stream[0], QByteArray("??????????latermore"));
            QCOMPARE(r.frames[0].front(), int64_t(2)); // data kept its own packet number
        }
        {
            // A capture that starts mid-stream, and flush at the end.
            Recorder r;
            TcpReassembler t;
            t.segment(5000, false, u8("mid"), 3, 3, i, r, 0);
            t.segment(5010, false, u8("end"), 3, 3, i, r, 0);
            t.flush(i, r, 0);
            QCOMPARE(r.stream[0], QByteArray("mid???????end"));
        }
        {
            // The buffer limit: a hole with more early data than the limit is given up.
            Recorder r;
            TcpReassembler t;
            t.segment(0, true, nullptr, 0, 0, i, r, 0);
            const QByteArray chunk(64 * 1024, 'z');
            uint32_t seq = 101;
            while (t.gapBytes() == 0 && seq < 8u * 1024 * 1024) {
                t.segment(seq, false, u8(chunk), static_cast<size_t>(chunk.size()), static_cast<size_t>(chunk.size()),
                    i, r, 0);
                seq += static_cast<uint32_t>(chunk.size());
            }
            QCOMPARE(t.gapBytes(), uint64_t(100));
            QVERIFY(t.buffered() <= TcpReassembler::kMaxBuffered);
        }
    }

    void dnsAnswers()
    {
        const QByteArray m = Build::dnsResponse(1, "WWW.Example.org", addr("192.0.2.7"), "edge.cdn.example");
        std::vector<Data::DnsAnswer> out;
        QCOMPARE(Dns::parse(u8(m), static_cast<size_t>(m.size()), false, out), Dns::ParseResult::Ok);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].name, QStringLiteral("www.example.org"));
        QCOMPARE(out[0].address, QStringLiteral("192.0.2.7"));
        QCOMPARE(out[0].cnameChain, QStringLiteral("www.example.org>edge.cdn.example"));
        QCOMPARE(out[0].ttl, qint64(60));
        // A query (not a response) yields nothing.
        QByteArray query = m;
        query[2] = 0x01;
        out.clear();
        QCOMPARE(Dns::parse(u8(query), static_cast<size_t>(query.size()), false, out), Dns::ParseResult::NotResponse);
    }

    void dnsHostile()
    {
        // A compression pointer that points at itself, and one past the end: refused, never looped.
        QByteArray loop = hex("0001"
                              "8180"
                              "0001"
                              "0000"
                              "0000"
                              "0000")
            + hex("c00c") + hex("00010001");
        QByteArray name;
        size_t offset = 12;
        QCOMPARE(Dns::readName(u8(loop), static_cast<size_t>(loop.size()), offset, name), Dns::NameResult::Bad);
        std::vector<Data::DnsAnswer> out;
        QCOMPARE(Dns::parse(u8(loop), static_cast<size_t>(loop.size()), false, out), Dns::ParseResult::Malformed);
        QByteArray past = hex("0001"
                              "8180"
                              "0001"
                              "0000"
                              "0000"
                              "0000")
            + hex("c0ff") + hex("00010001");
        QCOMPARE(Dns::parse(u8(past), static_cast<size_t>(past.size()), false, out), Dns::ParseResult::Malformed);
        // A name over 255 bytes is skipped, and the records after it still count.
        QByteArray longName;
        for (int i = 0; i < 5; ++i)
            longName += QByteArray(1, 60) + QByteArray(60, 'a');
        longName.append('\0');
        QByteArray m = hex("0001"
                           "8180"
                           "0001"
                           "0002"
                           "0000"
                           "0000")
            + hex("0377777703787978000001"
                  "0001");
        m += longName
            + hex("0001"
                  "0001"
                  "0000003c"
                  "0004"
                  "01020304");
        m += hex("c00c"
                 "0001"
                 "0001"
                 "0000003c"
                 "0004"
                 "05060708");
        out.clear();
        QCOMPARE(Dns::parse(u8(m), static_cast<size_t>(m.size()), false, out), Dns::ParseResult::Ok);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].name, QStringLiteral("www.xyx"));
        QCOMPARE(out[0].address, QStringLiteral("5.6.7.8"));
    }

    void dnsMap()
    {
        DnsMap map;
        const Address a = addr("192.0.2.7");
        map.add(a, QStringLiteral("first.example"), 100);
        map.add(a, QStringLiteral("second.example"), 200);
        QCOMPARE(map.lookup(a, 50), QString()); // nothing was resolved yet
        QCOMPARE(map.lookup(a, 150), QStringLiteral("first.example"));
        QCOMPARE(map.lookup(a, 200), QStringLiteral("second.example"));
        QCOMPARE(map.lookup(addr("192.0.2.8"), 300), QString());
    }

    void tlsClientHelloAcrossRecordsAndSegments()
    {
        const QByteArray record = Build::tlsClientHello("api.example.net", { "h2", "http/1.1" });
        // Re-cut the handshake into two TLS records, then deliver it in 7-byte pieces.
        const QByteArray handshake = record.mid(5);
        auto rec = [](const QByteArray& fragment) -> QByteArray {
            return QByteArray("\x16\x03\x01", 3) + QByteArray(1, static_cast<char>(fragment.size() >> 8))
                + QByteArray(1, static_cast<char>(fragment.size() & 0xff)) + fragment;
        };
        const QByteArray stream = rec(handshake.left(30)) + rec(handshake.mid(30));
        TlsInfo info;
        TlsAnalyzer a(info);
        for (qsizetype i = 0; i < stream.size(); i += 7)
            feed(a, ClientToServer, stream.mid(i, 7));
        QVERIFY(info.clientHello);
        QCOMPARE(info.hello.sni, QByteArray("api.example.net"));
        QCOMPARE(info.alpnText(), QStringLiteral("h2,http/1.1"));
        // ServerHello with supported_versions → TLS 1.3 and the chosen ALPN.
        const QByteArray serverHello = hex("0303") + QByteArray(32, '\x01')
            + hex("00"
                  "1301"
                  "00")
            + hex("000f") + hex("002b00020304")
            + hex("0010"
                  "0005"
                  "0003"
                  "026832");
        const QByteArray shRecord = hex("160303") + QByteArray(1, '\0')
            + QByteArray(1, static_cast<char>(serverHello.size() + 4)) + hex("02") + QByteArray(1, '\0')
            + QByteArray(1, '\0') + QByteArray(1, static_cast<char>(serverHello.size())) + serverHello;
        feed(a, ServerToClient, shRecord);
        QVERIFY(info.serverHello);
        QCOMPARE(info.versionText(), QStringLiteral("TLS 1.3"));
        QCOMPARE(info.alpnText(), QStringLiteral("h2"));
        QVERIFY(a.done());
    }

    void quicInitialKeys()
    {
        // RFC 9001 Appendix A.1.
        const QByteArray dcid = hex("8394c8f03e515708");
        QuicKeys k;
        QVERIFY(Quic::deriveInitialKeys(1, u8(dcid), static_cast<size_t>(dcid.size()), true, k));
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(k.key), 16).toHex(),
            QByteArray("1f369613dd76d5467730efcbe3b1a22d"));
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(k.iv), 12).toHex(), QByteArray("fa044b2f42a3fd3b46fb255c"));
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(k.hp), 16).toHex(),
            QByteArray("9f50449e04a0e810283a1e9933adedd2"));
        QVERIFY(Quic::deriveInitialKeys(1, u8(dcid), static_cast<size_t>(dcid.size()), false, k));
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(k.key), 16).toHex(),
            QByteArray("cf3a5331653c364c88f0f379b6067e37"));
        QVERIFY(!Quic::deriveInitialKeys(0x0a0a0a0a, u8(dcid), static_cast<size_t>(dcid.size()), true, k));
    }

    void quicClientHelloOutOfOrderAcrossPackets()
    {
        const QByteArray dcid = hex("0011223344556677");
        QuicKeys keys;
        QVERIFY(Quic::deriveInitialKeys(1, u8(dcid), static_cast<size_t>(dcid.size()), true, keys));
        const QByteArray hello = Build::tlsClientHello("quic.example.com", { "h3" }).mid(5); // the handshake message
        // Packet 0 carries the second half then the first byte (out of order, PADDING around); packet 1 the rest
        // of the first half, coalesced in front of a (skipped) 0-RTT packet.
        const int half = static_cast<int>(hello.size() / 2);
        const QByteArray p0 = protectInitial(dcid, 0,
            QByteArray(20, '\0') + cryptoFrame(half, hello.mid(half)) + QByteArray(8, '\0')
                + cryptoFrame(0, hello.left(1)),
            keys);
        const QByteArray p1 = protectInitial(dcid, 1, cryptoFrame(1, hello.mid(1, half - 1)), keys);
        const QByteArray zeroRtt = hex("d1"
                                       "00000001"
                                       "08")
            + dcid
            + hex("00"
                  "4014")
            + QByteArray(20, '\x55');
        QuicInitialReader reader;
        QCOMPARE(reader.clientDatagram(u8(p0), static_cast<size_t>(p0.size())), QuicInitialReader::State::NeedMore);
        const QByteArray datagram = p1 + zeroRtt;
        QCOMPARE(
            reader.clientDatagram(u8(datagram), static_cast<size_t>(datagram.size())), QuicInitialReader::State::Done);
        QCOMPARE(reader.hello().sni, QByteArray("quic.example.com"));
        QCOMPARE(reader.hello().alpn.size(), size_t(1));
        // A corrupted packet fails authentication instead of yielding garbage.
        QByteArray bad = p0;
        bad[bad.size() - 1] = static_cast<char>(bad[bad.size() - 1] ^ 1);
        QuicInitialReader second;
        QCOMPARE(second.clientDatagram(u8(bad), static_cast<size_t>(bad.size())), QuicInitialReader::State::NeedMore);
        QCOMPARE(second.undecryptable(), 1);
        // Not QUIC at all.
        QuicInitialReader third;
        const QByteArray noise(1200, '\x17');
        QCOMPARE(third.clientDatagram(u8(noise), static_cast<size_t>(noise.size())), QuicInitialReader::State::NotQuic);
    }

    void http1PipeliningAndFraming()
    {
        FlowCollector sink;
        Http1Session s(sink, context());
        static const char requests[] = "GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n"
                                       "HEAD /b HTTP/1.1\r\nHost: example.com\r\n\r\n"
                                       "POST /c HTTP/1.1\r\nHost: example.com:8080\r\nTransfer-Encoding: chunked\r\n"
                                       "Content-Encoding: gzip\r\n\r\n"
                                       "4\r\n\x1f\x8b\x08\x00\r\n3\r\nabc\r\n0\r\nX-Trailer: yes\r\n\r\n";
        feed(s, ClientToServer, QByteArray(requests, sizeof requests - 1));
        QCOMPARE(sink.flows.size(), size_t(0)); // nothing answered yet
        feed(s, ServerToClient, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", 2);
        feed(s, ServerToClient, "lo", 3);
        feed(s, ServerToClient, "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n",
            4); // HEAD: no body despite the length
        feed(s, ServerToClient, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 5);
        QCOMPARE(sink.flows.size(), size_t(3));
        const Data::Flow& a = sink.flows[0];
        QCOMPARE(a.url, QStringLiteral("http://example.com/a"));
        QCOMPARE(a.host, QStringLiteral("example.com"));
        QCOMPARE(a.responseBody.data, QByteArray("hello"));
        QCOMPARE(a.tsStart, int64_t(1000));
        QCOMPARE(a.tsEnd, int64_t(3000));
        QCOMPARE(sink.flows[1].method, QStringLiteral("HEAD"));
        QVERIFY(!sink.flows[1].responseBody.present);
        const Data::Flow& c = sink.flows[2];
        QCOMPARE(c.url, QStringLiteral("http://example.com:8080/c"));
        QCOMPARE(c.status, 204);
        QCOMPARE(c.requestBody.data,
            QByteArray("\x1f\x8b\x08\x00"
                       "abc",
                7)); // de-chunked, still encoded
        QCOMPARE(c.requestBody.contentEncoding, QByteArray("gzip"));
        QCOMPARE(c.requestBody.wireSize, qint64(7));
        QCOMPARE(c.requestBody.decodedSize, qint64(-1));
        QCOMPARE(c.requestHeaders.back().name, QByteArray("X-Trailer"));
        QCOMPARE(c.flags, 0u);
    }

    void http1CloseDelimitedAndIncomplete()
    {
        FlowCollector sink;
        Http1Session s(sink, context());
        feed(s, ClientToServer, "GET /old HTTP/1.0\r\n\r\n");
        feed(s, ServerToClient, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        s.end(ServerToClient, ChunkInfo { 9000, 9 });
        QCOMPARE(sink.flows.size(), size_t(1));
        QCOMPARE(sink.flows[0].url, QStringLiteral("http://192.0.2.1/old")); // no Host: the server address
        QCOMPARE(sink.flows[0].responseBody.data, QByteArray("until the end"));
        QCOMPARE(sink.flows[0].responseContentType, QStringLiteral("text/plain"));
        feed(s, ClientToServer, "GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
        s.finish(10000);
        QCOMPARE(sink.flows.size(), size_t(2));
        QVERIFY(sink.flows[1].flags & Data::Incomplete);
    }

    void http1GapsAndLimits()
    {
        FlowCollector sink;
        HttpContext ctx = context();
        ctx.maxBody = 4;
        Http1Session s(sink, ctx);
        feed(s, ClientToServer, "POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123");
        s.gap(ClientToServer, 3, ChunkInfo {});
        feed(s, ClientToServer, "789");
        // The next request starts cleanly after the body.
        feed(s, ClientToServer, "GET /next HTTP/1.1\r\nHost: h\r\n\r\n");
        feed(s, ServerToClient, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabcdef");
        feed(s, ServerToClient, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(sink.flows.size(), size_t(2));
        const Data::Flow& up = sink.flows[0];
        QCOMPARE(up.requestBody.wireSize, qint64(10));
        QCOMPARE(up.requestBody.data, QByteArray("0123"));
        QVERIFY(up.flags & Data::ReassemblyGap);
        QVERIFY(up.flags & Data::BodyTruncated);
        QCOMPARE(up.responseBody.data, QByteArray("abcd")); // cut at maxBody
        QCOMPARE(up.responseBody.wireSize, qint64(6));
        QCOMPARE(sink.flows[1].url, QStringLiteral("http://h/next"));
        QVERIFY(!(sink.flows[1].flags & Data::ReassemblyGap));
        // A gap between messages: resynchronise on the next request line.
        s.gap(ClientToServer, 50, ChunkInfo {});
        feed(s, ClientToServer, "tail of something lost");
        feed(s, ClientToServer, "GET /after HTTP/1.1\r\nHost: h\r\n\r\n");
        s.finish(0);
        QCOMPARE(sink.flows.back().url, QStringLiteral("http://h/after"));
        QVERIFY(sink.flows.back().flags & Data::ReassemblyGap);
        // The shared budget over all messages in flight: what does not fit is counted, not kept, and the
        // budget is given back when the message leaves.
        BodyBudget budget(5);
        HttpContext shared = context();
        shared.budget = &budget;
        FlowCollector budgeted;
        Http1Session b1(budgeted, shared);
        Http1Session b2(budgeted, shared);
        feed(b1, ClientToServer, "POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nabcd");
        feed(b2, ClientToServer, "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nefgh");
        QCOMPARE(budget.used(), qint64(4));
        b1.finish(0);
        b2.finish(0);
        QCOMPARE(budgeted.flows[0].requestBody.data, QByteArray("abcd"));
        QCOMPARE(budgeted.flows[1].requestBody.data, QByteArray());
        QCOMPARE(budgeted.flows[1].requestBody.wireSize, qint64(4));
        QVERIFY(budgeted.flows[1].flags & Data::BodyTruncated);
        QCOMPARE(budget.used(), qint64(0));
        // Not HTTP at all: the reader gives up at once.
        FlowCollector other;
        Http1Session binary(other, context());
        feed(binary, ClientToServer, QByteArray("\x00\x01\x02\x03 garbage", 12));
        feed(binary, ServerToClient, QByteArray("\x05\x06", 2));
        QVERIFY(binary.done());
    }

    void http1ConnectAndUpgrades()
    {
        {
            FlowCollector sink;
            Http1Session s(sink, context());
            feed(s, ClientToServer,
                "CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\n\r\n\x16\x03\x01");
            feed(s, ServerToClient, "HTTP/1.1 200 Connection established\r\n\r\n");
            feed(s, ClientToServer, "more");
            QCOMPARE(sink.flows.size(), size_t(1));
            QCOMPARE(sink.flows[0].url, QStringLiteral("api.example.com:443"));
            QVERIFY(sink.flows[0].flags & Data::Tunnel);
            QCOMPARE(sink.tunnels, 1);
            QCOMPARE(sink.tunnel->stream[0], QByteArray("\x16\x03\x01more"));
        }
        {
            // A refused CONNECT: the client keeps speaking HTTP.
            FlowCollector sink;
            Http1Session s(sink, context());
            feed(s, ClientToServer, "CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\n\r\n");
            feed(s, ServerToClient, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
            feed(s, ClientToServer, "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n");
            feed(s, ServerToClient, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            QCOMPARE(sink.flows.size(), size_t(2));
            QCOMPARE(sink.flows[1].url, QStringLiteral("http://x/"));
            QCOMPARE(sink.tunnels, 0);
        }
        {
            // WebSocket with permessage-deflate (context takeover) and a fragmented, masked client message.
            FlowCollector sink;
            Http1Session s(sink, context());
            feed(s, ClientToServer,
                "GET /chat HTTP/1.1\r\nHost: ws.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
            Deflater serverDeflate;
            QByteArray server = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n\r\n";
            server += wsFrame(true, 1, serverDeflate.message("hello hello hello"), false, true);
            server += wsFrame(true, 1, serverDeflate.message("hello again"), false, true); // refers back to the first
            feed(s, ServerToClient, server);
            feed(s, ClientToServer, wsFrame(false, 2, "\x01\x02", true) + wsFrame(true, 0, "\x03", true));
            s.finish(0);
            QCOMPARE(sink.flows.size(), size_t(1));
            const Data::Flow& f = sink.flows[0];
            QCOMPARE(f.l7, QStringLiteral("ws"));
            QCOMPARE(f.status, 101);
            QCOMPARE(f.webSocketMessages.size(), size_t(3));
            QCOMPARE(f.webSocketMessages[0].data, QByteArray("hello hello hello"));
            QCOMPARE(f.webSocketMessages[1].data, QByteArray("hello again"));
            QCOMPARE(f.webSocketMessages[2].data, QByteArray("\x01\x02\x03"));
            QCOMPARE(f.webSocketMessages[2].opcode, 2);
            QVERIFY(f.webSocketMessages[2].fromClient);
        }
        {
            // h2c: the upgraded request is stream 1 of the HTTP/2 connection.
            FlowCollector sink;
            Http1Session s(sink, context());
            feed(s, ClientToServer,
                "GET /h2 HTTP/1.1\r\nHost: h2.example\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n\r\n");
            feed(s, ServerToClient,
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n" + h2frame(4, 0, 0, {})
                    + h2frame(1, 4, 1, hex("88")) + h2frame(0, 1, 1, "done"));
            QCOMPARE(sink.flows.size(), size_t(1));
            QCOMPARE(sink.flows[0].url, QStringLiteral("http://h2.example/h2"));
            QCOMPARE(sink.flows[0].httpVersion, QStringLiteral("HTTP/2"));
            QCOMPARE(sink.flows[0].status, 200);
            QCOMPARE(sink.flows[0].responseBody.data, QByteArray("done"));
        }
    }

    void http2Streams()
    {
        FlowCollector sink;
        Http2Session s(sink, context());
        QByteArray client = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + h2frame(4, 0, 0, hex("000100002000")); // SETTINGS
        // Stream 1: :method GET (static 2), :scheme https (static 7), :path and :authority literals that enter the
        // dynamic table, split over HEADERS + CONTINUATION, with padding.
        const QByteArray block1 = hex("82"
                                      "87")
            + indexedLiteral(":authority", "cdn.example") + indexedLiteral(":path", "/one")
            + literal("user-agent", "test/1");
        client += h2frame(1, 0x08, 1, QByteArray(1, '\x02') + block1.left(10) + QByteArray(2, '\0'));
        client += h2frame(9, 0x04 | 0x01, 1, block1.mid(10));
        // Stream 3 reuses the dynamic table: index 62 is the most recent entry (:path /one), 63 :authority.
        client += h2frame(1, 0x05, 3,
            hex("82"
                "87"
                "bf"
                "be"));
        feed(s, ClientToServer, client);
        // Server: stream 3 answered first, stream 1 with DATA split in two and trailers; stream 5 reset.
        QByteArray server = h2frame(4, 0, 0, {});
        server += h2frame(1, 0x04, 3, hex("89") + literal("content-type", "text/plain")); // :status 204 is static 9
        server += h2frame(0, 0x01, 3, {});
        server += h2frame(1, 0x04, 1, hex("88"));
        server += h2frame(0, 0x08, 1, QByteArray(1, '\x01') + "par" + QByteArray(1, '\0'));
        server += h2frame(0, 0x00, 1, "tial");
        server += h2frame(1, 0x05, 1, literal("grpc-status", "0"));
        feed(s, ServerToClient, server);
        feed(s, ClientToServer,
            h2frame(1, 0x05, 5,
                hex("82"
                    "87"
                    "bf"
                    "be"))
                + h2frame(3, 0, 5, hex("00000008")));
        s.finish(0);
        QCOMPARE(sink.flows.size(), size_t(3));
        const Data::Flow& three = sink.flows[0];
        QCOMPARE(three.url, QStringLiteral("https://cdn.example/one")); // :scheme is static entry 7, "https"
        QCOMPARE(three.status, 204);
        const Data::Flow& one = sink.flows[1];
        QCOMPARE(one.host, QStringLiteral("cdn.example"));
        QCOMPARE(one.responseBody.data, QByteArray("partial"));
        QCOMPARE(one.responseHeaders.back().name, QByteArray("grpc-status"));
        QCOMPARE(HttpUtil::headerValue(one.requestHeaders, "user-agent"), QByteArray("test/1"));
        const Data::Flow& five = sink.flows[2];
        QVERIFY(five.flags & Data::Incomplete);
        QCOMPARE(five.error, QStringLiteral("stream reset by the client (CANCEL)"));
    }

    void http2BrokenHpack()
    {
        FlowCollector sink;
        Http2Session s(sink, context());
        // A reference to a dynamic-table entry that was never added (as after a capture gap): the direction stops.
        feed(s, ClientToServer,
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
                + h2frame(1, 0x05, 1,
                    hex("82"
                        "c5")));
        feed(s, ServerToClient, h2frame(1, 0x05, 1, hex("88")));
        s.finish(0);
        QVERIFY(sink.flows.empty() || (sink.flows[0].flags & Data::ReassemblyGap));
    }

    void socksDestinations()
    {
        QCOMPARE(SocksSession::destination(hex("050100"
                                               "03"
                                               "0b")
                         + "example.com" + hex("01bb"),
                     5),
            QStringLiteral("example.com:443"));
        QCOMPARE(SocksSession::destination(hex("050100"
                                               "01"
                                               "c0000201"
                                               "0050"),
                     5),
            QStringLiteral("192.0.2.1:80"));
        QCOMPARE(SocksSession::destination(hex("050100"
                                               "04"
                                               "20010db8000000000000000000000001"
                                               "1f90"),
                     5),
            QStringLiteral("[2001:db8::1]:8080"));
        QCOMPARE(SocksSession::destination(hex("0401"
                                               "0050"
                                               "c0000201")
                         + "user" + QByteArray(1, '\0'),
                     4),
            QStringLiteral("192.0.2.1:80"));
        QCOMPARE(SocksSession::destination(hex("0401"
                                               "0050"
                                               "00000001")
                         + QByteArray(1, '\0') + "host.example" + QByteArray(1, '\0'),
                     4),
            QStringLiteral("host.example:80"));
        // A whole SOCKS 5 exchange, then HTTP inside the tunnel.
        FlowCollector sink;
        SocksSession s(sink, context());
        feed(s, ClientToServer, hex("050100"));
        feed(s, ServerToClient, hex("0500"));
        feed(s, ClientToServer,
            hex("050100"
                "03"
                "0b")
                + "example.com" + hex("0050") + "GET / HTTP/1.1\r\n");
        feed(s, ServerToClient,
            hex("05000001"
                "00000000"
                "0000"));
        QCOMPARE(sink.flows.size(), size_t(1));
        QCOMPARE(sink.flows[0].url, QStringLiteral("example.com:80"));
        QCOMPARE(sink.flows[0].host, QStringLiteral("example.com"));
        QCOMPARE(sink.tunnel->stream[0], QByteArray("GET / HTTP/1.1\r\n"));
        QVERIFY(SocksSession::looksLikeClientHello(u8(hex("050100")), 3));
        QVERIFY(!SocksSession::looksLikeClientHello(u8(hex("0501ff")), 3));
    }

    void pcapdroidHelpers()
    {
        const QByteArray ipPacket =
            Build::ip(addr("10.215.173.1"), addr("192.0.2.1"), 6, Build::tcp(40000, 443, 1, 0, 2, {}));
        const QByteArray frame = Build::pcapdroidFrame(ipPacket, 10234, "com.example.verylongname");
        Pcapdroid::Trailer t;
        QVERIFY(Pcapdroid::parseTrailer(u8(frame), static_cast<size_t>(frame.size()), t));
        QCOMPARE(t.uid, 10234);
        QCOMPARE(t.appName(), QByteArray("com.example.verylon")); // 19 characters, as PCAPdroid cuts them
        QVERIFY(!Pcapdroid::parseTrailer(
            u8(Build::ethernet(ipPacket)), static_cast<size_t>(Build::ethernet(ipPacket).size()), t));
        for (bool big : { false, true }) {
            const QByteArray body = Build::pcapdroidUidMapping(10234, "com.example.app", "Example", big);
            Pcapdroid::UidMapping m;
            QVERIFY(Pcapdroid::parseUidMapping(u8(body), static_cast<size_t>(body.size()), big, m));
            QCOMPARE(m.uid, 10234);
            QCOMPARE(m.package, QStringLiteral("com.example.app"));
            QCOMPARE(m.name, QStringLiteral("Example"));
        }
        int uid = 0;
        QVERIFY(Pcapdroid::parseUidComment("u-10123", uid));
        QCOMPARE(uid, 10123);
        QVERIFY(!Pcapdroid::parseUidComment("uid 5", uid));
    }

    void keyLogs()
    {
        KeyLog keys;
        int ignored = 0;
        const QByteArray random = QByteArray(32, '\xab');
        const QByteArray text = "# comment\n"
                                "CLIENT_RANDOM "
            + random.toHex() + " " + QByteArray(96, 'c')
            + "\n"
              "SERVER_TRAFFIC_SECRET_0 "
            + QByteArray(32, '\x01').toHex()
            + " aa\r\n"
              "garbage line\n"
              "RSA 0102 0304\n";
        QCOMPARE(keys.addText(text, &ignored), 2);
        QCOMPARE(ignored, 2);
        QVERIFY(keys.covers(u8(random)));
        QVERIFY(!keys.covers(u8(QByteArray(32, '\x02'))));
        QCOMPARE(keys.clientRandomCount(), size_t(2));
        // A key log next to its capture is found by name.
        TestUtils::Scratch scratch;
        QFile capture(scratch.path(QStringLiteral("session.pcapng.gz")));
        QVERIFY(capture.open(QIODevice::WriteOnly));
        capture.close();
        QCOMPARE(KeyLog::findCompanion(capture.fileName()), QString());
        QFile unrelated(scratch.path(QStringLiteral("session.txt")));
        QVERIFY(unrelated.open(QIODevice::WriteOnly));
        unrelated.write("not a key log\n");
        unrelated.close();
        QCOMPARE(KeyLog::findCompanion(capture.fileName()), QString());
        QFile keyFile(scratch.path(QStringLiteral("session.keylog")));
        QVERIFY(keyFile.open(QIODevice::WriteOnly));
        keyFile.write(text);
        keyFile.close();
        QCOMPARE(KeyLog::findCompanion(capture.fileName()), keyFile.fileName());
    }
};

QTEST_GUILESS_MAIN(TestPacketLayers)
#include "tst_packetlayers.moc"
