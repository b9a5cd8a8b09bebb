// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The packet path: link layers → IP → TCP/UDP → reassembly → application protocols. Stream parsers get their
// input as a script of chunks (direction, length, gaps) so the fuzzer explores how the bytes are split.
#include "fuzzsink.h"
#include "fuzztargets.h"
#include "packet/dns.h"
#include "packet/http1parser.h"
#include "packet/http2parser.h"
#include "packet/keylog.h"
#include "packet/linklayer.h"
#include "packet/packetpipeline.h"
#include "packet/pcapdroid.h"
#include "packet/quicinitial.h"
#include "packet/socks.h"
#include "packet/tcpreassembler.h"
#include "packet/tlsclienthello.h"
#include "packet/websocket.h"

#include <cstring>
#include <openssl/evp.h>

using namespace Packet;

namespace {

const uint8_t* bytes(QByteArrayView v)
{
    return reinterpret_cast<const uint8_t*>(v.data());
}

/// A stream consumer that reads every byte it is handed.
class Consumer : public StreamAnalyzer
{
public:
    void data(int direction, const uint8_t* b, size_t length, const ChunkInfo&) override
    {
        if (direction != 0 && direction != 1)
            Fuzz::violated("stream data with a bad direction");
        m_sum += Fuzz::touch(QByteArrayView(reinterpret_cast<const char*>(b), static_cast<qsizetype>(length)));
        m_total[direction] += length;
    }
    void gap(int direction, uint64_t length, const ChunkInfo&) override
    {
        m_total[direction] += length;
    }
    void finish(int64_t) override { }
    bool done() const override
    {
        return false;
    }
    uint64_t total(int direction) const
    {
        return m_total[direction];
    }

private:
    size_t m_sum = 0;
    uint64_t m_total[2] = { 0, 0 };
};

/// Runs a stream analyzer over a script: each step is a control byte (bit 0 direction, bit 1 a gap instead of
/// data, bit 2 end of that direction) and a chunk.
void runScript(StreamAnalyzer& analyzer, Fuzz::Input& in)
{
    ChunkInfo info { 1'700'000'000'000'000, 1 };
    while (!in.empty() && !analyzer.done()) {
        const uint8_t control = in.byte();
        const int direction = control & 1;
        if (control & 2) {
            analyzer.gap(direction, in.u16(), info);
        } else if (control & 4) {
            analyzer.end(direction, info);
        } else {
            const QByteArrayView chunk = in.chunk(control & 8);
            analyzer.data(direction, bytes(chunk), static_cast<size_t>(chunk.size()), info);
        }
        info.ts += 1000 * (control >> 4);
        ++info.frame;
    }
    analyzer.finish(info.ts);
}

/// Whole packets through the pipeline: each record is a link-type choice, a length and the frame.
void packetPath(const uint8_t* d, size_t n)
{
    static const int linkTypes[] = { LinkType::Ethernet, LinkType::Raw, LinkType::Null, LinkType::Loop,
        LinkType::LinuxSll, LinkType::LinuxSll2, LinkType::Ipv4, LinkType::Ipv6, LinkType::Ppp, LinkType::PppHdlc,
        LinkType::CHdlc, LinkType::Ieee80211, LinkType::Radiotap, LinkType::Ppi, LinkType::Nflog, LinkType::Pktap,
        LinkType::User2, LinkType::DltRaw, LinkType::DltRawOpenBsd };
    Fuzz::Input in(d, n);
    Fuzz::Sink sink;
    PacketPipeline pipeline(sink, QStringLiteral("pcap"));
    PacketRecord record;
    record.ts = 1'700'000'000'000'000;
    // Most captures have one link type: the first byte picks it, a packet's high bit may switch to another.
    const int base = linkTypes[in.byte() % std::size(linkTypes)];
    while (!in.empty()) {
        const uint8_t control = in.byte();
        record.linkType = (control & 0x80) ? linkTypes[(control & 0x7f) % std::size(linkTypes)] : base;
        const QByteArrayView frame = in.chunk(true);
        // The frame lives in its own allocation so ASan catches reads past its end.
        std::vector<uint8_t> copy(frame.begin(), frame.end());
        record.data = copy.data();
        record.length = copy.size();
        record.originalLength = copy.size() + ((control & 0x40) ? in.u16() : 0);
        record.ts += 1000 * in.byte();
        record.direction = control & 3;
        ++record.frame;
        pipeline.packet(record);
    }
    pipeline.finish({}, {}, {});
}

/// TCP reassembly alone: segments with fuzzed sequence numbers, lengths, SYN/FIN, acks and timing.
void tcpReassembly(const uint8_t* d, size_t n)
{
    Fuzz::Input in(d, n);
    TcpReassembler side[2];
    Consumer out;
    ChunkInfo info { 1'700'000'000'000'000, 1 };
    const uint32_t isn[2] = { in.u32(), in.u32() };
    while (!in.empty()) {
        const uint8_t control = in.byte();
        const int direction = control & 1;
        const uint32_t seq = isn[direction] + (control & 2 ? in.u32() : in.u16());
        if (control & 4) {
            side[direction].acknowledged(seq, info, out, direction);
        } else if (control & 8) {
            side[direction].fin(seq, in.byte());
        } else {
            const QByteArrayView payload = in.chunk(control & 16);
            std::vector<uint8_t> copy(payload.begin(), payload.end());
            const size_t wire = copy.size() + ((control & 32) ? in.u16() : 0);
            side[direction].segment(seq, control & 64, copy.data(), copy.size(), wire, info, out, direction);
            if (side[direction].buffered() > 2 * TcpReassembler::kMaxBuffered)
                Fuzz::violated("TCP reassembly buffered past its limit");
        }
        info.ts += (control & 128) ? 11'000'000 : 1000;
        ++info.frame;
    }
    side[0].flush(info, out, 0);
    side[1].flush(info, out, 1);
}

void dns(const uint8_t* d, size_t n)
{
    std::vector<uint8_t> copy(d, d + n);
    for (bool additional : { false, true }) {
        std::vector<Data::DnsAnswer> answers;
        (void)Dns::parse(copy.data(), copy.size(), additional, answers);
        for (const Data::DnsAnswer& a : answers)
            (void)(a.name.size() + a.address.size() + a.cnameChain.size());
    }
    // Names at every offset, as compression pointers make the parser jump around.
    for (size_t offset = 0; offset < copy.size() && offset < 64; ++offset) {
        size_t at = offset;
        QByteArray name;
        (void)Dns::readName(copy.data(), copy.size(), at, name);
        if (at > copy.size())
            Fuzz::violated("DNS name read past the message");
    }
}

/// The TLS handshake reader (records → handshake messages) and the ClientHello/ServerHello parsers.
void tlsClientHello(const uint8_t* d, size_t n)
{
    Fuzz::Input in(d, n);
    const QByteArrayView direct = in.chunk(true);
    std::vector<uint8_t> copy(direct.begin(), direct.end());
    TlsClientHello hello;
    (void)Tls::parseClientHello(copy.data(), copy.size(), hello);
    TlsServerHello server;
    (void)Tls::parseServerHello(copy.data(), copy.size(), server);
    (void)Tls::looksLikeHandshake(copy.data(), copy.size());
    TlsInfo info;
    TlsAnalyzer analyzer(info);
    runScript(analyzer, in);
    (void)info.alpnText();
    (void)info.versionText();
}

/// Encrypts `frames` as a client Initial packet (RFC 9001 §5) so the fuzzer reaches the frame and CRYPTO
/// parsing behind the AEAD, which random bytes never pass.
QByteArray sealInitial(uint32_t version, QByteArrayView dcid, uint32_t packetNumber, QByteArray frames)
{
    QuicKeys keys;
    if (!Quic::deriveInitialKeys(
            version, reinterpret_cast<const uint8_t*>(dcid.data()), static_cast<size_t>(dcid.size()), true, keys))
        return {};
    if (frames.size() < 20)
        frames.append(20 - frames.size(), '\0'); // PADDING frames, so there is a header protection sample
    const bool v2 = version == 0x6b3343cf;
    QByteArray packet;
    packet.append(char(0xc0 | ((v2 ? 1 : 0) << 4) | 3)); // long header, Initial, 4-byte packet number
    for (int i = 3; i >= 0; --i)
        packet.append(char(version >> (8 * i)));
    packet.append(char(dcid.size()));
    packet.append(dcid);
    packet.append(char(0)); // no SCID
    packet.append(char(0)); // no token
    const qsizetype payloadLength = 4 + frames.size() + 16;
    packet.append(char(0x40 | (payloadLength >> 8))); // 2-byte varint
    packet.append(char(payloadLength & 0xff));
    const qsizetype pnOffset = packet.size();
    for (int i = 3; i >= 0; --i)
        packet.append(char(packetNumber >> (8 * i)));
    uint8_t nonce[12];
    std::memcpy(nonce, keys.iv, 12);
    for (int i = 0; i < 4; ++i)
        nonce[11 - i] ^= static_cast<uint8_t>(packetNumber >> (8 * i));
    QByteArray sealed(frames.size() + 16, '\0');
    EVP_CIPHER_CTX* gcm = EVP_CIPHER_CTX_new();
    int len = 0;
    bool ok = EVP_EncryptInit_ex(gcm, EVP_aes_128_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(gcm, EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) == 1
        && EVP_EncryptInit_ex(gcm, nullptr, nullptr, keys.key, nonce) == 1
        && EVP_EncryptUpdate(gcm, nullptr, &len, reinterpret_cast<const uint8_t*>(packet.constData()),
               static_cast<int>(packet.size()))
            == 1
        && EVP_EncryptUpdate(gcm, reinterpret_cast<uint8_t*>(sealed.data()), &len,
               reinterpret_cast<const uint8_t*>(frames.constData()), static_cast<int>(frames.size()))
            == 1
        && EVP_EncryptFinal_ex(gcm, reinterpret_cast<uint8_t*>(sealed.data()) + len, &len) == 1
        && EVP_CIPHER_CTX_ctrl(gcm, EVP_CTRL_GCM_GET_TAG, 16, sealed.data() + frames.size()) == 1;
    EVP_CIPHER_CTX_free(gcm);
    if (!ok)
        return {};
    packet.append(sealed);
    // Header protection.
    uint8_t mask[32];
    EVP_CIPHER_CTX* ecb = EVP_CIPHER_CTX_new();
    ok = EVP_EncryptInit_ex(ecb, EVP_aes_128_ecb(), nullptr, keys.hp, nullptr) == 1;
    EVP_CIPHER_CTX_set_padding(ecb, 0);
    ok = ok
        && EVP_EncryptUpdate(ecb, mask, &len, reinterpret_cast<const uint8_t*>(packet.constData()) + pnOffset + 4, 16)
            == 1;
    EVP_CIPHER_CTX_free(ecb);
    if (!ok)
        return {};
    packet[0] = char(packet[0] ^ (mask[0] & 0x0f));
    for (int i = 0; i < 4; ++i)
        packet[pnOffset + i] = char(packet[pnOffset + i] ^ mask[1 + i]);
    return packet;
}

/// QUIC client datagrams: raw ones (header parsing, undecryptable packets) and ones sealed with the real
/// Initial keys around fuzzed frames (CRYPTO reassembly, ClientHello extraction).
void quicInitial(const uint8_t* d, size_t n)
{
    static const uint32_t versions[] = { 0x00000001, 0x6b3343cf, 0xff00001d, 0x51303530 };
    Fuzz::Input in(d, n);
    QuicInitialReader reader;
    const uint32_t version = versions[in.byte() % std::size(versions)];
    const QByteArray dcid = in.take(8).toByteArray();
    uint32_t pn = 0;
    while (!in.empty() && reader.state() == QuicInitialReader::State::NeedMore) {
        const uint8_t control = in.byte();
        const QByteArrayView chunk = in.chunk(control & 2);
        QByteArray datagram =
            (control & 1) ? sealInitial(version, dcid, pn++, chunk.toByteArray()) : chunk.toByteArray();
        if (control & 4)
            datagram.append(in.chunk()); // coalesced packets after the first
        std::vector<uint8_t> copy(datagram.begin(), datagram.end());
        reader.clientDatagram(copy.data(), copy.size());
    }
    Fuzz::touch(reader.hello().sni);
    QByteArray sni;
    std::vector<uint8_t> copy(d, d + n);
    (void)Quic::googleChloSni(copy.data(), copy.size(), sni);
}

HttpContext context()
{
    HttpContext c;
    c.serverAuthority = QStringLiteral("192.0.2.1:8080");
    c.sourceRef = QStringLiteral("pcap:tcp_stream=0");
    c.maxBody = 64 * 1024; // small, so truncation paths are reached by small inputs
    return c;
}

void http1(const uint8_t* d, size_t n)
{
    Fuzz::Input in(d, n);
    Fuzz::HttpSink sink;
    BodyBudget budget(256 * 1024);
    HttpContext c = context();
    c.budget = &budget;
    Http1Session session(sink, c);
    runScript(session, in);
}

void http2(const uint8_t* d, size_t n)
{
    Fuzz::Input in(d, n);
    Fuzz::HttpSink sink;
    Http2Session session(sink, context());
    // Most inputs should get past the connection preface: the first byte decides whether it is sent for them.
    if (in.byte() & 1) {
        static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
        session.data(0, reinterpret_cast<const uint8_t*>(preface), sizeof preface - 1, ChunkInfo { 1, 1 });
    }
    runScript(session, in);
}

/// HPACK (through nghttp2's inflater as the HTTP/2 parser drives it): the fuzzed bytes are header blocks of
/// HEADERS and CONTINUATION frames on both sides.
void hpack(const uint8_t* d, size_t n)
{
    Fuzz::Input in(d, n);
    Fuzz::HttpSink sink;
    Http2Session session(sink, context());
    static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    ChunkInfo info { 1, 1 };
    session.data(0, reinterpret_cast<const uint8_t*>(preface), sizeof preface - 1, info);
    uint32_t stream = 1;
    while (!in.empty()) {
        const uint8_t control = in.byte();
        const int direction = control & 1;
        const QByteArrayView block = in.chunk(control & 2);
        const bool continuation = control & 4;
        const uint8_t flags = (control & 8 ? 0x4 : 0) | (control & 16 ? 0x1 : 0); // END_HEADERS, END_STREAM
        QByteArray frame;
        const auto length = static_cast<uint32_t>(block.size());
        frame.append(char(length >> 16)).append(char(length >> 8)).append(char(length));
        frame.append(char(continuation ? 0x9 : 0x1)).append(char(flags));
        frame.append(char(stream >> 24)).append(char(stream >> 16)).append(char(stream >> 8)).append(char(stream));
        frame.append(block);
        session.data(direction, bytes(frame), static_cast<size_t>(frame.size()), info);
        if (control & 32)
            stream += 2;
        ++info.frame;
    }
    session.finish(info.ts);
}

void webSocket(const uint8_t* d, size_t n)
{
    Fuzz::Input in(d, n);
    std::vector<Data::WebSocketMessage> messages;
    quint32 flags = 0;
    const uint8_t options = in.byte();
    WebSocketSession::Options o;
    o.deflate = options & 1;
    o.clientNoContextTakeover = options & 2;
    o.serverNoContextTakeover = options & 4;
    BodyBudget budget(1 << 20);
    WebSocketSession session(messages, flags, o, &budget);
    runScript(session, in);
    for (const Data::WebSocketMessage& m : messages)
        Fuzz::touch(m.data);
    (void)WebSocketSession::optionsFromExtensions(
        QByteArray(reinterpret_cast<const char*>(d), int(std::min<size_t>(n, 200))));
}

void socks(const uint8_t* d, size_t n)
{
    Fuzz::Input in(d, n);
    Fuzz::HttpSink sink;
    SocksSession session(sink, context());
    runScript(session, in);
}

void keyLog(const uint8_t* d, size_t n)
{
    const QByteArray text(reinterpret_cast<const char*>(d), static_cast<qsizetype>(n));
    KeyLog log;
    int ignored = 0;
    (void)log.addText(text, &ignored);
    (void)KeyLog::looksLikeKeyLog(text.left(4096));
    uint8_t random[32] = {};
    if (n > 0) // memcpy from a null pointer is undefined even for 0 bytes (the empty input may have none)
        std::memcpy(random, d, std::min<size_t>(n, 32));
    (void)log.covers(random);
}

void pcapdroid(const uint8_t* d, size_t n)
{
    std::vector<uint8_t> copy(d, d + n);
    Pcapdroid::Trailer trailer;
    if (Pcapdroid::parseTrailer(copy.data(), copy.size(), trailer))
        Fuzz::touch(trailer.appName());
    for (bool bigEndian : { false, true }) {
        Pcapdroid::UidMapping mapping;
        (void)Pcapdroid::parseUidMapping(copy.data(), copy.size(), bigEndian, mapping);
    }
    int uid = 0;
    (void)Pcapdroid::parseUidComment(QByteArrayView(reinterpret_cast<const char*>(d), static_cast<qsizetype>(n)), uid);
}

} // namespace

namespace FuzzTargets {

std::vector<Target> packetTargets()
{
    return {
        { "packet_path", packetPath },
        { "tcp_reassembly", tcpReassembly },
        { "dns", dns },
        { "tls_client_hello", tlsClientHello },
        { "quic_initial", quicInitial },
        { "http1", http1 },
        { "http2", http2 },
        { "hpack", hpack },
        { "websocket", webSocket },
        { "socks", socks },
        { "keylog", keyLog },
        { "pcapdroid", pcapdroid },
    };
}

} // namespace FuzzTargets
