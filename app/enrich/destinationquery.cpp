// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "destinationquery.h"

#include "flowfacets.h"
#include "publicsuffix.h"
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
    // A destination has a few addresses and countries: lists, not trees (one allocation each instead of one per
    // entry, on tens of thousands of destinations per filter change).
    std::vector<std::pair<QString, qint64>> ipBytes;
    std::vector<std::pair<QString, qint64>> countryBytes;
};

void addBytes(std::vector<std::pair<QString, qint64>>& list, const QString& key, qint64 bytes)
{
    for (auto& [k, v] : list) {
        if (k == key) {
            v += bytes;
            return;
        }
    }
    list.emplace_back(key, bytes);
}

void merge(Traffic& t, Data::Timestamp first, Data::Timestamp last)
{
    if (first > 0 && (t.first == 0 || first < t.first))
        t.first = first;
    if (last > t.last)
        t.last = last;
}

// Traffic is summed per (destination, address, country, kind) in SQL, so only a few rows per destination
// reach C++ whatever the number of flows. Kinds: flows; connections counted on their own (no readable flows);
// connections whose flows are counted already (they add to the connection count and the time span only).
enum Kind
{
    FlowKind = 0,
    CountedConnectionKind = 1,
    ConnectionWithFlowsKind = 2
};

// The per-flow (per-connection) aggregation: what the filtered queries run and what the enrich pass stores
// unfiltered, per capture, in destination_traffic. The joins are CROSS JOINs so that SQLite walks the flows
// in table order and finds each one's destination link by primary key: the other order reads the large flows
// table at random and is several times slower.
const char* const kFlowAggregate =
    "SELECT fd.destination_id, f.capture_id, fd.ip, fd.country, 0, count(*), sum(fd.bytes_sent), "
    "sum(fd.bytes_received), min(CASE WHEN f.ts_start > 0 THEN f.ts_start END), "
    "max(max(coalesce(f.ts_start, 0), coalesce(f.ts_end, 0))), sum(fd.readable <> 0), sum(fd.readable = 0) "
    "FROM flows f CROSS JOIN flow_destinations fd ON fd.flow_id = f.id WHERE 1";
const char* const kConnectionAggregate =
    "SELECT cd.destination_id, c.capture_id, cd.ip, cd.country, CASE WHEN cd.counted <> 0 THEN 1 ELSE 2 END, "
    "count(*), sum(cd.bytes_sent), sum(cd.bytes_received), min(CASE WHEN c.first_seen > 0 THEN c.first_seen END), "
    "max(max(coalesce(c.first_seen, 0), coalesce(c.last_seen, 0))), 0, sum((c.flags & 32) <> 0) "
    "FROM connections c CROSS JOIN connection_destinations cd ON cd.connection_id = c.id WHERE 1";
const char* const kGroupBy = " GROUP BY 1, 2, 3, 4, 5";

/// A row of the aggregates' shape (destination, capture, ip, country, kind, items, bytes sent, bytes received,
/// first, last, readable, encrypted) as a group.
FlowFacets::TrafficGroup groupOf(Statement& st)
{
    FlowFacets::TrafficGroup g;
    g.destinationId = st.int64(0);
    g.ip = FlowFacets::textOrNull(st, 2);
    g.country = FlowFacets::textOrNull(st, 3);
    g.kind = static_cast<int>(st.int64(4));
    g.items = st.int64(5);
    g.bytesSent = st.int64(6);
    g.bytesReceived = st.int64(7);
    g.first = st.int64(8);
    g.last = st.int64(9);
    g.readable = st.int64(10);
    g.encrypted = st.int64(11);
    return g;
}

/// Traffic per destination and per server country, from the groups.
struct Totals
{
    std::unordered_map<qint64, Traffic> destinations;
    std::map<QString, Data::CountryTraffic> countries;
    bool listAddresses; ///< each destination's addresses and countries too

    explicit Totals(bool listAddresses)
        : listAddresses(listAddresses)
    { }

