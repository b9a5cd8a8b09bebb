// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The category detectors (app/detect): per category, table-driven positives and negatives, values nested two
// or three encodings deep, and the traps of the issue (icon@2x.png, user@1.2.3, request-id UUIDs, timestamps …).
#include "decode/decoder.h"
#include "detect/categories.h"
#include "detect/categorydetector.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <zlib.h>

using namespace Detect;

namespace {

QByteArray gzip(const QByteArray& in)
{
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

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// {"outer": base64(json)} gzip-compressed: a value three encodings deep (gzip > json > base64 > json).
QByteArray deep(const QByteArray& innerJson)
{
    return gzip(R"({"outer":")" + innerJson.toBase64() + "\"}");
}

QByteArray pbDouble(int field, double v)
{
    QByteArray out(1, static_cast<char>(field << 3 | 1));
    char b[8];
    memcpy(b, &v, 8);
    return out + QByteArray(b, 8);
}

QByteArray numbers(int count, int dims)
{
    QByteArray out = "[";
    for (int i = 0; i < count; ++i) {
        if (i)
            out += ',';
        if (dims > 1) {
            out += '[';
            for (int d = 0; d < dims; ++d)
                out += (d ? "," : "") + QByteArray::number(0.31 + 0.001 * i + 0.01 * d, 'f', 4);
            out += ']';
        } else {
            out += QByteArray::number(std::sin(i * 0.3), 'f', 5);
        }
    }
    return out + ']';
}

QByteArray flat(int count)
{
    QByteArray out = "[";
    for (int i = 0; i < count; ++i)
        out += (i ? "," : "") + QByteArray::number(0.2 + 0.0007 * i, 'f', 4);
    return out + ']';
}

std::vector<Hit> scan(
    const QByteArray& body, const QByteArray& contentType, const QString& url, const Data::Headers& headers)
{
    Data::Flow flow;
    flow.url = url;
    flow.method = QStringLiteral("POST");
    flow.requestHeaders = headers;
    if (!contentType.isEmpty())
        flow.requestHeaders.push_back({ "content-type", contentType });
    const Decode::Decoded d = Decode::decodeRequest(flow, body);
    MessageInfo info;
    info.url = url;
    info.host = QStringLiteral("api.example.com");
    info.registrableDomain = QStringLiteral("example.com");
    return CategoryDetector().scan(d, info);
}

QString describe(const std::vector<Hit>& hits)
{
    QString out;
    for (const Hit& h : hits)
        out += QStringLiteral("  %1 %2 %3 [%4] %5\n")
                   .arg(h.category, Confidence::name(h.confidence), QString::fromUtf8(h.chain), h.detector, h.reason);
    return out.isEmpty() ? QStringLiteral("  (nothing)\n") : out;
}

} // namespace

class TestDetectors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void categories_data();
    void categories();
    void responsesAreNeverLeaks();
    void mediaOnlyWithPlausibleSize();
    void exifGpsIsALocation();
    void maskingNeverShowsTheValue();
    void hostileInputNeverCrashes();
};

