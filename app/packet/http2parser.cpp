// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "http2parser.h"

#include "bytes.h"
#include "common/httputil.h"

#include <cstring>
#include <nghttp2/nghttp2.h>

namespace Packet {

namespace {

constexpr char kPreface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
constexpr size_t kPrefaceLength = sizeof kPreface - 1;

enum FrameType : uint8_t
{
    Data = 0,
    Headers = 1,
    Priority = 2,
    RstStream = 3,
    Settings = 4,
    PushPromise = 5,
    Ping = 6,
    GoAway = 7,
    WindowUpdate = 8,
    Continuation = 9
};
enum Flag : uint8_t
{
    EndStream = 0x1,
    Ack = 0x1,
    EndHeaders = 0x4,
    Padded = 0x8,
    PriorityFlag = 0x20
};

QString errorName(uint32_t code)
{
    static const char* const names[] = { "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR",
        "SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
        "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED" };
    if (code < sizeof names / sizeof names[0])
        return QString::fromLatin1(names[code]);
    return QStringLiteral("error 0x%1").arg(code, 0, 16);
}

void appendBody(Data::Body& body, const uint8_t* data, size_t length, qint64 max, BodyBudget* budget, bool& tooBig)
{
    body.present = true;
    body.wireSize = std::max<qint64>(body.wireSize, 0) + static_cast<qint64>(length);
    const qint64 room = max - body.data.size();
    qint64 keep = std::min<qint64>(room, static_cast<qint64>(length));
    if (keep > 0 && budget && !budget->take(keep))
        keep = 0;
    if (keep > 0)
        body.data.append(reinterpret_cast<const char*>(data), keep);
    if (keep < static_cast<qint64>(length))
        tooBig = true;
}

} // namespace

bool Http2Session::startsWithPreface(const uint8_t* data, size_t length)
{
    return length >= kPrefaceLength && memcmp(data, kPreface, kPrefaceLength) == 0;
}

Http2Session::Http2Session(HttpFlowSink& sink, const HttpContext& context, std::optional<Data::Flow> upgradeRequest)
    : m_sink(sink)
    , m_context(context)
{
    for (Side& side : m_side) {
        if (nghttp2_hd_inflate_new(&side.inflater) != 0)
            side.broken = true;
    }
    m_side[ClientToServer].prefaceLeft = kPrefaceLength;
    if (upgradeRequest) {
        Stream s;
        s.flow = std::move(*upgradeRequest);
        s.flow.httpVersion = QStringLiteral("HTTP/2");
        s.flow.l7 = QStringLiteral("h2");
        s.haveRequest = true;
        s.requestEnded = true;
        m_streams.emplace(1u, std::move(s));
    }
}

Http2Session::~Http2Session()
{
    for (Side& side : m_side) {
        if (side.inflater)
            nghttp2_hd_inflate_del(side.inflater);
    }
}

void Http2Session::markBroken(int direction)
{
    m_side[direction].broken = true;
    m_side[direction].buffer.clear();
    for (auto& [id, s] : m_streams)
        s.flow.flags |= Data::ReassemblyGap;
}

void Http2Session::data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info)
{
    Side& side = m_side[direction];
    if (side.broken)
        return;
    if (side.prefaceLeft > 0) {
        // The client preface; tolerate its absence (the capture may start after it).
        const size_t offset = kPrefaceLength - side.prefaceLeft;
        const size_t n = std::min(side.prefaceLeft, length);
        if (memcmp(bytes, kPreface + offset, n) == 0) {
            side.prefaceLeft -= n;
            bytes += n;
            length -= n;
        } else {
            side.prefaceLeft = 0;
        }
    }
    side.buffer.append(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(length));
    qsizetype pos = 0;
    while (!side.broken && side.buffer.size() - pos >= 9) {
        const uint8_t* h = reinterpret_cast<const uint8_t*>(side.buffer.constData() + pos);
        const uint32_t frameLength = be24(h);
        if (frameLength > kMaxFrame) {
            markBroken(direction);
            return;
        }
        if (side.buffer.size() - pos < 9 + static_cast<qsizetype>(frameLength))
            break;
        frame(direction, h[3], h[4], be32(h + 5) & 0x7fffffffu, h + 9, frameLength, info);
        pos += 9 + frameLength;
    }
    if (!side.broken)
        side.buffer.remove(0, pos);
}

void Http2Session::gap(int direction, uint64_t, const ChunkInfo&)
{
    // Frame boundaries and the HPACK dynamic table are lost with the missing bytes.
    markBroken(direction);
}

Http2Session::Stream* Http2Session::stream(uint32_t id, const ChunkInfo& info, bool create)
{
    auto it = m_streams.find(id);
    if (it != m_streams.end())
        return &it->second;
    if (!create)
        return nullptr;
    if (m_streams.size() >= kMaxStreams) {
        ++m_droppedStreams;
        return nullptr;
    }
    Stream s;
    s.flow.tsStart = info.ts;
    s.flow.tsEnd = info.ts;
    s.flow.l7 = QStringLiteral("h2");
    s.flow.httpVersion = QStringLiteral("HTTP/2");
    s.flow.scheme = m_context.scheme;
    s.flow.sourceRef = QStringLiteral("%1;frame=%2;h2_stream=%3").arg(m_context.sourceRef).arg(info.frame).arg(id);
    return &m_streams.emplace(id, std::move(s)).first->second;
}

