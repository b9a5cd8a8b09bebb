// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "inerttext.h"

namespace InertText {

bool isUnsafe(char16_t u)
{
    return u < 0x20 || (u >= 0x7F && u < 0xA0) || (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069)
        || u == 0x200E || u == 0x200F || u == 0x061C || u == 0xFEFF;
}

QString make(const QString& text, int maxLength, bool keepLineBreaks)
{
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxLength) + 16);
    for (const QChar c : text) {
        if (out.size() >= maxLength) {
            out += QStringLiteral("…");
            break;
        }
        if (isUnsafe(c.unicode()) && !(keepLineBreaks && c == u'\n'))
            out += QStringLiteral("\\u%1").arg(static_cast<ushort>(c.unicode()), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

} // namespace InertText
