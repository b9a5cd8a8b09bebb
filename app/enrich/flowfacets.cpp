// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "flowfacets.h"

#include "destinationquery.h"
#include "search/textindex.h"
#include "store/database.h"
#include "store/filtersql.h"

#include <QHash>

#include <algorithm>
#include <future>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace {

constexpr qint32 kNull = std::numeric_limits<qint32>::min(); ///< a NULL app or capture id
constexpr int kCheckEvery = 65536; ///< rows between two looks at `cancelled`

/// Ids of apps and captures fit 32 bits in any real investigation; one that does not makes load() give up.
bool fits(qint64 id)
{
    return id > kNull && id <= std::numeric_limits<qint32>::max();
}

/// Repeated strings (addresses, countries, categories, companies) as small indexes; -1 is NULL.
class Interner
{
public:
    explicit Interner(QStringList& names)
        : m_names(names)
    { }
    qint32 intern(Statement& st, int column)
    {
        if (st.isNull(column))
            return -1;
        const QByteArrayView bytes = st.utf8(column);
        // A raw-data key for the lookup: no copy for the values already seen, which is nearly all of them.
        const QByteArray probe = QByteArray::fromRawData(bytes.data(), bytes.size());
        const auto it = m_index.constFind(probe);
        if (it != m_index.cend())
            return it.value();
        const qint32 index = static_cast<qint32>(m_names.size());
        m_names.append(FlowFacets::textOrNull(st, column));
        m_index.insert(QByteArray(bytes.data(), bytes.size()), index);
        return index;
    }

private:
    QStringList& m_names;
    QHash<QByteArray, qint32> m_index;
};

/// Names (companies, parties) as indexes into `names`, each name once.
class NameIndex
{
public:
    explicit NameIndex(QStringList& names)
        : m_names(names)
    { }
    qint32 add(const QString& name)
    {
        const auto it = m_index.constFind(name);
        if (it != m_index.cend())
            return it.value();
        const auto index = static_cast<qint32>(m_names.size());
        m_index.insert(name, index);
        m_names.append(name);
        return index;
    }

private:
    QStringList& m_names;
    QHash<QString, qint32> m_index;
};

/// Flow id → position: a direct table when the ids are dense (they are rowids), else a binary search.
class PositionOfId
{
public:
    explicit PositionOfId(const std::vector<qint64>& ids)
    {
        const qint64 maxId = ids.empty() ? 0 : *std::max_element(ids.begin(), ids.end());
        const qint64 minId = ids.empty() ? 0 : *std::min_element(ids.begin(), ids.end());
        if (minId >= 0 && maxId <= 4 * static_cast<qint64>(ids.size()) + 1024) {
            m_dense.assign(static_cast<size_t>(maxId) + 1, -1);
            for (size_t i = 0; i < ids.size(); ++i)
                m_dense[static_cast<size_t>(ids[i])] = static_cast<qint32>(i);
        } else {
            m_sorted.reserve(ids.size());
            for (size_t i = 0; i < ids.size(); ++i)
                m_sorted.emplace_back(ids[i], static_cast<qint32>(i));
            std::sort(m_sorted.begin(), m_sorted.end());
        }
    }
    qint32 find(qint64 id) const
    {
        if (!m_sorted.empty()) {
            const auto it = std::lower_bound(
                m_sorted.begin(), m_sorted.end(), std::pair<qint64, qint32>(id, std::numeric_limits<qint32>::min()));
            return it != m_sorted.end() && it->first == id ? it->second : -1;
        }
        return id >= 0 && static_cast<size_t>(id) < m_dense.size() ? m_dense[static_cast<size_t>(id)] : -1;
    }

private:
    std::vector<qint32> m_dense;
    std::vector<std::pair<qint64, qint32>> m_sorted;
};

/// A cell of the findings' tables (the Data page's chart, the Overview's categories): how many, the highest
/// confidence.
struct FindingSums
{
    qint64 findings = 0;
    int maxConfidence = std::numeric_limits<int>::min();
    void add(int confidence)
    {
        ++findings;
        maxConfidence = std::max(maxConfidence, confidence);
    }
};

/// Positions in time then id order (NULL times first, as SQLite sorts them).
std::vector<qint32> timeOrder(const std::vector<qint64>& times, const std::vector<qint64>& ids)
{
    std::vector<qint32> order(times.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](qint32 a, qint32 b) {
        const auto i = static_cast<size_t>(a), j = static_cast<size_t>(b);
        return times[i] != times[j] ? times[i] < times[j] : ids[i] < ids[j];
    });
    return order;
}

template <class T> void permute(std::vector<T>& values, const std::vector<qint32>& order)
{
    std::vector<T> out;
    out.reserve(values.size());
    for (qint32 i : order)
        out.push_back(values[static_cast<size_t>(i)]);
    values = std::move(out);
}