void TestDetectors::categories_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("category");
    QTest::addColumn<int>("confidence"); // -1: the category must not be reported
    QTest::addColumn<QByteArray>("chain"); // expected encoding_chain (empty: any)

    const QByteArray j = "application/json";
    const QString u = QStringLiteral("https://api.example.com/v1/x");
    auto row = [&](const char* name, const QByteArray& body, const QByteArray& type, const char* category,
                   int confidence, const QByteArray& chain = {}, const QString& url = {}) {
        QTest::newRow(name) << body << type << (url.isEmpty() ? u : url) << QString::fromLatin1(category) << confidence
                            << chain;
    };

    // identity.email
    row("email under email key", R"({"email":"zq7.reporter@example.org"})", j, "identity.email", Confidence::Medium,
        "json>$.email");
    row("email in free text", R"({"note":"mail zq7.reporter@example.org soon"})", j, "identity.email", Confidence::Low);
    row("email in a form", "e=zq7.reporter%40example.org&x=1", "application/x-www-form-urlencoded", "identity.email",
        Confidence::Medium, "form>$.e");
    row("email three deep", deep(R"({"email":"zq7.reporter@example.org"})"), j, "identity.email", Confidence::Medium,
        "gzip>json>$.outer>base64>json>$.email");
    row("hashed email under em", R"({"ud":{"em":"6c7cb30a8e3e2b8ec1a3a6f0f2b2a7b6b1a8b0e2b9d8e6f1c4a7b2d9e0f3a461"}})",
        j, "identity.email", Confidence::Medium, "json>$.ud.em");
    row("trap: icon@2x.png", R"({"asset":"images/icon@2x.png","email":"icon@2x.png"})", j, "identity.email", -1);
    row("trap: user@1.2.3", R"({"agent":"vidzy-sdk user@1.2.3","email":"user@1.2.3"})", j, "identity.email", -1);
    row("trap: npm scope", R"({"dep":"@babel/core@7.22.0"})", j, "identity.email", -1);
    row("trap: not a real TLD", R"({"email":"someone@host.localdomainx"})", j, "identity.email", -1);
    row("trap: URL user info", R"({"u":"https://bob@files.example.com/a"})", j, "identity.email", -1);
    row("trap: file extension TLD .mov", R"({"file":"clip@final.mov"})", j, "identity.email", -1);

    // identity.phone
    row("phone under phone key", R"({"phone":"+1 650-555-0142"})", j, "identity.phone", Confidence::Medium,
        "json>$.phone");
    row("phone as a number", R"({"mobile":6505550142})", j, "identity.phone", Confidence::Medium);
    row("phone URL-encoded in query", {}, {}, "identity.phone", Confidence::Medium, "query>$.phone",
        QStringLiteral("https://api.example.com/v?phone=%2B44%2020%207946%200958"));
    row("phone two deep (base64 form)", QByteArray("d=" + QByteArray("tel=%2B16505550142&x=1").toBase64()),
        "application/x-www-form-urlencoded", "identity.phone", Confidence::Medium, "form>$.d>base64>form>$.tel");
    row("trap: 13-digit timestamp", R"({"phone":"1763647205123","ts":1763647205123})", j, "identity.phone", -1);
    row("trap: IMEI is not a phone", R"({"phone":"490154203237518"})", j, "identity.phone", -1);
    row("trap: number without key", R"({"order":"+16505550142"})", j, "identity.phone", -1);

    // identity.name: only through known identifiers
    row("a name is not reported by shape", R"({"display_name":"Zq Testperson"})", j, "identity.name", -1);

    // identity.credentials
    row("password", R"({"email":"a@example.org","password":"hunter2!"})", j, "identity.credentials", Confidence::Medium,
        "json>$.password");
    row("password placeholder", R"({"password":"********"})", j, "identity.credentials", -1);
    {
        const QByteArray jwt =
            QByteArray(R"({"alg":"HS256"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            + '.'
            + QByteArray(R"({"sub":"u_42"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            + ".c2lnbmF0dXJl";
        row("JWT with a subject in a body", QByteArray(R"({"t":")" + jwt + "\"}"), j, "identity.credentials",
            Confidence::High, "json>$.t");
    }
    row("session token", R"({"session_token":"vz_sess_51f0c9aa7e4b2d6f"})", j, "identity.credentials",
        Confidence::Medium);

    // identity.account_id by key
    row("user id", R"({"user_id":"u_8841203377"})", j, "identity.account_id", Confidence::Medium, "json>$.user_id");
    row("firebase installation id", R"({"fid":"cF3r9X2kQpW7vYb1LmN0aZ"})", j, "identity.account_id",
        Confidence::Medium);
    row("trap: template placeholder", R"({"uid":"%UID%"})", j, "identity.account_id", -1);

    // contacts.address_book
    {
        QJsonArray people;
        for (int i = 0; i < 5; ++i)
            people.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("Person %1").arg(i) },
                { QStringLiteral("phone"), QStringLiteral("+1650555010%1").arg(i) } });
        row("five people with phones", json({ { QStringLiteral("contacts"), people } }), j, "contacts.address_book",
            Confidence::Medium);
        people.removeLast();
        row("four people are not an address book", json({ { QStringLiteral("contacts"), people } }), j,
            "contacts.address_book", -1);
    }
    {
        QJsonArray hashes;
        for (int i = 0; i < 6; ++i)
            hashes.append(QString::fromLatin1(
                QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha256).toHex()));
        row("hashed phones", json({ { QStringLiteral("hashed_phones"), hashes } }), j, "contacts.address_book",
            Confidence::Medium);
    }
    row("five numbers to a contacts endpoint",
        R"({"list":"+16505550101, +16505550102, +16505550103","more":["+16505550104","+16505550105"]})", j,
        "contacts.address_book", Confidence::Medium, {}, QStringLiteral("https://api.example.com/v2/contacts/upload"));
    row("trap: timestamps are not contacts",
        R"({"events":[{"ts":1763647300000},{"ts":1763647301000},{"ts":1763647302000},{"ts":1763647303000},{"ts":1763647304000}]})",
        j, "contacts.address_book", -1);

    // contacts.social_graph
    row("followers", R"({"followers":["a1","b2","c3","d4"]})", j, "contacts.social_graph", Confidence::Medium);
    row("two followers are not a graph", R"({"followers":["a1","b2"]})", j, "contacts.social_graph", -1);

    // location.precise
    row("lat/lng keys", R"({"lat":37.44191,"lng":-122.14302})", j, "location.precise", Confidence::Medium,
        "json>$.lat");
    row("lat,lon text", R"({"ll":"37.4419,-122.1430"})", j, "location.precise", Confidence::Medium);
    row("E7 integers", R"({"latE7":374419100,"lngE7":-1221430200})", j, "location.precise", Confidence::Medium);
    row("GeoJSON lon first", R"({"geometry":{"type":"Point","coordinates":[-122.14302,37.44191]}})", j,
        "location.precise", Confidence::Medium);
    row("protobuf doubles, no keys",
        QByteArray(1, '\x12') + QByteArray(1, 18) + pbDouble(1, 37.44191) + pbDouble(2, -122.14302),
        "application/x-protobuf", "location.precise", Confidence::Low);
    row("location three deep", deep(R"({"loc":{"latitude":"37.44191","longitude":"-122.14302"}})"), j,
        "location.precise", Confidence::Medium);
    row("geohash of 8", R"({"geohash":"9q9hrh5s"})", j, "location.precise", Confidence::Medium);
    row("trap: two decimals are not precise", R"({"lat":37.44,"lng":-122.14})", j, "location.precise", -1);
    row("trap: screen coordinates", R"({"x":37.44191,"y":-122.14302})", j, "location.precise", -1);
    row("trap: null island", R"({"lat":0,"lng":0})", j, "location.precise", -1);
    row("trap: out of range", R"({"lat":95.12345,"lng":-122.14302})", j, "location.precise", -1);

    // location.coarse
    row("city and postal code", R"({"city":"Palo Alto","postal_code":"94301"})", j, "location.coarse",
        Confidence::Medium);
    row("coarse coordinates", R"({"lat":37.44,"lng":-122.14})", j, "location.coarse", Confidence::Medium);
    row("trap: app state", R"({"state":"foreground","region":"eu-west-1"})", j, "location.coarse", -1);

    // location.wifi_cell
    row("SSID", R"({"ssid":"zq7-HomeNet-5G"})", j, "location.wifi_cell", Confidence::Medium);
    row("BSSID", R"({"wifi":{"bssid":"3C:5A:B4:0F:7E:22"}})", j, "location.wifi_cell", Confidence::Medium);
    row("cell tower", R"({"cell":{"mcc":"310","mnc":"260","lac":"40495","cell_id":"83950617"}})", j,
        "location.wifi_cell", Confidence::Medium);
    row("trap: placeholder BSSID", R"({"bssid":"02:00:00:00:00:00"})", j, "location.wifi_cell", -1);

    // network.ip_address
    row("local IP under key", R"({"local_ip":"192.168.1.23"})", j, "network.ip_address", Confidence::Medium);
    row("private IP without key", R"({"note":"gateway 10.0.0.1 ok"})", j, "network.ip_address", Confidence::Low);
    row("IPv6 link-local", R"({"iface":"fe80::1c2a:9bff:fe3d:7a21"})", j, "network.ip_address", Confidence::Low);
    row("trap: version string", R"({"version":"10.12.0.1","sdk":"4.12.0.1"})", j, "network.ip_address", -1);
    row("trap: loopback", R"({"ip":"127.0.0.1"})", j, "network.ip_address", -1);

    // network.carrier
    row("carrier name", R"({"carrier":"T-Mobile"})", j, "network.carrier", Confidence::Medium);
    row("MCC-MNC", R"({"mccmnc":"310260"})", j, "network.carrier", Confidence::Medium);
    row("trap: unknown carrier", R"({"carrier":"unknown"})", j, "network.carrier", -1);

    // device.advertising_id
    row("GAID", R"({"gps_adid":"3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13"})", j, "device.advertising_id",
        Confidence::Medium);
    row("IDFA in a query", {}, {}, "device.advertising_id", Confidence::Medium, "query>$.idfa",
        QStringLiteral("https://t.example.com/e?idfa=3F6C2A1E-8B4D-4E7A-9C21-5D0E7B9A4F13"));
    row("zeroed ad id", R"({"advertising_id":"00000000-0000-0000-0000-000000000000"})", j, "device.advertising_id",
        Confidence::Medium);
    row("ad id two deep",
        QByteArray(R"({"p":")" + QByteArray(R"({"ifa":"3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13"})").toBase64() + "\"}"), j,
        "device.advertising_id", Confidence::Medium, "json>$.p>base64>json>$.ifa");
    row("trap: request id UUID",
        R"({"request_id":"0b9e4f0c-7a51-4d8e-9f3a-2c6d8b1e5a47","trace":"5f2c1d9e-3b7a-4c86-a1d4-9e0f6b2c7d35"})", j,
        "device.advertising_id", -1);

    // device.hardware_id
    row("IMEI", R"({"imei":"490154203237518"})", j, "device.hardware_id", Confidence::Medium);
    row("trap: IMEI with a wrong check digit", R"({"imei":"490154203237519"})", j, "device.hardware_id", -1);
    row("Android ID", R"({"android_id":"9f3b2c7d1e6a4b08"})", j, "device.hardware_id", Confidence::Medium);
    row("MAC under key", R"({"mac_address":"3c:5a:b4:0f:7e:21"})", j, "device.hardware_id", Confidence::Medium);
    row("MAC without key", R"({"iface":"3c:5a:b4:0f:7e:21"})", j, "device.hardware_id", Confidence::Low);
    row("trap: placeholder MAC", R"({"mac":"02:00:00:00:00:00"})", j, "device.hardware_id", -1);
    row("serial", R"({"serial":"R58N30ABCDE"})", j, "device.hardware_id", Confidence::Medium);

    // device.fingerprint
    row("five attributes together",
        R"({"model":"Pixel 7","os_version":"14","locale":"en_US","screen_width":1080,"battery_level":0.81})", j,
        "device.fingerprint", Confidence::Medium);
    row("two attributes are not a fingerprint", R"({"model":"Pixel 7","os_version":"14"})", j, "device.fingerprint",
        -1);

    // device.installed_apps
    row("installed apps under key", R"({"installed_apps":["com.whatsapp","org.mozilla.firefox","com.spotify.music"]})",
        j, "device.installed_apps", Confidence::Medium);
    row("ten packages without key",
        R"({"x":["com.a.one","com.b.two","com.c.three","org.d.four","net.e.five","io.f.six","de.g.seven","com.h.eight","com.i.nine","com.j.ten"]})",
        j, "device.installed_apps", Confidence::Low);
    row("installed apps gzip", gzip(R"({"apps":["com.whatsapp","org.mozilla.firefox","com.spotify.music"]})"), j,
        "device.installed_apps", Confidence::Medium, "gzip>json>$.apps");
    row("trap: host names",
        R"({"x":["www.a.com","www.b.com","www.c.com","www.d.com","www.e.com","www.f.com","www.g.com","www.h.com","www.i.com","www.j.com"]})",
        j, "device.installed_apps", -1);

    // biometric.face
    row("MediaPipe face mesh", QByteArray(R"({"face_mesh":)" + flat(468 * 3) + "}"), j, "biometric.face",
        Confidence::High);
    row("dlib 68 landmarks", QByteArray(R"({"face":{"landmarks":)" + numbers(68, 2) + R"(,"yaw":2.1}})"), j,
        "biometric.face", Confidence::High);
    row("face embedding", QByteArray(R"({"face":{"embedding":)" + numbers(128, 1) + "}}"), j, "biometric.face",
        Confidence::Medium);
    row("468 points without a key", QByteArray(R"({"p":)" + numbers(468, 3) + "}"), j, "biometric.face",
        Confidence::Low);
    row("trap: device orientation", R"({"sensor":{"yaw":2.1,"pitch":-3.4,"roll":0.5}})", j, "biometric.face", -1);
    row("trap: build fingerprint",
        R"({"fingerprint":"google/panther/panther:14/UQ1A.240205.004/11269751:user/release-keys"})", j,
        "biometric.face", -1);

    // biometric.voice
    row("voiceprint", QByteArray(R"({"voiceprint":)" + numbers(256, 1) + "}"), j, "biometric.voice",
        Confidence::Medium);

    // content.clipboard
    row("pasteboard", R"({"pasteboard":"some copied text"})", j, "content.clipboard", Confidence::Medium);

    // behavior.keystrokes
    row("keystroke events",
        R"({"keystrokes":[{"down":1000,"up":1080},{"down":1180,"up":1260},{"down":1360,"up":1440}]})", j,
        "behavior.keystrokes", Confidence::Medium);

    // behavior.usage_events
    row("event list", R"({"events":[{"name":"app_open","ts":1},{"name":"screen_view","ts":2}]})", j,
        "behavior.usage_events", Confidence::Medium);
    row("analytics hit in a query", {}, {}, "behavior.usage_events", Confidence::Medium, {},
        QStringLiteral("https://www.google-analytics.com/g/collect?v=2&en=page_view&tid=G-X"));
    row("a single setting is not an event stream", R"({"screen_brightness":0.5})", j, "behavior.usage_events", -1);

    // media
    row("JPEG upload", QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(4000, 'x'), "image/jpeg", "media.image",
        Confidence::High);
    row("MP4 upload",
        QByteArray("\x00\x00\x00\x18"
                   "ftypmp42\x00\x00\x00\x00",
            16)
            + QByteArray(5000, '\x01'),
        "video/mp4", "media.video", Confidence::High);
    row("photo as base64 in JSON",
        QByteArray(R"({"photo":")"
            + QByteArray(QByteArray("\x89PNG\r\n\x1A\n", 8) + QByteArray(3000, '\x02')).toBase64() + "\"}"),
        j, "media.image", Confidence::High, "json>$.photo>base64");
    row("M4A audio in multipart",
        "--b\r\nContent-Disposition: form-data; name=\"note\"; filename=\"n.m4a\"\r\nContent-Type: audio/mp4\r\n\r\n"
            + QByteArray("\x00\x00\x00\x1c"
                         "ftypM4A \x00\x00\x00\x00",
                16)
            + QByteArray(3000, '\x03') + "\r\n--b--\r\n",
        "multipart/form-data; boundary=b", "media.audio", Confidence::High, "multipart[note]");
    row("trap: magic in a tiny body", QByteArray("\xFF\xD8\xFF\xE0tiny", 8), "application/octet-stream", "media.image",
        -1);
}

