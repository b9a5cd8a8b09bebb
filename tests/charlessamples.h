// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Charles sessions written by hand for tst_charlesimporter (kept out of the test's .cpp: moc does not read raw
// string literals, and these JSON snippets are far more legible raw).

#include "testutils.h"

#include <QFile>

#include <zlib.h>

namespace CharlesSamples {

inline QByteArray gzip(const QByteArray& data)
{
    z_stream zs {};
    deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

inline const QByteArray kJson = "{\"event\":\"composer_opened\",\"device_id\":\"8d3f2a\"}";

/// A Charles 4.6 transaction in the shape of the corpus sessions, with a base64 gzip response body.
inline QByteArray transaction(const QByteArray& extra = {}, const QByteArray& responseBody = {})
{
    const QByteArray body = responseBody.isNull() ? "{\"encoded\":\"" + gzip(kJson).toBase64() + "\"}" : responseBody;
    return R"({"status":"COMPLETE","method":"POST","protocolVersion":"HTTP/1.1","scheme":"https","host":"events.vidzy.example",)"
           R"("port":null,"actualPort":8443,"path":"/v1/track","query":"sdk=3.1","tunnel":false,"keptAlive":true,"webSocket":false,)"
           R"("remoteAddress":"events.vidzy.example/198.51.100.7","clientAddress":"/192.168.1.20","clientPort":50211,)"
           R"("times":{"start":"2026-01-01T10:00:00.000+01:00","requestBegin":"2026-01-01T10:00:00.010+01:00",)"
           R"("requestComplete":"2026-01-01T10:00:00.020+01:00","responseBegin":"2026-01-01T10:00:00.100+01:00","end":"2026-01-01T10:00:00.150+01:00"},)"
           R"("ssl":{"protocol":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256"},"alpn":{"protocol":"http/1.1"},)"
           R"("request":{"sizes":{"headers":120,"body":)"
        + QByteArray::number(kJson.size())
        + R"(},"mimeType":"application/json","charset":"UTF-8","contentEncoding":null,)"
          R"("header":{"firstLine":"POST /v1/track?sdk=3.1 HTTP/1.1","headers":[{"name":"Host","value":"events.vidzy.example:8443"},{"name":"Content-Type","value":"application/json"}]},)"
          R"("body":{"text":")"
        + QByteArray(kJson).replace("\"", "\\\"")
        + R"(","charset":"UTF-8"}},)"
          R"("response":{"status":202,"sizes":{"headers":90,"body":)"
        + QByteArray::number(gzip(kJson).size())
        + R"(},"mimeType":"application/json","charset":null,"contentEncoding":"gzip",)"
          R"("header":{"firstLine":"HTTP/1.1 202 Accepted","headers":[{"name":"Content-Type","value":"application/json"},{"name":"Content-Encoding","value":"gzip"}]},)"
          R"("body":)"
        + body + "}" + extra + "}";
}

inline const QByteArray kTunnel =
    R"({"status":"COMPLETE","method":"CONNECT","protocolVersion":"HTTP/1.1","scheme":"https","host":"pinned.example","actualPort":443,"path":null,"query":null,"tunnel":true,"remoteAddress":"pinned.example/203.0.113.50","times":{"start":"2026-01-01T10:00:01.000+01:00","requestBegin":"2026-01-01T10:00:01.000+01:00","end":"2026-01-01T10:00:05.000+01:00"}})";
inline const QByteArray kFailed =
    R"({"status":"EXCEPTION","errorMessage":"Connection reset by peer","method":"GET","protocolVersion":"HTTP/1.1","scheme":"https","host":"gone.example","actualPort":443,"path":"/","tunnel":false,"times":{"start":"2026-01-01T10:00:02.000+01:00"},"request":{"header":{"firstLine":"GET / HTTP/1.1","headers":[]}}})";

inline QString write(const TestUtils::Scratch& scratch, const QString& name, const QByteArray& content)
{
    QFile f(scratch.path(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

} // namespace CharlesSamples
