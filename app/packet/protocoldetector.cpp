// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocoldetector.h"

#include "http1parser.h"
#include "http2parser.h"
#include "socks.h"
#include "tlsclienthello.h"

#include <cstring>

namespace Packet {

namespace {

constexpr char kPreface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
constexpr qsizetype kPrefaceLength = sizeof kPreface - 1;
constexpr qsizetype kEnough = 32; ///< bytes that decide every protocol we know

const uint8_t* u8(const QByteArray& b)
{
    return reinterpret_cast<const uint8_t*>(b.constData());
}

bool isMethodPrefix(const QByteArray& b)
{
    for (char c : b) {
        if (!((c >= 'A' && c <= 'Z') || c == '-' || c == '_'))
            return c == ' ' && b.size() > 3;
    }
    return b.size() < 24;
}

} // namespace

DetectorHost::~DetectorHost() = default;

ProtocolDetector::ProtocolDetector(DetectorHost& host)
    : m_host(host)
{ }

ProtocolDetector::~ProtocolDetector() = default;

ProtocolDetector::Verdict ProtocolDetector::classifyClient(const QByteArray& b, AppProtocol& out) const
{
    const size_t n = static_cast<size_t>(b.size());
    if (n == 0)
        return Verdict::Wait;
    if (Tls::looksLikeHandshake(u8(b), n)) {
        out = AppProtocol::Tls;
        return Verdict::Found;
    }
    if (n < 3 && b[0] == 22)
        return Verdict::Wait;
    if (b.size() >= kPrefaceLength ? b.startsWith(kPreface) : QByteArray(kPreface).startsWith(b)) {
        if (b.size() < kPrefaceLength)
            return Verdict::Wait;
        out = AppProtocol::Http2;
        return Verdict::Found;
    }
    if (b.startsWith("SSH-")) {
        out = AppProtocol::Ssh;
        return Verdict::Found;
    }
    if (Http1Session::looksLikeRequest(u8(b), n)) {
        out = AppProtocol::Http1;
        return Verdict::Found;
    }
    if (isMethodPrefix(b) && !b.contains(' '))
        return Verdict::Wait;
    if (SocksSession::looksLikeClientHello(u8(b), n)) {
        out = AppProtocol::Socks;
        return Verdict::Found;
    }
    return Verdict::Unknown;
}

ProtocolDetector::Verdict ProtocolDetector::classifyServer(const QByteArray& b, AppProtocol& out) const
{
    const size_t n = static_cast<size_t>(b.size());
    if (n == 0)
        return Verdict::Wait;
    if (b.startsWith("SSH-")) {
        out = AppProtocol::Ssh;
        return Verdict::Found;
    }
    if (n < 9 && QByteArray("HTTP/1.").startsWith(b.left(7)))
        return Verdict::Wait;
    if (Http1Session::looksLikeResponse(u8(b), n)) {
        out = AppProtocol::Http1; // the capture missed the request; the reader skips the orphan response
        return Verdict::Found;
    }
    if (Tls::looksLikeHandshake(u8(b), n)) {
        out = AppProtocol::Tls;
        return Verdict::Found;
    }
    return Verdict::Unknown;
}

void ProtocolDetector::data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info)
{
    if (m_inner) {
        m_inner->data(direction, bytes, length, info);
        return;
    }
    if (m_decided)
        return;
    if (m_scanning) {
        // A capture that began mid-connection: wait for a segment that starts a request.
        if (direction == ClientToServer && Http1Session::looksLikeRequest(bytes, length)) {
            m_buffer[0].clear();
            m_buffer[1].clear();
            decide(AppProtocol::Http1, info);
            if (m_inner)
                m_inner->data(direction, bytes, length, info);
        } else if (++m_scans > kMaxScans) {
            decide(AppProtocol::Raw, info);
        }
        return;
    }
    QByteArray& buffer = m_buffer[direction];
    if (buffer.isEmpty())
        m_first[direction] = info;
    // Hold back at most kEnough bytes per direction; once they decide, the rest of the chunk passes through.
    const size_t take = std::min<size_t>(length, static_cast<size_t>(std::max<qsizetype>(kEnough - buffer.size(), 0)));
    buffer.append(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(take));
    m_swapped = false;
    tryDecide(false, info);
    if (m_inner && take < length)
        m_inner->data(m_swapped ? 1 - direction : direction, bytes + take, length - take, info);
}

