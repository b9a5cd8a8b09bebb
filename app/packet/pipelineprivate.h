// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The packet pipeline's state, shared by its packet path (packetpipeline.cpp) and TLS decryption
// (pipelinedecryption.cpp). Not part of the pipeline's interface.

#include "dnsmap.h"
#include "dnsovertcp.h"
#include "http1parser.h"
#include "http2parser.h"
#include "ip.h"
#include "ipdefragmenter.h"
#include "keylog.h"
#include "linklayer.h"
#include "packetpipeline.h"
#include "protocoldetector.h"
#include "quicinitial.h"
#include "socks.h"
#include "tcpreassembler.h"
#include "tlsclienthello.h"

#include <QHash>

#include <unordered_map>

namespace Packet {

/// A conversation's key: its two endpoints in a fixed order, so both directions find the same entry.
struct ConvKey
{
    Address a;
    Address b;
    uint16_t pa = 0;
    uint16_t pb = 0;
    uint8_t protocol = 0;
    bool operator==(const ConvKey& o) const
    {
        return pa == o.pa && pb == o.pb && protocol == o.protocol && a == o.a && b == o.b;
    }
};

struct ConvKeyHash
{
    size_t operator()(const ConvKey& k) const noexcept
    {
        uint64_t h = k.a.hash() ^ (k.b.hash() * 0x9E3779B97F4A7C15ull);
        h ^= (uint64_t(k.pa) << 32 | uint64_t(k.pb) << 8 | k.protocol) * 0xC2B2AE3D27D4EB4Full;
        return static_cast<size_t>(h ^ (h >> 29));
    }
};

/// "192.0.2.1", "[2001:db8::1]:8080": a server address as an HTTP authority.
inline QString authority(const Address& a, uint16_t port, uint16_t defaultPort)
{
    const QString host = a.family == 6 ? QStringLiteral("[%1]").arg(a.toString()) : a.toString();
    return port == defaultPort ? host : QStringLiteral("%1:%2").arg(host).arg(port);
}

class Conversation;

/// What a packet says about the app that sent it (PCAPdroid trailer or comment, PKTAP process). Turned into
/// an app only when the packet's conversation does not have one yet, so most packets cost nothing here.
struct PacketApp
{
    const PacketRecord& record;
    const LinkFrame& frame;
    int index = -2; ///< -2: not looked at yet
};

class PacketPipeline::Private
{
public:
    Private(CaptureSink& sink, const QString& format)
        : sink(sink)
        , format(format)
    { }

    void packet(const PacketRecord& r);
    void network(
        const PacketRecord& r, Network net, const uint8_t* p, size_t n, size_t wireLimit, int depth, PacketApp& app);
    void tcp(const PacketRecord& r, const IpPacket& ip, PacketApp& app);
    void udp(const PacketRecord& r, const IpPacket& ip, int depth, PacketApp& app);
    void gre(const PacketRecord& r, const uint8_t* p, size_t n, int depth, PacketApp& app);
    int appForPacket(PacketApp& app);
    int appIndex(const QString& key, Data::AppIdentity&& identity);
    Data::AppIdentity appFor(int index) const;
    void dnsMessage(const uint8_t* p, size_t n, int64_t ts, bool mdns);
    void dnsOverHttps(const Data::Flow& f);
    void emitFlow(Conversation& c, Data::Flow&& flow);
    void finalize(Conversation& c);
    void sweep(int64_t now, bool all);
    bool decrypt(const QString& capturePath, const QString& compression, const ProgressCallback& progress);
    void summarise();

    CaptureSink& sink;
    QString format;
    Stats stats;
    std::unordered_map<ConvKey, std::unique_ptr<Conversation>, ConvKeyHash> conversations;
    int64_t nextTcp = 0;
    int64_t nextUdp = 0;
    IpDefragmenter defragmenter;
    BodyBudget bodyBudget;
    DnsMap dnsMap;
    QHash<Address, QString> resolvedNames; ///< pcapng NRB
    std::vector<Data::AppIdentity> apps;
    QHash<QString, int> appIndexByKey;
    QHash<int, Pcapdroid::UidMapping> uidMap;
    KeyLog keys;
    bool keysGiven = false;
    struct Held
    {
        Data::Connection connection;
        QByteArray random;
        QString sni;
        QString alpn;
        QString tlsVersion;
    };
    std::vector<Held> held; ///< TLS connections the key log covers, written after decryption
    int64_t now = 0;
    int64_t lastSweep = 0;
    int64_t bufferedTotal = 0;
    std::map<int, int64_t> linkTypes;
    // For the summary warnings.
    int64_t tlsConnections = 0;
    int64_t quicConnections = 0;
    int64_t quicWithSni = 0;
    int64_t sshConnections = 0;
    int64_t tlsWithoutHello = 0;
    int64_t echConnections = 0;
    int64_t gapConnections = 0;
    int64_t tlsMatchedKeys = 0;
};

/// One TCP or UDP conversation: counts, the application readers, and what they learned. It is the
/// reassemblers' output, the HTTP readers' sink and the protocol detector's host.
class Conversation final : public StreamAnalyzer, public HttpFlowSink, public DetectorHost
{
public:
    Conversation(PacketPipeline::Private& pipeline, bool tcp, int64_t index)
        : p(pipeline)
        , tcp(tcp)
        , index(index)
        , m_tunnelHost(*this)
    { }

