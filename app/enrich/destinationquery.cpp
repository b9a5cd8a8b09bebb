// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "destinationquery.h"

#include "store/database.h"
#include "store/filtersql.h"

#include <unordered_map>

namespace DestinationQuery {

namespace {

struct Traffic
{
    qint64 requests = 0;
    qint64 connections = 0;
    qint64 sent = 0;
    qint64 received = 0;
    Data::Timestamp first = 0;
    Data::Timestamp last = 0;
    qint64 readable = 0;
    qint64 encrypted = 0;
    std::map<QString, qint64> ipBytes;
    std::map<QString, qint64> countryBytes;
};

void merge(Traffic& t, Data::Timestamp first, Data::Timestamp last)
{
    if (first > 0 && (t.first == 0 || first < t.first))
        t.first = first;
    if (std::max(first, last) > t.last)
        t.last = std::max(first, last);
}

} // namespace

bool available(Database& db)
{
    Statement& st = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('destinations', "
                               "'flow_destinations', 'connection_destinations')");
    const bool ok = st.step() && st.int64(0) == 3;
    st.reset();
    return ok;
}

std::vector<Data::DestinationRow> load(Database& db, const Data::Filter& filter)
{
    std::vector<Data::DestinationRow> out;
    if (!available(db))
        return out;
    std::unordered_map<qint64, Traffic> traffic;
    {
        // Per flow, so the counts follow every part of the filter (apps, captures, time, countries, companies).
        const FilterSql where(filter, FilterSql::Table::Flows, "f");
        const QByteArray sql = "SELECT fd.destination_id, fd.ip, fd.country, fd.bytes_sent, fd.bytes_received, "
                               "coalesce(f.ts_start, 0), coalesce(f.ts_end, 0), fd.readable FROM flows f JOIN "
                               "flow_destinations fd ON fd.flow_id = f.id WHERE 1"
            + where.conditions();
        Statement st(db.handle(), sql.constData());
        where.bind(st);
        while (st.step()) {
            Traffic& t = traffic[st.int64(0)];
            ++t.requests;
            t.sent += st.int64(3);
            t.received += st.int64(4);
            merge(t, st.int64(5), st.int64(6));
            (st.int64(7) ? t.readable : t.encrypted) += 1;
            if (!st.isNull(1))
                t.ipBytes[st.text(1)] += st.int64(3) + 1;
            if (!st.isNull(2))
                t.countryBytes[st.text(2)] += st.int64(3) + 1;
        }
    }
    {
        const FilterSql where(filter, FilterSql::Table::Connections, "c");
        const QByteArray sql =
            "SELECT cd.destination_id, cd.ip, cd.country, cd.bytes_sent, cd.bytes_received, "
            "coalesce(c.first_seen, 0), coalesce(c.last_seen, 0), cd.counted, c.flags FROM connections c "
            "JOIN connection_destinations cd ON cd.connection_id = c.id WHERE 1"
            + where.conditions();
        Statement st(db.handle(), sql.constData());
        where.bind(st);
        while (st.step()) {
            Traffic& t = traffic[st.int64(0)];
            ++t.connections;
            merge(t, st.int64(5), st.int64(6));
            if (!st.int64(7))
                continue; // its flows are counted already
            t.sent += st.int64(3);
            t.received += st.int64(4);
            if (st.int64(8) & 32) // Data::Encrypted
                ++t.encrypted;
            if (!st.isNull(1))
                t.ipBytes[st.text(1)] += st.int64(3) + 1;
            if (!st.isNull(2))
                t.countryBytes[st.text(2)] += st.int64(3) + 1;
        }
    }
    Statement st(db.handle(),
        "SELECT d.id, coalesce(d.app_id, 0), a.name, d.host, d.registrable_domain, d.owner_domain, d.entity_id, "
        "d.entity_name, d.entity_legal_name, d.entity_category, d.root_entity_id, d.root_entity_name, "
        "d.entity_hq_country, d.entity_legal_domicile, d.tracker_category, d.first_party, d.first_party_reason, "
        "d.asn, d.as_org, d.cdn, d.list_owner, d.list_owner_source FROM destinations d LEFT JOIN apps a ON a.id = "
        "d.app_id "
        "ORDER BY coalesce(a.name, ''), d.bytes_sent DESC, d.host");
    while (st.step()) {
        const auto it = traffic.find(st.int64(0));
        if (it == traffic.end())
            continue;
        const Traffic& t = it->second;
        Data::DestinationRow r;
        r.id = st.int64(0);
        r.appId = st.int64(1);
        r.app = st.text(2);
        r.host = st.text(3);
        r.registrableDomain = st.text(4);
        r.ownerDomain = st.text(5);
        r.entityId = st.text(6);
        r.entityName = st.text(7);
        r.entityLegalName = st.text(8);
        r.entityCategory = st.text(9);
        r.rootEntityId = st.text(10);
        r.rootEntityName = st.text(11);
        r.hqCountry = st.text(12);
        r.legalDomicile = st.text(13);
        r.trackerCategory = st.text(14);
        r.firstParty = st.isNull(15) ? -1 : static_cast<int>(st.int64(15));
        r.firstPartyReason = st.text(16);
        r.asn = static_cast<quint32>(st.int64(17));
        r.asOrg = st.text(18);
        r.cdn = st.text(19);
        r.listOwner = st.text(20);
        r.listOwnerSource = st.text(21);
        r.requests = t.requests;
        r.connections = t.connections;
        r.bytesSent = t.sent;
        r.bytesReceived = t.received;
        r.firstSeen = t.first;
        r.lastSeen = t.last;
        r.encryptedOnly = t.readable == 0 && t.encrypted > 0;
        for (const auto& [ip, bytes] : t.ipBytes)
            r.ips.append(ip);
        std::vector<std::pair<QString, qint64>> countries(t.countryBytes.begin(), t.countryBytes.end());
        std::stable_sort(
            countries.begin(), countries.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        for (const auto& c : countries)
            r.countries.append(c.first);
        out.push_back(std::move(r));
    }
    // Within an app, most bytes sent first (the query's order was by the unfiltered totals).
    std::stable_sort(out.begin(), out.end(), [](const Data::DestinationRow& a, const Data::DestinationRow& b) {
        if (a.app != b.app)
            return a.app < b.app;
        if (a.bytesSent != b.bytesSent)
            return a.bytesSent > b.bytesSent;
        return a.host < b.host;
    });
    return out;
}

std::map<QString, Data::CountryTraffic> countryTraffic(Database& db, const Data::Filter& filter)
{
    std::map<QString, Data::CountryTraffic> out;
    if (!available(db))
        return out;
    {
        const FilterSql where(filter, FilterSql::Table::Flows, "f");
        const QByteArray sql =
            "SELECT coalesce(fd.country, ''), sum(fd.bytes_sent), sum(fd.bytes_received), count(*) FROM flows f "
            "JOIN flow_destinations fd ON fd.flow_id = f.id WHERE 1"
            + where.conditions() + " GROUP BY 1";
        Statement st(db.handle(), sql.constData());
        where.bind(st);
        while (st.step()) {
            Data::CountryTraffic& c = out[st.text(0)];
            c.bytesSent += st.int64(1);
            c.bytesReceived += st.int64(2);
            c.requests += st.int64(3);
        }
    }
    {
        const FilterSql where(filter, FilterSql::Table::Connections, "c");
        const QByteArray sql =
            "SELECT coalesce(cd.country, ''), sum(cd.bytes_sent), sum(cd.bytes_received) FROM connections c "
            "JOIN connection_destinations cd ON cd.connection_id = c.id WHERE cd.counted = 1"
            + where.conditions() + " GROUP BY 1";
        Statement st(db.handle(), sql.constData());
        where.bind(st);
        while (st.step()) {
            Data::CountryTraffic& c = out[st.text(0)];
            c.bytesSent += st.int64(1);
            c.bytesReceived += st.int64(2);
        }
    }
    return out;
}

std::vector<UsedDataset> referenceDataUsed(Database& db)
{
    std::vector<UsedDataset> out;
    Statement& st = db.prepare("SELECT name, version, license FROM reference_data_used ORDER BY name");
    while (st.step())
        out.push_back({ st.text(0), st.text(1), st.text(2) });
    st.reset();
    return out;
}

} // namespace DestinationQuery
