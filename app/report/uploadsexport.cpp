// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "uploadsexport.h"

#include "jsonwriter.h"
#include "store/investigation.h"
#include "store/markerstore.h"
#include "uploads/referencemedia.h"
#include "uploads/uploadstore.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace UploadsExport {

namespace {

void flowOrNull(JsonWriter& w, qint64 flowId)
{
    if (flowId)
        w.value(flowId);
    else
        w.null();
}

void jsonObject(JsonWriter& w, const QJsonObject& o);

void jsonValue(JsonWriter& w, const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        w.value(v.toBool());
        break;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::abs(d) < 1e15)
            w.value(static_cast<qint64>(d));
        else
            w.value(d);
        break;
    }
    case QJsonValue::String:
        w.value(v.toString());
        break;
    case QJsonValue::Array:
        w.startArray();
        for (const QJsonValue& x : v.toArray())
            jsonValue(w, x);
        w.endArray();
        break;
    case QJsonValue::Object:
        jsonObject(w, v.toObject());
        break;
    default:
        w.null();
        break;
    }
}

void jsonObject(JsonWriter& w, const QJsonObject& o)
{
    w.startObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        w.key(it.key());
        jsonValue(w, it.value());
    }
    w.endObject();
}

} // namespace

void writeMarkers(Investigation& inv, JsonWriter& w, const Data::Filter& filter)
{
    QHash<qint64, Data::CaptureRecord> captures;
    for (const auto& c : inv.captures())
        captures.insert(c.id, c);
    w.key("markers");
    w.startArray();
    for (const Data::Marker& m : MarkerStore::all(inv.db())) {
        if (!filter.captureIds.isEmpty() && !filter.captureIds.contains(m.captureId))
            continue;
        const Data::CaptureRecord c = captures.value(m.captureId);
        const Data::Timestamp aligned = MarkerStore::toCaptureTime(m.ts, c.clockOffsetUs);
        if ((filter.from && aligned < filter.from) || (filter.to && aligned >= filter.to))
            continue;
        w.startObject();
        w.key("capture");
        w.value(m.captureId);
        w.key("capture_file");
        w.stringOrNull(c.fileName);
        w.key("label");
        w.value(m.label);
        w.key("timestamp");
        w.timestamp(aligned);
        w.key("recorded_timestamp");
        w.timestamp(m.ts);
        w.key("note");
        w.stringOrNull(m.note);
        w.endObject();
    }
    w.endArray();
}

