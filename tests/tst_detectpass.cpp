// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The detect pass end to end: on the demo every planted category is found with the right category, key and
// known identifier (several only encoded or hashed) and no trap is reported; the export follows the filter;
// findings are recomputed when identifiers change; findings on real captures are plausible.
#include "detect/categories.h"
#include "detect/evidence.h"
#include "detect/findingstore.h"
#include "pipeline/analysis.h"
#include "pipeline/captureimport.h"
#include "pipeline/demo.h"
#include "report/jsonexport.h"
#include "store/database.h"
#include "store/flowquery.h"
#include "store/investigation.h"
#include "store/knownidentifiers.h"
#include "testutils.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace TestUtils;

namespace {

QString describe(const std::vector<Data::FindingRow>& rows)
{
    QString out;
    for (const auto& f : rows)
        out += QStringLiteral("  %1 %2 %3 %4 [%5] %6\n")
                   .arg(f.category, Confidence::name(f.confidence), f.host, f.encodingChain, f.knownIdentifier,
                       f.detector);
    return out;
}

QString urlOf(Investigation& inv, qint64 flowId)
{
    const auto f = inv.flow(flowId);
    return f ? f->flow.url : QString();
}

} // namespace

class TestDetectPass : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyCategoryIsFound();
    void plantedData_data();
    void plantedData();
    void trapsAreNotReported();
    void responsesAreKeptApart();
    void evidenceShowsTheDecodedRequest();
    void exportRespectsTheFilter();
    void flowsFilterByCategory();
    void recomputedWhenIdentifiersChange();
    void checkedInCapture();
    void corpusFindingsArePlausible();

private:
    Scratch m_scratch;
    QString m_demo;
    std::vector<Data::FindingRow> m_findings;
};

void TestDetectPass::initTestCase()
{
    qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
    m_demo = m_scratch.path(QStringLiteral("demo.leakscope"));
    QString error;
    QVERIFY2(Demo::build(m_demo, &error), qPrintable(error));
    auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
    m_findings = FindingStore::findings(inv->db(), {});
    QVERIFY(m_findings.size() > 30);
}

void TestDetectPass::everyCategoryIsFound()
{
    QSet<QString> seen;
    for (const auto& f : m_findings)
        seen.insert(f.category);
    for (const QString& id : Categories::ids())
        QVERIFY2(seen.contains(id),
            qPrintable(QStringLiteral("%1 not found in the demo:\n%2").arg(id, describe(m_findings))));
    for (const QString& id : std::as_const(seen))
        QVERIFY2(Categories::isKnown(id), qPrintable(id));
}

