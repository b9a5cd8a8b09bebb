// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturebuilder.h"

#include <QIODevice>
#include <QList>

namespace Packet {

namespace {

void put16(QByteArray& b, uint16_t v)
{
    b.append(static_cast<char>(v >> 8)).append(static_cast<char>(v & 0xff));
}
void put32(QByteArray& b, uint32_t v)
{
    put16(b, static_cast<uint16_t>(v >> 16));
    put16(b, static_cast<uint16_t>(v & 0xffff));
}
void set16(QByteArray& b, qsizetype at, uint16_t v)
{
    b[at] = static_cast<char>(v >> 8);
    b[at + 1] = static_cast<char>(v & 0xff);
}

uint16_t checksum(const QByteArray& b)
{
    uint32_t sum = 0;
    for (qsizetype i = 0; i + 1 < b.size(); i += 2)
        sum += (uint32_t(uint8_t(b[i])) << 8) | uint8_t(b[i + 1]);
    if (b.size() % 2)
        sum += uint32_t(uint8_t(b[b.size() - 1])) << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<uint16_t>(~sum);
}

QByteArray dnsName(const QByteArray& name)
{
    QByteArray out;
    for (const QByteArray& label : name.split('.')) {
        if (label.isEmpty())
            continue;
        out.append(static_cast<char>(label.size())).append(label);
    }
    out.append('\0');
    return out;
}

} // namespace

namespace Build {

QByteArray ip(const Address& src, const Address& dst, uint8_t protocol, const QByteArray& payload, uint16_t id,
    uint16_t fragmentOffset, bool moreFragments)
{
    QByteArray h;
    if (src.family == 6) {
        put32(h, 0x60000000);
        put16(h, static_cast<uint16_t>(payload.size()));
        h.append(static_cast<char>(protocol)).append(static_cast<char>(64));
        h.append(reinterpret_cast<const char*>(src.bytes), 16).append(reinterpret_cast<const char*>(dst.bytes), 16);
        return h + payload;
    }
    h.append(static_cast<char>(0x45)).append('\0');
    put16(h, static_cast<uint16_t>(20 + payload.size()));
    put16(h, id);
    put16(h, static_cast<uint16_t>((moreFragments ? 0x2000 : 0) | ((fragmentOffset / 8) & 0x1fff)));
    h.append(static_cast<char>(64)).append(static_cast<char>(protocol));
    put16(h, 0);
    h.append(reinterpret_cast<const char*>(src.bytes), 4).append(reinterpret_cast<const char*>(dst.bytes), 4);
    set16(h, 10, checksum(h));
    return h + payload;
}

QByteArray tcp(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags, const QByteArray& payload)
{
    QByteArray h;
    put16(h, sport);
    put16(h, dport);
    put32(h, seq);
    put32(h, ack);
    h.append(static_cast<char>(5 << 4)).append(static_cast<char>(flags));
    put16(h, 65535);
    put16(h, 0); // checksum: offloaded in real captures too; readers do not check it
    put16(h, 0);
    return h + payload;
}

QByteArray udp(uint16_t sport, uint16_t dport, const QByteArray& payload)
{
    QByteArray h;
    put16(h, sport);
    put16(h, dport);
    put16(h, static_cast<uint16_t>(8 + payload.size()));
    put16(h, 0);
    return h + payload;
}

QByteArray ethernet(const QByteArray& ipPacket)
{
    QByteArray f(12, '\0');
    put16(f, !ipPacket.isEmpty() && (uint8_t(ipPacket[0]) >> 4) == 6 ? 0x86DD : 0x0800);
    return f + ipPacket;
}

QByteArray pcapdroidFrame(const QByteArray& ipPacket, int uid, const QByteArray& appName)
{
    QByteArray f = ethernet(ipPacket);
    while (f.size() % 4)
        f.append('\0');
    QByteArray trailer;
    put32(trailer, 0x01072021);
    put32(trailer, static_cast<uint32_t>(uid));
    QByteArray name = appName.left(19);
    name.append(QByteArray(20 - name.size(), '\0'));
    trailer += name;
    trailer.append(QByteArray(4, '\0')); // FCS: readers ignore it
    return f + trailer;
}

QByteArray pcapdroidUidMapping(int uid, const QByteArray& package, const QByteArray& name, bool bigEndian)
{
    QByteArray b;
    auto add16 = [&](uint16_t v) {
        if (bigEndian)
            put16(b, v);
        else
            b.append(static_cast<char>(v & 0xff)).append(static_cast<char>(v >> 8));
    };
    auto add32 = [&](uint32_t v) {
        if (bigEndian)
            put32(b, v);
        else
            for (int i = 0; i < 4; ++i)
                b.append(static_cast<char>((v >> (8 * i)) & 0xff));
    };
    add16(1); // version
    b.append('\1').append('\0'); // type 1 = UID mapping, pad
    add32(static_cast<uint32_t>(uid));
    b.append(static_cast<char>(package.size())).append(static_cast<char>(name.size()));
    b += package + name;
    while (b.size() % 4)
        b.append('\0');
    return b;
}

QByteArray tlsClientHello(const QByteArray& sni, const QList<QByteArray>& alpn, const QByteArray& random)
{
    QByteArray extensions;
    if (!sni.isEmpty()) {
        QByteArray list;
        list.append('\0');
        put16(list, static_cast<uint16_t>(sni.size()));
        list += sni;
        QByteArray body;
        put16(body, static_cast<uint16_t>(list.size()));
        body += list;
        put16(extensions, 0x0000);
        put16(extensions, static_cast<uint16_t>(body.size()));
        extensions += body;
    }
    if (!alpn.isEmpty()) {
        QByteArray list;
        for (const QByteArray& p : alpn)
            list.append(static_cast<char>(p.size())).append(p);
        QByteArray body;
        put16(body, static_cast<uint16_t>(list.size()));
        body += list;
        put16(extensions, 0x0010);
        put16(extensions, static_cast<uint16_t>(body.size()));
        extensions += body;
    }
    QByteArray hello;
    put16(hello, 0x0303);
    hello += random.size() == 32 ? random : QByteArray(32, '\x42');
    hello.append('\0'); // session id
    put16(hello, 4);
    put16(hello, 0x1301);
    put16(hello, 0xc02f);
    hello.append('\1').append('\0'); // compression: null
    put16(hello, static_cast<uint16_t>(extensions.size()));
    hello += extensions;
    QByteArray handshake;
    handshake.append('\1');
    handshake.append(static_cast<char>((hello.size() >> 16) & 0xff));
    put16(handshake, static_cast<uint16_t>(hello.size() & 0xffff));
    handshake += hello;
    QByteArray record;
    record.append('\x16');
    put16(record, 0x0301);
    put16(record, static_cast<uint16_t>(handshake.size()));
    return record + handshake;
}

QByteArray dnsResponse(uint16_t id, const QByteArray& name, const Address& address, const QByteArray& cname)
{
    QByteArray m;
    put16(m, id);
    put16(m, 0x8180);
    put16(m, 1);
    put16(m, cname.isEmpty() ? 1 : 2);
    put16(m, 0);
    put16(m, 0);
    m += dnsName(name);
    put16(m, address.family == 6 ? 28 : 1);
    put16(m, 1);
    QByteArray owner = QByteArray("\xc0\x0c", 2); // a compression pointer to the question
    if (!cname.isEmpty()) {
        m += owner;
        put16(m, 5);
        put16(m, 1);
        put32(m, 300);
        const QByteArray target = dnsName(cname);
        put16(m, static_cast<uint16_t>(target.size()));
        const qsizetype targetAt = m.size();
        m += target;
        owner = QByteArray(1, static_cast<char>(0xc0 | (targetAt >> 8)))
            + QByteArray(1, static_cast<char>(targetAt & 0xff));
    }
    m += owner;
    put16(m, address.family == 6 ? 28 : 1);
    put16(m, 1);
    put32(m, 60);
    put16(m, address.family == 6 ? 16 : 4);
    m.append(reinterpret_cast<const char*>(address.bytes), address.family == 6 ? 16 : 4);
    return m;
}

} // namespace Build

// ---------------------------------------------------------------------------------------------------------

PcapWriter::PcapWriter(QIODevice& out, int linkType, uint32_t snaplen, bool nanoseconds, bool bigEndian)
    : m_out(out)
    , m_nano(nanoseconds)
    , m_big(bigEndian)
    , m_snaplen(snaplen)
{
    u32(nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4);
    u16(2);
    u16(4);
    u32(0);
    u32(0);
    u32(snaplen);
    u32(static_cast<uint32_t>(linkType));
}

void PcapWriter::u16(uint16_t v)
{
    char b[2];
    for (int i = 0; i < 2; ++i)
        b[i] = static_cast<char>(m_big ? (v >> (8 * (1 - i))) : (v >> (8 * i)));
    m_out.write(b, 2);
}

void PcapWriter::u32(uint32_t v)
{
    char b[4];
    for (int i = 0; i < 4; ++i)
        b[i] = static_cast<char>(m_big ? (v >> (8 * (3 - i))) : (v >> (8 * i)));
    m_out.write(b, 4);
}

void PcapWriter::packet(int64_t tsUs, const QByteArray& frame, uint32_t originalLength)
{
    const uint32_t captured = std::min<uint32_t>(static_cast<uint32_t>(frame.size()), m_snaplen);
    u32(static_cast<uint32_t>(tsUs / 1000000));
    u32(static_cast<uint32_t>(m_nano ? (tsUs % 1000000) * 1000 : tsUs % 1000000));
    u32(captured);
    u32(originalLength ? originalLength : static_cast<uint32_t>(frame.size()));
    m_out.write(frame.constData(), captured);
}

// ---------------------------------------------------------------------------------------------------------

PcapngWriter::PcapngWriter(QIODevice& out, bool bigEndian)
    : m_out(out)
    , m_big(bigEndian)
{ }

QByteArray PcapngWriter::u16(uint16_t v) const
{
    QByteArray b(2, '\0');
    for (int i = 0; i < 2; ++i)
        b[i] = static_cast<char>(m_big ? (v >> (8 * (1 - i))) : (v >> (8 * i)));
    return b;
}

QByteArray PcapngWriter::u32(uint32_t v) const
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = static_cast<char>(m_big ? (v >> (8 * (3 - i))) : (v >> (8 * i)));
    return b;
}

