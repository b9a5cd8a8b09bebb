// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpmessage.h"

#include "common/httputil.h"

#include <QList>

namespace HttpMessage {

namespace {

/// The next line (without CR LF or LF) starting at `pos`; `pos` moves past the line end. False at the end.
bool nextLine(QByteArrayView raw, qsizetype& pos, QByteArrayView& line)
{
    if (pos >= raw.size())
        return false;
    const qsizetype nl = raw.indexOf('\n', pos);
    const qsizetype end = nl < 0 ? raw.size() : nl;
    line = raw.sliced(pos, end - pos);
    if (line.endsWith('\r'))
        line.chop(1);
    pos = nl < 0 ? raw.size() : nl + 1;
    return true;
}

bool hasToken(QByteArrayView headerValue, QByteArrayView token)
{
    for (const QByteArray& part : headerValue.toByteArray().split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void readHeaderLines(QByteArrayView raw, qsizetype& pos, Data::Headers& headers)
{
    QByteArrayView line;
    while (nextLine(raw, pos, line)) {
        if (line.isEmpty())
            return;
        if ((line.startsWith(' ') || line.startsWith('\t')) && !headers.empty()) {
            headers.back().value += ' ' + line.trimmed().toByteArray(); // obs-fold
            continue;
        }
        const qsizetype colon = line.indexOf(':', line.startsWith(':') ? 1 : 0); // ":authority: x" (HTTP/2)
        if (colon <= 0)
            continue; // not a header; exporters sometimes leave such lines, and nothing is lost by skipping
        headers.push_back(
            { line.first(colon).trimmed().toByteArray(), line.sliced(colon + 1).trimmed().toByteArray() });
    }
}

} // namespace

bool dechunk(QByteArrayView in, QByteArray& out, Data::Headers* trailers)
{
    qsizetype pos = 0;
    QByteArrayView line;
    while (nextLine(in, pos, line)) {
        const qsizetype semi = line.indexOf(';'); // chunk extensions
        const QByteArrayView sizeText = (semi >= 0 ? line.first(semi) : line).trimmed();
        bool ok = false;
        const qint64 size = sizeText.toLongLong(&ok, 16);
        if (!ok || size < 0)
            return false;
        if (size == 0) {
            Data::Headers t;
            readHeaderLines(in, pos, t);
            if (trailers)
                *trailers = std::move(t);
            return true;
        }
        const qint64 take = std::min<qint64>(size, in.size() - pos);
        out.append(in.sliced(pos, static_cast<qsizetype>(take)));
        pos += static_cast<qsizetype>(take);
        if (take < size)
            return false;
        // The chunk's own CR LF (or a bare LF after XML line-end normalisation).
        if (pos < in.size() && in[pos] == '\r')
            ++pos;
        if (pos < in.size() && in[pos] == '\n')
            ++pos;
    }
    return false;
}

Parsed parse(QByteArrayView raw, Kind kind)
{
    Parsed p;
    qsizetype pos = 0;
    QByteArrayView line;
    // Tolerate blank lines before the start line (RFC 9112 §2.2 asks servers to ignore one).
    do {
        if (!nextLine(raw, pos, line)) {
            p.error = QStringLiteral("the message is empty");
            return p;
        }
    } while (line.trimmed().isEmpty());

    const QList<QByteArray> parts = line.trimmed().toByteArray().split(' ');
    if (kind == Kind::Request) {
        if (parts.size() < 2 || parts[0].isEmpty()) {
            p.error = QStringLiteral("the request line \"%1\" is not \"METHOD target HTTP/x\"")
                          .arg(QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 80)).toByteArray()));
            return p;
        }
        p.method = parts[0].toUpper();
        p.target = parts[1];
        p.version = parts.size() >= 3 ? parts.last() : QByteArray("HTTP/1.0");
    } else {
        if (parts.size() < 2 || !parts[0].toUpper().startsWith("HTTP/")) {
            p.error = QStringLiteral("the status line \"%1\" is not \"HTTP/x status reason\"")
                          .arg(QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 80)).toByteArray()));
            return p;
        }
        p.version = parts[0].toUpper();
        bool ok = false;
        p.status = parts[1].toInt(&ok);
        if (!ok) {
            p.error = QStringLiteral("the status line \"%1\" has no status code")
                          .arg(QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 80)).toByteArray()));
            return p;
        }
        const qsizetype reasonAt = line.trimmed().indexOf(' ', parts[0].size() + 1);
        if (reasonAt > 0)
            p.reason = line.trimmed().sliced(reasonAt + 1).toByteArray();
    }
    p.ok = true;
    readHeaderLines(raw, pos, p.headers);
    const QByteArrayView rest = raw.sliced(pos);

    const QByteArray te = HttpUtil::headerValue(p.headers, "transfer-encoding");
    const QByteArray cl = HttpUtil::headerValue(p.headers, "content-length");
    if (!cl.isNull()) {
        bool ok = false;
        const qint64 n = cl.trimmed().toLongLong(&ok);
        if (ok && n >= 0)
            p.declaredLength = n;
    }
    if (!te.isNull() && hasToken(te, "chunked")) {
        p.chunked = true;
        if (!dechunk(rest, p.body, &p.trailers)) {
            p.shortBody = true;
            p.error = QStringLiteral("the chunked body is cut short or its chunk sizes are broken");
        }
    } else if (p.declaredLength >= 0) {
        p.body = rest.first(static_cast<qsizetype>(std::min<qint64>(p.declaredLength, rest.size()))).toByteArray();
        p.shortBody = p.body.size() < p.declaredLength;
    } else {
        p.body = rest.toByteArray();
    }
    return p;
}

} // namespace HttpMessage
