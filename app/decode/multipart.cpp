// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "multipart.h"

#include "textcodecs.h"

namespace Decode::Multipart {

namespace {

/// A parameter of a header value (`name="x"; filename*=UTF-8''a%20b.jpg`), unquoted and decoded.
QByteArray parameter(QByteArrayView value, QByteArrayView name)
{
    QByteArray extended;
    QByteArray plain;
    qsizetype pos = 0;
    while (pos < value.size()) {
        qsizetype semi = pos;
        bool quoted = false;
        while (semi < value.size() && (quoted || value[semi] != ';')) {
            if (value[semi] == '"' && (semi == 0 || value[semi - 1] != '\\'))
                quoted = !quoted;
            ++semi;
        }
        const QByteArrayView item = value.sliced(pos, semi - pos).trimmed();
        const qsizetype eq = item.indexOf('=');
        if (eq > 0) {
            const QByteArray k = item.first(eq).trimmed().toByteArray().toLower();
            QByteArray v = item.sliced(eq + 1).trimmed().toByteArray();
            if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"'))
                v = v.mid(1, v.size() - 2).replace("\\\"", "\"").replace("\\\\", "\\");
            if (k == name.toByteArray() + '*') {
                // RFC 5987: charset'language'percent-encoded
                const qsizetype q = v.indexOf('\'', v.indexOf('\'') + 1);
                extended =
                    TextCodecs::percentDecode(q >= 0 ? QByteArrayView(v).sliced(q + 1) : QByteArrayView(v), false);
            } else if (k == name) {
                plain = v;
            }
        }
        pos = semi + 1;
    }
    return extended.isEmpty() ? plain : extended;
}

} // namespace

QByteArray boundary(QByteArrayView contentType)
{
    const QByteArray lower = contentType.toByteArray().toLower();
    if (!lower.trimmed().startsWith("multipart/"))
        return {};
    const qsizetype semi = contentType.indexOf(';');
    if (semi < 0)
        return {};
    return parameter(contentType.sliced(semi + 1), "boundary").left(200);
}

QByteArray sniffBoundary(QByteArrayView body)
{
    if (!body.startsWith("--"))
        return {};
    const qsizetype eol = body.indexOf("\r\n");
    if (eol < 3 || eol > 72)
        return {};
    const QByteArrayView b = body.sliced(2, eol - 2);
    for (char c : b) {
        if (c <= ' ' || c > '~')
            return {};
    }
    const QByteArrayView next = body.sliced(eol + 2).first(std::min<qsizetype>(body.size() - eol - 2, 40));
    if (!next.toByteArray().toLower().startsWith("content-"))
        return {};
    return b.toByteArray();
}

std::optional<std::vector<Part>> split(QByteArrayView body, QByteArrayView boundaryIn, int maxParts)
{
    if (boundaryIn.isEmpty())
        return std::nullopt;
    const QByteArray delimiter = "--" + boundaryIn.toByteArray();
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0)
        return std::nullopt;
    std::vector<Part> parts;
    while (pos >= 0 && static_cast<int>(parts.size()) < maxParts) {
        qsizetype after = pos + delimiter.size();
        if (body.sliced(after).startsWith("--"))
            break; // the close delimiter
        // Transport padding, then CRLF (or a bare LF from sloppy clients).
        while (after < body.size() && (body[after] == ' ' || body[after] == '\t'))
            ++after;
        if (body.sliced(after).startsWith("\r\n"))
            after += 2;
        else if (body.sliced(after).startsWith("\n"))
            ++after;
        else
            break;
        Part part;
        // Headers up to an empty line.
        qsizetype line = after;
        while (line < body.size()) {
            qsizetype eol = body.indexOf('\n', line);
            if (eol < 0)
                eol = body.size();
            QByteArrayView text = body.sliced(line, eol - line);
            if (text.endsWith('\r'))
                text.chop(1);
            line = std::min(eol + 1, body.size());
            if (text.isEmpty())
                break;
            const qsizetype colon = text.indexOf(':');
            if (colon <= 0)
                continue;
            Data::Header h { text.first(colon).trimmed().toByteArray(),
                text.sliced(colon + 1).trimmed().toByteArray() };
            const QByteArray n = h.name.toLower();
            if (n == "content-disposition") {
                part.name = parameter(h.value, "name");
                part.fileName = parameter(h.value, "filename");
            } else if (n == "content-type") {
                part.contentType = h.value;
            } else if (n == "content-transfer-encoding") {
                part.transferEncoding = h.value.toLower();
            }
            part.headers.push_back(std::move(h));
            if (part.headers.size() > 64)
                break;
        }
        const qsizetype next = body.indexOf(delimiter, line);
        qsizetype end = next < 0 ? body.size() : next;
        // The CRLF before a delimiter belongs to the delimiter.
        if (next >= 0) {
            if (end >= 2 && body.sliced(end - 2, 2) == "\r\n")
                end -= 2;
            else if (end >= 1 && body[end - 1] == '\n')
                end -= 1;
        }
        part.offset = line;
        part.data = body.sliced(line, std::max<qsizetype>(0, end - line)).toByteArray();
        parts.push_back(std::move(part));
        pos = next;
    }
    if (parts.empty())
        return std::nullopt;
    return parts;
}

} // namespace Decode::Multipart
