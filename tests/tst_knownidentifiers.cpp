// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Known identifiers (app/detect): the variants generated for each kind of value, the one-pass matcher, the
// matching of values that were encoded, hashed or turned into bytes independently of the variant generator,
// positions by distance, and the JSON format of EXPORT.md.
#include "decode/decoder.h"
#include "detect/categorydetector.h"
#include "detect/identifierjson.h"
#include "detect/identifiermatcher.h"
#include "detect/patternset.h"
#include "detect/variants.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QTest>

#include <set>
#include <zlib.h>

using namespace Detect;

namespace {

Data::KnownIdentifier known(const char* label, const char* category, const char* value, qint64 id = 1)
{
    return { id, QString::fromLatin1(label), QString::fromLatin1(category), QString::fromUtf8(value) };
}

bool hasPattern(const std::vector<Variants::Variant>& vs, const QByteArray& p, bool caseSensitive)
{
    for (const auto& v : vs) {
        if ((caseSensitive && v.pattern == p) || (!caseSensitive && v.pattern.toLower() == p.toLower()))
            return true;
    }
    return false;
}

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

std::vector<Hit> matchBody(const IdentifierMatcher& m, const QByteArray& body, const QByteArray& type,
    const QString& url = QStringLiteral("https://t.example.com/c"))
{
    Data::Flow flow;
    flow.url = url;
    if (!type.isEmpty())
        flow.requestHeaders.push_back({ "content-type", type });
    const Decode::Decoded d = Decode::decodeRequest(flow, body);
    return m.match(d, CategoryDetector().coordinates(d));
}

QString describe(const std::vector<Hit>& hits)
{
    QString out;
    for (const Hit& h : hits)
        out += QStringLiteral("  %1 \"%2\" %3 (%4)\n")
                   .arg(h.category, h.knownLabel, QString::fromUtf8(h.chain), h.variant);
    return out.isEmpty() ? QStringLiteral("  (nothing)\n") : out;
}

} // namespace

class TestKnownIdentifiers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emailVariants();
    void phoneVariants();
    void uuidMacAndroidIdVariants();
    void base64AlignmentsAreContextFree();
    void patternSet();
    void matchesIndependentEncodings_data();
    void matchesIndependentEncodings();
    void noMatchForOtherValues();
    void locationsByDistance();
    void jsonFormat_data();
    void jsonFormat();
};

void TestKnownIdentifiers::emailVariants()
{
    const auto vs =
        Variants::generate(known("me", "identity.email", " Zq7.Reporter+news@GMail.com "), QStringLiteral("US"));
    QVERIFY(hasPattern(vs, "Zq7.Reporter+news@GMail.com", false));
    QVERIFY(hasPattern(vs, "zq7reporter@gmail.com", false)); // Gmail canonical: dots and +tag removed
    QVERIFY(hasPattern(vs, "zq7.reporter@gmail.com", false)); // +tag removed
    QVERIFY(hasPattern(vs, "zq7.reporter%2Bnews%40gmail.com", false));
    QVERIFY(hasPattern(vs, "zq7.reporter%252Bnews%2540gmail.com", false)); // double URL encoding
    QVERIFY(hasPattern(vs, "zq7.reporter+news\\u0040gmail.com", false)); // JSON \u0040
    QVERIFY(hasPattern(vs, "zq7.reporter+news&#64;gmail.com", false));
    const QByteArray normalised = "zq7.reporter+news@gmail.com";
    for (auto algorithm : { QCryptographicHash::Md5, QCryptographicHash::Sha1, QCryptographicHash::Sha224,
             QCryptographicHash::Sha256, QCryptographicHash::Sha384, QCryptographicHash::Sha512 }) {
        const QByteArray digest = QCryptographicHash::hash(normalised, algorithm);
        QVERIFY2(hasPattern(vs, digest.toHex(), false), qPrintable(QString::number(algorithm)));
        QVERIFY(hasPattern(vs, digest.toHex().toUpper(), false));
        QVERIFY(hasPattern(vs, digest.toBase64(), true));
    }
    // Google/Meta normalisation for ad matching: trimmed, lowercase, Gmail dots removed.
    QVERIFY(
        hasPattern(vs, QCryptographicHash::hash("zq7reporter@gmail.com", QCryptographicHash::Sha256).toHex(), false));
    for (const auto& v : vs)
        QVERIFY(!v.description.isEmpty());
}

