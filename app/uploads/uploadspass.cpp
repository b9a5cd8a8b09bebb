// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "uploadspass.h"

#include "bursts.h"
#include "classification.h"
#include "common/httputil.h"
#include "decode/decoder.h"
#include "enrich/referencedata.h"
#include "payloadaccess.h"
#include "publishdetector.h"
#include "referencemedia.h"
#include "store/bodystore.h"
#include "store/database.h"
#include "store/headercodec.h"
#include "store/investigation.h"
#include "store/markerstore.h"
#include "uploadstore.h"

#include <QSet>
#include <QUrl>

#include <map>

namespace {

constexpr qint64 MaxResponseText = 64 * 1024;
constexpr qint64 MaxOtherBody = 256 * 1024;
constexpr qint64 MaxEncodedSniff = 64 * 1024 * 1024;

bool isWrite(const QString& method)
{
    return method == u"POST" || method == u"PUT" || method == u"PATCH";
}

QByteArray decodedText(Database& db, qint64 bodyId, const QByteArray& encoding, qint64 maxBytes)
{
    const QByteArray stored = BodyStore::get(db, bodyId, maxBytes);
    if (encoding.isEmpty())
        return stored;
    Decode::Limits limits;
    limits.maxTotalBytes = maxBytes * 4;
    return Decode::decodeContent(stored, {}, encoding, {}, limits).data.left(maxBytes);
}

struct FlowRow
{
    Uploads::Request request;
    qint64 responseBodyId = 0;
    qint64 responseSize = -1;
    QString responseType;
    QByteArray responseEncoding;
};

std::vector<FlowRow> readCapture(Database& db, qint64 captureId)
{
    std::vector<FlowRow> rows;
    Statement st(db.handle(),
        "SELECT f.id, f.capture_id, coalesce(f.app_id, 0), coalesce(f.ts_start, 0), coalesce(f.ts_end, 0), "
        "upper(coalesce(f.method, '')), coalesce(f.url, ''), coalesce(f.host, ''), coalesce(f.status, 0), "
        "coalesce(f.req_headers, '[]'), coalesce(f.resp_headers, '[]'), coalesce(f.req_content_type, ''), "
        "coalesce(f.req_encoding, ''), coalesce(f.req_body_id, 0), coalesce(b.size, -1), coalesce(f.req_size, -1), "
        "coalesce(f.req_wire_size, -1), b.head, f.flags, coalesce(f.resp_body_id, 0), coalesce(rb.size, -1), "
        "coalesce(f.resp_content_type, ''), coalesce(f.resp_encoding, '') FROM flows f "
        "LEFT JOIN bodies b ON b.id = f.req_body_id LEFT JOIN bodies rb ON rb.id = f.resp_body_id "
        "WHERE f.capture_id = ?1 ORDER BY f.ts_start, f.id");
    st.bind(1, captureId);
    while (st.step()) {
        FlowRow row;
        Uploads::Request& r = row.request;
        r.flowId = st.int64(0);
        r.captureId = st.int64(1);
        r.appId = st.int64(2);
        r.tsStart = st.int64(3);
        r.tsEnd = st.int64(4);
        r.method = st.text(5);
        r.url = st.text(6);
        r.host = st.text(7);
        if (r.host.isEmpty())
            r.host = HttpUtil::splitUrl(r.url).host;
        r.status = static_cast<int>(st.int64(8));
        r.requestHeaders = HeaderCodec::decode(st.blob(9));
        r.responseHeaders = HeaderCodec::decode(st.blob(10));
        r.contentType = st.text(11);
        if (r.contentType.isEmpty())
            r.contentType = QString::fromLatin1(HttpUtil::headerValue(r.requestHeaders, "content-type"));
        r.contentEncoding = st.blob(12).trimmed();
        r.bodyId = st.int64(13);
        const qint64 stored = st.int64(14), decoded = st.int64(15), wire = st.int64(16);
        // The payload size: after content decoding when known, else as stored, else as the source declared.
        r.bodySize = decoded >= 0 ? decoded : stored >= 0 ? stored : wire;
        if (r.contentEncoding.isEmpty() && stored >= 0)
            r.bodySize = stored;
        r.bodyHead = st.blob(17);
        r.flags = static_cast<quint32>(st.int64(18));
        row.responseBodyId = st.int64(19);
        row.responseSize = st.int64(20);
        row.responseType = st.text(21);
        row.responseEncoding = st.blob(22).trimmed();
        rows.push_back(std::move(row));
    }
    return rows;
}

Data::UploadSession toRow(const Uploads::Session& s)
{
    Data::UploadSession row;
    row.captureId = s.captureId;
    row.appId = s.appId;
    row.protocol = Uploads::protocolId(s.protocol);
    row.sessionKey = s.key;
    row.uploadId = s.uploadId;
    row.host = s.host;
    row.registrableDomain = ReferenceData::shared()->publicSuffix().siteOf(s.host);
    row.url = s.url;
    row.method = s.method;
    row.partName = s.partName;
    row.bytes = s.bytes;
    row.bytesSent = s.bytesSent;
    row.total = s.total;
    row.chunks = static_cast<int>(s.chunks.size());
    row.retries = s.retries;
    row.coverage = s.coverage();
    row.complete = s.complete;
    row.started = s.started;
    row.finished = s.finished;
    row.createFlowId = s.createFlowId;
    row.finalizeFlowId = s.finalizeFlowId;
    row.serverConfirmed = s.serverConfirmed;
    row.publishFlowId = s.publishFlowId;
    row.publishTs = s.publishTs;
    row.publishEvidence = s.publishEvidence;
    row.cancelFlowId = s.cancelFlowId;
    row.cancelTs = s.cancelTs;
    row.notes = s.notes;
    row.firstFlowId = s.chunks.empty() ? 0 : s.chunks.front().flowId;
    return row;
}

} // namespace

