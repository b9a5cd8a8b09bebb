// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "textsummary.h"

#include "common/timeutil.h"
#include "store/filtersql.h"
#include "store/investigation.h"

#include <QLocale>

namespace TextSummary {

namespace {

QString bytes(qint64 n)
{
    return QLocale::c().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

QString render(Investigation& inv, const Data::Filter& filter)
{
    QString t;
    t += QStringLiteral("Investigation: %1\n").arg(inv.title());
    const QString notes = inv.property(QStringLiteral("notes"));
    if (!notes.isEmpty())
        t += QStringLiteral("%1\n").arg(notes.section(u'\n', 0, 0));
    t += QLatin1Char('\n');

    const auto captures = inv.captures();
    t += QStringLiteral("Captures (%1):\n").arg(captures.size());
    for (const auto& c : captures) {
        if (!filter.captureIds.isEmpty() && !filter.captureIds.contains(c.id))
            continue;
        t += QStringLiteral("  %1. %2 (%3%4): %5 flows, %6 connections, %7 – %8\n")
                 .arg(c.id)
                 .arg(c.fileName, c.format, c.label.isEmpty() ? QString() : QStringLiteral(", ") + c.label)
                 .arg(c.flowCount)
                 .arg(c.connectionCount)
                 .arg(c.firstSeen ? TimeUtil::formatIsoUtc(c.firstSeen) : QStringLiteral("?"),
                     c.lastSeen ? TimeUtil::formatIsoUtc(c.lastSeen) : QStringLiteral("?"));
    }

    const auto apps = inv.apps();
    if (!apps.empty()) {
        t += QStringLiteral("\nApps:\n");
        for (const auto& a : apps)
            t += QStringLiteral("  %1%2\n")
                     .arg(a.name,
                         a.package.isEmpty() || a.package == a.name ? QString()
                                                                    : QStringLiteral(" (%1)").arg(a.package));
    }

    const FilterSql where(filter, FilterSql::Table::Flows, "f");
    const QByteArray sql = "SELECT f.host, count(*), sum(coalesce(f.req_size, 0)), sum(coalesce(f.resp_size, 0)) "
                           "FROM flows f WHERE f.host IS NOT NULL"
        + where.conditions() + " GROUP BY f.host ORDER BY count(*) DESC, f.host LIMIT 15";
    Statement hosts(inv.db().handle(), sql.constData());
    where.bind(hosts);
    QString hostLines;
    while (hosts.step())
        hostLines += QStringLiteral("  %1  %2 requests, %3 sent, %4 received\n")
                         .arg(hosts.text(0).leftJustified(40))
                         .arg(hosts.int64(1), 5)
                         .arg(bytes(hosts.int64(2)), bytes(hosts.int64(3)));
    if (!hostLines.isEmpty())
        t += QStringLiteral("\nMost contacted hosts:\n") + hostLines;
    return t;
}

} // namespace TextSummary
