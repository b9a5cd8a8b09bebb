// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Per-app attribution from request headers and user rules, the entity list's matching, and the inference
// of an app's own company (first party vs third party), with tables of real User-Agents and hosts.
#include "enrich/appattribution.h"
#include "enrich/entitylist.h"
#include "enrich/firstparty.h"
#include "testutils.h"

#include <QTest>

using namespace TestUtils;

namespace {
QStringList strings(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* s : items)
        out.append(QString::fromUtf8(s));
    return out;
}
} // namespace

class TestEnrichAttribution : public QObject
{
    Q_OBJECT
    EntityList m_entities;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_entities.load(data(QStringLiteral("enrich/entities-test.json")), &error), qPrintable(error));
    }

    void userAgents_data()
    {
        QTest::addColumn<QString>("ua");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("package");
        QTest::newRow("custom app + package + okhttp")
            << "Vidzy/4.2.0 (com.vidzy.android; build:4200; Android 14; Pixel 7) okhttp/4.12.0"
            << "Vidzy"
            << "com.vidzy.android";
        QTest::newRow("package first (TikTok Android)")
            << "com.zhiliaoapp.musically/2023205030 (Linux; U; Android 13; en_US; Pixel 7; Build/TQ3A.230805.001; "
               "Cronet/TTNetVersion:5f1b8e3b 2023-10-18 QuicVersion:4bf243e0 2023-04-17)"
            << "com.zhiliaoapp.musically"
            << "com.zhiliaoapp.musically";
        QTest::newRow("youtube") << "com.google.android.youtube/18.45.43 (Linux; U; Android 14; en_US; Pixel 7) gzip"
                                 << "com.google.android.youtube"
                                 << "com.google.android.youtube";
        QTest::newRow("iOS CFNetwork") << "Spotify/8.8.80 iOS/17.1 (iPhone15,2)"
                                       << "Spotify"
                                       << "";
        QTest::newRow("iOS CFNetwork Darwin") << "Signal/6.44.0.3 CFNetwork/1410.0.3 Darwin/22.6.0"
                                              << "Signal"
                                              << "";
        QTest::newRow("iOS percent-encoded") << "My%20Diary/1 CFNetwork/1408.0.4 Darwin/22.5.0"
                                             << "My Diary"
                                             << "";
        QTest::newRow("iOS space form")
            << "Instagram 309.0.0.40.113 (iPhone14,5; iOS 17_1; en_US; en; scale=3.00; 1170x2532; 541635890)"
            << "Instagram"
            << "";
        QTest::newRow("TikTok iOS") << "TikTok 32.5.0 rv:325012 (iPhone; iOS 17.2; en_US) Cronet"
                                    << "TikTok"
                                    << "";
        QTest::newRow("facebook katana in UA") << "[FBAN/FB4A;FBAV/440.0.0.31.105;FBPN/com.facebook.katana;FBLC/en_US]"
                                               << "com.facebook.katana"
                                               << "com.facebook.katana";
        QTest::newRow("okhttp only") << "okhttp/4.9.2"
                                     << ""
                                     << "";
        QTest::newRow("Dalvik only") << "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 7 Build/UQ1A.240205.004)"
                                     << ""
                                     << "";
        QTest::newRow("CFNetwork only") << "CFNetwork/1410.0.3 Darwin/22.6.0"
                                        << ""
                                        << "";
        QTest::newRow("browser") << "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
                                 << ""
                                 << "";
        QTest::newRow("curl") << "curl/8.4.0"
                              << ""
                              << "";
        QTest::newRow("sdk token") << "FBAndroidSDK.18.0.0"
                                   << ""
                                   << "";
        QTest::newRow("grpc") << "grpc-java-okhttp/1.57.2"
                              << ""
                              << "";
        QTest::newRow("library namespace is not an app") << "com.squareup.okhttp/2.7.5"
                                                         << ""
                                                         << "";
        QTest::newRow("empty") << ""
                               << ""
                               << "";
    }
    void userAgents()
    {
        QFETCH(QString, ua);
        QFETCH(QString, name);
        QFETCH(QString, package);
        const auto app = AppAttribution::fromUserAgent(ua);
        QCOMPARE(app.has_value(), !name.isEmpty());
        if (!app)
            return;
        QCOMPARE(app->name, name);
        QCOMPARE(app->package, package);
        QCOMPARE(app->source, QStringLiteral("user-agent"));
        QVERIFY(app->reason.startsWith(QStringLiteral("User-Agent: ")));
    }

    void requestedWithAndRules()
    {
        auto app = AppAttribution::fromRequestedWith(QStringLiteral("com.example.webviewapp"));
        QVERIFY(app);
        QCOMPARE(app->reason, QStringLiteral("X-Requested-With: com.example.webviewapp"));
        QVERIFY(!AppAttribution::fromRequestedWith(QStringLiteral("XMLHttpRequest")));

        const std::vector<AppAttribution::Rule> rules { { QStringLiteral("*.vidzy.example"), QStringLiteral("Vidzy"),
                                                            QStringLiteral("com.vidzy.android") },
            { QStringLiteral("cdn.example.net"), QStringLiteral("Other"), QString() } };
        Data::Headers headers { { "User-Agent", "Spotify/8.8.80 iOS/17.1" },
            { "X-Requested-With", "com.example.webviewapp" } };
        // Rules beat headers; X-Requested-With beats the User-Agent.
        QCOMPARE(AppAttribution::attribute(QStringLiteral("api.vidzy.example"), headers, rules)->name,
            QStringLiteral("Vidzy"));
        QCOMPARE(AppAttribution::attribute(QStringLiteral("api.vidzy.example"), headers, rules)->source,
            QStringLiteral("rule"));
        QCOMPARE(AppAttribution::attribute(QStringLiteral("img.cdn.example.net"), headers, rules)->name,
            QStringLiteral("Other"));
        QCOMPARE(AppAttribution::attribute(QStringLiteral("other.example"), headers, rules)->name,
            QStringLiteral("com.example.webviewapp"));
        headers.pop_back();
        QCOMPARE(AppAttribution::attribute(QStringLiteral("other.example"), headers, rules)->name,
            QStringLiteral("Spotify"));
        QVERIFY(!AppAttribution::ruleMatches(QStringLiteral("*.vidzy.example"), QStringLiteral("vidzy.example")));
        QVERIFY(AppAttribution::ruleMatches(QStringLiteral("vidzy.example"), QStringLiteral("VIDZY.example")));
        QVERIFY(!AppAttribution::ruleMatches(QStringLiteral("vidzy.example"), QStringLiteral("notvidzy.example")));
    }

    void entityMatching_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QString>("root");
        QTest::newRow("exact") << "doubleclick.net"
                               << "google-ads"
                               << "alphabet";
        QTest::newRow("subdomain") << "graph.facebook.com"
                                   << "meta"
                                   << "meta";
        QTest::newRow("longest suffix") << "x.s3.amazonaws.com"
                                        << "amazon"
                                        << "amazon";
        QTest::newRow("child company") << "v16m.tiktokcdn.com"
                                       << "tiktok"
                                       << "bytedance";
        QTest::newRow("github pages") << "someone.github.io"
                                      << "github"
                                      << "github";
        QTest::newRow("IDN listed in unicode") << "www.xn--bcher-kva.de"
                                               << "denic-test"
                                               << "denic-test";
        QTest::newRow("not a suffix match") << "notfacebook.com"
                                            << ""
                                            << "";
        QTest::newRow("unknown") << "api.vidzy.example"
                                 << ""
                                 << "";
    }
    void entityMatching()
    {
        QFETCH(QString, host);
        QFETCH(QString, entity);
        QFETCH(QString, root);
        const EntityList::Entity* e = m_entities.forHost(host);
        QCOMPARE(e ? e->id : QString(), entity);
        QCOMPARE(e ? m_entities.root(e)->id : QString(), root);
    }

    void entityListErrors()
    {
        EntityList list;
        QString error;
        QVERIFY(!list.loadBytes("{\"entities\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}", &error));
        QCOMPARE(error, QStringLiteral("entity 1: the id \"a\" is used twice"));
        QVERIFY(!list.loadBytes("{\"entities\": [{}]}", &error));
        QCOMPARE(error, QStringLiteral("entity 0 has no id"));
        QVERIFY(!list.loadBytes("[1, 2", &error));
        QVERIFY(error.contains(QStringLiteral("byte offset")));
        // A parent cycle does not hang the walk.
        QVERIFY(list.loadBytes(
            "{\"entities\": [{\"id\": \"a\", \"parent\": \"b\"}, {\"id\": \"b\", \"parent\": \"a\"}]}", &error));
        QVERIFY(list.root(list.byId(QStringLiteral("a"))) != nullptr);
    }

    void firstPartyInference_data()
    {
        QTest::addColumn<QString>("app");
        QTest::addColumn<QString>("package");
        QTest::addColumn<QStringList>("contacted"); // host:requests
        QTest::addColumn<QString>("ownerEntity");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("firstParty");
        QTest::addColumn<QStringList>("thirdParty");
        QTest::newRow("package names the company")
            << "Facebook"
            << "com.facebook.katana" << strings({ "graph.facebook.com:10", "app-measurement.com:3" }) << "meta"
            << "package" << strings({ "graph.facebook.com", "scontent.fbcdn.net" })
            << strings({ "app-measurement.com" });
        QTest::newRow("bytedance family")
            << "TikTok"
            << "com.zhiliaoapp.musically" << strings({ "api16.tiktokv.com:20", "appsflyer.com:2" }) << "bytedance"
            << "package" << strings({ "api16.tiktokv.com", "v16m.tiktokcdn.com", "log.byteoversea.com" })
            << strings({ "launches.appsflyer.com", "graph.facebook.com" });
        QTest::newRow("name matches own domain")
            << "Vidzy"
            << "com.vidzy.android" << strings({ "api.vidzy.example:9", "app-measurement.com:4", "app.adjust.com:1" })
            << ""
            << "name" << strings({ "api.vidzy.example", "upload.vidzy.example" })
            << strings({ "app-measurement.com", "app.adjust.com", "d1x7vidzy.cloudfront.net" });
        QTest::newRow("most contacted non-tracker")
            << "Some Reader"
            << "" << strings({ "api.yandex.ru:9", "mc.yandex.ru:3", "app-measurement.com:2" }) << "yandex"
            << "most-contacted" << strings({ "api.yandex.ru", "yandex.net" }) << strings({ "app-measurement.com" });
        QTest::newRow("trackers never own an app")
            << "Quiet"
            << "" << strings({ "launches.appsflyer.com:9", "app.adjust.com:5" }) << ""
            << "" << QStringList() << QStringList();
    }
    void firstPartyInference()
    {
        QFETCH(QString, app);
        QFETCH(QString, package);
        QFETCH(QStringList, contacted);
        QFETCH(QString, ownerEntity);
        QFETCH(QString, source);
        QFETCH(QStringList, firstParty);
        QFETCH(QStringList, thirdParty);
        std::vector<FirstParty::Contact> contacts;
        for (const QString& c : contacted) {
            const QString host = c.section(u':', 0, 0);
            const QString owner = host.section(u'.', -2); // fine for these test hosts
            const EntityList::Entity* e = m_entities.forHost(host);
            contacts.push_back({ owner, e, c.section(u':', 1).toLongLong(),
                e && (e->category == QLatin1String("attribution") || e->category == QLatin1String("advertising")) });
        }
        const FirstParty::Owner owner = FirstParty::infer(app, package, contacts, m_entities, std::nullopt);
        QCOMPARE(owner.rootEntityId.isEmpty() ? owner.entityId : owner.rootEntityId, ownerEntity);
        QCOMPARE(owner.source, source);
        if (!source.isEmpty())
            QVERIFY(!owner.reason.isEmpty());
        for (const QString& host : firstParty)
            QVERIFY2(FirstParty::isFirstParty(owner, host.section(u'.', -2), m_entities.forHost(host), m_entities),
                qPrintable(host));
        for (const QString& host : thirdParty)
            QVERIFY2(!FirstParty::isFirstParty(owner, host.section(u'.', -2), m_entities.forHost(host), m_entities),
                qPrintable(host));
    }

    void userOverrideWins()
    {
        std::vector<FirstParty::Contact> contacts { { QStringLiteral("vidzy.example"), nullptr, 5, false } };
        const FirstParty::Owner owner =
            FirstParty::infer(QStringLiteral("Vidzy"), QStringLiteral("com.vidzy.android"), contacts, m_entities,
                FirstParty::Override { QStringLiteral("amazon"), { QStringLiteral("vidzy.example") } });
        QCOMPARE(owner.source, QStringLiteral("override"));
        QCOMPARE(owner.reason, QStringLiteral("set by you"));
        QVERIFY(FirstParty::isFirstParty(owner, QStringLiteral("cloudfront.net"),
            m_entities.forHost(QStringLiteral("d1.cloudfront.net")), m_entities));
        QVERIFY(FirstParty::isFirstParty(owner, QStringLiteral("vidzy.example"), nullptr, m_entities));
        QCOMPARE(FirstParty::nameTokens(QStringLiteral("The Vidzy App"), QStringLiteral("com.vidzy.android")),
            (QStringList { QStringLiteral("vidzy"), QStringLiteral("thevidzyapp") }));
    }
};

QTEST_GUILESS_MAIN(TestEnrichAttribution)
#include "tst_enrich_attribution.moc"
