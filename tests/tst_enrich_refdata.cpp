// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The reference data layers one by one: the shipped GeoIP and ASN files on addresses whose answers are known,
// the ASN file format, the tracker host extraction, the public suffix rules (ICANN vs private, IP literals,
// IDN) and the country table.
#include "common/compression.h"
#include "common/hashing.h"
#include "common/paths.h"
#include "enrich/publicsuffix.h"
#include "enrich/referencedata.h"
#include "refdata/asndatabase.h"
#include "refdata/refdatacatalogue.h"
#include "refdata/trackerhostlist.h"
#include "testutils.h"

#include <QFile>
#include <QTest>

using namespace TestUtils;

class TestEnrichRefData : public QObject
{
    Q_OBJECT
    std::shared_ptr<const ReferenceData> m_data;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        m_data = ReferenceData::load(ReferenceData::Sources::fromCatalogue(RefDataCatalogue::load()));
        QVERIFY2(m_data->geoIp().isOpen(), qPrintable(m_data->problems().join(u'\n')));
        QVERIFY(!m_data->asn().isEmpty());
        QVERIFY(m_data->trackerHosts().size() > 50000);
        QVERIFY(m_data->countries().size() > 240);
    }

    void catalogueListsEveryShippedFile()
    {
        const RefDataCatalogue catalogue = RefDataCatalogue::load();
        for (const char* id :
            { "geoip-country", "asn", "public-suffix-list", "tracker-hosts", "world-map", "country-codes" }) {
            const DatasetInfo d = catalogue.dataset(QLatin1String(id));
            QVERIFY2(!d.name.isEmpty() && !d.version.isEmpty() && !d.license.isEmpty(), id);
            const QString path = catalogue.path(QLatin1String(id));
            QVERIFY2(!path.isEmpty(), id);
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromLatin1(Digest::sha256Hex(f.readAll())), d.sha256); // refdata.json matches the file
        }
        QVERIFY(QFile::exists(Paths::resource(QStringLiteral("data/NOTICE"))));
    }

    void ipCountryAndNetwork_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("country");
        QTest::addColumn<uint>("asn");
        QTest::addColumn<QString>("org");
        QTest::newRow("google dns") << "8.8.8.8"
                                    << "US" << 15169u << "Google LLC";
        QTest::newRow("google dns v6") << "2001:4860:4860::8888"
                                       << "US" << 15169u << "Google LLC";
        QTest::newRow("cloudflare dns") << "1.1.1.1"
                                        << "AU" << 13335u << "Cloudflare, Inc.";
        QTest::newRow("tiktok singapore") << "103.136.220.1"
                                          << "SG" << 138699u << "TIKTOK PTE. LTD.";
        QTest::newRow("yandex") << "77.88.55.88"
                                << "RU" << 13238u << "YANDEX LLC";
        QTest::newRow("facebook") << "157.240.22.35"
                                  << "US" << 32934u << "Facebook, Inc.";
        QTest::newRow("alibaba dns") << "223.5.5.5"
                                     << "CN" << 45102u << "Alibaba (US) Technology Co., Ltd.";
        QTest::newRow("facebook ireland v6") << "2a03:2880:f12f:83:face:b00c::25de"
                                             << "IE" << 32934u << "Facebook, Inc.";
        QTest::newRow("telegram") << "2001:67c:4e8:f004::9"
                                  << "NL" << 62041u << "Telegram Messenger Inc";
        QTest::newRow("scaleway") << "195.154.0.1"
                                  << "FR" << 12876u << "Scaleway SAS";
        QTest::newRow("sakura") << "133.242.0.1"
                                << "JP" << 7684u << "SAKURA Internet Inc.";
        QTest::newRow("adjust") << "185.151.204.10"
                                << "DE" << 61273u << "Adjust GmbH";
        QTest::newRow("v4-mapped v6") << "::ffff:8.8.8.8"
                                      << "US" << 15169u << "Google LLC";
        QTest::newRow("documentation range") << "203.0.113.10"
                                             << "" << 0u << "";
        QTest::newRow("private") << "192.168.1.10"
                                 << "" << 0u << "";
        QTest::newRow("loopback v6") << "::1"
                                     << "" << 0u << "";
        QTest::newRow("not an address") << "example.com"
                                        << "" << 0u << "";
    }
    void ipCountryAndNetwork()
    {
        QFETCH(QString, ip);
        QFETCH(QString, country);
        QFETCH(uint, asn);
        QFETCH(QString, org);
        QCOMPARE(m_data->geoIp().country(ip), country);
        const AsnDatabase::Result r = m_data->asn().lookup(ip);
        QCOMPARE(r.asn, asn);
        if (!org.isEmpty())
            QCOMPARE(r.organisation.toLower(), org.toLower());
    }

    void asnFileRoundTrip()
    {
        AsnDatabase::Builder b;
        QString error;
        QVERIFY2(b.addCsv("1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n1.0.1.0,1.0.1.255,13335,\"Cloudflare, Inc.\"\n"
                          "9.9.9.0,9.9.9.255,19281,\"Quad9 \"\"DNS\"\"\"\n10.0.0.0,10.255.255.255,0,\n"
                          "2a00:1450::,2a00:1450:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC\n",
                     &error),
            qPrintable(error));
        AsnDatabase db;
        QVERIFY2(db.loadBytes(Compression::decompress(Compression::Codec::Zstd, b.build(3), 1 << 20).data, &error),
            qPrintable(error));
        QCOMPARE(db.v4Ranges(), size_t(2)); // the two Cloudflare rows merged; the ASN 0 row dropped
        QCOMPARE(db.lookup(QStringLiteral("1.0.1.7")).organisation, QStringLiteral("Cloudflare, Inc."));
        QCOMPARE(db.lookup(QStringLiteral("9.9.9.9")).organisation, QStringLiteral("Quad9 \"DNS\""));
        QCOMPARE(db.lookup(QStringLiteral("9.9.10.0")).asn, 0u);
        QCOMPARE(db.lookup(QStringLiteral("10.1.2.3")).asn, 0u);
        QCOMPARE(db.lookup(QStringLiteral("2a00:1450::42")).asn, 15169u);
        QCOMPARE(db.lookup(QStringLiteral("2001:db8::42")).asn, 0u); // documentation: never looked up
        QCOMPARE(db.lookup(QStringLiteral("2a00:1451::")).asn, 0u);
        QCOMPARE(db.lookup(QStringLiteral("0.0.0.1")).asn, 0u);
    }

    void asnFileRejectsDamage_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QByteArray() << "wrong magic";
        QTest::newRow("other file") << QByteArray("PK\3\4 not ours at all, sorry") << "wrong magic";
        QByteArray truncated("LSASN\1\0\0", 8);
        truncated += QByteArray::fromHex("05000000000000000000000000000000") + QByteArray(12, '\0');
        QTest::newRow("truncated") << truncated << "header announces";
    }
    void asnFileRejectsDamage()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, error);
        AsnDatabase db;
        QString why;
        QVERIFY(!db.loadBytes(raw, &why));
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY(db.isEmpty());
        QString csvError;
        AsnDatabase::Builder b;
        QVERIFY(!b.addCsv("1.0.0.0,1.0.0.255,13335,ok\nnot,a,row\n", &csvError));
        QCOMPARE(csvError, QStringLiteral("line 2: expected start,end,asn,\"organisation\""));
    }

    void trackerHostRules()
    {
        TrackerHostList list;
        const QByteArray easyprivacy =
            "[Adblock Plus 1.1]\n! Title: EasyPrivacy\n||metrics.example^\n||track.example^$third-party\n"
            "||only-on-some.example^$domain=news.example\n||path.example/collect\n"
            "||ok.example^$script,xmlhttprequest\n@@||ok.example^\n##.cosmetic\n||com^\n";
        QCOMPARE(list.addAdblockList(easyprivacy, TrackerHostList::Tracking), 3);
        QCOMPARE(list.addAdblockList("||ads.example^$popup\n||metrics.example^\n", TrackerHostList::Advertising), 2);
        QCOMPARE(list.lookup(QStringLiteral("a.b.metrics.example")),
            quint8(TrackerHostList::Tracking | TrackerHostList::Advertising));
        QCOMPARE(TrackerHostList::categoryName(list.lookup(QStringLiteral("metrics.example"))),
            QStringLiteral("advertising, tracking"));
        QCOMPARE(list.lookup(QStringLiteral("track.example")), quint8(TrackerHostList::Tracking));
        QCOMPARE(list.lookup(QStringLiteral("ads.example")), quint8(TrackerHostList::Advertising));
        QCOMPARE(list.lookup(QStringLiteral("only-on-some.example")), quint8(0)); // limited to some sites
        QCOMPARE(list.lookup(QStringLiteral("path.example")), quint8(0)); // a path rule says nothing about the host
        QCOMPARE(list.lookup(QStringLiteral("ok.example")), quint8(0)); // excepted
        QCOMPARE(list.lookup(QStringLiteral("notmetrics.example")), quint8(0));
        QCOMPARE(list.lookup(QStringLiteral("com")), quint8(0));
        // The shipped form reads back the same.
        TrackerHostList again;
        QString error;
        QVERIFY(again.loadBytes(list.serialize("header"), &error));
        QCOMPARE(again.size(), list.size());
        QVERIFY(!again.loadBytes("# x\nbroken line\n", &error));
        QCOMPARE(error, QStringLiteral("line 2: expected host<TAB>flags"));
    }

    void shippedTrackerHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("category");
        QTest::newRow("doubleclick") << "ad.doubleclick.net"
                                     << "advertising";
        QTest::newRow("scorecardresearch") << "sb.scorecardresearch.com"
                                           << "tracking";
        QTest::newRow("appsflyer sdk") << "t.appsflyer.com"
                                       << "tracking";
        QTest::newRow("appsflyer launches (not listed)") << "launches.appsflyer.com"
                                                         << "";
        QTest::newRow("adjust app host") << "app.adjust.com"
                                         << "advertising, tracking";
        QTest::newRow("wikipedia") << "en.wikipedia.org"
                                   << "";
        QTest::newRow("own app") << "api.vidzy.example"
                                 << "";
    }
    void shippedTrackerHosts()
    {
        QFETCH(QString, host);
        QFETCH(QString, category);
        QVERIFY2(
            TrackerHostList::categoryName(m_data->trackerHosts().lookup(host)).contains(category), qPrintable(host));
        if (category.isEmpty())
            QCOMPARE(m_data->trackerHosts().lookup(host), quint8(0));
    }

    void publicSuffix_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("registrable");
        QTest::addColumn<QString>("owner");
        QTest::newRow("plain") << "www.tiktokv.com"
                               << "tiktokv.com"
                               << "tiktokv.com";
        QTest::newRow("deep") << "p16-sign-va.ibytedtos.com"
                              << "ibytedtos.com"
                              << "ibytedtos.com";
        QTest::newRow("uppercase, trailing dot") << "Graph.FaceBook.com."
                                                 << "facebook.com"
                                                 << "facebook.com";
        QTest::newRow("port") << "api.example.com:8443"
                              << "example.com"
                              << "example.com";
        QTest::newRow("s3 bucket (private rule)") << "x.s3.amazonaws.com"
                                                  << "x.s3.amazonaws.com"
                                                  << "amazonaws.com";
        QTest::newRow("cloudfront (private rule)") << "d1x7vidzy.cloudfront.net"
                                                   << "d1x7vidzy.cloudfront.net"
                                                   << "cloudfront.net";
        QTest::newRow("github pages") << "a.b.github.io"
                                      << "b.github.io"
                                      << "github.io";
        QTest::newRow("second-level ccTLD") << "www.bbc.co.uk"
                                            << "bbc.co.uk"
                                            << "bbc.co.uk";
        QTest::newRow("unknown TLD") << "api.vidzy.example"
                                     << "vidzy.example"
                                     << "vidzy.example";
        QTest::newRow("IDN unicode") << "WWW.Bücher.de"
                                     << "xn--bcher-kva.de"
                                     << "xn--bcher-kva.de";
        QTest::newRow("IDN punycode") << "shop.xn--bcher-kva.de"
                                      << "xn--bcher-kva.de"
                                      << "xn--bcher-kva.de";
        QTest::newRow("IDN TLD") << "www.xn--80ak6aa92e.xn--p1ai"
                                 << "xn--80ak6aa92e.xn--p1ai"
                                 << "xn--80ak6aa92e.xn--p1ai";
        QTest::newRow("public suffix itself") << "co.uk"
                                              << ""
                                              << "";
        QTest::newRow("IPv4 literal") << "203.0.113.5"
                                      << ""
                                      << "";
        QTest::newRow("IPv6 literal") << "[2001:db8::1]"
                                      << ""
                                      << "";
        QTest::newRow("IPv6 bare") << "2001:db8::1"
                                   << ""
                                   << "";
        QTest::newRow("garbage") << "not a host"
                                 << ""
                                 << "";
        QTest::newRow("empty") << ""
                               << ""
                               << "";
    }
    void publicSuffix()
    {
        QFETCH(QString, host);
        QFETCH(QString, registrable);
        QFETCH(QString, owner);
        const PublicSuffix& psl = m_data->publicSuffix();
        QCOMPARE(psl.registrableDomain(host), registrable);
        QCOMPARE(psl.ownerDomain(host), owner);
    }

    void publicSuffixWithoutAFileFallsBackToLibpsl()
    {
        PublicSuffix psl;
        QString error;
        QVERIFY(psl.load(QStringLiteral("/nonexistent/psl.dat"), &error));
        QVERIFY(error.contains(QStringLiteral("not a public suffix list")));
        QVERIFY(psl.version().startsWith(QStringLiteral("libpsl")));
        QCOMPARE(psl.registrableDomain(QStringLiteral("a.example.co.uk")), QStringLiteral("example.co.uk"));
        QVERIFY(PublicSuffix::isIpLiteral(QStringLiteral("[::1]")));
        QVERIFY(!PublicSuffix::isIpLiteral(QStringLiteral("1.2.3.4.example")));
    }

    void countryNames()
    {
        const CountryTable& c = m_data->countries();
        QCOMPARE(c.name(QStringLiteral("KY")), QStringLiteral("Cayman Islands"));
        QCOMPARE(c.name(QStringLiteral("sg")), QStringLiteral("Singapore"));
        QCOMPARE(c.byNumeric(QStringLiteral("250"))->alpha2, QStringLiteral("FR"));
        QCOMPARE(c.name(QStringLiteral("XK")), QStringLiteral("Kosovo"));
        QCOMPARE(c.name(QStringLiteral("ZZ")), QStringLiteral("ZZ"));
    }
};

QTEST_GUILESS_MAIN(TestEnrichRefData)
#include "tst_enrich_refdata.moc"
