// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultrow.h"

#include <QStringList>

#include <cstdio>

namespace BenchKit {

namespace {

QString number(double v, int decimals)
{
    return v > 0 ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

QString orDash(const QString& s)
{
    return s.isEmpty() ? QStringLiteral("-") : s;
}

} // namespace

void ResultRow::print() const
{
    const QStringList fields = { QStringLiteral("@row"), benchmark, number(inputMb, 0), number(mbPerSecond, 1),
        number(flowsPerSecond, 0), number(peakRssMb, 0), orDash(reference), orDash(ratio), orDash(target),
        judged ? (met ? QStringLiteral("yes") : QStringLiteral("NO")) : QStringLiteral("-") };
    printf("%s\n", qPrintable(fields.join(u'\t')));
    fflush(stdout);
}

QString times(double ratio)
{
    return QString::number(ratio, 'f', ratio >= 10 ? 1 : 2) + u'x';
}

} // namespace BenchKit
