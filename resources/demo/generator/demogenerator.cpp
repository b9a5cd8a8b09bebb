// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Writes the demo captures of the fictional short-video app "Vidzy" (resources/demo/). Everything personal in
// them is synthetic: made-up people, identifiers and places. The third-party hosts are the real endpoints of
// widely used analytics and attribution SDKs, so the demo exercises the same attribution as a real capture.
// The output is deterministic (fixed clock and seed): tests regenerate it and compare byte for byte.
//
// Usage: leakscope-demogen OUTPUT_DIR

#include "common/timeutil.h"
#include "report/jsonwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUrl>

#include <cstdio>
#include <vector>

namespace {

/// splitmix64: a tiny deterministic generator, identical on every platform.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    {
    }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int range(int lo, int hi)
    {
        return lo + static_cast<int>(next() % static_cast<quint64>(hi - lo + 1));
    }
    QByteArray bytes(int n)
    {
        QByteArray out;
        out.reserve(n);
        while (out.size() < n) {
            const quint64 v = next();
            for (int i = 0; i < 8 && out.size() < n; ++i)
                out.append(static_cast<char>((v >> (8 * i)) & 0xFF));
        }
        return out;
    }
    QString hex(int n)
    {
        return QString::fromLatin1(bytes(n).toHex());
    }

private:
    quint64 m_state;
};

// The synthetic test person and device (never real data).
namespace Persona {
const char* email = "zq7.reporter@example.org";
const char* adId = "3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13";
const char* androidId = "9f3b2c7d1e6a4b08";
const char* deviceModel = "Pixel 7";
const char* osVersion = "14";
const double lat = 37.44191, lon = -122.14302; // a park in Palo Alto
} // namespace Persona

struct Entry
{
    Data::Timestamp ts = 0;
    int durationMs = 0;
    QString method;
    QString url;
    QString httpVersion = QStringLiteral("HTTP/2");
    std::vector<std::pair<QString, QString>> requestHeaders;
    QByteArray requestBody;
    QString requestMime;
    int status = 200;
    std::vector<std::pair<QString, QString>> responseHeaders;
    QByteArray responseBody;
    QString responseMime;
    QString serverIp;
    bool responseBase64 = false;
};

class SessionBuilder
{
public:
    SessionBuilder(Data::Timestamp start, quint64 seed)
        : m_now(start)
        , m_random(seed)
    {
    }

    Random& random()
    {
        return m_random;
    }
    void wait(int ms)
    {
        m_now += static_cast<qint64>(ms) * 1000;
    }

    Entry& add(const QString& method, const QString& url, const QString& serverIp)
    {
        Entry e;
        e.ts = m_now;
        e.durationMs = m_random.range(40, 380);
        e.method = method;
        e.url = url;
        e.serverIp = serverIp;
        e.requestHeaders = { { QStringLiteral("user-agent"), userAgent(url) },
                             { QStringLiteral("accept-encoding"), QStringLiteral("gzip") } };
        m_entries.push_back(e);
        wait(m_random.range(30, 250));
        return m_entries.back();
    }

    Entry& json(const QString& method, const QString& url, const QString& serverIp, const QJsonObject& requestJson,
                const QJsonObject& responseJson)
    {
        Entry& e = add(method, url, serverIp);
        if (!requestJson.isEmpty()) {
            e.requestBody = QJsonDocument(requestJson).toJson(QJsonDocument::Compact);
            e.requestMime = QStringLiteral("application/json; charset=utf-8");
            e.requestHeaders.push_back({ QStringLiteral("content-type"), e.requestMime });
        }
        e.responseBody = QJsonDocument(responseJson).toJson(QJsonDocument::Compact);
        e.responseMime = QStringLiteral("application/json; charset=utf-8");
        e.responseHeaders = { { QStringLiteral("content-type"), e.responseMime } };
        return e;
    }

    const std::vector<Entry>& entries() const
    {
        return m_entries;
    }

private:
    static QString userAgent(const QString& url)
    {
        // The app's own API sees the app's User-Agent; SDKs use okhttp or their own.
        if (url.contains(u"vidzy"))
            return QStringLiteral("Vidzy/4.2.0 (com.vidzy.android; build:4200; Android 14; Pixel 7) okhttp/4.12.0");
        return QStringLiteral("Dalvik/2.1.0 (Linux; U; Android 14; Pixel 7 Build/UQ1A.240205.004) com.vidzy.android/4.2.0");
    }

    Data::Timestamp m_now;
    Random m_random;
    std::vector<Entry> m_entries;
};

QJsonObject obj(std::initializer_list<std::pair<QString, QJsonValue>> members)
{
    QJsonObject o;
    for (const auto& [k, v] : members)
        o.insert(k, v);
    return o;
}

