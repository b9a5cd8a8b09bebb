// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httputil.h"

#include <QUrl>

namespace HttpUtil {

QByteArray headerValue(const Data::Headers& headers, QByteArrayView name)
{
    for (const auto& h : headers) {
        if (h.name.size() == name.size() && QByteArrayView(h.name).compare(name, Qt::CaseInsensitive) == 0)
            return h.value.isNull() ? QByteArray("") : h.value;
    }
    return {};
}

bool hasHeader(const Data::Headers& headers, QByteArrayView name)
{
    return !headerValue(headers, name).isNull();
}

QString essence(QStringView contentType)
{
    const qsizetype semi = contentType.indexOf(u';');
    return (semi >= 0 ? contentType.first(semi) : contentType).trimmed().toString().toLower();
}

bool isTextualMimeType(QStringView mimeType)
{
    const QString m = essence(mimeType);
    if (m.isEmpty())
        return false;
    return m.startsWith(u"text/") || m.endsWith(u"+json") || m.endsWith(u"+xml") || m.contains(u"json")
        || m.contains(u"xml") || m.contains(u"javascript") || m.contains(u"ecmascript")
        || m == u"application/x-www-form-urlencoded" || m.contains(u"graphql") || m == u"application/csp-report"
        || m == u"application/x-ndjson" || m == u"image/svg+xml";
}

QString normaliseHttpVersion(QStringView v)
{
    const QString s = v.trimmed().toString().toUpper();
    if (s.isEmpty())
        return {};
    if (s == u"H2" || s == u"HTTP/2" || s == u"HTTP/2.0" || s == u"H2C")
        return QStringLiteral("HTTP/2");
    if (s == u"H3" || s.startsWith(u"H3-") || s == u"HTTP/3" || s == u"HTTP/3.0")
        return QStringLiteral("HTTP/3");
    if (s == u"HTTP/1.1" || s == u"HTTP/1.0" || s == u"HTTP/0.9")
        return s;
    if (s == u"HTTP/1")
        return QStringLiteral("HTTP/1.1");
    return v.trimmed().toString();
}

QString l7ForVersion(QStringView v)
{
    if (v == u"HTTP/2")
        return QStringLiteral("h2");
    if (v == u"HTTP/3")
        return QStringLiteral("h3");
    return QStringLiteral("http1");
}

UrlParts splitUrl(const QString& url)
{
    UrlParts p;
    const QUrl u(url);
    p.scheme = u.scheme().toLower();
    p.host = u.host(QUrl::FullyDecoded).toLower();
    const int defaultPort = p.scheme == u"https" || p.scheme == u"wss" ? 443 : (p.scheme == u"http" || p.scheme == u"ws" ? 80 : 0);
    p.port = u.port(defaultPort);
    return p;
}

QByteArray formEncode(const std::vector<std::pair<QByteArray, QByteArray>>& params)
{
    QByteArray out;
    for (const auto& [name, value] : params) {
        if (!out.isEmpty())
            out += '&';
        out += name.toPercentEncoding() + '=' + value.toPercentEncoding();
    }
    return out;
}

} // namespace HttpUtil
