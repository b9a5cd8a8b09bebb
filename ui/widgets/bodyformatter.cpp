// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bodyformatter.h"

#include "common/contentcoding.h"
#include "common/httputil.h"
#include "models/displayformat.h"

#include <QJsonDocument>
#include <QStringDecoder>

namespace BodyFormatter {

namespace {

constexpr qint64 kMaxDecoded = 16 * 1024 * 1024;

bool isText(const QByteArray& data, QString* text)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *text = decoder.decode(data);
    if (decoder.hasError())
        return false;
    int control = 0;
    for (const QChar c : *text) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t')
            ++control;
    }
    return control <= text->size() / 100;
}

} // namespace

QString hexDump(const QByteArray& data, qsizetype maxBytes)
{
    QString out;
    const qsizetype n = std::min(data.size(), maxBytes);
    out.reserve(n * 4 + 64);
    for (qsizetype line = 0; line < n; line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < n) {
                const auto b = static_cast<unsigned char>(data[i]);
                out += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
                ascii += (b >= 0x20 && b < 0x7F) ? QChar(char16_t(b)) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == line + 7)
                out += QLatin1Char(' ');
        }
        out += QStringLiteral(" |") + ascii + QStringLiteral("|\n");
    }
    if (data.size() > n)
        out += QStringLiteral("… %1 more bytes\n").arg(data.size() - n);
    return out;
}

Rendering render(
    const QByteArray& stored, const QString& contentType, const QByteArray& contentEncoding, qint64 totalSize)
{
    Rendering r;
    QByteArray body = stored;
    QStringList steps;
    if (!contentEncoding.isEmpty()) {
        const ContentCoding::Decoded decoded = ContentCoding::decode(stored, contentEncoding, kMaxDecoded);
        if (decoded.ok) {
            body = decoded.data;
            for (const QString& step : decoded.steps)
                steps.append(step + QStringLiteral(" removed"));
        } else {
            steps.append(QStringLiteral("could not remove \"%1\"").arg(QString::fromLatin1(contentEncoding)));
        }
    }
    const qint64 size = totalSize >= 0 ? totalSize : body.size();
    QString text;
    const QString mime = HttpUtil::essence(contentType);
    if (body.isEmpty()) {
        r.description = QStringLiteral("empty");
        return r;
    }
    if (isText(body, &text)) {
        const QByteArray trimmed = body.trimmed();
        if (mime.contains(u"json") || trimmed.startsWith('{') || trimmed.startsWith('[')) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
            if (error.error == QJsonParseError::NoError) {
                r.text = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
                steps.prepend(QStringLiteral("JSON"));
            }
        }
        if (r.text.isEmpty()) {
            r.text = text;
            steps.prepend(QStringLiteral("text"));
        }
    } else {
        r.isBinary = true;
        r.text = hexDump(body);
        steps.prepend(mime.isEmpty() ? QStringLiteral("binary") : QStringLiteral("binary (%1)").arg(mime));
    }
    steps.insert(1, DisplayFormat::bytes(size));
    if (stored.size() < size && totalSize >= 0)
        steps.append(QStringLiteral("first %1 shown").arg(DisplayFormat::bytes(stored.size())));
    r.description = steps.join(QStringLiteral(", "));
    return r;
}

} // namespace BodyFormatter