/// An ordinary app session: start-up, consent, log-in, feed browsing with thumbnails, SDK traffic.
void buildSession(SessionBuilder& s)
{
    const QString api = QStringLiteral("https://api.vidzy.example");
    const QString apiIp = QStringLiteral("203.0.113.10");
    s.json(QStringLiteral("GET"), api + QStringLiteral("/v2/config?platform=android&version=4.2.0"), apiIp, {},
           obj({ { QStringLiteral("feature_flags"), obj({ { QStringLiteral("draft_preupload"), true } }) },
                 { QStringLiteral("upload_host"), QStringLiteral("upload.vidzy.example") } }));
    s.json(QStringLiteral("POST"), QStringLiteral("https://firebaseinstallations.googleapis.com/v1/projects/vidzy-prod/installations"),
           QStringLiteral("142.250.74.106"),
           obj({ { QStringLiteral("fid"), QStringLiteral("cF3r9X2kQpW7vYb1LmN0aZ") }, { QStringLiteral("appId"), QStringLiteral("1:4242:android:9a8b7c") },
                 { QStringLiteral("authVersion"), QStringLiteral("FIS_v2") }, { QStringLiteral("sdkVersion"), QStringLiteral("a:17.1.0") } }),
           obj({ { QStringLiteral("name"), QStringLiteral("projects/4242/installations/cF3r9X2kQpW7vYb1LmN0aZ") } }));
    s.json(QStringLiteral("GET"), QStringLiteral("https://firebase-settings.crashlytics.com/spi/v2/platforms/android/gmp/1:4242:android:9a8b7c/settings"),
           QStringLiteral("142.250.74.99"), {}, obj({ { QStringLiteral("settings_version"), 3 } }));
    s.wait(800);
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/auth/login"), apiIp,
           obj({ { QStringLiteral("email"), QString::fromLatin1(Persona::email) }, { QStringLiteral("password"), QStringLiteral("correct-horse-battery-staple") },
                 { QStringLiteral("device_id"), QString::fromLatin1(Persona::androidId) } }),
           obj({ { QStringLiteral("user_id"), QStringLiteral("u_8841203377") }, { QStringLiteral("session_token"), QStringLiteral("vz_sess_51f0c9aa7e4b2d6f") } }));
    s.json(QStringLiteral("POST"), QStringLiteral("https://app.adjust.com/session"), QStringLiteral("185.151.204.10"),
           obj({ { QStringLiteral("app_token"), QStringLiteral("vdz3k2p9q8") }, { QStringLiteral("gps_adid"), QString::fromLatin1(Persona::adId) },
                 { QStringLiteral("android_id"), QString::fromLatin1(Persona::androidId) }, { QStringLiteral("device_name"), QString::fromLatin1(Persona::deviceModel) },
                 { QStringLiteral("os_version"), QString::fromLatin1(Persona::osVersion) }, { QStringLiteral("country"), QStringLiteral("US") } }),
           obj({ { QStringLiteral("message"), QStringLiteral("Session tracked") } }));
    s.json(QStringLiteral("POST"), QStringLiteral("https://launches.appsflyer.com/api/v6.12/androidevent?app_id=com.vidzy.android"),
           QStringLiteral("54.230.18.4"),
           obj({ { QStringLiteral("advertiserId"), QString::fromLatin1(Persona::adId) }, { QStringLiteral("model"), QString::fromLatin1(Persona::deviceModel) },
                 { QStringLiteral("brand"), QStringLiteral("google") }, { QStringLiteral("lang"), QStringLiteral("en-US") },
                 { QStringLiteral("operator"), QStringLiteral("T-Mobile") }, { QStringLiteral("af_timestamp"), QStringLiteral("1763647205123") } }),
           obj({ { QStringLiteral("status"), QStringLiteral("ok") } }));
    for (int page = 0; page < 4; ++page) {
        Entry& feed = s.json(QStringLiteral("GET"), api + QStringLiteral("/v2/feed?cursor=%1").arg(page * 10), apiIp, {},
                             obj({ { QStringLiteral("items"), 10 }, { QStringLiteral("next"), (page + 1) * 10 } }));
        Q_UNUSED(feed)
        for (int i = 0; i < 3; ++i) {
            Entry& thumb = s.add(QStringLiteral("GET"),
                                 QStringLiteral("https://d1x7vidzy.cloudfront.net/thumbs/%1.jpg").arg(s.random().hex(6)),
                                 QStringLiteral("13.32.99.%1").arg(10 + i));
            thumb.responseBody = QByteArray("\xFF\xD8\xFF\xE0", 4) + s.random().bytes(s.random().range(2000, 6000));
            thumb.responseMime = QStringLiteral("image/jpeg");
            thumb.responseHeaders = { { QStringLiteral("content-type"), QStringLiteral("image/jpeg") } };
            thumb.responseBase64 = true;
        }
        s.json(QStringLiteral("POST"), QStringLiteral("https://app-measurement.com/a"), QStringLiteral("142.250.74.110"),
               obj({ { QStringLiteral("events"), QStringLiteral("screen_view:feed,scroll:%1").arg(page) },
                     { QStringLiteral("lat"), Persona::lat }, { QStringLiteral("lng"), Persona::lon } }),
               {});
        s.wait(3000 + s.random().range(0, 2000));
    }
    s.json(QStringLiteral("POST"), QStringLiteral("https://graph.facebook.com/v18.0/4242424242/activities"), QStringLiteral("157.240.22.35"),
           obj({ { QStringLiteral("event"), QStringLiteral("CUSTOM_APP_EVENTS") }, { QStringLiteral("advertiser_id"), QString::fromLatin1(Persona::adId) },
                 { QStringLiteral("ud"), obj({ { QStringLiteral("em"), QStringLiteral("2b0a5b2c8d0a7e9f5d3c1b4a6e8f0d2c4b6a8e0f2d4c6b8a0e2f4d6c8b0a2e4f") } }) } }),
           obj({ { QStringLiteral("success"), true } }));
}

