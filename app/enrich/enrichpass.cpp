// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrichpass.h"

#include "appattribution.h"
#include "cdnnetworks.h"
#include "common/timeutil.h"
#include "destinationquery.h"
#include "enrichstore.h"
#include "firstparty.h"
#include "referencedata.h"
#include "store/database.h"
#include "store/headercodec.h"
#include "store/investigation.h"

#include <QHash>
#include <QObject>

#include <map>
#include <unordered_map>

namespace {

constexpr int kMaxIpsPerDestination = 64;
constexpr quint32 kUnreadable = Data::Encrypted | Data::Tunnel;

/// What the reference data says about one host, computed once per host.
struct HostInfo
{
    QString registrable;
    QString owner;
    const EntityList::Entity* entity = nullptr;
    const EntityList::Entity* root = nullptr;
    QString matchedDomain;
    const OptionalTrackerLists::Owner* listOwner = nullptr; ///< only when the entity list has no answer
    quint8 trackerFlags = 0;
    bool isIp = false;
};

struct IpInfo
{
    QString country;
    quint32 asn = 0;
    QString organisation;
};

struct IpTraffic
{
    qint64 bytesSent = 0;
    qint64 items = 0;
};

struct Destination
{
    qint64 id = 0;
    qint64 appId = 0; ///< 0 = unattributed
    QString host;
    qint64 requests = 0;
    qint64 connections = 0;
    qint64 readable = 0;
    qint64 encrypted = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    Data::Timestamp firstSeen = 0;
    Data::Timestamp lastSeen = 0;
    std::map<QString, IpTraffic> ips;
};

/// Time-aware DNS: the addresses a name resolved to, per capture, in answer order.
class DnsIndex
{
public:
    explicit DnsIndex(Database& db)
    {
        Statement& st = db.prepare(
            "SELECT capture_id, name, coalesce(ts, 0), address FROM dns_answers ORDER BY capture_id, name, ts");
        while (st.step()) {
            auto& list = m_answers[key(st.int64(0), st.text(1))];
            list.push_back({ st.int64(2), st.text(3) });
        }
        st.reset();
    }
    /// The addresses of the most recent answer for `name` at or before `ts` (all records of that answer).
    QStringList before(qint64 captureId, const QString& name, Data::Timestamp ts) const
    {
        const auto it = m_answers.constFind(key(captureId, name));
        if (it == m_answers.cend())
            return {};
        Data::Timestamp best = -1;
        for (const auto& [when, address] : *it) {
            if ((ts == 0 || when <= ts) && when >= best)
                best = when;
        }
        QStringList out;
        if (best < 0)
            return out;
        for (const auto& [when, address] : *it) {
            if (when == best && !out.contains(address))
                out.append(address);
        }
        return out;
    }

private:
    static QString key(qint64 capture, const QString& name)
    {
        return QString::number(capture) + u'\n' + name;
    }
    QHash<QString, std::vector<std::pair<Data::Timestamp, QString>>> m_answers;
};

class Enricher
{
public:
    explicit Enricher(const ReferenceData& data)
        : m_data(data)
    { }

    const HostInfo& host(const QString& name)
    {
        auto it = m_hosts.find(name);
        if (it != m_hosts.end())
            return it->second;
        HostInfo h;
        h.isIp = PublicSuffix::isIpLiteral(name);
        if (!h.isIp) {
            const PublicSuffix& psl = m_data.publicSuffix();
            h.registrable = psl.registrableDomain(name);
            h.owner = psl.ownerDomain(name);
            h.matchedDomain = m_data.entities().matchedDomain(name);
            h.entity = m_data.entities().forHost(name);
            h.root = h.entity ? m_data.entities().root(h.entity) : nullptr;
            h.trackerFlags = m_data.trackerHosts().lookup(name);
            if (!h.entity)
                h.listOwner = m_data.optionalLists().lookup(name);
        }
        return m_hosts.emplace(name, h).first->second;
    }

