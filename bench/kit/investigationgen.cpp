// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "investigationgen.h"

#include "common/hashing.h"
#include "pipeline/analysis.h"
#include "random.h"
#include "store/capturewriter.h"
#include "store/investigation.h"

#include <QElapsedTimer>
#include <QFile>

#include <vector>

namespace BenchKit {
namespace {

struct App
{
    const char* name;
    const char* package;
};
const App kApps[] = { { "Vidzy", "com.vidzy.android" }, { "Chatter", "org.chatter.app" },
    { "Weatherly", "com.weatherly" }, { "NewsNow", "com.newsnow.reader" }, { "FitTrack", "io.fittrack" },
    { "ShopMart", "com.shopmart.mobile" }, { "Dating+", "app.datingplus" }, { "Flashlight Pro", "com.flashpro" },
    { "Bank of Example", "com.example.bank" }, { "Maps Lite", "com.mapslite" }, { "Puzzle Quest", "com.puzzleq" },
    { "PhotoEdit", "com.photoedit.free" } };
constexpr int kAppCount = sizeof(kApps) / sizeof(*kApps);

// Real tracker and platform domains, so the entity list names their companies; the rest are first parties.
const char* const kThirdParties[] = { "graph.facebook.com", "app-measurement.com", "firebaselogging-pa.googleapis.com",
    "t.appsflyer.com", "api2.branch.io", "sdk.iad-01.braze.com", "api.mixpanel.com", "api.amplitude.com",
    "events.adjust.com", "ads.mopub.com", "googleads.g.doubleclick.net", "settings.crashlytics.com", "in.appcenter.ms",
    "api.segment.io", "analytics.tiktok.com", "log.byteoversea.com", "mobile.pipe.aria.microsoft.com", "sentry.io",
    "api.onesignal.com", "config.uca.cloud.unity3d.com", "an.facebook.com", "sdk.hockeyapp.net",
    "startup.mobile.yandex.net", "api.ad.xiaomi.com", "sdkconfig.ad.intl.xiaomi.com", "hm.baidu.com", "ulogs.umeng.com",
    "beacons.gvt2.com", "pagead2.googlesyndication.com", "cdn.branch.io" };
constexpr int kThirdPartyCount = sizeof(kThirdParties) / sizeof(*kThirdParties);

// First octets of public ranges on several continents, so the GeoIP lookup spreads over many countries.
const int kFirstOctets[] = { 3, 13, 18, 23, 31, 34, 35, 37, 39, 41, 45, 46, 47, 49, 52, 54, 57, 58, 62, 77, 78, 80, 81,
    82, 85, 87, 88, 91, 93, 101, 103, 104, 110, 112, 114, 116, 118, 119, 121, 124, 139, 140, 142, 151, 152, 157, 163,
    170, 175, 177, 179, 182, 185, 186, 188, 190, 193, 195, 196, 197, 200, 201, 202, 203, 210, 211, 212, 213, 217 };
constexpr int kOctetCount = sizeof(kFirstOctets) / sizeof(*kFirstOctets);

struct Host
{
    QString name;
    QString ip;
    bool thirdParty;
};

std::vector<Host> makeHosts(Random& r)
{
    std::vector<Host> hosts;
    auto ip = [&r] {
        return QStringLiteral("%1.%2.%3.%4")
            .arg(kFirstOctets[r.below(kOctetCount)])
            .arg(r.range(1, 254))
            .arg(r.range(0, 255))
            .arg(r.range(1, 254));
    };
    for (int i = 0; i < kThirdPartyCount; ++i)
        hosts.push_back({ QString::fromLatin1(kThirdParties[i]), ip(), true });
    for (int a = 0; a < kAppCount; ++a) {
        const QString domain = QString::fromLatin1(kApps[a].package).section(u'.', 1, 1) + QStringLiteral(".example");
        for (int i = 0; i < 40; ++i)
            hosts.push_back({ QStringLiteral("s%1.%2").arg(i).arg(domain), ip(), false });
    }
    for (int i = 0; i < 2500; ++i) // the long tail: CDNs and ad exchanges
        hosts.push_back({ QStringLiteral("edge%1.cdn%2.example.net").arg(i).arg(i % 40), ip(), true });
    return hosts;
}

QByteArray jsonBody(Random& r, int variant)
{
    QByteArray b = "{\"event\":\"screen_view\",\"session\":\"" + QByteArray::number(r.next(), 16) + "\"";
    if (variant % 3 == 0)
        b += ",\"advertising_id\":\"" + QByteArray::number(r.next() % 0xffffffffu, 16) + "-1b2c-4d5e-8f90-"
            + QByteArray::number(r.next() % 0xffffffffffffull, 16).rightJustified(12, '0') + "\"";
    if (variant % 4 == 1)
        b += ",\"lat\":" + QByteArray::number(40 + r.below(20)) + "." + QByteArray::number(100000 + r.below(899999))
            + ",\"lon\":" + QByteArray::number(r.below(30)) + "." + QByteArray::number(100000 + r.below(899999));
    if (variant % 7 == 2)
        b += ",\"email\":\"reader" + QByteArray::number(variant) + "@example.org\"";
    b += ",\"device\":{\"model\":\"Pixel 8\",\"os\":\"Android 14\",\"locale\":\"de_DE\"}}";
    return b;
}

} // namespace

GeneratedInvestigation generateInvestigation(const QString& path, qint64 flows, bool analyse)
{
    GeneratedInvestigation out;
    QFile::remove(path);
    try {
        auto inv = Investigation::open(path, Investigation::OpenMode::Create);
        inv->setProperty(QStringLiteral("title"), QStringLiteral("Benchmark: %1 flows").arg(flows));
        Random r(0x1A11F10E5ULL);
        const std::vector<Host> hosts = makeHosts(r);
        // A pool of distinct bodies: real captures repeat the same analytics payloads with small changes.
        std::vector<QByteArray> bodies;
        for (int i = 0; i < 4000; ++i)
            bodies.push_back(jsonBody(r, i));
        QElapsedTimer timer;
        timer.start();
        constexpr int kCaptures = 8;
        qint64 written = 0;
        Data::Timestamp ts = 1767225600000000; // µs
        for (int c = 0; c < kCaptures; ++c) {
            CaptureFileInfo info;
            info.fileName = QStringLiteral("week-%1.har").arg(c + 1);
            info.format = QStringLiteral("har");
            info.fileSize = 0;
            info.sha256 =
                QString::fromLatin1(Digest::sha256Hex(QByteArray(info.fileName.toUtf8() + QByteArray::number(flows))));
            CaptureWriter writer(inv->db(), info);
            const qint64 n = (flows * (c + 1)) / kCaptures - written;
            for (qint64 i = 0; i < n; ++i) {
                Data::Flow f;
                const App& app = kApps[r.below(kAppCount)];
                const int hi = r.below(10) < 6 ? r.below(kThirdPartyCount) : r.below(static_cast<int>(hosts.size()));
                const Host& h = hosts[static_cast<size_t>(hi)];
                ts += r.range(1000, 600000);
                f.sourceRef = QStringLiteral("har:entries[%1]").arg(i);
                f.tsStart = ts;
                f.tsEnd = ts + r.range(5000, 900000);
                f.clientIp = QStringLiteral("10.215.173.1");
                f.clientPort = 30000 + r.below(30000);
                f.serverIp = h.ip;
                f.serverPort = 443;
                f.transport = QStringLiteral("tcp");
                f.app.name = QString::fromLatin1(app.name);
                f.app.package = QString::fromLatin1(app.package);
                f.app.source = QStringLiteral("pcapdroid-trailer");
                f.sni = h.name;
                const int kind = r.below(100);
                if (kind < 15) { // connections that stayed encrypted
                    f.l7 = QStringLiteral("tls-opaque");
                    f.flags = 1u << 5;
                } else {
                    f.l7 = QStringLiteral("h2");
                    f.scheme = QStringLiteral("https");
                    f.host = h.name;
                    f.httpVersion = QStringLiteral("HTTP/2");
                    f.status = kind < 18 ? 404 : 200;
                    f.requestHeaders = { { ":authority", h.name.toLatin1() },
                        { "user-agent", QByteArray(app.package) + "/5.2 (Android 14)" },
                        { "accept-language", "de-DE" } };
                    f.responseHeaders = { { "content-type", "application/json" } };
                    f.responseContentType = QStringLiteral("application/json");
                    if (kind < 40) {
                        f.method = QStringLiteral("POST");
                        f.url = QStringLiteral("https://%1/v1/collect?sdk=%2").arg(h.name).arg(r.below(50));
                        f.requestBody.data = bodies[static_cast<size_t>(r.below(static_cast<int>(bodies.size())))];
                        f.requestBody.present = true;
                        f.requestBody.wireSize = f.requestBody.decodedSize = f.requestBody.data.size();
                        f.requestContentType = QStringLiteral("application/json");
                        f.requestHeaders.push_back({ "content-type", "application/json" });
                    } else {
                        f.method = QStringLiteral("GET");
                        f.url =
                            QStringLiteral("https://%1/config/%2?v=%3").arg(h.name).arg(r.below(200)).arg(r.below(9));
                    }
                    f.responseBody.data = "{\"ok\":true}";
                    f.responseBody.present = true;
                    f.responseBody.wireSize = f.responseBody.decodedSize = 11;
                }
                writer.addFlow(std::move(f));
            }
            writer.commit();
            written += n;
        }
        out.flows = written;
        out.writeSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        if (analyse) {
            timer.restart();
            const Analysis::Outcome a = Analysis::run(*inv);
            out.analysisSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
            if (!a.ok) {
                out.error = a.error;
                return out;
            }
        }
        out.ok = true;
    } catch (const StoreError& e) {
        out.error = e.message();
    }
    return out;
}

} // namespace BenchKit
