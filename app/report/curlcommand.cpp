// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curlcommand.h"

#include <QByteArrayList>
#include <QStringList>

namespace CurlCommand {

namespace {

QString shellQuote(const QString& s)
{
    QString out = s;
    out.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

/// bash/zsh ANSI-C quoting, byte-exact for any bytes.
QString ansiCQuote(const QByteArray& bytes)
{
    QString out = QStringLiteral("$'");
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\'' || c == '\\')
            out += QLatin1Char('\\') + QLatin1Char(static_cast<char>(c));
        else if (c >= 0x20 && c < 0x7F)
            out += QLatin1Char(static_cast<char>(c));
        else
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    return out + QLatin1Char('\'');
}

bool isPrintableText(const QByteArray& bytes)
{
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
            return false;
    }
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

} // namespace

QString fromFlow(const Data::Flow& f, const QByteArray& body)
{
    QStringList parts { QStringLiteral("curl") };
    if (!f.method.isEmpty() && f.method != u"GET")
        parts << QStringLiteral("-X") << shellQuote(f.method);
    parts << shellQuote(f.url);
    static const QByteArrayList skipped { "content-length", "connection", "keep-alive", "transfer-encoding", "upgrade",
        "proxy-connection", "te", "host" };
    bool compressed = false;
    for (const auto& h : f.requestHeaders) {
        const QByteArray name = h.name.toLower();
        if (name.startsWith(':') || skipped.contains(name))
            continue;
        if (name == "accept-encoding")
            compressed = true;
        parts << QStringLiteral("-H")
              << shellQuote(QString::fromUtf8(h.name) + QStringLiteral(": ") + QString::fromUtf8(h.value));
    }
    if (compressed)
        parts << QStringLiteral("--compressed");
    if (!body.isEmpty())
        parts << QStringLiteral("--data-binary")
              << (isPrintableText(body) ? shellQuote(QString::fromUtf8(body)) : ansiCQuote(body));
    return parts.join(QStringLiteral(" \\\n  "));
}

} // namespace CurlCommand
