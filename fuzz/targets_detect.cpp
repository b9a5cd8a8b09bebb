// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Detection inputs: the known-identifier matcher and category detectors over fuzzed request bodies, and the
// two files a user imports (identifiers JSON, markers CSV).
#include "decode/decoder.h"
#include "detect/categorydetector.h"
#include "detect/hit.h"
#include "detect/identifierjson.h"
#include "detect/identifiermatcher.h"
#include "fuzzinput.h"
#include "fuzztargets.h"
#include "uploads/markerscsv.h"

using namespace Detect;

namespace {

const IdentifierMatcher& matcher()
{
    // One of each kind the matcher expands into variants (case, hashes, encodings, phone formats, a place).
    static const IdentifierMatcher m(
        {
            { 1, QStringLiteral("email"), QStringLiteral("identity.email"),
                QStringLiteral("zq7.reporter@example.org") },
            { 2, QStringLiteral("phone"), QStringLiteral("identity.phone"), QStringLiteral("+1 650 555 0142") },
            { 3, QStringLiteral("name"), QStringLiteral("identity.name"), QStringLiteral("Ada Quill") },
            { 4, QStringLiteral("home"), QStringLiteral("location.precise"), QStringLiteral("37.44191,-122.14302") },
            { 5, QStringLiteral("caption"), QStringLiteral("content.draft_text"),
                QStringLiteral("purple-giraffe-4471") },
            { 6, QStringLiteral("ad id"), QStringLiteral("device.advertising_id"),
                QStringLiteral("38400000-8cf0-11bd-b23e-10b96e40000d") },
        },
        QStringLiteral("US"));
    return m;
}

void knownIdentifiers(const uint8_t* data, size_t size)
{
    static const QByteArrayView types[] = { "application/json", "application/x-www-form-urlencoded",
        "application/x-protobuf", "text/plain", "multipart/form-data; boundary=XyZ" };
    Fuzz::Input in(data, size);
    const QByteArrayView type = types[in.byte() % std::size(types)];
    const QByteArray body = in.rest().toByteArray();
    Data::Flow flow;
    flow.url = QStringLiteral("https://t.example/c?") + QString::fromUtf8(body.left(200).toPercentEncoding("=&"));
    flow.method = QStringLiteral("POST");
    flow.requestHeaders.push_back({ "content-type", type.toByteArray() });
    Decode::Limits limits;
    limits.maxTotalBytes = 4 << 20;
    const Decode::Decoded decoded = Decode::decodeRequest(flow, body, limits);
    static const CategoryDetector detector;
    MessageInfo info;
    info.host = QStringLiteral("t.example");
    info.registrableDomain = QStringLiteral("t.example");
    info.url = flow.url;
    info.method = flow.method;
    info.contentType = type.toByteArray();
    std::vector<Coordinate> coordinates;
    std::vector<Hit> hits = detector.scan(decoded, info, &coordinates);
    const std::vector<Hit> known = matcher().match(decoded, coordinates);
    hits.insert(hits.end(), known.begin(), known.end());
    dedupeHits(hits);
    for (const Hit& h : hits)
        (void)evidenceExcerpt(h.key, h.value);
    matcher().scanBytes(body, [&](int identifier, const QString&, qsizetype offset, qsizetype length) {
        if (identifier < 0 || offset < 0 || length < 0 || offset + length > body.size())
            Fuzz::violated("scanBytes: a match outside the bytes");
    });
}

void identifiersJson(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    const auto parsed = IdentifierJson::parse(json, &error);
    if (!parsed) {
        if (error.isEmpty())
            Fuzz::violated("identifiers JSON refused without a message");
        return;
    }
    // What was accepted must be valid, and survive writing and reading back.
    for (const Data::KnownIdentifier& k : *parsed)
        if (!IdentifierJson::validate(k).isEmpty())
            Fuzz::violated("identifiers JSON accepted an invalid identifier");
    const auto again = IdentifierJson::parse(IdentifierJson::write(*parsed), &error);
    if (!again || again->size() != parsed->size())
        Fuzz::violated("identifiers JSON does not read back what it wrote");
    double lat = 0, lon = 0;
    (void)IdentifierJson::parseLocation(QString::fromUtf8(json.left(100)), &lat, &lon);
}

void markersCsv(const uint8_t* data, size_t size)
{
    const QByteArray csv(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    const auto parsed = MarkersCsv::parse(csv, &error);
    if (!parsed) {
        if (error.isEmpty())
            Fuzz::violated("markers CSV refused without a message");
        return;
    }
    const auto again = MarkersCsv::parse(MarkersCsv::write(*parsed), &error);
    if (!again || again->size() != parsed->size())
        Fuzz::violated("markers CSV does not read back what it wrote");
    (void)MarkersCsv::hasExplicitOffset(QString::fromUtf8(csv.left(100)));
}

} // namespace

namespace FuzzTargets {

std::vector<Target> detectTargets()
{
    return {
        { "known_identifiers", knownIdentifiers },
        { "identifiers_json", identifiersJson },
        { "markers_csv", markersCsv },
    };
}

} // namespace FuzzTargets