    // StreamAnalyzer: reassembled bytes by internal direction, forwarded by logical direction.
    void data(int internal, const uint8_t* bytes, size_t length, const ChunkInfo& info) override
    {
        if (analyzer)
            analyzer->data(internal ^ int(swapped), bytes, length, info);
    }
    void gap(int internal, uint64_t length, const ChunkInfo& info) override
    {
        flags |= Data::ReassemblyGap;
        if (analyzer)
            analyzer->gap(internal ^ int(swapped), length, info);
    }
    void finish(int64_t) override { }
    bool done() const override
    {
        return !analyzer || analyzer->done();
    }

    // HttpFlowSink
    void httpFlow(Data::Flow&& flow) override
    {
        p.emitFlow(*this, std::move(flow));
    }
    std::unique_ptr<StreamAnalyzer> tunnelAnalyzer() override
    {
        return std::make_unique<ProtocolDetector>(m_tunnelHost);
    }

    // DetectorHost
    std::unique_ptr<StreamAnalyzer> analyzerFor(AppProtocol protocol) override
    {
        switch (protocol) {
        case AppProtocol::Tls:
            return std::make_unique<TlsAnalyzer>(tlsInfo());
        case AppProtocol::Http1:
            return std::make_unique<Http1Session>(*this, httpContext());
        case AppProtocol::Http2:
            return std::make_unique<Http2Session>(*this, httpContext());
        case AppProtocol::Socks:
            return std::make_unique<SocksSession>(*this, httpContext());
        default:
            return nullptr;
        }
    }
    void detected(AppProtocol protocol) override
    {
        if (appProtocol == AppProtocol::Unknown)
            appProtocol = protocol;
    }
    bool swapRoles() override
    {
        if (rolesCertain)
            return false;
        swapped = !swapped;
        std::swap(bytes[0], bytes[1]);
        std::swap(packets[0], packets[1]);
        rolesCertain = true;
        return true;
    }
    bool startedMidStream() const override
    {
        return midStream;
    }

    TlsInfo& tlsInfo()
    {
        if (!tls)
            tls = std::make_unique<TlsInfo>();
        return *tls;
    }
    HttpContext httpContext() const
    {
        HttpContext c;
        c.scheme = QStringLiteral("http");
        c.serverAuthority = authority(server(), serverPort(), 80);
        c.sourceRef = sourceRef();
        c.budget = &p.bodyBudget;
        return c;
    }
    QString sourceRef() const
    {
        return QStringLiteral("%1:%2_stream=%3")
            .arg(p.format, tcp ? QStringLiteral("tcp") : QStringLiteral("udp"))
            .arg(index);
    }
    const Address& client() const
    {
        return swapped ? b : a;
    }
    const Address& server() const
    {
        return swapped ? a : b;
    }
    uint16_t clientPort() const
    {
        return swapped ? pb : pa;
    }
    uint16_t serverPort() const
    {
        return swapped ? pa : pb;
    }
    bool closed() const
    {
        return rst || (fin[0] && fin[1]);
    }

    PacketPipeline::Private& p;
    bool tcp;
    int64_t index;
    // a/pa: the side first taken for the client; internal direction 0 is a → b.
    Address a, b;
    uint16_t pa = 0, pb = 0;
    bool swapped = false;
    bool rolesCertain = false;
    bool midStream = false;
    int64_t firstFrame = 0;
    int64_t first = 0;
    int64_t last = 0;
    qint64 bytes[2] = { 0, 0 };
    qint64 packets[2] = { 0, 0 };
    bool fin[2] = { false, false };
    bool rst = false;
    bool synSeen = false;
    uint32_t isn[2] = { 0, 0 };
    bool isnKnown[2] = { false, false };
    int app = -1;
    AppProtocol appProtocol = AppProtocol::Unknown;
    bool isDns = false;
    bool isQuic = false;
    bool udpHttp = false;
    bool quicDone = false;
    int quicProbes = 0;
    QString httpHost;
    quint32 flags = 0;
    std::unique_ptr<TlsInfo> tls;
    std::unique_ptr<StreamAnalyzer> analyzer;
    bool analysisActive = false;
    TcpReassembler reassembler[2];
    std::unique_ptr<QuicInitialReader> quic;

private:
    /// Detection inside a CONNECT tunnel or an unknown Upgrade: same readers, but the conversation keeps
    /// the protocol it was detected as and its roles.
    class TunnelHost : public DetectorHost
    {
    public:
        explicit TunnelHost(Conversation& c)
            : m_c(c)
        { }
        std::unique_ptr<StreamAnalyzer> analyzerFor(AppProtocol protocol) override
        {
            return m_c.analyzerFor(protocol);
        }
        void detected(AppProtocol) override { }
        bool swapRoles() override
        {
            return false;
        }
        bool startedMidStream() const override
        {
            return false;
        }

    private:
        Conversation& m_c;
    };
    TunnelHost m_tunnelHost;
};

} // namespace Packet
