// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "hit.h"

#include "common/hashing.h"

namespace Detect {

namespace {

QString inertText(const QString& s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7F || (u >= 0x80 && u < 0xA0))
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
        else if ((u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069) || u == 0x200E || u == 0x200F)
            out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

} // namespace

QString maskValue(const QByteArray& value)
{
    const QString v = QString::fromUtf8(value).simplified();
    const qsizetype n = v.size();
    if (n == 0)
        return QString();
    const qsizetype keep = std::min<qsizetype>(4, n / 4);
    const QString masked = v.left(keep) + QStringLiteral("•••") + v.right(keep);
    return inertText(masked);
}

QString evidenceExcerpt(const QByteArray& key, const QByteArray& value)
{
    const QString masked = maskValue(value);
    if (key.isEmpty())
        return masked;
    return inertText(QString::fromUtf8(key.left(60))) + QStringLiteral(": ") + masked;
}

QByteArray valueHash(const QString& category, const QByteArray& normalized)
{
    Digest d(Digest::Sha256);
    d.addData(category.toUtf8());
    d.addData(QByteArrayView("\0", 1));
    d.addData(normalized);
    return d.result().toHex().left(32);
}

} // namespace Detect
