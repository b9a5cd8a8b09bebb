// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "decoder.h"

#include "common/httputil.h"
#include "framing.h"
#include "magic.h"
#include "multipart.h"
#include "parsers.h"
#include "textcodecs.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <deque>

namespace Decode {

namespace {

using Clock = std::chrono::steady_clock;

QByteArray join(const QByteArray& a, const QByteArray& b)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    return a + '>' + b;
}

QByteArray essenceOf(QByteArrayView contentType)
{
    QByteArrayView e = contentType;
    if (const qsizetype semi = e.indexOf(';'); semi >= 0)
        e = e.first(semi);
    return e.trimmed().toByteArray().toLower();
}

/// Request headers whose values carry nothing about the user (or are parsed elsewhere: cookies).
bool skippedHeader(const QByteArray& lowerName)
{
    static const char* const names[] = { "host", "content-length", "connection", "accept-encoding", "te",
        "transfer-encoding", "keep-alive", "cookie", "set-cookie", "upgrade", ":method", ":path", ":scheme",
        ":authority", ":status", "content-encoding", "content-type", "cache-control", "pragma", "date", "vary",
        "expires", "last-modified", "etag", "age" };
    for (const char* n : names) {
        if (lowerName == n)
            return true;
    }
    return false;
}

class Engine
{
public:
    explicit Engine(const Limits& limits)
        : m_limits(limits)
        , m_deadline(Clock::now() + std::chrono::milliseconds(limits.timeBudgetMs))
    { }

    Decoded take()
    {
        drain();
        return std::move(m_d);
    }

    // --- carriers --------------------------------------------------------------------------------------

    void url(const QString& urlText)
    {
        const QByteArray u = urlText.toUtf8();
        qsizetype start = 0;
        if (const qsizetype scheme = u.indexOf("://"); scheme >= 0 && scheme < 16) {
            start = u.indexOf('/', scheme + 3);
            if (start < 0) {
                const qsizetype q = u.indexOf('?', scheme + 3);
                start = q < 0 ? u.size() : q;
            }
        }
        qsizetype end = u.indexOf('#', start);
        if (end < 0)
            end = u.size();
        const qsizetype q = u.indexOf('?', start);
        const qsizetype pathEnd = (q >= 0 && q < end) ? q : end;
        const QByteArray path = u.mid(start, pathEnd - start);
        if (path.size() > 1) {
            const int l = newLayer(path, "url-path", {}, "path", -1, -1, 0);
            if (l >= 0)
                finishParsed(l, Parsers::urlPath(m_d, l, path, m_limits));
        }
        if (q >= 0 && q < end && end - q > 1) {
            const QByteArray query = u.mid(q + 1, end - q - 1);
            const int l = newLayer(query, "query", {}, "query", -1, -1, 0);
            if (l >= 0)
                finishParsed(l, Parsers::form(m_d, l, query, m_limits));
        }
    }

    void headers(const Data::Headers& headers, bool response)
    {
        for (const Data::Header& h : headers) {
            const QByteArray name = h.name.toLower();
            if (name == (response ? "set-cookie" : "cookie")) {
                cookies(h.value, response);
                continue;
            }
            if (skippedHeader(name) || h.value.isEmpty())
                continue;
            textCarrier("header:" + name, name, h.value);
        }
    }

    void cookies(const QByteArray& value, bool setCookie)
    {
        // Cookie: a=1; b=2 — Set-Cookie: a=1; Path=/; HttpOnly (only the first pair is the cookie)
        const QList<QByteArray> pairs = value.split(';');
        for (qsizetype i = 0; i < pairs.size(); ++i) {
            if (setCookie && i > 0)
                break;
            const QByteArray pair = pairs[i].trimmed();
            const qsizetype eq = pair.indexOf('=');
            if (eq <= 0)
                continue;
            const QByteArray name = pair.left(eq).trimmed();
            QByteArray v = pair.mid(eq + 1).trimmed();
            if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"'))
                v = v.mid(1, v.size() - 2);
            if (!v.isEmpty())
                textCarrier("cookie:" + name, name, v);
        }
    }

    void textCarrier(const QByteArray& location, const QByteArray& key, const QByteArray& value)
    {
        const int l = newLayer(value, location, {}, "text", -1, -1, 0);
        if (l < 0)
            return;
        Node n;
        n.type = NodeType::String;
        n.layer = l;
        n.key = key;
        n.value = value;
        n.spanStart = 0;
        n.spanLength = static_cast<qint32>(value.size());
        finishParsed(l, m_d.appendNode(std::move(n)));
    }

