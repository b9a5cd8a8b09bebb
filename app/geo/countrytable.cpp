// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "countrytable.h"

#include <QFile>

bool CountryTable::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return loadBytes(file.read(1 << 20), error);
}

bool CountryTable::loadBytes(const QByteArray& text, QString* error)
{
    m_countries.clear();
    m_numeric.clear();
    int lineNo = 0;
    for (const QByteArray& raw : text.split('\n')) {
        ++lineNo;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 4 || f[0].size() != 2) {
            *error = QStringLiteral("line %1: expected alpha2, alpha3, numeric and name separated by tabs").arg(lineNo);
            return false;
        }
        Country c { QString::fromLatin1(f[0]).toUpper(), QString::fromLatin1(f[1]).toUpper(), QString::fromLatin1(f[2]),
            QString::fromUtf8(f[3]) };
        if (!c.numeric.isEmpty())
            m_numeric.insert(c.numeric, c.alpha2);
        m_countries.insert(c.alpha2, c);
    }
    return true;
}

const CountryTable::Country* CountryTable::byAlpha2(const QString& alpha2) const
{
    const auto it = m_countries.constFind(alpha2.toUpper());
    return it == m_countries.cend() ? nullptr : &it.value();
}

const CountryTable::Country* CountryTable::byNumeric(const QString& numeric) const
{
    const auto it = m_numeric.constFind(numeric);
    return it == m_numeric.cend() ? nullptr : byAlpha2(it.value());
}

QString CountryTable::name(const QString& alpha2) const
{
    const Country* c = byAlpha2(alpha2);
    return c ? c->name : alpha2;
}
