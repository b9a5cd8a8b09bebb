// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "investigation.h"

#include "analysisstate.h"
#include "bodystore.h"
#include "common/timeutil.h"
#include "headercodec.h"
#include "schema.h"

#include <QFileInfo>

Investigation::Investigation(std::unique_ptr<Database> db)
    : m_db(std::move(db))
{ }

std::unique_ptr<Investigation> Investigation::open(const QString& path, OpenMode mode)
{
    const QString name = QFileInfo(path).fileName();
    const bool exists = QFileInfo::exists(path);
    if (mode == OpenMode::Create && !exists) {
        const QFileInfo dir(QFileInfo(path).absolutePath());
        if (!dir.isDir())
            throw StoreError(QStringLiteral("%1: the folder %2 does not exist").arg(name, dir.filePath()));
    }
    const Database::Mode dbMode = mode == OpenMode::ReadOnly ? Database::Mode::ReadOnly
        : (mode == OpenMode::Create && !exists)              ? Database::Mode::Create
                                                             : Database::Mode::ReadWrite;
    auto db = std::make_unique<Database>(path, dbMode);
    try {
        Schema::verify(*db, name);
        const qint64 version = db->pragmaInt("PRAGMA user_version");
        if (mode == OpenMode::ReadOnly) {
            if (version != Schema::currentVersion())
                throw StoreError(version > Schema::currentVersion()
                        ? QStringLiteral("it was saved by a newer version of Leakscope (file format %1; "
                                         "this version reads up to %2). Update Leakscope to open it")
                              .arg(version)
                              .arg(Schema::currentVersion())
                        : QStringLiteral("it uses an older file format (%1); open it for writing once "
                                         "to upgrade it")
                              .arg(version));
        } else {
            Schema::migrate(*db);
        }
    } catch (const StoreError& e) {
        if (e.message().startsWith(name))
            throw;
        throw StoreError(QStringLiteral("%1: %2").arg(name, e.message()));
    }
    std::unique_ptr<Investigation> inv(new Investigation(std::move(db)));
    if (!exists)
        inv->setProperty(QStringLiteral("created"), TimeUtil::formatIsoUtc(TimeUtil::now()));
    return inv;
}

QString Investigation::title()
{
    const QString t = property(QStringLiteral("title"));
    return t.isEmpty() ? QFileInfo(path()).completeBaseName() : t;
}

QString Investigation::property(const QString& key)
{
    Statement& st = m_db->prepare("SELECT value FROM properties WHERE key = ?1");
    st.bind(1, key);
    const QString v = st.step() ? st.text(0) : QString();
    st.reset();
    return v;
}