    const IpInfo& ip(const QString& address)
    {
        auto it = m_ips.find(address);
        if (it != m_ips.end())
            return it->second;
        IpInfo info;
        info.country = m_data.geoIp().country(address);
        const AsnDatabase::Result asn = m_data.asn().lookup(address);
        info.asn = asn.asn;
        info.organisation = asn.organisation;
        return m_ips.emplace(address, info).first->second;
    }

private:
    const ReferenceData& m_data;
    std::unordered_map<QString, HostInfo> m_hosts;
    std::unordered_map<QString, IpInfo> m_ips;
};

/// Step 1: flows and connections whose capture named no app get one from the investigator's rules, the
/// request headers, or (for connections) the flows they carried. Earlier inferences are recomputed; what the
/// capture or the import said is kept.
bool attributeApps(Database& db, const ProgressCallback& progress)
{
    QByteArray inferred;
    for (const QString& s : AppAttribution::inferredSources())
        inferred += (inferred.isEmpty() ? "'" : ", '") + s.toLatin1() + "'";
    const QByteArray resetFlows =
        "UPDATE flows SET app_id = NULL, app_source = NULL, app_reason = NULL WHERE app_source IN (" + inferred + ")";
    const QByteArray resetConnections =
        "UPDATE connections SET app_id = NULL, app_source = NULL, app_reason = NULL WHERE app_source IN (" + inferred
        + ")";
    db.exec(resetFlows.constData());
    db.exec(resetConnections.constData());

    const std::vector<AppAttribution::Rule> rules = EnrichStore::appRules(db);
    QHash<QString, qint64> appIds;
    auto appId = [&](const Data::AppIdentity& app) {
        const QString key = app.name + QChar(0) + app.package;
        if (const auto it = appIds.constFind(key); it != appIds.cend())
            return *it;
        Statement& insert = db.prepare("INSERT OR IGNORE INTO apps (name, package) VALUES (?1, ?2)");
        insert.bind(1, app.name).bind(2, app.package.isNull() ? QStringLiteral("") : app.package);
        insert.run();
        Statement& find = db.prepare("SELECT id FROM apps WHERE name = ?1 AND package = ?2");
        find.bind(1, app.name).bind(2, app.package.isNull() ? QStringLiteral("") : app.package);
        find.step();
        const qint64 id = find.int64(0);
        find.reset();
        appIds.insert(key, id);
        return id;
    };

    std::vector<std::pair<qint64, Data::AppIdentity>> found;
    {
        Statement st(db.handle(), "SELECT id, host, sni, req_headers FROM flows WHERE app_id IS NULL");
        qint64 n = 0;
        while (st.step()) {
            if (++n % 4096 == 0 && progress && !progress(0, 1))
                return false;
            const QString host = DestinationQuery::hostOf(st.text(1), st.text(2), QString());
            const auto app = AppAttribution::attribute(host, HeaderCodec::decode(st.blob(3)), rules);
            if (app)
                found.emplace_back(st.int64(0), *app);
        }
    }
    // One app, one row: a package seen alone ("Dalvik/… com.vidzy.android/4.2.0") takes the display name the
    // same package has elsewhere ("Vidzy/4.2.0 (com.vidzy.android; …)", or an app the capture named).
    QHash<QString, QHash<QString, int>> namesByPackage;
    {
        Statement& known = db.prepare("SELECT name, package FROM apps WHERE package != '' AND name != package");
        while (known.step())
            namesByPackage[known.text(1)][known.text(0)] += 1;
        known.reset();
    }
    for (const auto& [flowId, app] : found) {
        if (!app.package.isEmpty() && app.name != app.package)
            namesByPackage[app.package][app.name] += 1;
    }
    for (auto& [flowId, app] : found) {
        const auto names = namesByPackage.constFind(app.package);
        if (app.name != app.package || names == namesByPackage.cend() || names->isEmpty())
            continue;
        QString best;
        int bestCount = -1;
        for (auto it = names->cbegin(); it != names->cend(); ++it) {
            if (it.value() > bestCount || (it.value() == bestCount && it.key() < best)) {
                best = it.key();
                bestCount = it.value();
            }
        }
        app.name = best;
    }
    Statement& update = db.prepare("UPDATE flows SET app_id = ?1, app_source = ?2, app_reason = ?3 WHERE id = ?4");
    for (const auto& [flowId, app] : found) {
        update.bind(1, appId(app)).bind(2, app.source).bind(3, app.reason).bind(4, flowId);
        update.run();
    }

    // Connections: a rule on their name, else the one app of the flows they carried.
    std::vector<std::tuple<qint64, qint64, QString, QString>> connectionApps;
    {
        Statement st(db.handle(),
            "SELECT c.id, c.name, (SELECT min(f.app_id) FROM flows f WHERE f.connection_id = c.id), "
            "(SELECT count(DISTINCT f.app_id) FROM flows f WHERE f.connection_id = c.id AND f.app_id IS NOT NULL) "
            "FROM connections c WHERE c.app_id IS NULL");
        while (st.step()) {
            const QString name = PublicSuffix::normalizeHost(st.text(1));
            bool done = false;
            for (const AppAttribution::Rule& r : rules) {
                if (!r.appName.isEmpty() && AppAttribution::ruleMatches(r.hostPattern, name)) {
                    connectionApps.emplace_back(st.int64(0), appId({ r.appName, r.appPackage, -1, {}, {} }),
                        QStringLiteral("rule"), QObject::tr("your rule: %1 → %2").arg(r.hostPattern, r.appName));
                    done = true;
                    break;
                }
            }
            if (!done && st.int64(3) == 1)
                connectionApps.emplace_back(st.int64(0), st.int64(2), QStringLiteral("connection"),
                    QObject::tr("the requests read from this connection came from this app"));
        }
    }
    Statement& updateConnection =
        db.prepare("UPDATE connections SET app_id = ?1, app_source = ?2, app_reason = ?3 WHERE id = ?4");
    for (const auto& [id, app, source, reason] : connectionApps) {
        updateConnection.bind(1, app).bind(2, source).bind(3, reason).bind(4, id);
        updateConnection.run();
    }
    db.exec("DELETE FROM apps WHERE id NOT IN (SELECT app_id FROM flows WHERE app_id IS NOT NULL "
            "UNION SELECT app_id FROM connections WHERE app_id IS NOT NULL)");
    return true;
}

} // namespace

