// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "detectpass.h"

#include "categorydetector.h"
#include "common/httputil.h"
#include "decode/decoder.h"
#include "enrich/destinationquery.h"
#include "enrich/referencedata.h"
#include "evidence.h"
#include "findingstore.h"
#include "identifiermatcher.h"
#include "phonenumbers.h"
#include "serveridtracker.h"
#include "store/bodystore.h"
#include "store/database.h"
#include "store/investigation.h"
#include "store/knownidentifiers.h"

#include <QHash>
#include <QLocale>
#include <QTimeZone>

#include <map>

namespace {

constexpr qint64 kMaxBody = 64 * 1024 * 1024;

/// The region phone numbers without a country code belong to: the investigation's "phone_region", else the
/// region of the investigator's own known phone number, else the territory of the investigation's time zone.
QString phoneRegion(Investigation& inv, const std::vector<Data::KnownIdentifier>& known)
{
    const QString set = inv.property(QStringLiteral("phone_region")).trimmed().toUpper();
    if (set.size() == 2)
        return set;
    for (const auto& k : known) {
        if (k.category == u"identity.phone") {
            const QString r = Detect::PhoneNumbers::regionOf(k.value.toUtf8());
            if (!r.isEmpty())
                return r;
        }
    }
    const QByteArray tz = inv.property(QStringLiteral("time_zone")).toUtf8();
    if (!tz.isEmpty() && QTimeZone::isTimeZoneIdAvailable(tz)) {
        const QString code = QLocale::territoryToCode(QTimeZone(tz).territory());
        if (code.size() == 2)
            return code;
    }
    return QStringLiteral("US");
}

struct Pending
{
    FindingStore::FlowContext flow;
};

} // namespace

QStringList DetectPass::tables() const
{
    return FindingStore::tables();
}

void DetectPass::createTables(Database& db)
{
    FindingStore::createTables(db);
    FindingStore::ensureIndexes(db);
}

void DetectPass::ensureIndexes(Database& db)
{
    FindingStore::ensureIndexes(db);
}