    /// A body: framing, content encodings, then the format.
    void body(QByteArrayView raw, QByteArrayView contentType, const Data::Headers& headers,
        QByteArrayView contentEncoding, QByteArrayView l7, const QByteArray& chainPrefix = {})
    {
        if (raw.isEmpty())
            return;
        const int top = newLayer(raw.toByteArray(), "body", chainPrefix, "binary", -1, -1, 0);
        if (top < 0)
            return;
        m_d.layers[static_cast<size_t>(top)].contentType = contentType.toByteArray();
        std::vector<int> current = unwrap(top, headers, contentEncoding, l7);
        for (int l : current)
            processLayer(l, contentType, headers);
    }

    /// Only the byte-level steps of body(): the innermost layer(s).
    std::vector<int> unwrapOnly(
        QByteArrayView raw, const Data::Headers& headers, QByteArrayView contentEncoding, QByteArrayView l7)
    {
        if (raw.isEmpty())
            return {};
        const int top = newLayer(raw.toByteArray(), "body", {}, "binary", -1, -1, 0);
        if (top < 0)
            return {};
        return unwrap(top, headers, contentEncoding, l7);
    }

    /// Framing and content encodings; returns the innermost layer(s).
    std::vector<int> unwrap(int top, const Data::Headers& headers, QByteArrayView contentEncoding, QByteArrayView l7)
    {
        int cur = top;
        const QByteArray te = HttpUtil::headerValue(headers, "transfer-encoding").toLower();
        {
            const QByteArray& data = m_d.layers[static_cast<size_t>(cur)].data;
            const bool declared = te.contains("chunked");
            if (declared || looksChunked(data)) {
                if (auto plain = Framing::dechunk(data, remaining())) {
                    const int l = child(cur, std::move(*plain), "chunked");
                    if (l >= 0)
                        cur = l;
                } else if (declared) {
                    note(QStringLiteral("body: Transfer-Encoding says chunked but the body is not chunked (already "
                                        "de-chunked by the capture tool)"));
                }
            }
        }
        if (l7 == "h2") {
            const QByteArray& data = m_d.layers[static_cast<size_t>(cur)].data;
            if (data.size() >= 9 && data[0] == 0) {
                if (auto streams = Framing::http2DataFrames(data, remaining())) {
                    std::vector<int> out;
                    for (auto& s : *streams) {
                        const int l = child(cur, std::move(s.data), "h2[" + QByteArray::number(s.streamId) + ']');
                        if (l >= 0)
                            out.push_back(contentCodings(l, contentEncoding));
                    }
                    return out;
                }
            }
        }
        if (l7 == "ws") {
            const QByteArray& data = m_d.layers[static_cast<size_t>(cur)].data;
            QString error;
            if (auto messages = Framing::unframeWebSocket(data, remaining(), &error)) {
                std::vector<int> out;
                int i = 0;
                for (auto& m : *messages) {
                    const int l = child(cur, std::move(m.data), "websocket[" + QByteArray::number(i++) + ']');
                    if (l >= 0)
                        out.push_back(l);
                }
                return out;
            }
            if (!error.isEmpty())
                note(error);
        }
        return { contentCodings(cur, contentEncoding) };
    }

    int contentCodings(int cur, QByteArrayView contentEncoding)
    {
        // Listed in the order applied: undo them from the last.
        QList<QByteArray> codings = contentEncoding.toByteArray().toLower().split(',');
        for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
            const QByteArray coding = it->trimmed();
            if (coding.isEmpty() || coding == "identity")
                continue;
            const QByteArray& data = m_d.layers[static_cast<size_t>(cur)].data;
            const qint64 allowed = allowance(data.size());
            Framing::Unwrapped u = Framing::undoContentCoding(data, coding, allowed);
            if (!u.ok || (u.data.isEmpty() && !data.isEmpty())) {
                // Capture tools often store bodies already decoded but keep the header: sniff instead.
                note(QStringLiteral("body: Content-Encoding lists %1 but the body is not %1 data (%2); read as it is")
                         .arg(QString::fromLatin1(coding), u.error));
                break;
            }
            if (u.limitReached)
                limitNote(QStringLiteral("%1 expands beyond %2 bytes").arg(QString::fromLatin1(coding)).arg(allowed));
            const int l = child(cur, std::move(u.data), coding == "x-gzip" ? QByteArray("gzip") : coding);
            if (l < 0)
                break;
            cur = l;
        }
        return sniffCompressed(cur);
    }