QByteArray PcapngWriter::u64(uint64_t v) const
{
    return m_big ? u32(static_cast<uint32_t>(v >> 32)) + u32(static_cast<uint32_t>(v))
                 : u32(static_cast<uint32_t>(v)) + u32(static_cast<uint32_t>(v >> 32));
}

QByteArray PcapngWriter::option(uint16_t code, const QByteArray& value) const
{
    QByteArray o = u16(code) + u16(static_cast<uint16_t>(value.size())) + value;
    while (o.size() % 4)
        o.append('\0');
    return o;
}

void PcapngWriter::block(uint32_t type, const QByteArray& body)
{
    QByteArray padded = body;
    while (padded.size() % 4)
        padded.append('\0');
    const uint32_t length = static_cast<uint32_t>(padded.size() + 12);
    const QByteArray b = u32(type) + u32(length) + padded + u32(length);
    m_out.write(b);
}

void PcapngWriter::section(const QString& application, const QString& os, const QString& hardware)
{
    QByteArray body = u32(0x1A2B3C4D) + u16(1) + u16(0) + u64(~uint64_t(0));
    QByteArray options;
    if (!hardware.isEmpty())
        options += option(2, hardware.toUtf8());
    if (!os.isEmpty())
        options += option(3, os.toUtf8());
    if (!application.isEmpty())
        options += option(4, application.toUtf8());
    if (!options.isEmpty())
        body += options + u32(0);
    block(0x0A0D0D0A, body);
    m_interfaces = 0;
    m_resolutions.clear();
}