bool DetectPass::run(Investigation& inv, const ProgressCallback& progress)
{
    Database& db = inv.db();
    const std::vector<Data::KnownIdentifier> known = KnownIdentifierStore::list(db);
    Detect::DetectorOptions options;
    options.phoneRegion = phoneRegion(inv, known);
    const Detect::CategoryDetector detector(options);
    const Detect::IdentifierMatcher matcher(known, options.phoneRegion);
    std::vector<Detect::DraftPrefixTracker::Canary> canaries;
    for (const auto& k : known) {
        if (k.category == u"content.draft_text" && k.value.trimmed().size() >= 6)
            canaries.push_back({ k.id, k.label, k.value.trimmed().toLower().toUtf8() });
    }

    std::vector<std::tuple<qint64, qint64, qint64>> order; // flow, capture, app
    {
        Statement st(db.handle(),
            "SELECT id, capture_id, coalesce(app_id, 0) FROM flows ORDER BY coalesce(app_id, 0), ts_start, id");
        while (st.step())
            order.emplace_back(st.int64(0), st.int64(1), st.int64(2));
    }
    QHash<QString, QString> domains;
    const auto reference = ReferenceData::shared();
    auto domainOf = [&](const QString& host) {
        auto it = domains.constFind(host);
        if (it == domains.cend())
            it = domains.insert(host, reference->publicSuffix().siteOf(host));
        return it.value();
    };

    Detect::ServerIdTracker serverIds;
    qint64 currentApp = -1;
    std::map<qint64, Detect::DraftPrefixTracker> drafts; // per capture
    std::map<qint64, Pending> pending; // flows with draft prefixes, until the capture is judged
    const qint64 total = static_cast<qint64>(order.size());
    qint64 done = 0;
    for (const auto& [flowId, captureId, appId] : order) {
        if (progress && (done % 16 == 0) && !progress(done, total))
            return false;
        ++done;
        if (appId != currentApp) {
            serverIds.clear(); // ids travel within one app's traffic
            currentApp = appId;
        }
        auto stored = inv.flow(flowId);
        if (!stored)
            continue;
        Data::Flow& flow = stored->flow;
        if (flow.flags & (Data::Encrypted | Data::Tunnel))
            continue;
        flow.webSocketMessages = inv.webSocketMessages(flowId);
        FindingStore::FlowContext ctx;
        ctx.flowId = flowId;
        ctx.captureId = captureId;
        ctx.appId = appId;
        ctx.ts = flow.tsStart;
        ctx.host = flow.host.isEmpty() ? HttpUtil::splitUrl(flow.url).host : flow.host;
        ctx.registrableDomain = domainOf(ctx.host);
        ctx.destinationHost = DestinationQuery::hostOf(flow.host, flow.sni, flow.serverIp);

        Detect::MessageInfo info;
        info.request = true;
        info.host = ctx.host;
        info.registrableDomain = ctx.registrableDomain;
        info.url = flow.url;
        info.method = flow.method;

        // The request: what leaves the device.
        const QByteArray requestBody =
            stored->requestBodyId ? BodyStore::get(db, stored->requestBodyId, kMaxBody) : QByteArray();
        const Decode::Decoded request = Decode::decodeRequest(flow, requestBody);
        std::vector<Detect::Coordinate> coordinates;
        std::vector<Detect::Hit> hits = detector.scan(request, info, &coordinates);
        for (const Detect::Hit& h : hits) {
            // Positions in uploaded photos count for the known-position comparison too.
            if (h.detector == u"exif-gps") {
                const QList<QByteArray> parts = h.normalized.split(',');
                Detect::Coordinate c;
                c.latitude = parts.value(0).toDouble();
                c.longitude = parts.value(1).toDouble();
                c.decimals = 5;
                c.node = h.node;
                c.layer = h.layer;
                c.key = h.key;
                c.chain = h.chain;
                c.location = h.location;
                c.how = QStringLiteral("EXIF GPS of an uploaded photo");
                coordinates.push_back(c);
            }
        }
        std::vector<Detect::Hit> knownHits = matcher.match(request, coordinates);
        hits.insert(hits.end(), std::make_move_iterator(knownHits.begin()), std::make_move_iterator(knownHits.end()));
        std::vector<Detect::Hit> echoes = serverIds.echoes(request, info);
        hits.insert(hits.end(), std::make_move_iterator(echoes.begin()), std::make_move_iterator(echoes.end()));
        Detect::preferKnownHits(hits, request);
        Detect::dedupeHits(hits);
        for (const Detect::Hit& h : hits)
            FindingStore::insert(db, ctx, true, h, Evidence::displayOf(request, h));
        if (!canaries.empty()) {
            auto it = drafts.find(captureId);
            if (it == drafts.end())
                it = drafts.emplace(captureId, Detect::DraftPrefixTracker(canaries)).first;
            it->second.observe(request, flowId);
            pending.emplace(flowId, Pending { ctx });
        }

        // The response: what the service assigned (for the echoes above) and what it already knew about the
        // user. Stored apart from the leaks ("response" direction).
        const QByteArray responseBody =
            stored->responseBodyId ? BodyStore::get(db, stored->responseBodyId, kMaxBody) : QByteArray();
        if (!responseBody.isEmpty() || !flow.responseHeaders.empty()) {
            const Decode::Decoded response = Decode::decodeResponse(flow, responseBody);
            serverIds.learn(response, flowId, ctx.host, ctx.registrableDomain);
            if (!matcher.isEmpty()) {
                std::vector<Detect::Hit> seen = matcher.match(response, {});
                Detect::dedupeHits(seen);
                for (const Detect::Hit& h : seen)
                    FindingStore::insert(db, ctx, false, h, Evidence::displayOf(response, h));
            }
        }
    }
    // Drafts streamed as they were typed, judged per capture once all its requests were seen.
    for (auto& [captureId, tracker] : drafts) {
        for (Detect::DraftPrefixTracker::Sighting& s : tracker.take()) {
            const auto it = pending.find(s.flowId);
            if (it == pending.end())
                continue;
            FindingStore::insert(db, it->second.flow, true, s.hit, s.display);
        }
    }
    if (progress)
        progress(total, total);
    return true;
}
