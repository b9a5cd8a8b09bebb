// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "uploadstore.h"

#include "store/database.h"
#include "store/filtersql.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace UploadStore {

QStringList sessionTables()
{
    return { QStringLiteral("upload_sessions"), QStringLiteral("upload_chunks"), QStringLiteral("upload_flows"),
        QStringLiteral("upload_bursts") };
}

void createSessionTables(Database& db)
{
    db.exec(R"SQL(
CREATE TABLE upload_sessions (
    id INTEGER PRIMARY KEY,
    capture_id INTEGER NOT NULL,
    app_id INTEGER,
    protocol TEXT NOT NULL,
    session_key TEXT NOT NULL,
    upload_id TEXT,
    host TEXT,
    registrable_domain TEXT,
    url TEXT,
    method TEXT,
    media_type TEXT,
    media_class TEXT,
    part_name TEXT,
    bytes INTEGER NOT NULL,
    bytes_sent INTEGER NOT NULL,
    total INTEGER NOT NULL,
    chunks INTEGER NOT NULL,
    retries INTEGER NOT NULL,
    coverage REAL NOT NULL,
    complete INTEGER NOT NULL,
    started INTEGER,
    finished INTEGER,
    sha256 TEXT,
    fingerprint TEXT,
    create_flow_id INTEGER,
    finalize_flow_id INTEGER,
    server_confirmed INTEGER NOT NULL DEFAULT 0,
    publish_flow_id INTEGER,
    publish_ts INTEGER,
    publish_evidence TEXT,
    cancel_flow_id INTEGER,
    cancel_ts INTEGER,
    notes TEXT,
    first_flow_id INTEGER
);
CREATE INDEX upload_sessions_capture ON upload_sessions(capture_id, started);
CREATE TABLE upload_chunks (
    session_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    flow_id INTEGER NOT NULL,
    ts_start INTEGER,
    ts_end INTEGER,
    status INTEGER,
    byte_offset INTEGER NOT NULL,
    length INTEGER NOT NULL,
    part_number INTEGER,
    kept INTEGER NOT NULL,
    retry INTEGER NOT NULL,
    PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TABLE upload_flows (
    flow_id INTEGER NOT NULL,
    session_id INTEGER NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (flow_id, session_id, role)
) WITHOUT ROWID;
CREATE INDEX upload_flows_session ON upload_flows(session_id);
CREATE TABLE upload_bursts (
    id INTEGER PRIMARY KEY,
    capture_id INTEGER NOT NULL,
    app_id INTEGER,
    host TEXT NOT NULL,
    registrable_domain TEXT,
    started INTEGER,
    finished INTEGER,
    bytes_up INTEGER NOT NULL,
    payload_estimate INTEGER NOT NULL,
    connections INTEGER NOT NULL
);
CREATE INDEX upload_bursts_capture ON upload_bursts(capture_id, started);
)SQL");
}

QStringList classificationTables()
{
    return { QStringLiteral("upload_classification"), QStringLiteral("upload_burst_classification") };
}

void createClassificationTables(Database& db)
{
    db.exec(R"SQL(
CREATE TABLE upload_classification (
    session_id INTEGER PRIMARY KEY,
    classification TEXT NOT NULL,
    before_marker TEXT,
    after_marker TEXT,
    post_ts INTEGER,
    post_delta_us INTEGER,
    bytes_before_post INTEGER NOT NULL,
    share_before_post REAL NOT NULL,
    fully_before_post INTEGER NOT NULL,
    uncertain INTEGER NOT NULL,
    discarded_draft INTEGER NOT NULL,
    discard_ts INTEGER,
    cancel_after_discard INTEGER,
    publish_has_caption INTEGER NOT NULL,
    reference_media_id INTEGER,
    reference_media TEXT,
    media_match TEXT,
    match_reason TEXT,
    notes TEXT
);
CREATE TABLE upload_burst_classification (
    burst_id INTEGER PRIMARY KEY,
    before_marker TEXT,
    after_marker TEXT,
    classification TEXT NOT NULL,
    between_media_and_post INTEGER NOT NULL
);
)SQL");
}

bool exists(Database& db)
{
    Statement st(db.handle(),
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('upload_sessions', 'upload_chunks', "
        "'upload_bursts', 'upload_classification', 'upload_burst_classification')");
    return st.step() && st.int64(0) == 5;
}

namespace {

QString orNull(const QString& s)
{
    return s.isEmpty() ? QString() : s;
}

QString notesText(const QStringList& notes)
{
    return notes.isEmpty()
        ? QString()
        : QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(notes)).toJson(QJsonDocument::Compact));
}

QStringList notesFrom(const QString& text)
{
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(text.toUtf8()).array())
        out.append(v.toString());
    return out;
}

