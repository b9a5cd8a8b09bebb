// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetpipeline.h"

#include "bytes.h"
#include "dns.h"
#include "pipelineprivate.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace Packet {

namespace {

// Conversation lifetimes, in capture time. Wireshark never splits a conversation on idle time, so these
// are long: they bound memory on day-long captures without splitting what an app sees as one connection.
constexpr int64_t kTcpClosedTimeout = 120'000'000; ///< after FIN from both sides or RST
constexpr int64_t kTcpIdleTimeout = 2 * 3600'000'000LL;
constexpr int64_t kUdpIdleTimeout = 2 * 3600'000'000LL;
constexpr int64_t kSweepInterval = 10'000'000;
constexpr size_t kMaxConversations = 100'000; ///< live ones; the least recently active are written first
constexpr int64_t kMaxBufferedTotal = 256LL << 20; ///< out-of-order TCP bytes held over all conversations
constexpr int kMaxTunnelDepth = 4;
constexpr int kQuicProbeDatagrams = 4; ///< client datagrams looked at for a QUIC Initial

namespace Tcp {
constexpr uint8_t Fin = 0x01, Syn = 0x02, Rst = 0x04, Ack = 0x10;
}

ConvKey makeKey(const Address& src, uint16_t sport, const Address& dst, uint16_t dport, uint8_t protocol)
{
    ConvKey k;
    k.protocol = protocol;
    const bool srcFirst = src < dst || (src == dst && sport <= dport);
    k.a = srcFirst ? src : dst;
    k.pa = srcFirst ? sport : dport;
    k.b = srcFirst ? dst : src;
    k.pb = srcFirst ? dport : sport;
    return k;
}

/// Ports on which a server, not a client, usually sits; used to tell client from server without a SYN.
bool isServicePort(uint16_t port)
{
    if (port == 0)
        return false;
    if (port < 1024)
        return true;
    switch (port) {
    case 1080:
    case 1194:
    case 1883:
    case 1900:
    case 3128:
    case 3306:
    case 3478:
    case 4433:
    case 5060:
    case 5222:
    case 5228:
    case 5353:
    case 5355:
    case 5432:
    case 5671:
    case 5672:
    case 6379:
    case 8000:
    case 8008:
    case 8080:
    case 8443:
    case 8883:
    case 8888:
    case 9000:
    case 9090:
    case 9443:
    case 19302:
        return true;
    default:
        return false;
    }
}

bool isDnsPort(uint16_t port)
{
    return port == 53 || port == 5353 || port == 5355;
}

QString protocolName(AppProtocol p)
{
    switch (p) {
    case AppProtocol::Tls:
        return QStringLiteral("tls");
    case AppProtocol::Http1:
        return QStringLiteral("http1");
    case AppProtocol::Http2:
        return QStringLiteral("h2");
    case AppProtocol::Ssh:
        return QStringLiteral("ssh");
    case AppProtocol::Socks:
        return QStringLiteral("socks");
    case AppProtocol::Raw:
        return QStringLiteral("raw");
    case AppProtocol::Unknown:
        break;
    }
    return {};
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// Packets

void PacketPipeline::Private::packet(const PacketRecord& record)
{
    // A packet without a timestamp (pcapng simple packet blocks) happened around the previous one. Damaged
    // files can claim any time: keep it within ±36,000 years so time arithmetic cannot overflow.
    constexpr int64_t kTimeLimit = int64_t(1) << 60;
    PacketRecord timed;
    const PacketRecord* use = &record;
    if ((record.ts == 0 && now != 0) || record.ts > kTimeLimit || record.ts < -kTimeLimit) {
        timed = record;
        timed.ts = record.ts == 0 ? now : std::clamp(record.ts, -kTimeLimit, kTimeLimit);
        use = &timed;
    }
    const PacketRecord& r = *use;
    ++stats.packets;
    ++linkTypes[r.linkType];
    if (r.ts > now)
        now = r.ts;
    const LinkFrame frame = LinkLayer::decode(r.linkType, r.data, r.length);
    if (frame.network == Network::None) {
        if (LinkLayer::isSupported(r.linkType))
            ++stats.nonIp;
        else
            ++stats.unsupportedLinkTypes[r.linkType];
    } else {
        if (frame.sniffedRaw)
            ++stats.sniffedRaw;
        if (r.linkType == LinkType::Ethernet && !frame.sniffedRaw && r.length >= 32
            && be32(r.data + r.length - 32) == Pcapdroid::kTrailerMagic)
            ++stats.pcapdroidTrailers;
        PacketApp app { r, frame };
        // The original length bounds what the IP header may claim (anonymised or damaged traces).
        const size_t wireLimit = r.originalLength >= r.length && r.originalLength > frame.offset
            ? r.originalLength - frame.offset
            : SIZE_MAX;
        network(r, frame.network, r.data + frame.offset, r.length - frame.offset, wireLimit, 0, app);
    }
    if (now - lastSweep > kSweepInterval || conversations.size() > kMaxConversations) {
        sweep(now, false);
        lastSweep = now;
    }
}

int PacketPipeline::Private::appForPacket(PacketApp& packet)
{
    if (packet.index != -2)
        return packet.index;
    const PacketRecord& r = packet.record;
    const LinkFrame& frame = packet.frame;
    packet.index = -1;
    if (r.uid != Pcapdroid::kNoUid) {
        if (r.uid < 0)
            return packet.index;
        Data::AppIdentity id;
        id.uid = r.uid;
        id.source = QStringLiteral("pcapdroid-pcapng");
        id.reason = Pcapdroid::reason(r.uid);
        packet.index = appIndex(QStringLiteral("pcapng/%1").arg(r.uid), std::move(id));
    } else if (Pcapdroid::Trailer trailer; r.linkType == LinkType::Ethernet && !frame.sniffedRaw
               && Pcapdroid::parseTrailer(r.data, r.length, trailer)) {
        if (trailer.uid < 0)
            return packet.index;
        Data::AppIdentity id;
        id.uid = trailer.uid;
        id.name = QString::fromUtf8(trailer.appName());
        id.source = QStringLiteral("pcapdroid-trailer");
        id.reason = Pcapdroid::reason(trailer.uid);
        packet.index = appIndex(QStringLiteral("trailer/%1/").arg(trailer.uid) + id.name, std::move(id));
    } else if (frame.process) {
        Data::AppIdentity id;
        id.name = QString::fromUtf8(frame.process, static_cast<qsizetype>(frame.processLength));
        id.source = QStringLiteral("pktap");
        id.reason = QStringLiteral("Apple PKTAP process %1 (pid %2)").arg(id.name).arg(frame.pid);
        packet.index = appIndex(QStringLiteral("pktap/%1/").arg(frame.pid) + id.name, std::move(id));
    }
    return packet.index;
}

int PacketPipeline::Private::appIndex(const QString& key, Data::AppIdentity&& identity)
{
    const auto it = appIndexByKey.constFind(key);
    if (it != appIndexByKey.cend())
        return *it;
    const int index = static_cast<int>(apps.size());
    apps.push_back(std::move(identity));
    appIndexByKey.insert(key, index);
    return index;
}

Data::AppIdentity PacketPipeline::Private::appFor(int index) const
{
    if (index < 0 || index >= static_cast<int>(apps.size()))
        return {};
    Data::AppIdentity id = apps[static_cast<size_t>(index)];
    if (id.source == u"pcapdroid-pcapng") {
        // Resolved late: the UID's custom block may come after its first packets.
        const auto m = uidMap.constFind(id.uid);
        if (m != uidMap.cend()) {
            id.name = m->name.isEmpty() ? m->package : m->name;
            id.package = m->package;
        }
    }
    if (id.name.isEmpty() && id.package.isEmpty() && id.uid >= 0)
        id.name = QStringLiteral("Android UID %1").arg(id.uid);
    return id;
}

void PacketPipeline::Private::network(
    const PacketRecord& r, Network net, const uint8_t* p, size_t n, size_t wireLimit, int depth, PacketApp& app)
{
    IpPacket ip;
    if (parseIp(net, p, n, ip, wireLimit) != IpStatus::Ok) {
        ++stats.badIp;
        return;
    }
    if (ip.isFragment && !defragmenter.add(ip, r.ts))
        return;
    switch (ip.protocol) {
    case IpProtocol::Tcp:
        tcp(r, ip, app);
        return;
    case IpProtocol::Udp:
        udp(r, ip, depth, app);
        return;
    case IpProtocol::IpInIp:
    case IpProtocol::Ipv6InIp:
        if (depth < kMaxTunnelDepth)
            network(r, ip.protocol == IpProtocol::IpInIp ? Network::IPv4 : Network::IPv6, ip.payload, ip.payloadLength,
                ip.payloadWireLength, depth + 1, app);
        return;
    case IpProtocol::Gre:
        if (depth < kMaxTunnelDepth)
            gre(r, ip.payload, ip.payloadLength, depth + 1, app);
        return;
    default:
        ++stats.otherProtocols;
        return;
    }
}

void PacketPipeline::Private::gre(const PacketRecord& r, const uint8_t* p, size_t n, int depth, PacketApp& app)
{
    if (n < 4)
        return;
    const uint16_t flagsVersion = be16(p);
    const uint16_t protocol = be16(p + 2);
    size_t off = 4;
    const int version = flagsVersion & 7;
    if (version == 0) {
        if (flagsVersion & 0x8000)
            off += 4; // checksum + reserved
        if (flagsVersion & 0x2000)
            off += 4; // key
        if (flagsVersion & 0x1000)
            off += 4; // sequence number
    } else if (version == 1) { // enhanced GRE (PPTP): key always present, optional sequence and ack
        off += 4;
        if (flagsVersion & 0x1000)
            off += 4;
        if (flagsVersion & 0x0080)
            off += 4;
    } else {
        return;
    }
    if (off > n)
        return;
    LinkFrame inner;
    if (protocol == 0x6558) { // transparent Ethernet bridging
        inner = LinkLayer::decodeEthernet(p + off, n - off, false);
    } else if (protocol == 0x88BE) { // ERSPAN type II: 8-byte header, then Ethernet
        if (off + 8 > n)
            return;
        inner = LinkLayer::decodeEthernet(p + off + 8, n - off - 8, false);
        inner.offset += 8;
    } else if (protocol == 0x880B) { // PPP in enhanced GRE
        inner = LinkLayer::decode(LinkType::Ppp, p + off, n - off);
    } else {
        inner = LinkLayer::decodeEthertype(protocol, p, n, off);
        inner.offset -= off;
    }
    if (inner.network != Network::None)
        network(r, inner.network, p + off + inner.offset, n - off - inner.offset, SIZE_MAX, depth, app);
}

void PacketPipeline::Private::tcp(const PacketRecord& r, const IpPacket& ip, PacketApp& app)
{
    if (ip.payloadLength < 20) {
        ++stats.truncatedTransport;
        return;
    }
    const uint8_t* h = ip.payload;
    const uint16_t sport = be16(h);
    const uint16_t dport = be16(h + 2);
    const uint32_t seq = be32(h + 4);
    const uint32_t ack = be32(h + 8);
    const size_t headerLength = (h[12] >> 4) * 4u;
    const uint8_t tcpFlags = h[13];
    if (headerLength < 20) {
        ++stats.truncatedTransport;
        return;
    }
    const size_t captured = ip.payloadLength > headerLength ? ip.payloadLength - headerLength : 0;
    const size_t wire = ip.payloadWireLength > headerLength ? ip.payloadWireLength - headerLength : 0;
    const uint8_t* payload = h + std::min(headerLength, ip.payloadLength);
    const bool syn = tcpFlags & Tcp::Syn;
    const bool ackFlag = tcpFlags & Tcp::Ack;
    const bool finFlag = tcpFlags & Tcp::Fin;
    const bool rstFlag = tcpFlags & Tcp::Rst;

    const ConvKey key = makeKey(ip.src, sport, ip.dst, dport, IpProtocol::Tcp);
    auto it = conversations.find(key);
    if (it != conversations.end()) {
        Conversation& old = *it->second;
        const int internal = (ip.src == old.a && sport == old.pa) ? 0 : 1;
        // Port reuse: a new SYN on a finished connection, or one idle for longer than we keep them.
        const bool reused = syn && !ackFlag && old.closed() && !(old.isnKnown[internal] && old.isn[internal] == seq);
        if (reused || (old.last != 0 && r.ts - old.last > kTcpIdleTimeout)) {
            finalize(old);
            conversations.erase(it);
            it = conversations.end();
        }
    }
    if (it == conversations.end()) {
        auto c = std::make_unique<Conversation>(*this, true, nextTcp++);
        ++stats.tcpConversations;
        bool srcIsClient;
        if (syn)
            srcIsClient = !ackFlag;
        else if (r.direction)
            srcIsClient = r.direction == 2;
        else if (isServicePort(sport) != isServicePort(dport))
            srcIsClient = isServicePort(dport);
        else
            srcIsClient = sport >= dport;
        c->a = srcIsClient ? ip.src : ip.dst;
        c->pa = srcIsClient ? sport : dport;
        c->b = srcIsClient ? ip.dst : ip.src;
        c->pb = srcIsClient ? dport : sport;
        c->rolesCertain = syn;
        c->midStream = !syn;
        c->firstFrame = r.frame;
        c->first = r.ts;
        c->last = r.ts;
        if (isDnsPort(sport) || isDnsPort(dport)) {
            c->isDns = true;
            c->analyzer = std::make_unique<DnsOverTcp>(
                [this](const uint8_t* m, size_t n, const ChunkInfo& info) { dnsMessage(m, n, info.ts, false); });
        } else {
            c->analyzer = std::make_unique<ProtocolDetector>(*c);
        }
        c->analysisActive = true;
        it = conversations.emplace(key, std::move(c)).first;
    }
    Conversation& c = *it->second;
    const int internal = (ip.src == c.a && sport == c.pa) ? 0 : 1;
    const int dir = internal ^ int(c.swapped);
    if (r.ts > c.last)
        c.last = r.ts;
    c.bytes[dir] += static_cast<qint64>(wire);
    ++c.packets[dir];
    if (c.app < 0)
        c.app = appForPacket(app);
    if (syn) {
        c.synSeen = true;
        c.isn[internal] = seq;
        c.isnKnown[internal] = true;
    }
    if (c.analysisActive) {
        const ChunkInfo info { r.ts, r.frame };
        const int64_t before = static_cast<int64_t>(c.reassembler[0].buffered() + c.reassembler[1].buffered());
        c.reassembler[internal].segment(seq, syn, payload, std::min(captured, wire), wire, info, c, internal);
        if (ackFlag)
            c.reassembler[1 - internal].acknowledged(ack, info, c, 1 - internal);
        if (finFlag) {
            c.reassembler[internal].fin(syn ? seq + 1 : seq, wire);
            if (c.analyzer)
                c.analyzer->end(dir, info);
        } else if (rstFlag && c.analyzer) {
            c.analyzer->end(dir, info);
        }
        const int64_t after = static_cast<int64_t>(c.reassembler[0].buffered() + c.reassembler[1].buffered());
        bufferedTotal += after - before;
        if (bufferedTotal > kMaxBufferedTotal) {
            // Too many early segments held over the whole capture: give up waiting in this conversation.
            c.reassembler[0].flush(info, c, 0);
            c.reassembler[1].flush(info, c, 1);
            bufferedTotal -= after;
        }
        if (c.done()) {
            c.analysisActive = false;
            bufferedTotal -= static_cast<int64_t>(c.reassembler[0].buffered() + c.reassembler[1].buffered());
            c.reassembler[0] = TcpReassembler();
            c.reassembler[1] = TcpReassembler();
            // Readers that keep nothing for the end (a TLS handshake, an unknown protocol) can go now: a
            // long capture holds many finished conversations until they time out.
            if (c.appProtocol == AppProtocol::Tls || c.appProtocol == AppProtocol::Ssh
                || c.appProtocol == AppProtocol::Raw)
                c.analyzer.reset();
        }
    }
    if (finFlag)
        c.fin[dir] = true;
    if (rstFlag)
        c.rst = true;
}

void PacketPipeline::Private::udp(const PacketRecord& r, const IpPacket& ip, int depth, PacketApp& app)
{
    if (ip.payloadLength < 8) {
        ++stats.truncatedTransport;
        return;
    }
    const uint8_t* h = ip.payload;
    const uint16_t sport = be16(h);
    const uint16_t dport = be16(h + 2);
    const size_t udpLength = be16(h + 4);
    size_t wire = ip.payloadWireLength >= 8 ? ip.payloadWireLength - 8 : 0;
    if (udpLength >= 8 && udpLength - 8 < wire)
        wire = udpLength - 8; // the UDP length is authoritative (padding after it is not payload)
    const size_t captured = std::min(ip.payloadLength - 8, wire);
    const uint8_t* payload = h + 8;

    // Tunnels carried in UDP: VXLAN, GTP-U, Geneve. Their outer conversation is transport, not an app's.
    if (depth < kMaxTunnelDepth) {
        if (dport == 4789 && captured >= 8 && (payload[0] & 0x08)) {
            const LinkFrame inner = LinkLayer::decodeEthernet(payload + 8, captured - 8, false);
            if (inner.network != Network::None)
                network(r, inner.network, payload + 8 + inner.offset, captured - 8 - inner.offset, SIZE_MAX, depth + 1,
                    app);
            return; // the outer conversation is transport, not an app's
        }
        if ((dport == 2152 || sport == 2152) && captured >= 8 && (payload[0] >> 5) == 1 && payload[1] == 0xFF) {
            size_t off = 8;
            if (payload[0] & 0x07) {
                off += 4;
                // Extension headers: length in 4-byte units, next type in the last byte.
                uint8_t next = captured >= off ? payload[off - 1] : 0;
                while (next != 0 && (payload[0] & 0x04) && off < captured) {
                    const size_t len = payload[off] * 4u;
                    if (len == 0 || off + len > captured)
                        return;
                    next = payload[off + len - 1];
                    off += len;
                }
            }
            if (off < captured) {
                const int version = payload[off] >> 4;
                if (version == 4 || version == 6) {
                    network(r, version == 4 ? Network::IPv4 : Network::IPv6, payload + off, captured - off, SIZE_MAX,
                        depth + 1, app);
                    return;
                }
            }
        }
        if (dport == 6081 && captured >= 8) {
            const size_t off = 8 + (payload[0] & 0x3f) * 4u;
            const uint16_t type = be16(payload + 2);
            if (off < captured) {
                const LinkFrame inner = type == 0x6558
                    ? LinkLayer::decodeEthernet(payload + off, captured - off, false)
                    : LinkLayer::decodeEthertype(type, payload + off, captured - off, 0);
                if (inner.network != Network::None)
                    network(r, inner.network, payload + off + inner.offset, captured - off - inner.offset, SIZE_MAX,
                        depth + 1, app);
                return;
            }
        }
    }

    const ConvKey key = makeKey(ip.src, sport, ip.dst, dport, IpProtocol::Udp);
    auto it = conversations.find(key);
    if (it != conversations.end() && it->second->last != 0 && r.ts - it->second->last > kUdpIdleTimeout) {
        finalize(*it->second);
        conversations.erase(it);
        it = conversations.end();
    }
    if (it == conversations.end()) {
        auto c = std::make_unique<Conversation>(*this, false, nextUdp++);
        ++stats.udpConversations;
        bool srcIsClient;
        if (r.direction)
            srcIsClient = r.direction == 2;
        else if (isServicePort(sport) != isServicePort(dport))
            srcIsClient = isServicePort(dport);
        else
            srcIsClient = true; // the first sender
        c->a = srcIsClient ? ip.src : ip.dst;
        c->pa = srcIsClient ? sport : dport;
        c->b = srcIsClient ? ip.dst : ip.src;
        c->pb = srcIsClient ? dport : sport;
        c->rolesCertain = true;
        c->firstFrame = r.frame;
        c->first = r.ts;
        c->last = r.ts;
        c->isDns = isDnsPort(sport) || isDnsPort(dport);
        it = conversations.emplace(key, std::move(c)).first;
    }
    Conversation& c = *it->second;
    const int dir = (ip.src == c.a && sport == c.pa) ? 0 : 1;
    if (r.ts > c.last)
        c.last = r.ts;
    c.bytes[dir] += static_cast<qint64>(wire);
    ++c.packets[dir];
    if (c.app < 0)
        c.app = appForPacket(app);
    if (c.isDns) {
        dnsMessage(payload, captured, r.ts, sport == 5353 || dport == 5353);
        return;
    }
    if (!c.isQuic && Http1Session::looksLikeRequest(payload, captured)) {
        // HTTP over UDP (SSDP, UPnP discovery): one request per datagram, no response to pair.
        c.udpHttp = true;
        Http1Session session(c, c.httpContext());
        const ChunkInfo info { r.ts, r.frame };
        session.data(ClientToServer, payload, captured, info);
        session.finish(r.ts);
        return;
    }
    if (c.quicDone)
        return;
    if (dir == ClientToServer) {
        if (!c.quic && Quic::looksLikeGoogleQuic(payload, captured)) {
            c.isQuic = true;
            QByteArray sni;
            if (Quic::googleChloSni(payload, captured, sni)) {
                TlsInfo& tls = c.tlsInfo();
                tls.hello.sni = sni;
                tls.clientHello = true;
                c.quicDone = true;
            } else if (++c.quicProbes >= kQuicProbeDatagrams) {
                c.quicDone = true;
            }
            return;
        }
        if (!c.quic) {
            if (Quic::looksLikeLongHeader(payload, captured)) {
                c.quic = std::make_unique<QuicInitialReader>();
                c.isQuic = true;
            } else if (++c.quicProbes >= kQuicProbeDatagrams) {
                c.quicDone = true;
                return;
            }
        }
        if (c.quic) {
            const auto state = c.quic->clientDatagram(payload, captured);
            if (state == QuicInitialReader::State::Done) {
                TlsInfo& tls = c.tlsInfo();
                tls.hello = c.quic->hello();
                tls.clientHello = true;
            }
            if (state != QuicInitialReader::State::NeedMore) {
                if (state == QuicInitialReader::State::NotQuic)
                    c.isQuic = false;
                c.quic.reset();
                c.quicDone = true;
            }
        }
    } else if (!c.isQuic && Quic::looksLikeLongHeader(payload, captured)) {
        c.isQuic = true; // the server side of a QUIC connection whose client Initial we did not see
    }
}

void PacketPipeline::Private::dnsMessage(const uint8_t* p, size_t n, int64_t ts, bool mdns)
{
    std::vector<Data::DnsAnswer> answers;
    if (Dns::parse(p, n, mdns, answers) == Dns::ParseResult::Malformed) {
        ++stats.malformedDns;
        return;
    }
    for (Data::DnsAnswer& a : answers) {
        a.ts = ts;
        dnsMap.add(Address::fromString(a.address), a.name, ts);
        sink.addDnsAnswer(a);
        ++stats.dnsAnswers;
    }
}

void PacketPipeline::Private::dnsOverHttps(const Data::Flow& f)
{
    // DNS over HTTPS (RFC 8484) answers name servers just like DNS does, once the HTTP is readable.
    if (!f.responseBody.present || !f.responseBody.contentEncoding.isEmpty()
        || !f.responseContentType.trimmed().startsWith(QStringLiteral("application/dns-message"), Qt::CaseInsensitive))
        return;
    const QByteArray& b = f.responseBody.data;
    dnsMessage(reinterpret_cast<const uint8_t*>(b.constData()), static_cast<size_t>(b.size()),
        f.tsEnd ? f.tsEnd : f.tsStart, false);
}

// ---------------------------------------------------------------------------------------------------------
// Output

void PacketPipeline::Private::emitFlow(Conversation& c, Data::Flow&& f)
{
    f.clientIp = c.client().toString();
    f.clientPort = c.clientPort();
    f.serverIp = c.server().toString();
    f.serverPort = c.serverPort();
    f.transport = c.tcp ? QStringLiteral("tcp") : QStringLiteral("udp");
    if (f.app.isEmpty())
        f.app = appFor(c.app);
    // An address literal in Host names nothing: leave the connection to SNI or DNS.
    if (c.httpHost.isEmpty() && !f.host.isEmpty() && f.l7 != u"socks" && !Address::fromString(f.host).family)
        c.httpHost = f.host;
    if (f.tsStart == 0)
        f.tsStart = c.first;
    dnsOverHttps(f);
    sink.addFlow(std::move(f));
    ++stats.flows;
}

void PacketPipeline::Private::finalize(Conversation& c)
{
    if (c.analyzer) {
        const ChunkInfo info { c.last, 0 };
        if (c.analysisActive) {
            bufferedTotal -= static_cast<int64_t>(c.reassembler[0].buffered() + c.reassembler[1].buffered());
            c.reassembler[0].flush(info, c, 0);
            c.reassembler[1].flush(info, c, 1);
        }
        c.analyzer->finish(c.last);
    }
    Data::Connection conn;
    conn.sourceRef = c.sourceRef();
    conn.transport = c.tcp ? QStringLiteral("tcp") : QStringLiteral("udp");
    conn.clientIp = c.client().toString();
    conn.clientPort = c.clientPort();
    conn.serverIp = c.server().toString();
    conn.serverPort = c.serverPort();
    const bool hello = c.tls && c.tls->clientHello;
    if (hello && !c.tls->hello.sni.isEmpty()) {
        conn.name = QString::fromUtf8(c.tls->hello.sni).toLower();
        conn.nameSource = c.isQuic ? QStringLiteral("quic-sni") : QStringLiteral("tls-sni");
    } else if (!c.httpHost.isEmpty()) {
        conn.name = c.httpHost;
        conn.nameSource = QStringLiteral("http-host");
    } else if (const QString dns = dnsMap.lookup(c.server(), c.first); !dns.isEmpty()) {
        conn.name = dns;
        conn.nameSource = QStringLiteral("dns");
    } else if (const QString nrb = resolvedNames.value(c.server()); !nrb.isEmpty()) {
        conn.name = nrb;
        conn.nameSource = QStringLiteral("pcapng-nrb");
    }
    if (c.isDns)
        conn.l7 = QStringLiteral("dns");
    else if (c.isQuic)
        conn.l7 = QStringLiteral("quic");
    else if (c.udpHttp)
        conn.l7 = QStringLiteral("http1");
    else if (!c.tcp)
        conn.l7 = (c.bytes[0] + c.bytes[1]) > 0 ? QStringLiteral("raw") : QString();
    else
        conn.l7 = protocolName(c.appProtocol);
    if (conn.l7.isEmpty() && c.bytes[0] + c.bytes[1] > 0)
        conn.l7 = QStringLiteral("raw"); // bytes we could not place (a capture that began mid-stream)
    if (c.tls)
        conn.alpn = c.tls->alpnText();
    conn.firstSeen = c.first;
    conn.lastSeen = c.last;
    conn.bytesUp = c.bytes[0];
    conn.bytesDown = c.bytes[1];
    conn.packetsUp = c.packets[0];
    conn.packetsDown = c.packets[1];
    conn.app = appFor(c.app);
    conn.flags = c.flags & Data::ReassemblyGap;
    if (conn.flags & Data::ReassemblyGap)
        ++gapConnections;
    const bool tls = c.appProtocol == AppProtocol::Tls || hello;
    if (c.isQuic) {
        conn.flags |= Data::Encrypted;
        ++quicConnections;
        if (hello && !c.tls->hello.sni.isEmpty())
            ++quicWithSni;
    } else if (tls) {
        conn.flags |= Data::Encrypted;
        ++tlsConnections;
        if (!hello)
            ++tlsWithoutHello;
    } else if (c.appProtocol == AppProtocol::Ssh) {
        conn.flags |= Data::Encrypted;
        ++sshConnections;
    }
    if (hello && c.tls->hello.ech)
        ++echConnections;
    if (tls && hello && !c.isQuic && c.tcp && !keys.isEmpty() && keys.covers(c.tls->hello.random)) {
        ++tlsMatchedKeys;
        Held h;
        h.random = QByteArray(reinterpret_cast<const char*>(c.tls->hello.random), 32);
        h.sni = QString::fromUtf8(c.tls->hello.sni);
        h.alpn = c.tls->alpnText();
        h.tlsVersion = c.tls->versionText();
        h.connection = std::move(conn);
        held.push_back(std::move(h));
        return;
    }
    sink.addConnection(std::move(conn));
}

void PacketPipeline::Private::sweep(int64_t at, bool all)
{
    std::vector<ConvKey> expired;
    for (const auto& [key, c] : conversations) {
        const int64_t timeout = c->tcp ? (c->closed() ? kTcpClosedTimeout : kTcpIdleTimeout) : kUdpIdleTimeout;
        if (all || (c->last != 0 && at - c->last > timeout))
            expired.push_back(key);
    }
    if (!all && conversations.size() - expired.size() > kMaxConversations) {
        // Too many live conversations: write the least recently active ones.
        std::vector<std::pair<int64_t, ConvKey>> byAge;
        byAge.reserve(conversations.size());
        for (const auto& [key, c] : conversations)
            byAge.emplace_back(c->last, key);
        const size_t drop = conversations.size() - kMaxConversations * 9 / 10;
        std::nth_element(byAge.begin(), byAge.begin() + static_cast<std::ptrdiff_t>(drop), byAge.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
        expired.clear();
        for (size_t i = 0; i < drop; ++i)
            expired.push_back(byAge[i].second);
    }
    // Write them in the order they started, so the output follows the capture.
    std::sort(expired.begin(), expired.end(), [this](const ConvKey& x, const ConvKey& y) {
        return conversations.at(x)->firstFrame < conversations.at(y)->firstFrame;
    });
    for (const ConvKey& key : expired) {
        auto it = conversations.find(key);
        finalize(*it->second);
        conversations.erase(it);
    }
    defragmenter.expire(at);
}

void PacketPipeline::Private::summarise()
{
    for (const auto& [linkType, n] : stats.unsupportedLinkTypes)
        sink.addWarning(QStringLiteral("%1 packet(s) use %2, which Leakscope cannot read; they were skipped")
                            .arg(n)
                            .arg(LinkLayer::name(linkType)));
    if (stats.badIp > 0)
        sink.addWarning(
            QStringLiteral("%1 packet(s) have a malformed or truncated IP header; they were skipped").arg(stats.badIp));
    if (stats.truncatedTransport > 0)
        sink.addWarning(QStringLiteral("%1 packet(s) were cut before the end of their TCP/UDP header (snaplen); "
                                       "they were skipped")
                            .arg(stats.truncatedTransport));
    if (defragmenter.abandoned() > 0 || defragmenter.pending() > 0)
        sink.addWarning(QStringLiteral("%1 fragmented IP datagram(s) could not be reassembled (fragments missing)")
                            .arg(defragmenter.abandoned() + defragmenter.pending()));
    if (gapConnections > 0)
        sink.addWarning(QStringLiteral("%1 connection(s) have bytes missing from the capture (reassembly gaps); "
                                       "what was read there is flagged incomplete")
                            .arg(gapConnections));
    if (stats.malformedDns > 0)
        sink.addWarning(
            QStringLiteral("%1 DNS message(s) are malformed; their answers were skipped").arg(stats.malformedDns));
    if (echConnections > 0)
        sink.addWarning(
            QStringLiteral("%1 TLS connection(s) offered Encrypted Client Hello: where the server accepted it, "
                           "the server name shown is the provider's public name, not the real destination "
                           "(browsers also send it as \"GREASE\", where the name is the real one)")
                .arg(echConnections));
    const int64_t encrypted = tlsConnections + quicConnections + sshConnections - stats.decryptedConnections;
    if (encrypted > 0) {
        QStringList parts;
        if (tlsConnections - stats.decryptedConnections > 0)
            parts << QStringLiteral("%1 TLS").arg(tlsConnections - stats.decryptedConnections);
        if (quicConnections > 0)
            parts << QStringLiteral("%1 QUIC").arg(quicConnections);
        if (sshConnections > 0)
            parts << QStringLiteral("%1 SSH").arg(sshConnections);
        QString why;
        if (!keysGiven)
            why = QStringLiteral("no TLS key log was given, so only their server names, sizes and timing are known "
                                 "(import the capture with its SSLKEYLOGFILE to read them)");
        else if (tlsMatchedKeys == 0 && tlsConnections > 0)
            why = QStringLiteral("the key log matches none of them (it holds keys for %1 other TLS session(s))")
                      .arg(keys.clientRandomCount());
        else
            why = QStringLiteral("only their server names, sizes and timing are known");
        sink.addWarning(
            QStringLiteral("%1 connection(s) stay encrypted: %2").arg(parts.join(QStringLiteral(", ")), why));
        if (keysGiven && quicConnections > 0)
            sink.addWarning(
                QStringLiteral("QUIC connections are not decrypted by this version of Leakscope, even with keys"));
        if (keysGiven && tlsMatchedKeys > 0 && tlsConnections - tlsMatchedKeys > 0)
            sink.addWarning(QStringLiteral("%1 TLS connection(s) have no keys in the key log")
                                .arg(tlsConnections - tlsMatchedKeys));
    }
    if (tlsWithoutHello > 0)
        sink.addWarning(QStringLiteral("%1 TLS connection(s) started before the capture or lost their ClientHello: "
                                       "their server name is unknown")
                            .arg(tlsWithoutHello));
}

// ---------------------------------------------------------------------------------------------------------

PacketPipeline::PacketPipeline(CaptureSink& sink, const QString& sourceFormat)
    : d(std::make_unique<Private>(sink, sourceFormat))
{ }

PacketPipeline::~PacketPipeline() = default;

void PacketPipeline::packet(const PacketRecord& packet)
{
    d->packet(packet);
}

void PacketPipeline::addPcapdroidApp(const Pcapdroid::UidMapping& mapping)
{
    d->uidMap.insert(mapping.uid, mapping);
}

void PacketPipeline::addNameResolution(const Address& address, const QString& name)
{
    if (address.family && !name.isEmpty() && !d->resolvedNames.contains(address))
        d->resolvedNames.insert(address, name.toLower());
}

void PacketPipeline::addKeyLog(const QByteArray& text, const QString& origin)
{
    d->keysGiven = true;
    int ignored = 0;
    const int usable = d->keys.addText(text, &ignored);
    if (usable == 0)
        d->sink.addWarning(QStringLiteral("%1 holds no TLS keys Leakscope can use").arg(origin));
    else if (ignored > 0)
        d->sink.addWarning(
            QStringLiteral("%1: %2 line(s) are not key log entries and were ignored").arg(origin).arg(ignored));
}

void PacketPipeline::addKeyLogFile(const QString& path, bool foundNextToCapture)
{
    QFile f(path);
    const QString name = QFileInfo(path).fileName();
    if (!f.open(QIODevice::ReadOnly)) {
        d->keysGiven = true;
        d->sink.addWarning(
            QStringLiteral("the TLS key log %1 cannot be read (%2); TLS stays encrypted").arg(name, f.errorString()));
        return;
    }
    if (f.size() > (64 << 20)) {
        d->keysGiven = true;
        d->sink.addWarning(QStringLiteral("the TLS key log %1 is larger than 64 MiB; it was not used").arg(name));
        return;
    }
    addKeyLog(f.readAll(),
        foundNextToCapture ? QStringLiteral("the TLS key log %1 (found next to the capture)").arg(name)
                           : QStringLiteral("the TLS key log %1").arg(name));
}

bool PacketPipeline::finish(const QString& capturePath, const QString& compression, const ProgressCallback& progress)
{
    d->sweep(d->now, true);
    if (!d->held.empty() && !d->decrypt(capturePath, compression, progress))
        return false;
    d->summarise();
    return true;
}

const PacketPipeline::Stats& PacketPipeline::stats() const
{
    return d->stats;
}

QString PacketPipeline::summary() const
{
    QStringList links;
    for (const auto& [linkType, n] : d->linkTypes)
        links << QStringLiteral("%1 (%2 packets)").arg(LinkLayer::name(linkType)).arg(n);
    QString s = QStringLiteral("%1 packets; %2 TCP and %3 UDP conversations; %4 HTTP exchanges; %5 DNS answers")
                    .arg(d->stats.packets)
                    .arg(d->stats.tcpConversations)
                    .arg(d->stats.udpConversations)
                    .arg(d->stats.flows)
                    .arg(d->stats.dnsAnswers);
    if (!links.isEmpty())
        s += QStringLiteral("; link types: ") + links.join(QStringLiteral(", "));
    if (d->stats.sniffedRaw > 0)
        s += QStringLiteral("; %1 Ethernet-labelled packets held bare IP (iOS rvictl, PCAPdroid)")
                 .arg(d->stats.sniffedRaw);
    if (d->stats.pcapdroidTrailers > 0)
        s += QStringLiteral("; %1 packets carry a PCAPdroid app trailer").arg(d->stats.pcapdroidTrailers);
    if (d->stats.decryptedConnections > 0)
        s += QStringLiteral("; %1 TLS connections decrypted (%2 HTTP exchanges)")
                 .arg(d->stats.decryptedConnections)
                 .arg(d->stats.decryptedFlows);
    return s;
}

} // namespace Packet