void ProtocolDetector::tryDecide(bool final, const ChunkInfo& info)
{
    AppProtocol p = AppProtocol::Unknown;
    Verdict client = classifyClient(m_buffer[ClientToServer], p);
    if (client == Verdict::Found) {
        decide(p, info);
        return;
    }
    if (!m_buffer[ServerToClient].isEmpty()) {
        // The "server" may really be the client (roles guessed from ports, capture without the SYN).
        AppProtocol q = AppProtocol::Unknown;
        if (m_buffer[ClientToServer].isEmpty() && classifyClient(m_buffer[ServerToClient], q) == Verdict::Found
            && q != AppProtocol::Ssh
            && (q != AppProtocol::Tls || m_buffer[ServerToClient].size() < 6 || m_buffer[ServerToClient][5] == 1)
            && m_host.swapRoles()) {
            std::swap(m_buffer[0], m_buffer[1]);
            std::swap(m_first[0], m_first[1]);
            m_swapped = true;
            decide(q, info);
            return;
        }
        const Verdict server = classifyServer(m_buffer[ServerToClient], p);
        if (server == Verdict::Found && (client == Verdict::Unknown || m_buffer[ClientToServer].isEmpty())) {
            decide(p, info);
            return;
        }
        if (server == Verdict::Wait && !final)
            return;
    }
    if (client == Verdict::Wait && !final && m_buffer[ClientToServer].size() < kEnough)
        return;
    if (m_buffer[ClientToServer].isEmpty() && !final)
        return;
    if (m_host.startedMidStream() && !final) {
        m_scanning = true;
        m_buffer[0].clear();
        m_buffer[1].clear();
        return;
    }
    decide(AppProtocol::Raw, info);
}

void ProtocolDetector::decide(AppProtocol protocol, const ChunkInfo&)
{
    m_decided = true;
    m_scanning = false;
    m_host.detected(protocol);
    m_inner = m_host.analyzerFor(protocol);
    if (!m_inner) {
        m_buffer[0] = QByteArray();
        m_buffer[1] = QByteArray();
        return;
    }
    // Replay what was held back while deciding. The buffers keep at most kEnough bytes of the first chunk,
    // which is why the detector never holds more than that: the rest of a chunk passes straight through.
    for (int d = 0; d < 2; ++d) {
        const QByteArray b = std::move(m_buffer[d]);
        m_buffer[d] = QByteArray();
        if (!b.isEmpty() && m_inner)
            m_inner->data(d, u8(b), static_cast<size_t>(b.size()), m_first[d]);
    }
}

void ProtocolDetector::gap(int direction, uint64_t length, const ChunkInfo& info)
{
    if (m_inner) {
        m_inner->gap(direction, length, info);
        return;
    }
    if (!m_decided && !m_scanning) {
        // Bytes are missing before we could tell: look for the next request line.
        m_scanning = true;
        m_buffer[0].clear();
        m_buffer[1].clear();
    }
}

void ProtocolDetector::end(int direction, const ChunkInfo& info)
{
    if (m_inner)
        m_inner->end(direction, info);
}

void ProtocolDetector::finish(int64_t ts)
{
    if (!m_decided && !m_scanning && (!m_buffer[0].isEmpty() || !m_buffer[1].isEmpty()))
        tryDecide(true, ChunkInfo { ts, 0 });
    if (m_inner)
        m_inner->finish(ts);
}

bool ProtocolDetector::done() const
{
    if (m_inner)
        return m_inner->done();
    return m_decided;
}

} // namespace Packet