/// " AND …" for the filter, with its values appended to `params` (bound from ?1 on).
/// The time range keeps what overlaps it: ends at or after `from`, starts before `to`.
QByteArray conditions(const Data::Filter& f, const char* alias, std::vector<QVariant>& params)
{
    QByteArray sql;
    const QByteArray a(alias);
    auto in = [&](const QByteArray& column, const QList<QVariant>& values) {
        if (values.isEmpty())
            return;
        sql += " AND " + a + "." + column + " IN (";
        for (int i = 0; i < values.size(); ++i) {
            params.push_back(values[i]);
            sql += (i ? ",?" : "?") + QByteArray::number(params.size());
        }
        sql += ")";
    };
    QList<QVariant> v;
    for (qint64 id : f.captureIds)
        v.append(id);
    in("capture_id", v);
    v.clear();
    for (qint64 id : f.appIds)
        v.append(id);
    in("app_id", v);
    v.clear();
    for (const QString& h : f.hosts)
        v.append(h);
    in("host", v);
    if (f.from) {
        params.push_back(f.from);
        sql += " AND coalesce(" + a + ".finished, " + a + ".started) >= ?" + QByteArray::number(params.size());
    }
    if (f.to) {
        params.push_back(f.to);
        sql += " AND " + a + ".started < ?" + QByteArray::number(params.size());
    }
    return sql;
}

/// The parts of a filter an upload row does not hold itself: server countries, companies, data categories,
/// confidence and text.
Data::Filter contentParts(const Data::Filter& f)
{
    Data::Filter out;
    out.countries = f.countries;
    out.companies = f.companies;
    out.categories = f.categories;
    out.minConfidence = f.minConfidence;
    out.text = f.text;
    return out;
}

/// " AND …" for those parts on sessions (alias s): a session matches when one of its requests (chunks and control
/// requests) does, as the Flows page would list it. `where` holds the parts' conditions on flows (alias f),
/// numbered from `firstParameter`.
QByteArray sessionContentConditions(const FilterSql& where, const Data::Filter& parts, int firstParameter)
{
    if (parts.isEmpty())
        return {};
    return " AND s.id IN (SELECT u.session_id FROM upload_flows u CROSS JOIN flows f ON f.id = u.flow_id WHERE 1"
        + where.conditions(firstParameter) + ')';
}

/// The same on encrypted bursts (alias b), whose contents were not seen (the caller leaves out every burst under a
/// category or confidence filter): a text in the host, added to `params`; countries and companies (`where`, on
/// connections, alias c, numbered after `params`) when the burst's destination (its app and host) had connections
/// in its capture to them.
QByteArray burstContentConditions(const Data::Filter& filter, const FilterSql& where, std::vector<QVariant>& params)
{
    QByteArray sql;
    if (!filter.text.isEmpty()) { // as the filter's LIKE: ASCII letters in either case
        params.emplace_back(filter.text);
        sql += " AND instr(lower(b.host), lower(?" + QByteArray::number(params.size()) + ")) > 0";
    }
    if (!filter.countries.isEmpty() || !filter.companies.isEmpty())
        sql += " AND EXISTS (SELECT 1 FROM destinations d JOIN connection_destinations cd ON cd.destination_id = d.id "
               "JOIN connections c ON c.id = cd.connection_id WHERE d.app_id IS b.app_id AND d.host = b.host AND "
               "c.capture_id = b.capture_id"
            + where.conditions(static_cast<int>(params.size()) + 1) + ')';
    return sql;
}

