// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The in-memory facets the dashboard filters with: for every filter they answer, the flow list and the
// destinations' traffic must be exactly what the SQL queries give (same ids in the same order, same sums);
// filters they do not hold are said so; an unanalysed investigation or a cancelled load gives none.
#include "detect/findingstore.h"
#include "enrich/destinationquery.h"
#include "enrich/flowfacets.h"
#include "pipeline/analysis.h"
#include "pipeline/captureimport.h"
#include "pipeline/demo.h"
#include "report/headlines.h"
#include "store/coveragequery.h"
#include "store/database.h"
#include "store/flowquery.h"
#include "store/investigation.h"
#include "testutils.h"

#include <QFile>
#include <QSet>
#include <QTest>
#include <QtConcurrent>

using namespace TestUtils;

namespace {

QString describe(const Data::Filter& f)
{
    QStringList parts;
    for (qint64 a : f.appIds)
        parts << QStringLiteral("app %1").arg(a);
    for (qint64 c : f.captureIds)
        parts << QStringLiteral("capture %1").arg(c);
    if (f.from || f.to)
        parts << QStringLiteral("time %1..%2").arg(f.from).arg(f.to);
    if (!f.countries.isEmpty())
        parts << QStringLiteral("countries %1").arg(f.countries.join(u','));
    if (!f.companies.isEmpty())
        parts << QStringLiteral("companies %1").arg(f.companies.join(u','));
    if (!f.categories.isEmpty())
        parts << QStringLiteral("categories %1").arg(f.categories.join(u','));
    if (!f.minConfidence.isEmpty())
        parts << QStringLiteral("confidence %1").arg(f.minConfidence);
    return parts.isEmpty() ? QStringLiteral("no filter") : parts.join(QStringLiteral("; "));
}

bool sameCoverage(const Data::Coverage& a, const Data::Coverage& b)
{
    return a.connections == b.connections && a.encryptedOnly == b.encryptedOnly
        && a.encryptedOnlyBytesSent == b.encryptedOnlyBytesSent && a.decrypted == b.decrypted && a.flows == b.flows
        && a.bodiesMissing == b.bodiesMissing;
}

/// The Overview's category cells by facets and by SQL, in one order.
bool sameCategoryHosts(std::vector<Data::CategoryHostCell> a, std::vector<Data::CategoryHostCell> b)
{
    const auto order = [](const Data::CategoryHostCell& x, const Data::CategoryHostCell& y) {
        return std::tie(x.category, x.appId, x.host) < std::tie(y.category, y.appId, y.host);
    };
    std::sort(a.begin(), a.end(), order);
    std::sort(b.begin(), b.end(), order);
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.category == y.category && x.appId == y.appId && x.host == y.host && x.findings == y.findings
            && x.maxConfidence == y.maxConfidence;
    });
}

/// The Data page's chart by facets and by SQL, cell by cell.
bool sameMatrix(const std::vector<Data::MatrixCell>& a, const std::vector<Data::MatrixCell>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.category == y.category && x.party == y.party && x.findings == y.findings
            && x.maxConfidence == y.maxConfidence;
    });
}

} // namespace