void Http2Session::frame(
    int direction, uint8_t type, uint8_t flags, uint32_t id, const uint8_t* p, size_t n, const ChunkInfo& info)
{
    Side& side = m_side[direction];
    if (side.inBlock && type != Continuation) {
        markBroken(direction); // RFC 9113 §6.10: nothing may interrupt a header block
        return;
    }
    auto unpad = [&](size_t extra) -> bool {
        size_t pad = 0;
        if (flags & Padded) {
            if (n < 1)
                return false;
            pad = p[0];
            ++p;
            --n;
        }
        if (n < extra + pad)
            return false;
        n -= pad;
        return true;
    };
    switch (type) {
    case Data: {
        if (id == 0 || !unpad(0))
            return;
        Stream* s = stream(id, info, false);
        if (!s)
            return;
        s->flow.tsEnd = info.ts;
        if (direction == ClientToServer)
            appendBody(s->flow.requestBody, p, n, m_context.maxBody, m_context.budget, s->requestBodyTooBig);
        else
            appendBody(s->flow.responseBody, p, n, m_context.maxBody, m_context.budget, s->responseBodyTooBig);
        if (flags & EndStream)
            streamEnded(id, direction, info);
        return;
    }
    case Headers: {
        if (id == 0 || !unpad(0))
            return;
        if (flags & PriorityFlag) {
            if (n < 5)
                return;
            p += 5;
            n -= 5;
        }
        side.inBlock = true;
        side.blockStream = id;
        side.promisedStream = 0;
        side.blockEndsStream = flags & EndStream;
        side.block = QByteArray(reinterpret_cast<const char*>(p), static_cast<qsizetype>(n));
        if (flags & EndHeaders)
            headerBlockDone(direction, info);
        return;
    }
    case PushPromise: {
        if (id == 0 || !unpad(4))
            return;
        side.inBlock = true;
        side.blockStream = id;
        side.promisedStream = be32(p) & 0x7fffffffu;
        side.blockEndsStream = false;
        side.block = QByteArray(reinterpret_cast<const char*>(p + 4), static_cast<qsizetype>(n - 4));
        if (flags & EndHeaders)
            headerBlockDone(direction, info);
        return;
    }
    case Continuation:
        if (!side.inBlock || id != side.blockStream) {
            markBroken(direction);
            return;
        }
        side.block.append(reinterpret_cast<const char*>(p), static_cast<qsizetype>(n));
        if (side.block.size() > kMaxHeaderBlock) {
            markBroken(direction);
            return;
        }
        if (flags & EndHeaders)
            headerBlockDone(direction, info);
        return;
    case RstStream: {
        Stream* s = stream(id, info, false);
        if (!s || n < 4)
            return;
        s->flow.error = QStringLiteral("stream reset by the %1 (%2)")
                            .arg(direction == ClientToServer ? QStringLiteral("client") : QStringLiteral("server"),
                                errorName(be32(p)));
        s->flow.tsEnd = info.ts;
        if (!s->responseEnded)
            s->flow.flags |= Data::Incomplete;
        emitStream(*s);
        m_streams.erase(id);
        return;
    }
    case Settings: {
        if ((flags & Ack) || id != 0)
            return;
        for (size_t i = 0; i + 6 <= n; i += 6) {
            // The sender's limit for the table *it* decodes with, i.e. the peer's inflater on our side.
            if (be16(p + i) == 1 && m_side[1 - direction].inflater)
                nghttp2_hd_inflate_change_table_size(m_side[1 - direction].inflater, be32(p + i + 2));
        }
        return;
    }
    default:
        return; // PRIORITY, PING, GOAWAY, WINDOW_UPDATE and extensions carry nothing we keep
    }
}

bool Http2Session::inflate(int direction, const QByteArray& block, Data::Headers& out)
{
    nghttp2_hd_inflater* inflater = m_side[direction].inflater;
    if (!inflater)
        return false;
    const uint8_t* in = reinterpret_cast<const uint8_t*>(block.constData());
    size_t left = static_cast<size_t>(block.size());
    for (;;) {
        nghttp2_nv nv;
        int flags = 0;
        const ssize_t used = nghttp2_hd_inflate_hd2(inflater, &nv, &flags, in, left, 1);
        if (used < 0)
            return false;
        in += used;
        left -= static_cast<size_t>(used);
        if (flags & NGHTTP2_HD_INFLATE_EMIT)
            out.push_back({ QByteArray(reinterpret_cast<const char*>(nv.name), static_cast<qsizetype>(nv.namelen)),
                QByteArray(reinterpret_cast<const char*>(nv.value), static_cast<qsizetype>(nv.valuelen)) });
        if (flags & NGHTTP2_HD_INFLATE_FINAL) {
            nghttp2_hd_inflate_end_headers(inflater);
            return true;
        }
        if (used == 0 && !(flags & NGHTTP2_HD_INFLATE_EMIT) && left == 0)
            return false;
    }
}

