// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mitmflow.h"

#include "common/contentcoding.h"
#include "common/httputil.h"
#include "common/ipaddress.h"
#include "common/timeutil.h"

#include <QHash>

#include <algorithm>
#include <initializer_list>

namespace MitmFlow {

namespace {

/// The first of several names a field had over the format's history that is present and not null.
const TnValue* any(const TnValue* dict, std::initializer_list<const char*> names)
{
    if (!dict)
        return nullptr;
    for (const char* n : names) {
        if (const TnValue* v = dict->value(n))
            return v;
    }
    return nullptr;
}

QString text(const TnValue* v)
{
    return v ? v->text() : QString();
}

Data::Timestamp timestamp(const TnValue* v)
{
    if (!v)
        return 0;
    const double s = v->toDouble(0);
    return s > 0 ? TimeUtil::fromEpochSeconds(s) : 0;
}

QString normaliseIp(const QString& ip)
{
    return IpAddress::normalise(ip);
}

bool isIpLiteral(const QString& host)
{
    return IpAddress::isLiteral(host);
}

/// Addresses were {"address": [host, port], "use_ipv6": …} up to 1.0 and [host, port(, flow, scope)] since.
bool readAddress(const TnValue* v, QString& host, int& port)
{
    if (!v)
        return false;
    if (v->type == TnValue::Dict)
        return readAddress(v->value("address"), host, port);
    if (v->type != TnValue::List || v->size() < 2)
        return false;
    host = v->at(0).text();
    port = static_cast<int>(v->at(1).toInt(0));
    return !host.isEmpty();
}

Data::Headers readHeaders(const TnValue* list)
{
    Data::Headers out;
    if (!list || list->type != TnValue::List)
        return out;
    out.reserve(static_cast<size_t>(list->size()));
    for (const TnValue& h : list->items) {
        if (h.type == TnValue::List && h.size() >= 2 && h.at(0).isText())
            out.push_back({ h.at(0).bytes, h.at(1).isText() ? h.at(1).bytes : h.at(1).text().toUtf8() });
    }
    return out;
}

/// "http_version" bytes since 0.14; before that "httpversion" as a [major, minor] list.
QString httpVersion(const TnValue& message)
{
    if (const TnValue* v = message.value("http_version"))
        return HttpUtil::normaliseHttpVersion(v->text());
    if (const TnValue* v = message.value("httpversion"); v && v->type == TnValue::List && v->size() >= 2)
        return HttpUtil::normaliseHttpVersion(QStringLiteral("HTTP/%1.%2").arg(v->at(0).toInt()).arg(v->at(1).toInt()));
    return {};
}

/// mitmproxy's url.hostport(): the port is left out when it is the scheme's default; IPv6 gets brackets.
QString hostPort(const QString& scheme, const QString& host, int port)
{
    const QString h = host.contains(u':') && !host.startsWith(u'[') ? QStringLiteral("[%1]").arg(host) : host;
    const int defaultPort = scheme == u"https" ? 443 : (scheme == u"http" ? 80 : -1);
    if (port <= 0 || port == defaultPort)
        return h;
    return QStringLiteral("%1:%2").arg(h).arg(port);
}

/// "example.com:8443" / "[::1]:80" / "example.com" → host and port (0 when absent).
void splitAuthority(const QString& authority, QString& host, int& port)
{
    port = 0;
    QString a = authority.trimmed();
    if (a.startsWith(u'[')) {
        const qsizetype close = a.indexOf(u']');
        host = a.mid(1, close > 0 ? close - 1 : -1);
        if (close > 0 && close + 1 < a.size() && a[close + 1] == u':')
            port = a.mid(close + 2).toInt();
        return;
    }
    const qsizetype colon = a.lastIndexOf(u':');
    if (colon > 0 && a.indexOf(u':') == colon) {
        bool ok = false;
        const int p = a.mid(colon + 1).toInt(&ok);
        if (ok) {
            port = p;
            a.truncate(colon);
        }
    }
    host = a;
}

Data::Body readBody(
    const TnValue& message, const Data::Headers& headers, quint32& flags, QStringList& notes, const char* what)
{
    Data::Body body;
    const TnValue* content = any(&message, { "content", "body" });
    if (!content || !content->isText()) {
        // Streamed bodies (stream_large_bodies) are not stored: say so when the headers show there was one.
        const qint64 length = HttpUtil::headerValue(headers, "content-length").trimmed().toLongLong();
        if (length > 0 || HttpUtil::hasHeader(headers, "transfer-encoding")) {
            flags |= Data::BodyMissing;
            body.wireSize = length > 0 ? length : -1;
        }
        body.contentEncoding = ContentCoding::normalise(HttpUtil::headerValue(headers, "content-encoding"));
        return body;
    }
    body.data = content->bytes;
    body.present = true;
    body.wireSize = content->truncated() ? content->fullSize : content->bytes.size();
    if (content->truncated())
        flags |= Data::BodyTruncated;
    const QString problem = ContentCoding::describeWireBody(body, headers);
    if (!problem.isEmpty())
        notes.append(QStringLiteral("the %1 body %2").arg(QLatin1String(what), problem));
    return body;
}

struct Endpoints
{
    const TnValue* client = nullptr;
    const TnValue* server = nullptr;
};

void readConnections(const TnValue& flow, Data::Flow& f, Endpoints& e)
{
    e.client = flow.value("client_conn");
    e.server = flow.value("server_conn");
    QString host;
    int port = 0;
    // Client: "peername" since format 19, "address" before.
    if (readAddress(any(e.client, { "peername", "address" }), host, port)) {
        f.clientIp = normaliseIp(host);
        f.clientPort = port;
    }
    // Server IP: "peername" since 19, "ip_address" 0.18–18, "peer_address" 0.16–0.17; "address" is what the
    // client asked for and may be a name.
    if (readAddress(any(e.server, { "peername", "ip_address", "peer_address" }), host, port) && isIpLiteral(host)) {
        f.serverIp = normaliseIp(host);
        f.serverPort = port;
    } else if (readAddress(any(e.server, { "address" }), host, port)) {
        if (isIpLiteral(normaliseIp(host)))
            f.serverIp = normaliseIp(host);
        f.serverPort = port;
    }
    // SNI is a str since format 11, bytes before; the server side held True ("use the address") before 19.
    for (const TnValue* conn : { e.client, e.server }) {
        if (const TnValue* sni = any(conn, { "sni" }); sni && sni->isText() && f.sni.isEmpty())
            f.sni = sni->text();
    }
    for (const TnValue* conn : { e.client, e.server }) {
        if (f.alpn.isEmpty())
            f.alpn = text(any(conn, { "alpn", "alpn_proto_negotiated" }));
        if (f.tlsVersion.isEmpty())
            f.tlsVersion = text(any(conn, { "tls_version" }));
    }
    if (f.tlsVersion == u"QUIC") // convert_20_21
        f.tlsVersion = QStringLiteral("QUICv1");
    f.transport = text(any(e.client, { "transport_protocol" }));
    if (f.transport.isEmpty())
        f.transport = QStringLiteral("tcp");
}

QString markText(const TnValue* marked)
{
    // A bool before format 13, then a str: ":default:" or an emoji shortcode such as ":red_circle:".
    if (!marked || !marked->truthy())
        return {};
    if (marked->isText() && marked->bytes != ":default:")
        return QStringLiteral("[marked %1 in mitmproxy]").arg(marked->text());
    return QStringLiteral("[marked in mitmproxy]");
}

void readCommonFlowState(const TnValue& flow, Data::Flow& f)
{
    if (const TnValue* error = flow.value("error")) {
        f.error = text(error->value("msg"));
        f.flags |= Data::Incomplete;
    }
    QStringList comment;
    if (const QString c = text(flow.value("comment")).trimmed(); !c.isEmpty())
        comment.append(c);
    if (const QString m = markText(flow.value("marked")); !m.isEmpty())
        comment.append(m);
    f.comment = comment.join(u'\n');
    // Replays were marked per message before format 9, on the flow since.
    const TnValue* replay = flow.value("is_replay");
    if (replay && replay->truthy())
        f.flags |= Data::Replayed;
    for (const char* m : { "request", "response" }) {
        if (const TnValue* msg = flow.value(m); msg && msg->type == TnValue::Dict) {
            if (const TnValue* r = msg->value("is_replay"); r && r->truthy())
                f.flags |= Data::Replayed;
        }
    }
}

std::vector<Data::WebSocketMessage> readWebSocketMessages(const TnValue* messages)
{
    std::vector<Data::WebSocketMessage> out;
    if (!messages || messages->type != TnValue::List)
        return out;
    // [opcode, from_client, content, timestamp(, dropped(, injected))]; the opcode was called "type" before 12.
    for (const TnValue& m : messages->items) {
        if (m.type != TnValue::List || m.size() < 3)
            continue;
        Data::WebSocketMessage msg;
        msg.opcode = static_cast<int>(m.at(0).toInt(1));
        msg.fromClient = m.at(1).truthy();
        msg.data = m.at(2).isText() ? m.at(2).bytes : QByteArray();
        if (m.size() > 3)
            msg.ts = timestamp(&m.at(3));
        out.push_back(std::move(msg));
    }
    return out;
}

void readRequest(const TnValue& req, Data::Flow& f, QStringList& notes)
{
    f.method = text(req.value("method")).toUpper();
    f.scheme = text(req.value("scheme")).toLower();
    f.httpVersion = httpVersion(req);
    f.requestHeaders = readHeaders(req.value("headers"));
    const QString host = text(req.value("host"));
    const int port = static_cast<int>(req.value("port") ? req.value("port")->toInt(0) : 0);
    const QString path = text(req.value("path"));
    const QString authority = text(req.value("authority"));
    f.tsStart = timestamp(req.value("timestamp_start"));
    f.tsEnd = timestamp(req.value("timestamp_end"));

    // The host the app addressed: :authority for HTTP/2 and 3, else the Host header, else request.host (which
    // is only an IP address in transparent mode). That is mitmproxy's pretty_host and pretty_url.
    const bool h2 = f.httpVersion == u"HTTP/2" || f.httpVersion == u"HTTP/3";
    QString hostHeader = h2 && !authority.isEmpty() ? authority : QString();
    if (hostHeader.isEmpty())
        hostHeader = QString::fromUtf8(HttpUtil::headerValue(f.requestHeaders, h2 ? ":authority" : "host"));
    if (hostHeader.isEmpty() && h2)
        hostHeader = QString::fromUtf8(HttpUtil::headerValue(f.requestHeaders, "host"));
    const QString firstLineFormat = text(req.value("first_line_format"));
    if (f.method == u"CONNECT" || firstLineFormat == u"authority") {
        f.flags |= Data::Tunnel;
        f.url = !authority.isEmpty() ? authority : QStringLiteral("%1:%2").arg(host).arg(port);
        QString h;
        int p = 0;
        splitAuthority(f.url, h, p);
        f.host = h.toLower();
    } else if (!hostHeader.isEmpty()) {
        QString h;
        int p = 0;
        splitAuthority(hostHeader, h, p);
        if (p == 0)
            p = f.scheme == u"http" ? 80 : 443;
        f.host = h.toLower();
        f.url = QStringLiteral("%1://%2%3").arg(f.scheme, hostPort(f.scheme, h, p), path);
    } else {
        f.host = host.toLower();
        f.url = QStringLiteral("%1://%2%3").arg(f.scheme, hostPort(f.scheme, host, port), path);
    }
    if (f.serverPort == 0)
        f.serverPort = port;
    f.requestContentType = QString::fromUtf8(HttpUtil::headerValue(f.requestHeaders, "content-type"));
    f.requestBody = readBody(req, f.requestHeaders, f.flags, notes, "request");
}

void readResponse(const TnValue& resp, Data::Flow& f, QStringList& notes)
{
    f.status =
        static_cast<int>(any(&resp, { "status_code", "code" }) ? any(&resp, { "status_code", "code" })->toInt(0) : 0);
    f.reason = text(any(&resp, { "reason", "msg" }));
    f.responseHeaders = readHeaders(resp.value("headers"));
    if (f.httpVersion.isEmpty())
        f.httpVersion = httpVersion(resp);
    f.responseContentType = QString::fromUtf8(HttpUtil::headerValue(f.responseHeaders, "content-type"));
    f.responseBody = readBody(resp, f.responseHeaders, f.flags, notes, "response");
    f.tsEnd = std::max(f.tsEnd, timestamp(resp.value("timestamp_end")));
}

QString dnsTypeName(qint64 type)
{
    switch (type) {
    case 1:
        return QStringLiteral("A");
    case 2:
        return QStringLiteral("NS");
    case 5:
        return QStringLiteral("CNAME");
    case 6:
        return QStringLiteral("SOA");
    case 12:
        return QStringLiteral("PTR");
    case 15:
        return QStringLiteral("MX");
    case 16:
        return QStringLiteral("TXT");
    case 28:
        return QStringLiteral("AAAA");
    case 33:
        return QStringLiteral("SRV");
    case 64:
        return QStringLiteral("SVCB");
    case 65:
        return QStringLiteral("HTTPS");
    case 255:
        return QStringLiteral("ANY");
    default:
        return QStringLiteral("TYPE%1").arg(type);
    }
}

QString dnsRcodeName(qint64 rcode)
{
    static const char* const names[] = { "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED" };
    return rcode >= 0 && rcode < 6 ? QString::fromLatin1(names[rcode]) : QStringLiteral("RCODE%1").arg(rcode);
}

QString dnsName(const QString& name)
{
    QString n = name.trimmed().toLower();
    if (n.endsWith(u'.'))
        n.chop(1);
    return n;
}

/// A CNAME's data: the target name in DNS wire form (mitmproxy stores it decompressed).
QString unpackName(const QByteArray& data)
{
    QStringList labels;
    qsizetype i = 0;
    while (i < data.size()) {
        const int len = static_cast<unsigned char>(data[i]);
        if (len == 0 || len > 63 || i + 1 + len > data.size())
            break;
        labels.append(QString::fromLatin1(data.mid(i + 1, len)));
        i += 1 + len;
    }
    return dnsName(labels.join(u'.'));
}

void readDns(const TnValue& flow, Data::Flow& f, Extras& extras)
{
    const TnValue* req = flow.value("request");
    const TnValue* resp = flow.value("response");
    f.l7 = QStringLiteral("dns");
    QString qname;
    qint64 qtype = 0;
    if (req) {
        f.tsStart = timestamp(req->value("timestamp"));
        if (const TnValue* qs = req->value("questions"); qs && qs->type == TnValue::List && qs->size() > 0) {
            qname = dnsName(text(qs->at(0).value("name")));
            qtype = qs->at(0).value("type") ? qs->at(0).value("type")->toInt() : 0;
        }
    }
    f.host = qname;
    // RFC 4501 dns: URIs name the question, so the flow list shows what was asked.
    if (!qname.isEmpty())
        f.url = QStringLiteral("dns:%1?type=%2").arg(qname, dnsTypeName(qtype));
    if (!resp) {
        f.flags |= Data::Incomplete;
        return;
    }
    f.tsEnd = timestamp(resp->value("timestamp"));
    f.reason = dnsRcodeName(resp->value("response_code") ? resp->value("response_code")->toInt() : 0);
    const TnValue* answers = resp->value("answers");
    if (!answers || answers->type != TnValue::List)
        return;
    // Follow the CNAME chain from the question to the addresses, as the IP → name map wants it.
    QHash<QString, QString> cnames;
    for (const TnValue& rr : answers->items) {
        if (rr.value("type") && rr.value("type")->toInt() == 5 && rr.value("data"))
            cnames.insert(dnsName(text(rr.value("name"))), unpackName(rr.value("data")->bytes));
    }
    for (const TnValue& rr : answers->items) {
        const qint64 type = rr.value("type") ? rr.value("type")->toInt() : 0;
        const TnValue* data = rr.value("data");
        if ((type != 1 && type != 28) || !data)
            continue;
        const QString address = IpAddress::fromBytes(data->bytes);
        if (address.isEmpty() || (type == 1) != (data->bytes.size() == 4))
            continue;
        Data::DnsAnswer a;
        a.ts = f.tsEnd ? f.tsEnd : f.tsStart;
        a.name = qname.isEmpty() ? dnsName(text(rr.value("name"))) : qname;
        a.address = address;
        a.ttl = rr.value("ttl") ? rr.value("ttl")->toInt() : 0;
        QStringList chain { a.name };
        for (QString at = a.name; cnames.contains(at) && chain.size() < 16;) {
            at = cnames.value(at);
            chain.append(at);
        }
        if (chain.size() > 1)
            a.cnameChain = chain.join(u'>');
        extras.dnsAnswers.push_back(std::move(a));
    }
}

void readRawMessages(const TnValue& flow, Data::Flow& f, const Endpoints& e)
{
    // TCP and UDP flows: [from_client, content, timestamp] in the proxy's own chunking. What the client sent
    // becomes the request body, what the server sent the response body.
    f.l7 = QStringLiteral("raw");
    f.transport = QString::fromUtf8(flow.value("type")->bytes);
    QString host;
    int port = 0;
    if (readAddress(any(e.server, { "address" }), host, port)) {
        f.host = host.toLower();
        if (f.serverPort == 0)
            f.serverPort = port;
    }
    f.tsStart = timestamp(any(e.client, { "timestamp_start" }));
    f.requestBody.present = f.responseBody.present = true;
    if (const TnValue* messages = flow.value("messages"); messages && messages->type == TnValue::List) {
        for (const TnValue& m : messages->items) {
            if (m.type != TnValue::List || m.size() < 2)
                continue;
            const QByteArray& data = m.at(1).bytes;
            (m.at(0).truthy() ? f.requestBody : f.responseBody).data += data;
            if (m.size() > 2) {
                const Data::Timestamp ts = timestamp(&m.at(2));
                if (f.tsStart == 0 || (ts && ts < f.tsStart))
                    f.tsStart = ts;
                f.tsEnd = std::max(f.tsEnd, ts);
            }
        }
    }
    for (Data::Body* b : { &f.requestBody, &f.responseBody })
        b->wireSize = b->decodedSize = b->data.size();
    f.tsEnd = std::max(f.tsEnd, timestamp(any(e.server, { "timestamp_end" })));
}

} // namespace

QString readHeader(const TnValue& flow, Header& h)
{
    h = Header();
    if (flow.type != TnValue::Dict)
        return QStringLiteral("not a mitmproxy flow (the value is not a dictionary)");
    const TnValue* version = flow.value("version");
    if (!version)
        return QStringLiteral("not a mitmproxy flow (it has no \"version\")");
    if (version->type == TnValue::Int) {
        h.format = static_cast<int>(version->integer);
        h.versionText = QString::number(h.format);
        if (h.format > kNewestFormat)
            return QStringLiteral("this dump was written by a newer mitmproxy (flow format %1); Leakscope reads flow "
                                  "formats up to %2 (mitmproxy 11 to 13). Save the flows as HAR from that mitmproxy "
                                  "(mitmdump -nr dump.mitm --set hardump=dump.har) and import the HAR file")
                .arg(h.format)
                .arg(kNewestFormat);
        if (h.format < 4)
            return QStringLiteral("unknown mitmproxy flow format %1").arg(h.format);
    } else if (version->type == TnValue::List && version->size() >= 2) {
        // 0.11 … 3.0 wrote the mitmproxy release as a tuple; compat.py knows (0, 11) to (3, 0).
        const int major = static_cast<int>(version->at(0).toInt(-1));
        const int minor = static_cast<int>(version->at(1).toInt(-1));
        QStringList parts;
        for (const TnValue& p : version->items)
            parts.append(p.text());
        h.versionText = parts.join(u'.');
        const bool known = (major == 0 && minor >= 11 && minor <= 19) || (major >= 1 && major <= 3 && minor == 0);
        if (!known)
            return major == 0 && minor < 11
                ? QStringLiteral("this dump was written by mitmproxy %1, older than the oldest format Leakscope reads "
                                 "(mitmproxy 0.11)")
                      .arg(h.versionText)
                : QStringLiteral("unknown mitmproxy version %1 in the flow").arg(h.versionText);
        h.format = 0;
    } else {
        return QStringLiteral("not a mitmproxy flow (its \"version\" is neither a number nor a list)");
    }
    h.id = flow.value("id") ? flow.value("id")->bytes : QByteArray();
    h.type = flow.value("type") ? flow.value("type")->bytes : QByteArrayLiteral("http");
    if (h.format < 12) {
        if (const TnValue* meta = flow.value("metadata"); meta && meta->type == TnValue::Dict) {
            h.isWebsocketHandshake = meta->value("websocket") && meta->value("websocket")->truthy();
            if (const TnValue* of = meta->value("websocket_handshake"); of && of->isText())
                h.websocketOf = of->bytes;
        }
    }
    return {};
}

Data::Flow toFlow(const TnValue& flow, const Header& header, Extras& extras)
{
    Data::Flow f;
    f.sourceId = QString::fromUtf8(header.id);
    Endpoints e;
    readConnections(flow, f, e);
    readCommonFlowState(flow, f);
    if (header.type == "tcp" || header.type == "udp") {
        readRawMessages(flow, f, e);
        if (f.error.isEmpty())
            f.flags &= ~Data::Incomplete;
        return f;
    }
    if (header.type == "dns") {
        readDns(flow, f, extras);
        return f;
    }
    if (header.type == "websocket")
        return mergeWebSocket(flow, header, nullptr, extras);
    if (header.type != "http")
        extras.notes.append(
            QStringLiteral("a flow of the unknown type \"%1\" was read as HTTP").arg(QString::fromUtf8(header.type)));
    if (const TnValue* req = flow.value("request"); req && req->type == TnValue::Dict)
        readRequest(*req, f, extras.notes);
    if (const TnValue* resp = flow.value("response"); resp && resp->type == TnValue::Dict)
        readResponse(*resp, f, extras.notes);
    else
        f.flags |= Data::Incomplete;
    if (f.httpVersion == u"HTTP/3" || f.tlsVersion.startsWith(u"QUIC"))
        f.transport = QStringLiteral("quic");
    if (const TnValue* ws = flow.value("websocket"); ws && ws->type == TnValue::Dict) {
        f.l7 = QStringLiteral("ws");
        f.webSocketMessages = readWebSocketMessages(ws->value("messages"));
        f.tsEnd = std::max(f.tsEnd, timestamp(ws->value("timestamp_end")));
    }
    if (const TnValue* error = flow.value("error"))
        f.tsEnd = std::max(f.tsEnd, timestamp(error->value("timestamp")));
    if (f.tsStart == 0)
        f.tsStart = timestamp(flow.value("timestamp_created"));
    return f;
}

Data::Flow mergeWebSocket(const TnValue& wsFlow, const Header& header, Data::Flow* handshake, Extras& extras)
{
    Data::Flow f;
    if (handshake) {
        f = std::move(*handshake);
    } else {
        // No handshake flow in the file: describe the connection the messages went over.
        f.sourceId = QString::fromUtf8(header.id);
        Endpoints e;
        readConnections(wsFlow, f, e);
        QString host;
        int port = 0;
        readAddress(any(e.server, { "address" }), host, port);
        const bool tls = any(e.server, { "tls_established", "ssl_established", "tls" })
            && any(e.server, { "tls_established", "ssl_established", "tls" })->truthy();
        f.scheme = tls ? QStringLiteral("https") : QStringLiteral("http");
        f.method = QStringLiteral("GET");
        f.host = host.toLower();
        f.url = QStringLiteral("%1://%2/").arg(f.scheme, hostPort(f.scheme, host, port));
        f.tsStart = timestamp(any(e.server, { "timestamp_start" }));
        if (f.tsStart == 0)
            f.tsStart = timestamp(any(e.client, { "timestamp_start" }));
        f.flags |= Data::Incomplete;
        extras.notes.append(QStringLiteral("a WebSocket flow whose handshake is not in the file was kept with its "
                                           "connection's address"));
    }
    Data::Flow state;
    readCommonFlowState(wsFlow, state);
    if (!state.error.isEmpty())
        f.error = state.error;
    if (f.comment.isEmpty())
        f.comment = state.comment;
    f.l7 = QStringLiteral("ws");
    f.webSocketMessages = readWebSocketMessages(wsFlow.value("messages"));
    for (const auto& m : f.webSocketMessages)
        f.tsEnd = std::max(f.tsEnd, m.ts);
    f.tsEnd = std::max(f.tsEnd, timestamp(any(wsFlow.value("server_conn"), { "timestamp_end" })));
    return f;
}

} // namespace MitmFlow