void TestDetectors::categories()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, url);
    QFETCH(QString, category);
    QFETCH(int, confidence);
    QFETCH(QByteArray, chain);
    const std::vector<Hit> hits = scan(body, contentType, url, {});
    const Hit* found = nullptr;
    for (const Hit& h : hits) {
        if (h.category == category && (chain.isEmpty() || h.chain == chain)
            && (!found || h.confidence > found->confidence))
            found = &h;
    }
    if (confidence < 0) {
        QVERIFY2(!found, qPrintable(QStringLiteral("%1 must not be reported; got:\n%2").arg(category, describe(hits))));
        return;
    }
    QVERIFY2(found,
        qPrintable(QStringLiteral("no %1%2; got:\n%3")
                       .arg(category, chain.isEmpty() ? QString() : QStringLiteral(" at ") + QString::fromUtf8(chain),
                           describe(hits))));
    QCOMPARE(Confidence::name(found->confidence), Confidence::name(confidence));
    QVERIFY(!found->reason.isEmpty());
    QVERIFY(!found->location.isEmpty());
}

void TestDetectors::responsesAreNeverLeaks()
{
    // A feed with other people's names, emails and store coordinates: nothing when it is a response.
    const QByteArray body =
        R"({"items":[{"author":"Mira Okonkwo-Test","author_email":"mira@example.net","lat":37.44312,"lng":-122.16105}]})";
    Data::Flow flow;
    flow.url = QStringLiteral("https://api.example.com/v2/feed");
    flow.responseHeaders = { { "content-type", "application/json" } };
    const Decode::Decoded d = Decode::decodeResponse(flow, body);
    MessageInfo info;
    info.request = false;
    QVERIFY(CategoryDetector().scan(d, info).empty());
    // The same as a request is reported.
    info.request = true;
    QVERIFY(!CategoryDetector().scan(d, info).empty());
}