void TestKnownIdentifiers::phoneVariants()
{
    const auto vs = Variants::generate(known("phone", "identity.phone", "(650) 555-0142"), QStringLiteral("US"));
    for (const char* form : { "+16505550142", "16505550142", "6505550142", "(650) 555-0142", "+1 650-555-0142",
             "650-555-0142", "+1 650 555 0142", "%2B16505550142" })
        QVERIFY2(hasPattern(vs, form, false), form);
    QVERIFY(hasPattern(vs, QCryptographicHash::hash("+16505550142", QCryptographicHash::Sha256).toHex(), false));
    QVERIFY(hasPattern(vs, QCryptographicHash::hash("16505550142", QCryptographicHash::Sha256).toHex(),
        false)); // Snap: digits with country code
}

void TestKnownIdentifiers::uuidMacAndroidIdVariants()
{
    const auto u = Variants::generate(known("ad", "device.advertising_id", "3F6C2A1E-8B4D-4E7A-9C21-5D0E7B9A4F13"), {});
    QVERIFY(hasPattern(u, "3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13", false));
    QVERIFY(hasPattern(u, "3f6c2a1e8b4d4e7a9c215d0e7b9a4f13", false));
    QVERIFY(hasPattern(u, QByteArray::fromHex("3f6c2a1e8b4d4e7a9c215d0e7b9a4f13"), true)); // raw 16 bytes
    QVERIFY(hasPattern(u,
        QCryptographicHash::hash(QByteArray::fromHex("3f6c2a1e8b4d4e7a9c215d0e7b9a4f13"), QCryptographicHash::Sha256)
            .toHex(),
        false));
    QVERIFY(hasPattern(
        u, QCryptographicHash::hash("3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13", QCryptographicHash::Md5).toHex(), false));
    QCOMPARE(Variants::kindOf(known("ad", "device.advertising_id", "3F6C2A1E-8B4D-4E7A-9C21-5D0E7B9A4F13")),
        Variants::Kind::Uuid);

    const auto m = Variants::generate(known("mac", "device.hardware_id", "3C-5A-B4-0F-7E-21"), {});
    for (const char* form :
        { "3c:5a:b4:0f:7e:21", "3C:5A:B4:0F:7E:21", "3c-5a-b4-0f-7e-21", "3c5ab40f7e21", "3c5a.b40f.7e21" })
        QVERIFY2(hasPattern(m, form, false), form);
    QVERIFY(hasPattern(m, QByteArray::fromHex("3c5ab40f7e21"), true));

    const auto a = Variants::generate(known("aid", "device.hardware_id", "9F3B2C7D1E6A4B08"), {});
    QVERIFY(hasPattern(a, "9f3b2c7d1e6a4b08", false));
    QVERIFY(hasPattern(a, QByteArray::fromHex("9f3b2c7d1e6a4b08"), true)); // 8 bytes, big-endian
    QCOMPARE(Variants::kindOf(known("aid", "device.hardware_id", "9F3B2C7D1E6A4B08")), Variants::Kind::AndroidId);
    QVERIFY(Variants::generate(known("home", "location.precise", "37.4419,-122.1430"), {}).empty());
}

void TestKnownIdentifiers::base64AlignmentsAreContextFree()
{
    const QByteArray value = "zq7.reporter@example.org";
    for (int alignment = 0; alignment < 3; ++alignment) {
        for (bool urlSafe : { false, true }) {
            const QByteArray middle = Variants::base64Middle(value, alignment, urlSafe);
            QVERIFY(middle.size() >= 20);
            // Whatever precedes (with this alignment) and follows the value, the middle is in the encoding.
            for (const QByteArray& before : { QByteArray(), QByteArray("{\"a\":"), QByteArray("xyz") }) {
                if (before.size() % 3 != alignment)
                    continue;
                for (const QByteArray& after : { QByteArray(), QByteArray("\"}"), QByteArray("&&&&") }) {
                    QByteArray encoded = QByteArray(before + value + after).toBase64();
                    if (urlSafe)
                        encoded.replace('+', '-').replace('/', '_');
                    QVERIFY2(encoded.contains(middle), qPrintable(QStringLiteral("alignment %1").arg(alignment)));
                }
            }
        }
    }
}

