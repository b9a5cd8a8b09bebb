// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingstore.h"

#include "enrich/destinationquery.h"
#include "store/database.h"
#include "store/filtersql.h"
#include "store/idorder.h"

#include <unordered_map>

namespace FindingStore {

QStringList tables()
{
    return { QStringLiteral("findings"), QStringLiteral("finding_groups") };
}

void createTables(Database& db)
{
    db.exec(R"SQL(
CREATE TABLE finding_groups (
    id INTEGER PRIMARY KEY,
    app_id INTEGER NOT NULL DEFAULT 0,
    registrable_domain TEXT NOT NULL,
    category TEXT NOT NULL,
    value_hash TEXT NOT NULL,
    direction TEXT NOT NULL,
    confidence INTEGER NOT NULL,
    occurrences INTEGER NOT NULL DEFAULT 0,
    first_seen INTEGER,
    last_seen INTEGER,
    UNIQUE (app_id, registrable_domain, category, value_hash, direction)
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    flow_id INTEGER NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
    capture_id INTEGER NOT NULL,
    app_id INTEGER,
    ts INTEGER,
    direction TEXT NOT NULL,
    category TEXT NOT NULL,
    confidence INTEGER NOT NULL,
    host TEXT,
    registrable_domain TEXT,
    location TEXT NOT NULL,
    key TEXT,
    evidence TEXT NOT NULL,
    known_identifier TEXT,
    known_identifier_id INTEGER,
    variant TEXT,
    encoding_chain TEXT,
    reason TEXT,
    detector TEXT,
    value_hash TEXT NOT NULL,
    group_id INTEGER REFERENCES finding_groups(id),
    display_location TEXT,
    display_chain TEXT,
    span_start INTEGER,
    span_length INTEGER,
    destination_host TEXT
);
CREATE INDEX findings_flow ON findings(flow_id);
CREATE INDEX findings_category ON findings(category, confidence);
CREATE INDEX findings_group ON findings(group_id);
CREATE INDEX findings_time ON findings(ts);
-- Covers the dashboard's aggregations (the Data page's matrix, the overview's categories per host), so they
-- read this index rather than the findings' long evidence rows.
CREATE INDEX findings_summary ON findings(direction, category, app_id, destination_host, registrable_domain,
    host, confidence, flow_id, capture_id, ts);
)SQL");
}

void ensureIndexes(Database& db)
{
    // The Data list in its default order (time), with the filters it is narrowed by most, read in index order
    // rather than sorted: on 677 000 findings the sort was 0.4 s of every list load (bench/RESULTS.md).
    db.exec("CREATE INDEX IF NOT EXISTS findings_timeline ON findings(direction, ts, app_id, capture_id, category, "
            "confidence, flow_id)");
}

bool exists(Database& db)
{
    Statement st(db.handle(),
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('findings', 'finding_groups')");
    return st.step() && st.int64(0) == 2;
}

void insert(Database& db, const FlowContext& flow, bool request, const Detect::Hit& hit, const Display& display)
{
    const QString direction = request ? QStringLiteral("request") : QStringLiteral("response");
    const QByteArray hash = Detect::valueHash(hit.category, hit.normalized.isEmpty() ? hit.value : hit.normalized);
    Statement& group = db.prepare(
        "INSERT INTO finding_groups (app_id, registrable_domain, category, value_hash, direction, confidence, "
        "occurrences, "
        "first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7) ON CONFLICT (app_id, registrable_domain, "
        "category, value_hash, direction) DO UPDATE SET occurrences = occurrences + 1, confidence = max(confidence, "
        "excluded.confidence), first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, "
        "excluded.last_seen) RETURNING id");
    group.bind(1, flow.appId).bind(2, flow.registrableDomain.isNull() ? QStringLiteral("") : flow.registrableDomain);
    group.bind(3, hit.category).bindText(4, hash).bind(5, direction).bind(6, hit.confidence).bind(7, flow.ts);
    qint64 groupId = 0;
    if (group.step())
        groupId = group.int64(0);
    group.reset();
    const QString evidence = hit.evidence.isEmpty() ? Detect::evidenceExcerpt(hit.key, hit.value) : hit.evidence;
    Statement& st = db.prepare(
        "INSERT INTO findings (flow_id, capture_id, app_id, ts, direction, category, confidence, host, "
        "registrable_domain, "
        "location, key, evidence, known_identifier, known_identifier_id, variant, encoding_chain, reason, detector, "
        "value_hash, group_id, display_location, display_chain, span_start, span_length, destination_host) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, "
        "?24, ?25)");
    st.bind(1, flow.flowId).bind(2, flow.captureId).bindOrNull(3, flow.appId, 0).bind(4, flow.ts).bind(5, direction);
    st.bind(6, hit.category).bind(7, hit.confidence).bind(8, flow.host).bind(9, flow.registrableDomain);
    st.bindText(10, hit.location).bindText(11, hit.key.isEmpty() ? QByteArray() : hit.key.left(200)).bind(12, evidence);
    st.bind(13, hit.knownLabel.isEmpty() ? QString() : hit.knownLabel).bindOrNull(14, hit.knownId, 0);
    st.bind(15, hit.variant.isEmpty() ? QString() : hit.variant)
        .bindText(16, hit.chain.left(1000))
        .bind(17, hit.reason);
    st.bind(18, hit.detector).bindText(19, hash).bind(20, groupId);
    st.bindText(21, display.location).bindText(22, display.chain.isNull() ? QByteArray("") : display.chain);
    st.bindOrNull(23, display.spanStart, -1).bind(24, display.spanLength);
    st.bind(25, flow.destinationHost.isEmpty() ? QString() : flow.destinationHost);
    st.run();
}

namespace {

const char* const kColumns =
    "f.id, f.flow_id, f.capture_id, coalesce(f.app_id, 0), coalesce(a.name, ''), f.ts, f.direction, "
    "f.category, f.confidence, f.host, f.registrable_domain, f.location, f.key, f.evidence, "
    "f.known_identifier, coalesce(f.known_identifier_id, 0), f.variant, f.encoding_chain, f.reason, "
    "f.detector, f.value_hash, coalesce(f.group_id, 0), f.display_location, f.display_chain, "
    "coalesce(f.span_start, -1), coalesce(f.span_length, 0)";

/// The company behind a finding's host (its parent company), when the enrich pass named it.
QByteArray companyColumn(Database& db)
{
    return DestinationQuery::available(db) ? ", (SELECT coalesce(nullif(d.root_entity_name, ''), d.entity_name) FROM "
                                             "flow_destinations l JOIN destinations d "
                                             "ON d.id = l.destination_id WHERE l.flow_id = f.flow_id)"
                                           : ", NULL";
}

Data::FindingRow readRow(Statement& st)
{
    Data::FindingRow r;
    r.id = st.int64(0);
    r.flowId = st.int64(1);
    r.captureId = st.int64(2);
    r.appId = st.int64(3);
    r.app = st.text(4);
    r.ts = st.int64(5);
    r.direction = st.text(6);
    r.category = st.text(7);
    r.confidence = static_cast<int>(st.int64(8));
    r.host = st.text(9);
    r.registrableDomain = st.text(10);
    r.location = st.text(11);
    r.key = st.text(12);
    r.evidence = st.text(13);
    r.knownIdentifier = st.text(14);
    r.knownIdentifierId = st.int64(15);
    r.variant = st.text(16);
    r.encodingChain = st.text(17);
    r.reason = st.text(18);
    r.detector = st.text(19);
    r.valueHash = st.text(20);
    r.groupId = st.int64(21);
    r.displayLocation = st.text(22);
    r.displayChain = st.text(23);
    r.spanStart = st.int64(24);
    r.spanLength = st.int64(25);
    r.company = st.text(26);
    return r;
}

} // namespace

std::vector<Data::FindingRow> findings(Database& db, const Data::Filter& filter, bool includeResponses)
{
    std::vector<Data::FindingRow> out;
    if (!exists(db))
        return out;
    const FilterSql where(filter, FilterSql::Table::Findings, "f");
    const QByteArray sql = QByteArray("SELECT ") + kColumns + companyColumn(db)
        + " FROM findings f LEFT JOIN apps a ON a.id = f.app_id WHERE "
        + (includeResponses ? "1" : "f.direction = 'request'") + where.conditions() + " ORDER BY f.ts, f.id";
    Statement st(db.handle(), sql.constData());
    where.bind(st);
    while (st.step())
        out.push_back(readRow(st));
    return out;
}

std::vector<Data::FindingRow> deduplicated(Database& db, const Data::Filter& filter)
{
    std::vector<Data::FindingRow> out;
    if (!exists(db))
        return out;
    const FilterSql where(filter, FilterSql::Table::Findings, "f");
    // The representative of a group: its most confident finding, the earliest of those.
    const QByteArray sql = QByteArray("SELECT ") + kColumns + companyColumn(db)
        + ", count(*) OVER (PARTITION BY f.group_id), "
        + "row_number() OVER (PARTITION BY f.group_id ORDER BY f.confidence DESC, f.ts, f.id) AS rank, "
        + "group_concat(f.flow_id) OVER (PARTITION BY f.group_id ORDER BY f.ts, f.id ROWS BETWEEN UNBOUNDED PRECEDING "
          "AND UNBOUNDED FOLLOWING) "
        + "FROM findings f LEFT JOIN apps a ON a.id = f.app_id WHERE f.direction = 'request'" + where.conditions()
        + " ORDER BY f.ts, f.id";
    Statement st(db.handle(), sql.constData());
    where.bind(st);
    while (st.step()) {
        if (st.int64(28) != 1)
            continue;
        Data::FindingRow r = readRow(st);
        r.occurrences = st.int64(27);
        QList<qint64> flows;
        for (const QString& f : st.text(29).split(u',')) {
            const qint64 id = f.toLongLong();
            if (id && !flows.contains(id) && flows.size() < 100)
                flows.append(id);
        }
        r.flows = flows;
        out.push_back(std::move(r));
    }
    return out;
}

namespace {

/// Findings written by detect pass versions before 3 have no destination_host. Such a file is upgraded when
/// opened for writing; one only read (a colleague's file on a read-only share) is answered the slower way.
bool hasDestinationHost(Database& db)
{
    Statement& st = db.prepare("SELECT count(*) FROM pragma_table_info('findings') WHERE name = 'destination_host'");
    const bool has = st.step() && st.int64(0) == 1;
    st.reset();
    return has;
}

/// The party a finding is grouped by in the Data page: the company behind its flow's destination (parent
/// first), else its registrable domain, else its host. Needs `kDestinationJoins`.
const char* const kPartyExpression = "coalesce(nullif(d.root_entity_name, ''), nullif(d.entity_name, ''), "
                                     "nullif(f.registrable_domain, ''), f.host, '')";
const char* const kDestinationJoins =
    " LEFT JOIN flow_destinations l ON l.flow_id = f.flow_id LEFT JOIN destinations d ON d.id = l.destination_id";

QByteArray orderColumn(SortKey key, bool companies)
{
    switch (key) {
    case SortKey::App:
        return "coalesce(a.name, '')";
    case SortKey::Category:
        return "f.category";
    case SortKey::Confidence:
        return "f.confidence";
    case SortKey::Party:
        return companies ? kPartyExpression : "coalesce(nullif(f.registrable_domain, ''), f.host, '')";
    case SortKey::Host:
        return "f.host";
    case SortKey::Location:
        return "f.location";
    case SortKey::Key:
        return "f.key";
    case SortKey::Evidence:
        return "f.evidence";
    case SortKey::Known:
        return "f.known_identifier";
    case SortKey::Chain:
        return "f.encoding_chain";
    case SortKey::Time:
        break;
    }
    return "f.ts";
}

} // namespace

std::vector<qint64> ids(
    Database& db, const Data::Filter& filter, const Narrowing& narrowing, SortKey key, bool descending)
{
    std::vector<qint64> out;
    if (!exists(db))
        return out;
    const bool companies = DestinationQuery::available(db);
    const FilterSql where(filter, FilterSql::Table::Findings, "f");
    const bool needsParty = !narrowing.party.isEmpty() || key == SortKey::Party;
    QByteArray sql = "SELECT f.id FROM findings f";
    if (key == SortKey::App)
        sql += " LEFT JOIN apps a ON a.id = f.app_id";
    if (needsParty && companies)
        sql += kDestinationJoins;
    sql += " WHERE f.direction = 'request'" + where.conditions();
    int next = 1; // the filter's parameters start at 100
    if (!narrowing.category.isEmpty())
        sql += " AND f.category = ?" + QByteArray::number(next++);
    if (!narrowing.party.isEmpty())
        sql += " AND " + orderColumn(SortKey::Party, companies) + " = ?" + QByteArray::number(next++);
    if (narrowing.minConfidence > 0)
        sql += " AND f.confidence >= ?" + QByteArray::number(next++);
    const QByteArray direction = descending ? " DESC" : "";
    sql += " ORDER BY " + orderColumn(key, companies) + direction + ", f.ts" + direction + ", f.id" + direction;
    Statement st(db.handle(), sql.constData());
    where.bind(st);
    next = 1;
    if (!narrowing.category.isEmpty())
        st.bind(next++, narrowing.category);
    if (!narrowing.party.isEmpty())
        st.bind(next++, narrowing.party);
    if (narrowing.minConfidence > 0)
        st.bind(next++, static_cast<qint64>(narrowing.minConfidence));
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

std::vector<Data::FindingRow> rows(Database& db, const std::vector<qint64>& ids)
{
    if (ids.empty() || !exists(db))
        return {};
    const QByteArray sql = QByteArray("SELECT ") + kColumns + companyColumn(db)
        + " FROM findings f LEFT JOIN apps a ON a.id = f.app_id WHERE f.id IN (" + IdOrder::sqlList(ids) + ")";
    Statement st(db.handle(), sql.constData());
    std::unordered_map<qint64, Data::FindingRow> byId;
    while (st.step()) {
        Data::FindingRow r = readRow(st);
        byId.emplace(r.id, std::move(r));
    }
    return IdOrder::inOrder(byId, ids);
}

std::optional<Data::FindingRow> finding(Database& db, qint64 id)
{
    if (!exists(db))
        return std::nullopt;
    const QByteArray sql = QByteArray("SELECT ") + kColumns + companyColumn(db)
        + " FROM findings f LEFT JOIN apps a ON a.id = f.app_id WHERE f.id = ?1";
    Statement st(db.handle(), sql.constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readRow(st);
}

std::vector<Data::CategoryHostCell> categoryHosts(Database& db, const Data::Filter& filter)
{
    std::vector<Data::CategoryHostCell> out;
    if (!exists(db))
        return out;
    const FilterSql where(filter, FilterSql::Table::Findings, "f");
    const QByteArray host = hasDestinationHost(db) ? "f.destination_host" : "f.host";
    const QByteArray sql = "SELECT f.category, coalesce(f.app_id, 0), coalesce(" + host
        + ", ''), count(*), max(f.confidence) FROM findings f WHERE f.direction = 'request'" + where.conditions()
        + " GROUP BY f.category, f.app_id, " + host;
    Statement st(db.handle(), sql.constData());
    where.bind(st);
    while (st.step())
        out.push_back({ st.text(0), st.int64(1), st.text(2), st.int64(3), static_cast<int>(st.int64(4)) });
    return out;
}

std::vector<Data::FindingRow> findingsOfFlow(Database& db, qint64 flowId)
{
    std::vector<Data::FindingRow> out;
    if (!exists(db))
        return out;
    const QByteArray sql = QByteArray("SELECT ") + kColumns + companyColumn(db)
        + " FROM findings f LEFT JOIN apps a ON a.id = f.app_id WHERE f.flow_id = ?1 ORDER BY f.id";
    Statement st(db.handle(), sql.constData());
    st.bind(1, flowId);
    while (st.step())
        out.push_back(readRow(st));
    return out;
}

std::vector<Data::MatrixCell> matrix(Database& db, const Data::Filter& filter)
{
    std::vector<Data::MatrixCell> out;
    if (!exists(db))
        return out;
    const FilterSql where(filter, FilterSql::Table::Findings, "f");
    // The receiving party is the company behind the finding's destination when the enrich pass knows it (its
    // parent company, so Instagram and Facebook count as Meta), else the registrable domain. Findings are
    // first counted per (category, app, destination host, domain) from the covering index, then the few
    // groups are matched to their destination: a join per finding would read two more tables per row.
    const bool companies = DestinationQuery::available(db);
    const bool grouped = hasDestinationHost(db);
    const QByteArray groups = "SELECT f.category AS category, f.app_id AS app_id, "
        + QByteArray(grouped ? "f.destination_host" : "NULL")
        + " AS dhost, f.registrable_domain AS rd, f.host AS host, count(*) AS n, max(f.confidence) AS c FROM "
          "findings f WHERE f.direction = 'request'"
        + where.conditions() + " GROUP BY 1, 2, 3, 4, 5";
    QByteArray sql;
    if (!companies) {
        sql = "SELECT category, coalesce(nullif(rd, ''), host, ''), sum(n), max(c) FROM (" + groups
            + ") GROUP BY 1, 2 ORDER BY 1, 2";
    } else if (grouped) {
        sql = "WITH g AS MATERIALIZED (" + groups
            + ") SELECT g.category, coalesce(nullif(d.root_entity_name, ''), nullif(d.entity_name, ''), "
              "nullif(g.rd, ''), g.host, ''), sum(g.n), max(g.c) FROM g LEFT JOIN destinations d ON d.app_id IS "
              "g.app_id AND d.host = g.dhost GROUP BY 1, 2 ORDER BY 1, 2";
    } else {
        sql = QByteArray("SELECT f.category, ") + kPartyExpression + ", count(*), max(f.confidence) FROM findings f"
            + kDestinationJoins + " WHERE f.direction = 'request'" + where.conditions()
            + " GROUP BY 1, 2 ORDER BY 1, 2";
    }
    Statement st(db.handle(), sql.constData());
    where.bind(st);
    while (st.step())
        out.push_back({ st.text(0), st.text(1), st.int64(2), static_cast<int>(st.int64(3)) });
    return out;
}

} // namespace FindingStore
