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

QString plainToolTip(const QString& text)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
}

} // namespace DisplayFormat