void TestKnownIdentifiers::patternSet()
{
    PatternSet set;
    QCOMPARE(set.add("abc", false), -1); // too short
    const int email = set.add("zq7.Reporter@Example.org", false);
    const int b64 = set.add("enE3LnJlcG9ydGVy", true);
    const int shortOne = set.add("K9z4", false);
    set.build();
    QByteArray text(200000, 'x');
    text.replace(65530, 24, "ZQ7.REPORTER@EXAMPLE.ORG"); // across the 64 KiB chunk boundary
    text.replace(1000, 16, "enE3LnJlcG9ydGVy");
    text.replace(2000, 16, "ENE3LNJLCG9YDGVY"); // wrong case: base64 is case-sensitive
    text.replace(199996, 4, "k9Z4"); // at the very end
    std::set<std::pair<int, qsizetype>> found;
    set.scan(text, [&](int p, qsizetype at) { found.insert({ p, at }); });
    QVERIFY(found.count({ email, 65530 }));
    QVERIFY(found.count({ b64, 1000 }));
    QVERIFY(!found.count({ b64, 2000 }));
    QVERIFY(found.count({ shortOne, 199996 }));
    QCOMPARE(found.size(), size_t(3));
    // Overlapping occurrences are all reported.
    PatternSet overlapping;
    const int aa = overlapping.add("abababab", false);
    overlapping.build();
    int count = 0;
    overlapping.scan("abababababab", [&](int p, qsizetype) { count += p == aa; });
    QCOMPARE(count, 3);
}

void TestKnownIdentifiers::matchesIndependentEncodings_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("variant");
    const QByteArray email = "zq7.reporter@example.org";
    auto row = [](const char* name, const QByteArray& body, const QByteArray& type, const char* label,
                   const char* variant) {
        QTest::newRow(name) << body << type << QString::fromLatin1(label) << QString::fromLatin1(variant);
    };
    row("plain", R"({"e":"zq7.reporter@example.org"})", "application/json", "email", "the normalised email");
    row("capitals", "note=ZQ7.REPORTER@EXAMPLE.ORG", "text/plain", "email", "");
    row("SHA-256 hex", "h=" + QCryptographicHash::hash(email, QCryptographicHash::Sha256).toHex(), "text/plain",
        "email", "SHA-256 (hex) of the normalised email");
    row("MD5 upper hex", "h=" + QCryptographicHash::hash(email, QCryptographicHash::Md5).toHex().toUpper(),
        "text/plain", "email", "MD5 (hex)");
    row("SHA-1 base64", "h=" + QCryptographicHash::hash(email, QCryptographicHash::Sha1).toBase64(), "text/plain",
        "email", "SHA-1 (base64)");
    row("SHA-512 hex", "h=" + QCryptographicHash::hash(email, QCryptographicHash::Sha512).toHex(), "text/plain",
        "email", "SHA-512 (hex)");
    for (int pad = 0; pad < 3; ++pad) {
        // Inside a longer base64 blob at each alignment, in a binary body the decoder cannot unpack.
        const QByteArray blob = QByteArray(QByteArray(pad, 'Q') + "\x01\x02" + email + "\x03\x04").toBase64();
        QTest::newRow(qPrintable(QStringLiteral("base64 alignment %1").arg((pad + 2) % 3))) << QByteArray(
            "blob=" + blob) << QByteArray("text/plain") << QStringLiteral("email") << QStringLiteral("base64 of");
    }
    row("double URL-encoded", "x=zq7.reporter%2540example.org", "application/x-www-form-urlencoded", "email", "");
    row("JSON escaped", R"({"e":"zq7.reporter\u0040example.org"})", "application/json", "email",
        "the normalised email");
    row("gzip + base64 in JSON", R"({"p":")" + gzip(R"({"u":"zq7.reporter@example.org"})").toBase64() + "\"}",
        "application/json", "email", "the normalised email");
    row("hex", "d=" + email.toHex(), "text/plain", "email", "");
    row("phone E.164", R"({"p":"+16505550142"})", "application/json", "phone", "E.164");
    row("phone national digits", R"({"p":"6505550142"})", "application/json", "phone",
        "national phone number as digits");
    row("phone SHA-256 of E.164", "ph=" + QCryptographicHash::hash("+16505550142", QCryptographicHash::Sha256).toHex(),
        "text/plain", "phone", "SHA-256 (hex)");
    row("ad id raw bytes in protobuf",
        QByteArray("\x0a\x10", 2) + QByteArray::fromHex("3f6c2a1e8b4d4e7a9c215d0e7b9a4f13") + QByteArray("\x10\x01", 2),
        "application/x-protobuf", "ad id", "the raw 16-byte UUID");
    row("ad id upper without dashes", R"({"x":"3F6C2A1E8B4D4E7A9C215D0E7B9A4F13"})", "application/json", "ad id", "");
    row("ad id SHA-1",
        R"({"x":")" + QCryptographicHash::hash("3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13", QCryptographicHash::Sha1).toHex()
            + "\"}",
        "application/json", "ad id", "SHA-1 (hex)");
    row("MAC without separators", R"({"m":"3C5AB40F7E21"})", "application/json", "mac", "");
    row("canary, URL-encoded in a query string", "q=purple-giraffe-4471%20at%20the%20park",
        "application/x-www-form-urlencoded", "caption", "");
}