    /// Compressed data without (or despite) a header, possibly stacked.
    int sniffCompressed(int cur)
    {
        for (int guard = 0; guard < m_limits.maxDepth; ++guard) {
            const QByteArray& data = m_d.layers[static_cast<size_t>(cur)].data;
            QByteArray step;
            const qint64 allowed = allowance(data.size());
            Framing::Unwrapped u = Framing::sniffCompressed(data, allowed, &step);
            if (!u.ok) {
                if (!step.isEmpty() && !u.error.isEmpty())
                    note(QStringLiteral("%1: %2").arg(QString::fromLatin1(step), u.error));
                break;
            }
            if (u.limitReached)
                limitNote(QStringLiteral("%1 expands beyond %2 bytes").arg(QString::fromLatin1(step)).arg(allowed));
            const int l = child(cur, std::move(u.data), step);
            if (l < 0)
                break;
            cur = l;
        }
        return cur;
    }

    /// Recognises the format of a layer's bytes and parses it.
    void processLayer(int l, QByteArrayView contentType, const Data::Headers& headers = {})
    {
        if (outOfBudget())
            return;
        const QByteArray essence = essenceOf(contentType);
        const QByteArray data = m_d.layers[static_cast<size_t>(l)].data; // implicitly shared copy
        if (data.isEmpty())
            return;
        // gRPC and gRPC-Web: length-prefixed messages, protobuf unless "+json".
        if (essence.startsWith("application/grpc")) {
            QByteArray framed = data;
            int at = l;
            if (essence.startsWith("application/grpc-web-text")) {
                QByteArray compact = data;
                compact.replace("\r", "").replace("\n", "");
                // Several base64 chunks may be concatenated, each with its own padding.
                QByteArray decoded;
                for (const QByteArray& chunk : splitPaddedBase64(compact)) {
                    const auto part = TextCodecs::base64(chunk, 4);
                    if (!part) {
                        decoded.clear();
                        break;
                    }
                    decoded += *part;
                }
                if (decoded.isEmpty()) {
                    note(QStringLiteral("body: grpc-web-text that is not base64"));
                } else {
                    at = child(l, decoded, "base64");
                    if (at < 0)
                        return;
                    framed = decoded;
                }
            }
            if (auto messages = Framing::splitGrpc(framed)) {
                const QByteArray grpcEncoding = HttpUtil::headerValue(headers, "grpc-encoding").trimmed().toLower();
                const bool json = essence.contains("json");
                int i = 0;
                for (auto& m : *messages) {
                    QByteArray payload = std::move(m.data);
                    QByteArray step = (essence.startsWith("application/grpc-web") ? "grpc-web[" : "grpc[")
                        + QByteArray::number(i++) + ']';
                    if (m.trailer) {
                        const int t = child(at, payload, step + ">trailers");
                        if (t >= 0)
                            textRoot(t);
                        continue;
                    }
                    if (m.compressed && !grpcEncoding.isEmpty() && grpcEncoding != "identity") {
                        Framing::Unwrapped u =
                            Framing::undoContentCoding(payload, grpcEncoding, allowance(payload.size()));
                        if (u.ok) {
                            payload = std::move(u.data);
                            step += '>' + grpcEncoding;
                        }
                    }
                    const int ml = child(at, std::move(payload), step);
                    if (ml < 0)
                        continue;
                    if (json) {
                        parseAs(ml, "json");
                    } else {
                        m_d.layers[static_cast<size_t>(ml)].format = "protobuf";
                        const int root =
                            Parsers::protobuf(m_d, ml, m_d.layers[static_cast<size_t>(ml)].data, m_limits, false);
                        if (root < 0)
                            markBinary(ml);
                        finishParsed(ml, root);
                    }
                }
                return;
            }
            note(QStringLiteral("body: gRPC content type but not length-prefixed messages"));
        }
        // Multipart, by header or by its look.
        QByteArray boundary = Multipart::boundary(contentType);
        if (boundary.isEmpty())
            boundary = Multipart::sniffBoundary(data);
        if (!boundary.isEmpty()) {
            if (auto parts = Multipart::split(data, boundary)) {
                m_d.layers[static_cast<size_t>(l)].format = "multipart";
                int i = 0;
                for (auto& p : *parts) {
                    const QByteArray label = p.name.isEmpty() ? QByteArray::number(i) : p.name;
                    ++i;
                    QByteArray content = std::move(p.data);
                    QByteArray step = "multipart[" + label + ']';
                    if (p.transferEncoding == "base64") {
                        QByteArray compact = content;
                        compact.replace("\r", "").replace("\n", "");
                        content = QByteArray::fromBase64(compact);
                        step += ">base64";
                    } else if (p.transferEncoding == "quoted-printable") {
                        content = quotedPrintable(content);
                        step += ">quoted-printable";
                    }
                    const int pl = newLayer(std::move(content), m_d.layers[static_cast<size_t>(l)].location,
                        join(m_d.layers[static_cast<size_t>(l)].chain, step), "binary", l, -1,
                        m_d.layers[static_cast<size_t>(l)].depth + 1);
                    if (pl < 0)
                        continue;
                    Layer& part = m_d.layers[static_cast<size_t>(pl)];
                    part.partName = p.name;
                    part.fileName = p.fileName;
                    part.contentType = p.contentType;
                    const int inner = sniffCompressed(pl);
                    processLayer(inner, p.contentType);
                }
                return;
            }
        }
        // Media and archives are binary whatever their bytes look like (a JPEG can be mostly printable).
        const Magic::Sniffed sniffed = Magic::sniff(data.first(std::min<qsizetype>(data.size(), 64)));
        if (sniffed.media != Magic::MediaClass::None || sniffed.kind == Magic::Kind::Zip
            || sniffed.kind == Magic::Kind::Pdf) {
            markBinary(l);
            return;
        }
        const bool printable =
            TextCodecs::isPrintableText(data.first(std::min<qsizetype>(data.size(), 64 * 1024)), 0.9);
        const char first = firstNonSpace(data);
        if (essence.contains("json") || first == '{' || first == '[') {
            if (parseAs(l, "json"))
                return;
        }
        if (essence == "application/x-www-form-urlencoded"
            || (printable && TextCodecs::looksLikeForm(data.trimmed(), 1))) {
            m_d.layers[static_cast<size_t>(l)].format = "form";
            finishParsed(l, Parsers::form(m_d, l, data.trimmed(), m_limits));
            return;
        }
        if (data.startsWith("bplist00")) {
            m_d.layers[static_cast<size_t>(l)].format = "plist";
            const int root = Parsers::binaryPlist(m_d, l, data, m_limits);
            if (root >= 0) {
                finishParsed(l, root);
                return;
            }
            note(QStringLiteral("body: a binary plist that could not be read"));
        }
        if (first == '<' && (essence.contains("xml") || data.trimmed().endsWith('>'))) {
            const int root = Parsers::xml(m_d, l, data, m_limits);
            if (root >= 0) {
                m_d.layers[static_cast<size_t>(l)].format = data.contains("<plist") ? "plist" : "xml";
                finishParsed(l, root);
                return;
            }
        }
        const bool protobufType = essence.contains("protobuf") || essence == "application/x-protobuffer"
            || essence == "application/vnd.google.protobuf" || essence == "application/octet-stream+protobuf";
        if (protobufType || !printable) {
            const Magic::Sniffed magic = Magic::sniff(data);
            if (magic.kind == Magic::Kind::None) {
                m_d.layers[static_cast<size_t>(l)].format = "protobuf";
                const int root = Parsers::protobuf(m_d, l, data, m_limits, !protobufType);
                if (root >= 0) {
                    finishParsed(l, root);
                    return;
                }
            }
            markBinary(l);
            return;
        }
        // Text: one string, which may itself be base64, a JWT, hex …
        textRoot(l);
    }

private:
    static char firstNonSpace(const QByteArray& d)
    {
        for (char c : d) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                return c;
        }
        return 0;
    }

    static bool looksChunked(const QByteArray& d)
    {
        // "1a2\r\n…": hex digits then CRLF, and the body ends with the zero chunk.
        qsizetype i = 0;
        while (i < d.size() && i < 16 && std::isxdigit(static_cast<unsigned char>(d[i])))
            ++i;
        return i > 0 && d.mid(i, 2) == "\r\n" && (d.endsWith("0\r\n\r\n"));
    }

    static QList<QByteArray> splitPaddedBase64(const QByteArray& s)
    {
        QList<QByteArray> out;
        qsizetype start = 0;
        for (qsizetype i = 0; i < s.size(); ++i) {
            if (s[i] == '=' && (i + 1 == s.size() || s[i + 1] != '=')) {
                out.append(s.mid(start, i + 1 - start));
                start = i + 1;
            }
        }
        if (start < s.size())
            out.append(s.mid(start));
        return out;
    }

    static QByteArray quotedPrintable(const QByteArray& in)
    {
        QByteArray out;
        for (qsizetype i = 0; i < in.size(); ++i) {
            if (in[i] == '=' && i + 2 < in.size()) {
                if (in[i + 1] == '\r' && in[i + 2] == '\n') {
                    i += 2;
                    continue;
                }
                bool ok = false;
                const int v = in.mid(i + 1, 2).toInt(&ok, 16);
                if (ok) {
                    out.append(static_cast<char>(v));
                    i += 2;
                    continue;
                }
            }
            out.append(in[i]);
        }
        return out;
    }

    bool parseAs(int l, const char* format)
    {
        bool ndjson = false;
        qsizetype brokenAt = -1;
        const int root =
            Parsers::json(m_d, l, m_d.layers[static_cast<size_t>(l)].data, m_limits, true, &ndjson, &brokenAt);
        if (root < 0)
            return false;
        m_d.layers[static_cast<size_t>(l)].format = ndjson ? QByteArray("ndjson") : QByteArray(format);
        if (brokenAt >= 0 && !ndjson) {
            note(QStringLiteral("%1: JSON broken at byte offset %2; the part before it was read")
                     .arg(QString::fromLatin1(describe(l)))
                     .arg(brokenAt));
        }
        finishParsed(l, root);
        return true;
    }

    QByteArray describe(int l) const
    {
        const Layer& layer = m_d.layers[static_cast<size_t>(l)];
        return layer.chain.isEmpty() ? layer.location : layer.location + ' ' + layer.chain;
    }

    void markBinary(int l)
    {
        Layer& layer = m_d.layers[static_cast<size_t>(l)];
        layer.format = "binary";
        layer.binary = true;
    }

    void textRoot(int l)
    {
        Layer& layer = m_d.layers[static_cast<size_t>(l)];
        layer.format = "text";
        Node n;
        n.type = NodeType::String;
        n.layer = l;
        n.value = layer.data;
        n.spanStart = 0;
        n.spanLength = static_cast<qint32>(layer.data.size());
        finishParsed(l, m_d.appendNode(std::move(n)));
    }

    /// Records the root of a parsed layer and queues its leaves for the nested decodings.
    void finishParsed(int l, int root)
    {
        if (root < 0)
            return;
        m_d.layers[static_cast<size_t>(l)].root = root;
        for (size_t i = static_cast<size_t>(m_firstNode[static_cast<size_t>(l)]); i < m_d.nodes.size(); ++i) {
            const Node& n = m_d.nodes[i];
            if (n.layer == l && (n.type == NodeType::String || n.type == NodeType::Bytes))
                m_pending.push_back(static_cast<int>(i));
        }
        if (static_cast<int>(m_d.nodes.size()) >= m_limits.maxNodes)
            limitNote(QStringLiteral("more than %1 values").arg(m_limits.maxNodes));
    }

    /// A new layer under `parent` (same location) with one more step in its chain.
    int child(int parent, QByteArray data, const QByteArray& step)
    {
        const Layer& p = m_d.layers[static_cast<size_t>(parent)];
        return newLayer(std::move(data), p.location, join(p.chain, step), "binary", parent, -1, p.depth + 1);
    }

    int newLayer(QByteArray data, const QByteArray& location, const QByteArray& chain, const QByteArray& format,
        int parentLayer, int parentNode, int depth)
    {
        if (depth > m_limits.maxDepth) {
            limitNote(QStringLiteral("more than %1 nested encodings").arg(m_limits.maxDepth));
            return -1;
        }
        if (m_total + data.size() > m_limits.maxTotalBytes) {
            limitNote(QStringLiteral("more than %1 MiB of decoded data").arg(m_limits.maxTotalBytes >> 20));
            return -1;
        }
        if (outOfBudget())
            return -1;
        m_total += data.size();
        Layer layer;
        layer.data = std::move(data);
        layer.location = location;
        layer.chain = chain;
        layer.format = format;
        layer.parentLayer = parentLayer;
        layer.parentNode = parentNode;
        layer.depth = depth;
        m_d.layers.push_back(std::move(layer));
        m_firstNode.push_back(static_cast<int>(m_d.nodes.size()));
        const int id = static_cast<int>(m_d.layers.size()) - 1;
        if (parentNode >= 0)
            m_d.nodes[static_cast<size_t>(parentNode)].decoded = id;
        return id;
    }

    qint64 remaining() const
    {
        return std::max<qint64>(0, m_limits.maxTotalBytes - m_total);
    }

    qint64 allowance(qint64 inputSize) const
    {
        const qint64 byRatio = std::max(static_cast<qint64>(static_cast<double>(inputSize) * m_limits.maxExpansion),
            m_limits.minExpansionAllowance);
        return std::min(byRatio, remaining());
    }

    bool outOfBudget()
    {
        if (m_timedOut)
            return true;
        if (Clock::now() > m_deadline) {
            m_timedOut = true;
            limitNote(QStringLiteral("the time budget of %1 ms per message was spent").arg(m_limits.timeBudgetMs));
            return true;
        }
        return false;
    }

    void note(const QString& text)
    {
        if (m_d.notes.size() < 50 && !m_d.notes.contains(text))
            m_d.notes.append(text);
    }

    void limitNote(const QString& what)
    {
        m_d.truncated = true;
        note(QStringLiteral("decoding stopped: %1").arg(what));
    }

    // --- nested decodings of string values ------------------------------------------------------------

    void drain()
    {
        size_t guard = 0;
        while (!m_pending.empty()) {
            const int node = m_pending.front();
            m_pending.pop_front();
            if ((++guard & 63) == 0 && outOfBudget())
                break;
            nested(node);
        }
    }

    /// Tries the nested decodings on one String/Bytes node, in order of how certain each is.
    void nested(int id)
    {
        const Node& n = m_d.nodes[static_cast<size_t>(id)];
        const int depth = m_d.layers[static_cast<size_t>(n.layer)].depth + 1;
        if (n.decoded >= 0)
            return;
        const QByteArray value = n.value; // shared copy: nodes may reallocate below
        if (depth > m_limits.maxDepth) {
            const QByteArray t = value.trimmed();
            if (t.startsWith('{') || TextCodecs::hasPercentEscape(t) || TextCodecs::base64(t, 16))
                limitNote(QStringLiteral("more than %1 nested encodings").arg(m_limits.maxDepth));
            return;
        }
        if (n.type == NodeType::Bytes) {
            nestedBytes(id, value, depth);
            return;
        }
        if (value.size() < 8)
            return;
        QByteArray v = value.trimmed();
        QByteArray prefixStep;
        // Authorization: Bearer <jwt> / Basic <base64>
        if (const qsizetype sp = v.indexOf(' '); sp > 0 && sp < 12) {
            const QByteArray scheme = v.left(sp).toLower();
            if (scheme == "bearer" || scheme == "basic" || scheme == "token" || scheme == "jwt") {
                prefixStep = scheme;
                v = v.mid(sp + 1).trimmed();
            }
        }
        const QByteArray nodeChain = m_d.chain(id);
        const QByteArray base = join(nodeChain, prefixStep);
        const char first = v.isEmpty() ? 0 : v[0];
        if ((first == '{' || first == '[') && prefixStep.isEmpty()) {
            const int l =
                newLayer(v, locationOf(id), base, "json", m_d.nodes[static_cast<size_t>(id)].layer, id, depth);
            if (l >= 0 && parseAs(l, "json"))
                return;
            dropLayer(l, id);
        }
        if (auto jwt = TextCodecs::jwt(v)) {
            const int l = newLayer(v, locationOf(id), base, "jwt", m_d.nodes[static_cast<size_t>(id)].layer, id, depth);
            if (l >= 0) {
                Node root;
                root.type = NodeType::Object;
                root.layer = l;
                const int r = m_d.appendNode(std::move(root));
                m_d.layers[static_cast<size_t>(l)].root = r;
                attachJson(l, r, "header", jwt->header);
                attachJson(l, r, "payload", jwt->payload);
                Node sig;
                sig.type = NodeType::String;
                sig.layer = l;
                sig.parent = r;
                sig.key = "signature";
                sig.value = jwt->signature;
                m_d.appendNode(std::move(sig));
            }
            return;
        }
        if (v.startsWith("http://") || v.startsWith("https://")) {
            const qsizetype q = v.indexOf('?');
            if (q > 0 && q + 1 < v.size()) {
                QByteArray query = v.mid(q + 1);
                if (const qsizetype hash = query.indexOf('#'); hash >= 0)
                    query.truncate(hash);
                const int l =
                    newLayer(query, locationOf(id), base, "query", m_d.nodes[static_cast<size_t>(id)].layer, id, depth);
                if (l >= 0)
                    finishParsed(l, Parsers::form(m_d, l, query, m_limits));
            }
            return;
        }
        if (TextCodecs::hasPercentEscape(v)) {
            const QByteArray decoded = TextCodecs::percentDecode(v, v.contains('=') && !v.contains(' '));
            if (decoded != v && TextCodecs::isPrintableText(decoded, 0.95)) {
                const int l = newLayer(decoded, locationOf(id), join(base, "url"), "text",
                    m_d.nodes[static_cast<size_t>(id)].layer, id, depth);
                if (l >= 0)
                    processLayer(l, {});
                return;
            }
        }
        if (TextCodecs::looksLikeForm(v)) {
            const int l =
                newLayer(v, locationOf(id), base, "form", m_d.nodes[static_cast<size_t>(id)].layer, id, depth);
            if (l >= 0)
                finishParsed(l, Parsers::form(m_d, l, v, m_limits));
            return;
        }
        // Digests and ids (all hex, UUIDs) are the commonest long strings and are never base64 in practice:
        // only hex is tried on them.
        const bool allHex =
            std::all_of(v.cbegin(), v.cend(), [](char x) { return std::isxdigit(static_cast<unsigned char>(x)) != 0; });
        const bool uuid = v.size() == 36 && v[8] == '-' && v[13] == '-' && v[18] == '-' && v[23] == '-';
        if (v.size() >= 16 && !uuid) {
            TextCodecs::Base64Alphabet alphabet;
            if (auto decoded = allHex ? std::nullopt : TextCodecs::base64(v, 16, &alphabet)) {
                const Magic::Sniffed magic = Magic::sniff(*decoded);
                if (magic.kind != Magic::Kind::None || TextCodecs::isPrintableText(*decoded, 0.9)) {
                    const QByteArray step = alphabet == TextCodecs::Base64Alphabet::UrlSafe ? "base64url" : "base64";
                    const int l = newLayer(std::move(*decoded), locationOf(id), join(base, step), "binary",
                        m_d.nodes[static_cast<size_t>(id)].layer, id, depth);
                    if (l >= 0)
                        processLayer(sniffCompressed(l), {});
                    return;
                }
            }
            if (auto decoded = allHex ? TextCodecs::hex(v, 16) : std::nullopt) {
                if (TextCodecs::isPrintableText(*decoded, 0.95) || Magic::sniff(*decoded).kind != Magic::Kind::None) {
                    const int l = newLayer(std::move(*decoded), locationOf(id), join(base, "hex"), "binary",
                        m_d.nodes[static_cast<size_t>(id)].layer, id, depth);
                    if (l >= 0)
                        processLayer(sniffCompressed(l), {});
                }
            }
        }
    }

    void nestedBytes(int id, const QByteArray& value, int depth)
    {
        const Magic::Sniffed magic = Magic::sniff(value);
        const bool container = magic.kind == Magic::Kind::Gzip || magic.kind == Magic::Kind::Zlib
            || magic.kind == Magic::Kind::Zstd || magic.kind == Magic::Kind::BinaryPlist;
        if (!container)
            return;
        const int l = newLayer(
            value, locationOf(id), m_d.chain(id), "binary", m_d.nodes[static_cast<size_t>(id)].layer, id, depth);
        if (l >= 0)
            processLayer(sniffCompressed(l), {});
    }

    void attachJson(int l, int parent, const QByteArray& key, const QByteArray& json)
    {
        // Parsed into the JWT layer; spans refer to the decoded part, which is not the layer's bytes.
        const int mark = static_cast<int>(m_d.nodes.size());
        bool nd = false;
        const int r = Parsers::json(m_d, l, json, m_limits, false, &nd);
        if (r < 0) {
            m_d.truncateNodes(mark);
            return;
        }
        for (size_t i = static_cast<size_t>(mark); i < m_d.nodes.size(); ++i)
            m_d.nodes[i].spanStart = -1;
        Node& root = m_d.nodes[static_cast<size_t>(r)];
        root.key = key;
        root.parent = parent;
        Node& p = m_d.nodes[static_cast<size_t>(parent)];
        if (p.lastChild >= 0)
            m_d.nodes[static_cast<size_t>(p.lastChild)].nextSibling = r;
        else
            p.firstChild = r;
        p.lastChild = r;
        ++p.childCount;
        for (size_t i = static_cast<size_t>(mark); i < m_d.nodes.size(); ++i) {
            if (m_d.nodes[i].type == NodeType::String)
                m_pending.push_back(static_cast<int>(i));
        }
    }

    void dropLayer(int l, int node)
    {
        // A JSON-looking string that was not JSON: forget the layer so others can be tried.
        if (l >= 0 && l == static_cast<int>(m_d.layers.size()) - 1) {
            m_total -= m_d.layers.back().data.size();
            m_d.layers.pop_back();
            m_firstNode.pop_back();
            m_d.nodes[static_cast<size_t>(node)].decoded = -1;
        }
    }

    QByteArray locationOf(int node) const
    {
        return m_d.layers[static_cast<size_t>(m_d.nodes[static_cast<size_t>(node)].layer)].location;
    }

    Limits m_limits;
    Clock::time_point m_deadline;
    Decoded m_d;
    qint64 m_total = 0;
    bool m_timedOut = false;
    std::deque<int> m_pending;
    std::vector<int> m_firstNode; ///< per layer: the first node index that can belong to it
};

} // namespace

