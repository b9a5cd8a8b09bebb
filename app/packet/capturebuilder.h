// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writes synthetic packet captures, deterministically: the tests craft fixtures with it (PCAPdroid trailers
// and custom blocks, odd and broken files) and the benchmark generates its large capture. It writes what
// the readers read, byte for byte, with no shortcuts.

#include "address.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <vector>

class QIODevice;

namespace Packet {

namespace Build {

/// An IPv4 or IPv6 header (by the addresses' family) in front of `payload`.
QByteArray ip(const Address& src, const Address& dst, uint8_t protocol, const QByteArray& payload, uint16_t id = 0,
    uint16_t fragmentOffset = 0, bool moreFragments = false);
QByteArray tcp(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags, const QByteArray& payload);
QByteArray udp(uint16_t sport, uint16_t dport, const QByteArray& payload);
/// An Ethernet II frame (zero MAC addresses, as PCAPdroid writes them).
QByteArray ethernet(const QByteArray& ipPacket);
/// PCAPdroid's frame: fake Ethernet header, IP packet, padding to 4 bytes, 32-byte trailer
/// (research/pcapdroid-format.md).
QByteArray pcapdroidFrame(const QByteArray& ipPacket, int uid, const QByteArray& appName);
/// The body of a PCAPdroid UID-map custom block after the PEN.
QByteArray pcapdroidUidMapping(int uid, const QByteArray& package, const QByteArray& name, bool bigEndian);
/// A TLS record holding a ClientHello with the given SNI (and ALPN protocols).
QByteArray tlsClientHello(const QByteArray& sni, const QList<QByteArray>& alpn = {}, const QByteArray& random = {});
/// A DNS response for `name` with one A/AAAA answer (a CNAME chain first when `cname` is set).
QByteArray dnsResponse(uint16_t id, const QByteArray& name, const Address& address, const QByteArray& cname = {});

namespace TcpFlag {
constexpr uint8_t Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;
}

} // namespace Build

/// Classic pcap (libpcap format 2.4).
class PcapWriter
{
public:
    PcapWriter(
        QIODevice& out, int linkType, uint32_t snaplen = 262144, bool nanoseconds = false, bool bigEndian = false);
    void packet(int64_t tsUs, const QByteArray& frame, uint32_t originalLength = 0);

private:
    void u16(uint16_t v);
    void u32(uint32_t v);
    QIODevice& m_out;
    bool m_nano;
    bool m_big;
    uint32_t m_snaplen;
};

/// pcapng, one section at a time.
class PcapngWriter
{
public:
    explicit PcapngWriter(QIODevice& out, bool bigEndian = false);
    void section(const QString& application = {}, const QString& os = {}, const QString& hardware = {});
    /// Returns the interface id. `tsResolution` is the if_tsresol byte (6 = µs, 9 = ns); `tsOffset` if_tsoffset.
    int interface(
        int linkType, const QString& name = {}, uint32_t snaplen = 0, uint8_t tsResolution = 6, int64_t tsOffset = 0);
    void packet(int interfaceId, int64_t tsUs, const QByteArray& frame, const QString& comment = {}, uint32_t flags = 0,
        uint32_t originalLength = 0);
    void simplePacket(const QByteArray& frame);
    void custom(uint32_t pen, const QByteArray& data);
    void secrets(uint32_t type, const QByteArray& data);
    void nameResolution(const Address& address, const QString& name);
    void statistics(int interfaceId, uint64_t dropped);

private:
    void block(uint32_t type, const QByteArray& body);
    QByteArray option(uint16_t code, const QByteArray& value) const;
    QByteArray u16(uint16_t v) const;
    QByteArray u32(uint32_t v) const;
    QByteArray u64(uint64_t v) const;
    QIODevice& m_out;
    bool m_big;
    int m_interfaces = 0;
    std::vector<uint8_t> m_resolutions;
};

/// One TCP connection with its sequence numbers kept: handshake, data each way, close.
class TcpConversation
{
public:
    TcpConversation(const Address& client, uint16_t clientPort, const Address& server, uint16_t serverPort,
        uint32_t clientIsn = 1000, uint32_t serverIsn = 5000);
    QByteArray handshake(int step) const; ///< 0: SYN, 1: SYN-ACK, 2: ACK
    /// The next segment from the client (or the server) carrying `payload`; advances that side.
    QByteArray send(bool fromClient, const QByteArray& payload);
    QByteArray fin(bool fromClient);

private:
    Address m_client, m_server;
    uint16_t m_clientPort, m_serverPort;
    uint32_t m_clientSeq, m_serverSeq;
};

} // namespace Packet
