// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "destinationnames.h"

#include "enrich/referencedata.h"
#include "store/database.h"

DestinationNames::DestinationNames(Database& db)
{
    // The enrich pass owns `destinations`; read it only when it is there with the column.
    Statement probe(db.handle(),
        "SELECT count(*) FROM pragma_table_info('destinations') WHERE name IN ('host', "
        "'entity_name')");
    if (!probe.step() || probe.int64(0) != 2)
        return;
    Statement st(db.handle(),
        "SELECT host, entity_name FROM destinations WHERE entity_name IS NOT NULL AND "
        "entity_name != '' ORDER BY host");
    while (st.step())
        m_entities.insert(st.text(0).toLower(), st.text(1));
}

QString DestinationNames::entity(const QString& host) const
{
    return m_entities.value(host.toLower());
}

QString DestinationNames::registrableDomain(const QString& host) const
{
    auto it = m_domains.constFind(host);
    if (it == m_domains.cend())
        it = m_domains.insert(host, ReferenceData::shared()->publicSuffix().siteOf(host));
    return it.value();
}

QString DestinationNames::lane(const QString& host) const
{
    const QString e = entity(host);
    return e.isEmpty() ? registrableDomain(host) : e;
}