void writeHar(const QString& path, const std::vector<Entry>& entries, const QString& comment)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        fprintf(stderr, "cannot write %s\n", qPrintable(path));
        exit(1);
    }
    {
        JsonWriter w(file);
        w.startObject();
        w.key("log");
        w.startObject();
        w.key("version");
        w.value("1.2");
        w.key("creator");
        w.startObject();
        w.key("name");
        w.value("leakscope-demogen");
        w.key("version");
        w.value("1");
        w.endObject();
        w.key("comment");
        w.value(comment);
        w.key("entries");
        w.startArray();
        for (const Entry& e : entries) {
            w.startObject();
            w.key("startedDateTime");
            w.value(TimeUtil::formatIsoUtc(e.ts));
            w.key("time");
            w.value(e.durationMs);
            w.key("serverIPAddress");
            w.value(e.serverIp);
            w.key("request");
            w.startObject();
            w.key("method");
            w.value(e.method);
            w.key("url");
            w.value(e.url);
            w.key("httpVersion");
            w.value(e.httpVersion);
            w.key("headers");
            w.startArray();
            const QUrl url(e.url);
            for (const auto& [name, value] : e.requestHeaders) {
                w.startObject();
                w.key("name");
                w.value(name);
                w.key("value");
                w.value(value);
                w.endObject();
            }
            w.endArray();
            w.key("queryString");
            w.startArray();
            w.endArray();
            w.key("cookies");
            w.startArray();
            w.endArray();
            w.key("headersSize");
            w.value(-1);
            w.key("bodySize");
            w.value(static_cast<qint64>(e.requestBody.size()));
            if (!e.requestBody.isEmpty()) {
                w.key("postData");
                w.startObject();
                w.key("mimeType");
                w.value(e.requestMime);
                w.key("text");
                w.value(QString::fromUtf8(e.requestBody));
                w.endObject();
            }
            w.endObject();
            w.key("response");
            w.startObject();
            w.key("status");
            w.value(e.status);
            w.key("statusText");
            w.value(e.status == 200 ? "OK" : "");
            w.key("httpVersion");
            w.value(e.httpVersion);
            w.key("headers");
            w.startArray();
            for (const auto& [name, value] : e.responseHeaders) {
                w.startObject();
                w.key("name");
                w.value(name);
                w.key("value");
                w.value(value);
                w.endObject();
            }
            w.endArray();
            w.key("cookies");
            w.startArray();
            w.endArray();
            w.key("content");
            w.startObject();
            w.key("size");
            w.value(static_cast<qint64>(e.responseBody.size()));
            w.key("mimeType");
            w.value(e.responseMime);
            if (!e.responseBody.isEmpty()) {
                w.key("text");
                if (e.responseBase64) {
                    w.value(QString::fromLatin1(e.responseBody.toBase64()));
                    w.key("encoding");
                    w.value("base64");
                } else {
                    w.value(QString::fromUtf8(e.responseBody));
                }
            }
            w.endObject();
            w.key("redirectURL");
            w.value("");
            w.key("headersSize");
            w.value(-1);
            w.key("bodySize");
            w.value(static_cast<qint64>(e.responseBody.size()));
            w.endObject();
            w.key("cache");
            w.startObject();
            w.endObject();
            w.key("timings");
            w.startObject();
            w.key("send");
            w.value(1);
            w.key("wait");
            w.value(std::max(1, e.durationMs - 2));
            w.key("receive");
            w.value(1);
            w.endObject();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.endObject();
    }
    file.write("\n");
    if (!file.commit()) {
        fprintf(stderr, "cannot write %s\n", qPrintable(path));
        exit(1);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        fprintf(stderr, "usage: leakscope-demogen OUTPUT_DIR\n");
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    const Data::Timestamp start = *TimeUtil::parseIso8601(u"2026-11-20T14:00:00Z");
    SessionBuilder session(start, 0x5EED0001);
    buildSession(session);
    writeHar(out.filePath(QStringLiteral("vidzy-session.har")), session.entries(),
             QStringLiteral("SYNTHETIC DEMO DATA: a fictional app (Vidzy) and a made-up person; generated by "
                            "leakscope-demogen."));
    return 0;
}
