// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "http1parser.h"

#include "common/httputil.h"
#include "http2parser.h"
#include "websocket.h"

#include <QList>

#include <cstring>

namespace Packet {

namespace {

bool isMethodChar(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

struct Block
{
    QByteArray startLine;
    Data::Headers headers;
};

/// Splits a header block into its start line and header fields (obs-fold continuation lines joined).
Block parseBlock(const QByteArray& block)
{
    Block out;
    qsizetype pos = 0;
    bool first = true;
    while (pos < block.size()) {
        qsizetype nl = block.indexOf('\n', pos);
        if (nl < 0)
            nl = block.size();
        qsizetype end = nl;
        if (end > pos && block[end - 1] == '\r')
            --end;
        const QByteArray line = block.mid(pos, end - pos);
        pos = nl + 1;
        if (first) {
            out.startLine = line;
            first = false;
            continue;
        }
        if (line.isEmpty())
            break;
        if ((line[0] == ' ' || line[0] == '\t') && !out.headers.empty()) {
            out.headers.back().value += ' ' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // not a header field; tolerated as browsers do
        out.headers.push_back({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }
    return out;
}

bool hasToken(const QByteArray& value, const char* token)
{
    for (const QByteArray& part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool lastTokenIs(const QByteArray& value, const char* token)
{
    const QList<QByteArray> parts = value.split(',');
    return !parts.isEmpty() && parts.last().trimmed().compare(token, Qt::CaseInsensitive) == 0;
}

/// Content-Length as a number; false when missing, malformed, or several different values.
bool contentLength(const Data::Headers& headers, uint64_t& out)
{
    bool found = false;
    for (const Data::Header& h : headers) {
        if (h.name.compare("content-length", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray& part : h.value.split(',')) {
            const QByteArray v = part.trimmed();
            if (v.isEmpty() || v.size() > 18)
                return false;
            uint64_t n = 0;
            for (char c : v) {
                if (c < '0' || c > '9')
                    return false;
                n = n * 10 + static_cast<uint64_t>(c - '0');
            }
            if (found && n != out)
                return false;
            out = n;
            found = true;
        }
    }
    return found;
}

/// The host part of an authority ("user@[::1]:8080" → "::1"), lowercase.
QString hostOf(const QString& authority)
{
    QString a = authority.trimmed();
    const qsizetype at = a.lastIndexOf(u'@');
    if (at >= 0)
        a = a.mid(at + 1);
    if (a.startsWith(u'[')) {
        const qsizetype close = a.indexOf(u']');
        return (close > 0 ? a.mid(1, close - 1) : a.mid(1)).toLower();
    }
    const qsizetype colon = a.indexOf(u':');
    return (colon >= 0 ? a.left(colon) : a).toLower();
}

void finishBody(Data::Body& body)
{
    if (body.present && body.contentEncoding.isEmpty())
        body.decodedSize = body.wireSize;
}

} // namespace

bool Http1Session::looksLikeRequest(const uint8_t* p, size_t n)
{
    size_t i = 0;
    while (i < n && i < 24 && isMethodChar(p[i]))
        ++i;
    if (i < 3 || i >= n || i == 24 || p[i] != ' ' || i + 1 >= n)
        return false;
    const uint8_t t = p[i + 1];
    return t == '/' || t == '*' || (t >= 'a' && t <= 'z') || (t >= 'A' && t <= 'Z') || (t >= '0' && t <= '9')
        || t == '[';
}

bool Http1Session::looksLikeResponse(const uint8_t* p, size_t n)
{
    return n >= 9 && memcmp(p, "HTTP/", 5) == 0 && p[5] >= '0' && p[5] <= '9' && p[6] == '.';
}

Http1Session::Http1Session(HttpFlowSink& sink, const HttpContext& context)
    : m_sink(sink)
    , m_context(context)
{ }

Http1Session::~Http1Session() = default;

bool Http1Session::done() const
{
    if (m_upgraded)
        return m_upgraded->done();
    return m_side[0].state == State::Dead && m_side[1].state == State::Dead;
}

Http1Session::Exchange* Http1Session::requestTarget()
{
    return m_requestInProgress && !m_exchanges.empty() ? &m_exchanges.back() : nullptr;
}

Http1Session::Exchange* Http1Session::responseTarget()
{
    if (m_orphan)
        return &*m_orphan;
    for (Exchange& e : m_exchanges) {
        if (!e.responseDone)
            return &e;
    }
    return nullptr;
}

void Http1Session::data(int direction, const uint8_t* p, size_t n, const ChunkInfo& info)
{
    if (m_upgraded) {
        m_upgraded->data(direction, p, n, info);
        return;
    }
    Side& s = m_side[direction];
    while (n > 0) {
        size_t used = 0;
        switch (s.state) {
        case State::StartLine:
            used = startLine(direction, p, n, info);
            break;
        case State::BodyLength:
        case State::ChunkData:
        case State::UntilClose:
            used = body(direction, p, n, info);
            break;
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailers:
            used = lineState(direction, p, n, info);
            break;
        case State::Paused:
            if (m_paused.isEmpty())
                m_pausedTs = info.ts;
            if (m_paused.size() + static_cast<qsizetype>(n) <= kMaxPausedBytes)
                m_paused.append(reinterpret_cast<const char*>(p), static_cast<qsizetype>(n));
            return;
        case State::Resync:
            // Only a segment that starts a message can put us back in step.
            if (direction == ClientToServer ? looksLikeRequest(p, n) : looksLikeResponse(p, n)) {
                s.state = State::StartLine;
                continue;
            }
            return;
        case State::Dead:
            return;
        }
        if (m_upgraded)
            return; // the upgrade took the rest of this chunk
        p += used;
        n -= used;
    }
}

size_t Http1Session::startLine(int direction, const uint8_t* p, size_t n, const ChunkInfo& info)
{
    Side& s = m_side[direction];
    size_t skipped = 0;
    if (s.buffer.isEmpty()) {
        // Blank lines between messages are allowed (RFC 9112 §2.2).
        while (skipped < n && (p[skipped] == '\r' || p[skipped] == '\n'))
            ++skipped;
        if (skipped == n)
            return n;
        p += skipped;
        n -= skipped;
        const bool ok = direction == ClientToServer
            ? (n < 4 || looksLikeRequest(p, n) || !memchr(p, ' ', std::min<size_t>(n, 24)))
            : (n < 9 ? memcmp(p, "HTTP/", std::min<size_t>(n, 5)) == 0 : looksLikeResponse(p, n));
        if (!ok) {
            if (!s.sawMessage) {
                s.state = State::Dead; // not HTTP after all
                return skipped + n;
            }
            lostSync(direction);
            return skipped + n;
        }
    }
    const qsizetype old = s.buffer.size();
    s.buffer.append(reinterpret_cast<const char*>(p), static_cast<qsizetype>(n));
    qsizetype end = -1;
    for (qsizetype i = std::max<qsizetype>(old - 3, 0); i < s.buffer.size(); ++i) {
        const char* b = s.buffer.constData();
        const void* nl = memchr(b + i, '\n', static_cast<size_t>(s.buffer.size() - i));
        if (!nl)
            break;
        i = static_cast<const char*>(nl) - b;
        if ((i >= 1 && b[i - 1] == '\n') || (i >= 2 && b[i - 1] == '\r' && b[i - 2] == '\n')) {
            end = i + 1;
            break;
        }
    }
    if (end < 0) {
        if (s.buffer.size() > kMaxHeaderBlock) {
            s.buffer.clear();
            if (s.sawMessage)
                lostSync(direction);
            else
                s.state = State::Dead;
        }
        return skipped + n;
    }
    const size_t used = static_cast<size_t>(end - old);
    const QByteArray block = s.buffer.left(end);
    s.buffer.clear();
    bool ok;
    if (direction == ClientToServer) {
        ok = request(block, info);
    } else {
        ok = response(block, info, p + used, n - used);
        if (ok && m_upgraded)
            return skipped + n;
    }
    if (!ok) {
        if (!s.sawMessage)
            s.state = State::Dead;
        else
            lostSync(direction);
        return skipped + n;
    }
    s.sawMessage = true;
    return skipped + used;
}

bool Http1Session::request(const QByteArray& blockBytes, const ChunkInfo& info)
{
    Block block = parseBlock(blockBytes);
    const QList<QByteArray> parts = block.startLine.split(' ');
    if (parts.size() < 3 || !parts.last().startsWith("HTTP/1.") || parts[0].isEmpty())
        return false;
    Side& s = m_side[ClientToServer];
    if (m_exchanges.size() >= kMaxPending) {
        emitExchange(m_exchanges.front()); // a server that never answers: do not hoard requests
        m_exchanges.pop_front();
    }
    Exchange e;
    Data::Flow& f = e.flow;
    const QByteArray method = parts[0];
    // The target may hold spaces only when broken; keep everything between method and version.
    const QByteArray target =
        block.startLine.mid(method.size() + 1, block.startLine.size() - method.size() - 2 - parts.last().size());
    f.sourceRef = QStringLiteral("%1;frame=%2").arg(m_context.sourceRef).arg(info.frame);
    f.tsStart = info.ts;
    f.tsEnd = info.ts;
    f.l7 = QStringLiteral("http1");
    f.scheme = m_context.scheme;
    f.method = QString::fromLatin1(method);
    f.httpVersion = HttpUtil::normaliseHttpVersion(QString::fromLatin1(parts.last()));
    const QByteArray hostHeader = HttpUtil::headerValue(block.headers, "host").trimmed();
    const QString authority = hostHeader.isEmpty() ? m_context.serverAuthority : QString::fromUtf8(hostHeader);
    const QString targetText = QString::fromUtf8(target);
    if (method == "CONNECT") {
        f.url = targetText;
        f.host = hostOf(targetText);
        e.connect = true;
    } else if (targetText.contains(QStringLiteral("://")) && !targetText.startsWith(u'/')) {
        f.url = targetText; // absolute form (a request to a proxy)
        f.host = HttpUtil::splitUrl(targetText).host;
        if (f.host.isEmpty())
            f.host = hostOf(authority);
        f.scheme = targetText.section(u':', 0, 0).toLower();
    } else {
        f.url = f.scheme + QStringLiteral("://") + authority
            + (targetText.startsWith(u'/') || targetText == u"*" ? QString() : QStringLiteral("/")) + targetText;
        f.host = hostOf(authority);
    }
    f.requestContentType = QString::fromUtf8(HttpUtil::headerValue(block.headers, "content-type"));
    f.requestBody.contentEncoding = HttpUtil::headerValue(block.headers, "content-encoding").trimmed();
    if (s.gapPending) {
        f.flags |= Data::ReassemblyGap;
        s.gapPending = false;
    }
    e.head = method == "HEAD";
    const QByteArray upgrade = HttpUtil::headerValue(block.headers, "upgrade");
    if (!upgrade.isEmpty() && hasToken(HttpUtil::headerValue(block.headers, "connection"), "upgrade"))
        e.upgrade = upgrade.trimmed().toLower();
    const QByteArray te = HttpUtil::headerValue(block.headers, "transfer-encoding");
    uint64_t length = 0;
    const bool chunked = !te.isEmpty() && lastTokenIs(te, "chunked");
    const bool hasLength = te.isEmpty() && contentLength(block.headers, length);
    f.requestHeaders = std::move(block.headers);
    m_exchanges.push_back(std::move(e));
    m_requestInProgress = true;
    s.bodyBroken = false;
    s.tooBig = false;
    if (chunked) {
        s.state = State::ChunkSize;
    } else if (hasLength && length > 0) {
        s.state = State::BodyLength;
        s.remaining = length;
    } else {
        messageDone(ClientToServer, info);
    }
    return true;
}

bool Http1Session::response(const QByteArray& blockBytes, const ChunkInfo& info, const uint8_t* rest, size_t restLength)
{
    Block block = parseBlock(blockBytes);
    const QByteArray& line = block.startLine;
    if (!looksLikeResponse(reinterpret_cast<const uint8_t*>(line.constData()), static_cast<size_t>(line.size()))
        && !(line.size() >= 12 && line.startsWith("HTTP/")))
        return false;
    const qsizetype sp = line.indexOf(' ');
    if (sp < 0)
        return false;
    const QByteArray code = line.mid(sp + 1, 3);
    bool numeric = false;
    const int status = code.toInt(&numeric);
    if (!numeric || status < 100 || status > 999)
        return false;
    Side& s = m_side[ServerToClient];
    if (status >= 100 && status < 200 && status != 101)
        return true; // interim (100 Continue, 102, 103): the final response follows

    Exchange* target = responseTarget();
    if (!target) {
        // Not emplace(): clang decides too early that the nested Exchange is not default-constructible.
        m_orphan.emplace(Exchange {});
        target = &*m_orphan;
    }
    const bool orphan = target == (m_orphan ? &*m_orphan : nullptr);
    Data::Flow& f = target->flow;
    f.status = status;
    f.reason = QString::fromUtf8(line.mid(sp + 5).trimmed());
    if (f.httpVersion.isEmpty())
        f.httpVersion = HttpUtil::normaliseHttpVersion(QString::fromLatin1(line.left(sp)));
    f.responseContentType = QString::fromUtf8(HttpUtil::headerValue(block.headers, "content-type"));
    f.responseBody.contentEncoding = HttpUtil::headerValue(block.headers, "content-encoding").trimmed();
    f.tsEnd = info.ts;
    if (s.gapPending) {
        f.flags |= Data::ReassemblyGap;
        s.gapPending = false;
    }
    target->responseStarted = true;
    const QByteArray te = HttpUtil::headerValue(block.headers, "transfer-encoding");
    uint64_t length = 0;
    const bool chunked = !te.isEmpty() && lastTokenIs(te, "chunked");
    const bool hasLength = te.isEmpty() && contentLength(block.headers, length);
    const QByteArray extensions = HttpUtil::headerValue(block.headers, "sec-websocket-extensions");
    QByteArray upgrade = HttpUtil::headerValue(block.headers, "upgrade").trimmed().toLower();
    if (upgrade.isEmpty())
        upgrade = target->upgrade;
    f.responseHeaders = std::move(block.headers);
    s.bodyBroken = false;
    s.tooBig = false;

    if (status == 101) {
        target->responseDone = true;
        if (orphan) {
            m_orphan.reset();
            upgradeTo(m_sink.tunnelAnalyzer(), rest, restLength, info);
            return true;
        }
        // Take the exchange out of the queue: the new protocol owns it now.
        Data::Flow flow;
        for (auto it = m_exchanges.begin(); it != m_exchanges.end(); ++it) {
            if (&*it == target) {
                flow = std::move(it->flow);
                m_exchanges.erase(it);
                break;
            }
        }
        m_requestInProgress = false;
        emitReady();
        if (upgrade.contains("websocket")) {
            flow.l7 = QStringLiteral("ws");
            m_webSocketFlow = std::move(flow);
            upgradeTo(std::make_unique<WebSocketSession>(m_webSocketFlow->webSocketMessages, m_webSocketFlow->flags,
                          WebSocketSession::optionsFromExtensions(extensions)),
                rest, restLength, info);
        } else if (upgrade == "h2c") {
            upgradeTo(std::make_unique<Http2Session>(m_sink, m_context, std::move(flow)), rest, restLength, info);
        } else {
            releaseBodies(m_context.budget, flow);
            m_sink.httpFlow(std::move(flow));
            upgradeTo(m_sink.tunnelAnalyzer(), rest, restLength, info);
        }
        return true;
    }
    if (target->connect && status >= 200 && status < 300) {
        f.flags |= Data::Tunnel;
        target->responseDone = true;
        if (orphan)
            m_orphan.reset();
        emitReady();
        upgradeTo(m_sink.tunnelAnalyzer(), rest, restLength, info);
        return true;
    }
    // A refused Upgrade or CONNECT: the client goes on speaking HTTP/1.
    const bool resume = m_side[ClientToServer].state == State::Paused && !orphan;

    if (target->head || status == 204 || status == 304 || (target->connect && status >= 200 && status < 300)) {
        messageDone(ServerToClient, info);
    } else if (chunked) {
        s.state = State::ChunkSize;
    } else if (hasLength) {
        s.remaining = length;
        s.state = State::BodyLength;
        if (length == 0)
            messageDone(ServerToClient, info);
    } else {
        s.state = State::UntilClose;
    }
    if (resume)
        resumeClient(info);
    return true;
}

size_t Http1Session::body(int direction, const uint8_t* p, size_t n, const ChunkInfo& info)
{
    Side& s = m_side[direction];
    if (Exchange* e = direction == ClientToServer ? requestTarget() : responseTarget())
        e->flow.tsEnd = info.ts;
    if (s.state == State::UntilClose) {
        appendBody(direction, p, n);
        return n;
    }
    const size_t take = static_cast<size_t>(std::min<uint64_t>(s.remaining, n));
    appendBody(direction, p, take);
    s.remaining -= take;
    if (s.remaining == 0) {
        if (s.state == State::BodyLength)
            messageDone(direction, info);
        else
            s.state = State::ChunkDataEnd;
    }
    return take;
}

size_t Http1Session::lineState(int direction, const uint8_t* p, size_t n, const ChunkInfo& info)
{
    Side& s = m_side[direction];
    const void* nl = memchr(p, '\n', n);
    const size_t used = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - p) + 1 : n;
    s.buffer.append(reinterpret_cast<const char*>(p), static_cast<qsizetype>(used));
    if (!nl) {
        if (s.buffer.size() > 8192) {
            messageDone(direction, info);
            lostSync(direction);
        }
        return used;
    }
    QByteArray line = s.buffer.trimmed();
    s.buffer.clear();
    switch (s.state) {
    case State::ChunkSize: {
        const qsizetype semi = line.indexOf(';');
        if (semi >= 0)
            line.truncate(semi);
        line = line.trimmed();
        bool ok = false;
        const qulonglong size = line.toULongLong(&ok, 16);
        if (!ok || line.isEmpty() || line.size() > 15) {
            messageDone(direction, info);
            lostSync(direction);
            return used;
        }
        if (size == 0) {
            s.state = State::Trailers;
        } else {
            s.state = State::ChunkData;
            s.remaining = size;
        }
        return used;
    }
    case State::ChunkDataEnd:
        if (!line.isEmpty()) {
            messageDone(direction, info);
            lostSync(direction);
            return used;
        }
        s.state = State::ChunkSize;
        return used;
    case State::Trailers: {
        if (line.isEmpty()) {
            messageDone(direction, info);
            return used;
        }
        const qsizetype colon = line.indexOf(':');
        Exchange* e = direction == ClientToServer ? requestTarget() : responseTarget();
        if (colon > 0 && e) {
            Data::Headers& h = direction == ClientToServer ? e->flow.requestHeaders : e->flow.responseHeaders;
            h.push_back({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
        }
        return used;
    }
    default:
        return used;
    }
}

void Http1Session::appendBody(int direction, const uint8_t* p, size_t n)
{
    Side& s = m_side[direction];
    Exchange* e = direction == ClientToServer ? requestTarget() : responseTarget();
    if (!e || n == 0)
        return;
    Data::Body& b = direction == ClientToServer ? e->flow.requestBody : e->flow.responseBody;
    b.present = true;
    b.wireSize = std::max<qint64>(b.wireSize, 0) + static_cast<qint64>(n);
    if (s.bodyBroken || (e == (m_orphan ? &*m_orphan : nullptr)))
        return;
    const qint64 room = m_context.maxBody - b.data.size();
    qint64 keep = std::min<qint64>(room, static_cast<qint64>(n));
    if (keep > 0 && m_context.budget && !m_context.budget->take(keep))
        keep = 0;
    if (keep > 0)
        b.data.append(reinterpret_cast<const char*>(p), keep);
    if (keep < static_cast<qint64>(n))
        s.tooBig = true;
}

void Http1Session::messageDone(int direction, const ChunkInfo& info)
{
    Side& s = m_side[direction];
    Exchange* e = direction == ClientToServer ? requestTarget() : responseTarget();
    s.state = State::StartLine;
    s.buffer.clear();
    if (e) {
        Data::Flow& f = e->flow;
        if (s.tooBig)
            f.flags |= Data::BodyTruncated;
        if (s.bodyBroken)
            f.flags |= Data::BodyTruncated | Data::ReassemblyGap;
        if (direction == ClientToServer) {
            e->requestDone = true;
            m_requestInProgress = false;
            finishBody(f.requestBody);
            if (e->connect || !e->upgrade.isEmpty())
                s.state = State::Paused; // wait for the server to accept or refuse
        } else {
            e->responseDone = true;
            finishBody(f.responseBody);
            if (m_orphan && e == &*m_orphan)
                m_orphan.reset();
        }
    }
    s.bodyBroken = false;
    s.tooBig = false;
    emitReady();
}

void Http1Session::emitReady()
{
    while (!m_exchanges.empty() && m_exchanges.front().requestDone && m_exchanges.front().responseDone
        && !(m_requestInProgress && m_exchanges.size() == 1)) {
        emitExchange(m_exchanges.front());
        m_exchanges.pop_front();
    }
}

void Http1Session::emitExchange(Exchange& e)
{
    Data::Flow& f = e.flow;
    if (!e.responseDone || f.status == 0)
        f.flags |= Data::Incomplete;
    finishBody(f.requestBody);
    finishBody(f.responseBody);
    releaseBodies(m_context.budget, f);
    m_sink.httpFlow(std::move(f));
}

void Http1Session::upgradeTo(
    std::unique_ptr<StreamAnalyzer> analyzer, const uint8_t* rest, size_t restLength, const ChunkInfo& info)
{
    m_side[0].state = State::Dead;
    m_side[1].state = State::Dead;
    m_upgraded = std::move(analyzer);
    const QByteArray paused = std::move(m_paused);
    m_paused.clear();
    if (!m_upgraded)
        return;
    if (!paused.isEmpty())
        m_upgraded->data(ClientToServer, reinterpret_cast<const uint8_t*>(paused.constData()),
            static_cast<size_t>(paused.size()), ChunkInfo { m_pausedTs, info.frame });
    if (restLength > 0)
        m_upgraded->data(ServerToClient, rest, restLength, info);
}

void Http1Session::resumeClient(const ChunkInfo& info)
{
    m_side[ClientToServer].state = State::StartLine;
    const QByteArray paused = std::move(m_paused);
    m_paused.clear();
    if (!paused.isEmpty())
        data(ClientToServer, reinterpret_cast<const uint8_t*>(paused.constData()), static_cast<size_t>(paused.size()),
            ChunkInfo { m_pausedTs, info.frame });
}

void Http1Session::lostSync(int direction)
{
    Side& s = m_side[direction];
    s.buffer.clear();
    s.state = State::Resync;
    s.gapPending = true;
}

void Http1Session::gap(int direction, uint64_t length, const ChunkInfo& info)
{
    if (m_upgraded) {
        m_upgraded->gap(direction, length, info);
        return;
    }
    Side& s = m_side[direction];
    switch (s.state) {
    case State::BodyLength:
    case State::ChunkData:
        s.bodyBroken = true;
        if (Exchange* e = direction == ClientToServer ? requestTarget() : responseTarget()) {
            Data::Body& b = direction == ClientToServer ? e->flow.requestBody : e->flow.responseBody;
            b.present = true;
            b.wireSize = std::max<qint64>(b.wireSize, 0) + static_cast<qint64>(std::min<uint64_t>(length, s.remaining));
        }
        if (length < s.remaining) {
            s.remaining -= length;
            return;
        }
        if (length == s.remaining) {
            s.remaining = 0;
            if (s.state == State::BodyLength)
                messageDone(direction, info);
            else
                s.state = State::ChunkDataEnd;
            return;
        }
        messageDone(direction, info);
        lostSync(direction);
        return;
    case State::UntilClose:
        s.bodyBroken = true;
        return;
    case State::StartLine:
        if (s.buffer.isEmpty()) {
            lostSync(direction); // whole messages may be missing; wait for the next one to start
            return;
        }
        [[fallthrough]];
    case State::ChunkSize:
    case State::ChunkDataEnd:
    case State::Trailers:
        if (s.state != State::StartLine) {
            s.bodyBroken = true;
            messageDone(direction, info);
        }
        lostSync(direction);
        return;
    case State::Paused:
        m_paused.clear();
        return;
    case State::Resync:
    case State::Dead:
        return;
    }
}

void Http1Session::end(int direction, const ChunkInfo& info)
{
    if (m_upgraded) {
        m_upgraded->end(direction, info);
        return;
    }
    if (direction == ServerToClient && m_side[ServerToClient].state == State::UntilClose)
        messageDone(ServerToClient, info);
}

void Http1Session::finish(int64_t ts)
{
    if (m_upgraded)
        m_upgraded->finish(ts);
    if (m_webSocketFlow) {
        Data::Flow& f = *m_webSocketFlow;
        for (const auto& m : f.webSocketMessages)
            f.tsEnd = std::max(f.tsEnd, m.ts);
        releaseBodies(m_context.budget, f);
        m_sink.httpFlow(std::move(f));
        m_webSocketFlow.reset();
    }
    if (m_side[ServerToClient].state == State::UntilClose)
        messageDone(ServerToClient, ChunkInfo { ts, 0 });
    for (int d = 0; d < 2; ++d) {
        Side& s = m_side[d];
        if (s.state == State::BodyLength || s.state == State::ChunkData || s.state == State::ChunkSize
            || s.state == State::ChunkDataEnd || s.state == State::Trailers) {
            if (Exchange* e = d == ClientToServer ? requestTarget() : responseTarget())
                e->flow.flags |= Data::BodyTruncated;
        }
    }
    for (Exchange& e : m_exchanges)
        emitExchange(e);
    m_exchanges.clear();
    m_orphan.reset();
    m_requestInProgress = false;
}

} // namespace Packet