    void add(Statement& st)
    {
        add(groupOf(st));
    }
    void add(const FlowFacets::TrafficGroup& g)
    {
        Traffic& t = destinations[g.destinationId];
        const qint64 n = g.items, sent = g.bytesSent, received = g.bytesReceived;
        merge(t, g.first, g.last);
        if (g.kind == FlowKind) {
            t.requests += n;
            t.readable += g.readable;
        } else {
            t.connections += n;
            if (g.kind == ConnectionWithFlowsKind)
                return;
        }
        t.encrypted += g.encrypted;
        t.sent += sent;
        t.received += received;
        // Weighted by bytes sent plus one per item, so flows without a body still count.
        if (listAddresses && !g.ip.isNull())
            addBytes(t.ipBytes, g.ip, sent + n);
        if (listAddresses && !g.country.isNull())
            addBytes(t.countryBytes, g.country, sent + n);
        Data::CountryTraffic& c = countries[g.country.isNull() ? QString() : g.country];
        c.bytesSent += sent;
        c.bytesReceived += received;
        if (g.kind == FlowKind)
            c.requests += n;
    }
};

/// True when the stored per-capture sums answer the filter exactly: it names only apps, captures, server
/// countries and companies, all of which are properties of a destination, an address or a capture.
bool rollupAnswers(const Data::Filter& f)
{
    return f.from == 0 && f.to == 0 && f.hosts.isEmpty() && f.categories.isEmpty() && f.minConfidence.isEmpty()
        && f.text.isEmpty();
}

bool hasRollup(Database& db)
{
    Statement& st = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = "
                               "'destination_traffic'");
    const bool ok = st.step() && st.int64(0) == 1;
    st.reset();
    return ok;
}

Totals totalsFromRollup(Database& db, const Data::Filter& filter, bool listAddresses)
{
    QByteArray sql = "SELECT t.destination_id, 0, t.ip, t.country, t.kind, sum(t.items), sum(t.bytes_sent), "
                     "sum(t.bytes_received), min(t.first_seen), max(t.last_seen), sum(t.readable), "
                     "sum(t.encrypted) FROM destination_traffic t";
    if (!filter.appIds.isEmpty() || !filter.companies.isEmpty())
        sql += " JOIN destinations d ON d.id = t.destination_id";
    sql += " WHERE 1";
    QList<QVariant> params;
    const auto placeholders = [&params](const auto& values) -> QByteArray {
        QByteArray list = "(";
        for (const auto& v : values) {
            params.append(QVariant::fromValue(v));
            list += (list.size() > 1 ? ", ?" : "?") + QByteArray::number(params.size());
        }
        return list + ')';
    };
    if (!filter.appIds.isEmpty())
        sql += " AND d.app_id IN " + placeholders(filter.appIds);
    if (!filter.captureIds.isEmpty())
        sql += " AND t.capture_id IN " + placeholders(filter.captureIds);
    if (!filter.countries.isEmpty()) {
        QStringList upper;
        for (const QString& c : filter.countries)
            upper.append(c.toUpper());
        sql += " AND t.country IN " + placeholders(upper);
    }
    if (!filter.companies.isEmpty()) {
        sql += " AND (d.entity_id IN " + placeholders(filter.companies);
        sql += " OR d.root_entity_id IN " + placeholders(filter.companies) + ')';
    }
    sql += " GROUP BY 1, 3, 4, 5";
    Statement st(db.handle(), sql.constData());
    for (qsizetype i = 0; i < params.size(); ++i) {
        if (params[i].typeId() == QMetaType::QString)
            st.bind(static_cast<int>(i + 1), params[i].toString());
        else
            st.bind(static_cast<int>(i + 1), params[i].toLongLong());
    }
    Totals out(listAddresses);
    while (st.step())
        out.add(st);
    return out;
}