/// An app or capture id column as 32 bits (kNull for NULL); clears `ok` when it does not fit.
qint32 id32(Statement& st, int column, bool* ok)
{
    if (st.isNull(column))
        return kNull;
    const qint64 id = st.int64(column);
    *ok = *ok && fits(id);
    return static_cast<qint32>(id);
}

/// Whether a loop at `row` should stop: `cancelled` is asked every kCheckEvery rows.
bool stopAt(qint64 row, const std::function<bool()>& cancelled)
{
    return row % kCheckEvery == 0 && cancelled && cancelled();
}

bool tableExists(Database& db, const char* name)
{
    Statement st(db.handle(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    st.bind(1, QString::fromLatin1(name));
    return st.step() && st.int64(0) == 1;
}

} // namespace

/// A filter turned into lookups over the interned values, so that each flow costs a few comparisons.
struct FlowFacets::Matcher
{
    std::vector<qint32> apps;
    bool anyApp = true;
    std::vector<qint32> captures;
    bool anyCapture = true;
    Data::Timestamp from = 0;
    Data::Timestamp to = 0;
    std::vector<char> countries; ///< by interned country; empty: any
    std::vector<char> companies; ///< by destination; empty: any
    bool findingCondition = false;
    std::vector<char> categories; ///< by interned category; empty: any
    int minConfidence = std::numeric_limits<int>::min();
    /// The text's matches (prepare() found them); null without a text filter.
    std::shared_ptr<const TextMatch> text;
    bool nothing = false; ///< a text filter whose matches are not known: nothing is claimed to match

    Matcher(const FlowFacets& f, const Data::Filter& filter)
        : from(filter.from)
        , to(filter.to)
    {
        if (!filter.text.isEmpty()) {
            text = f.textMatch(nullptr, filter.text);
            nothing = !text;
        }
        // Ids that cannot be stored can match nothing (and must not match the NULL marker).
        anyApp = filter.appIds.isEmpty();
        for (qint64 id : filter.appIds) {
            if (fits(id))
                apps.push_back(static_cast<qint32>(id));
        }
        anyCapture = filter.captureIds.isEmpty();
        for (qint64 id : filter.captureIds) {
            if (fits(id))
                captures.push_back(static_cast<qint32>(id));
        }
        if (!filter.countries.isEmpty()) {
            countries.assign(static_cast<size_t>(f.m_countries.size()) + 1, 0); // +1: never empty
            for (const QString& c : filter.countries) {
                const qsizetype i = f.m_countries.indexOf(c.toUpper());
                if (i >= 0)
                    countries[static_cast<size_t>(i)] = 1;
            }
        }
        if (!filter.companies.isEmpty()) {
            std::vector<char> named(static_cast<size_t>(f.m_companies.size()), 0);
            for (const QString& c : filter.companies) {
                const qsizetype i = f.m_companies.indexOf(c);
                if (i >= 0)
                    named[static_cast<size_t>(i)] = 1;
            }
            auto isNamed = [&named](qint32 i) { return i >= 0 && named[static_cast<size_t>(i)] != 0; };
            companies.assign(f.m_destinationId.size() + 1, 0);
            for (size_t d = 0; d < f.m_destinationId.size(); ++d)
                companies[d] = isNamed(f.m_destinationEntity[d]) || isNamed(f.m_destinationRootEntity[d]);
        }
        findingCondition = !filter.categories.isEmpty() || !filter.minConfidence.isEmpty();
        if (!filter.categories.isEmpty()) {
            categories.assign(static_cast<size_t>(f.m_categories.size()) + 1, 0);
            for (const QString& c : filter.categories) {
                const qsizetype i = f.m_categories.indexOf(c);
                if (i >= 0)
                    categories[static_cast<size_t>(i)] = 1;
            }
        }
        if (!filter.minConfidence.isEmpty())
            minConfidence = FilterSql::confidenceRank(filter.minConfidence);
    }

    static bool in(const std::vector<qint32>& list, qint32 value)
    {
        return std::find(list.begin(), list.end(), value) != list.end();
    }

    /// The destination conditions (server country, company) of a flow's or connection's link.
    bool destinationMatches(qint32 destination, qint32 country) const
    {
        if (!countries.empty() && (country < 0 || !countries[static_cast<size_t>(country)]))
            return false;
        if (!companies.empty() && (destination < 0 || !companies[static_cast<size_t>(destination)]))
            return false;
        return true;
    }

    /// `app_id IN (…)` and `capture_id IN (…)`; a NULL app matches no list.
    bool appAndCapture(qint32 app, qint32 capture) const
    {
        return (anyApp || (app != kNull && in(apps, app))) && (anyCapture || in(captures, capture));
    }

    /// `coalesce(end, start) >= from` and `start < to`; NULL times match no bound.
    bool inTime(qint64 start, qint64 end) const
    {
        if (from != 0) {
            const qint64 last = end != kNoTime ? end : start;
            if (last == kNoTime || last < from)
                return false;
        }
        return to == 0 || (start != kNoTime && start < to);
    }

    /// FilterSql's conditions on a flow (Table::Flows), in the same order.
    bool flow(const FlowFacets& f, size_t i) const
    {
        if (nothing || !appAndCapture(f.m_flowApp[i], f.m_flowCapture[i]))
            return false;
        if (findingCondition) {
            bool found = false;
            for (quint32 k = f.m_findingStart[i]; k < f.m_findingStart[i + 1] && !found; ++k) {
                const Finding& x = f.m_findings[k];
                found = (categories.empty() || (x.category >= 0 && categories[static_cast<size_t>(x.category)]))
                    && x.confidence >= minConfidence;
            }
            if (!found)
                return false;
        }
        return inTime(f.m_flowStart[i], f.m_flowEnd[i])
            && destinationMatches(f.m_flowDestination[i], f.m_flowCountry[i]) && (!text || text->flows[i]);
    }

    /// FilterSql's conditions on a request finding (Table::Findings): its own app, capture, time, text, category
    /// and confidence, its flow's destination.
    bool finding(const FlowFacets& f, size_t i) const
    {
        if (nothing || (text && !text->findings[i]))
            return false;
        // A finding has one time: `ts >= from AND ts < to`.
        if (!appAndCapture(f.m_findingApp[i], f.m_findingCapture[i]) || !inTime(f.m_findingTime[i], kNoTime))
            return false;
        const qint32 flow = f.m_findingFlow[i];
        if ((!countries.empty() || !companies.empty())
            && (flow < 0
                || !destinationMatches(
                    f.m_flowDestination[static_cast<size_t>(flow)], f.m_flowCountry[static_cast<size_t>(flow)])))
            return false;
        const Finding& x = f.m_findingValue[i];
        if (!categories.empty() && (x.category < 0 || !categories[static_cast<size_t>(x.category)]))
            return false;
        return x.confidence >= minConfidence;
    }

    /// The same for a connection (Table::Connections): no finding or text condition, its own time columns.
    bool connection(const FlowFacets& f, size_t j) const
    {
        return !nothing && appAndCapture(f.m_connectionApp[j], f.m_connectionCapture[j])
            && inTime(f.m_connectionFirst[j], f.m_connectionLast[j])
            && destinationMatches(f.m_connectionDestination[j], f.m_connectionCountry[j]);
    }
};

std::shared_ptr<const FlowFacets> FlowFacets::load(
    Database& db, const std::function<bool()>& cancelled, Connections connections)
{
    // The destinations and findings are read on a second connection, on a second thread, while this one reads the
    // flows and connections (a million flows: 2.45 s on one connection, 1.6 on two; bench_facets). Both must
    // describe the same moment of the file: the second connection's data_version is read before this one's snapshot
    // begins and again inside its own; when they are equal nothing was committed in between. (SQLite's snapshot API
    // would say so directly; Debian builds it out.)
    std::unique_ptr<Database> second;
    qint64 versionBefore = 0;
    if (connections == Connections::Two && !db.path().isEmpty()) {
        try {
            second = std::make_unique<Database>(db.path(), Database::Mode::ReadOnly);
            versionBefore = second->pragmaInt("PRAGMA data_version");
        } catch (const StoreError&) {
            second.reset(); // read everything on this connection
        }
    }
    const ReadTransaction snapshot(db); // the tables read below must describe the same moment
    if (!DestinationQuery::available(db) || !tableExists(db, "findings"))
        return nullptr;
    std::optional<ReadTransaction> secondSnapshot;
    if (second) {
        secondSnapshot.emplace(*second);
        Statement(second->handle(), "SELECT 1 FROM findings LIMIT 1").step(); // begins its snapshot
        if (second->pragmaInt("PRAGMA data_version") != versionBefore) {
            secondSnapshot.reset();
            second.reset(); // the file changed meanwhile: read everything here
        }
    }
    auto f = std::make_shared<FlowFacets>();

    auto destination = [&](qint64 id) {
        const auto [it, added] = f->m_destinationIndex.try_emplace(id, static_cast<qint32>(f->m_destinationId.size()));
        if (added) { // a link to a destination row that does not exist: traffic, but no company
            f->m_destinationId.push_back(id);
            f->m_destinations.emplace_back();
            f->m_destinationEntity.push_back(-1);
            f->m_destinationRootEntity.push_back(-1);
        }
        return it->second;
    };

    // With a second connection, its thread reads the destinations, then the findings (readFindings writes only the
    // findings' members, so the threads never write the same one); this one reads the flows meanwhile, and waits
    // for the destinations before reading the flows' links to them.
    CompanyOfDestination companyOf;
    std::vector<qint64> findingFlowIds;
    std::promise<void> destinationsRead;
    std::future<void> destinationsReady = destinationsRead.get_future();
    std::future<bool> findings;
    if (second) {
        findings = std::async(std::launch::async, [&]() {
            try {
                f->readDestinations(*second, companyOf);
                destinationsRead.set_value();
            } catch (...) {
                destinationsRead.set_exception(std::current_exception());
                return false;
            }
            return f->readFindings(*second, companyOf, cancelled, findingFlowIds);
        });
    } else {
        f->readDestinations(db, companyOf);
        destinationsRead.set_value();
    }

    // Flows: read from the narrow dashboard index (any order), then put in start time order.
    bool ok = true;
    {
        Statement st(db.handle(), "SELECT id, ts_start, ts_end, app_id, capture_id, flags FROM flows");
        for (qint64 row = 0; st.step(); ++row) {
            if (stopAt(row, cancelled))
                return nullptr;
            f->m_flowId.push_back(st.int64(0));
            f->m_flowStart.push_back(timeOf(st, 1));
            f->m_flowEnd.push_back(timeOf(st, 2));
            f->m_flowApp.push_back(id32(st, 3, &ok));
            f->m_flowCapture.push_back(id32(st, 4, &ok));
            f->m_flowBodyMissing.push_back((st.int64(5) & Data::BodyMissing) != 0);
        }
    }
    if (!ok)
        return nullptr;
    const size_t n = f->m_flowId.size();
    {
        const std::vector<qint32> order = timeOrder(f->m_flowStart, f->m_flowId);
        permute(f->m_flowId, order);
        permute(f->m_flowStart, order);
        permute(f->m_flowEnd, order);
        permute(f->m_flowApp, order);
        permute(f->m_flowCapture, order);
        permute(f->m_flowBodyMissing, order);
    }
    destinationsReady.get(); // rethrows what reading them threw
    const PositionOfId position(f->m_flowId);
    f->m_flowDestination.assign(n, -1);
    f->m_flowIp.assign(n, -1);
    f->m_flowCountry.assign(n, -1);
    f->m_flowSent.assign(n, 0);
    f->m_flowReceived.assign(n, 0);
    f->m_flowReadable.assign(n, 0);
    Interner ips(f->m_ips);
    Interner countries(f->m_countries);
    {
        Statement st(db.handle(),
            "SELECT flow_id, destination_id, ip, country, bytes_sent, bytes_received, readable FROM flow_destinations");
        for (qint64 row = 0; st.step(); ++row) {
            if (stopAt(row, cancelled))
                return nullptr;
            const qint32 i = position.find(st.int64(0));
            if (i < 0)
                continue; // a link without its flow: no flow to count
            const auto k = static_cast<size_t>(i);
            f->m_flowDestination[k] = destination(st.int64(1));
            f->m_flowIp[k] = ips.intern(st, 2);
            f->m_flowCountry[k] = countries.intern(st, 3);
            f->m_flowSent[k] = st.int64(4);
            f->m_flowReceived[k] = st.int64(5);
            f->m_flowReadable[k] = st.int64(6) != 0;
        }
    }

    {
        // Every connection (the coverage counts them all; only those with a destination link have traffic), and
        // whether any request was read from it.
        std::unordered_set<qint64> read;
        {
            Statement st(db.handle(), "SELECT DISTINCT connection_id FROM flows WHERE connection_id IS NOT NULL");
            while (st.step())
                read.insert(st.int64(0));
        }
        Statement st(db.handle(),
            "SELECT c.app_id, c.capture_id, c.first_seen, c.last_seen, c.flags, cd.destination_id, cd.ip, cd.country, "
            "cd.bytes_sent, cd.bytes_received, cd.counted, c.id, c.bytes_up FROM connections c LEFT JOIN "
            "connection_destinations cd ON cd.connection_id = c.id");
        for (qint64 row = 0; st.step(); ++row) {
            if (stopAt(row, cancelled))
                return nullptr;
            f->m_connectionApp.push_back(id32(st, 0, &ok));
            f->m_connectionCapture.push_back(id32(st, 1, &ok));
            f->m_connectionFirst.push_back(timeOf(st, 2));
            f->m_connectionLast.push_back(timeOf(st, 3));
            f->m_connectionEncrypted.push_back((st.int64(4) & 32) != 0);
            f->m_connectionDestination.push_back(st.isNull(5) ? -1 : destination(st.int64(5)));
            f->m_connectionIp.push_back(ips.intern(st, 6));
            f->m_connectionCountry.push_back(countries.intern(st, 7));
            f->m_connectionSent.push_back(st.int64(8));
            f->m_connectionReceived.push_back(st.int64(9));
            f->m_connectionCounted.push_back(st.int64(10) != 0);
            f->m_connectionRead.push_back(read.count(st.int64(11)) != 0);
            f->m_connectionBytesUp.push_back(st.int64(12));
        }
    }
    if (!ok)
        return nullptr;
    f->rankDestinations();

    if (!(findings.valid() ? findings.get() : f->readFindings(db, companyOf, cancelled, findingFlowIds)))
        return nullptr;
    // Each finding's flow by position, and the request findings per flow as compressed rows (a count per flow,
    // then the findings in flow order).
    f->m_findingFlow.resize(findingFlowIds.size());
    f->m_findingStart.assign(n + 1, 0);
    for (size_t k = 0; k < findingFlowIds.size(); ++k) {
        const qint32 i = position.find(findingFlowIds[k]);
        f->m_findingFlow[k] = i;
        if (i >= 0)
            ++f->m_findingStart[static_cast<size_t>(i) + 1];
    }
    std::partial_sum(f->m_findingStart.begin(), f->m_findingStart.end(), f->m_findingStart.begin());
    f->m_findings.resize(f->m_findingStart.back());
    std::vector<quint32> next(f->m_findingStart.begin(), f->m_findingStart.end() - 1);
    for (size_t k = 0; k < f->m_findingFlow.size(); ++k) {
        if (const qint32 i = f->m_findingFlow[k]; i >= 0)
            f->m_findings[next[static_cast<size_t>(i)]++] = f->m_findingValue[k];
    }
    return f;
}

void FlowFacets::readDestinations(Database& db, CompanyOfDestination& companyOf)
{
    NameIndex companies(m_companies);
    auto company = [&companies](const QString& id) { return id.isNull() ? -1 : companies.add(id); };
    for (Data::Destination& d : DestinationQuery::destinationsWithoutTraffic(db)) {
        m_destinationIndex.emplace(d.id, static_cast<qint32>(m_destinationId.size()));
        m_destinationId.push_back(d.id);
        m_destinationEntity.push_back(company(d.entityId));
        m_destinationRootEntity.push_back(company(d.rootEntityId));
        // The party of a finding, as FindingStore::matrix names it: the company behind its destination (the row of
        // its app and destination host), else its registrable domain, else its host. Looked up by hash rather than
        // joined in SQL (a join per finding: 0.7 s on a million flows).
        const QString& owner = !d.rootEntityName.isEmpty() ? d.rootEntityName : d.entityName;
        if (!owner.isEmpty())
            companyOf.insert({ d.appId, d.host }, owner);
        m_destinations.push_back(std::make_shared<const Data::Destination>(std::move(d)));
    }
}

qint64 FlowFacets::timeOf(Statement& st, int column)
{
    return st.isNull(column) ? kNoTime : st.int64(column);
}

bool FlowFacets::readFindings(Database& db, const CompanyOfDestination& companyOf,
    const std::function<bool()>& cancelled, std::vector<qint64>& flowIds)
{
    bool ok = true;
    Interner categories(m_categories);
    Interner hosts(m_hostNames); // destination hosts, registrable domains and hosts alike
    NameIndex parties(m_parties);
    // Worked out once per combination of app, destination host, domain and host (the texts interned without a
    // copy for the values already seen).
    struct PartyKey
    {
        qint64 app;
        qint32 destinationHost, domain, host;
        bool operator==(const PartyKey& o) const
        {
            return app == o.app && destinationHost == o.destinationHost && domain == o.domain && host == o.host;
        }
    };
    struct PartyKeyHash
    {
        size_t operator()(const PartyKey& k) const
        {
            return qHashMulti(0, k.app, k.destinationHost, k.domain, k.host);
        }
    };
    // Per key its party and its place (app × destination host, a part of the key).
    std::unordered_map<PartyKey, std::pair<qint32, qint32>, PartyKeyHash> partyOf;
    struct PlaceHash
    {
        size_t operator()(const std::pair<qint64, qint32>& k) const
        {
            return qHashMulti(0, k.first, k.second);
        }
    };
    std::unordered_map<std::pair<qint64, qint32>, qint32, PlaceHash> placeOf;
    auto place = [&](qint64 app, qint32 destinationHost) {
        const auto [it, added] = placeOf.try_emplace({ app, destinationHost }, static_cast<qint32>(m_placeApp.size()));
        if (added) {
            m_placeApp.push_back(app);
            m_placeHost.push_back(destinationHost);
        }
        return it->second;
    };
    auto text = [this](qint32 i) { return i >= 0 ? m_hostNames[i] : QString(); };
    Statement st(db.handle(),
        "SELECT flow_id, category, confidence, id, ts, app_id, capture_id, destination_host, registrable_domain, "
        "host FROM findings WHERE direction = 'request'");
    for (qint64 row = 0; st.step(); ++row) {
        if (stopAt(row, cancelled))
            return false;
        flowIds.push_back(st.int64(0));
        m_findingValue.push_back({ categories.intern(st, 1), static_cast<qint32>(st.int64(2)) });
        m_findingId.push_back(st.int64(3));
        m_findingTime.push_back(timeOf(st, 4));
        m_findingApp.push_back(id32(st, 5, &ok));
        m_findingCapture.push_back(id32(st, 6, &ok));
        const PartyKey key { st.isNull(5) ? 0 : st.int64(5), hosts.intern(st, 7), hosts.intern(st, 8),
            hosts.intern(st, 9) };
        auto known = partyOf.find(key);
        if (known == partyOf.end()) {
            const auto owner = companyOf.constFind({ key.app, text(key.destinationHost) });
            const QString domain = text(key.domain);
            const QString name = owner != companyOf.cend() ? owner.value()
                : !domain.isEmpty()                        ? domain
                                                           : text(key.host);
            known = partyOf.emplace(key, std::pair { parties.add(name), place(key.app, key.destinationHost) }).first;
        }
        m_findingParty.push_back(known->second.first);
        m_findingPlace.push_back(known->second.second);
    }
    const std::vector<qint32> order = timeOrder(m_findingTime, m_findingId);
    permute(flowIds, order);
    permute(m_findingId, order);
    permute(m_findingTime, order);
    permute(m_findingApp, order);
    permute(m_findingCapture, order);
    permute(m_findingValue, order);
    permute(m_findingParty, order);
    permute(m_findingPlace, order);
    return ok;
}

void FlowFacets::rankDestinations()
{
    // The order of DestinationQuery's rows less their traffic: by app name, then host, then id. Ranked once here
    // so that sorting a filter's rows compares integers (comparing the names took a quarter of a large answer).
    // Links to no destination row are never in an answer: unranked.
    const auto& rows = m_destinations;
    std::vector<size_t> order;
    for (size_t d = 0; d < rows.size(); ++d) {
        if (rows[d])
            order.push_back(d);
    }
    std::sort(order.begin(), order.end(), [&rows](size_t a, size_t b) {
        const Data::Destination &x = *rows[a], &y = *rows[b];
        if (x.app != y.app)
            return x.app < y.app;
        return x.host != y.host ? x.host < y.host : x.id < y.id;
    });
    m_destinationAppRank.assign(rows.size(), 0);
    m_destinationRank.assign(rows.size(), 0);
    qint32 appRank = 0;
    for (size_t i = 0; i < order.size(); ++i) {
        if (i > 0 && rows[order[i]]->app != rows[order[i - 1]]->app)
            ++appRank;
        m_destinationAppRank[order[i]] = appRank;
        m_destinationRank[order[i]] = static_cast<qint32>(i);
    }
}

FlowFacets::RankedDestination FlowFacets::rankedDestination(qint64 id) const
{
    const auto it = m_destinationIndex.find(id);
    if (it == m_destinationIndex.end())
        return {};
    const auto i = static_cast<size_t>(it->second);
    return { m_destinations[i], m_destinationAppRank[i], m_destinationRank[i] };
}

QString FlowFacets::textOrNull(Statement& st, int column)
{
    if (st.isNull(column))
        return {};
    const QString text = st.text(column);
    return text.isNull() ? QStringLiteral("") : text;
}

bool FlowFacets::answers(const Data::Filter& filter)
{
    return filter.text.isEmpty() && filter.hosts.isEmpty();
}

bool FlowFacets::prepare(Database& db, const Data::Filter& filter) const
{
    if (!filter.hosts.isEmpty())
        return false;
    return filter.text.isEmpty() || textMatch(&db, filter.text) != nullptr;
}

std::shared_ptr<const FlowFacets::TextMatch> FlowFacets::textMatch(Database* db, const QString& text) const
{
    using Result = std::shared_ptr<const TextMatch>;
    std::shared_future<Result> kept;
    std::promise<Result> searching;
    bool mine = false;
    {
        const std::lock_guard<std::mutex> lock(m_textMutex);
        const auto it =
            std::find_if(m_texts.begin(), m_texts.end(), [&text](const auto& entry) { return entry.first == text; });
        if (it != m_texts.end()) {
            m_texts.splice(m_texts.begin(), m_texts, it);
            kept = it->second;
        } else if (!db) {
            return nullptr;
        } else {
            kept = searching.get_future().share();
            m_texts.emplace_front(text, kept);
            if (m_texts.size() > kTextsKept)
                m_texts.pop_back();
            mine = true;
        }
    }
    if (!mine)
        return kept.get(); // found, or being found by another thread
    Result match;
    try {
        const TextSearch::Matches found = TextSearch::find(*db, text);
        auto m = std::make_shared<TextMatch>();
        m->flows.assign(m_flowId.size(), 0);
        const PositionOfId flow(m_flowId);
        for (qint64 id : found.flows) {
            if (const qint32 i = flow.find(id); i >= 0)
                m->flows[static_cast<size_t>(i)] = 1;
        }
        m->findings.assign(m_findingId.size(), 0);
        const PositionOfId finding(m_findingId);
        for (qint64 id : found.findings) {
            if (const qint32 i = finding.find(id); i >= 0)
                m->findings[static_cast<size_t>(i)] = 1;
        }
        match = std::move(m);
    } catch (const std::exception&) { // not kept: the next query searches again (and the waiting ones get null)
    }
    searching.set_value(match);
    if (!match) {
        const std::lock_guard<std::mutex> lock(m_textMutex);
        m_texts.remove_if([&text](const auto& entry) { return entry.first == text; });
    }
    return match;
}

std::vector<qint64> FlowFacets::flowIds(const Data::Filter& filter, bool descending) const
{
    const Matcher match(*this, filter);
    std::vector<qint64> out;
    const size_t n = m_flowId.size();
    for (size_t k = 0; k < n; ++k) {
        const size_t i = descending ? n - 1 - k : k;
        if (match.flow(*this, i))
            out.push_back(m_flowId[i]);
    }
    return out;
}

std::vector<qint64> FlowFacets::findingIds(
    const Data::Filter& filter, const QString& category, int minConfidence, bool descending) const
{
    // FilterSql's conditions on findings (Table::Findings) and FindingStore::ids' narrowing.
    const Matcher match(*this, filter);
    const qint32 narrowed = category.isEmpty() ? -1 : static_cast<qint32>(m_categories.indexOf(category));
    if (!category.isEmpty() && narrowed < 0)
        return {};
    std::vector<qint64> out;
    const size_t n = m_findingId.size();
    for (size_t k = 0; k < n; ++k) {
        const size_t i = descending ? n - 1 - k : k;
        const Finding& x = m_findingValue[i];
        if (!match.finding(*this, i) || (narrowed >= 0 && x.category != narrowed)
            || (minConfidence > 0 && x.confidence < minConfidence))
            continue;
        out.push_back(m_findingId[i]);
    }
    return out;
}

Data::Coverage FlowFacets::coverage(const Data::Filter& filter) const
{
    const Matcher match(*this, filter);
    Data::Coverage out;
    for (size_t j = 0; j < m_connectionApp.size(); ++j) {
        if (!match.connection(*this, j))
            continue;
        ++out.connections;
        if (m_connectionEncrypted[j] && m_connectionRead[j]) {
            ++out.decrypted;
        } else if (m_connectionEncrypted[j]) {
            ++out.encryptedOnly;
            out.encryptedOnlyBytesSent += m_connectionBytesUp[j];
        }
    }
    for (size_t i = 0; i < m_flowId.size(); ++i) {
        if (match.flow(*this, i)) {
            ++out.flows;
            out.bodiesMissing += m_flowBodyMissing[i];
        }
    }
    return out;
}

std::vector<Data::CategoryHostCell> FlowFacets::categoryHosts(const Data::Filter& filter) const
{
    const Matcher match(*this, filter);
    // Per place (app × destination host) its few categories, found by a short linear search: a tree or hash of
    // (category, app, host) cells was most of the Overview's time on a large filter (85 000 cells, 110 ms).
    std::vector<std::vector<std::pair<qint32, FindingSums>>> byPlace(m_placeApp.size());
    size_t count = 0;
    for (size_t i = 0; i < m_findingId.size(); ++i) {
        if (!match.finding(*this, i))
            continue;
        auto& cells = byPlace[static_cast<size_t>(m_findingPlace[i])];
        const qint32 category = m_findingValue[i].category;
        auto cell = std::find_if(cells.begin(), cells.end(), [category](const auto& c) { return c.first == category; });
        if (cell == cells.end()) {
            cells.emplace_back(category, FindingSums {});
            cell = cells.end() - 1;
            ++count;
        }
        cell->second.add(m_findingValue[i].confidence);
    }
    std::vector<Data::CategoryHostCell> out;
    out.reserve(count);
    for (size_t place = 0; place < byPlace.size(); ++place) {
        const qint32 host = m_placeHost[place];
        for (const auto& [category, sums] : byPlace[place]) {
            // coalesce(app_id, 0) and coalesce(destination_host, '') as the SQL reads them.
            out.push_back({ category >= 0 ? m_categories[category] : QString(), m_placeApp[place],
                host >= 0 ? m_hostNames[host] : QStringLiteral(""), sums.findings, sums.maxConfidence });
        }
    }
    return out;
}

std::vector<Data::MatrixCell> FlowFacets::matrix(const Data::Filter& filter) const
{
    const Matcher match(*this, filter);
    std::map<std::pair<qint32, qint32>, FindingSums> cells; // by (category, party)
    for (size_t i = 0; i < m_findingId.size(); ++i) {
        if (!match.finding(*this, i))
            continue;
        cells[{ m_findingValue[i].category, m_findingParty[i] }].add(m_findingValue[i].confidence);
    }
    std::vector<Data::MatrixCell> out;
    out.reserve(cells.size());
    for (const auto& [key, sums] : cells)
        out.push_back({ key.first >= 0 ? m_categories[key.first] : QString(), m_parties[key.second], sums.findings,
            sums.maxConfidence });
    // ORDER BY category, party: SQLite compares UTF-8 bytes.
    std::sort(out.begin(), out.end(), [](const Data::MatrixCell& a, const Data::MatrixCell& b) {
        const QByteArray ca = a.category.toUtf8(), cb = b.category.toUtf8();
        return ca != cb ? ca < cb : a.party.toUtf8() < b.party.toUtf8();
    });
    return out;
}

std::vector<FlowFacets::TrafficGroup> FlowFacets::traffic(const Data::Filter& filter) const
{
    const Matcher match(*this, filter);
    // Per destination a few groups (address × country × kind), found by a short walk along the destination's own
    // chain in one flat list: a list per destination cost an allocation for each of tens of thousands.
    struct Group
    {
        qint32 destination;
        qint32 ip;
        qint32 country;
        int kind;
        qint32 next; ///< the destination's next group, -1 at its end
        TrafficGroup sums;
    };
    std::vector<Group> groups;
    std::vector<qint32> firstGroup(m_destinationId.size(), -1);
    auto groupOf = [&groups, &firstGroup](qint32 destination, qint32 ip, qint32 country, int kind) -> TrafficGroup& {
        qint32& head = firstGroup[static_cast<size_t>(destination)];
        for (qint32 g = head; g >= 0; g = groups[static_cast<size_t>(g)].next) {
            Group& x = groups[static_cast<size_t>(g)];
            if (x.ip == ip && x.country == country && x.kind == kind)
                return x.sums;
        }
        groups.push_back({ destination, ip, country, kind, head, {} });
        head = static_cast<qint32>(groups.size() - 1);
        groups.back().sums.kind = kind;
        groups.back().sums.last = std::numeric_limits<qint64>::min();
        return groups.back().sums;
    };
    auto addTime = [](TrafficGroup& g, qint64 start, qint64 end) {
        // min(CASE WHEN start > 0 THEN start END) and max(max(coalesce(start, 0), coalesce(end, 0))).
        if (start != kNoTime && start > 0 && (g.first == 0 || start < g.first))
            g.first = start;
        g.last = std::max(g.last, std::max(start == kNoTime ? 0 : start, end == kNoTime ? 0 : end));
    };
    for (size_t i = 0; i < m_flowId.size(); ++i) {
        if (m_flowDestination[i] < 0 || !match.flow(*this, i))
            continue;
        TrafficGroup& g = groupOf(m_flowDestination[i], m_flowIp[i], m_flowCountry[i], 0);
        ++g.items;
        g.bytesSent += m_flowSent[i];
        g.bytesReceived += m_flowReceived[i];
        addTime(g, m_flowStart[i], m_flowEnd[i]);
        (m_flowReadable[i] ? g.readable : g.encrypted) += 1;
    }
    for (size_t j = 0; j < m_connectionApp.size(); ++j) {
        if (m_connectionDestination[j] < 0 || !match.connection(*this, j))
            continue;
        TrafficGroup& g = groupOf(
            m_connectionDestination[j], m_connectionIp[j], m_connectionCountry[j], m_connectionCounted[j] ? 1 : 2);
        ++g.items;
        g.bytesSent += m_connectionSent[j];
        g.bytesReceived += m_connectionReceived[j];
        addTime(g, m_connectionFirst[j], m_connectionLast[j]);
        g.encrypted += m_connectionEncrypted[j];
    }
    std::vector<TrafficGroup> out;
    out.reserve(groups.size());
    for (Group& g : groups) {
        g.sums.destinationId = m_destinationId[static_cast<size_t>(g.destination)];
        if (g.ip >= 0)
            g.sums.ip = m_ips[g.ip];
        if (g.country >= 0)
            g.sums.country = m_countries[g.country];
        out.push_back(std::move(g.sums));
    }
    return out;
}
