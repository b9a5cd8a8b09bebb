// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "displayformat.h"

#include "common/inerttext.h"

#include <QDateTime>
#include <QLocale>

namespace DisplayFormat {

QString time(Data::Timestamp ts)
{
    if (ts == 0)
        return QStringLiteral("—");
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(ts / 1000).toLocalTime();
    return dt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString bytes(qint64 n)
{
    if (n < 0)
        return QStringLiteral("—");
    return QLocale().formattedDataSize(n, n < 1024 ? 0 : 1, QLocale::DataSizeTraditionalFormat);
}

QString inert(const QString& text, int maxLength)
{
    return InertText::make(text, maxLength);
}

QString toolTip(const QString& text, int maxLength)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>")
        .arg(InertText::make(text, maxLength, true).toHtmlEscaped());
}

QString inertMultiline(const QString& text)
{
    // Only copies when there is something to escape: bodies may be megabytes.
    qsizetype first = 0;
    while (first < text.size()
        && !(InertText::isUnsafe(text[first].unicode()) && text[first] != u'\n' && text[first] != u'\t'))
        ++first;
    if (first == text.size())
        return text;
    QString out = text.left(first);
    out.reserve(text.size() + 16);
    for (qsizetype i = first; i < text.size(); ++i) {
        const QChar c = text[i];
        if (InertText::isUnsafe(c.unicode()) && c != u'\n' && c != u'\t')
            out += QStringLiteral("\\u%1").arg(static_cast<ushort>(c.unicode()), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

} // namespace DisplayFormat