QStringList UploadsPass::tables() const
{
    return UploadStore::sessionTables();
}

void UploadsPass::createTables(Database& db)
{
    UploadStore::createSessionTables(db);
}

bool UploadsPass::run(Investigation& inv, const ProgressCallback& progress)
{
    Database& db = inv.db();
    const qint64 totalFlows = inv.flowCount();
    qint64 done = 0;
    for (const Data::CaptureRecord& capture : inv.captures()) {
        std::vector<FlowRow> rows = readCapture(db, capture.id);
        Uploads::SessionBuilder builder;
        for (const FlowRow& row : rows) {
            if (progress && (++done % 64) == 0 && !progress(done, totalFlows + 1))
                return false;
            Uploads::Request r = row.request;
            if (!isWrite(r.method) && r.method != u"DELETE" && r.method != u"HEAD" && r.method != u"GET")
                continue;
            // Short textual responses tell where the bytes go next (upload URLs, ids, S3 UploadId).
            if (isWrite(r.method) && row.responseBodyId && row.responseSize >= 0 && row.responseSize <= MaxResponseText)
                r.responseText = decodedText(db, row.responseBodyId, row.responseEncoding, MaxResponseText).trimmed();
            const qint64 bodyId = r.bodyId;
            if (isWrite(r.method) && bodyId && !r.contentEncoding.isEmpty() && r.bodySize <= MaxEncodedSniff) {
                // A content-encoded body: what the app produced decides (its size, its magic bytes).
                Decode::Limits limits;
                limits.maxTotalBytes = 256 * 1024 * 1024;
                limits.timeBudgetMs = 20000;
                const QByteArray decoded = Decode::decodeContent(
                    BodyStore::get(db, bodyId, MaxEncodedSniff), {}, r.contentEncoding, {}, limits)
                                               .data;
                r.bodySize = decoded.size();
                r.bodyHead = decoded.left(BodyStore::HeadSize);
            }
            auto steps = Uploads::recognise(
                r, [&db, bodyId](qint64 max) { return bodyId ? BodyStore::get(db, bodyId, max) : QByteArray(); },
                m_options);
            if (isWrite(r.method))
                builder.addResponseLinks(r);
            builder.add(r, steps);
        }
        std::vector<Uploads::Session> sessions = builder.finish();
        if (sessions.empty())
            continue;
        // Publish and cancel calls: later requests, outside every session, that name an upload.
        QSet<qint64> inSessions;
        Data::Timestamp earliest = 0;
        for (const Uploads::Session& s : sessions) {
            for (const Uploads::Chunk& c : s.chunks)
                inSessions.insert(c.flowId);
            for (qint64 f : s.controlFlows)
                inSessions.insert(f);
            if (!earliest || s.started < earliest)
                earliest = s.started;
        }
        std::vector<Uploads::OtherRequest> others;
        for (const FlowRow& row : rows) {
            const Uploads::Request& r = row.request;
            if (inSessions.contains(r.flowId) || r.tsStart < earliest || (r.flags & Data::Encrypted))
                continue;
            if (!isWrite(r.method) && r.method != u"DELETE")
                continue;
            Uploads::OtherRequest o;
            o.flowId = r.flowId;
            o.ts = r.tsStart;
            o.method = r.method;
            o.url = r.url;
            o.text = r.url.toUtf8() + '\n';
            if (r.bodyId)
                o.text += decodedText(db, r.bodyId, r.contentEncoding, MaxOtherBody);
            others.push_back(std::move(o));
        }
        Uploads::detectPublishAndCancel(sessions, others);

        for (const Uploads::Session& s : sessions) {
            Data::UploadSession row = toRow(s);
            Uploads::PayloadAccess payload(db, s);
            if (s.reassemblable) {
                row.sha256 = payload.sha256([&] { return progress && !progress(done, totalFlows + 1); });
                if (row.sha256.isEmpty() && progress && !progress(done, totalFlows + 1))
                    return false;
            }
            row.fingerprint = Uploads::probe(payload);
            row.mediaClass = row.fingerprint.mediaClass;
            row.mediaType = ReferenceMediaStore::mimeTypeOf(row.fingerprint);
            if (row.mediaType.isEmpty())
                row.mediaType =
                    s.mediaTypeHint.isEmpty() ? QStringLiteral("application/octet-stream") : s.mediaTypeHint;
            if (row.mediaClass.isEmpty()) {
                const QString hint = HttpUtil::essence(s.mediaTypeHint);
                for (const char* c : { "video", "image", "audio" }) {
                    if (hint.startsWith(QLatin1String(c) + u'/'))
                        row.mediaClass = QString::fromLatin1(c);
                }
            }
            const qint64 id = UploadStore::insertSession(db, row);
            int seq = 0;
            for (const Uploads::Chunk& c : s.chunks) {
                Data::UploadChunk chunk;
                chunk.sessionId = id;
                chunk.seq = seq++;
                chunk.flowId = c.flowId;
                chunk.tsStart = c.tsStart;
                chunk.tsEnd = c.tsEnd;
                chunk.status = c.status;
                chunk.offset = c.offset;
                chunk.length = c.length;
                chunk.partNumber = c.partNumber;
                chunk.kept = c.kept;
                chunk.retry = c.retry;
                UploadStore::insertChunk(db, chunk);
            }
        }
    }

    // Encrypted connections that carried bytes out (no readable flow inside them).
    std::vector<Uploads::EncryptedConnection> connections;
    {
        Statement st(db.handle(),
            "SELECT c.id, c.capture_id, coalesce(c.app_id, 0), coalesce(nullif(c.name, ''), c.server_ip, ''), "
            "coalesce(c.first_seen, 0), coalesce(c.last_seen, c.first_seen, 0), c.bytes_up FROM connections c "
            "WHERE (c.flags & ?1) != 0 AND c.bytes_up > 0 AND NOT EXISTS (SELECT 1 FROM flows f WHERE "
            "f.connection_id = c.id AND (f.flags & ?1) = 0)");
        st.bind(1, static_cast<qint64>(Data::Encrypted));
        while (st.step())
            connections.push_back(
                { st.int64(0), st.int64(1), st.int64(2), st.text(3), st.int64(4), st.int64(5), st.int64(6) });
    }
    for (const Data::UploadBurst& b : Uploads::findBursts(std::move(connections)))
        UploadStore::insertBurst(db, b);
    if (progress)
        progress(totalFlows + 1, totalFlows + 1);
    return true;
}

