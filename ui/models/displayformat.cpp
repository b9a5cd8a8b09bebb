// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "displayformat.h"

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
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxLength) + 16);
    for (const QChar c : text) {
        if (out.size() >= maxLength) {
            out += QStringLiteral("…");
            break;
        }
        const char16_t u = c.unicode();
        // C0/C1 controls, and the bidirectional overrides/isolates that can reorder what a reader sees.
        if (u < 0x20 || (u >= 0x7F && u < 0xA0) || (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069)
            || u == 0x200E || u == 0x200F || u == 0x061C)
            out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

} // namespace DisplayFormat