ContentResult decodeContent(QByteArrayView body, const Data::Headers& headers, QByteArrayView contentEncoding,
    QByteArrayView l7, const Limits& limits)
{
    Engine e(limits);
    const std::vector<int> inner = e.unwrapOnly(body, headers, contentEncoding, l7);
    const Decoded d = e.take();
    ContentResult r;
    r.notes = d.notes;
    r.truncated = d.truncated;
    if (inner.empty() || inner.front() < 0) {
        r.data = body.toByteArray();
        return r;
    }
    const Layer& first = d.layers[static_cast<size_t>(inner.front())];
    r.data = first.data;
    r.chain = first.chain;
    if (inner.size() > 1)
        r.notes.append(
            QStringLiteral("the body holds %1 streams or messages; the first is returned").arg(inner.size()));
    return r;
}

Decoded decodeRequest(const Data::Flow& flow, QByteArrayView body, const Limits& limits)
{
    Engine e(limits);
    e.url(flow.url);
    e.headers(flow.requestHeaders, false);
    QByteArray contentType = HttpUtil::headerValue(flow.requestHeaders, "content-type");
    if (contentType.isEmpty())
        contentType = flow.requestContentType.toUtf8();
    e.body(body, contentType, flow.requestHeaders, flow.requestBody.contentEncoding, flow.l7.toUtf8());
    int i = 0;
    for (const Data::WebSocketMessage& m : flow.webSocketMessages) {
        if (m.fromClient)
            e.body(m.data, {}, {}, {}, {}, "websocket[" + QByteArray::number(i) + ']');
        ++i;
    }
    return e.take();
}

