// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The enrich pass end to end: the demo investigation, a real website HAR from the corpus, time-aware DNS,
// encrypted-only connections, per-app attribution in the store, the country/company filters, the export
// sections, and proof that importing and analysing open no network socket (seccomp).
#include "detect/findingstore.h"
#include "enrich/destinationquery.h"
#include "enrich/enrichpass.h"
#include "enrich/enrichstore.h"
#include "enrich/referencedata.h"
#include "pipeline/analysis.h"
#include "pipeline/captureimport.h"
#include "pipeline/demo.h"
#include "report/jsonexport.h"
#include "store/capturewriter.h"
#include "store/database.h"
#include "store/filtersql.h"
#include "store/flowquery.h"
#include "store/investigation.h"
#include "testutils.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
#include <cstddef>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#define LEAKSCOPE_HAVE_SECCOMP 1
#endif

using namespace TestUtils;

namespace {

const Data::DestinationRow* find(const std::vector<Data::DestinationRow>& rows, const QString& host)
{
    for (const auto& r : rows) {
        if (r.destination->host == host)
            return &r;
    }
    return nullptr;
}

std::shared_ptr<const ReferenceData> withTestEntities()
{
    ReferenceData::Sources s = ReferenceData::Sources::fromCatalogue(RefDataCatalogue::load());
    s.entities = data(QStringLiteral("enrich/entities-test.json"));
    return ReferenceData::load(s);
}

/// Re-runs only the enrich pass with the given data, as Analysis::run would.
void runEnrich(Investigation& inv, std::shared_ptr<const ReferenceData> refdata)
{
    EnrichPass pass(std::move(refdata));
    Transaction tx(inv.db());
    for (const QString& table : pass.tables())
        inv.db().exec(QStringLiteral("DELETE FROM \"%1\"").arg(table).toUtf8().constData());
    QVERIFY(pass.run(inv, {}));
    tx.commit();
}

QJsonObject exportJson(Investigation& inv, const Data::Filter& filter = {})
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (!JsonExport::write(inv, buffer, filter, &error))
        qWarning("%s", qPrintable(error));
    return QJsonDocument::fromJson(buffer.data()).object();
}

#ifdef LEAKSCOPE_HAVE_SECCOMP
/// From here on, any socket() for IPv4 or IPv6 kills the whole process (all threads: TSYNC). A kernel
/// filter rather than LD_PRELOAD: it sees every path to the system call, libc or not.
bool forbidInternetSockets()
{
#if defined(__x86_64__)
    constexpr quint32 arch = AUDIT_ARCH_X86_64;
#else
    constexpr quint32 arch = AUDIT_ARCH_AARCH64;
#endif
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET6, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    };
    struct sock_fprog program = { static_cast<unsigned short>(sizeof filter / sizeof filter[0]), filter };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return false;
    return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &program) == 0;
}
#endif

/// The child side of noSocketDuringImportAndAnalysis (the test binary started again with an environment
/// variable): "control" opens a socket on purpose, anything else is a folder to import and analyse in.
int noSocketChild(int argc, char** argv, const QByteArray& mode)
{
#ifdef LEAKSCOPE_HAVE_SECCOMP
    QCoreApplication app(argc, argv);
    if (!forbidInternetSockets())
        return 3;
    if (mode == "control") {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        return fd >= 0 ? 0 : 4; // never reached: the filter kills the process
    }
    try {
        auto inv = Investigation::open(
            QString::fromLocal8Bit(mode) + QStringLiteral("/child.leakscope"), Investigation::OpenMode::Create);
        QStringList captures { QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources/demo/vidzy-session.har") };
        const QString corpusHar = corpus(QStringLiteral("har/pagexray__www.nytimes.com.har"));
        if (!corpusHar.isEmpty())
            captures.append(corpusHar);
        for (const QString& c : captures) {
            if (!importCapture(*inv, { c, {}, {}, {} }).ok)
                return 5;
        }
        if (!Analysis::run(*inv).ok)
            return 6;
        if (exportJson(*inv).value(QStringLiteral("destinations")).toArray().isEmpty())
            return 7;
    } catch (const StoreError&) {
        return 8;
    }
    return 0;
#else
    Q_UNUSED(argc)
    Q_UNUSED(argv)
    Q_UNUSED(mode)
    return 9;
#endif
}

} // namespace