void TestDetectPass::plantedData_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("chain"); // encoding_chain, exact
    QTest::addColumn<QString>("known"); // known identifier label, or empty for "none needed"
    QTest::addColumn<int>("confidence");
    QTest::addColumn<QString>("variant"); // part of the variant or reason
    auto row = [](const char* name, const char* category, const char* chain, const char* known, int confidence,
                   const char* variant = "") {
        QTest::newRow(name) << QString::fromLatin1(category) << QString::fromLatin1(chain) << QString::fromLatin1(known)
                            << confidence << QString::fromUtf8(variant);
    };
    row("email at log-in", "identity.email", "json>$.email", "test email", Confidence::High, "the normalised email");
    row("SHA-256 email to Meta", "identity.email", "json>$.ud.em", "test email", Confidence::High,
        "SHA-256 (hex) of the normalised email");
    row("email inside a JWT", "identity.email", "bearer>jwt>$.payload.email", "test email", Confidence::High);
    row("URL-encoded phone", "identity.phone", "query>$.phone", "test phone", Confidence::High);
    row("name", "identity.name", "json>$.display_name", "test name", Confidence::High);
    row("server-assigned id in the path", "identity.account_id", "path>$[2]", "", Confidence::Medium, "assigned");
    row("server-assigned id sent on to Branch", "identity.account_id", "json>$.developer_identity", "",
        Confidence::High, "third party");
    row("password", "identity.credentials", "json>$.password", "", Confidence::Medium);
    row("bearer JWT", "identity.credentials", "", "", Confidence::High, "Authorization");
    row("contacts list", "contacts.address_book", "json>$.contacts", "", Confidence::Medium, "6 people");
    row("canary contact, hashed", "contacts.address_book", "json>$.contacts[5].phone_sha256", "canary contact's phone",
        Confidence::High, "SHA-256");
    row("followers", "contacts.social_graph", "json>$.followers", "", Confidence::Medium);
    row("lat/lng to Firebase", "location.precise", "json>$.lat", "home", Confidence::High, "from the known position");
    row("protobuf doubles", "location.precise", "protobuf>$.#2.#1", "home", Confidence::High, "protobuf doubles");
    row("EXIF GPS of the photo", "location.precise", "multipart[photo]", "home", Confidence::High, "EXIF");
    row("city and postal code", "location.coarse", "json", "", Confidence::Medium);
    row("SSID canary", "location.wifi_cell", "json>$.wifi.ssid", "home Wi-Fi name (canary SSID)", Confidence::High);
    row("BSSID", "location.wifi_cell", "json>$.wifi.bssid", "", Confidence::Medium);
    row("cell tower", "location.wifi_cell", "json>$.cell", "", Confidence::Medium);
    row("local IP", "network.ip_address", "json>$.local_ip", "", Confidence::Medium);
    row("carrier", "network.carrier", "json>$.operator", "", Confidence::Medium);
    row("ad id to Adjust", "device.advertising_id", "json>$.gps_adid", "test phone's advertising ID", Confidence::High);
    row("ad id gzip>json>base64>json", "device.advertising_id", "gzip>json>$.events[3].payload>base64>json>$.ad_id",
        "test phone's advertising ID", Confidence::High);
    row("zeroed ad id", "device.advertising_id", "json>$.gaid", "", Confidence::Medium, "zeroed");
    row("IMEI", "device.hardware_id", "json>$.imei", "test phone's IMEI", Confidence::High);
    row("MAC", "device.hardware_id", "json>$.mac_address", "test phone's Wi-Fi MAC", Confidence::High);
    row("Android ID", "device.hardware_id", "json>$.android_id", "test phone's Android ID", Confidence::High);
    row("device name canary", "device.fingerprint", "json>$.device_label", "device name canary", Confidence::High);
    row("attributes together", "device.fingerprint", "json>$.brand", "", Confidence::Medium,
        "kinds of device attributes");
    row("installed apps, gzip body", "device.installed_apps", "gzip>json>$.installed_apps", "", Confidence::Medium,
        "12 app package names");
    row("face landmarks", "biometric.face", "json>$.face.landmarks", "", Confidence::High, "68-point");
    row("voiceprint", "biometric.voice", "json>$.voiceprint", "", Confidence::Medium);
    row("video upload", "media.video", "binary", "", Confidence::High, "MP4");
    row("photo upload", "media.image", "multipart[photo]", "", Confidence::High, "JPEG");
    row("voice note", "media.audio", "binary", "", Confidence::High, "Ogg Opus");
    row("caption canary", "content.draft_text", "json>$.caption", "canary caption", Confidence::High);
    row("clipboard canary in base64", "content.clipboard", "json>$.pasteboard>base64", "clipboard canary",
        Confidence::High);
    row("usage events", "behavior.usage_events", "gzip>json>$.events", "", Confidence::Medium, "5 analytics events");
    row("caption typed prefix by prefix", "behavior.keystrokes", "json>$.q", "canary caption", Confidence::High,
        "as it was typed");
    row("per-key timings", "behavior.keystrokes", "json>$.keystrokes", "", Confidence::Medium);
}

void TestDetectPass::plantedData()
{
    QFETCH(QString, category);
    QFETCH(QString, chain);
    QFETCH(QString, known);
    QFETCH(int, confidence);
    QFETCH(QString, variant);
    for (const auto& f : m_findings) {
        if (f.category != category || (!chain.isEmpty() && f.encodingChain != chain)
            || (!known.isEmpty() && f.knownIdentifier != known))
            continue;
        if (!variant.isEmpty() && !f.variant.contains(variant) && !f.reason.contains(variant))
            continue;
        QCOMPARE(Confidence::name(f.confidence), Confidence::name(confidence));
        QCOMPARE(f.direction, QStringLiteral("request"));
        QVERIFY(!f.evidence.isEmpty());
        QVERIFY(!f.valueHash.isEmpty());
        return;
    }
    QFAIL(qPrintable(QStringLiteral("not found; the demo's findings of %1:\n%2").arg(category, describe([&] {
        std::vector<Data::FindingRow> of;
        for (const auto& f : m_findings)
            if (f.category == category)
                of.push_back(f);
        return of;
    }()))));
}