class TestFlowFacets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        // The demo (HAR flows with findings of many categories) and packet captures (connections, some carrying
        // flows, some only encrypted), analysed; a copy without the stored per-capture sums answers every
        // destination query from the flows themselves.
        QVERIFY2(Demo::build(m_scratch.path(QStringLiteral("f.leakscope")), &m_error), qPrintable(m_error));
        m_path = m_scratch.path(QStringLiteral("f.leakscope"));
        {
            auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadWrite);
            for (const char* file : { "pcap/arkime__https-connect.pcap", "pcap/zeek__http_get.pcap",
                     "pcap/ndpi__tls_ech.pcapng", "pcap/zeek__dns_mdns.pcap" })
                QVERIFY(importCapture(*inv, { data(QString::fromLatin1(file)), QStringLiteral("Probe"), {}, {} }).ok);
            QVERIFY(Analysis::run(*inv).ok);
        }
        m_perFlowPath = m_scratch.path(QStringLiteral("per-flow.leakscope"));
        QVERIFY(QFile::copy(m_path, m_perFlowPath));
        auto perFlow = Investigation::open(m_perFlowPath, Investigation::OpenMode::ReadWrite);
        perFlow->db().exec("DROP TABLE destination_traffic");
    }

    void answersLikeTheQueries_data()
    {
        QTest::addColumn<FlowFacets::Connections>("connections");
        QTest::newRow("read on one connection") << FlowFacets::Connections::One;
        QTest::newRow("destinations and findings on a second") << FlowFacets::Connections::Two;
    }
    void answersLikeTheQueries()
    {
        QFETCH(FlowFacets::Connections, connections);
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadOnly);
        auto perFlow = Investigation::open(m_perFlowPath, Investigation::OpenMode::ReadOnly);
        const std::shared_ptr<const FlowFacets> facets = FlowFacets::load(inv->db(), {}, connections);
        QVERIFY(facets);
        QCOMPARE(facets->flowCount(), static_cast<size_t>(inv->flowCount()));

        // Every app, capture, country, company and category on its own, confidences, time ranges and mixes.
        std::vector<Data::Filter> filters(1);
        QSet<QString> companies, countries;
        for (const Data::DestinationRow& d : DestinationQuery::load(inv->db())) {
            companies.insert(d.destination->entityId);
            companies.insert(d.destination->rootEntityId);
            for (const QString& c : d.countries)
                countries.insert(c);
        }
        companies.remove(QString());
        QVERIFY(countries.size() >= 2 && companies.size() >= 3);
        for (const Data::AppRecord& app : inv->apps())
            filters.emplace_back().appIds = { app.id };
        filters.emplace_back().appIds = { 999999 }; // no such app
        filters.emplace_back().appIds = { qint64(1) << 40 }; // beyond what the facets store: matches nothing
        for (const Data::CaptureRecord& c : inv->captures())
            filters.emplace_back().captureIds = { c.id };
        for (const QString& c : countries)
            filters.emplace_back().countries = { c.toLower() };
        filters.emplace_back().countries = { QStringLiteral("ZZ") };
        for (const QString& c : companies)
            filters.emplace_back().companies = { c };
        QStringList categories;
        {
            Statement st(inv->db().handle(), "SELECT DISTINCT category FROM findings ORDER BY 1");
            while (st.step())
                categories << st.text(0);
        }
        QVERIFY(categories.size() >= 5);
        for (const QString& c : categories)
            filters.emplace_back().categories = { c };
        filters.emplace_back().categories = categories.mid(0, 3);
        for (const char* level : { "low", "medium", "high" })
            filters.emplace_back().minConfidence = QString::fromLatin1(level);
        Data::Timestamp first = 0, last = 0;
        {
            Statement st(inv->db().handle(), "SELECT min(ts_start), max(coalesce(ts_end, ts_start)) FROM flows");
            QVERIFY(st.step());
            first = st.int64(0);
            last = st.int64(1);
        }
        QVERIFY(last > first);
        for (int q = 1; q < 4; ++q) {
            const Data::Timestamp t = first + (last - first) * q / 4;
            filters.emplace_back().from = t;
            filters.emplace_back().to = t;
            Data::Filter range;
            range.from = first + (last - first) * (q - 1) / 4;
            range.to = t;
            filters.push_back(range);
        }
        {
            // Boundaries: a range starting at a flow's end, one ending at a flow's start (both exclusive or not).
            Statement st(inv->db().handle(),
                "SELECT ts_start, coalesce(ts_end, ts_start) FROM flows ORDER BY ts_start LIMIT 1 OFFSET 20");
            QVERIFY(st.step());
            filters.emplace_back().from = st.int64(1);
            filters.emplace_back().to = st.int64(0);
        }
        {
            // The same at a finding's time (the Data list filters findings by their own time).
            Statement st(inv->db().handle(),
                "SELECT ts FROM findings WHERE direction = 'request' ORDER BY ts LIMIT 1 OFFSET 10");
            QVERIFY(st.step());
            filters.emplace_back().from = st.int64(0);
            filters.emplace_back().to = st.int64(0);
        }
        Data::Filter mix;
        mix.appIds = { inv->apps().front().id };
        mix.countries = QStringList(countries.begin(), countries.end()).mid(0, 2);
        mix.categories = categories.mid(0, 4);
        mix.minConfidence = QStringLiteral("medium");
        mix.from = first + (last - first) / 8;
        filters.push_back(mix);

        int nonEmpty = 0;
        for (const Data::Filter& f : filters) {
            QVERIFY(FlowFacets::answers(f));
            const QString what = describe(f);
            for (bool descending : { false, true }) {
                const std::vector<qint64> expected = FlowQuery::ids(inv->db(), f, FlowQuery::SortKey::Time, descending);
                QVERIFY2(facets->flowIds(f, descending) == expected, qPrintable(what));
                nonEmpty += !expected.empty();
            }
            // The Data page's list, with and without its own narrowing.
            for (bool descending : { false, true }) {
                QVERIFY2(facets->findingIds(f, {}, 0, descending)
                        == FindingStore::ids(inv->db(), f, {}, FindingStore::SortKey::Time, descending),
                    qPrintable(what));
                for (int confidence : { 1, 2 }) {
                    FindingStore::Narrowing narrowing;
                    narrowing.minConfidence = confidence;
                    QVERIFY2(facets->findingIds(f, {}, confidence, descending)
                            == FindingStore::ids(inv->db(), f, narrowing, FindingStore::SortKey::Time, descending),
                        qPrintable(what));
                }
                for (const QString& c : { categories.front(), categories.back(), QStringLiteral("no.such") }) {
                    FindingStore::Narrowing narrowing;
                    narrowing.category = c;
                    QVERIFY2(facets->findingIds(f, c, 0, descending)
                            == FindingStore::ids(inv->db(), f, narrowing, FindingStore::SortKey::Time, descending),
                        qPrintable(what + QStringLiteral(", narrowed to ") + c));
                }
            }
            QVERIFY2(sameMatrix(facets->matrix(f), FindingStore::matrix(inv->db(), f)), qPrintable(what));
            QVERIFY2(sameCategoryHosts(facets->categoryHosts(f), FindingStore::categoryHosts(inv->db(), f)),
                qPrintable(what));
            QVERIFY2(sameCoverage(facets->coverage(f), CoverageQuery::measure(inv->db(), f)), qPrintable(what));
            const DestinationQuery::Snapshot a = DestinationQuery::loadWithCountries(inv->db(), f, facets.get());
            const DestinationQuery::Snapshot b = DestinationQuery::loadWithCountries(perFlow->db(), f);
            QVERIFY2(a.destinations.size() == b.destinations.size(), qPrintable(what));
            for (size_t i = 0; i < a.destinations.size(); ++i) {
                const Data::DestinationRow &x = a.destinations[i], &y = b.destinations[i];
                QVERIFY2(x.destination->id == y.destination->id && x.requests == y.requests
                        && x.connections == y.connections && x.bytesSent == y.bytesSent
                        && x.bytesReceived == y.bytesReceived && x.firstSeen == y.firstSeen && x.lastSeen == y.lastSeen
                        && x.encryptedOnly == y.encryptedOnly && x.ips == y.ips && x.countries == y.countries,
                    qPrintable(QStringLiteral("%1: %2").arg(what, x.destination->host)));
            }
            QVERIFY2(a.countries.size() == b.countries.size(), qPrintable(what));
            for (const auto& [code, t] : a.countries) {
                QVERIFY2(b.countries.count(code), qPrintable(what));
                const Data::CountryTraffic& u = b.countries.at(code);
                QVERIFY2(t.bytesSent == u.bytesSent && t.bytesReceived == u.bytesReceived && t.requests == u.requests,
                    qPrintable(QStringLiteral("%1: %2").arg(what, code)));
            }
        }
        QVERIFY(nonEmpty > 60);
        // The Overview's summary, which sums the destinations' traffic the same way, is the same with facets.
        for (size_t i = 0; i < filters.size(); i += 5)
            QVERIFY2(Headlines::encode(Headlines::compute(inv->db(), filters[i], facets.get()))
                    == Headlines::encode(Headlines::compute(inv->db(), filters[i])),
                qPrintable(describe(filters[i])));
        // Connections are in it: some destinations are only encrypted connections.
        const auto all = DestinationQuery::load(inv->db(), {}, facets.get());
        QVERIFY(
            std::any_of(all.begin(), all.end(), [](const auto& d) { return d.connections > 0 && d.requests == 0; }));
    }

    void answersTextFiltersLikeTheQueries()
    {
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadOnly);
        auto perFlow = Investigation::open(m_perFlowPath, Investigation::OpenMode::ReadOnly);
        const auto facets = FlowFacets::load(inv->db());
        QVERIFY(facets);
        const auto first = [&inv](const char* sql) {
            Statement st(inv->db().handle(), sql);
            return st.step() ? st.text(0) : QString();
        };
        const QString host = first("SELECT host FROM flows WHERE length(host) > 8 ORDER BY id LIMIT 1 OFFSET 3");
        const QString evidence =
            first("SELECT evidence FROM findings WHERE direction = 'request' AND length(evidence) > 8 LIMIT 1");
        QVERIFY(!host.isEmpty() && !evidence.isEmpty());
        // Substrings of URLs, hosts, headers and evidence; ASCII case; texts too short for the index; LIKE's and
        // FTS5's special characters; letters outside ASCII; nothing.
        const QStringList texts = { host.mid(2, 5), host.mid(2, 5).toUpper(), evidence.mid(2, 4),
            QStringLiteral("content-type"), QStringLiteral("Content-Type"), host.left(2), QStringLiteral("e"),
            QStringLiteral("%"), QStringLiteral("a_b"), QStringLiteral("\\"), QStringLiteral("\"\""),
            QStringLiteral("\"id\""), QStringLiteral("Ä\u00e9x"), QStringLiteral("zq9zq9zq9") };
        int found = 0;
        for (const QString& text : texts) {
            Data::Filter f;
            f.text = text;
            Data::Filter withApp = f;
            withApp.appIds = { inv->apps().front().id };
            Data::Filter withCategory = f;
            withCategory.categories = { first("SELECT category FROM findings GROUP BY 1 ORDER BY count(*) DESC") };
            for (const Data::Filter& g : { f, withApp, withCategory }) {
                const QString what = QStringLiteral("text \"%1\", %2").arg(text, describe(g));
                QVERIFY2(facets->prepare(inv->db(), g), qPrintable(what));
                const std::vector<qint64> flows = FlowQuery::ids(inv->db(), g, FlowQuery::SortKey::Time, false);
                QVERIFY2(facets->flowIds(g, false) == flows, qPrintable(what));
                QVERIFY2(facets->findingIds(g, {}, 0, true)
                        == FindingStore::ids(inv->db(), g, {}, FindingStore::SortKey::Time, true),
                    qPrintable(what));
                QVERIFY2(sameMatrix(facets->matrix(g), FindingStore::matrix(inv->db(), g)), qPrintable(what));
                QVERIFY2(sameCategoryHosts(facets->categoryHosts(g), FindingStore::categoryHosts(inv->db(), g)),
                    qPrintable(what));
                QVERIFY2(sameCoverage(facets->coverage(g), CoverageQuery::measure(inv->db(), g)), qPrintable(what));
                const auto a = DestinationQuery::load(inv->db(), g, facets.get());
                const auto b = DestinationQuery::load(perFlow->db(), g);
                QVERIFY2(a.size() == b.size(), qPrintable(what));
                for (size_t i = 0; i < a.size(); ++i)
                    QVERIFY2(a[i].destination->id == b[i].destination->id && a[i].requests == b[i].requests
                            && a[i].bytesSent == b[i].bytesSent,
                        qPrintable(what));
                found += !flows.empty();
            }
        }
        QVERIFY(found >= 8);
        // Pages ask from several threads at once, each with its own connection: one search, the same answers.
        Data::Filter shared;
        shared.text = host.mid(1, 6);
        const std::vector<qint64> expected = FlowQuery::ids(inv->db(), shared, FlowQuery::SortKey::Time, false);
        QVERIFY(!expected.empty());
        QList<QFuture<std::vector<qint64>>> asked;
        for (int t = 0; t < 4; ++t) {
            asked.append(QtConcurrent::run([this, &facets, shared] {
                auto own = Investigation::open(m_path, Investigation::OpenMode::ReadOnly);
                return facets->prepare(own->db(), shared) ? facets->flowIds(shared, false) : std::vector<qint64> {};
            }));
        }
        for (QFuture<std::vector<qint64>>& f : asked)
            QVERIFY(f.result() == expected);
        // A filter on hosts is not held.
        Data::Filter hosts;
        hosts.hosts = { host };
        QVERIFY(!facets->prepare(inv->db(), hosts));
    }

    /// The Overview's coverage counts connections without a destination link too, and requests whose body the
    /// capturing tool did not keep (the test captures have neither: made here on a copy).
    void coverageCountsUnlinkedConnectionsAndMissingBodies()
    {
        const QString path = m_scratch.path(QStringLiteral("coverage.leakscope"));
        QVERIFY(QFile::copy(m_path, path));
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
        inv->db().exec("DELETE FROM connection_destinations WHERE connection_id IN (SELECT id FROM connections "
                       "ORDER BY id LIMIT 3); UPDATE flows SET flags = flags | 1 WHERE id % 3 = 0; "
                       "DROP TABLE destination_traffic;"); // the stored sums no longer describe the links
        const auto facets = FlowFacets::load(inv->db());
        QVERIFY(facets);
        const Data::Coverage all = facets->coverage({});
        QVERIFY(all.bodiesMissing > 0);
        QVERIFY(sameCoverage(all, CoverageQuery::measure(inv->db(), {})));
        Data::Filter app;
        app.appIds = { inv->apps().back().id };
        QVERIFY(sameCoverage(facets->coverage(app), CoverageQuery::measure(inv->db(), app)));
        // Unlinked connections have no traffic: the destinations are the SQL ones still.
        QCOMPARE(
            DestinationQuery::load(inv->db(), {}, facets.get()).size(), DestinationQuery::load(inv->db(), {}).size());
    }

    void saysWhatItDoesNotHold()
    {
        Data::Filter text;
        text.text = QStringLiteral("adjust");
        QVERIFY(!FlowFacets::answers(text));
        Data::Filter hosts;
        hosts.hosts = { QStringLiteral("app.adjust.com") };
        QVERIFY(!FlowFacets::answers(hosts));
        QVERIFY(FlowFacets::answers({}));
    }

    void noneBeforeTheAnalysisOrWhenCancelled()
    {
        const QString path = m_scratch.path(QStringLiteral("raw.leakscope"));
        {
            auto inv = Investigation::open(path, Investigation::OpenMode::Create);
            QVERIFY(importCapture(*inv, { data(QStringLiteral("har/httpolice__firefox_gif.har")), {}, {}, {} }).ok);
            QVERIFY(!FlowFacets::load(inv->db()));
        }
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadOnly);
        QVERIFY(FlowFacets::load(inv->db(), [] { return false; }));
        QVERIFY(!FlowFacets::load(inv->db(), [] { return true; }));
    }

private:
    Scratch m_scratch;
    QString m_error;
    QString m_path;
    QString m_perFlowPath;
};

QTEST_GUILESS_MAIN(TestFlowFacets)
#include "tst_flowfacets.moc"