int PcapngWriter::interface(int linkType, const QString& name, uint32_t snaplen, uint8_t tsResolution, int64_t tsOffset)
{
    QByteArray body = u16(static_cast<uint16_t>(linkType)) + u16(0) + u32(snaplen);
    QByteArray options;
    if (!name.isEmpty())
        options += option(2, name.toUtf8());
    if (tsResolution != 6)
        options += option(9, QByteArray(1, static_cast<char>(tsResolution)));
    if (tsOffset != 0)
        options += option(14, u64(static_cast<uint64_t>(tsOffset)));
    if (!options.isEmpty())
        body += options + u32(0);
    block(1, body);
    m_resolutions.push_back(tsResolution);
    return m_interfaces++;
}

void PcapngWriter::packet(int interfaceId, int64_t tsUs, const QByteArray& frame, const QString& comment,
    uint32_t flags, uint32_t originalLength)
{
    uint64_t ts = static_cast<uint64_t>(tsUs);
    const uint8_t resolution =
        interfaceId < static_cast<int>(m_resolutions.size()) ? m_resolutions[static_cast<size_t>(interfaceId)] : 6;
    for (int i = 6; i < resolution; ++i)
        ts *= 10;
    QByteArray body = u32(static_cast<uint32_t>(interfaceId)) + u32(static_cast<uint32_t>(ts >> 32))
        + u32(static_cast<uint32_t>(ts)) + u32(static_cast<uint32_t>(frame.size()))
        + u32(originalLength ? originalLength : static_cast<uint32_t>(frame.size())) + frame;
    while (body.size() % 4)
        body.append('\0');
    QByteArray options;
    if (!comment.isEmpty())
        options += option(1, comment.toUtf8());
    if (flags)
        options += option(2, u32(flags));
    if (!options.isEmpty())
        body += options + u32(0);
    block(6, body);
}