QStringList UploadClassificationPass::tables() const
{
    return UploadStore::classificationTables();
}

void UploadClassificationPass::createTables(Database& db)
{
    UploadStore::createClassificationTables(db);
}

bool UploadClassificationPass::run(Investigation& inv, const ProgressCallback& progress)
{
    Database& db = inv.db();
    // Markers in capture time.
    std::map<qint64, std::vector<Uploads::AlignedMarker>> markers;
    for (const Data::CaptureRecord& c : inv.captures()) {
        std::vector<Uploads::AlignedMarker>& list = markers[c.id];
        for (const Data::Marker& m : MarkerStore::list(db, c.id))
            list.push_back({ MarkerStore::toCaptureTime(m.ts, c.clockOffsetUs), m.label });
        std::stable_sort(list.begin(), list.end(),
            [](const Uploads::AlignedMarker& a, const Uploads::AlignedMarker& b) { return a.ts < b.ts; });
    }
    const std::vector<Data::ReferenceMedia> references = ReferenceMediaStore::list(db);
    // Requests that carried a canary caption the investigator planted (the detect pass found them, decoded).
    QSet<qint64> captionFlows;
    {
        Statement exists(db.handle(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'findings'");
        if (exists.step() && exists.int64(0) > 0) {
            Statement st(db.handle(),
                "SELECT DISTINCT flow_id FROM findings WHERE category = 'content.draft_text' AND direction = "
                "'request' AND known_identifier_id IS NOT NULL");
            while (st.step())
                captionFlows.insert(st.int64(0));
        }
    }
    std::vector<Data::UploadSession> sessions = UploadStore::sessions(db);
    qint64 done = 0;
    const qint64 total = static_cast<qint64>(sessions.size()) + 1;
    for (Data::UploadSession& s : sessions) {
        if (progress && !progress(done++, total))
            return false;
        Uploads::classify(s, UploadStore::chunks(db, s.id), markers[s.captureId]);
        s.publishHasCaption = s.publishFlowId && captionFlows.contains(s.publishFlowId);
        s.mediaMatch.clear();
        if (!references.empty()) {
            Uploads::MatchResult best;
            const Data::ReferenceMedia* bestRef = nullptr;
            for (const Data::ReferenceMedia& ref : references) {
                const Uploads::MatchResult m = Uploads::match(s.sha256, s.fingerprint, ref.sha256, ref.fingerprint);
                if (!bestRef || m.kind > best.kind) {
                    best = m;
                    bestRef = &ref;
                }
            }
            s.mediaMatch = Uploads::matchName(best.kind);
            s.matchReason = best.reason;
            if (best.kind != Uploads::MatchKind::None) {
                s.referenceMediaId = bestRef->id;
                s.referenceMedia = bestRef->fileName;
            }
        }
        UploadStore::insertClassification(db, s);
    }
    for (Data::UploadBurst& b : UploadStore::bursts(db)) {
        Uploads::classify(b, markers[b.captureId]);
        UploadStore::insertBurstClassification(db, b);
    }
    if (progress)
        progress(total, total);
    return true;
}
