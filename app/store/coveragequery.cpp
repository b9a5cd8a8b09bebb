// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "coveragequery.h"

#include "database.h"
#include "filtersql.h"

namespace CoverageQuery {

Data::Coverage measure(Database& db, const Data::Filter& filter)
{
    Data::Coverage out;
    const QByteArray encrypted = QByteArray::number(Data::Encrypted);
    const FilterSql conns(filter, FilterSql::Table::Connections, "c");
    // "Read" means at least one request of the conversation is in the flows table.
    const QByteArray connSql = "SELECT count(*), "
                               "coalesce(sum((c.flags & "
        + encrypted
        + ") != 0 AND NOT EXISTS (SELECT 1 FROM flows f WHERE f.connection_id = c.id)), 0), "
          "coalesce(sum(CASE WHEN (c.flags & "
        + encrypted
        + ") != 0 AND NOT EXISTS (SELECT 1 FROM flows f WHERE "
          "f.connection_id = c.id) THEN c.bytes_up ELSE 0 END), 0), "
          "coalesce(sum((c.flags & "
        + encrypted
        + ") != 0 AND EXISTS (SELECT 1 FROM flows f WHERE f.connection_id = c.id)), 0) "
          "FROM connections c WHERE 1"
        + conns.conditions();
    Statement c(db.handle(), connSql.constData());
    conns.bind(c);
    if (c.step()) {
        out.connections = c.int64(0);
        out.encryptedOnly = c.int64(1);
        out.encryptedOnlyBytesSent = c.int64(2);
        out.decrypted = c.int64(3);
    }
    const FilterSql flows(filter, FilterSql::Table::Flows, "f");
    const QByteArray flowSql = "SELECT count(*), coalesce(sum((f.flags & " + QByteArray::number(Data::BodyMissing)
        + ") != 0), 0) FROM flows f WHERE 1" + flows.conditions();
    Statement f(db.handle(), flowSql.constData());
    flows.bind(f);
    if (f.step()) {
        out.flows = f.int64(0);
        out.bodiesMissing = f.int64(1);
    }
    return out;
}

} // namespace CoverageQuery