void writeUploads(Investigation& inv, JsonWriter& w, const Data::Filter& filter)
{
    w.key("uploads");
    w.startArray();
    for (const Data::UploadSession& s : UploadStore::sessions(inv.db(), filter)) {
        w.startObject();
        w.key("app");
        w.stringOrNull(s.app);
        w.key("capture");
        w.value(s.captureId);
        w.key("capture_file");
        w.stringOrNull(s.captureFile);
        w.key("host");
        w.value(s.host);
        w.key("registrable_domain");
        w.stringOrNull(s.registrableDomain);
        w.key("media_type");
        w.stringOrNull(s.mediaType);
        w.key("media_class");
        w.stringOrNull(s.mediaClass);
        w.key("bytes");
        w.value(s.bytes);
        w.key("bytes_sent");
        w.value(s.bytesSent);
        w.key("total_size");
        w.value(s.total);
        w.key("coverage");
        w.value(std::round(s.coverage * 10000) / 10000);
        w.key("complete");
        w.value(s.complete);
        w.key("chunks");
        w.value(s.chunks);
        w.key("retries");
        w.value(s.retries);
        w.key("protocol");
        w.value(s.protocol);
        w.key("upload_id");
        w.stringOrNull(s.uploadId);
        w.key("url");
        w.stringOrNull(s.url);
        w.key("started");
        w.timestamp(s.started);
        w.key("finished");
        w.timestamp(s.finished);
        w.key("sha256");
        w.stringOrNull(s.sha256);
        w.key("fingerprint");
        if (s.fingerprint.isMedia())
            jsonObject(w, s.fingerprint.toJson());
        else
            w.null();
        w.key("reference_media_match");
        w.stringOrNull(s.mediaMatch);
        w.key("reference_media");
        w.stringOrNull(s.referenceMedia);
        w.key("match_reason");
        w.stringOrNull(s.matchReason);
        w.key("before_marker");
        w.stringOrNull(s.beforeMarker);
        w.key("after_marker");
        w.stringOrNull(s.afterMarker);
        w.key("classification");
        w.value(s.classified ? s.classification : QStringLiteral("unknown"));
        w.key("seconds_before_post");
        if (s.postTs)
            w.value(std::round(double(s.postDeltaUs) / 1e3) / 1e3);
        else
            w.null();
        w.key("bytes_before_post");
        w.value(s.bytesBeforePost);
        w.key("share_before_post");
        w.value(std::round(s.shareBeforePost * 10000) / 10000);
        w.key("fully_uploaded_before_post");
        w.value(s.fullyBeforePost);
        w.key("within_clock_tolerance");
        w.value(s.uncertain);
        w.key("discarded_draft");
        w.value(s.discardedDraft);
        w.key("cancel_after_discard");
        if (s.cancelAfterDiscard < 0)
            w.null();
        else
            w.value(s.cancelAfterDiscard == 1);
        w.key("publish_flow");
        flowOrNull(w, s.publishFlowId);
        w.key("publish_timestamp");
        w.timestamp(s.publishTs);
        w.key("publish_evidence");
        w.stringOrNull(s.publishEvidence);
        w.key("publish_has_caption");
        w.value(s.publishHasCaption);
        w.key("cancel_flow");
        flowOrNull(w, s.cancelFlowId);
        w.key("cancel_timestamp");
        w.timestamp(s.cancelTs);
        w.key("flow");
        flowOrNull(w, s.firstFlowId);
        w.key("notes");
        w.stringArray(s.notes + s.classificationNotes);
        w.endObject();
    }
    w.endArray();

    w.key("upload_bursts");
    w.startArray();
    for (const Data::UploadBurst& b : UploadStore::bursts(inv.db(), filter)) {
        w.startObject();
        w.key("capture");
        w.value(b.captureId);
        w.key("host");
        w.value(b.host);
        w.key("registrable_domain");
        w.stringOrNull(b.registrableDomain);
        w.key("started");
        w.timestamp(b.started);
        w.key("finished");
        w.timestamp(b.finished);
        w.key("bytes_up");
        w.value(b.bytesUp);
        w.key("payload_estimate");
        w.value(b.payloadEstimate);
        w.key("connections");
        w.value(b.connections);
        w.key("before_marker");
        w.stringOrNull(b.beforeMarker);
        w.key("after_marker");
        w.stringOrNull(b.afterMarker);
        w.key("classification");
        w.value(b.classification.isEmpty() ? QStringLiteral("unknown") : b.classification);
        w.key("between_media_and_post");
        w.value(b.betweenMediaAndPost);
        w.key("evidence");
        w.value("circumstantial: encrypted, content not seen");
        w.endObject();
    }
    w.endArray();

    w.key("reference_media");
    w.startArray();
    for (const Data::ReferenceMedia& m : ReferenceMediaStore::list(inv.db())) {
        w.startObject();
        w.key("id");
        w.value(m.id);
        w.key("file_name");
        w.value(m.fileName);
        w.key("sha256");
        w.value(m.sha256);
        w.key("size");
        w.value(m.size);
        w.key("media_type");
        w.stringOrNull(m.mediaType);
        w.key("fingerprint");
        jsonObject(w, m.fingerprint.toJson());
        w.endObject();
    }
    w.endArray();
}

} // namespace UploadsExport