void TestKnownIdentifiers::matchesIndependentEncodings()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, label);
    QFETCH(QString, variant);
    const IdentifierMatcher m({ known("email", "identity.email", "zq7.reporter@example.org", 1),
                                  known("phone", "identity.phone", "+1 650-555-0142", 2),
                                  known("ad id", "device.advertising_id", "3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13", 3),
                                  known("mac", "device.hardware_id", "3c:5a:b4:0f:7e:21", 4),
                                  known("caption", "content.draft_text", "purple-giraffe-4471", 5) },
        QStringLiteral("US"));
    const std::vector<Hit> hits = matchBody(m, body, contentType);
    const Hit* hit = nullptr;
    for (const Hit& h : hits) {
        if (h.knownLabel == label)
            hit = &h;
    }
    QVERIFY2(hit, qPrintable(describe(hits)));
    QCOMPARE(hit->confidence, int(Confidence::High));
    QVERIFY2(hit->variant.contains(variant), qPrintable(hit->variant));
    QVERIFY(hit->reason.contains(label));
    // One value, one hit: a value and its decoding are not two findings.
    int same = 0;
    for (const Hit& h : hits)
        same += h.knownLabel == label;
    QCOMPARE(same, 1);
}

void TestKnownIdentifiers::noMatchForOtherValues()
{
    const IdentifierMatcher m({ known("email", "identity.email", "zq7.reporter@example.org") }, QStringLiteral("US"));
    for (const QByteArray& body :
        { QByteArray(R"({"e":"zq8.reporter@example.org"})"), QByteArray(R"({"e":"reporter@example.org"})"),
            QCryptographicHash::hash("zq7.reporter@example.com", QCryptographicHash::Sha256).toHex() })
        QVERIFY2(matchBody(m, body, "application/json").empty(), body.constData());
}

