// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturegen.h"

#include "packet/capturebuilder.h"
#include "packet/linklayer.h"
#include "random.h"

#include <QFile>

#include <memory>
#include <vector>

using namespace Packet;

namespace BenchKit {
namespace {

Address v4(uint32_t a)
{
    const uint8_t b[4] = { uint8_t(a >> 24), uint8_t(a >> 16), uint8_t(a >> 8), uint8_t(a) };
    return Address::v4(b);
}

/// One conversation that yields its packets one at a time.
class Script
{
public:
    virtual ~Script() = default;
    /// The next packet, or an empty array when the conversation is over.
    virtual QByteArray next(Random& r) = 0;
};

class DnsScript : public Script
{
public:
    DnsScript(Address client, uint16_t port, Address server, QByteArray name, Address answer)
        : m_client(client)
        , m_port(port)
        , m_server(server)
        , m_name(std::move(name))
        , m_answer(answer)
    { }
    QByteArray next(Random&) override
    {
        if (m_step++ == 0) {
            QByteArray q = Build::dnsResponse(m_port, m_name, m_answer);
            q[2] = 0x01; // the query: same question, flagged as a query, answers dropped
            q[3] = 0x00;
            q[7] = 0x00;
            q.truncate(12 + m_name.size() + 2 + 4);
            return Build::ethernet(Build::ip(m_client, m_server, 17, Build::udp(m_port, 53, q)));
        }
        if (m_step == 2)
            return Build::ethernet(Build::ip(m_server, m_client, 17,
                Build::udp(53, m_port, Build::dnsResponse(m_port, m_name, m_answer, "edge." + m_name))));
        return {};
    }

private:
    Address m_client;
    uint16_t m_port;
    Address m_server;
    QByteArray m_name;
    Address m_answer;
    int m_step = 0;
};

class TlsScript : public Script
{
public:
    TlsScript(Address client, uint16_t port, Address server, QByteArray sni, Random& r)
        : m_tcp(client, port, server, 443, static_cast<uint32_t>(r.next()), static_cast<uint32_t>(r.next()))
        , m_sni(std::move(sni))
        , m_down(r.range(2, 60))
        , m_up(r.range(1, 6))
    { }
    QByteArray next(Random& r) override
    {
        const int step = m_step++;
        if (step < 3)
            return Build::ethernet(m_tcp.handshake(step));
        if (step == 3)
            return Build::ethernet(m_tcp.send(true, Build::tlsClientHello(m_sni, { "h2", "http/1.1" }, noise(r, 32))));
        if (step == 4)
            return Build::ethernet(m_tcp.send(false, QByteArray::fromHex("160303007a02000076") + noise(r, 1200)));
        if (m_up > 0 && (step % 3 == 0)) {
            --m_up;
            return Build::ethernet(m_tcp.send(true, QByteArray::fromHex("1703030200") + noise(r, r.range(100, 900))));
        }
        if (m_down > 0) {
            --m_down;
            return Build::ethernet(m_tcp.send(false, QByteArray::fromHex("170303059c") + noise(r, 1443)));
        }
        if (m_fin++ < 2)
            return Build::ethernet(m_tcp.fin(m_fin == 1));
        return {};
    }

private:
    TcpConversation m_tcp;
    QByteArray m_sni;
    int m_step = 0;
    int m_down;
    int m_up;
    int m_fin = 0;
};

class HttpScript : public Script
{
public:
    HttpScript(Address client, uint16_t port, Address server, QByteArray host, Random& r)
        : m_tcp(client, port, server, 80, static_cast<uint32_t>(r.next()), static_cast<uint32_t>(r.next()))
        , m_host(std::move(host))
        , m_requests(r.range(1, 3))
    { }
    QByteArray next(Random& r) override
    {
        if (m_step < 3)
            return Build::ethernet(m_tcp.handshake(m_step++));
        if (m_bodyLeft > 0) {
            const int n = std::min(m_bodyLeft, 1448);
            m_bodyLeft -= n;
            return Build::ethernet(m_tcp.send(false, noise(r, n)));
        }
        if (m_requests > 0) {
            if (!m_asked) {
                m_asked = true;
                const QByteArray path =
                    "/api/v1/events?id=" + QByteArray::number(static_cast<qulonglong>(r.next() % 100000));
                return Build::ethernet(m_tcp.send(true,
                    "POST " + path + " HTTP/1.1\r\nHost: " + m_host
                        + "\r\nUser-Agent: bench/1\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n"
                        + QByteArray(64, 'j')));
            }
            m_asked = false;
            --m_requests;
            m_bodyLeft = r.range(200, 20000);
            return Build::ethernet(m_tcp.send(false,
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + QByteArray::number(m_bodyLeft) + "\r\n\r\n"));
        }
        if (m_fin++ < 2)
            return Build::ethernet(m_tcp.fin(m_fin == 1));
        return {};
    }

private:
    TcpConversation m_tcp;
    QByteArray m_host;
    int m_step = 0;
    int m_requests;
    bool m_asked = false;
    int m_bodyLeft = 0;
    int m_fin = 0;
};

class UdpScript : public Script
{
public:
    UdpScript(Address client, uint16_t port, Address server, Random& r)
        : m_client(client)
        , m_port(port)
        , m_server(server)
        , m_left(r.range(2, 30))
    { }
    QByteArray next(Random& r) override
    {
        if (m_left-- <= 0)
            return {};
        const bool up = r.next() & 1;
        // Short-header-like datagrams: opaque, not a QUIC Initial.
        const QByteArray payload = QByteArray(1, '\x40') + noise(r, r.range(40, 1200));
        return Build::ethernet(up ? Build::ip(m_client, m_server, 17, Build::udp(m_port, 443, payload))
                                  : Build::ip(m_server, m_client, 17, Build::udp(443, m_port, payload)));
    }

private:
    Address m_client;
    uint16_t m_port;
    Address m_server;
    int m_left;
};

/// Writes packets in either file format behind one call.
class PacketOut
{
public:
    PacketOut(QFile& file, PacketFormat format)
    {
        if (format == PacketFormat::Pcap) {
            m_pcap = std::make_unique<PcapWriter>(file, LinkType::Ethernet);
        } else {
            m_pcapng = std::make_unique<PcapngWriter>(file);
            m_pcapng->section(QStringLiteral("Leakscope bench generator"));
            m_interface = m_pcapng->interface(LinkType::Ethernet, QStringLiteral("wlan0"));
        }
    }
    /// Bytes the packet took in the file.
    qint64 write(int64_t tsUs, const QByteArray& frame)
    {
        if (m_pcap) {
            m_pcap->packet(tsUs, frame);
            return 16 + frame.size();
        }
        m_pcapng->packet(m_interface, tsUs, frame);
        return 32 + ((frame.size() + 3) & ~3);
    }

private:
    std::unique_ptr<PcapWriter> m_pcap;
    std::unique_ptr<PcapngWriter> m_pcapng;
    int m_interface = 0;
};

} // namespace

GeneratedCapture generateCapture(const QString& path, qint64 targetBytes, PacketFormat format)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    PacketOut writer(file, format);
    Random r(20261120);
    std::vector<QByteArray> hosts;
    for (int i = 0; i < 600; ++i)
        hosts.push_back("svc" + QByteArray::number(i)
            + (i % 3 == 0        ? ".tracker.example"
                    : i % 3 == 1 ? ".cdn.example.net"
                                 : ".api.example.org"));
    std::vector<std::unique_ptr<Script>> active;
    int64_t ts = 1763640000000000;
    uint16_t nextPort = 20000;
    GeneratedCapture g;
    constexpr size_t kConcurrent = 200;
    while (g.bytes < targetBytes) {
        while (active.size() < kConcurrent) {
            const Address phone = v4(0x0ad7ad00 + static_cast<uint32_t>(r.range(1, 8)));
            const int h = r.range(0, static_cast<int>(hosts.size()) - 1);
            const Address server = v4(0xc0000000 + static_cast<uint32_t>(h) * 7 + 1000);
            const uint16_t port = nextPort++;
            if (nextPort > 60000)
                nextPort = 20000;
            const int kind = r.range(0, 99);
            const QByteArray& host = hosts[static_cast<size_t>(h)];
            if (kind < 25)
                active.push_back(std::make_unique<DnsScript>(phone, port, v4(0x08080808), host, server));
            else if (kind < 75)
                active.push_back(std::make_unique<TlsScript>(phone, port, server, host, r));
            else if (kind < 90)
                active.push_back(std::make_unique<HttpScript>(phone, port, server, host, r));
            else
                active.push_back(std::make_unique<UdpScript>(phone, port, server, r));
            ++g.conversations;
        }
        const size_t i = static_cast<size_t>(r.next() % active.size());
        const QByteArray packet = active[i]->next(r);
        if (packet.isEmpty()) {
            active[i] = std::move(active.back());
            active.pop_back();
            continue;
        }
        ts += r.range(1, 400);
        g.bytes += writer.write(ts, packet);
        ++g.packets;
    }
    if (!file.flush())
        qFatal("cannot write %s", qPrintable(path));
    return g;
}

} // namespace BenchKit
