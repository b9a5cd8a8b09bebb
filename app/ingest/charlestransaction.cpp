// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "charlestransaction.h"

#include "common/contentcoding.h"
#include "common/httputil.h"
#include "common/ipaddress.h"
#include "common/numbers.h"
#include "common/timeutil.h"

namespace CharlesTransaction {

namespace {

using Value = rapidjson::Value;

const Value* member(const Value* object, const char* name)
{
    if (!object || !object->IsObject())
        return nullptr;
    const auto it = object->FindMember(name);
    return it == object->MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

QString str(const Value* object, const char* name)
{
    const Value* v = member(object, name);
    if (!v)
        return {};
    if (v->IsString())
        return QString::fromUtf8(v->GetString(), static_cast<qsizetype>(v->GetStringLength()));
    if (v->IsNumber())
        return QString::number(v->GetDouble(), 'g', 17);
    if (v->IsBool())
        return v->GetBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

QByteArray bytes(const Value& v)
{
    return v.IsString() ? QByteArray(v.GetString(), static_cast<qsizetype>(v.GetStringLength())) : QByteArray();
}

/// Charles writes some numbers as strings ("totalSize": "2165").
qint64 num(const Value* object, const char* name, qint64 fallback = -1)
{
    const Value* v = member(object, name);
    if (!v)
        return fallback;
    if (v->IsInt64())
        return v->GetInt64();
    if (v->IsNumber())
        return Numbers::toInteger<qint64>(v->GetDouble()).value_or(fallback);
    bool ok = false;
    const qint64 n = str(object, name).toLongLong(&ok);
    return ok ? n : fallback;
}

bool flag(const Value* object, const char* name)
{
    const Value* v = member(object, name);
    return v && ((v->IsBool() && v->GetBool()) || (v->IsString() && str(object, name) == u"true"));
}

Data::Headers headers(const Value* message)
{
    Data::Headers out;
    const Value* list = member(member(message, "header"), "headers");
    if (!list || !list->IsArray())
        return out;
    for (const Value& h : list->GetArray()) {
        const Value* n = member(&h, "name");
        if (n && n->IsString())
            out.push_back({ bytes(*n), str(&h, "value").toUtf8() });
    }
    return out;
}

/// "host/1.2.3.4" or "/1.2.3.4" (Java's InetAddress.toString()) → the address.
QString addressOf(const QString& javaAddress)
{
    const QString ip = javaAddress.section(u'/', -1);
    return IpAddress::isLiteral(ip) ? IpAddress::normalise(ip) : QString();
}

bool looksCompressed(const QByteArray& data, const QByteArray& encoding)
{
    if (encoding.contains("gzip"))
        return data.startsWith("\x1F\x8B");
    if (encoding.contains("zstd"))
        return data.startsWith("\x28\xB5\x2F\xFD");
    return true; // br and deflate have no magic: trust the declaration
}

void readBody(const Value* message, const std::optional<QByteArray>& external, const QString& contentType,
    Data::Body& body, quint32& flags, QStringList& notes, bool& lossy, const char* what)
{
    const QByteArray declared = ContentCoding::normalise(str(message, "contentEncoding").toUtf8());
    const Value* b = member(message, "body");
    const qint64 wire = num(member(message, "sizes"), "body");
    bool decoded = flag(b, "decoded");
    if (external) {
        body.data = *external;
        body.present = true;
    } else if (const Value* encoded = member(b, "encoded"); encoded && encoded->IsString()) {
        auto d = QByteArray::fromBase64Encoding(bytes(*encoded), QByteArray::AbortOnBase64DecodingErrors);
        if (d) {
            body.data = std::move(*d);
        } else {
            notes.append(
                QStringLiteral("has a %1 body that is not valid base64; kept as text").arg(QLatin1String(what)));
            body.data = bytes(*encoded);
            flags |= Data::BodyLossyText;
        }
        body.present = true;
    } else if (const Value* text = member(b, "text"); text && text->IsString()) {
        // Text is Charles's decoded, charset-converted rendering: byte-exact only for text in UTF-8.
        body.data = bytes(*text);
        body.present = true;
        decoded = true;
        const QString charset = str(b, "charset").toLower();
        if (!body.data.isEmpty()
            && (!HttpUtil::isTextualMimeType(contentType) || (!charset.isEmpty() && charset != u"utf-8"))) {
            flags |= Data::BodyLossyText;
            lossy = true;
        }
    }
    if (!body.present) {
        body.wireSize = wire;
        body.contentEncoding = declared;
        if (wire > 0)
            flags |= Data::BodyMissing;
        return;
    }
    if (decoded || declared.isEmpty()) {
        body.contentEncoding.clear();
        body.wireSize = wire >= 0 ? wire : (declared.isEmpty() ? body.data.size() : -1);
        body.decodedSize = body.data.size();
        return;
    }
    // Bytes with a declared Content-Encoding: still encoded when they decode (or look encoded), else Charles
    // already decoded them.
    const ContentCoding::Decoded d = ContentCoding::decode(body.data, declared, 64 << 20);
    if (d.error.isEmpty() || looksCompressed(body.data, declared)) {
        body.contentEncoding = declared;
        body.wireSize = body.data.size();
        body.decodedSize = d.ok && !d.limitReached ? d.data.size() : -1;
        if (!d.error.isEmpty())
            notes.append(QStringLiteral("has a %1 body that %2").arg(QLatin1String(what), d.error));
    } else {
        body.wireSize = wire;
        body.decodedSize = body.data.size();
    }
}

} // namespace

bool looksLikeTransaction(const Value& t)
{
    return t.IsObject() && (member(&t, "method") || member(&t, "host"))
        && (member(&t, "request") || member(&t, "times") || member(&t, "status"));
}

Data::Flow toFlow(const Value& t, const Bodies& external, QStringList& notes, bool& lossyText)
{
    Data::Flow f;
    const Value* req = member(&t, "request");
    const Value* resp = member(&t, "response");
    f.transport = QStringLiteral("tcp");
    f.method = str(&t, "method").toUpper();
    f.httpVersion = HttpUtil::normaliseHttpVersion(str(&t, "protocolVersion"));
    f.scheme = str(&t, "scheme").toLower();
    f.requestHeaders = headers(req);
    f.responseHeaders = headers(resp);

    // HTTP/2 reuses connections across hosts: :authority names the request's host, "host" the connection's.
    QString host = QString::fromUtf8(HttpUtil::headerValue(f.requestHeaders, ":authority"));
    if (host.isEmpty())
        host = str(&t, "host");
    host = host.section(u':', 0, 0);
    f.host = host.toLower();
    f.serverPort = static_cast<int>(num(&t, "actualPort", num(&t, "port", 0)));
    const QString path = str(&t, "path");
    const QString query = str(&t, "query");
    if (flag(&t, "tunnel") || f.method == u"CONNECT") {
        // SSL proxying was off for this host: Charles saw only an encrypted tunnel.
        f.flags |= Data::Tunnel | Data::Encrypted;
        f.url = QStringLiteral("%1:%2").arg(host).arg(f.serverPort);
    } else {
        const int defaultPort = f.scheme == u"https" ? 443 : 80;
        const QString hostPort = f.serverPort > 0 && f.serverPort != defaultPort
            ? QStringLiteral("%1:%2").arg(host).arg(f.serverPort)
            : host;
        f.url = QStringLiteral("%1://%2%3")
                    .arg(f.scheme.isEmpty() ? QStringLiteral("http") : f.scheme, hostPort,
                        path.isEmpty() ? QStringLiteral("/") : path);
        if (!query.isEmpty())
            f.url += u'?' + query;
    }
    f.serverIp = addressOf(str(&t, "remoteAddress"));
    f.clientIp = addressOf(str(&t, "clientAddress"));
    f.clientPort = static_cast<int>(num(&t, "clientPort", 0));
    const Value* times = member(&t, "times");
    f.tsStart = TimeUtil::parseIso8601(str(times, "requestBegin")).value_or(0);
    if (f.tsStart == 0)
        f.tsStart = TimeUtil::parseIso8601(str(times, "start")).value_or(0);
    f.tsEnd = TimeUtil::parseIso8601(str(times, "end")).value_or(0);
    f.tlsVersion = str(member(&t, "ssl"), "protocol");
    f.alpn = str(member(&t, "alpn"), "protocol");
    f.comment = str(&t, "notes");
    if (flag(&t, "webSocket"))
        f.l7 = QStringLiteral("ws");

    f.requestContentType = QString::fromUtf8(HttpUtil::headerValue(f.requestHeaders, "content-type"));
    if (f.requestContentType.isEmpty())
        f.requestContentType = str(req, "mimeType");
    if (req)
        readBody(req, external.request, f.requestContentType, f.requestBody, f.flags, notes, lossyText, "request");

    const QString status = str(&t, "status");
    f.error = str(&t, "errorMessage");
    if (resp) {
        f.status = static_cast<int>(num(resp, "status", 0));
        const QString firstLine = str(member(resp, "header"), "firstLine");
        f.reason = firstLine.section(u' ', 2);
        f.responseContentType = QString::fromUtf8(HttpUtil::headerValue(f.responseHeaders, "content-type"));
        if (f.responseContentType.isEmpty())
            f.responseContentType = str(resp, "mimeType");
        readBody(resp, external.response, f.responseContentType, f.responseBody, f.flags, notes, lossyText, "response");
    }
    if (f.status == 0 && !(f.flags & Data::Tunnel))
        f.flags |= Data::Incomplete;
    if (!status.isEmpty() && status != u"COMPLETE" && status != u"SUCCESS") {
        f.flags |= Data::Incomplete;
        if (f.error.isEmpty())
            f.error = QStringLiteral("Charles status %1").arg(status);
    }
    return f;
}

} // namespace CharlesTransaction