/// `facets` only when prepared for the filter (FlowFacets::prepare).
Totals totals(Database& db, const Data::Filter& filter, const FlowFacets* facets, bool listAddresses)
{
    if (facets) {
        Totals out(listAddresses);
        const std::vector<FlowFacets::TrafficGroup> groups = facets->traffic(filter);
        out.destinations.reserve(groups.size());
        for (const FlowFacets::TrafficGroup& g : groups)
            out.add(g);
        return out;
    }
    if (rollupAnswers(filter) && hasRollup(db))
        return totalsFromRollup(db, filter, listAddresses);
    Totals out(listAddresses);
    {
        const FilterSql where(filter, FilterSql::Table::Flows, "f");
        const QByteArray sql = kFlowAggregate + where.conditions() + kGroupBy;
        Statement st(db.handle(), sql.constData());
        where.bind(st);
        while (st.step())
            out.add(st);
    }
    {
        const FilterSql where(filter, FilterSql::Table::Connections, "c");
        const QByteArray sql = kConnectionAggregate + where.conditions() + kGroupBy;
        Statement st(db.handle(), sql.constData());
        where.bind(st);
        while (st.step())
            out.add(st);
    }
    return out;
}

const char* const kDestinationColumns =
    "SELECT d.id, coalesce(d.app_id, 0), a.name, d.host, d.registrable_domain, d.owner_domain, d.entity_id, "
    "d.entity_name, d.entity_legal_name, d.entity_category, d.root_entity_id, d.root_entity_name, "
    "d.entity_hq_country, d.entity_legal_domicile, d.tracker_category, d.first_party, d.first_party_reason, "
    "d.asn, d.as_org, d.cdn, d.list_owner, d.list_owner_source FROM destinations d LEFT JOIN apps a ON a.id = "
    "d.app_id";

/// A destination's own columns (kDestinationColumns), without traffic.
Data::Destination readDestination(Statement& st)
{
    Data::Destination r;
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
    return r;
}