void bindAll(Statement& st, const std::vector<QVariant>& params)
{
    for (size_t i = 0; i < params.size(); ++i) {
        const QVariant& v = params[i];
        if (v.userType() == QMetaType::QString)
            st.bind(static_cast<int>(i + 1), v.toString());
        else
            st.bind(static_cast<int>(i + 1), v.toLongLong());
    }
}

const char* const kSessionColumns =
    "s.id, s.capture_id, coalesce(s.app_id, 0), coalesce(a.name, ''), coalesce(c.file_name, ''), s.protocol, "
    "s.session_key, coalesce(s.upload_id, ''), coalesce(s.host, ''), coalesce(s.registrable_domain, ''), "
    "coalesce(s.url, ''), coalesce(s.method, ''), coalesce(s.media_type, ''), coalesce(s.media_class, ''), "
    "coalesce(s.part_name, ''), s.bytes, s.bytes_sent, s.total, s.chunks, s.retries, s.coverage, s.complete, "
    "coalesce(s.started, 0), coalesce(s.finished, 0), coalesce(s.sha256, ''), coalesce(s.fingerprint, ''), "
    "coalesce(s.create_flow_id, 0), coalesce(s.finalize_flow_id, 0), s.server_confirmed, "
    "coalesce(s.publish_flow_id, 0), coalesce(s.publish_ts, 0), coalesce(s.publish_evidence, ''), "
    "coalesce(s.cancel_flow_id, 0), coalesce(s.cancel_ts, 0), coalesce(s.notes, ''), coalesce(s.first_flow_id, 0), "
    // 36: classification
    "k.session_id IS NOT NULL, coalesce(k.classification, ''), coalesce(k.before_marker, ''), "
    "coalesce(k.after_marker, ''), coalesce(k.post_ts, 0), coalesce(k.post_delta_us, 0), "
    "coalesce(k.bytes_before_post, 0), coalesce(k.share_before_post, 0), coalesce(k.fully_before_post, 0), "
    "coalesce(k.uncertain, 0), coalesce(k.discarded_draft, 0), coalesce(k.discard_ts, 0), "
    "coalesce(k.cancel_after_discard, -1), coalesce(k.publish_has_caption, 0), coalesce(k.reference_media_id, 0), "
    "coalesce(k.reference_media, ''), coalesce(k.media_match, ''), coalesce(k.match_reason, ''), "
    "coalesce(k.notes, '') "
    "FROM upload_sessions s LEFT JOIN apps a ON a.id = s.app_id LEFT JOIN captures c ON c.id = s.capture_id "
    "LEFT JOIN upload_classification k ON k.session_id = s.id";

Data::UploadSession readSession(const Statement& st)
{
    Data::UploadSession s;
    int i = 0;
    s.id = st.int64(i++);
    s.captureId = st.int64(i++);
    s.appId = st.int64(i++);
    s.app = st.text(i++);
    s.captureFile = st.text(i++);
    s.protocol = st.text(i++);
    s.sessionKey = st.text(i++);
    s.uploadId = st.text(i++);
    s.host = st.text(i++);
    s.registrableDomain = st.text(i++);
    s.url = st.text(i++);
    s.method = st.text(i++);
    s.mediaType = st.text(i++);
    s.mediaClass = st.text(i++);
    s.partName = st.text(i++);
    s.bytes = st.int64(i++);
    s.bytesSent = st.int64(i++);
    s.total = st.int64(i++);
    s.chunks = static_cast<int>(st.int64(i++));
    s.retries = static_cast<int>(st.int64(i++));
    s.coverage = st.real(i++);
    s.complete = st.int64(i++) != 0;
    s.started = st.int64(i++);
    s.finished = st.int64(i++);
    s.sha256 = st.text(i++);
    s.fingerprint = Uploads::MediaFingerprint::fromJson(QJsonDocument::fromJson(st.text(i++).toUtf8()).object());
    s.createFlowId = st.int64(i++);
    s.finalizeFlowId = st.int64(i++);
    s.serverConfirmed = st.int64(i++) != 0;
    s.publishFlowId = st.int64(i++);
    s.publishTs = st.int64(i++);
    s.publishEvidence = st.text(i++);
    s.cancelFlowId = st.int64(i++);
    s.cancelTs = st.int64(i++);
    s.notes = notesFrom(st.text(i++));
    s.firstFlowId = st.int64(i++);
    s.classified = st.int64(i++) != 0;
    s.classification = st.text(i++);
    s.beforeMarker = st.text(i++);
    s.afterMarker = st.text(i++);
    s.postTs = st.int64(i++);
    s.postDeltaUs = st.int64(i++);
    s.bytesBeforePost = st.int64(i++);
    s.shareBeforePost = st.real(i++);
    s.fullyBeforePost = st.int64(i++) != 0;
    s.uncertain = st.int64(i++) != 0;
    s.discardedDraft = st.int64(i++) != 0;
    s.discardTs = st.int64(i++);
    s.cancelAfterDiscard = static_cast<int>(st.int64(i++));
    s.publishHasCaption = st.int64(i++) != 0;
    s.referenceMediaId = st.int64(i++);
    s.referenceMedia = st.text(i++);
    s.mediaMatch = st.text(i++);
    s.matchReason = st.text(i++);
    s.classificationNotes = notesFrom(st.text(i++));
    return s;
}

} // namespace