EnrichPass::EnrichPass(std::shared_ptr<const ReferenceData> data)
    : m_data(std::move(data))
{ }

EnrichPass::~EnrichPass() = default;

QString EnrichPass::displayName() const
{
    return QObject::tr("Destinations");
}

QStringList EnrichPass::tables() const
{
    return { QStringLiteral("destinations"), QStringLiteral("flow_destinations"),
        QStringLiteral("connection_destinations"), QStringLiteral("app_owners"),
        QStringLiteral("destination_traffic") };
}

void EnrichPass::createTables(Database& db)
{
    db.exec(R"SQL(
CREATE TABLE destinations (
    id INTEGER PRIMARY KEY,
    app_id INTEGER,
    host TEXT NOT NULL,
    registrable_domain TEXT,
    owner_domain TEXT,
    entity_id TEXT,
    entity_name TEXT,
    entity_legal_name TEXT,
    entity_category TEXT,
    entity_matched_domain TEXT,
    root_entity_id TEXT,
    root_entity_name TEXT,
    entity_hq_country TEXT,
    entity_legal_domicile TEXT,
    tracker_flags INTEGER NOT NULL DEFAULT 0,
    tracker_category TEXT,
    first_party INTEGER,
    first_party_reason TEXT,
    ips TEXT,
    countries TEXT,
    asn INTEGER,
    as_org TEXT,
    cdn TEXT,
    requests INTEGER NOT NULL DEFAULT 0,
    connections INTEGER NOT NULL DEFAULT 0,
    bytes_sent INTEGER NOT NULL DEFAULT 0,
    bytes_received INTEGER NOT NULL DEFAULT 0,
    first_seen INTEGER,
    last_seen INTEGER,
    encrypted_only INTEGER NOT NULL DEFAULT 0,
    list_owner TEXT,
    list_owner_source TEXT
);
CREATE INDEX destinations_app ON destinations(app_id, host);
CREATE INDEX destinations_entity ON destinations(entity_id);
CREATE INDEX destinations_root_entity ON destinations(root_entity_id);
CREATE TABLE flow_destinations (
    flow_id INTEGER PRIMARY KEY,
    destination_id INTEGER NOT NULL,
    ip TEXT,
    ip_source TEXT,
    country TEXT,
    asn INTEGER,
    bytes_sent INTEGER NOT NULL DEFAULT 0,
    bytes_received INTEGER NOT NULL DEFAULT 0,
    readable INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX flow_destinations_destination ON flow_destinations(destination_id);
CREATE INDEX flow_destinations_country ON flow_destinations(country);
CREATE TABLE connection_destinations (
    connection_id INTEGER PRIMARY KEY,
    destination_id INTEGER NOT NULL,
    ip TEXT,
    country TEXT,
    asn INTEGER,
    bytes_sent INTEGER NOT NULL DEFAULT 0,
    bytes_received INTEGER NOT NULL DEFAULT 0,
    counted INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX connection_destinations_destination ON connection_destinations(destination_id);
CREATE INDEX connection_destinations_country ON connection_destinations(country);
-- Traffic per destination, capture, address and server country: what the dashboard sums for filters on apps,
-- captures, countries and companies (DestinationQuery::writeTrafficRollup). kind: 0 flows, 1 connections
-- counted on their own, 2 connections whose flows are counted.
CREATE TABLE destination_traffic (
    destination_id INTEGER NOT NULL,
    capture_id INTEGER NOT NULL,
    ip TEXT,
    country TEXT,
    kind INTEGER NOT NULL,
    items INTEGER NOT NULL,
    bytes_sent INTEGER NOT NULL,
    bytes_received INTEGER NOT NULL,
    first_seen INTEGER,
    last_seen INTEGER,
    readable INTEGER NOT NULL,
    encrypted INTEGER NOT NULL
);
-- Covering, in the order the queries group by: they stream through it without sorting.
CREATE INDEX destination_traffic_key ON destination_traffic(destination_id, ip, country, kind, capture_id, items,
    bytes_sent, bytes_received, first_seen, last_seen, readable, encrypted);
CREATE TABLE app_owners (
    app_id INTEGER PRIMARY KEY,
    entity_id TEXT,
    entity_name TEXT,
    domains TEXT,
    source TEXT,
    reason TEXT
);
)SQL");
}

bool EnrichPass::run(Investigation& investigation, const ProgressCallback& progress)
{
    Database& db = investigation.db();
    const std::shared_ptr<const ReferenceData> data = m_data ? m_data : ReferenceData::shared();
    if (!attributeApps(db, progress))
        return false;

    Enricher enricher(*data);
    const DnsIndex dns(db);
    std::map<std::pair<qint64, QString>, Destination> destinations;
    qint64 nextId = 1;
    auto destinationFor = [&](qint64 appId, const QString& host) -> Destination& {
        auto [it, inserted] = destinations.try_emplace({ appId, host });
        if (inserted) {
            it->second.id = nextId++;
            it->second.appId = appId;
            it->second.host = host;
        }
        return it->second;
    };
    auto extend = [](Destination& d, Data::Timestamp first, Data::Timestamp last) {
        if (first > 0 && (d.firstSeen == 0 || first < d.firstSeen))
            d.firstSeen = first;
        const Data::Timestamp end = std::max(first, last);
        if (end > d.lastSeen)
            d.lastSeen = end;
    };

    const qint64 totalItems = db.pragmaInt("SELECT (SELECT count(*) FROM flows) + (SELECT count(*) FROM connections)");
    qint64 done = 0;

    // Flows. Bytes are what the request and response carried on the HTTP level: request line, headers and body.
    {
        Statement st(db.handle(),
            "SELECT id, capture_id, coalesce(app_id, 0), host, sni, server_ip, coalesce(ts_start, 0), "
            "coalesce(ts_end, 0), flags, length(coalesce(url, '')) + length(coalesce(req_headers, '')) + "
            "coalesce(req_wire_size, req_size, 0), length(coalesce(resp_headers, '')) + "
            "coalesce(resp_wire_size, resp_size, 0) FROM flows ORDER BY id");
        Statement& insert =
            db.prepare("INSERT INTO flow_destinations (flow_id, destination_id, ip, ip_source, country, asn, "
                       "bytes_sent, bytes_received, readable) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        while (st.step()) {
            if (++done % 2048 == 0 && progress && !progress(done, totalItems))
                return false;
            const QString serverIp = st.text(5);
            const QString host = DestinationQuery::hostOf(st.text(3), st.text(4), serverIp);
            if (host.isEmpty())
                continue;
            Destination& d = destinationFor(st.int64(2), host);
            const Data::Timestamp ts = st.int64(6);
            const bool readable = (static_cast<quint32>(st.int64(8)) & kUnreadable) == 0;
            QStringList addresses;
            QString ipSource;
            if (!serverIp.isEmpty()) {
                addresses.append(PublicSuffix::normalizeHost(serverIp));
                ipSource = QStringLiteral("flow");
            } else if (!PublicSuffix::isIpLiteral(host)) {
                addresses = dns.before(st.int64(1), host, ts);
                ipSource = addresses.isEmpty() ? QString() : QStringLiteral("dns");
            } else {
                addresses.append(host);
                ipSource = QStringLiteral("flow");
            }
            const qint64 sent = st.int64(9), received = st.int64(10);
            ++d.requests;
            (readable ? d.readable : d.encrypted) += 1;
            d.bytesSent += sent;
            d.bytesReceived += received;
            extend(d, ts, st.int64(7));
            // Several DNS addresses: the flow used one of them, we cannot tell which; the first stands for it.
            const QString ip = addresses.value(0);
            const IpInfo info = ip.isEmpty() ? IpInfo() : enricher.ip(ip);
            for (const QString& a : std::as_const(addresses)) {
                if (d.ips.size() < kMaxIpsPerDestination || d.ips.count(a)) {
                    IpTraffic& t = d.ips[a];
                    if (a == ip) {
                        t.bytesSent += sent;
                        ++t.items;
                    }
                }
            }
            insert.bind(1, st.int64(0))
                .bind(2, d.id)
                .bind(3, ip.isEmpty() ? QString() : ip)
                .bind(4, ipSource.isEmpty() ? QString() : ipSource);
            insert.bind(5, info.country.isEmpty() ? QString() : info.country);
            insert.bindOrNull(6, info.asn, 0).bind(7, sent).bind(8, received).bind(9, readable ? 1 : 0);
            insert.run();
        }
    }

    // Connections. Those that carried readable flows are already counted through them; the rest are what
    // the capture could not read (or that was not HTTP).
    {
        Statement st(db.handle(),
            "SELECT c.id, c.capture_id, coalesce(c.app_id, 0), c.name, c.server_ip, coalesce(c.first_seen, 0), "
            "coalesce(c.last_seen, 0), c.flags, c.bytes_up, c.bytes_down, "
            "EXISTS (SELECT 1 FROM flows f WHERE f.connection_id = c.id) FROM connections c ORDER BY c.id");
        Statement& insert =
            db.prepare("INSERT INTO connection_destinations (connection_id, destination_id, ip, country, asn, "
                       "bytes_sent, bytes_received, counted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        while (st.step()) {
            if (++done % 2048 == 0 && progress && !progress(done, totalItems))
                return false;
            const QString serverIp = PublicSuffix::normalizeHost(st.text(4));
            const QString host = DestinationQuery::hostOf(st.text(3), QString(), serverIp);
            if (host.isEmpty())
                continue;
            Destination& d = destinationFor(st.int64(2), host);
            const bool hasFlows = st.int64(10) != 0;
            const qint64 sent = st.int64(8), received = st.int64(9);
            QString ip = serverIp;
            if (ip.isEmpty() && !PublicSuffix::isIpLiteral(host))
                ip = dns.before(st.int64(1), host, st.int64(5)).value(0);
            const IpInfo info = ip.isEmpty() ? IpInfo() : enricher.ip(ip);
            ++d.connections;
            if (!hasFlows) {
                if (static_cast<quint32>(st.int64(7)) & Data::Encrypted)
                    ++d.encrypted;
                d.bytesSent += sent;
                d.bytesReceived += received;
                if (!ip.isEmpty() && (d.ips.size() < kMaxIpsPerDestination || d.ips.count(ip))) {
                    IpTraffic& t = d.ips[ip];
                    t.bytesSent += sent;
                    ++t.items;
                }
            }
            extend(d, st.int64(5), st.int64(6));
            insert.bind(1, st.int64(0)).bind(2, d.id).bind(3, ip.isEmpty() ? QString() : ip);
            insert.bind(4, info.country.isEmpty() ? QString() : info.country).bindOrNull(5, info.asn, 0);
            insert.bind(6, sent).bind(7, received).bind(8, hasFlows ? 0 : 1);
            insert.run();
        }
    }

    // First party: whom each app belongs to.
    const EntityList& entities = data->entities();
    std::map<qint64, FirstParty::Owner> owners;
    {
        std::map<qint64, std::vector<FirstParty::Contact>> contacts;
        for (const auto& [key, d] : destinations) {
            if (d.appId == 0)
                continue;
            const HostInfo& h = enricher.host(d.host);
            contacts[d.appId].push_back({ h.owner, h.entity, d.requests + d.connections, h.trackerFlags != 0 });
        }
        Statement& apps = db.prepare("SELECT id, name, package FROM apps");
        std::vector<Data::AppRecord> appList;
        while (apps.step())
            appList.push_back({ apps.int64(0), apps.text(1), apps.text(2) });
        apps.reset();
        Statement& insertOwner =
            db.prepare("INSERT INTO app_owners (app_id, entity_id, entity_name, domains, source, reason) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        for (const Data::AppRecord& app : appList) {
            const auto userOverride = EnrichStore::ownerOverride(db, app.name, app.package);
            const FirstParty::Owner owner =
                FirstParty::infer(app.name, app.package, contacts[app.id], entities, userOverride);
            owners[app.id] = owner;
            const EntityList::Entity* e = entities.byId(owner.entityId);
            insertOwner.bind(1, app.id).bind(2, owner.entityId.isEmpty() ? QString() : owner.entityId);
            insertOwner.bind(3, e ? e->displayName : QString()).bind(4, owner.domains.join(u' '));
            insertOwner.bind(5, owner.source.isEmpty() ? QString() : owner.source)
                .bind(6, owner.reason.isEmpty() ? QString() : owner.reason);
            insertOwner.run();
        }
    }

    Statement& insert = db.prepare(
        "INSERT INTO destinations (id, app_id, host, registrable_domain, owner_domain, entity_id, entity_name, "
        "entity_legal_name, entity_category, entity_matched_domain, root_entity_id, root_entity_name, "
        "entity_hq_country, "
        "entity_legal_domicile, tracker_flags, tracker_category, first_party, first_party_reason, ips, countries, asn, "
        "as_org, cdn, requests, connections, bytes_sent, bytes_received, first_seen, last_seen, encrypted_only, "
        "list_owner, "
        "list_owner_source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19, "
        "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)");
    const auto orNull = [](const QString& s) { return s.isEmpty() ? QString() : s; };
    for (const auto& [key, d] : destinations) {
        const HostInfo& h = enricher.host(d.host);
        // Countries by the bytes sent to them; the network that received most stands for the destination.
        std::map<QString, qint64> countryBytes;
        std::map<quint32, qint64> asnBytes;
        QStringList ips;
        for (const auto& [ip, t] : d.ips) {
            ips.append(ip);
            const IpInfo& info = enricher.ip(ip);
            if (!info.country.isEmpty())
                countryBytes[info.country] += t.bytesSent + t.items;
            if (info.asn)
                asnBytes[info.asn] += t.bytesSent + t.items;
        }
        std::vector<std::pair<QString, qint64>> countries(countryBytes.begin(), countryBytes.end());
        std::stable_sort(
            countries.begin(), countries.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        QStringList countryList;
        for (const auto& c : countries)
            countryList.append(c.first);
        quint32 asn = 0;
        qint64 best = -1;
        for (const auto& [a, n] : asnBytes) {
            if (n > best) {
                best = n;
                asn = a;
            }
        }
        QString cdn = asn ? CdnNetworks::operatorFor(asn) : QString();
        if (cdn.isEmpty() && h.entity && CdnNetworks::isCdnCategory(h.entity->category))
            cdn = h.entity->displayName;

        const auto ownerIt = owners.find(d.appId);
        int firstParty = -1; // unknown
        QString firstPartyReason;
        if (ownerIt != owners.end() && ownerIt->second.isKnown()) {
            firstParty = FirstParty::isFirstParty(ownerIt->second, h.owner, h.entity, entities) ? 1 : 0;
            firstPartyReason = ownerIt->second.reason;
        }
        insert.bind(1, d.id);
        if (d.appId)
            insert.bind(2, d.appId);
        else
            insert.bindNull(2);
        insert.bind(3, d.host).bind(4, orNull(h.registrable)).bind(5, orNull(h.owner));
        insert.bind(6, h.entity ? h.entity->id : QString()).bind(7, h.entity ? h.entity->displayName : QString());
        insert.bind(8, h.entity ? orNull(h.entity->legalName) : QString())
            .bind(9, h.entity ? orNull(h.entity->category) : QString());
        insert.bind(10, orNull(h.matchedDomain));
        insert.bind(11, h.root ? h.root->id : QString()).bind(12, h.root ? h.root->displayName : QString());
        insert.bind(13, h.entity ? orNull(h.entity->hqCountry) : QString())
            .bind(14, h.entity ? orNull(h.entity->legalDomicile) : QString());
        insert.bind(15, static_cast<qint64>(h.trackerFlags))
            .bind(16, orNull(TrackerHostList::categoryName(h.trackerFlags)));
        if (firstParty < 0)
            insert.bindNull(17);
        else
            insert.bind(17, firstParty);
        insert.bind(18, orNull(firstPartyReason));
        insert.bind(19, orNull(ips.join(u' '))).bind(20, orNull(countryList.join(u' ')));
        insert.bindOrNull(21, asn, 0)
            .bind(22, asn ? orNull(data->asn().organisation(asn)) : QString())
            .bind(23, orNull(cdn));
        insert.bind(24, d.requests).bind(25, d.connections).bind(26, d.bytesSent).bind(27, d.bytesReceived);
        insert.bindOrNull(28, d.firstSeen, 0).bindOrNull(29, d.lastSeen, 0);
        insert.bind(30, (d.readable == 0 && d.encrypted > 0) ? 1 : 0);
        insert.bind(31, h.listOwner ? h.listOwner->name : QString())
            .bind(32, h.listOwner ? h.listOwner->list : QString());
        insert.run();
    }

    DestinationQuery::writeTrafficRollup(db);

    // The reference data behind these answers, recorded with the investigation (and printed in exports).
    Statement& used =
        db.prepare("INSERT INTO reference_data_used (name, version, license, recorded_at) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (name) DO UPDATE SET version = excluded.version, license = excluded.license, "
                   "recorded_at = excluded.recorded_at");
    for (const DatasetInfo& info : data->used()) {
        used.bind(1, info.name).bind(2, orNull(info.version)).bind(3, orNull(info.license)).bind(4, TimeUtil::now());
        used.run();
    }
    if (progress)
        progress(totalItems, totalItems);
    return true;
}
