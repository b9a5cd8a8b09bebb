// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Attribution of real hostnames of well-known services to their companies, against the shipped entity list
// (resources/data/entities.json). The company is matched by name (display, legal or parent company name),
// so the test does not depend on the list's ids; jurisdictions are checked where they are beyond dispute.
#include "common/paths.h"
#include "enrich/entitylist.h"
#include "testutils.h"

#include <QRegularExpression>
#include <QTest>

using namespace TestUtils;

class TestEnrichHostnames : public QObject
{
    Q_OBJECT
    EntityList m_entities;

private Q_SLOTS:
    void initTestCase()
    {
        const QString path = QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources/data/entities.json");
        if (!QFile::exists(path))
            QSKIP("resources/data/entities.json is not in this tree");
        QString error;
        QVERIFY2(m_entities.load(path, &error), qPrintable(error));
        QVERIFY2(m_entities.entities().size() >= 250, "the entity list should cover at least 250 companies");
    }

    void attribution_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("company"); // a regular expression over the entity's and its parents' names
        const std::pair<const char*, const char*> rows[] = {
            // ByteDance / TikTok
            { "api16-normal-c-useast1a.tiktokv.com", "ByteDance|TikTok" },
            { "log.byteoversea.com", "ByteDance|TikTok" },
            { "p16-sign-va.ibytedtos.com", "ByteDance|TikTok" },
            { "www.tiktok.com", "ByteDance|TikTok" },
            { "v16m.tiktokcdn.com", "ByteDance|TikTok" },
            { "api-va.pangle.io", "ByteDance|TikTok|Pangle" },
            { "www.capcut.com", "ByteDance|CapCut" },
            // Google / Alphabet
            { "ad.doubleclick.net", "Google|Alphabet" },
            { "app-measurement.com", "Google|Alphabet" },
            { "www.google-analytics.com", "Google|Alphabet" },
            { "firebaseinstallations.googleapis.com", "Google|Alphabet" },
            { "firebase-settings.crashlytics.com", "Google|Alphabet" },
            { "pagead2.googlesyndication.com", "Google|Alphabet" },
            { "www.googletagmanager.com", "Google|Alphabet" },
            { "fonts.gstatic.com", "Google|Alphabet" },
            { "www.youtube.com", "Google|Alphabet|YouTube" },
            { "i.ytimg.com", "Google|Alphabet|YouTube" },
            { "www.google.com", "Google|Alphabet" },
            { "myproject.firebaseio.com", "Google|Alphabet" },
            { "googleads.g.doubleclick.net", "Google|Alphabet" },
            { "www.googleadservices.com", "Google|Alphabet" },
            // Meta
            { "graph.facebook.com", "Meta|Facebook" },
            { "connect.facebook.net", "Meta|Facebook" },
            { "scontent.xx.fbcdn.net", "Meta|Facebook" },
            { "i.instagram.com", "Meta|Facebook|Instagram" },
            { "web.whatsapp.com", "Meta|Facebook|WhatsApp" },
            { "www.messenger.com", "Meta|Facebook" },
            // Amazon
            { "mybucket.s3.amazonaws.com", "Amazon" },
            { "d1x7vidzy.cloudfront.net", "Amazon" },
            { "www.amazon.com", "Amazon" },
            { "aax-us-east.amazon-adsystem.com", "Amazon" },
            // Microsoft
            { "www.bing.com", "Microsoft" },
            { "login.microsoftonline.com", "Microsoft" },
            { "api.linkedin.com", "Microsoft|LinkedIn" },
            { "vortex.data.microsoft.com", "Microsoft" },
            { "browser.events.data.msn.com", "Microsoft" },
            // Apple
            { "gateway.icloud.com", "Apple" },
            { "api.apple-cloudkit.com", "Apple" },
            { "www.apple.com", "Apple" },
            // Attribution / analytics SDKs
            { "launches.appsflyer.com", "AppsFlyer" },
            { "app.adjust.com", "Adjust|AppLovin" },
            { "api2.branch.io", "Branch" },
            { "api.mixpanel.com", "Mixpanel" },
            { "api2.amplitude.com", "Amplitude" },
            { "sdk.iad-01.braze.com", "Braze" },
            { "api.segment.io", "Segment|Twilio" },
            { "sessions.bugsnag.com", "Bugsnag|SmartBear" },
            { "o123.ingest.sentry.io", "Sentry|Functional Software" },
            { "api.onesignal.com", "OneSignal" },
            { "api.kochava.com", "Kochava" },
            { "cdn.singular.net", "Singular" },
            { "rs.fullstory.com", "FullStory" },
            { "static.hotjar.com", "Hotjar|Contentsquare" },
            { "sb.scorecardresearch.com", "comScore|Comscore" },
            { "bat.bing.com", "Microsoft" },
            // Ad networks
            { "ms.applovin.com", "AppLovin" },
            { "config.unityads.unity3d.com", "Unity" },
            { "an.facebook.com", "Meta|Facebook" },
            { "ads.pubmatic.com", "PubMatic" },
            { "ib.adnxs.com", "Microsoft|Xandr|AppNexus" },
            { "static.criteo.net", "Criteo" },
            { "cdn.taboola.com", "Taboola" },
            { "widgets.outbrain.com", "Outbrain|Teads" },
            { "ads.yahoo.com", "Yahoo" },
            { "s.amazon-adsystem.com", "Amazon" },
            { "tr.snapchat.com", "Snap" },
            { "ads-api.tiktok.com", "ByteDance|TikTok" },
            { "static.ads-twitter.com", "Twitter|X Corp" },
            { "ct.pinterest.com", "Pinterest" },
            { "match.adsrvr.org", "Trade Desk" },
            { "sync.inmobi.com", "InMobi" },
            { "api.vungle.com", "Vungle|Liftoff" },
            // Chinese platforms
            { "www.qq.com", "Tencent" },
            { "res.wx.qq.com", "Tencent" },
            { "www.baidu.com", "Baidu" },
            { "hm.baidu.com", "Baidu" },
            { "www.alibaba.com", "Alibaba" },
            { "g.alicdn.com", "Alibaba" },
            { "www.taobao.com", "Alibaba" },
            { "weibo.com", "Weibo|Sina" },
            { "dl.hicloud.com", "Huawei" },
            { "sdkconfig.ad.xiaomi.com", "Xiaomi" },
            { "www.temu.com", "PDD|Temu|Pinduoduo" },
            { "api.shein.com", "Shein|Roadget" },
            // Russian platforms
            { "yandex.ru", "Yandex" },
            { "mc.yandex.ru", "Yandex" },
            { "an.yandex.ru", "Yandex" },
            { "yastatic.net", "Yandex" },
            { "vk.com", "VK" },
            { "top-fwz1.mail.ru", "VK|Mail.Ru" },
            { "ok.ru", "VK|Mail.Ru" },
            // Korean, Japanese, Indian
            { "www.naver.com", "Naver" },
            { "www.kakao.com", "Kakao" },
            { "line.me", "LINE|LY Corp|Z Holdings|Naver" },
            { "www.rakuten.co.jp", "Rakuten" },
            { "www.yahoo.co.jp", "LY Corp|Yahoo|Z Holdings|SoftBank" },
            { "www.jio.com", "Reliance|Jio" },
            { "www.flipkart.com", "Flipkart|Walmart" },
            { "www.paytm.com", "Paytm|One97" },
            // European
            { "www.spotify.com", "Spotify" },
            { "api.booking.com", "Booking" },
            { "www.zalando.de", "Zalando" },
            // CDNs and hosting
            { "cdnjs.cloudflare.com", "Cloudflare" },
            { "a248.e.akamai.net", "Akamai" },
            { "assets.fastly.net", "Fastly" },
            { "someone.github.io", "GitHub|Microsoft" },
            // Others
            { "api.twitter.com", "Twitter|X Corp" },
            { "www.reddit.com", "Reddit" },
            { "www.netflix.com", "Netflix" },
            { "discord.com", "Discord" },
            { "api.telegram.org", "Telegram" },
            { "www.snapchat.com", "Snap" },
            { "www.pinterest.com", "Pinterest" },
            { "www.paypal.com", "PayPal" },
            { "api.stripe.com", "Stripe" },
            { "zoom.us", "Zoom" },
            { "www.dropbox.com", "Dropbox" },
            { "slack.com", "Slack|Salesforce" },
        };
        for (const auto& [host, company] : rows)
            QTest::newRow(host) << QString::fromLatin1(host) << QString::fromLatin1(company);
    }
    void attribution()
    {
        QFETCH(QString, host);
        QFETCH(QString, company);
        const EntityList::Entity* e = m_entities.forHost(host);
        QVERIFY2(e, qPrintable(QStringLiteral("%1: no entity").arg(host)));
        QString names;
        for (const EntityList::Entity* x = e; x;
             x = x->parent.isEmpty() || x->parent == x->id ? nullptr : m_entities.byId(x->parent))
            names += x->displayName + u'|' + x->legalName + u'|';
        QVERIFY2(names.contains(QRegularExpression(company, QRegularExpression::CaseInsensitiveOption)),
            qPrintable(QStringLiteral("%1 → %2, expected %3").arg(host, names, company)));
        QVERIFY2(!e->hqCountry.isEmpty() && !e->category.isEmpty(), qPrintable(host));
    }

    void jurisdictions_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("countries"); // HQ or legal domicile anywhere in the parent chain
        QTest::newRow("bytedance: Cayman domicile") << "log.byteoversea.com"
                                                    << "KY";
        QTest::newRow("bytedance: Chinese HQ") << "p16-sign-va.ibytedtos.com"
                                               << "CN";
        QTest::newRow("google") << "ad.doubleclick.net"
                                << "US";
        QTest::newRow("yandex") << "mc.yandex.ru"
                                << "RU";
        QTest::newRow("tencent") << "www.qq.com"
                                 << "CN";
        QTest::newRow("appsflyer") << "launches.appsflyer.com"
                                   << "IL|US";
    }
    void jurisdictions()
    {
        QFETCH(QString, host);
        QFETCH(QString, countries);
        QString seen;
        for (const EntityList::Entity* x = m_entities.forHost(host); x;
             x = x->parent.isEmpty() || x->parent == x->id ? nullptr : m_entities.byId(x->parent))
            seen += x->hqCountry + u' ' + x->legalDomicile + u' ';
        QVERIFY2(seen.contains(QRegularExpression(countries)), qPrintable(QStringLiteral("%1: %2").arg(host, seen)));
    }
};

QTEST_GUILESS_MAIN(TestEnrichHostnames)
#include "tst_enrich_hostnames.moc"