void Http2Session::applyRequestHeaders(Stream& s, Data::Headers&& headers)
{
    Data::Flow& f = s.flow;
    QByteArray method, scheme, authority, path;
    for (const Data::Header& h : headers) {
        if (h.name == ":method")
            method = h.value;
        else if (h.name == ":scheme")
            scheme = h.value;
        else if (h.name == ":authority")
            authority = h.value;
        else if (h.name == ":path")
            path = h.value;
    }
    if (authority.isEmpty())
        authority = HttpUtil::headerValue(headers, "host");
    f.method = QString::fromLatin1(method);
    if (!scheme.isEmpty())
        f.scheme = QString::fromLatin1(scheme);
    const QString auth = authority.isEmpty() ? m_context.serverAuthority : QString::fromUtf8(authority);
    f.host = HttpUtil::splitUrl(QStringLiteral("x://") + auth).host;
    f.url = method == "CONNECT" ? auth : f.scheme + QStringLiteral("://") + auth + QString::fromUtf8(path);
    f.requestContentType = QString::fromUtf8(HttpUtil::headerValue(headers, "content-type"));
    f.requestBody.contentEncoding = HttpUtil::headerValue(headers, "content-encoding").trimmed();
    f.requestHeaders = std::move(headers);
    s.haveRequest = true;
}

void Http2Session::applyResponseHeaders(Stream& s, Data::Headers&& headers)
{
    Data::Flow& f = s.flow;
    f.status = HttpUtil::headerValue(headers, ":status").toInt();
    f.responseContentType = QString::fromUtf8(HttpUtil::headerValue(headers, "content-type"));
    f.responseBody.contentEncoding = HttpUtil::headerValue(headers, "content-encoding").trimmed();
    f.responseHeaders = std::move(headers);
    s.haveResponse = true;
}

void Http2Session::headerBlockDone(int direction, const ChunkInfo& info)
{
    Side& side = m_side[direction];
    side.inBlock = false;
    Data::Headers headers;
    if (!inflate(direction, side.block, headers)) {
        side.block.clear();
        markBroken(direction); // the dynamic table is now out of step with the sender's
        return;
    }
    side.block.clear();
    if (side.promisedStream) {
        // PUSH_PROMISE: the server announces a request it will answer on the promised stream.
        Stream* s = stream(side.promisedStream, info, true);
        if (s) {
            applyRequestHeaders(*s, std::move(headers));
            s->requestEnded = true;
            s->flow.comment = QStringLiteral("server push");
        }
        return;
    }
    const uint32_t id = side.blockStream;
    Stream* s = stream(id, info, direction == ClientToServer);
    if (!s)
        return;
    s->flow.tsEnd = info.ts;
    if (direction == ClientToServer) {
        if (!s->haveRequest)
            applyRequestHeaders(*s, std::move(headers));
        else // trailers
            s->flow.requestHeaders.insert(s->flow.requestHeaders.end(), headers.begin(), headers.end());
    } else {
        const QByteArray status = HttpUtil::headerValue(headers, ":status");
        if (!s->haveResponse && status.size() == 3 && status[0] == '1' && status != "101")
            return; // an interim response (100, 103)
        if (!s->haveResponse)
            applyResponseHeaders(*s, std::move(headers));
        else
            s->flow.responseHeaders.insert(s->flow.responseHeaders.end(), headers.begin(), headers.end());
    }
    if (side.blockEndsStream)
        streamEnded(id, direction, info);
}

void Http2Session::streamEnded(uint32_t id, int direction, const ChunkInfo& info)
{
    auto it = m_streams.find(id);
    if (it == m_streams.end())
        return;
    Stream& s = it->second;
    s.flow.tsEnd = info.ts;
    if (direction == ClientToServer) {
        s.requestEnded = true;
        return;
    }
    s.responseEnded = true;
    emitStream(s);
    m_streams.erase(it);
}

void Http2Session::emitStream(Stream& s)
{
    Data::Flow& f = s.flow;
    if (!s.haveRequest && !s.haveResponse)
        return;
    if (s.requestBodyTooBig)
        f.flags |= Data::BodyTruncated;
    if (s.responseBodyTooBig)
        f.flags |= Data::BodyTruncated;
    for (Data::Body* body : { &f.requestBody, &f.responseBody }) {
        if (body->present && body->contentEncoding.isEmpty())
            body->decodedSize = body->wireSize;
    }
    if (!s.haveResponse || !s.responseEnded)
        f.flags |= Data::Incomplete;
    releaseBodies(m_context.budget, f);
    m_sink.httpFlow(std::move(f));
}

void Http2Session::finish(int64_t)
{
    for (auto& [id, s] : m_streams)
        emitStream(s);
    m_streams.clear();
}

} // namespace Packet
