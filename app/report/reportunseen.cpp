// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/records.h"
#include "reportsections.h"
#include "store/filtersql.h"
#include "store/investigation.h"

namespace Report::Sections {

Contribution unseen(Context& c)
{
    Contribution out;
    out.blocks.push_back(Heading { 1, QStringLiteral("What could not be seen"), true });
    out.blocks.push_back(Paragraph {
        QStringLiteral("Findings in this report only cover traffic Leakscope could read. This section measures the "
                       "rest, so that the findings can be read with their limits.") });

    // Encrypted-only conversations per destination.
    const FilterSql conns(c.options.filter, FilterSql::Table::Connections, "c");
    const QByteArray sql =
        "SELECT coalesce(c.name, c.server_ip), count(*), sum(c.bytes_up), sum(c.bytes_down) FROM connections c "
        "WHERE (c.flags & "
        + QByteArray::number(Data::Encrypted)
        + ") != 0 AND NOT EXISTS (SELECT 1 FROM flows f WHERE "
          "f.connection_id = c.id)"
        + conns.conditions() + " GROUP BY 1 ORDER BY 3 DESC";
    Statement st(c.investigation.db().handle(), sql.constData());
    conns.bind(st);
    Table encrypted;
    encrypted.caption = QStringLiteral("Encrypted connections that could not be decrypted, per destination");
    encrypted.headers = { QStringLiteral("Destination"), QStringLiteral("Connections"), QStringLiteral("Bytes sent"),
        QStringLiteral("Bytes received") };
    encrypted.columnWeights = { 5, 1.5, 1.8, 1.8 };
    encrypted.emptyText = QStringLiteral(
        "None: every connection in the captures was readable, or the captures only hold decrypted traffic.");
    qint64 connections = 0, bytes = 0;
    while (st.step()) {
        connections += st.int64(1);
        bytes += st.int64(2) + st.int64(3);
        encrypted.rows.push_back({ c.text(st.text(0)), QString::number(st.int64(1)), QString::number(st.int64(2)),
            QString::number(st.int64(3)) });
    }
    out.blocks.push_back(encrypted);

    const FilterSql flows(c.options.filter, FilterSql::Table::Flows, "f");
    const QByteArray countSql = "SELECT count(*), sum((f.flags & " + QByteArray::number(Data::BodyMissing)
        + ") != 0), sum((f.flags & " + QByteArray::number(Data::BodyTruncated) + ") != 0), sum((f.flags & "
        + QByteArray::number(Data::BodyLossyText) + ") != 0), sum((f.flags & " + QByteArray::number(Data::ReassemblyGap)
        + ") != 0) FROM flows f WHERE 1" + flows.conditions();
    Statement counts(c.investigation.db().handle(), countSql.constData());
    flows.bind(counts);
    counts.step();
    const qint64 total = counts.int64(0);
    QStringList limits;
    if (counts.int64(1) > 0)
        limits << QStringLiteral(
            "%1 of %2 requests have a body the capturing tool did not keep (for example bodies above its size limit).")
                      .arg(counts.int64(1))
                      .arg(total);
    if (counts.int64(2) > 0)
        limits << QStringLiteral("%1 bodies were truncated by the capturing tool.").arg(counts.int64(2));
    if (counts.int64(3) > 0)
        limits << QStringLiteral(
            "%1 binary bodies were exported as text by the capturing tool and may not be byte-exact.")
                      .arg(counts.int64(3));
    if (counts.int64(4) > 0)
        limits
            << QStringLiteral("%1 requests were rebuilt from packets with some packets missing.").arg(counts.int64(4));
    // Import warnings about keys and decryption, as the importers worded them.
    for (const auto& cap : c.investigation.captures()) {
        if (!c.options.filter.captureIds.isEmpty() && !c.options.filter.captureIds.contains(cap.id))
            continue;
        for (const QString& w : c.investigation.captureWarnings(cap.id)) {
            if (w.contains(QStringLiteral("decrypt"), Qt::CaseInsensitive)
                || w.contains(QStringLiteral("key"), Qt::CaseInsensitive))
                limits << QStringLiteral("%1: %2").arg(cap.fileName, c.text(w));
        }
    }
    if (limits.isEmpty())
        limits << QStringLiteral("No request lost its body, and no decryption problem was reported.");
    out.blocks.push_back(Heading { 2, QStringLiteral("Missing or partial content") });
    out.blocks.push_back(BulletList { limits });
    if (connections > 0) {
        const double share = total + connections > 0 ? 100.0 * connections / double(total + connections) : 0;
        out.summary << QStringLiteral(
            "%1 connections (%2 bytes, %3% of all conversations) stayed encrypted and could not be read; "
            "their content is not covered by this report.")
                           .arg(connections)
                           .arg(bytes)
                           .arg(QString::number(share, 'f', 0));
    }
    return out;
}

} // namespace Report::Sections
