// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Writes the demo captures of the fictional short-video app "Vidzy" (resources/demo/). Everything personal in
// them is synthetic: made-up people, identifiers and places. The third-party hosts are the real endpoints of
// widely used analytics and attribution SDKs, so the demo exercises the same attribution as a real capture.
// The output is deterministic (fixed clock and seed): tests regenerate it and compare byte for byte.
//
// Usage: leakscope-demogen OUTPUT_DIR

#include "common/hashing.h"
#include "common/timeutil.h"
#include "draftruns.h"
#include "report/jsonwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUrl>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>
#include <zlib.h>

namespace {

/// splitmix64: a tiny deterministic generator, identical on every platform.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    { }
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
// What the "What data goes" part of the demo plants (detect/): all invented, phone numbers from the 555-01xx
// range reserved for fiction, the IMEI is the documentation example 490154203237518.
const char* phone = "+1 650-555-0142";
const char* name = "Zq Testperson";
const char* userId = "u_8841203377"; // assigned by the Vidzy API at log-in
const char* imei = "490154203237518";
const char* mac = "3c:5a:b4:0f:7e:21";
const char* ssid = "zq7-HomeNet-5G";
const char* bssid = "3c:5a:b4:0f:7e:22";
const char* caption = "purple-giraffe-4471";
const char* clipboard = "zq7-clip-8c1e-canary";
const char* contactName = "Ziggy Canarycontact";
const char* contactPhone = "+16505550199";
const char* deviceName = "zq7-Pixel-84c1";
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
    bool requestBase64 = false; ///< binary request bodies (gzip, protobuf, media) go into the HAR as base64
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
    { }

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
        return QStringLiteral(
            "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 7 Build/UQ1A.240205.004) com.vidzy.android/4.2.0");
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

QByteArray gzipped(const QByteArray& in)
{
    // gzip with a zero timestamp, so the demo is the same on every run.
    z_stream zs {};
    deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(in.size())) + 32), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