void PcapngWriter::simplePacket(const QByteArray& frame)
{
    block(3, u32(static_cast<uint32_t>(frame.size())) + frame);
}

void PcapngWriter::custom(uint32_t pen, const QByteArray& data)
{
    block(0x00000BAD, u32(pen) + data);
}

void PcapngWriter::secrets(uint32_t type, const QByteArray& data)
{
    block(10, u32(type) + u32(static_cast<uint32_t>(data.size())) + data);
}

void PcapngWriter::nameResolution(const Address& address, const QString& name)
{
    const QByteArray value = QByteArray(reinterpret_cast<const char*>(address.bytes), address.family == 6 ? 16 : 4)
        + name.toUtf8() + QByteArray(1, '\0');
    QByteArray record = u16(address.family == 6 ? 2 : 1) + u16(static_cast<uint16_t>(value.size())) + value;
    while (record.size() % 4)
        record.append('\0');
    block(4, record + u32(0));
}

void PcapngWriter::statistics(int interfaceId, uint64_t dropped)
{
    block(5, u32(static_cast<uint32_t>(interfaceId)) + u32(0) + u32(0) + option(5, u64(dropped)) + u32(0));
}

// ---------------------------------------------------------------------------------------------------------

TcpConversation::TcpConversation(const Address& client, uint16_t clientPort, const Address& server, uint16_t serverPort,
    uint32_t clientIsn, uint32_t serverIsn)
    : m_client(client)
    , m_server(server)
    , m_clientPort(clientPort)
    , m_serverPort(serverPort)
    , m_clientSeq(clientIsn)
    , m_serverSeq(serverIsn)
{ }

QByteArray TcpConversation::handshake(int step) const
{
    using namespace Build;
    switch (step) {
    case 0:
        return ip(m_client, m_server, 6, tcp(m_clientPort, m_serverPort, m_clientSeq - 1, 0, TcpFlag::Syn, {}));
    case 1:
        return ip(m_server, m_client, 6,
            tcp(m_serverPort, m_clientPort, m_serverSeq - 1, m_clientSeq, TcpFlag::Syn | TcpFlag::Ack, {}));
    default:
        return ip(m_client, m_server, 6, tcp(m_clientPort, m_serverPort, m_clientSeq, m_serverSeq, TcpFlag::Ack, {}));
    }
}

QByteArray TcpConversation::send(bool fromClient, const QByteArray& payload)
{
    using namespace Build;
    QByteArray packet;
    if (fromClient) {
        packet = ip(m_client, m_server, 6,
            tcp(m_clientPort, m_serverPort, m_clientSeq, m_serverSeq, TcpFlag::Psh | TcpFlag::Ack, payload));
        m_clientSeq += static_cast<uint32_t>(payload.size());
    } else {
        packet = ip(m_server, m_client, 6,
            tcp(m_serverPort, m_clientPort, m_serverSeq, m_clientSeq, TcpFlag::Psh | TcpFlag::Ack, payload));
        m_serverSeq += static_cast<uint32_t>(payload.size());
    }
    return packet;
}

QByteArray TcpConversation::fin(bool fromClient)
{
    using namespace Build;
    QByteArray packet;
    if (fromClient) {
        packet = ip(m_client, m_server, 6,
            tcp(m_clientPort, m_serverPort, m_clientSeq, m_serverSeq, TcpFlag::Fin | TcpFlag::Ack, {}));
        m_clientSeq += 1;
    } else {
        packet = ip(m_server, m_client, 6,
            tcp(m_serverPort, m_clientPort, m_serverSeq, m_clientSeq, TcpFlag::Fin | TcpFlag::Ack, {}));
        m_serverSeq += 1;
    }
    return packet;
}

} // namespace Packet