class TestEnrichPass : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
    }

    void demoDestinations()
    {
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("demo.leakscope"));
        QString error;
        QVERIFY2(Demo::build(path, &error), qPrintable(error));
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
        std::vector<Data::DestinationRow> rows = DestinationQuery::load(inv->db());
        // One destination per host the demo app contacted.
        QCOMPARE(static_cast<qint64>(rows.size()), inv->db().pragmaInt("SELECT count(DISTINCT host) FROM flows"));
        qint64 requests = 0;
        for (const auto& r : rows) {
            QCOMPARE(r.destination->app, QStringLiteral("Vidzy"));
            QVERIFY2(!r.destination->registrableDomain.isEmpty(), qPrintable(r.destination->host));
            QVERIFY2(!r.ips.isEmpty(), qPrintable(r.destination->host)); // every demo request names its server address
            requests += r.requests;
        }
        QCOMPARE(requests, inv->flowCount());
        // Layer 1 and 2: country and network from the shipped data; the documentation range has none.
        const auto* measurement = find(rows, QStringLiteral("app-measurement.com"));
        QVERIFY(measurement);
        QCOMPARE(measurement->countries, QStringList { QStringLiteral("US") });
        QCOMPARE(measurement->destination->asn, 15169u);
        QCOMPARE(measurement->destination->cdn, QStringLiteral("Google")); // anycast front end: the caveat applies
        QCOMPARE(measurement->requests,
            inv->db().pragmaInt("SELECT count(*) FROM flows WHERE host = 'app-measurement.com'"));
        QVERIFY(measurement->requests >= 4);
        QVERIFY(measurement->bytesSent > 0 && measurement->bytesReceived > 0);
        const auto* cdn = find(rows, QStringLiteral("d1x7vidzy.cloudfront.net"));
        QVERIFY(cdn);
        QCOMPARE(cdn->destination->asn, 16509u);
        QCOMPARE(cdn->destination->registrableDomain, QStringLiteral("d1x7vidzy.cloudfront.net"));
        QCOMPARE(cdn->destination->ownerDomain, QStringLiteral("cloudfront.net"));
        QCOMPARE(cdn->ips.size(), 3);
        const auto* own = find(rows, QStringLiteral("api.vidzy.example"));
        QVERIFY(own);
        QVERIFY(own->countries.isEmpty()); // 203.0.113.10 is a documentation address: no country, not guessed
        QCOMPARE(own->destination->asn, 0u);
        QCOMPARE(own->destination->firstParty, 1);
        QVERIFY2(own->destination->firstPartyReason.contains(QStringLiteral("vidzy.example")),
            qPrintable(own->destination->firstPartyReason));
        QCOMPARE(find(rows, QStringLiteral("app.adjust.com"))->destination->firstParty, 0);
        QCOMPARE(find(rows, QStringLiteral("app.adjust.com"))->destination->trackerCategory,
            QStringLiteral("advertising, tracking"));
        QCOMPARE(find(rows, QStringLiteral("firebase-settings.crashlytics.com"))->destination->trackerCategory,
            QStringLiteral("tracking"));
        QCOMPARE(find(rows, QStringLiteral("api.vidzy.example"))->destination->trackerCategory, QString());
        QVERIFY(!measurement->firstSeen || measurement->firstSeen <= measurement->lastSeen);
        // The reference data behind it is recorded with the investigation.
        const auto used = DestinationQuery::referenceDataUsed(inv->db());
        QStringList names;
        for (const auto& u : used)
            names.append(u.name);
        QVERIFY2(names.contains(QStringLiteral("ip-location-db geo-whois-asn-country")), qPrintable(names.join(u',')));
        QVERIFY(names.contains(QStringLiteral("ip-location-db asn")));
        QVERIFY(names.contains(QStringLiteral("Public Suffix List")));

        // Layer 3 with a known entity list: company, parent, jurisdictions.
        runEnrich(*inv, withTestEntities());
        rows = DestinationQuery::load(inv->db());
        const auto* graph = find(rows, QStringLiteral("graph.facebook.com"));
        QCOMPARE(graph->destination->entityId, QStringLiteral("meta"));
        QCOMPARE(graph->destination->hqCountry, QStringLiteral("US"));
        measurement = find(rows, QStringLiteral("app-measurement.com"));
        QCOMPARE(measurement->destination->entityName, QStringLiteral("Google"));
        QCOMPARE(measurement->destination->rootEntityName, QStringLiteral("Alphabet"));
        const auto* adjust = find(rows, QStringLiteral("app.adjust.com"));
        QCOMPARE(adjust->destination->legalDomicile, QStringLiteral("DE"));
        QCOMPARE(adjust->destination->rootEntityId, QStringLiteral("applovin"));
        QCOMPARE(
            find(rows, QStringLiteral("d1x7vidzy.cloudfront.net"))->destination->entityId, QStringLiteral("amazon"));
        QCOMPARE(find(rows, QStringLiteral("api.vidzy.example"))->destination->entityId, QString());

        // The filters: by server country, and by company (the parent company includes its children).
        Data::Filter us;
        us.countries = { QStringLiteral("us") };
        const auto usFlows = FlowQuery::ids(inv->db(), us);
        QVERIFY(!usFlows.empty());
        QVERIFY(static_cast<qint64>(usFlows.size()) < inv->flowCount());
        for (qint64 id : usFlows)
            QVERIFY(inv->flow(id)->flow.host != QLatin1String("api.vidzy.example"));
        Data::Filter alphabet;
        alphabet.companies = { QStringLiteral("alphabet") };
        QStringList hosts;
        for (qint64 id : FlowQuery::ids(inv->db(), alphabet))
            hosts.append(inv->flow(id)->flow.host);
        hosts.removeDuplicates();
        hosts.sort();
        QCOMPARE(hosts,
            (QStringList { QStringLiteral("app-measurement.com"), QStringLiteral("firebase-settings.crashlytics.com"),
                QStringLiteral("firebaseinstallations.googleapis.com") }));
        const std::vector<Data::DestinationRow> filtered = DestinationQuery::load(inv->db(), alphabet);
        QCOMPARE(filtered.size(), size_t(3));
        const auto perCountry = DestinationQuery::countryTraffic(inv->db(), us);
        QCOMPARE(perCountry.size(), size_t(1));
        QVERIFY(perCountry.count(QStringLiteral("US")));

        // The export: reference_data and destinations as EXPORT.md lists them.
        const QJsonObject json = exportJson(*inv);
        QVERIFY(json.value(QStringLiteral("reference_data")).toArray().size() >= 5);
        const QJsonArray destinations = json.value(QStringLiteral("destinations")).toArray();
        QCOMPARE(destinations.size(), static_cast<qsizetype>(rows.size()));
        for (const QJsonValue& v : destinations) {
            const QJsonObject d = v.toObject();
            for (const char* key : { "app", "host", "registrable_domain", "ips", "countries", "asn", "as_org", "entity",
                     "entity_hq_country", "tracker_category", "first_party", "requests", "bytes_sent", "bytes_received",
                     "first_seen", "last_seen", "encrypted_only" })
                QVERIFY2(d.contains(QLatin1String(key)), key);
            if (d.value(QStringLiteral("host")).toString() == QLatin1String("graph.facebook.com")) {
                QCOMPARE(d.value(QStringLiteral("entity")).toString(), QStringLiteral("Meta"));
                QCOMPARE(d.value(QStringLiteral("first_party")).toBool(), false);
                QCOMPARE(d.value(QStringLiteral("asn")).toInt(), 32934);
            }
        }
        QCOMPARE(exportJson(*inv, alphabet).value(QStringLiteral("destinations")).toArray().size(), 3);
    }

    void attributesAppsFromHeadersAndRules()
    {
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("a.leakscope")), Investigation::OpenMode::Create);
        // The demo HAR again, but without choosing the app at import: the User-Agent names it.
        QVERIFY(importCapture(
            *inv, { QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources/demo/vidzy-session.har"), {}, {}, {} })
                    .ok);
        // A capture whose app was chosen at import keeps it.
        QVERIFY(importCapture(
            *inv, { data(QStringLiteral("har/httpolice__firefox_gif.har")), QStringLiteral("Firefox"), {}, {} })
                    .ok);
        QVERIFY(Analysis::run(*inv).ok);
        Database& db = inv->db();
        QCOMPARE(db.pragmaInt("SELECT count(*) FROM flows f JOIN apps a ON a.id = f.app_id WHERE a.name = 'Vidzy' AND "
                              "a.package = 'com.vidzy.android' AND f.app_source = 'user-agent'"),
            db.pragmaInt("SELECT count(*) FROM flows WHERE capture_id = 1"));
        Statement reason(db.handle(), "SELECT app_reason FROM flows WHERE capture_id = 1 LIMIT 1");
        QVERIFY(reason.step());
        QVERIFY2(reason.text(0).startsWith(QStringLiteral("User-Agent: Vidzy/4.2.0 (com.vidzy.android;")),
            qPrintable(reason.text(0)));
        QCOMPARE(db.pragmaInt("SELECT count(*) FROM flows WHERE capture_id = 2 AND app_source = 'manual'"), 8);

        // A rule of the investigator wins over the User-Agent; analysing again applies it.
        {
            Transaction tx(db);
            EnrichStore::addAppRule(
                db, { QStringLiteral("*.adjust.com"), QStringLiteral("Adjust test harness"), QString() });
            tx.commit();
        }
        QVERIFY(Analysis::run(*inv).ok);
        Statement rule(db.handle(),
            "SELECT a.name, f.app_source, f.app_reason FROM flows f JOIN apps a ON a.id = f.app_id WHERE f.host = "
            "'app.adjust.com'");
        QVERIFY(rule.step());
        QCOMPARE(rule.text(0), QStringLiteral("Adjust test harness"));
        QCOMPARE(rule.text(1), QStringLiteral("rule"));
        QCOMPARE(rule.text(2), QStringLiteral("your rule: *.adjust.com → Adjust test harness"));
        QCOMPARE(inv->apps().size(), size_t(3));
        // The destinations follow: one app per row.
        QCOMPARE(find(DestinationQuery::load(db), QStringLiteral("app.adjust.com"))->destination->app,
            QStringLiteral("Adjust test harness"));

        // The owner override turns a third party into a first party.
        QCOMPARE(find(DestinationQuery::load(db), QStringLiteral("app-measurement.com"))->destination->firstParty, 0);
        {
            Transaction tx(db);
            EnrichStore::setOwnerOverride(db, QStringLiteral("Vidzy"), QStringLiteral("com.vidzy.android"),
                { QString(), { QStringLiteral("app-measurement.com") } });
            tx.commit();
        }
        QVERIFY(Analysis::run(*inv, { QStringLiteral("enrich") }).ok);
        QCOMPARE(find(DestinationQuery::load(db), QStringLiteral("app-measurement.com"))->destination->firstParty, 1);
        QCOMPARE(find(DestinationQuery::load(db), QStringLiteral("app-measurement.com"))->destination->firstPartyReason,
            QStringLiteral("set by you"));
    }

    void dashboardAggregatesMatchThePerRowAnswers()
    {
        // Filters on apps, captures, countries and companies are answered from destination_traffic, the rest
        // from the flows: both must give the same numbers. Demo (HAR flows) plus packet captures (connections,
        // some carrying flows, some encrypted), compared with a copy from which the stored sums are dropped.
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("r.leakscope"));
        QString error;
        QVERIFY2(Demo::build(path, &error), qPrintable(error));
        {
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
            for (const char* file : { "pcap/arkime__https-connect.pcap", "pcap/zeek__http_get.pcap",
                     "pcap/ndpi__tls_ech.pcapng", "pcap/zeek__dns_mdns.pcap" })
                QVERIFY(importCapture(*inv, { data(QString::fromLatin1(file)), QStringLiteral("Probe"), {}, {} }).ok);
            QVERIFY(Analysis::run(*inv).ok);
        }
        const QString copy = scratch.path(QStringLiteral("per-flow.leakscope"));
        QVERIFY(QFile::copy(path, copy));
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
        auto perFlow = Investigation::open(copy, Investigation::OpenMode::ReadWrite);
        QVERIFY(inv->db().pragmaInt("SELECT count(*) FROM destination_traffic") > 0);
        perFlow->db().exec("DROP TABLE destination_traffic");

        std::vector<Data::Filter> filters(1);
        QSet<QString> companies, countries;
        for (const Data::DestinationRow& d : DestinationQuery::load(inv->db())) {
            companies.insert(
                d.destination->rootEntityId.isEmpty() ? d.destination->entityId : d.destination->rootEntityId);
            for (const QString& c : d.countries)
                countries.insert(c);
        }
        QVERIFY(countries.size() >= 2 && companies.size() >= 3);
        for (const Data::AppRecord& app : inv->apps()) {
            filters.emplace_back().appIds = { app.id };
        }
        for (const Data::CaptureRecord& c : inv->captures())
            filters.emplace_back().captureIds = { c.id };
        for (const QString& c : countries)
            filters.emplace_back().countries = { c.toLower() };
        for (const QString& c : companies) {
            if (!c.isEmpty())
                filters.emplace_back().companies = { c };
        }
        Data::Filter combined;
        combined.appIds = { inv->apps().front().id };
        combined.countries = QStringList(countries.begin(), countries.end()).mid(0, 2);
        filters.push_back(combined);

        int compared = 0;
        for (const Data::Filter& f : filters) {
            const DestinationQuery::Snapshot a = DestinationQuery::loadWithCountries(inv->db(), f);
            const DestinationQuery::Snapshot b = DestinationQuery::loadWithCountries(perFlow->db(), f);
            QCOMPARE(a.destinations.size(), b.destinations.size());
            for (size_t i = 0; i < a.destinations.size(); ++i) {
                const Data::DestinationRow &x = a.destinations[i], &y = b.destinations[i];
                QCOMPARE(x.destination->id, y.destination->id);
                QCOMPARE(x.requests, y.requests);
                QCOMPARE(x.connections, y.connections);
                QCOMPARE(x.bytesSent, y.bytesSent);
                QCOMPARE(x.bytesReceived, y.bytesReceived);
                QCOMPARE(x.firstSeen, y.firstSeen);
                QCOMPARE(x.lastSeen, y.lastSeen);
                QCOMPARE(x.encryptedOnly, y.encryptedOnly);
                QCOMPARE(x.ips, y.ips);
                QCOMPARE(x.countries, y.countries);
                ++compared;
            }
            QCOMPARE(a.countries.size(), b.countries.size());
            for (const auto& [code, t] : a.countries) {
                QVERIFY(b.countries.count(code));
                QCOMPARE(t.bytesSent, b.countries.at(code).bytesSent);
                QCOMPARE(t.bytesReceived, b.countries.at(code).bytesReceived);
                QCOMPARE(t.requests, b.countries.at(code).requests);
            }
        }
        QVERIFY(compared > 50);
        // Connections are in it: some destinations are only encrypted connections.
        const auto all = DestinationQuery::load(inv->db());
        QVERIFY(
            std::any_of(all.begin(), all.end(), [](const auto& d) { return d.connections > 0 && d.requests == 0; }));

        // The Data page's matrix groups findings before naming their company; the answer must be the one a
        // join per finding through its flow's destination gives.
        int cells = 0;
        for (const Data::Filter& f : filters) {
            std::map<std::pair<QString, QString>, std::pair<qint64, int>> expected;
            const FilterSql where(f, FilterSql::Table::Findings, "f");
            Statement st(inv->db().handle(),
                QByteArray("SELECT f.category, coalesce(nullif(d.root_entity_name, ''), nullif(d.entity_name, ''), "
                           "nullif(f.registrable_domain, ''), f.host, ''), count(*), max(f.confidence) FROM findings f "
                           "LEFT JOIN flow_destinations l ON l.flow_id = f.flow_id LEFT JOIN destinations d ON d.id = "
                           "l.destination_id WHERE f.direction = 'request'"
                    + where.conditions() + " GROUP BY 1, 2")
                    .constData());
            where.bind(st);
            while (st.step())
                expected[{ st.text(0), st.text(1) }] = { st.int64(2), static_cast<int>(st.int64(3)) };
            const std::vector<Data::MatrixCell> matrix = FindingStore::matrix(inv->db(), f);
            QCOMPARE(matrix.size(), expected.size());
            for (const Data::MatrixCell& c : matrix) {
                const auto it = expected.find({ c.category, c.party });
                QVERIFY2(it != expected.end(), qPrintable(c.category + u' ' + c.party));
                QCOMPARE(c.findings, it->second.first);
                QCOMPARE(c.maxConfidence, it->second.second);
                ++cells;
            }
        }
        QVERIFY(cells > 100);

        // A file whose findings predate destination_host (detect pass before version 3), read without being
        // upgraded, gets the same matrix the slower way.
        perFlow->db().exec("DROP INDEX findings_summary; ALTER TABLE findings DROP COLUMN destination_host");
        for (const Data::Filter& f : filters) {
            const std::vector<Data::MatrixCell> a = FindingStore::matrix(inv->db(), f);
            const std::vector<Data::MatrixCell> b = FindingStore::matrix(perFlow->db(), f);
            QCOMPARE(a.size(), b.size());
            for (size_t i = 0; i < a.size(); ++i) {
                QCOMPARE(a[i].category, b[i].category);
                QCOMPARE(a[i].party, b[i].party);
                QCOMPARE(a[i].findings, b[i].findings);
            }
            QCOMPARE(FindingStore::categoryHosts(perFlow->db(), f).empty(),
                FindingStore::categoryHosts(inv->db(), f).empty());
        }
    }

    void dnsOnlyCaptureSpansItsAnswers()
    {
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("d.leakscope")), Investigation::OpenMode::Create);
        CaptureWriter writer(inv->db(), { QStringLiteral("dns.log"), 1, QString(), QStringLiteral("zeek-json") });
        writer.addDnsAnswer({ 150, QStringLiteral("api.example.com"), QStringLiteral("8.8.8.8"), {}, 60 });
        writer.addDnsAnswer({ 50, QStringLiteral("api.example.com"), QStringLiteral("1.1.1.1"), {}, 60 });
        writer.addDnsAnswer({ 0, QStringLiteral("time.example.com"), QStringLiteral("1.0.0.1"), {}, 60 }); // unknown
        writer.commit();
        QCOMPARE(inv->db().pragmaInt("SELECT first_seen FROM captures"), 50);
        QCOMPARE(inv->db().pragmaInt("SELECT last_seen FROM captures"), 150);
    }

    void timeAwareDnsAndEncryptedConnections()
    {
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("d.leakscope")), Investigation::OpenMode::Create);
        {
            CaptureWriter writer(inv->db(),
                { QStringLiteral("synthetic.pcap"), 1, QString(), QStringLiteral("pcap"), {}, {},
                    QStringLiteral("Probe") });
            writer.addDnsAnswer({ 50, QStringLiteral("api.example.com"), QStringLiteral("1.1.1.1"), {}, 60 });
            writer.addDnsAnswer({ 50, QStringLiteral("api.example.com"), QStringLiteral("1.0.0.1"), {}, 60 });
            writer.addDnsAnswer({ 150, QStringLiteral("api.example.com"), QStringLiteral("8.8.8.8"), {}, 60 });
            for (Data::Timestamp ts : { 100, 200, 40 }) {
                Data::Flow f;
                f.tsStart = ts;
                f.method = QStringLiteral("GET");
                f.host = QStringLiteral("api.example.com");
                f.url = QStringLiteral("https://api.example.com/x");
                writer.addFlow(std::move(f));
            }
            Data::Connection hidden;
            hidden.name = QStringLiteral("hidden.example.net");
            hidden.serverIp = QStringLiteral("77.88.55.88");
            hidden.transport = QStringLiteral("tcp");
            hidden.bytesUp = 5000;
            hidden.bytesDown = 700;
            hidden.firstSeen = 300;
            hidden.lastSeen = 400;
            hidden.flags = Data::Encrypted;
            writer.addConnection(std::move(hidden));
            Data::Connection bare;
            bare.serverIp = QStringLiteral("8.8.4.4");
            bare.bytesUp = 10;
            bare.flags = Data::Encrypted;
            writer.addConnection(std::move(bare));
            writer.commit();
        }
        QVERIFY(Analysis::run(*inv).ok);
        Database& db = inv->db();
        Statement ips(db.handle(),
            "SELECT f.ts_start, fd.ip, fd.ip_source, fd.country FROM flows f JOIN flow_destinations fd ON fd.flow_id = "
            "f.id ORDER BY f.ts_start");
        QVERIFY(ips.step()); // before any answer: no address, none guessed
        QCOMPARE(ips.isNull(1), true);
        QVERIFY(ips.step());
        QCOMPARE(ips.text(1), QStringLiteral("1.1.1.1"));
        QCOMPARE(ips.text(2), QStringLiteral("dns"));
        QVERIFY(ips.step());
        QCOMPARE(ips.text(1), QStringLiteral("8.8.8.8"));
        QCOMPARE(ips.text(3), QStringLiteral("US"));
        const auto rows = DestinationQuery::load(db);
        const auto* api = find(rows, QStringLiteral("api.example.com"));
        QCOMPARE(api->destination->app, QStringLiteral("Probe"));
        QCOMPARE(api->ips, (QStringList { QStringLiteral("1.1.1.1"), QStringLiteral("8.8.8.8") }));
        QVERIFY(!api->encryptedOnly);
        const auto* hidden = find(rows, QStringLiteral("hidden.example.net"));
        QVERIFY(hidden->encryptedOnly);
        QCOMPARE(hidden->bytesSent, 5000);
        QCOMPARE(hidden->bytesReceived, 700);
        QCOMPARE(hidden->requests, 0);
        QCOMPARE(hidden->connections, 1);
        QCOMPARE(hidden->countries, QStringList { QStringLiteral("RU") });
        const auto* bare = find(rows, QStringLiteral("8.8.4.4"));
        QVERIFY(bare);
        QCOMPARE(bare->destination->registrableDomain, QString()); // an address never goes through the suffix list
        QCOMPARE(bare->destination->asn, 15169u);
        Data::Filter ru;
        ru.countries = { QStringLiteral("RU") };
        Statement conns(db.handle(),
            QByteArray("SELECT count(*) FROM connections c WHERE 1"
                + FilterSql(ru, FilterSql::Table::Connections, "c").conditions())
                .constData());
        FilterSql(ru, FilterSql::Table::Connections, "c").bind(conns);
        QVERIFY(conns.step());
        QCOMPARE(conns.int64(0), 1);
    }

    void corpusWebsiteHar()
    {
        const QString har = corpus(QStringLiteral("har/pagexray__www.nytimes.com.har"));
        if (har.isEmpty())
            QSKIP("the corpus is not available");
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("n.leakscope")), Investigation::OpenMode::Create);
        QVERIFY(importCapture(*inv, { har, QStringLiteral("Browser"), {}, {} }).ok);
        QVERIFY(Analysis::run(*inv).ok);
        const auto rows = DestinationQuery::load(inv->db());
        QVERIFY(rows.size() > 40);
        int trackers = 0;
        qint64 requests = 0;
        for (const auto& r : rows) {
            QVERIFY2(!r.destination->registrableDomain.isEmpty(), qPrintable(r.destination->host));
            QVERIFY2(r.countries.isEmpty() && r.destination->asn == 0,
                qPrintable(r.destination->host)); // this HAR kept no server addresses
            trackers += r.destination->trackerCategory.isEmpty() ? 0 : 1;
            requests += r.requests;
        }
        QCOMPARE(requests, inv->flowCount());
        QVERIFY(trackers >= 10);
        QCOMPARE(
            find(rows, QStringLiteral("static01.nyt.com"))->destination->registrableDomain, QStringLiteral("nyt.com"));
        QCOMPARE(find(rows, QStringLiteral("cm.g.doubleclick.net"))
                     ->destination->trackerCategory.contains(QStringLiteral("advertising")),
            true);
        // "Browser" owns no domain; its most contacted company (the New York Times, when the entity list knows it)
        // is taken as its first party, else first/third party stays unknown.
        const auto* site = find(rows, QStringLiteral("www.nytimes.com"));
        QCOMPARE(site->destination->firstParty, site->destination->entityId.isEmpty() ? -1 : 1);
    }

    void noSocketDuringImportAndAnalysis()
    {
#ifndef LEAKSCOPE_HAVE_SECCOMP
        QSKIP("seccomp filters are only set up on Linux x86-64 and arm64");
#else
        Scratch scratch;
        auto runChild = [&](const QByteArray& mode) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LEAKSCOPE_NO_SOCKET_CHILD"), QString::fromLocal8Bit(mode));
            p.setProcessEnvironment(env);
            p.start(QCoreApplication::applicationFilePath(), {});
            p.waitForFinished(120000);
            return std::make_pair(p.exitStatus(), p.exitCode());
        };
        // The control proves the filter works: a socket kills the child.
        const auto control = runChild("control");
        if (control.first == QProcess::NormalExit && control.second == 3)
            QSKIP("this kernel does not allow seccomp filters here");
        QCOMPARE(control.first, QProcess::CrashExit);
        const auto work = runChild(QFile::encodeName(scratch.path(QString())));
        QCOMPARE(work.first, QProcess::NormalExit);
        QCOMPARE(work.second, 0);
#endif
    }
};

int main(int argc, char** argv)
{
    const QByteArray childMode = qgetenv("LEAKSCOPE_NO_SOCKET_CHILD");
    if (!childMode.isEmpty()) {
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        return noSocketChild(argc, argv, childMode);
    }
    QCoreApplication app(argc, argv);
    TestEnrichPass test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_enrich_pass.moc"