QByteArray varint(quint64 v)
{
    QByteArray out;
    while (v >= 0x80) {
        out.append(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.append(static_cast<char>(v));
    return out;
}

QByteArray pbDouble(int field, double v)
{
    char b[8];
    memcpy(b, &v, 8);
    return varint(quint64(field) << 3 | 1) + QByteArray(b, 8);
}

QByteArray pbBytes(int field, const QByteArray& bytes)
{
    return varint(quint64(field) << 3 | 2) + varint(static_cast<quint64>(bytes.size())) + bytes;
}

QByteArray pbVarint(int field, quint64 v)
{
    return varint(quint64(field) << 3) + varint(v);
}

QByteArray jwtOf(const QJsonObject& payload)
{
    const auto b64 = [](const QByteArray& b) {
        return b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return b64(R"({"alg":"HS256","typ":"JWT"})") + '.' + b64(QJsonDocument(payload).toJson(QJsonDocument::Compact))
        + '.' + b64(Digest::hash(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
}

/// A small JPEG whose EXIF carries a GPS position (big-endian TIFF, GPS IFD with degrees/minutes/seconds).
QByteArray jpegWithGps(Random& random, double lat, double lon)
{
    auto u16 = [](int v) -> QByteArray {
        return QByteArray(1, static_cast<char>(v >> 8)) + QByteArray(1, static_cast<char>(v));
    };
    auto u32 = [](quint32 v) -> QByteArray {
        QByteArray o;
        for (int shift = 24; shift >= 0; shift -= 8)
            o.append(static_cast<char>(v >> shift));
        return o;
    };
    auto dms = [&](double deg) -> QByteArray {
        deg = std::abs(deg);
        const quint32 d = static_cast<quint32>(deg);
        const quint32 m = static_cast<quint32>((deg - d) * 60);
        const quint32 s1000 = static_cast<quint32>(std::lround(((deg - d) * 60 - m) * 60 * 1000));
        return u32(d) + u32(1) + u32(m) + u32(1) + u32(s1000) + u32(1000);
    };
    QByteArray tiff = QByteArray("MM\0*\0\0\0\x08", 8);
    tiff += u16(1) + u16(0x8825) + u16(4) + u32(1) + u32(26) + u32(0);
    tiff += u16(4);
    tiff += u16(1) + u16(2) + u32(2) + QByteArray(lat >= 0 ? "N\0\0\0" : "S\0\0\0", 4);
    tiff += u16(2) + u16(5) + u32(3) + u32(80);
    tiff += u16(3) + u16(2) + u32(2) + QByteArray(lon >= 0 ? "E\0\0\0" : "W\0\0\0", 4);
    tiff += u16(4) + u16(5) + u32(3) + u32(104);
    tiff += u32(0);
    tiff += dms(lat) + dms(lon);
    const QByteArray app1 = QByteArray("Exif\0\0", 6) + tiff;
    return QByteArray("\xFF\xD8\xFF\xE1", 4) + u16(static_cast<int>(app1.size()) + 2) + app1
        + QByteArray("\xFF\xDB\x00\x43\x00", 5) + random.bytes(64) + QByteArray("\xFF\xDA", 2) + random.bytes(24000)
        + QByteArray("\xFF\xD9", 2);
}

Entry& binary(SessionBuilder& s, const QString& method, const QString& url, const QString& ip, const QByteArray& body,
    const QString& mime, const QJsonObject& response)
{
    Entry& e = s.add(method, url, ip);
    e.requestBody = body;
    e.requestMime = mime;
    e.requestBase64 = true;
    e.requestHeaders.push_back({ QStringLiteral("content-type"), mime });
    e.responseBody = QJsonDocument(response).toJson(QJsonDocument::Compact);
    e.responseMime = QStringLiteral("application/json");
    e.responseHeaders = { { QStringLiteral("content-type"), e.responseMime } };
    return e;
}

/// The personal data the "What data goes" analysis should find, every category of TAXONOMY.md at least once
/// and several only encoded or hashed, plus traps that must not be reported.
void buildDataSamples(SessionBuilder& s)
{
    const QString api = QStringLiteral("https://api.vidzy.example");
    const QString apiIp = QStringLiteral("203.0.113.10");
    const QString userId = QString::fromLatin1(Persona::userId);
    const QByteArray jwt = jwtOf(obj({ { QStringLiteral("sub"), userId },
        { QStringLiteral("email"), QString::fromLatin1(Persona::email) }, { QStringLiteral("iat"), 1763647200 } }));
    const QString bearer = QStringLiteral("Bearer ") + QString::fromLatin1(jwt);

    // The profile: the server-assigned user id in the path, a JWT carrying the email, the user's name.
    Entry& profile = s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/users/%1/profile").arg(userId), apiIp,
        obj({ { QStringLiteral("display_name"), QString::fromLatin1(Persona::name) },
            { QStringLiteral("bio"), QStringLiteral("just testing") } }),
        obj({ { QStringLiteral("ok"), true } }));
    profile.requestHeaders.push_back({ QStringLiteral("authorization"), bearer });
    // Trap: a request id that is a UUID, without any advertising-id key.
    profile.requestHeaders.push_back(
        { QStringLiteral("x-request-id"), QStringLiteral("0b9e4f0c-7a51-4d8e-9f3a-2c6d8b1e5a47") });

    // The phone number, URL-encoded in a query string.
    s.json(QStringLiteral("GET"), api + QStringLiteral("/v2/account/verify?phone=%2B1%20650%20555%200142&channel=sms"),
        apiIp, {}, obj({ { QStringLiteral("sent"), true } }));

    // Contacts upload: names with SHA-256 of E.164 numbers, the planted canary contact among them.
    QJsonArray contacts;
    const char* names[] = { "Alex Example", "Bo Sample", "Cy Placeholder", "Di Fictional", "Ed Madeup" };
    const char* numbers[] = { "+16505550101", "+16505550102", "+16505550103", "+16505550104", "+16505550105" };
    for (int i = 0; i < 5; ++i)
        contacts.append(obj({ { QStringLiteral("name"), QString::fromLatin1(names[i]) },
            { QStringLiteral("phone_sha256"), QString::fromLatin1(Digest::sha256Hex(numbers[i])) } }));
    contacts.append(obj({ { QStringLiteral("name"), QString::fromLatin1(Persona::contactName) },
        { QStringLiteral("phone_sha256"), QString::fromLatin1(Digest::sha256Hex(Persona::contactPhone)) } }));
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/contacts/sync"), apiIp,
        obj({ { QStringLiteral("contacts"), contacts } }), obj({ { QStringLiteral("matches"), 1 } }));

    // Friends imported from another network.
    QJsonArray followers;
    for (int i = 0; i < 8; ++i)
        followers.append(QStringLiteral("ext_%1").arg(700100 + i * 37));
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/friends/import"), apiIp,
        obj({ { QStringLiteral("source"), QStringLiteral("othernetwork") },
            { QStringLiteral("followers"), followers } }),
        obj({ { QStringLiteral("imported"), 8 } }));

    // Precise location as protobuf doubles (no key names), coarse location as place fields.
    binary(s, QStringLiteral("POST"), QStringLiteral("https://telemetry.vidzy.example/v1/loc"),
        QStringLiteral("203.0.113.20"),
        pbBytes(1, "sess-7731")
            + pbBytes(2,
                pbDouble(1, std::round((Persona::lat + 0.0004) * 1e5) / 1e5)
                    + pbDouble(2, std::round((Persona::lon - 0.0003) * 1e5) / 1e5))
            + pbVarint(3, 1763647321),
        QStringLiteral("application/x-protobuf"), obj({ { QStringLiteral("ok"), true } }));
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/me/region"), apiIp,
        obj({ { QStringLiteral("city"), QStringLiteral("Palo Alto") },
            { QStringLiteral("postal_code"), QStringLiteral("94301") },
            { QStringLiteral("region"), QStringLiteral("CA") }, { QStringLiteral("country"), QStringLiteral("US") } }),
        obj({ { QStringLiteral("ok"), true } }));

    // Network diagnostics: Wi-Fi, cell, local IP, carrier codes.
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/diagnostics/network"), apiIp,
        obj({ { QStringLiteral("wifi"),
                  obj({ { QStringLiteral("ssid"), QString::fromLatin1(Persona::ssid) },
                      { QStringLiteral("bssid"), QString::fromLatin1(Persona::bssid) } }) },
            { QStringLiteral("cell"),
                obj({ { QStringLiteral("mcc"), QStringLiteral("310") },
                    { QStringLiteral("mnc"), QStringLiteral("260") },
                    { QStringLiteral("lac"), QStringLiteral("40495") },
                    { QStringLiteral("cell_id"), QStringLiteral("83950617") } }) },
            { QStringLiteral("local_ip"), QStringLiteral("192.168.1.23") },
            { QStringLiteral("carrier"), QStringLiteral("T-Mobile") } }),
        obj({ { QStringLiteral("ok"), true } }));

    // Device registration: IMEI, MAC address, the device name canary.
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/device/register"), apiIp,
        obj({ { QStringLiteral("imei"), QString::fromLatin1(Persona::imei) },
            { QStringLiteral("mac_address"), QString::fromLatin1(Persona::mac) },
            { QStringLiteral("device_label"), QString::fromLatin1(Persona::deviceName) } }),
        obj({ { QStringLiteral("registered"), true } }));

    // Installed apps, in a gzip-compressed request body.
    QJsonArray apps;
    for (const char* p : { "com.whatsapp", "com.instagram.android", "org.thoughtcrime.securesms",
             "com.google.android.apps.maps", "com.spotify.music", "com.ubercab", "com.duolingo", "org.mozilla.firefox",
             "com.nytimes.android", "de.tutao.tutanota", "com.grindrapp.android", "com.bumble.app" })
        apps.append(QString::fromLatin1(p));
    Entry& installed = binary(s, QStringLiteral("POST"), api + QStringLiteral("/v2/device/apps"), apiIp,
        gzipped(QJsonDocument(obj({ { QStringLiteral("installed_apps"), apps } })).toJson(QJsonDocument::Compact)),
        QStringLiteral("application/json"), obj({ { QStringLiteral("ok"), true } }));
    installed.requestHeaders.push_back({ QStringLiteral("content-encoding"), QStringLiteral("gzip") });

    // Face effects: 68 landmarks (dlib layout) and the head pose.
    QJsonArray landmarks;
    for (int i = 0; i < 68; ++i) {
        const double a = 2 * M_PI * i / 68.0;
        landmarks.append(QJsonArray { std::round((0.5 + 0.31 * std::cos(a)) * 10000) / 10000,
            std::round((0.52 + 0.4 * std::sin(a)) * 10000) / 10000 });
    }
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/effects/face"), apiIp,
        obj({ { QStringLiteral("face"),
            obj({ { QStringLiteral("landmarks"), landmarks }, { QStringLiteral("yaw"), 2.1 },
                { QStringLiteral("pitch"), -3.4 }, { QStringLiteral("roll"), 0.5 } }) } }),
        obj({ { QStringLiteral("effect"), QStringLiteral("sparkle") } }));

    // Voice enrolment: a speaker embedding.
    QJsonArray voice;
    for (int i = 0; i < 256; ++i)
        voice.append(std::round(std::sin(i * 0.37) * 10000) / 10000);
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/voice/enroll"), apiIp,
        obj({ { QStringLiteral("voiceprint"), voice } }), obj({ { QStringLiteral("enrolled"), true } }));

    // Typing: the caption canary streamed prefix by prefix, per-key timings, then the draft autosave.
    for (const char* prefix : { "pur", "purple-", "purple-gir", "purple-giraffe-4" }) {
        s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/compose/suggest"), apiIp,
            obj({ { QStringLiteral("q"), QString::fromLatin1(prefix) } }),
            obj({ { QStringLiteral("suggestions"), QJsonArray {} } }));
        s.wait(400);
    }
    QJsonArray keys;
    for (int i = 0; i < 6; ++i)
        keys.append(obj({ { QStringLiteral("down"), 1000 + i * 180 }, { QStringLiteral("up"), 1080 + i * 180 } }));
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/compose/telemetry"), apiIp,
        obj({ { QStringLiteral("keystrokes"), keys } }), obj({ { QStringLiteral("ok"), true } }));
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/drafts"), apiIp,
        obj({ { QStringLiteral("caption"),
                  QString(QString::fromLatin1(Persona::caption) + QStringLiteral(" at the park")) },
            { QStringLiteral("visibility"), QStringLiteral("draft") } }),
        obj({ { QStringLiteral("draft_id"), QStringLiteral("d_5521") } }));

    // The clipboard canary, base64-encoded.
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/compose/paste-check"), apiIp,
        obj({ { QStringLiteral("pasteboard"), QString::fromLatin1(QByteArray(Persona::clipboard).toBase64()) } }),
        obj({ { QStringLiteral("ok"), true } }));

    // Media: a profile photo with GPS in its EXIF (multipart), a voice note (Ogg Opus), a draft video (MP4).
    const QByteArray photo = jpegWithGps(s.random(), Persona::lat, Persona::lon);
    const QByteArray boundary = "vidzyBoundary7MA4YWxkTrZu0gW";
    const QByteArray multipart = "--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n"
        + R"({"kind":"avatar"})" + "\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"avatar.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n" + photo + "\r\n--" + boundary + "--\r\n";
    binary(s, QStringLiteral("POST"), api + QStringLiteral("/v2/profile/photo"), apiIp, multipart,
        QStringLiteral("multipart/form-data; boundary=") + QString::fromLatin1(boundary),
        obj({ { QStringLiteral("ok"), true } }));
    QByteArray opus = QByteArray("OggS\0\x02", 6) + QByteArray(20, '\0') + QByteArray("\x01\x13", 2)
        + QByteArray("OpusHead\x01\x01", 10);
    opus += s.random().bytes(6000);
    binary(s, QStringLiteral("POST"), api + QStringLiteral("/v2/voice/note"), apiIp, opus, QStringLiteral("audio/ogg"),
        obj({ { QStringLiteral("ok"), true } }));
    const QByteArray mp4 = QByteArray("\x00\x00\x00\x18"
                                      "ftypisom\x00\x00\x02\x00"
                                      "isommp42",
                               24)
        + s.random().bytes(48000);
    binary(s, QStringLiteral("PUT"), QStringLiteral("https://upload.vidzy.example/v2/upload/draft-5521?part=0"),
        QStringLiteral("203.0.113.30"), mp4, QStringLiteral("video/mp4"),
        obj({ { QStringLiteral("received"), 48024 } }));

    // An analytics batch, gzip-compressed, one event's payload base64 JSON that carries the ad id.
    QJsonArray events;
    const char* eventNames[] = { "app_open", "screen_view", "tap_record", "composer_open", "asset_load" };
    for (int i = 0; i < 5; ++i) {
        QJsonObject e = obj({ { QStringLiteral("name"), QString::fromLatin1(eventNames[i]) },
            { QStringLiteral("ts"), 1763647300000LL + i * 1500 } });
        if (i == 3)
            e.insert(QStringLiteral("payload"),
                QString::fromLatin1(
                    QJsonDocument(obj({ { QStringLiteral("screen"), QStringLiteral("composer") },
                                      { QStringLiteral("ad_id"), QString::fromLatin1(Persona::adId) } }))
                        .toJson(QJsonDocument::Compact)
                        .toBase64()));
        if (i == 4)
            e.insert(QStringLiteral("asset"), QStringLiteral("images/icon@2x.png")); // trap: not an email
        events.append(e);
    }
    Entry& batch = binary(s, QStringLiteral("POST"), api + QStringLiteral("/v2/analytics/batch"), apiIp,
        gzipped(
            QJsonDocument(obj({ { QStringLiteral("events"), events },
                              { QStringLiteral("request_id"), QStringLiteral("5f2c1d9e-3b7a-4c86-a1d4-9e0f6b2c7d35") },
                              { QStringLiteral("agent"), QStringLiteral("vidzy-sdk user@1.2.3") } }))
                .toJson(QJsonDocument::Compact)),
        QStringLiteral("application/json"), obj({ { QStringLiteral("accepted"), 5 } }));
    batch.requestHeaders.push_back({ QStringLiteral("content-encoding"), QStringLiteral("gzip") });

    // A third-party SDK that receives the user id the Vidzy API assigned, and a zeroed advertising id.
    s.json(QStringLiteral("POST"), QStringLiteral("https://api2.branch.io/v1/open"), QStringLiteral("18.160.10.25"),
        obj({ { QStringLiteral("developer_identity"), userId },
            { QStringLiteral("gaid"), QStringLiteral("00000000-0000-0000-0000-000000000000") },
            { QStringLiteral("lat_val"), 1 } }),
        obj({ { QStringLiteral("session_id"), QStringLiteral("1203948576") } }));

    // Responses full of other people's data and places: never reported as leaks of the user.
    s.json(QStringLiteral("GET"), api + QStringLiteral("/v2/stores/nearby"), apiIp, {},
        obj({ { QStringLiteral("stores"),
            QJsonArray { obj({ { QStringLiteral("name"), QStringLiteral("Vidzy Pop-up") },
                             { QStringLiteral("lat"), 37.44312 }, { QStringLiteral("lng"), -122.16105 } }),
                obj({ { QStringLiteral("name"), QStringLiteral("Vidzy Studio") }, { QStringLiteral("lat"), 37.39021 },
                    { QStringLiteral("lng"), -122.08113 } }) } } }));
    QJsonArray people;
    for (const char* who : { "Mira Okonkwo-Test", "Jun Placeholder", "Lea Fakename", "Omar Sampleson", "Ines Notreal" })
        people.append(obj({ { QStringLiteral("author"), QString::fromLatin1(who) },
            { QStringLiteral("author_email"),
                QString(QString::fromLatin1(QByteArray(who).toLower().replace(' ', '.'))
                    + QStringLiteral("@example.net")) },
            { QStringLiteral("phone"), QStringLiteral("+1 415-555-01%1").arg(people.size() + 10) } }));
    s.json(QStringLiteral("GET"), api + QStringLiteral("/v2/feed/following"), apiIp, {},
        obj({ { QStringLiteral("items"), people } }));
}

