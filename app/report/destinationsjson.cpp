// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "destinationsjson.h"

#include "enrich/destinationquery.h"
#include "jsonwriter.h"
#include "store/investigation.h"

namespace DestinationsJson {

void writeReferenceData(Investigation& inv, JsonWriter& w)
{
    w.key("reference_data");
    w.startArray();
    for (const auto& d : DestinationQuery::referenceDataUsed(inv.db())) {
        w.startObject();
        w.key("name");
        w.value(d.name);
        w.key("version");
        w.stringOrNull(d.version);
        w.key("license");
        w.stringOrNull(d.license);
        w.endObject();
    }
    w.endArray();
}

void writeDestinations(Investigation& inv, JsonWriter& w, const Data::Filter& filter)
{
    w.key("destinations");
    w.startArray();
    for (const Data::DestinationRow& row : DestinationQuery::load(inv.db(), filter)) {
        const Data::Destination& d = *row.destination;
        w.startObject();
        w.key("app");
        w.stringOrNull(d.app);
        w.key("host");
        w.value(d.host);
        w.key("registrable_domain");
        w.stringOrNull(d.registrableDomain);
        w.key("owner_domain");
        w.stringOrNull(d.ownerDomain);
        w.key("ips");
        w.stringArray(row.ips);
        w.key("countries");
        w.stringArray(row.countries);
        w.key("asn");
        if (d.asn)
            w.value(static_cast<qint64>(d.asn));
        else
            w.null();
        w.key("as_org");
        w.stringOrNull(d.asOrg);
        w.key("cdn");
        w.stringOrNull(d.cdn);
        w.key("entity");
        w.stringOrNull(d.entityName);
        w.key("entity_id");
        w.stringOrNull(d.entityId);
        w.key("entity_parent");
        w.stringOrNull(d.rootEntityId == d.entityId ? QString() : d.rootEntityName);
        w.key("entity_category");
        w.stringOrNull(d.entityCategory);
        w.key("entity_hq_country");
        w.stringOrNull(d.hqCountry);
        w.key("entity_legal_domicile");
        w.stringOrNull(d.legalDomicile);
        w.key("owner_per_optional_list");
        w.stringOrNull(d.listOwner);
        w.key("optional_list");
        w.stringOrNull(d.listOwnerSource);
        w.key("tracker_category");
        w.stringOrNull(d.trackerCategory);
        w.key("first_party");
        if (d.firstParty < 0)
            w.null();
        else
            w.value(d.firstParty == 1);
        w.key("first_party_reason");
        w.stringOrNull(d.firstPartyReason);
        w.key("requests");
        w.value(row.requests);
        w.key("connections");
        w.value(row.connections);
        w.key("bytes_sent");
        w.value(row.bytesSent);
        w.key("bytes_received");
        w.value(row.bytesReceived);
        w.key("first_seen");
        w.timestamp(row.firstSeen);
        w.key("last_seen");
        w.timestamp(row.lastSeen);
        w.key("encrypted_only");
        w.value(row.encryptedOnly);
        w.endObject();
    }
    w.endArray();
}

} // namespace DestinationsJson