void Investigation::setProperty(const QString& key, const QString& value)
{
    if (value.isEmpty()) {
        Statement& st = m_db->prepare("DELETE FROM properties WHERE key = ?1");
        st.bind(1, key);
        st.run();
        return;
    }
    Statement& st = m_db->prepare("INSERT INTO properties (key, value) VALUES (?1, ?2) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value);
    st.run();
}

void Investigation::saveCopy(const QString& path)
{
    if (QFileInfo::exists(path))
        throw StoreError(QStringLiteral("%1 already exists").arg(QFileInfo(path).fileName()));
    Statement st(m_db->handle(), "VACUUM INTO ?1");
    st.bind(1, path);
    st.step();
}

namespace {

const char* const kCaptureColumns = "SELECT id, file_name, file_size, sha256, format, compression, producer, label, "
                                    "app_hint, imported_at, first_seen, last_seen, flow_count, connection_count, "
                                    "clock_offset_us, notes FROM captures ";

Data::CaptureRecord readCapture(const Statement& st)
{
    Data::CaptureRecord c;
    c.id = st.int64(0);
    c.fileName = st.text(1);
    c.fileSize = st.int64(2);
    c.sha256 = st.text(3);
    c.format = st.text(4);
    c.compression = st.text(5);
    c.producer = st.text(6);
    c.label = st.text(7);
    c.appHint = st.text(8);
    c.importedAt = st.int64(9);
    c.firstSeen = st.int64(10);
    c.lastSeen = st.int64(11);
    c.flowCount = st.int64(12);
    c.connectionCount = st.int64(13);
    c.clockOffsetUs = st.int64(14);
    c.notes = st.text(15);
    return c;
}

} // namespace

std::vector<Data::CaptureRecord> Investigation::captures()
{
    std::vector<Data::CaptureRecord> out;
    Statement st(m_db->handle(), QByteArray(QByteArray(kCaptureColumns) + "ORDER BY id").constData());
    while (st.step())
        out.push_back(readCapture(st));
    return out;
}

std::optional<Data::CaptureRecord> Investigation::capture(qint64 id)
{
    Statement st(m_db->handle(), QByteArray(QByteArray(kCaptureColumns) + "WHERE id = ?1").constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readCapture(st);
}

std::optional<Data::CaptureRecord> Investigation::findCapture(const QString& idOrName)
{
    bool isNumber = false;
    const qint64 id = idOrName.toLongLong(&isNumber);
    if (isNumber) {
        if (auto c = capture(id))
            return c;
    }
    Statement st(m_db->handle(),
        QByteArray(QByteArray(kCaptureColumns) + "WHERE file_name = ?1 OR label = ?1 ORDER BY id").constData());
    st.bind(1, idOrName);
    if (!st.step())
        return std::nullopt;
    return readCapture(st);
}

std::optional<Data::CaptureRecord> Investigation::captureBySha256(const QString& sha256)
{
    Statement st(m_db->handle(), QByteArray(QByteArray(kCaptureColumns) + "WHERE sha256 = ?1").constData());
    st.bind(1, sha256);
    if (!st.step())
        return std::nullopt;
    return readCapture(st);
}

QStringList Investigation::captureWarnings(qint64 captureId)
{
    QStringList out;
    Statement& st = m_db->prepare("SELECT message FROM capture_warnings WHERE capture_id = ?1 ORDER BY seq");
    st.bind(1, captureId);
    while (st.step())
        out.append(st.text(0));
    st.reset();
    return out;
}

void Investigation::setCaptureLabel(qint64 captureId, const QString& label)
{
    Statement& st = m_db->prepare("UPDATE captures SET label = ?1 WHERE id = ?2");
    st.bind(1, label.isEmpty() ? QString() : label).bind(2, captureId);
    st.run();
}

void Investigation::removeCapture(qint64 captureId)
{
    Transaction tx(*m_db);
    Statement& st = m_db->prepare("DELETE FROM captures WHERE id = ?1");
    st.bind(1, captureId);
    st.run();
    // Bodies are shared between captures (deduplicated); drop the ones nothing refers to any more.
    m_db->exec("DELETE FROM bodies WHERE id NOT IN (SELECT req_body_id FROM flows WHERE req_body_id IS NOT NULL "
               "UNION SELECT resp_body_id FROM flows WHERE resp_body_id IS NOT NULL "
               "UNION SELECT body_id FROM websocket_messages WHERE body_id IS NOT NULL)");
    m_db->exec("DELETE FROM apps WHERE id NOT IN (SELECT app_id FROM flows WHERE app_id IS NOT NULL "
               "UNION SELECT app_id FROM connections WHERE app_id IS NOT NULL)");
    AnalysisState::markStale(*m_db);
    tx.commit();
}

std::vector<Data::AppRecord> Investigation::apps()
{
    std::vector<Data::AppRecord> out;
    Statement& st = m_db->prepare("SELECT id, name, package FROM apps ORDER BY name, package");
    while (st.step())
        out.push_back({ st.int64(0), st.text(1), st.text(2) });
    st.reset();
    return out;
}

qint64 Investigation::flowCount()
{
    return m_db->pragmaInt("SELECT count(*) FROM flows");
}

std::optional<Data::StoredFlow> Investigation::flow(qint64 flowId)
{
    Statement& st = m_db->prepare(
        "SELECT f.capture_id, f.source_ref, f.source_id, f.ts_start, f.ts_end, f.client_ip, f.client_port, "
        "f.server_ip, f.server_port, f.transport, f.l7, f.sni, f.alpn, f.tls_version, f.scheme, f.method, f.host, "
        "f.url, f.http_version, f.status, f.reason, f.req_headers, f.resp_headers, f.req_body_id, f.req_encoding, "
        "f.req_wire_size, f.req_size, f.resp_body_id, f.resp_encoding, f.resp_wire_size, f.resp_size, "
        "f.req_content_type, f.resp_content_type, f.app_id, a.name, a.package, f.app_source, f.app_reason, "
        "f.flags, f.error, f.comment FROM flows f LEFT JOIN apps a ON a.id = f.app_id WHERE f.id = ?1");
    st.bind(1, flowId);
    if (!st.step()) {
        st.reset();
        return std::nullopt;
    }
    Data::StoredFlow s;
    s.id = flowId;
    s.captureId = st.int64(0);
    Data::Flow& f = s.flow;
    f.sourceRef = st.text(1);
    f.sourceId = st.text(2);
    f.tsStart = st.int64(3);
    f.tsEnd = st.int64(4);
    f.clientIp = st.text(5);
    f.clientPort = static_cast<int>(st.int64(6));
    f.serverIp = st.text(7);
    f.serverPort = static_cast<int>(st.int64(8));
    f.transport = st.text(9);
    f.l7 = st.text(10);
    f.sni = st.text(11);
    f.alpn = st.text(12);
    f.tlsVersion = st.text(13);
    f.scheme = st.text(14);
    f.method = st.text(15);
    f.host = st.text(16);
    f.url = st.text(17);
    f.httpVersion = st.text(18);
    f.status = static_cast<int>(st.int64(19));
    f.reason = st.text(20);
    f.requestHeaders = HeaderCodec::decode(st.blob(21));
    f.responseHeaders = HeaderCodec::decode(st.blob(22));
    s.requestBodyId = st.int64(23);
    f.requestBody.present = !st.isNull(23);
    f.requestBody.contentEncoding = st.blob(24);
    f.requestBody.wireSize = st.isNull(25) ? -1 : st.int64(25);
    f.requestBody.decodedSize = st.isNull(26) ? -1 : st.int64(26);
    s.responseBodyId = st.int64(27);
    f.responseBody.present = !st.isNull(27);
    f.responseBody.contentEncoding = st.blob(28);
    f.responseBody.wireSize = st.isNull(29) ? -1 : st.int64(29);
    f.responseBody.decodedSize = st.isNull(30) ? -1 : st.int64(30);
    f.requestContentType = st.text(31);
    f.responseContentType = st.text(32);
    s.appId = st.int64(33);
    f.app.name = st.text(34);
    f.app.package = st.text(35);
    f.app.source = st.text(36);
    f.app.reason = st.text(37);
    f.flags = static_cast<quint32>(st.int64(38));
    f.error = st.text(39);
    f.comment = st.text(40);
    st.reset();
    return s;
}

std::vector<Data::WebSocketMessage> Investigation::webSocketMessages(qint64 flowId, qint64 maxBytesPerMessage)
{
    std::vector<std::pair<Data::WebSocketMessage, qint64>> rows;
    {
        Statement& st = m_db->prepare(
            "SELECT ts, from_client, opcode, body_id FROM websocket_messages WHERE flow_id = ?1 ORDER BY seq");
        st.bind(1, flowId);
        while (st.step()) {
            Data::WebSocketMessage m;
            m.ts = st.int64(0);
            m.fromClient = st.int64(1) != 0;
            m.opcode = static_cast<int>(st.int64(2));
            rows.emplace_back(std::move(m), st.int64(3));
        }
        st.reset();
    }
    std::vector<Data::WebSocketMessage> out;
    out.reserve(rows.size());
    for (auto& [m, bodyId] : rows) {
        if (bodyId)
            m.data = BodyStore::get(*m_db, bodyId, maxBytesPerMessage);
        out.push_back(std::move(m));
    }
    return out;
}

QByteArray Investigation::body(qint64 bodyId, qint64 maxBytes)
{
    return bodyId ? BodyStore::get(*m_db, bodyId, maxBytes) : QByteArray();
}