void TestDetectPass::trapsAreNotReported()
{
    auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
    for (const auto& f : m_findings) {
        const QString url = urlOf(*inv, f.flowId);
        // Responses full of other people and places: nothing about those requests (they carry no data).
        QVERIFY2(!url.contains(QStringLiteral("/stores/nearby")) && !url.contains(QStringLiteral("/feed/following")),
            qPrintable(url));
        // icon@2x.png and user@1.2.3 are not emails; the only address in the demo's requests is the investigator's.
        if (f.category == u"identity.email")
            QCOMPARE(f.knownIdentifier, QStringLiteral("test email"));
        // Timestamps, order numbers and IMEIs are not phone numbers.
        if (f.category == u"identity.phone")
            QCOMPARE(f.knownIdentifier, QStringLiteral("test phone"));
        // Request-id UUIDs are not advertising ids.
        if (f.category == u"device.advertising_id")
            QVERIFY2(f.key != u"request_id" && !f.location.contains(QStringLiteral("request-id")), qPrintable(f.key));
        // Thirteen-digit timestamps in an analytics batch are not a contact list.
        if (f.category == u"contacts.address_book")
            QVERIFY2(url.endsWith(QStringLiteral("/v2/contacts/sync")), qPrintable(url));
        // Evidence never carries a whole known value.
        for (const char* secret : { "zq7.reporter@example.org", "3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13",
                 "490154203237518", "purple-giraffe-4471" })
            QVERIFY2(!f.evidence.contains(QLatin1String(secret)), qPrintable(f.evidence));
    }
}

void TestDetectPass::responsesAreKeptApart()
{
    auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
    const auto all = FindingStore::findings(inv->db(), {}, true);
    int responses = 0;
    for (const auto& f : all) {
        if (f.direction != u"response")
            continue;
        ++responses;
        // What a response contained is only ever the investigator's own known data echoed back.
        QVERIFY(!f.knownIdentifier.isEmpty());
        QVERIFY(!f.category.startsWith(QStringLiteral("location.")));
    }
    QVERIFY(all.size() == m_findings.size() + static_cast<size_t>(responses));
    // The export lists requests only.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(JsonExport::write(*inv, buffer));
    for (const QJsonValue& v :
        QJsonDocument::fromJson(buffer.data()).object().value(QStringLiteral("findings")).toArray())
        QCOMPARE(v.toObject().value(QStringLiteral("direction")).toString(), QStringLiteral("request"));
}

void TestDetectPass::evidenceShowsTheDecodedRequest()
{
    auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
    int checked = 0;
    for (const auto& f : m_findings) {
        if (f.encodingChain == u"gzip>json>$.events[3].payload>base64>json>$.ad_id"
            || f.encodingChain == u"query>$.phone" || f.encodingChain == u"json>$.email") {
            const Evidence::Explanation e = Evidence::explain(*inv, f);
            QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
            QVERIFY(e.highlightStart >= 0 && e.highlightLength > 0);
            const QString highlighted = e.text.mid(e.highlightStart, e.highlightLength);
            if (f.encodingChain.startsWith(u"gzip")) {
                // The gzip body is shown decompressed; the highlight is the base64 payload that holds the ad id.
                QVERIFY(e.text.contains(QStringLiteral("[body after gzip")));
                QVERIFY(QByteArray::fromBase64(highlighted.mid(1, highlighted.size() - 2).toLatin1())
                            .contains("3f6c2a1e-8b4d-4e7a-9c21-5d0e7b9a4f13"));
                QStringList names;
                for (const auto& s : e.steps)
                    names.append(s.name);
                QVERIFY2(names.contains(QStringLiteral("gzip")) && names.contains(QStringLiteral("base64")),
                    qPrintable(names.join(u',')));
            } else if (f.encodingChain == u"query>$.phone") {
                QCOMPARE(highlighted, QStringLiteral("%2B1%20650%20555%200142"));
            } else {
                QCOMPARE(highlighted, QStringLiteral("\"zq7.reporter@example.org\""));
            }
            ++checked;
        }
    }
    QVERIFY(checked >= 3);
}