qint64 insertSession(Database& db, const Data::UploadSession& s)
{
    Statement& st = db.prepare(
        "INSERT INTO upload_sessions (capture_id, app_id, protocol, session_key, upload_id, host, registrable_domain, "
        "url, method, media_type, media_class, part_name, bytes, bytes_sent, total, chunks, retries, coverage, "
        "complete, started, finished, sha256, fingerprint, create_flow_id, finalize_flow_id, server_confirmed, "
        "publish_flow_id, publish_ts, publish_evidence, cancel_flow_id, cancel_ts, notes, first_flow_id) VALUES (?1, "
        "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
        "?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)");
    st.bind(1, s.captureId).bindOrNull(2, s.appId, 0).bind(3, s.protocol).bind(4, s.sessionKey);
    st.bind(5, orNull(s.uploadId)).bind(6, orNull(s.host)).bind(7, orNull(s.registrableDomain)).bind(8, orNull(s.url));
    st.bind(9, orNull(s.method))
        .bind(10, orNull(s.mediaType))
        .bind(11, orNull(s.mediaClass))
        .bind(12, orNull(s.partName));
    st.bind(13, s.bytes).bind(14, s.bytesSent).bind(15, s.total).bind(16, s.chunks).bind(17, s.retries);
    st.bind(18, s.coverage).bind(19, s.complete ? 1 : 0).bindOrNull(20, s.started, 0).bindOrNull(21, s.finished, 0);
    st.bind(22, orNull(s.sha256));
    st.bind(23,
        s.fingerprint.isMedia() || !s.fingerprint.notes.isEmpty()
            ? QString::fromUtf8(QJsonDocument(s.fingerprint.toJson()).toJson(QJsonDocument::Compact))
            : QString());
    st.bindOrNull(24, s.createFlowId, 0).bindOrNull(25, s.finalizeFlowId, 0).bind(26, s.serverConfirmed ? 1 : 0);
    st.bindOrNull(27, s.publishFlowId, 0).bindOrNull(28, s.publishTs, 0).bind(29, orNull(s.publishEvidence));
    st.bindOrNull(30, s.cancelFlowId, 0).bindOrNull(31, s.cancelTs, 0).bind(32, notesText(s.notes));
    st.bindOrNull(33, s.firstFlowId, 0);
    st.run();
    const qint64 id = db.lastInsertId();
    Statement& flow = db.prepare("INSERT OR IGNORE INTO upload_flows (flow_id, session_id, role) VALUES (?1, ?2, ?3)");
    auto role = [&](qint64 flowId, const char* name) {
        if (!flowId)
            return;
        flow.bind(1, flowId).bind(2, id).bind(3, QString::fromLatin1(name));
        flow.run();
    };
    role(s.createFlowId, "create");
    role(s.finalizeFlowId, "finalize");
    role(s.publishFlowId, "publish");
    role(s.cancelFlowId, "cancel");
    return id;
}

