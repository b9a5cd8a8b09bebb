// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "socks.h"

#include "address.h"
#include "bytes.h"

namespace Packet {

namespace {

const uint8_t* u8(const QByteArray& b)
{
    return reinterpret_cast<const uint8_t*>(b.constData());
}

/// Length of a complete SOCKS 5 request/reply (VER CMD RSV ATYP ADDR PORT) at the start of `b`, or 0.
qsizetype socks5AddressMessage(const QByteArray& b)
{
    if (b.size() < 5)
        return 0;
    qsizetype address;
    switch (static_cast<uint8_t>(b[3])) {
    case 1:
        address = 4;
        break;
    case 3:
        address = 1 + static_cast<uint8_t>(b[4]);
        break;
    case 4:
        address = 16;
        break;
    default:
        return -1;
    }
    const qsizetype total = 4 + address + 2;
    return b.size() >= total ? total : 0;
}

} // namespace

SocksSession::SocksSession(HttpFlowSink& sink, const HttpContext& context)
    : m_sink(sink)
    , m_context(context)
{ }

SocksSession::~SocksSession() = default;

bool SocksSession::looksLikeClientHello(const uint8_t* p, size_t n)
{
    if (n >= 3 && p[0] == 5) {
        // VER NMETHODS METHODS…, possibly followed at once by the request (5) or the password login (1).
        const size_t methods = p[1];
        if (methods == 0 || methods > 16 || n < 2 + methods)
            return false;
        for (size_t i = 0; i < methods; ++i) {
            if ((p[2 + i] > 9 && p[2 + i] < 0x80) || p[2 + i] == 0xff)
                return false;
        }
        return n == 2 + methods || p[2 + methods] == 5 || p[2 + methods] == 1;
    }
    // SOCKS 4: VN=4, CD=1 (connect) or 2 (bind), a non-zero port, IPv4, then a NUL-terminated user id.
    if (n < 9 || p[0] != 4 || (p[1] != 1 && p[1] != 2) || be16(p + 2) == 0)
        return false;
    for (size_t i = 8; i < n; ++i) {
        if (p[i] == 0)
            return true;
        if (p[i] < 0x20 || p[i] > 0x7e)
            return false;
    }
    return n >= 32; // the user id runs past what the detector looked at
}

QString SocksSession::destination(const QByteArray& b, int version)
{
    if (version == 4) {
        if (b.size() < 9)
            return {};
        const uint16_t port = be16(u8(b) + 2);
        const Address ip = Address::v4(u8(b) + 4);
        QString host = ip.toString();
        const qsizetype userEnd = b.indexOf('\0', 8);
        // SOCKS 4a: an address 0.0.0.x means "the host name follows the user id".
        if (ip.bytes[0] == 0 && ip.bytes[1] == 0 && ip.bytes[2] == 0 && ip.bytes[3] != 0 && userEnd >= 0) {
            const qsizetype hostEnd = b.indexOf('\0', userEnd + 1);
            if (hostEnd > userEnd + 1)
                host = QString::fromUtf8(b.mid(userEnd + 1, hostEnd - userEnd - 1));
        }
        return QStringLiteral("%1:%2").arg(host).arg(port);
    }
    const qsizetype total = socks5AddressMessage(b);
    if (total <= 0)
        return {};
    QString host;
    switch (static_cast<uint8_t>(b[3])) {
    case 1:
        host = Address::v4(u8(b) + 4).toString();
        break;
    case 3:
        host = QString::fromUtf8(b.mid(5, static_cast<uint8_t>(b[4])));
        break;
    case 4:
        host = QStringLiteral("[%1]").arg(Address::v6(u8(b) + 4).toString());
        break;
    }
    return QStringLiteral("%1:%2").arg(host).arg(be16(u8(b) + total - 2));
}

void SocksSession::data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info)
{
    if (m_tunnel) {
        m_tunnel->data(direction, bytes, length, info);
        return;
    }
    if (m_failed)
        return;
    QByteArray& b = m_buffer[direction];
    b.append(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(length));
    if (b.size() > kMaxHandshake && m_clientStep != Step::WaitReply) {
        fail();
        return;
    }
    if (direction == ClientToServer)
        client(info);
    else
        server(info);
}

