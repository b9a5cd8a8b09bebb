// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare.h"

#include "destinationnames.h"
#include "mediafingerprint.h"
#include "report/jsonwriter.h"
#include "store/database.h"
#include "store/investigation.h"
#include "store/markerstore.h"
#include "uploadstore.h"

#include <QLocale>

#include <map>

namespace Compare {

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

namespace {

bool hasTable(Database& db, const char* name)
{
    Statement st(db.handle(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    st.bind(1, QString::fromLatin1(name));
    return st.step() && st.int64(0) > 0;
}

QString conditionOf(const Data::CompareSide& side)
{
    bool post = false, discard = false, save = false;
    for (const auto& [ts, label] : side.markers) {
        post |= label == u"tapped_post";
        discard |= label == u"discarded";
        save |= label == u"tapped_save_draft";
    }
    if (post)
        return QStringLiteral("posted");
    if (discard)
        return QStringLiteral("discarded");
    if (save)
        return QStringLiteral("saved_draft");
    // No markers that say it: the investigator's label may ("run A: draft discarded").
    const QString label = side.label.toLower();
    if (label.contains(u"discard"))
        return QStringLiteral("discarded");
    if (label.contains(u"post") || label.contains(u"publish"))
        return QStringLiteral("posted");
    return {};
}

Data::CompareSide side(Investigation& inv, qint64 captureId, const char* fallbackName)
{
    const auto capture = inv.capture(captureId);
    if (!capture)
        throw StoreError(QStringLiteral("no capture %1 in this investigation").arg(captureId));
    Data::CompareSide s;
    s.captureId = capture->id;
    s.fileName = capture->fileName;
    s.label = capture->label;
    s.sha256 = capture->sha256;
    s.firstSeen = capture->firstSeen;
    s.lastSeen = capture->lastSeen;
    s.flows = capture->flowCount;
    s.clockOffsetUs = capture->clockOffsetUs;
    for (const Data::Marker& m : MarkerStore::list(inv.db(), captureId))
        s.markers.emplace_back(MarkerStore::toCaptureTime(m.ts, capture->clockOffsetUs), m.label);
    std::stable_sort(
        s.markers.begin(), s.markers.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    s.condition = conditionOf(s);
    if (s.condition == u"posted")
        s.name = QStringLiteral("the posted run");
    else if (s.condition == u"discarded")
        s.name = QStringLiteral("the discarded run");
    else if (s.condition == u"saved_draft")
        s.name = QStringLiteral("the saved-draft run");
    else
        s.name = QString::fromLatin1(fallbackName);
    return s;
}

struct HostTraffic
{
    qint64 requests = 0;
    qint64 bytes = 0;
    bool encryptedOnly = true;
};

std::map<QString, HostTraffic> traffic(Database& db, qint64 captureId)
{
    std::map<QString, HostTraffic> out;
    Statement flows(db.handle(),
        "SELECT lower(host), count(*), sum(coalesce(req_wire_size, req_size, 0)) FROM flows WHERE capture_id = ?1 "
        "AND host IS NOT NULL AND host != '' AND (flags & ?2) = 0 GROUP BY 1");
    flows.bind(1, captureId).bind(2, static_cast<qint64>(Data::Encrypted | Data::Tunnel));
    while (flows.step()) {
        HostTraffic& t = out[flows.text(0)];
        t.requests += flows.int64(1);
        t.bytes += flows.int64(2);
        t.encryptedOnly = false;
    }
    Statement conns(db.handle(),
        "SELECT lower(coalesce(nullif(c.name, ''), c.server_ip)), count(*), sum(c.bytes_up) FROM connections c WHERE "
        "c.capture_id = ?1 AND (c.flags & ?2) != 0 AND NOT EXISTS (SELECT 1 FROM flows f WHERE f.connection_id = c.id "
        "AND (f.flags & ?2) = 0) GROUP BY 1");
    conns.bind(1, captureId).bind(2, static_cast<qint64>(Data::Encrypted));
    while (conns.step()) {
        if (conns.text(0).isEmpty())
            continue;
        HostTraffic& t = out[conns.text(0)];
        t.bytes += conns.int64(2);
    }
    return out;
}

std::map<QString, qint64> categories(Database& db, qint64 captureId)
{
    std::map<QString, qint64> out;
    if (!hasTable(db, "findings"))
        return out;
    Statement st(db.handle(),
        "SELECT category, count(*) FROM findings WHERE capture_id = ?1 AND direction = 'request' GROUP BY category");
    st.bind(1, captureId);
    while (st.step())
        out[st.text(0)] = st.int64(1);
    return out;
}

QString classText(const QString& mediaClass)
{
    if (mediaClass == u"video")
        return QStringLiteral("video");
    if (mediaClass == u"image")
        return QStringLiteral("images");
    if (mediaClass == u"audio")
        return QStringLiteral("audio");
    return QStringLiteral("data");
}

int rank(const QString& match)
{
    return match == u"exact" ? 2 : match == u"structural" ? 1 : 0;
}

QString bestReference(const std::vector<const Data::UploadSession*>& sessions)
{
    QString best;
    for (const Data::UploadSession* s : sessions) {
        if (!s->mediaMatch.isEmpty() && (best.isEmpty() || rank(s->mediaMatch) > rank(best)))
            best = s->mediaMatch;
    }
    return best;
}

QString referencePhrase(const QString& match, const QString& mediaClass)
{
    const QString what = mediaClass == u"image" ? QStringLiteral("photo")
        : mediaClass == u"audio"                ? QStringLiteral("recording")
                                                : QStringLiteral("video");
    if (match == u"exact")
        return QStringLiteral("the reference %1 byte for byte").arg(what);
    if (match == u"structural")
        return QStringLiteral("a re-encoded copy of the reference %1 (same size and duration)").arg(what);
    if (match == u"none")
        return QStringLiteral("not the reference %1").arg(what);
    return {};
}

QString amount(qint64 a, qint64 b)
{
    // Equal within 10%: one figure reads better than two.
    const qint64 hi = std::max(a, b), lo = std::min(a, b);
    if (hi > 0 && (hi - lo) * 10 <= hi)
        return sizeText(hi);
    return QStringLiteral("%1 and %2").arg(sizeText(a), sizeText(b));
}

QString capitalised(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

QString listed(QStringList items, int max = 4)
{
    if (items.size() > max) {
        const int more = static_cast<int>(items.size()) - max;
        items = items.mid(0, max);
        items.append(QStringLiteral("%1 more").arg(more));
    }
    return items.join(QStringLiteral(", "));
}

void summarise(Data::Comparison& c)
{
    const Data::CompareSide& A = c.a;
    const Data::CompareSide& B = c.b;
    QStringList& out = c.summary;
    const Data::CompareSide* discarded = A.condition == u"discarded" ? &A : B.condition == u"discarded" ? &B : nullptr;

    for (const Data::CompareSide* s : { &A, &B }) {
        if (s->markers.empty())
            out.append(QStringLiteral("%1 has no markers: its uploads cannot be placed before or after Post.")
                           .arg(capitalised(s->name)));
    }
    // Uploads that happen regardless of posting: the pre-upload.
    for (const Data::CompareUpload& u : c.uploads) {
        const bool bothBefore = u.bytesBeforePostA > 0 && u.bytesBeforePostB > 0;
        if (bothBefore) {
            QString sentence =
                QStringLiteral("In both runs, %1 of %2 reached %3 before Post")
                    .arg(amount(u.bytesBeforePostA, u.bytesBeforePostB), classText(u.mediaClass), u.host);
            if (discarded) {
                const qint64 cancel = discarded == &A ? u.cancelFlowA : u.cancelFlowB;
                sentence += cancel
                    ? QStringLiteral("; %1 cancelled it afterwards (flow %2)").arg(discarded->name).arg(cancel)
                    : QStringLiteral("; %1 made no delete call").arg(discarded->name);
            }
            out.append(sentence + u'.');
            QStringList matches;
            if (!u.referenceMatchA.isEmpty() && u.referenceMatchA == u.referenceMatchB)
                matches.append(
                    QStringLiteral("both uploads are %1").arg(referencePhrase(u.referenceMatchA, u.mediaClass)));
            else {
                if (!u.referenceMatchA.isEmpty())
                    matches.append(
                        QStringLiteral("%1 uploaded %2").arg(A.name, referencePhrase(u.referenceMatchA, u.mediaClass)));
                if (!u.referenceMatchB.isEmpty())
                    matches.append(
                        QStringLiteral("%1 uploaded %2").arg(B.name, referencePhrase(u.referenceMatchB, u.mediaClass)));
            }
            if (!matches.isEmpty())
                out.append(capitalised(matches.join(QStringLiteral("; "))) + u'.');
            else if (u.mediaMatch == u"exact" || u.mediaMatch == u"structural")
                out.append(
                    QStringLiteral("The two uploads to %1 are the same media (%2 match).").arg(u.host, u.mediaMatch));
        } else if (u.sessionsA > 0 && u.sessionsB == 0) {
            out.append(QStringLiteral("Only %1 uploaded to %2 (%3 of %4).")
                           .arg(A.name, u.host, sizeText(u.bytesA), classText(u.mediaClass)));
        } else if (u.sessionsB > 0 && u.sessionsA == 0) {
            out.append(QStringLiteral("Only %1 uploaded to %2 (%3 of %4).")
                           .arg(B.name, u.host, sizeText(u.bytesB), classText(u.mediaClass)));
        }
    }
    // The publish call: what posting adds.
    QStringList publishA, publishB;
    for (const Data::CompareUpload& u : c.uploads) {
        if (u.publishFlowA)
            publishA.append(
                u.publishUrlA + (u.publishCaptionA ? QStringLiteral(", carrying the canary caption") : QString()));
        if (u.publishFlowB)
            publishB.append(
                u.publishUrlB + (u.publishCaptionB ? QStringLiteral(", carrying the canary caption") : QString()));
    }
    publishA.removeDuplicates();
    publishB.removeDuplicates();
    if (!publishA.isEmpty() && publishB.isEmpty())
        out.append(QStringLiteral("Only %1 made the publish call (%2).").arg(A.name, listed(publishA, 2)));
    else if (!publishB.isEmpty() && publishA.isEmpty())
        out.append(QStringLiteral("Only %1 made the publish call (%2).").arg(B.name, listed(publishB, 2)));
    else if (!publishA.isEmpty())
        out.append(
            QStringLiteral("Both runs made a publish call (%1; %2).").arg(listed(publishA, 2), listed(publishB, 2)));
    else if (!c.uploads.empty())
        out.append(QStringLiteral("Neither run made a call that names an upload (no publish call was seen)."));
    if (discarded) {
        bool anyCancel = false, anyUpload = false;
        for (const Data::CompareUpload& u : c.uploads) {
            anyUpload |= (discarded == &A ? u.sessionsA : u.sessionsB) > 0;
            anyCancel |= (discarded == &A ? u.cancelFlowA : u.cancelFlowB) != 0;
        }
        if (anyUpload && !anyCancel)
            out.append(
                QStringLiteral("After Discard, %1 sent no cancel or delete call for its upload; whether the server "
                               "kept it cannot be seen from the device.")
                    .arg(discarded->name));
    }
    // Encrypted bursts (circumstantial).
    for (const Data::CompareBurst& b : c.bursts) {
        if (b.beforePostA && b.beforePostB)
            out.append(
                QStringLiteral("In both runs, encrypted connections to %1 carried %2 out between media selection "
                               "and Post (circumstantial: the content could not be read).")
                    .arg(b.host, amount(b.bytesA, b.bytesB)));
    }
    // Destinations and categories seen in one run only.
    QStringList onlyA, onlyB;
    for (const Data::CompareDestination& d : c.destinations) {
        if (d.inA && !d.inB)
            onlyA.append(d.host);
        else if (d.inB && !d.inA)
            onlyB.append(d.host);
    }
    if (!onlyA.isEmpty())
        out.append(QStringLiteral("Destinations only in %1: %2.").arg(A.name, listed(onlyA)));
    if (!onlyB.isEmpty())
        out.append(QStringLiteral("Destinations only in %1: %2.").arg(B.name, listed(onlyB)));
    QStringList catA, catB;
    for (const Data::CompareCategory& k : c.categories) {
        if (k.inA && !k.inB)
            catA.append(k.category);
        else if (k.inB && !k.inA)
            catB.append(k.category);
    }
    if (!catA.isEmpty())
        out.append(QStringLiteral("Data categories only in %1: %2.").arg(A.name, listed(catA, 8)));
    if (!catB.isEmpty())
        out.append(QStringLiteral("Data categories only in %1: %2.").arg(B.name, listed(catB, 8)));
    if (onlyA.isEmpty() && onlyB.isEmpty() && !c.destinations.empty())
        out.append(QStringLiteral("Both runs contacted the same %1 destination(s).").arg(c.destinations.size()));
}

} // namespace

Data::Comparison build(Investigation& inv, qint64 captureA, qint64 captureB)
{
    Database& db = inv.db();
    Data::Comparison c;
    c.a = side(inv, captureA, "run A");
    c.b = side(inv, captureB, "run B");
    if (c.a.name == c.b.name) {
        c.a.name = QStringLiteral("run A");
        c.b.name = QStringLiteral("run B");
    }
    const DestinationNames names(db);

    // Destinations.
    const auto ta = traffic(db, captureA), tb = traffic(db, captureB);
    std::map<QString, Data::CompareDestination> destinations;
    for (const auto& [host, t] : ta) {
        Data::CompareDestination& d = destinations[host];
        d.inA = true;
        d.bytesSentA = t.bytes;
        d.requestsA = t.requests;
        d.encryptedOnly = t.encryptedOnly;
    }
    for (const auto& [host, t] : tb) {
        Data::CompareDestination& d = destinations[host];
        d.encryptedOnly = (d.inA ? d.encryptedOnly : true) && t.encryptedOnly;
        d.inB = true;
        d.bytesSentB = t.bytes;
        d.requestsB = t.requests;
    }
    for (auto& [host, d] : destinations) {
        d.host = host;
        d.registrableDomain = names.registrableDomain(host);
        d.entity = names.entity(host);
        c.destinations.push_back(d);
    }

    // Categories.
    const auto ca = categories(db, captureA), cb = categories(db, captureB);
    std::map<QString, Data::CompareCategory> cats;
    for (const auto& [k, n] : ca) {
        cats[k].inA = true;
        cats[k].findingsA = n;
    }
    for (const auto& [k, n] : cb) {
        cats[k].inB = true;
        cats[k].findingsB = n;
    }
    for (auto& [k, v] : cats) {
        v.category = k;
        c.categories.push_back(v);
    }

    // Uploads, per host.
    Data::Filter fa, fb;
    fa.captureIds = { captureA };
    fb.captureIds = { captureB };
    const std::vector<Data::UploadSession> sa = UploadStore::sessions(db, fa), sb = UploadStore::sessions(db, fb);
    struct PerHost
    {
        std::vector<const Data::UploadSession*> a, b;
    };
    std::map<QString, PerHost> hosts;
    for (const auto& s : sa)
        hosts[s.host].a.push_back(&s);
    for (const auto& s : sb)
        hosts[s.host].b.push_back(&s);
    auto flowUrl = [&](qint64 flowId) {
        const auto f = inv.flow(flowId);
        return f ? QStringLiteral("%1 %2").arg(f->flow.method, f->flow.url) : QString();
    };
    for (const auto& [host, p] : hosts) {
        Data::CompareUpload u;
        u.host = host;
        u.registrableDomain = names.registrableDomain(host);
        u.entity = names.entity(host);
        qint64 largest = -1;
        auto take = [&](const std::vector<const Data::UploadSession*>& list, qint64& sessions, qint64& bytes,
                        qint64& before, qint64& publish, QString& publishUrl, bool& caption, qint64& cancel,
                        QList<qint64>& ids) {
            for (const Data::UploadSession* s : list) {
                ++sessions;
                bytes += s->bytes;
                before += s->classified ? s->bytesBeforePost : 0;
                ids.append(s->id);
                if (s->publishFlowId && !publish) {
                    publish = s->publishFlowId;
                    publishUrl = flowUrl(s->publishFlowId);
                    caption = s->publishHasCaption;
                }
                if (s->cancelFlowId && !cancel)
                    cancel = s->cancelFlowId;
                if (s->bytes > largest) {
                    largest = s->bytes;
                    u.mediaClass = s->mediaClass;
                }
            }
        };
        take(p.a, u.sessionsA, u.bytesA, u.bytesBeforePostA, u.publishFlowA, u.publishUrlA, u.publishCaptionA,
            u.cancelFlowA, u.sessionIdsA);
        take(p.b, u.sessionsB, u.bytesB, u.bytesBeforePostB, u.publishFlowB, u.publishUrlB, u.publishCaptionB,
            u.cancelFlowB, u.sessionIdsB);
        u.referenceMatchA = bestReference(p.a);
        u.referenceMatchB = bestReference(p.b);
        if (!p.a.empty() && !p.b.empty()) {
            u.mediaMatch = QStringLiteral("none");
            for (const Data::UploadSession* x : p.a) {
                for (const Data::UploadSession* y : p.b) {
                    const auto m = Uploads::match(x->sha256, x->fingerprint, y->sha256, y->fingerprint);
                    const QString name = Uploads::matchName(m.kind);
                    if (rank(name) > rank(u.mediaMatch))
                        u.mediaMatch = name;
                }
            }
        }
        c.uploads.push_back(u);
    }
    // Media across the runs, whatever the host: each upload of A with its best counterpart in B.
    for (const auto& x : sa) {
        if (!x.fingerprint.isMedia())
            continue;
        Data::CompareMedia best;
        Uploads::MatchKind bestKind = Uploads::MatchKind::None;
        for (const auto& y : sb) {
            const auto m = Uploads::match(x.sha256, x.fingerprint, y.sha256, y.fingerprint);
            if (m.kind > bestKind) {
                bestKind = m.kind;
                best.sessionA = x.id;
                best.sessionB = y.id;
                best.hostA = x.host;
                best.hostB = y.host;
                best.match = Uploads::matchName(m.kind);
                best.reason = m.reason;
                best.description = x.fingerprint.describe();
            }
        }
        if (bestKind != Uploads::MatchKind::None)
            c.media.push_back(best);
    }
    // Encrypted bursts per host.
    std::map<QString, Data::CompareBurst> bursts;
    for (const auto& b : UploadStore::bursts(db, fa)) {
        Data::CompareBurst& x = bursts[b.host];
        x.bytesA += b.bytesUp;
        x.beforePostA |= b.betweenMediaAndPost;
    }
    for (const auto& b : UploadStore::bursts(db, fb)) {
        Data::CompareBurst& x = bursts[b.host];
        x.bytesB += b.bytesUp;
        x.beforePostB |= b.betweenMediaAndPost;
    }
    for (auto& [host, b] : bursts) {
        b.host = host;
        c.bursts.push_back(b);
    }
    for (Data::CompareSide* s : { &c.a, &c.b }) {
        for (const auto& x : (s == &c.a ? sa : sb)) {
            ++s->uploadSessions;
            s->uploadBytes += x.bytes;
            s->uploadBytesBeforePost += x.classified ? x.bytesBeforePost : 0;
        }
    }
    summarise(c);
    return c;
}

namespace {

void writeSide(const Data::CompareSide& s, JsonWriter& w)
{
    w.startObject();
    w.key("capture");
    w.value(s.captureId);
    w.key("file_name");
    w.value(s.fileName);
    w.key("label");
    w.stringOrNull(s.label);
    w.key("sha256");
    w.value(s.sha256);
    w.key("condition");
    w.stringOrNull(s.condition);
    w.key("first_seen");
    w.timestamp(s.firstSeen);
    w.key("last_seen");
    w.timestamp(s.lastSeen);
    w.key("flows");
    w.value(s.flows);
    w.key("clock_offset_ms");
    w.value(static_cast<double>(s.clockOffsetUs) / 1000.0);
    w.key("markers");
    w.startArray();
    for (const auto& [ts, label] : s.markers) {
        w.startObject();
        w.key("label");
        w.value(label);
        w.key("timestamp");
        w.timestamp(ts);
        w.endObject();
    }
    w.endArray();
    w.key("upload_sessions");
    w.value(s.uploadSessions);
    w.key("upload_bytes");
    w.value(s.uploadBytes);
    w.key("upload_bytes_before_post");
    w.value(s.uploadBytesBeforePost);
    w.endObject();
}

void flowOrNull(JsonWriter& w, qint64 flow)
{
    if (flow)
        w.value(flow);
    else
        w.null();
}

void ids(JsonWriter& w, const QList<qint64>& list)
{
    w.startArray();
    for (qint64 id : list)
        w.value(id);
    w.endArray();
}

} // namespace

void write(const Data::Comparison& c, JsonWriter& w)
{
    w.startObject();
    w.key("schema");
    w.value(SchemaId);
    w.key("tool_version");
    w.value(QStringLiteral(LEAKSCOPE_VERSION));
    w.key("a");
    writeSide(c.a, w);
    w.key("b");
    writeSide(c.b, w);
    w.key("destinations");
    w.startArray();
    for (const auto& d : c.destinations) {
        w.startObject();
        w.key("host");
        w.value(d.host);
        w.key("registrable_domain");
        w.stringOrNull(d.registrableDomain);
        w.key("entity");
        w.stringOrNull(d.entity);
        w.key("in_a");
        w.value(d.inA);
        w.key("in_b");
        w.value(d.inB);
        w.key("bytes_sent_a");
        w.value(d.bytesSentA);
        w.key("bytes_sent_b");
        w.value(d.bytesSentB);
        w.key("requests_a");
        w.value(d.requestsA);
        w.key("requests_b");
        w.value(d.requestsB);
        w.key("encrypted_only");
        w.value(d.encryptedOnly);
        w.endObject();
    }
    w.endArray();
    w.key("categories");
    w.startArray();
    for (const auto& k : c.categories) {
        w.startObject();
        w.key("category");
        w.value(k.category);
        w.key("in_a");
        w.value(k.inA);
        w.key("in_b");
        w.value(k.inB);
        w.key("findings_a");
        w.value(k.findingsA);
        w.key("findings_b");
        w.value(k.findingsB);
        w.endObject();
    }
    w.endArray();
    w.key("uploads");
    w.startArray();
    for (const auto& u : c.uploads) {
        w.startObject();
        w.key("host");
        w.value(u.host);
        w.key("registrable_domain");
        w.stringOrNull(u.registrableDomain);
        w.key("entity");
        w.stringOrNull(u.entity);
        w.key("media_class");
        w.stringOrNull(u.mediaClass);
        w.key("in_a");
        w.value(u.sessionsA > 0);
        w.key("in_b");
        w.value(u.sessionsB > 0);
        w.key("sessions_a");
        w.value(u.sessionsA);
        w.key("sessions_b");
        w.value(u.sessionsB);
        w.key("bytes_a");
        w.value(u.bytesA);
        w.key("bytes_b");
        w.value(u.bytesB);
        w.key("bytes_before_post_a");
        w.value(u.bytesBeforePostA);
        w.key("bytes_before_post_b");
        w.value(u.bytesBeforePostB);
        w.key("media_match");
        w.stringOrNull(u.mediaMatch);
        w.key("reference_media_match_a");
        w.stringOrNull(u.referenceMatchA);
        w.key("reference_media_match_b");
        w.stringOrNull(u.referenceMatchB);
        w.key("publish_flow_a");
        flowOrNull(w, u.publishFlowA);
        w.key("publish_flow_b");
        flowOrNull(w, u.publishFlowB);
        w.key("publish_caption_a");
        w.value(u.publishCaptionA);
        w.key("publish_caption_b");
        w.value(u.publishCaptionB);
        w.key("cancel_flow_a");
        flowOrNull(w, u.cancelFlowA);
        w.key("cancel_flow_b");
        flowOrNull(w, u.cancelFlowB);
        w.key("session_ids_a");
        ids(w, u.sessionIdsA);
        w.key("session_ids_b");
        ids(w, u.sessionIdsB);
        w.endObject();
    }
    w.endArray();
    w.key("media");
    w.startArray();
    for (const auto& m : c.media) {
        w.startObject();
        w.key("session_a");
        w.value(m.sessionA);
        w.key("session_b");
        w.value(m.sessionB);
        w.key("host_a");
        w.value(m.hostA);
        w.key("host_b");
        w.value(m.hostB);
        w.key("match");
        w.value(m.match);
        w.key("reason");
        w.value(m.reason);
        w.key("description");
        w.value(m.description);
        w.endObject();
    }
    w.endArray();
    w.key("encrypted_bursts");
    w.startArray();
    for (const auto& b : c.bursts) {
        w.startObject();
        w.key("host");
        w.value(b.host);
        w.key("bytes_a");
        w.value(b.bytesA);
        w.key("bytes_b");
        w.value(b.bytesB);
        w.key("between_media_and_post_a");
        w.value(b.beforePostA);
        w.key("between_media_and_post_b");
        w.value(b.beforePostB);
        w.key("evidence");
        w.value("circumstantial");
        w.endObject();
    }
    w.endArray();
    w.key("summary");
    w.stringArray(c.summary);
    w.endObject();
}

} // namespace Compare
