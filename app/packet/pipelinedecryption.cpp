// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// TLS decryption of the conversations a key log covers, after the packet pass: tshark decrypts
// (tlsdecryptor.h), our own readers read the plaintext, and the held connections are written.
#include "ingest/bytesource.h"
#include "pipelineprivate.h"
#include "tlsdecryptor.h"

#include <QFileInfo>
#include <QHash>
#include <QTemporaryFile>

namespace Packet {

namespace {

/// The plaintext of a decrypted connection that is not HTTP, as one flow: client bytes as the request body,
/// server bytes as the response body (each kept up to HttpContext::maxBody).
class DecryptedBytes final : public StreamAnalyzer
{
public:
    DecryptedBytes(HttpFlowSink& sink, const HttpContext& context)
        : m_sink(sink)
        , m_context(context)
    {
        m_flow.l7 = QStringLiteral("raw");
        m_flow.sourceRef = context.sourceRef;
    }
    void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) override
    {
        if (m_flow.tsStart == 0)
            m_flow.tsStart = info.ts;
        m_flow.tsEnd = std::max<int64_t>(m_flow.tsEnd, info.ts);
        Data::Body& body = direction == ClientToServer ? m_flow.requestBody : m_flow.responseBody;
        body.present = true;
        body.wireSize = std::max<qint64>(body.wireSize, 0) + static_cast<qint64>(length);
        qint64 keep = std::min<qint64>(m_context.maxBody - body.data.size(), static_cast<qint64>(length));
        if (keep > 0 && m_context.budget && !m_context.budget->take(keep))
            keep = 0;
        if (keep > 0)
            body.data.append(reinterpret_cast<const char*>(bytes), keep);
        if (keep < static_cast<qint64>(length))
            m_flow.flags |= Data::BodyTruncated;
    }
    void gap(int, uint64_t, const ChunkInfo&) override
    {
        m_flow.flags |= Data::ReassemblyGap;
    }
    void finish(int64_t) override
    {
        if (m_emitted)
            return;
        m_emitted = true;
        for (Data::Body* b : { &m_flow.requestBody, &m_flow.responseBody }) {
            if (b->present)
                b->decodedSize = b->wireSize;
        }
        releaseBodies(m_context.budget, m_flow);
        m_sink.httpFlow(std::move(m_flow));
    }
    bool done() const override
    {
        return false;
    }

private:
    HttpFlowSink& m_sink;
    HttpContext m_context;
    Data::Flow m_flow;
    bool m_emitted = false;
};

/// Receives the HTTP read from one decrypted TLS connection.
class DecryptedConnection final : public HttpFlowSink, public DetectorHost
{
public:
    DecryptedConnection(PacketPipeline::Private& p, const Data::Connection& c, const QString& sni, const QString& alpn,
        const QString& tlsVersion, const Data::AppIdentity& app)
        : m_p(p)
        , m_connection(c)
        , m_sni(sni)
        , m_alpn(alpn)
        , m_tlsVersion(tlsVersion)
        , m_app(app)
        , m_detector(*this)
    { }
    void httpFlow(Data::Flow&& f) override
    {
        f.clientIp = m_connection.clientIp;
        f.clientPort = m_connection.clientPort;
        f.serverIp = m_connection.serverIp;
        f.serverPort = m_connection.serverPort;
        f.transport = QStringLiteral("tcp");
        f.sni = m_sni;
        f.alpn = m_alpn;
        f.tlsVersion = m_tlsVersion;
        f.flags |= Data::Decrypted;
        if (f.host.isEmpty())
            f.host = m_sni.toLower();
        if (f.app.isEmpty())
            f.app = m_app;
        m_p.dnsOverHttps(f);
        m_p.sink.addFlow(std::move(f));
        ++m_p.stats.flows;
        ++m_p.stats.decryptedFlows;
    }
    std::unique_ptr<StreamAnalyzer> tunnelAnalyzer() override
    {
        return nullptr;
    }
    std::unique_ptr<StreamAnalyzer> analyzerFor(AppProtocol protocol) override
    {
        HttpContext context;
        context.scheme = QStringLiteral("https");
        const Address server = Address::fromString(m_connection.serverIp);
        context.serverAuthority = authority(server, static_cast<uint16_t>(m_connection.serverPort), 443);
        context.sourceRef = m_connection.sourceRef;
        context.budget = &m_p.bodyBudget;
        if (protocol == AppProtocol::Http1)
            return std::make_unique<Http1Session>(*this, context);
        if (protocol == AppProtocol::Http2)
            return std::make_unique<Http2Session>(*this, context);
        // Decrypted, but not HTTP (MQTT, a custom protocol, …): keep the bytes each way as one flow, so what
        // the keys revealed can still be read and searched.
        return std::make_unique<DecryptedBytes>(*this, context);
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
    ProtocolDetector& reader()
    {
        return m_detector;
    }

private:
    PacketPipeline::Private& m_p;
    const Data::Connection& m_connection;
    QString m_sni, m_alpn, m_tlsVersion;
    Data::AppIdentity m_app;
    ProtocolDetector m_detector;
};

} // namespace

bool PacketPipeline::Private::decrypt(
    const QString& capturePath, const QString& compression, const ProgressCallback& progress)
{
    const qint64 count = static_cast<qint64>(held.size());
    auto release = [&](bool decrypted) {
        for (Held& h : held) {
            if (decrypted)
                h.connection.flags = (h.connection.flags & ~quint32(Data::Encrypted)) | Data::Decrypted;
            sink.addConnection(std::move(h.connection));
        }
        held.clear();
    };
    const QString tshark = TlsDecryptor::tsharkPath();
    if (tshark.isEmpty()) {
        sink.addWarning(QStringLiteral("%1 TLS connection(s) have keys in the key log, but they stay encrypted: "
                                       "decryption uses Wireshark's tshark, which is not installed (Debian "
                                       "package \"tshark\"). Install it and import the capture again.")
                            .arg(count));
        release(false);
        return true;
    }
    QTemporaryFile keyFile;
    if (!keyFile.open() || keyFile.write(keys.text()) != keys.text().size() || !keyFile.flush()) {
        sink.addWarning(
            QStringLiteral("TLS decryption skipped: cannot write a temporary key log (%1)").arg(keyFile.errorString()));
        release(false);
        return true;
    }
    // tshark reads gzip itself; other compression is undone into a temporary copy it can read.
    QString input = capturePath;
    QTemporaryFile plainCopy;
    if (!compression.isEmpty() && compression != u"gzip") {
        QString error;
        auto source = ByteSource::open(capturePath, &error);
        if (!source || !plainCopy.open()) {
            sink.addWarning(QStringLiteral("TLS decryption skipped: cannot decompress the capture for tshark (%1)")
                                .arg(source ? plainCopy.errorString() : error));
            release(false);
            return true;
        }
        QByteArray block(1 << 20, Qt::Uninitialized);
        qint64 n;
        while ((n = source->read(block.data(), block.size())) > 0)
            plainCopy.write(block.constData(), n);
        plainCopy.flush();
        input = plainCopy.fileName();
    }

    QHash<QByteArray, int> byRandom;
    for (size_t i = 0; i < held.size(); ++i)
        byRandom.insert(held[i].random, static_cast<int>(i));
    QHash<uint32_t, int> byStream;
    std::vector<std::unique_ptr<DecryptedConnection>> readers(held.size());
    std::vector<bool> gotData(held.size(), false);
    TlsDecryptor decryptor;
    QString error;
    bool cancelled = false;
    const qint64 total = QFileInfo(capturePath).size();
    const bool ok = decryptor.run(
        input, keyFile.fileName(),
        [&](const TlsDecryptor::Hello& h) {
            const int i = byRandom.value(h.random, -1);
            if (i >= 0)
                byStream.insert(h.stream, i);
        },
        [&](const TlsDecryptor::Chunk& chunk) {
            const int i = byStream.value(chunk.stream, -1);
            if (i < 0)
                return;
            const size_t index = static_cast<size_t>(i);
            Held& h = held[index];
            if (!readers[index])
                readers[index] = std::make_unique<DecryptedConnection>(
                    *this, h.connection, h.sni, h.alpn, h.tlsVersion, h.connection.app);
            gotData[index] = true;
            const int direction = chunk.sourcePort == h.connection.clientPort ? ClientToServer : ServerToClient;
            readers[index]->reader().data(direction, reinterpret_cast<const uint8_t*>(chunk.data.constData()),
                static_cast<size_t>(chunk.data.size()), ChunkInfo { chunk.ts, chunk.frame });
        },
        [&]() {
            if (progress && !progress(total, total)) {
                cancelled = true;
                return false;
            }
            return true;
        },
        &error);
    if (cancelled)
        return false;
    int64_t decrypted = 0;
    for (size_t i = 0; i < held.size(); ++i) {
        if (readers[i])
            readers[i]->reader().finish(held[i].connection.lastSeen);
        if (gotData[i]) {
            held[i].connection.flags = (held[i].connection.flags & ~quint32(Data::Encrypted)) | Data::Decrypted;
            ++decrypted;
        }
    }
    stats.decryptedConnections = decrypted;
    if (!ok)
        sink.addWarning(
            QStringLiteral("TLS decryption with tshark failed: %1. The %2 TLS connection(s) with keys stay encrypted.")
                .arg(error)
                .arg(count - decrypted));
    else if (decrypted < count)
        sink.addWarning(QStringLiteral("%1 of %2 TLS connection(s) with keys in the key log could not be decrypted "
                                       "(tshark produced no plaintext for them: the keys may be wrong or the "
                                       "handshake incomplete); they stay encrypted")
                            .arg(count - decrypted)
                            .arg(count));
    for (Held& h : held)
        sink.addConnection(std::move(h.connection));
    held.clear();
    readers.clear();
    return true;
}

} // namespace Packet