void TestDetectPass::exportRespectsTheFilter()
{
    auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
    auto exported = [&](const Data::Filter& filter) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        JsonExport::write(*inv, buffer, filter);
        return QJsonDocument::fromJson(buffer.data()).object().value(QStringLiteral("findings")).toArray();
    };
    const QJsonArray all = exported({});
    QVERIFY(all.size() > 30);
    for (const QJsonValue& v : all) {
        const QJsonObject o = v.toObject();
        for (const char* field : { "app", "capture", "category", "host", "registrable_domain", "flow", "timestamp",
                 "direction", "location", "key", "evidence", "confidence", "known_identifier", "encoding_chain" })
            QVERIFY2(o.contains(QLatin1String(field)), field);
        QCOMPARE(o.value(QStringLiteral("app")).toString(), QStringLiteral("Vidzy"));
    }
    // Deduplicated per (domain, category, value): the ad id sent to Adjust once is one entry.
    int adjustAdIds = 0;
    for (const QJsonValue& v : all)
        adjustAdIds += v[QStringLiteral("registrable_domain")].toString() == u"adjust.com"
            && v[QStringLiteral("category")].toString() == u"device.advertising_id";
    QCOMPARE(adjustAdIds, 1);

    Data::Filter categories;
    categories.categories = { QStringLiteral("media.video"), QStringLiteral("media.image") };
    // The session capture only: the demo's draft-vs-posted runs upload the draft video too.
    categories.captureIds = { Investigation::open(m_demo, Investigation::OpenMode::ReadOnly)
                                  ->findCapture(QStringLiteral("vidzy-session.har"))
                                  ->id };
    const QJsonArray media = exported(categories);
    QCOMPARE(media.size(), 2);
    Data::Filter high;
    high.minConfidence = QStringLiteral("high");
    for (const QJsonValue& v : exported(high))
        QCOMPARE(v[QStringLiteral("confidence")].toString(), QStringLiteral("high"));
    Data::Filter otherApp;
    otherApp.appIds = { 999 };
    QVERIFY(exported(otherApp).isEmpty());
    Data::Filter otherCapture;
    otherCapture.captureIds = { 999 };
    QVERIFY(exported(otherCapture).isEmpty());
    Data::Filter early;
    early.to = m_findings.front().ts + 1;
    const QJsonArray first = exported(early);
    QVERIFY(!first.isEmpty() && first.size() < all.size());
}

void TestDetectPass::flowsFilterByCategory()
{
    auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
    Data::Filter f;
    f.categories = { QStringLiteral("media.video") };
    f.captureIds = { inv->findCapture(QStringLiteral("vidzy-session.har"))->id }; // not the draft-vs-posted runs
    const auto ids = FlowQuery::ids(inv->db(), f);
    QCOMPARE(ids.size(), size_t(1));
    QVERIFY(urlOf(*inv, ids.front()).contains(QStringLiteral("upload.vidzy.example")));
    f.categories.clear();
    f.captureIds.clear();
    f.minConfidence = QStringLiteral("high");
    QVERIFY(FlowQuery::ids(inv->db(), f).size() < static_cast<size_t>(inv->flowCount()));
}