/// An ordinary app session: start-up, consent, log-in, feed browsing with thumbnails, SDK traffic.
void buildSession(SessionBuilder& s)
{
    const QString api = QStringLiteral("https://api.vidzy.example");
    const QString apiIp = QStringLiteral("203.0.113.10");
    s.json(QStringLiteral("GET"), api + QStringLiteral("/v2/config?platform=android&version=4.2.0"), apiIp, {},
        obj({ { QStringLiteral("feature_flags"), obj({ { QStringLiteral("draft_preupload"), true } }) },
            { QStringLiteral("upload_host"), QStringLiteral("upload.vidzy.example") } }));
    s.json(QStringLiteral("POST"),
        QStringLiteral("https://firebaseinstallations.googleapis.com/v1/projects/vidzy-prod/installations"),
        QStringLiteral("142.250.74.106"),
        obj({ { QStringLiteral("fid"), QStringLiteral("cF3r9X2kQpW7vYb1LmN0aZ") },
            { QStringLiteral("appId"), QStringLiteral("1:4242:android:9a8b7c") },
            { QStringLiteral("authVersion"), QStringLiteral("FIS_v2") },
            { QStringLiteral("sdkVersion"), QStringLiteral("a:17.1.0") } }),
        obj({ { QStringLiteral("name"), QStringLiteral("projects/4242/installations/cF3r9X2kQpW7vYb1LmN0aZ") } }));
    s.json(QStringLiteral("GET"),
        QStringLiteral(
            "https://firebase-settings.crashlytics.com/spi/v2/platforms/android/gmp/1:4242:android:9a8b7c/settings"),
        QStringLiteral("142.250.74.99"), {}, obj({ { QStringLiteral("settings_version"), 3 } }));
    s.wait(800);
    s.json(QStringLiteral("POST"), api + QStringLiteral("/v2/auth/login"), apiIp,
        obj({ { QStringLiteral("email"), QString::fromLatin1(Persona::email) },
            { QStringLiteral("password"), QStringLiteral("correct-horse-battery-staple") },
            { QStringLiteral("device_id"), QString::fromLatin1(Persona::androidId) } }),
        obj({ { QStringLiteral("user_id"), QStringLiteral("u_8841203377") },
            { QStringLiteral("session_token"), QStringLiteral("vz_sess_51f0c9aa7e4b2d6f") } }));
    s.json(QStringLiteral("POST"), QStringLiteral("https://app.adjust.com/session"), QStringLiteral("185.151.204.10"),
        obj({ { QStringLiteral("app_token"), QStringLiteral("vdz3k2p9q8") },
            { QStringLiteral("gps_adid"), QString::fromLatin1(Persona::adId) },
            { QStringLiteral("android_id"), QString::fromLatin1(Persona::androidId) },
            { QStringLiteral("device_name"), QString::fromLatin1(Persona::deviceModel) },
            { QStringLiteral("os_version"), QString::fromLatin1(Persona::osVersion) },
            { QStringLiteral("country"), QStringLiteral("US") } }),
        obj({ { QStringLiteral("message"), QStringLiteral("Session tracked") } }));
    s.json(QStringLiteral("POST"),
        QStringLiteral("https://launches.appsflyer.com/api/v6.12/androidevent?app_id=com.vidzy.android"),
        QStringLiteral("54.230.18.4"),
        obj({ { QStringLiteral("advertiserId"), QString::fromLatin1(Persona::adId) },
            { QStringLiteral("model"), QString::fromLatin1(Persona::deviceModel) },
            { QStringLiteral("brand"), QStringLiteral("google") }, { QStringLiteral("lang"), QStringLiteral("en-US") },
            { QStringLiteral("operator"), QStringLiteral("T-Mobile") },
            { QStringLiteral("af_timestamp"), QStringLiteral("1763647205123") } }),
        obj({ { QStringLiteral("status"), QStringLiteral("ok") } }));
    for (int page = 0; page < 4; ++page) {
        Entry& feed = s.json(QStringLiteral("GET"), api + QStringLiteral("/v2/feed?cursor=%1").arg(page * 10), apiIp,
            {}, obj({ { QStringLiteral("items"), 10 }, { QStringLiteral("next"), (page + 1) * 10 } }));
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
        s.json(QStringLiteral("POST"), QStringLiteral("https://app-measurement.com/a"),
            QStringLiteral("142.250.74.110"),
            obj({ { QStringLiteral("events"), QStringLiteral("screen_view:feed,scroll:%1").arg(page) },
                { QStringLiteral("lat"), Persona::lat }, { QStringLiteral("lng"), Persona::lon } }),
            {});
        s.wait(3000 + s.random().range(0, 2000));
    }
    s.json(QStringLiteral("POST"), QStringLiteral("https://graph.facebook.com/v18.0/4242424242/activities"),
        QStringLiteral("157.240.22.35"),
        obj({ { QStringLiteral("event"), QStringLiteral("CUSTOM_APP_EVENTS") },
            { QStringLiteral("advertiser_id"), QString::fromLatin1(Persona::adId) },
            { QStringLiteral("ud"),
                obj({ { QStringLiteral("em"),
                    QString::fromLatin1(Digest::sha256Hex(QByteArray(Persona::email).toLower())) } }) } }),
        obj({ { QStringLiteral("success"), true } }));
    buildDataSamples(s);
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
                if (e.requestBase64) {
                    w.value(QString::fromLatin1(e.requestBody.toBase64()));
                    w.key("encoding");
                    w.value("base64");
                } else {
                    w.value(QString::fromUtf8(e.requestBody));
                }
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

/// The investigator's own identifiers and canaries for the demo (EXPORT.md "Known identifiers JSON").
void writeKnownIdentifiers(const QString& path)
{
    const std::pair<const char*, std::pair<const char*, QString>> entries[] = {
        { "test email", { "identity.email", QString::fromLatin1(Persona::email) } },
        { "test phone", { "identity.phone", QString::fromLatin1(Persona::phone) } },
        { "test name", { "identity.name", QString::fromLatin1(Persona::name) } },
        { "test phone's advertising ID", { "device.advertising_id", QString::fromLatin1(Persona::adId) } },
        { "test phone's Android ID", { "device.hardware_id", QString::fromLatin1(Persona::androidId) } },
        { "test phone's IMEI", { "device.hardware_id", QString::fromLatin1(Persona::imei) } },
        { "test phone's Wi-Fi MAC", { "device.hardware_id", QString::fromLatin1(Persona::mac) } },
        { "device name canary", { "device.fingerprint", QString::fromLatin1(Persona::deviceName) } },
        { "home Wi-Fi name (canary SSID)", { "location.wifi_cell", QString::fromLatin1(Persona::ssid) } },
        { "home",
            { "location.precise", QStringLiteral("%1,%2").arg(Persona::lat, 0, 'f', 5).arg(Persona::lon, 0, 'f', 5) } },
        { "canary caption", { "content.draft_text", QString::fromLatin1(Persona::caption) } },
        { "clipboard canary", { "content.clipboard", QString::fromLatin1(Persona::clipboard) } },
        { "canary contact's phone", { "contacts.address_book", QString::fromLatin1(Persona::contactPhone) } },
    };
    QJsonArray array;
    for (const auto& [label, rest] : entries)
        array.append(obj({ { QStringLiteral("label"), QString::fromLatin1(label) },
            { QStringLiteral("category"), QString::fromLatin1(rest.first) },
            { QStringLiteral("value"), rest.second } }));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(array).toJson(QJsonDocument::Indented)) < 0
        || !file.commit()) {
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
    writeKnownIdentifiers(out.filePath(QStringLiteral("known-identifiers.json")));
    DraftRuns::write(out);
    return 0;
}
