// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/timeutil.h"
#include "reportsections.h"
#include "store/filtersql.h"
#include "store/investigation.h"

#include <QLocale>

namespace Report::Sections {

Contribution destinations(Context& c)
{
    Contribution out;
    out.blocks.push_back(Heading { 2, QStringLiteral("Every host") });
    const FilterSql flows(c.options.filter, FilterSql::Table::Flows, "f");
    const QByteArray sql = "SELECT f.host, count(*), sum(coalesce(f.req_size, f.req_wire_size, 0)), "
                           "sum(coalesce(f.resp_size, f.resp_wire_size, 0)), min(f.ts_start) FROM flows f "
                           "WHERE f.host IS NOT NULL AND f.host != ''"
        + flows.conditions() + " GROUP BY f.host ORDER BY 3 DESC, 2 DESC, f.host";
    Statement st(c.investigation.db().handle(), sql.constData());
    flows.bind(st);
    Table table;
    table.caption = QStringLiteral("Hosts the app sent requests to, by bytes sent");
    table.headers = { QStringLiteral("Host"), QStringLiteral("Requests"), QStringLiteral("Bytes sent"),
        QStringLiteral("Bytes received"), QStringLiteral("First request (UTC)") };
    table.columnWeights = { 5, 1.2, 1.6, 1.6, 2.6 };
    table.emptyText = QStringLiteral("No readable requests.");
    qint64 requests = 0;
    while (st.step()) {
        requests += st.int64(1);
        table.rows.push_back({ c.text(st.text(0)), QString::number(st.int64(1)), QString::number(st.int64(2)),
            QString::number(st.int64(3)), st.int64(4) ? TimeUtil::formatIsoUtc(st.int64(4)) : QString() });
    }
    if (!table.rows.empty())
        out.summary << QStringLiteral("The app sent %1 readable requests to %2 different hosts.")
                           .arg(requests)
                           .arg(table.rows.size());
    out.blocks.push_back(table);
    return out;
}

} // namespace Report::Sections