void TestDetectPass::recomputedWhenIdentifiersChange()
{
    const QString copy = m_scratch.path(QStringLiteral("copy.leakscope"));
    QVERIFY(QFile::copy(m_demo, copy));
    auto inv = Investigation::open(copy, Investigation::OpenMode::ReadWrite);
    KnownIdentifierStore::replaceAll(inv->db(), {});
    QVERIFY(Analysis::run(*inv, { QStringLiteral("detect") }).ok);
    const auto without = FindingStore::findings(inv->db(), {});
    QSet<QString> categories;
    for (const auto& f : without) {
        QVERIFY(f.knownIdentifier.isEmpty());
        categories.insert(f.category);
    }
    // What only a known identifier can tell is gone; what the detectors see alone stays.
    QVERIFY(!categories.contains(QStringLiteral("identity.name")));
    QVERIFY(!categories.contains(QStringLiteral("content.draft_text")));
    QVERIFY(categories.contains(QStringLiteral("identity.email")));
    QVERIFY(categories.contains(QStringLiteral("media.video")));
    // Adding one identifier back brings its findings back.
    QCOMPARE(KnownIdentifierStore::merge(inv->db(),
                 { { 0, QStringLiteral("me"), QStringLiteral("identity.name"), QStringLiteral("Zq Testperson") } })
                 .added,
        1);
    QVERIFY(Analysis::run(*inv, { QStringLiteral("detect") }).ok);
    bool name = false;
    for (const auto& f : FindingStore::findings(inv->db(), {}))
        name |= f.category == u"identity.name" && f.knownIdentifier == u"me";
    QVERIFY(name);
}

void TestDetectPass::checkedInCapture()
{
    // A Firefox HAR of a form post to httpbin.org: the form's email field (from the shared corpus).
    const QString path = m_scratch.path(QStringLiteral("form.leakscope"));
    auto inv = Investigation::open(path, Investigation::OpenMode::Create);
    ImportRequest request;
    request.path = data(QStringLiteral("detect/httpolice__firefox_post_form.har"));
    QVERIFY(importCapture(*inv, request).ok);
    QVERIFY(Analysis::run(*inv).ok);
    const auto findings = FindingStore::findings(inv->db(), {});
    QCOMPARE(findings.size(), size_t(1));
    QCOMPARE(findings[0].category, QStringLiteral("identity.email"));
    QCOMPARE(findings[0].key, QStringLiteral("custemail"));
    QCOMPARE(findings[0].encodingChain, QStringLiteral("form>$.custemail"));
    QCOMPARE(findings[0].registrableDomain, QStringLiteral("httpbin.org"));
    QCOMPARE(findings[0].confidence, int(Confidence::Medium));
    QVERIFY(!findings[0].evidence.contains(QStringLiteral("vasiliy@example.com")));
}

void TestDetectPass::corpusFindingsArePlausible()
{
    const QString dir = corpus(QStringLiteral("har"));
    if (dir.isEmpty())
        QSKIP("the shared corpus is not available");
    const QString path = m_scratch.path(QStringLiteral("corpus.leakscope"));
    auto inv = Investigation::open(path, Investigation::OpenMode::Create);
    for (const QString& name : QDir(dir).entryList({ QStringLiteral("*.har") }, QDir::Files)) {
        ImportRequest request;
        request.path = QDir(dir).filePath(name);
        importCapture(*inv, request); // broken fixtures are refused; that is the importer's business
    }
    QVERIFY(Analysis::run(*inv).ok);
    const auto findings = FindingStore::findings(inv->db(), {});
    QVERIFY(!findings.empty());
    bool thirdPartySync = false;
    for (const auto& f : findings) {
        QVERIFY(Categories::isKnown(f.category));
        QVERIFY(f.confidence >= Confidence::Low && f.confidence <= Confidence::High);
        QVERIFY(!f.evidence.isEmpty() && !f.reason.isEmpty());
        QCOMPARE(f.direction, QStringLiteral("request"));
        // Browsing captures carry no faces, contacts or uploads: a detector that says so is wrong.
        QVERIFY2(!f.category.startsWith(QStringLiteral("biometric."))
                && !f.category.startsWith(QStringLiteral("contacts.")) && f.category != u"device.installed_apps",
            qPrintable(f.category + QLatin1Char(' ') + f.encodingChain + QLatin1Char(' ') + f.host));
        // No image asset name is ever an email address.
        if (f.category == u"identity.email")
            QVERIFY2(!f.evidence.contains(QStringLiteral(".png")) && !f.evidence.contains(QStringLiteral(".jpg")),
                qPrintable(f.evidence));
        // The news site's ad partners pass its ids between each other (cookie syncing).
        if (f.category == u"identity.account_id" && f.confidence == Confidence::High
            && f.detector == u"server-assigned")
            thirdPartySync = true;
    }
    QVERIFY(thirdPartySync);
}

QTEST_GUILESS_MAIN(TestDetectPass)
#include "tst_detectpass.moc"
