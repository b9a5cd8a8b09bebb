// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence.h"

#include "decode/decoder.h"
#include "decode/textcodecs.h"
#include "store/bodystore.h"
#include "store/investigation.h"

#include <QLocale>
#include <QUrl>

namespace Evidence {

namespace {

constexpr qsizetype kMaxShownBody = 256 * 1024;

QString size(qint64 n)
{
    return QLocale::c().formattedDataSize(n, 1, QLocale::DataSizeSIFormat);
}

QString hexDump(const QByteArray& data, qsizetype max)
{
    QString out;
    const qsizetype n = std::min(data.size(), max);
    for (qsizetype i = 0; i < n; i += 16) {
        out += QStringLiteral("%1  ").arg(i, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype k = i; k < i + 16; ++k) {
            if (k < n) {
                const unsigned char c = static_cast<unsigned char>(data[k]);
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += (c >= 0x20 && c < 0x7F) ? QChar(char16_t(c)) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += QStringLiteral(" ") + ascii + QLatin1Char('\n');
    }
    if (data.size() > n)
        out += QStringLiteral("… %1 more\n").arg(size(data.size() - n));
    return out;
}

/// QChar position of byte `offset` in the text made from `utf8` by inertText().
qsizetype charPosition(const QByteArray& utf8, qsizetype offset)
{
    return QString::fromUtf8(utf8.left(std::clamp<qsizetype>(offset, 0, utf8.size()))).size();
}

} // namespace

QString inertText(const QByteArray& utf8)
{
    QString s = QString::fromUtf8(utf8);
    for (QChar& c : s) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\n' && u != '\t') || u == 0x7F || (u >= 0x80 && u < 0xA0) || (u >= 0x202A && u <= 0x202E)
            || (u >= 0x2066 && u <= 0x2069) || u == 0x200E || u == 0x200F || u == 0x061C)
            c = QChar(u'·');
    }
    return s;
}

FindingStore::Display displayOf(const Decode::Decoded& d, const Detect::Hit& hit)
{
    FindingStore::Display out;
    int layer = hit.layer;
    int node = hit.node;
    qsizetype start = -1, length = 0;
    if (node >= 0) {
        layer = d.nodes[static_cast<size_t>(node)].layer;
    } else if (hit.offset >= 0) {
        start = hit.offset;
        length = hit.length;
    }
    if (layer < 0)
        return out;
    // Up to the outermost layer that is not the decoding of a value: the carrier or the decoded body.
    while (d.layers[static_cast<size_t>(layer)].parentNode >= 0) {
        node = d.layers[static_cast<size_t>(layer)].parentNode;
        layer = d.nodes[static_cast<size_t>(node)].layer;
        start = -1;
    }
    if (node >= 0 && start < 0) {
        const Decode::Node& n = d.nodes[static_cast<size_t>(node)];
        if (n.spanStart >= 0 && n.layer == layer) {
            start = n.spanStart;
            length = n.spanLength;
        }
    }
    const Decode::Layer& l = d.layers[static_cast<size_t>(layer)];
    out.location = l.location;
    out.chain = l.chain;
    out.spanStart = start;
    out.spanLength = start >= 0 ? length : 0;
    return out;
}

Explanation explain(Investigation& inv, const Data::FindingRow& f)
{
    Explanation e;
    const auto stored = inv.flow(f.flowId);
    if (!stored) {
        e.error = QStringLiteral("flow %1 is no longer in the investigation").arg(f.flowId);
        return e;
    }
    Data::Flow flow = stored->flow;
    const bool request = f.direction != u"response";
    const qint64 bodyId = request ? stored->requestBodyId : stored->responseBodyId;
    const QByteArray body = bodyId ? BodyStore::get(inv.db(), bodyId, 64 * 1024 * 1024) : QByteArray();
    flow.webSocketMessages = inv.webSocketMessages(f.flowId);
    const Decode::Decoded d = request ? Decode::decodeRequest(flow, body) : Decode::decodeResponse(flow, body);
    e.notes = d.notes;

    // The layer displayed and the decoding steps to the value.
    int shown = -1;
    for (size_t i = 0; i < d.layers.size(); ++i) {
        const Decode::Layer& l = d.layers[i];
        if (l.parentNode < 0 && QString::fromUtf8(l.location) == f.displayLocation
            && QString::fromUtf8(l.chain) == f.displayChain) {
            shown = static_cast<int>(i);
            break;
        }
    }
    // Text: the request line and headers, then the body as decoded (or the response status and headers).
    QString text;
    if (request) {
        text += flow.method + QLatin1Char(' ');
        const QString url = inertText(flow.url.toUtf8());
        if (f.displayLocation == u"url-path" || f.displayLocation == u"query") {
            const QByteArray u = flow.url.toUtf8();
            qsizetype base = -1;
            if (f.displayLocation == u"query") {
                base = u.indexOf('?');
                base = base < 0 ? -1 : base + 1;
            } else {
                const qsizetype scheme = u.indexOf("://");
                base = scheme < 0 ? 0 : u.indexOf('/', scheme + 3);
            }
            if (base >= 0 && f.spanStart >= 0) {
                e.highlightStart = text.size() + charPosition(u, base + f.spanStart);
                e.highlightLength =
                    charPosition(u, base + f.spanStart + f.spanLength) - charPosition(u, base + f.spanStart);
            }
        }
        text += url + QLatin1Char(' ') + flow.httpVersion + QLatin1Char('\n');
    } else {
        text +=
            QStringLiteral("%1 %2 %3\n").arg(flow.httpVersion).arg(flow.status).arg(inertText(flow.reason.toUtf8()));
    }
    const Data::Headers& headers = request ? flow.requestHeaders : flow.responseHeaders;
    for (const Data::Header& h : headers) {
        const QString line = inertText(h.name) + QStringLiteral(": ");
        const QByteArray lower = h.name.toLower();
        const bool header = f.displayLocation == QStringLiteral("header:") + QString::fromUtf8(lower);
        qsizetype cookieBase = -1;
        if (f.displayLocation.startsWith(u"cookie:") && (lower == "cookie" || lower == "set-cookie")) {
            const QByteArray name = f.displayLocation.mid(7).toUtf8() + '=';
            const qsizetype at = h.value.indexOf(name);
            if (at >= 0 && (at == 0 || h.value[at - 1] == ' ' || h.value[at - 1] == ';'))
                cookieBase = at + name.size();
        }
        if ((header || cookieBase >= 0) && e.highlightStart < 0) {
            const qsizetype base = header ? 0 : cookieBase;
            const qsizetype s = f.spanStart >= 0 ? f.spanStart : 0;
            const qsizetype len = f.spanStart >= 0 ? f.spanLength : h.value.size() - base;
            e.highlightStart = text.size() + line.size() + charPosition(h.value, base + s);
            e.highlightLength = charPosition(h.value, base + s + len) - charPosition(h.value, base + s);
        }
        text += line + inertText(h.value) + QLatin1Char('\n');
    }
    text += QLatin1Char('\n');
    if (f.displayLocation == u"body" && shown >= 0) {
        const Decode::Layer& l = d.layers[static_cast<size_t>(shown)];
        const QByteArray shownBytes = l.data.left(kMaxShownBody);
        if (!l.chain.isEmpty())
            text += QStringLiteral("[body after %1: %2]\n")
                        .arg(QString::fromUtf8(l.chain).replace(u'>', QStringLiteral(", ")), size(l.data.size()));
        if (Decode::TextCodecs::isPrintableText(shownBytes.left(64 * 1024), 0.85)) {
            if (f.spanStart >= 0 && f.spanStart < shownBytes.size()) {
                e.highlightStart = text.size() + charPosition(shownBytes, f.spanStart);
                e.highlightLength =
                    charPosition(shownBytes, f.spanStart + f.spanLength) - charPosition(shownBytes, f.spanStart);
            }
            text += inertText(shownBytes);
            if (l.data.size() > shownBytes.size())
                text += QStringLiteral("\n… %1 more").arg(size(l.data.size() - shownBytes.size()));
        } else {
            text += hexDump(l.data, 4096);
        }
    } else if (!body.isEmpty()) {
        text += Decode::TextCodecs::isPrintableText(body.left(64 * 1024), 0.85) ? inertText(body.left(kMaxShownBody))
                                                                                : hexDump(body, 2048);
    }
    e.text = text;

    // Steps: the layers on the way to the value, outermost first, then the path inside the last one.
    std::vector<int> path;
    const QByteArray chain = f.encodingChain.toUtf8();
    for (size_t i = 0; i < d.layers.size(); ++i) {
        const Decode::Layer& l = d.layers[i];
        if (QString::fromUtf8(l.location) != f.location)
            continue;
        const QByteArray full = l.chain.isEmpty() ? l.format : l.chain + '>' + l.format;
        if (chain == full || chain.startsWith(QByteArray(full + '>'))
            || (!l.chain.isEmpty() && (chain == l.chain || chain.startsWith(QByteArray(l.chain + '>')))))
            path.push_back(static_cast<int>(i));
    }
    qint64 previousSize = -1;
    for (int i : path) {
        const Decode::Layer& l = d.layers[static_cast<size_t>(i)];
        const QByteArray last = l.chain.mid(l.chain.lastIndexOf('>') + 1);
        Step s;
        s.name = l.chain.isEmpty() ? QStringLiteral("%1 as sent").arg(QString::fromUtf8(l.location))
                                   : QString::fromUtf8(last);
        s.detail = previousSize >= 0 && previousSize != l.data.size()
            ? QStringLiteral("%1 → %2, read as %3")
                  .arg(size(previousSize), size(l.data.size()), QString::fromUtf8(l.format))
            : QStringLiteral("%1, read as %2").arg(size(l.data.size()), QString::fromUtf8(l.format));
        s.preview = Decode::TextCodecs::isPrintableText(l.data.left(4096), 0.85) ? inertText(l.data.left(300))
                                                                                 : hexDump(l.data, 64);
        e.steps.append(s);
        previousSize = l.data.size();
    }
    Step value;
    value.name = QStringLiteral("value");
    value.detail = QStringLiteral("%1 (%2)").arg(f.evidence, f.encodingChain);
    e.steps.append(value);
    return e;
}

} // namespace Evidence