void TestKnownIdentifiers::locationsByDistance()
{
    const IdentifierMatcher m({ known("home", "location.precise", "37.44191,-122.14302") }, {});
    QCOMPARE(IdentifierMatcher::distanceMetres(37.44191, -122.14302, 37.44191, -122.14302), 0.0);
    const double d = IdentifierMatcher::distanceMetres(37.44191, -122.14302, 37.45091, -122.14302);
    QVERIFY(d > 990 && d < 1010); // 0.009° of latitude ≈ 1 km
    auto pb = [](double lat, double lon) -> QByteArray {
        QByteArray msg;
        for (auto [field, v] : { std::pair<int, double> { 1, lat }, { 2, lon } }) {
            msg.append(static_cast<char>(field << 3 | 1));
            char b[8];
            memcpy(b, &v, 8);
            msg.append(b, 8);
        }
        return QByteArray("\x12", 1) + QByteArray(1, static_cast<char>(msg.size())) + msg;
    };
    // 300 m away, as protobuf doubles without any key: found, with the distance in the variant.
    std::vector<Hit> near = matchBody(m, pb(37.44461, -122.14302), "application/x-protobuf");
    QCOMPARE(near.size(), size_t(1));
    QVERIFY2(near[0].variant.startsWith(QStringLiteral("coordinates 30")), qPrintable(near[0].variant));
    // Rounded to three decimals in JSON, E7 integers, "lat,lon" text.
    QCOMPARE(matchBody(m, R"({"lat":37.442,"lng":-122.143})", "application/json").size(), size_t(1));
    QCOMPARE(matchBody(m, R"({"latE7":374419100,"lngE7":-1221430200})", "application/json").size(), size_t(1));
    QCOMPARE(matchBody(m, R"({"ll":"37.4419,-122.1430"})", "application/json").size(), size_t(1));
    // 1.5 km away: not the known position. The same digits as text do not matter either.
    QVERIFY(matchBody(m, pb(37.45541, -122.14302), "application/x-protobuf").empty());
    QVERIFY(matchBody(m, "note=37.44191,-122.14302 is nice", "text/plain").empty());
}

void TestKnownIdentifiers::jsonFormat_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("EXPORT.md example") << QByteArray(
        R"([{"label": "my test email", "category": "identity.email", "value": "zq7.reporter@example.org"},
 {"label": "home",          "category": "location.precise", "value": "37.4419,-122.1430"},
 {"label": "canary caption","category": "content.draft_text", "value": "purple-giraffe-4471"}])")
                                       << QString();
    QTest::newRow("not JSON") << QByteArray("[{") << QStringLiteral("not valid JSON at byte offset");
    QTest::newRow("not an array") << QByteArray("{}") << QStringLiteral("expected a JSON array");
    QTest::newRow("unknown category") << QByteArray(
        R"([{"label":"a","category":"identity.email","value":"a@b.org"},{"label":"b","category":"identity.mail","value":"x@y.org"}])")
                                      << QStringLiteral("entry 2 (\"b\"): unknown category \"identity.mail\"");
    QTest::newRow("missing value") << QByteArray(R"([{"label":"a","category":"identity.email"}])")
                                   << QStringLiteral("entry 1: \"value\" is missing");
    QTest::newRow("bad location") << QByteArray(
        R"([{"label":"home","category":"location.precise","value":"somewhere"}])")
                                  << QStringLiteral("\"lat,lon\"");
    QTest::newRow("too short") << QByteArray(R"([{"label":"pin","category":"identity.credentials","value":"123"}])")
                               << QStringLiteral("too short");
}

void TestKnownIdentifiers::jsonFormat()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString why;
    const auto parsed = IdentifierJson::parse(json, &why);
    if (!error.isEmpty()) {
        QVERIFY(!parsed);
        QVERIFY2(why.contains(error), qPrintable(why));
        return;
    }
    QVERIFY2(parsed, qPrintable(why));
    QCOMPARE(parsed->size(), size_t(3));
    QCOMPARE(parsed->at(1).value, QStringLiteral("37.4419,-122.1430"));
    // Written back and read again, the same identifiers.
    const auto again = IdentifierJson::parse(IdentifierJson::write(*parsed), &why);
    QVERIFY(again);
    QCOMPARE(again->at(2).label, QStringLiteral("canary caption"));
}

QTEST_GUILESS_MAIN(TestKnownIdentifiers)
#include "tst_knownidentifiers.moc"