Decoded decodeResponse(const Data::Flow& flow, QByteArrayView body, const Limits& limits)
{
    Engine e(limits);
    e.headers(flow.responseHeaders, true);
    QByteArray contentType = HttpUtil::headerValue(flow.responseHeaders, "content-type");
    if (contentType.isEmpty())
        contentType = flow.responseContentType.toUtf8();
    e.body(body, contentType, flow.responseHeaders, flow.responseBody.contentEncoding, flow.l7.toUtf8());
    int i = 0;
    for (const Data::WebSocketMessage& m : flow.webSocketMessages) {
        if (!m.fromClient)
            e.body(m.data, {}, {}, {}, {}, "websocket[" + QByteArray::number(i) + ']');
        ++i;
    }
    return e.take();
}

Decoded decodeBody(QByteArrayView body, QByteArrayView contentType, const Data::Headers& headers,
    QByteArrayView contentEncoding, const Limits& limits)
{
    Engine e(limits);
    e.body(body, contentType, headers, contentEncoding, {});
    return e.take();
}

Decoded decodeValue(QByteArrayView value, QByteArrayView location, const Limits& limits)
{
    Engine e(limits);
    e.textCarrier(location.toByteArray(), {}, value.toByteArray());
    return e.take();
}

} // namespace Decode
