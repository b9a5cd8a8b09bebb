// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard's filter queries on a large investigation, answered by SQLite and by the in-memory facets
// (FlowFacets), in the same run on the same file: the flow list (Flows page), the destinations' traffic
// (Destinations and Map pages) and the findings list (Data page) for a filter on each of app, capture, time range,
// country, company, category and confidence. Prints the time of each and the ratio SQL / facets, and what loading the
// facets costs.
//
//   bench_facets [--flows N] [--investigation FILE]   (a generated investigation of N flows, kept in FILE)
#include "detect/findingstore.h"
#include "enrich/destinationquery.h"
#include "enrich/flowfacets.h"
#include "investigationgen.h"
#include "resultrow.h"
#include "store/database.h"
#include "store/flowquery.h"
#include "store/investigation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/resource.h>

using namespace BenchKit;

namespace {

QString first(Investigation& inv, const char* sql)
{
    Statement st(inv.db().handle(), sql);
    return st.step() ? st.text(0) : QString();
}

template <class F> double milliseconds(F&& f)
{
    QElapsedTimer t;
    t.start();
    f();
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 flows = 1000000;
    QString path;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--flows" && i + 1 < args.size())
            flows = args[++i].toLongLong();
        else if (args[i] == u"--investigation" && i + 1 < args.size())
            path = args[++i];
        else {
            fprintf(stderr, "usage: bench_facets [--flows N] [--investigation FILE]\n");
            return 2;
        }
    }
    setvbuf(stdout, nullptr, _IOLBF, 0);
    QTemporaryDir dir;
    if (path.isEmpty())
        path = dir.filePath(QStringLiteral("bench-facets.leakscope"));
    if (!QFileInfo::exists(path)) {
        printf("generating %lld flows into %s …\n", static_cast<long long>(flows), qPrintable(path));
        const GeneratedInvestigation g = generateInvestigation(path, flows);
        if (!g.ok) {
            fprintf(stderr, "cannot generate the investigation: %s\n", qPrintable(g.error));
            return 1;
        }
    }
    auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
    const double fileMb = static_cast<double>(QFileInfo(path).size()) / (1 << 20);
    rusage before {};
    getrusage(RUSAGE_SELF, &before);
    // A process's first load is slower than the next (its heap and memory maps are new), so the two ways are
    // compared after one: on one connection (the baseline), then as the window loads them, on two.
    const double firstLoadMs = milliseconds([&] { (void)FlowFacets::load(inv->db()); });
    const double oneConnectionMs =
        milliseconds([&] { (void)FlowFacets::load(inv->db(), {}, FlowFacets::Connections::One); });
    std::shared_ptr<const FlowFacets> facets;
    const double loadMs = milliseconds([&] { facets = FlowFacets::load(inv->db()); });
    rusage after {};
    getrusage(RUSAGE_SELF, &after);
    if (!facets) {
        fprintf(stderr, "%s: no facets (not analysed?)\n", qPrintable(path));
        return 1;
    }
    printf("facets of %zu flows loaded in %.0f ms (on one connection: %.0f ms, %.2fx; the process's first load: %.0f "
           "ms); peak RSS grew by %.0f MB\n",
        facets->flowCount(), loadMs, oneConnectionMs, oneConnectionMs / loadMs, firstLoadMs,
        static_cast<double>(after.ru_maxrss - before.ru_maxrss) / 1024.0);

    struct Case
    {
        const char* name;
        Data::Filter filter;
    };
    std::vector<Case> cases(7);
    cases[0].name = "app";
    cases[0].filter.appIds = { inv->apps().front().id };
    cases[1].name = "capture";
    cases[1].filter.captureIds = { inv->captures().front().id };
    cases[2].name = "time";
    {
        Statement st(inv->db().handle(), "SELECT min(ts_start), max(ts_start) FROM flows WHERE ts_start > 0");
        st.step();
        const qint64 from = st.int64(0), to = st.int64(1);
        cases[2].filter.from = from + (to - from) / 4;
        cases[2].filter.to = to - (to - from) / 4;
    }
    cases[3].name = "country";
    cases[3].filter.countries = { first(
        *inv, "SELECT country FROM flow_destinations WHERE country <> '' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1") };
    cases[4].name = "company";
    cases[4].filter.companies = { first(*inv,
        "SELECT coalesce(root_entity_id, entity_id) FROM destinations WHERE entity_id IS NOT NULL GROUP BY 1 ORDER BY "
        "sum(requests) DESC LIMIT 1") };
    cases[5].name = "category";
    cases[5].filter.categories = { first(
        *inv, "SELECT category FROM findings GROUP BY 1 ORDER BY count(*) DESC LIMIT 1") };
    cases[6].name = "confidence";
    cases[6].filter.minConfidence = QStringLiteral("high");

    for (const Case& c : cases) {
        std::vector<qint64> bySql, byFacets;
        const double sqlIds =
            milliseconds([&] { bySql = FlowQuery::ids(inv->db(), c.filter, FlowQuery::SortKey::Time, false); });
        const double facetIds = milliseconds([&] { byFacets = facets->flowIds(c.filter, false); });
        size_t sqlRows = 0, facetRows = 0;
        const double sqlTraffic = milliseconds(
            [&] { sqlRows = DestinationQuery::loadWithCountries(inv->db(), c.filter).destinations.size(); });
        const double facetTraffic = milliseconds([&] {
            facetRows = DestinationQuery::loadWithCountries(inv->db(), c.filter, facets.get()).destinations.size();
        });
        std::vector<qint64> findingsBySql, findingsByFacets;
        const double sqlFindings = milliseconds(
            [&] { findingsBySql = FindingStore::ids(inv->db(), c.filter, {}, FindingStore::SortKey::Time, false); });
        const double facetFindings =
            milliseconds([&] { findingsByFacets = facets->findingIds(c.filter, {}, 0, false); });
        printf("%-10s findings %7zu: SQL %6.0f ms, facets %5.0f ms%s\n", c.name, findingsBySql.size(), sqlFindings,
            facetFindings, findingsBySql == findingsByFacets ? "" : "  (DIFFERENT ANSWERS)");
        size_t groups = 0;
        const double groupMs = milliseconds([&] { groups = facets->traffic(c.filter).size(); });
        printf("%-10s (%zu traffic groups summed in %.0f ms)\n", c.name, groups, groupMs);
        printf("%-10s flows %7zu: SQL %6.0f ms, facets %5.0f ms | destinations %5zu: SQL %6.0f ms, facets %5.0f ms%s\n",
            c.name, bySql.size(), sqlIds, facetIds, sqlRows, sqlTraffic, facetTraffic,
            bySql == byFacets && sqlRows == facetRows ? "" : "  (DIFFERENT ANSWERS)");
        ResultRow r;
        r.benchmark =
            QStringLiteral("filter %1: flow list + destinations + findings list, facets").arg(QLatin1String(c.name));
        r.inputMb = fileMb;
        r.reference = QStringLiteral("SQLite");
        const double ratio =
            (sqlIds + sqlTraffic + sqlFindings) / std::max(0.001, facetIds + facetTraffic + facetFindings);
        r.ratio = times(ratio);
        r.target = QStringLiteral(">= 1x, same answers");
        r.met = ratio >= 1 && bySql == byFacets && sqlRows == facetRows && findingsBySql == findingsByFacets;
        r.print();
    }
    return 0;
}