void TestDetectors::mediaOnlyWithPlausibleSize()
{
    const std::vector<Hit> big = scan(
        QByteArray("OggS\0\x02", 6) + QByteArray(20, '\0') + QByteArray("\x01\x13OpusHead", 10) + QByteArray(3000, 'a'),
        "audio/ogg", QStringLiteral("https://u.example.com/v"), {});
    QCOMPARE(big.size(), size_t(1));
    QCOMPARE(big[0].category, QStringLiteral("media.audio"));
    QVERIFY(big[0].evidence.contains(QStringLiteral("Ogg Opus")));
    // MP3 frame syncs are two bytes: only a long stream counts.
    QVERIFY(scan(QByteArray("\xFF\xFB\x90\x00", 4) + QByteArray(200, 'a'), "application/octet-stream",
        QStringLiteral("https://u.example.com/v"), {})
                .empty());
}

void TestDetectors::exifGpsIsALocation()
{
    // A JPEG whose EXIF says 37°26'30.876"N 122°8'34.872"W.
    auto u16 = [](int v) -> QByteArray {
        return QByteArray(1, static_cast<char>(v >> 8)) + QByteArray(1, static_cast<char>(v));
    };
    auto u32 = [](quint32 v) -> QByteArray {
        QByteArray o;
        for (int s = 24; s >= 0; s -= 8)
            o.append(static_cast<char>(v >> s));
        return o;
    };
    QByteArray tiff =
        QByteArray("MM\0*\0\0\0\x08", 8) + u16(1) + u16(0x8825) + u16(4) + u32(1) + u32(26) + u32(0) + u16(4);
    tiff += u16(1) + u16(2) + u32(2) + QByteArray("N\0\0\0", 4) + u16(2) + u16(5) + u32(3) + u32(80);
    tiff += u16(3) + u16(2) + u32(2) + QByteArray("W\0\0\0", 4) + u16(4) + u16(5) + u32(3) + u32(104) + u32(0);
    tiff += u32(37) + u32(1) + u32(26) + u32(1) + u32(30876) + u32(1000) + u32(122) + u32(1) + u32(8) + u32(1)
        + u32(34872) + u32(1000);
    const QByteArray app1 = QByteArray("Exif\0\0", 6) + tiff;
    const QByteArray jpeg = QByteArray("\xFF\xD8\xFF\xE1", 4) + u16(static_cast<int>(app1.size()) + 2) + app1
        + QByteArray("\xFF\xDA", 2) + QByteArray(3000, 'z');
    const std::vector<Hit> hits = scan(jpeg, "image/jpeg", QStringLiteral("https://u.example.com/p"), {});
    bool image = false, place = false;
    for (const Hit& h : hits) {
        image |= h.category == u"media.image" && h.confidence == Confidence::High;
        place |=
            h.category == u"location.precise" && h.detector == u"exif-gps" && h.normalized == "37.44191,-122.14302";
    }
    QVERIFY2(image && place, qPrintable(describe(hits)));
}