void insertChunk(Database& db, const Data::UploadChunk& c)
{
    Statement& st = db.prepare(
        "INSERT INTO upload_chunks (session_id, seq, flow_id, ts_start, ts_end, status, byte_offset, length, "
        "part_number, kept, retry) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    st.bind(1, c.sessionId).bind(2, c.seq).bind(3, c.flowId).bindOrNull(4, c.tsStart, 0).bindOrNull(5, c.tsEnd, 0);
    st.bind(6, c.status).bind(7, c.offset).bind(8, c.length).bindOrNull(9, c.partNumber, 0);
    st.bind(10, c.kept ? 1 : 0).bind(11, c.retry ? 1 : 0);
    st.run();
    Statement& flow =
        db.prepare("INSERT OR IGNORE INTO upload_flows (flow_id, session_id, role) VALUES (?1, ?2, 'chunk')");
    flow.bind(1, c.flowId).bind(2, c.sessionId);
    flow.run();
}

qint64 insertBurst(Database& db, const Data::UploadBurst& b)
{
    Statement& st = db.prepare(
        "INSERT INTO upload_bursts (capture_id, app_id, host, registrable_domain, started, finished, bytes_up, "
        "payload_estimate, connections) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, b.captureId).bindOrNull(2, b.appId, 0).bind(3, b.host).bind(4, orNull(b.registrableDomain));
    st.bindOrNull(5, b.started, 0).bindOrNull(6, b.finished, 0).bind(7, b.bytesUp).bind(8, b.payloadEstimate);
    st.bind(9, b.connections);
    st.run();
    return db.lastInsertId();
}

void insertClassification(Database& db, const Data::UploadSession& s)
{
    Statement& st = db.prepare(
        "INSERT INTO upload_classification (session_id, classification, before_marker, after_marker, post_ts, "
        "post_delta_us, bytes_before_post, share_before_post, fully_before_post, uncertain, discarded_draft, "
        "discard_ts, cancel_after_discard, publish_has_caption, reference_media_id, reference_media, media_match, "
        "match_reason, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
        "?18, ?19)");
    st.bind(1, s.id).bind(2, s.classification).bind(3, orNull(s.beforeMarker)).bind(4, orNull(s.afterMarker));
    st.bindOrNull(5, s.postTs, 0);
    if (s.postTs)
        st.bind(6, s.postDeltaUs);
    else
        st.bindNull(6);
    st.bind(7, s.bytesBeforePost).bind(8, s.shareBeforePost).bind(9, s.fullyBeforePost ? 1 : 0);
    st.bind(10, s.uncertain ? 1 : 0).bind(11, s.discardedDraft ? 1 : 0).bindOrNull(12, s.discardTs, 0);
    st.bindOrNull(13, s.cancelAfterDiscard, -1).bind(14, s.publishHasCaption ? 1 : 0);
    st.bindOrNull(15, s.referenceMediaId, 0).bind(16, orNull(s.referenceMedia)).bind(17, orNull(s.mediaMatch));
    st.bind(18, orNull(s.matchReason)).bind(19, notesText(s.classificationNotes));
    st.run();
}

void insertBurstClassification(Database& db, const Data::UploadBurst& b)
{
    Statement& st =
        db.prepare("INSERT INTO upload_burst_classification (burst_id, before_marker, after_marker, classification, "
                   "between_media_and_post) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, b.id).bind(2, orNull(b.beforeMarker)).bind(3, orNull(b.afterMarker)).bind(4, b.classification);
    st.bind(5, b.betweenMediaAndPost ? 1 : 0);
    st.run();
}

std::vector<Data::UploadSession> sessions(Database& db, const Data::Filter& filter)
{
    std::vector<Data::UploadSession> out;
    if (!exists(db))
        return out;
    std::vector<QVariant> params;
    QByteArray sql = QByteArray("SELECT ") + kSessionColumns + " WHERE 1" + conditions(filter, "s", params);
    const Data::Filter parts = contentParts(filter);
    const FilterSql where(parts, FilterSql::Table::Flows, "f", FilterSql::Rows::Few);
    const int first = static_cast<int>(params.size()) + 1;
    sql += sessionContentConditions(where, parts, first) + " ORDER BY s.capture_id, s.started, s.id";
    Statement st(db.handle(), sql.constData());
    bindAll(st, params);
    where.bind(st, first);
    while (st.step())
        out.push_back(readSession(st));
    return out;
}

std::optional<Data::UploadSession> session(Database& db, qint64 id)
{
    if (!exists(db))
        return std::nullopt;
    const QByteArray sql = QByteArray("SELECT ") + kSessionColumns + " WHERE s.id = ?1";
    Statement st(db.handle(), sql.constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readSession(st);
}

std::vector<Data::UploadChunk> chunks(Database& db, qint64 sessionId)
{
    std::vector<Data::UploadChunk> out;
    if (!exists(db))
        return out;
    Statement st(db.handle(),
        "SELECT session_id, seq, flow_id, coalesce(ts_start, 0), coalesce(ts_end, 0), coalesce(status, 0), "
        "byte_offset, length, coalesce(part_number, 0), kept, retry FROM upload_chunks WHERE session_id = ?1 "
        "ORDER BY seq");
    st.bind(1, sessionId);
    while (st.step()) {
        Data::UploadChunk c;
        c.sessionId = st.int64(0);
        c.seq = static_cast<int>(st.int64(1));
        c.flowId = st.int64(2);
        c.tsStart = st.int64(3);
        c.tsEnd = st.int64(4);
        c.status = static_cast<int>(st.int64(5));
        c.offset = st.int64(6);
        c.length = st.int64(7);
        c.partNumber = static_cast<int>(st.int64(8));
        c.kept = st.int64(9) != 0;
        c.retry = st.int64(10) != 0;
        out.push_back(c);
    }
    return out;
}

std::vector<Data::UploadBurst> bursts(Database& db, const Data::Filter& filter)
{
    std::vector<Data::UploadBurst> out;
    if (!exists(db))
        return out;
    std::vector<QVariant> params;
    QByteArray sql = "SELECT b.id, b.capture_id, coalesce(b.app_id, 0), b.host, coalesce(b.registrable_domain, ''), "
                     "coalesce(b.started, 0), coalesce(b.finished, 0), b.bytes_up, b.payload_estimate, b.connections, "
                     "coalesce(k.before_marker, ''), coalesce(k.after_marker, ''), coalesce(k.classification, ''), "
                     "coalesce(k.between_media_and_post, 0) FROM upload_bursts b LEFT JOIN upload_burst_classification "
                     "k ON k.burst_id = b.id WHERE 1"
        + conditions(filter, "b", params);
    Data::Filter destinationParts; // countries and companies, on the burst's connections
    destinationParts.countries = filter.countries;
    destinationParts.companies = filter.companies;
    const FilterSql where(destinationParts, FilterSql::Table::Connections, "c", FilterSql::Rows::Few);
    // What a burst carried was not seen: none matches a category or a confidence.
    const bool unseen = !filter.categories.isEmpty() || !filter.minConfidence.isEmpty();
    sql += (unseen ? QByteArray(" AND 0") : burstContentConditions(filter, where, params))
        + " ORDER BY b.capture_id, b.started, b.id";
    Statement st(db.handle(), sql.constData());
    bindAll(st, params);
    if (!unseen)
        where.bind(st, static_cast<int>(params.size()) + 1);
    while (st.step()) {
        Data::UploadBurst b;
        b.id = st.int64(0);
        b.captureId = st.int64(1);
        b.appId = st.int64(2);
        b.host = st.text(3);
        b.registrableDomain = st.text(4);
        b.started = st.int64(5);
        b.finished = st.int64(6);
        b.bytesUp = st.int64(7);
        b.payloadEstimate = st.int64(8);
        b.connections = static_cast<int>(st.int64(9));
        b.beforeMarker = st.text(10);
        b.afterMarker = st.text(11);
        b.classification = st.text(12);
        b.betweenMediaAndPost = st.int64(13) != 0;
        out.push_back(b);
    }
    return out;
}

std::vector<qint64> sessionFlows(Database& db, qint64 sessionId)
{
    std::vector<qint64> out;
    if (!exists(db))
        return out;
    Statement st(db.handle(), "SELECT DISTINCT flow_id FROM upload_flows WHERE session_id = ?1 ORDER BY flow_id");
    st.bind(1, sessionId);
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

} // namespace UploadStore