void SocksSession::client(const ChunkInfo& info)
{
    QByteArray& b = m_buffer[ClientToServer];
    for (;;) {
        switch (m_clientStep) {
        case Step::Greeting:
            if (b.isEmpty())
                return;
            m_version = static_cast<uint8_t>(b[0]);
            if (m_version == 4) {
                m_clientStep = Step::Request;
                continue;
            }
            if (m_version != 5 || b.size() < 2 || b.size() < 2 + static_cast<uint8_t>(b[1])) {
                if (m_version != 5)
                    fail();
                return;
            }
            b.remove(0, 2 + static_cast<uint8_t>(b[1]));
            m_clientStep = Step::Auth;
            continue;
        case Step::Auth:
            // Username/password sub-negotiation (RFC 1929) starts with 1; a request with 5.
            if (b.isEmpty())
                return;
            if (static_cast<uint8_t>(b[0]) == 1) {
                if (b.size() < 2 || b.size() < 3 + static_cast<uint8_t>(b[1]))
                    return;
                const qsizetype passwordAt = 2 + static_cast<uint8_t>(b[1]);
                const qsizetype total = passwordAt + 1 + static_cast<uint8_t>(b[passwordAt]);
                if (b.size() < total)
                    return;
                b.remove(0, total);
            }
            m_clientStep = Step::Request;
            continue;
        case Step::Request: {
            qsizetype total = 0;
            if (m_version == 4) {
                const qsizetype userEnd = b.indexOf('\0', 8);
                if (userEnd < 0)
                    return;
                total = userEnd + 1;
                if (b.size() >= 8 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] != 0) {
                    const qsizetype hostEnd = b.indexOf('\0', total);
                    if (hostEnd < 0)
                        return;
                    total = hostEnd + 1;
                }
            } else {
                total = socks5AddressMessage(b);
                if (total < 0) {
                    fail();
                    return;
                }
                if (total == 0)
                    return;
            }
            const QByteArray request = b.left(total);
            b.remove(0, total);
            m_flow = Data::Flow();
            m_flow.sourceRef = QStringLiteral("%1;frame=%2").arg(m_context.sourceRef).arg(info.frame);
            m_flow.tsStart = info.ts;
            m_flow.tsEnd = info.ts;
            m_flow.l7 = QStringLiteral("socks");
            m_flow.method = QStringLiteral("CONNECT");
            m_flow.url = destination(request, m_version);
            m_flow.host = m_flow.url.section(u':', 0, -2).remove(u'[').remove(u']').toLower();
            m_flow.httpVersion = QStringLiteral("SOCKS%1").arg(m_version);
            m_flow.flags = Data::Tunnel;
            m_haveFlow = true;
            m_clientStep = Step::WaitReply;
            server(info);
            return;
        }
        default:
            return;
        }
    }
}

void SocksSession::server(const ChunkInfo& info)
{
    QByteArray& b = m_buffer[ServerToClient];
    if (m_version == 5) {
        while (m_serverStep < 2) {
            if (b.size() < 2)
                return;
            if (m_serverStep == 0)
                m_authChosen = static_cast<uint8_t>(b[1]) == 2;
            b.remove(0, 2);
            m_serverStep += (m_serverStep == 0 && !m_authChosen) ? 2 : 1;
        }
        if (m_clientStep != Step::WaitReply)
            return;
        const qsizetype total = socks5AddressMessage(b);
        if (total <= 0) {
            if (total < 0)
                fail();
            return;
        }
        const uint8_t reply = static_cast<uint8_t>(b[1]);
        b.remove(0, total);
        if (reply != 0) {
            m_flow.error = QStringLiteral("the SOCKS proxy refused the connection (reply %1)").arg(reply);
            m_flow.flags |= Data::Incomplete;
            fail();
            return;
        }
        openTunnel(info);
        return;
    }
    if (m_version == 4 && m_clientStep == Step::WaitReply) {
        if (b.size() < 8)
            return;
        const uint8_t reply = static_cast<uint8_t>(b[1]);
        b.remove(0, 8);
        if (reply != 0x5A) {
            m_flow.error = QStringLiteral("the SOCKS proxy refused the connection (reply 0x%1)")
                               .arg(reply, 2, 16, QLatin1Char('0'));
            m_flow.flags |= Data::Incomplete;
            fail();
            return;
        }
        openTunnel(info);
    }
}

void SocksSession::openTunnel(const ChunkInfo& info)
{
    m_flow.tsEnd = info.ts;
    m_sink.httpFlow(std::move(m_flow));
    m_haveFlow = false;
    m_tunnel = m_sink.tunnelAnalyzer();
    m_clientStep = Step::Tunnel;
    const QByteArray client = std::move(m_buffer[ClientToServer]);
    const QByteArray server = std::move(m_buffer[ServerToClient]);
    m_buffer[0].clear();
    m_buffer[1].clear();
    if (!m_tunnel)
        return;
    if (!client.isEmpty())
        m_tunnel->data(ClientToServer, u8(client), static_cast<size_t>(client.size()), info);
    if (!server.isEmpty())
        m_tunnel->data(ServerToClient, u8(server), static_cast<size_t>(server.size()), info);
}

void SocksSession::fail()
{
    m_failed = true;
    m_buffer[0].clear();
    m_buffer[1].clear();
    if (m_haveFlow) {
        m_sink.httpFlow(std::move(m_flow));
        m_haveFlow = false;
    }
}

void SocksSession::gap(int direction, uint64_t length, const ChunkInfo& info)
{
    if (m_tunnel)
        m_tunnel->gap(direction, length, info);
    else
        fail();
}

void SocksSession::end(int direction, const ChunkInfo& info)
{
    if (m_tunnel)
        m_tunnel->end(direction, info);
}

void SocksSession::finish(int64_t ts)
{
    if (m_tunnel)
        m_tunnel->finish(ts);
    if (m_haveFlow) {
        m_flow.flags |= Data::Incomplete;
        m_sink.httpFlow(std::move(m_flow));
        m_haveFlow = false;
    }
}

bool SocksSession::done() const
{
    if (m_tunnel)
        return m_tunnel->done();
    return m_failed || (m_clientStep == Step::Tunnel);
}

} // namespace Packet