void TestDetectors::maskingNeverShowsTheValue()
{
    QCOMPARE(maskValue("zq7.reporter@example.org"), QStringLiteral("zq7.•••.org"));
    QCOMPARE(maskValue("abc"), QStringLiteral("•••"));
    QCOMPARE(evidenceExcerpt("email",
                 "a\x01"
                 "bcdefgh"),
        QStringLiteral("email: a\\x01•••gh"));
    for (const QByteArray& v :
        { QByteArray("3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13"), QByteArray("+16505550142"), QByteArray("hunter2!") }) {
        const QString m = maskValue(v);
        QVERIFY(!m.contains(QString::fromLatin1(v)));
        QVERIFY(m.size() < v.size());
    }
    QCOMPARE(valueHash(QStringLiteral("identity.email"), "a@b.org").size(), 32);
    QVERIFY(valueHash(QStringLiteral("identity.email"), "a@b.org")
        != valueHash(QStringLiteral("identity.phone"), "a@b.org"));
}

void TestDetectors::hostileInputNeverCrashes()
{
    // Pseudo-random and half-structured bodies through the decoder, every detector and the matcher.
    quint64 state = 7;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<char>(state >> 56);
    };
    const QByteArray pieces[] = { "{\"lat\":", "[", "]", "}", ",", "\"email\":\"a@b.org\"", "\"landmarks\":[", "1.5",
        "\"", "\"contacts\":[{\"name\":\"x\",\"phone\":\"+16505550101\"}", "eyJhbGciOiJub25lIn0.", "%2B",
        "\xFF\xD8\xFF", "ftypisom", "bplist00", "\x0a\x10" };
    const QByteArray types[] = { "application/json", "application/x-protobuf", "text/plain",
        "multipart/form-data; boundary=a", "" };
    for (int i = 0; i < 400; ++i) {
        QByteArray body;
        const int n = 1 + (i * 13) % 90;
        for (int k = 0; k < n; ++k) {
            if (next() & 1)
                body += pieces[static_cast<unsigned char>(next()) % std::size(pieces)];
            else
                body += next();
        }
        for (const Hit& h : scan(body, types[i % std::size(types)],
                 QStringLiteral("https://api.example.com/v2/contacts?x=") + QString::number(i), {}))
            QVERIFY(Categories::isKnown(h.category));
    }
}

QTEST_GUILESS_MAIN(TestDetectors)
#include "tst_detectors.moc"