void setTraffic(Data::DestinationRow& r, const Traffic& t)
{
    r.requests = t.requests;
    r.connections = t.connections;
    r.bytesSent = t.sent;
    r.bytesReceived = t.received;
    r.firstSeen = t.first;
    r.lastSeen = t.last;
    r.encryptedOnly = t.readable == 0 && t.encrypted > 0;
    r.ips.reserve(static_cast<qsizetype>(t.ipBytes.size()));
    for (const auto& [ip, bytes] : t.ipBytes)
        r.ips.append(ip);
    std::sort(r.ips.begin(), r.ips.end());
    std::vector<std::pair<QString, qint64>> countries = t.countryBytes;
    std::sort(countries.begin(), countries.end(),
        [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    r.countries.reserve(static_cast<qsizetype>(countries.size()));
    for (const auto& c : countries)
        r.countries.append(c.first);
}

/// The rows' order: by app, then most bytes sent first (of the filtered traffic). Sorted in C++, once: sorting
/// every destination in SQL too cost a temporary B-tree of 32 000 text keys per query on a million flows.
bool before(const Data::Destination& a, qint64 aSent, const Data::Destination& b, qint64 bSent)
{
    if (a.app != b.app)
        return a.app < b.app;
    if (aSent != bSent)
        return aSent > bSent;
    return a.host != b.host ? a.host < b.host : a.id < b.id;
}

void sortRows(std::vector<Data::DestinationRow>& rows)
{
    std::sort(rows.begin(), rows.end(), [](const Data::DestinationRow& a, const Data::DestinationRow& b) {
        return before(*a.destination, a.bytesSent, *b.destination, b.bytesSent);
    });
}

std::vector<Data::DestinationRow> destinationRows(Database& db, const std::unordered_map<qint64, Traffic>& traffic)
{
    std::vector<Data::DestinationRow> out;
    out.reserve(traffic.size());
    Statement st(db.handle(), kDestinationColumns);
    while (st.step()) {
        const auto it = traffic.find(st.int64(0));
        if (it == traffic.end())
            continue;
        Data::DestinationRow r;
        r.destination = std::make_shared<const Data::Destination>(readDestination(st));
        setTraffic(r, it->second);
        out.push_back(std::move(r));
    }
    sortRows(out);
    return out;
}

/// The same from the destinations the facets hold (no SQL; their own columns are shared, not copied).
std::vector<Data::DestinationRow> destinationRows(
    const FlowFacets& facets, const std::unordered_map<qint64, Traffic>& traffic)
{
    // Sorted before the rows are made, so each row is written once, in place; by the ranks the facets hold for
    // the app name and the host, the order of before(), so that the sort compares integers only.
    struct Entry
    {
        FlowFacets::RankedDestination kept;
        qint64 sent; // a copy: reading it through `traffic` was a cache miss per comparison
        const Traffic* traffic;
    };
    std::vector<Entry> order;
    order.reserve(traffic.size());
    for (const auto& [id, t] : traffic) {
        FlowFacets::RankedDestination kept = facets.rankedDestination(id);
        if (kept.destination)
            order.push_back({ std::move(kept), t.sent, &t });
    }
    std::sort(order.begin(), order.end(), [](const Entry& a, const Entry& b) {
        if (a.kept.appRank != b.kept.appRank)
            return a.kept.appRank < b.kept.appRank;
        if (a.sent != b.sent)
            return a.sent > b.sent;
        return a.kept.rank < b.kept.rank;
    });
    std::vector<Data::DestinationRow> out(order.size());
    for (size_t i = 0; i < order.size(); ++i) {
        out[i].destination = std::move(order[i].kept.destination);
        setTraffic(out[i], *order[i].traffic);
    }
    return out;
}

} // namespace

QString hostOf(const QString& host, const QString& sni, const QString& serverIp)
{
    QString h = PublicSuffix::normalizeHost(host);
    if (h.isEmpty())
        h = PublicSuffix::normalizeHost(sni);
    if (h.isEmpty())
        h = PublicSuffix::normalizeHost(serverIp);
    return h;
}

bool available(Database& db)
{
    Statement& st = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('destinations', "
                               "'flow_destinations', 'connection_destinations')");
    const bool ok = st.step() && st.int64(0) == 3;
    st.reset();
    return ok;
}

std::vector<Data::DestinationRow> load(Database& db, const Data::Filter& filter, const FlowFacets* facets)
{
    return loadWithCountries(db, filter, facets).destinations;
}

std::map<QString, Data::CountryTraffic> countryTraffic(Database& db, const Data::Filter& filter)
{
    return loadWithCountries(db, filter).countries;
}

void writeTrafficRollup(Database& db)
{
    db.exec(
        QByteArray(QByteArray("INSERT INTO destination_traffic (destination_id, capture_id, ip, country, kind, items, "
                              "bytes_sent, bytes_received, first_seen, last_seen, readable, encrypted) ")
            + kFlowAggregate + kGroupBy)
            .constData());
    db.exec(
        QByteArray(QByteArray("INSERT INTO destination_traffic (destination_id, capture_id, ip, country, kind, items, "
                              "bytes_sent, bytes_received, first_seen, last_seen, readable, encrypted) ")
            + kConnectionAggregate + kGroupBy)
            .constData());
}

Snapshot loadWithCountries(Database& db, const Data::Filter& filter, const FlowFacets* facets, Addresses addresses)
{
    if (!available(db))
        return {};
    const FlowFacets* answering = facets && facets->prepare(db, filter) ? facets : nullptr;
    Totals t = totals(db, filter, answering, addresses == Addresses::Listed);
    if (answering)
        return { destinationRows(*answering, t.destinations), std::move(t.countries) };
    return { destinationRows(db, t.destinations), std::move(t.countries) };
}

std::vector<Data::Destination> destinationsWithoutTraffic(Database& db)
{
    std::vector<Data::Destination> out;
    Statement st(db.handle(), kDestinationColumns);
    while (st.step())
        out.push_back(readDestination(st));
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
