// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturewriter.h"

#include "analysisstate.h"
#include "bodystore.h"
#include "common/httputil.h"
#include "common/numbers.h"
#include "common/timeutil.h"
#include "headercodec.h"

namespace {
// A broken file can produce a warning per record; keep the first ones and count the rest.
constexpr int kMaxWarnings = 200;
} // namespace

CaptureWriter::CaptureWriter(Database& db, const CaptureFileInfo& info)
    : m_db(db)
    , m_tx(std::make_unique<Transaction>(db))
    , m_appHint(info.appHint)
{
    Statement& st = m_db.prepare(
        "INSERT INTO captures (file_name, file_size, sha256, format, compression, label, app_hint, imported_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, info.fileName)
        .bind(2, info.fileSize)
        .bind(3, info.sha256.isNull() ? QStringLiteral("") : info.sha256)
        .bind(4, info.format);
    st.bind(5, info.compression.isEmpty() ? QString() : info.compression);
    st.bind(6, info.label.isEmpty() ? QString() : info.label);
    st.bind(7, info.appHint.isEmpty() ? QString() : info.appHint);
    st.bind(8, TimeUtil::now());
    st.run();
    m_captureId = m_db.lastInsertId();
}

CaptureWriter::~CaptureWriter() = default;

void CaptureWriter::setInfo(const Data::CaptureInfo& info)
{
    Statement& st = m_db.prepare("UPDATE captures SET producer = ?1, notes = coalesce(?2, notes) WHERE id = ?3");
    st.bind(1, info.producer.isEmpty() ? QString() : info.producer);
    st.bind(2, info.notes.isEmpty() ? QString() : info.notes).bind(3, m_captureId);
    st.run();
}

std::optional<qint64> CaptureWriter::appId(const Data::AppIdentity& app)
{
    if (app.isEmpty())
        return std::nullopt;
    const QString name = app.name.isEmpty() ? app.package : app.name;
    const QString key = name + QChar(0) + app.package;
    if (const auto it = m_appIds.constFind(key); it != m_appIds.cend())
        return *it;
    Statement& insert = m_db.prepare("INSERT OR IGNORE INTO apps (name, package) VALUES (?1, ?2)");
    insert.bind(1, name).bind(2, app.package.isNull() ? QStringLiteral("") : app.package);
    insert.run();
    Statement& find = m_db.prepare("SELECT id FROM apps WHERE name = ?1 AND package = ?2");
    find.bind(1, name).bind(2, app.package.isNull() ? QStringLiteral("") : app.package);
    find.step();
    const qint64 id = find.int64(0);
    find.reset();
    m_appIds.insert(key, id);
    return id;
}

void CaptureWriter::extendTimeSpan(Data::Timestamp first, Data::Timestamp last)
{
    if (first > 0 && (m_first == 0 || first < m_first))
        m_first = first;
    const Data::Timestamp end = std::max(first, last);
    if (end > 0 && end > m_last)
        m_last = end;
}

qint64 CaptureWriter::storeBody(const Data::Body& body)
{
    return body.present ? BodyStore::put(m_db, body.data) : 0;
}

void CaptureWriter::addFlow(Data::Flow&& f)
{
    Data::AppIdentity app = f.app;
    if (app.isEmpty() && !m_appHint.isEmpty())
        app = { m_appHint, QString(), -1, QStringLiteral("manual"), QStringLiteral("chosen at import") };
    const auto app_id = appId(app);

    Statement& st = m_db.prepare(
        "INSERT INTO flows (capture_id, source_ref, source_id, ts_start, ts_end, client_ip, client_port, server_ip, "
        "server_port, transport, l7, sni, alpn, tls_version, scheme, method, host, url, http_version, status, reason, "
        "req_headers, resp_headers, req_body_id, req_encoding, req_wire_size, req_size, resp_body_id, resp_encoding, "
        "resp_wire_size, resp_size, req_content_type, resp_content_type, app_id, app_source, app_reason, flags, "
        "error, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39)");
    const auto orNull = [](const QString& s) { return s.isEmpty() ? QString() : s; };
    const auto size = [](qint64 stated) { return stated < 0 ? qint64(-1) : Numbers::plausibleCount(stated); };
    st.bind(1, m_captureId).bind(2, orNull(f.sourceRef)).bind(3, orNull(f.sourceId));
    st.bindOrNull(4, f.tsStart, 0).bindOrNull(5, f.tsEnd, 0);
    st.bind(6, orNull(f.clientIp))
        .bindOrNull(7, f.clientPort, 0)
        .bind(8, orNull(f.serverIp))
        .bindOrNull(9, f.serverPort, 0);
    st.bind(10, orNull(f.transport))
        .bind(11, orNull(f.l7.isEmpty() && !f.method.isEmpty() ? HttpUtil::l7ForVersion(f.httpVersion) : f.l7));
    st.bind(12, orNull(f.sni)).bind(13, orNull(f.alpn)).bind(14, orNull(f.tlsVersion));
    st.bind(15, orNull(f.scheme)).bind(16, orNull(f.method)).bind(17, orNull(f.host)).bind(18, orNull(f.url));
    st.bind(19, orNull(f.httpVersion)).bindOrNull(20, f.status, 0).bind(21, orNull(f.reason));
    st.bindText(22, HeaderCodec::encode(f.requestHeaders)).bindText(23, HeaderCodec::encode(f.responseHeaders));
    st.bindOrNull(24, storeBody(f.requestBody), 0);
    st.bindText(25, f.requestBody.contentEncoding.isEmpty() ? QByteArray() : f.requestBody.contentEncoding);
    st.bindOrNull(26, size(f.requestBody.wireSize), -1).bindOrNull(27, size(f.requestBody.decodedSize), -1);
    st.bindOrNull(28, storeBody(f.responseBody), 0);
    st.bindText(29, f.responseBody.contentEncoding.isEmpty() ? QByteArray() : f.responseBody.contentEncoding);
    st.bindOrNull(30, size(f.responseBody.wireSize), -1).bindOrNull(31, size(f.responseBody.decodedSize), -1);
    st.bind(32, orNull(f.requestContentType)).bind(33, orNull(f.responseContentType));
    if (app_id)
        st.bind(34, *app_id);
    else
        st.bindNull(34);
    st.bind(35, orNull(app.source)).bind(36, orNull(app.reason));
    st.bind(37, static_cast<qint64>(f.flags)).bind(38, orNull(f.error)).bind(39, orNull(f.comment));
    st.run();
    const qint64 flowId = m_db.lastInsertId();

    if (!f.webSocketMessages.empty()) {
        Statement& ws = m_db.prepare("INSERT INTO websocket_messages (flow_id, seq, ts, from_client, opcode, size, "
                                     "body_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        qint64 seq = 0;
        for (const auto& m : f.webSocketMessages) {
            ws.bind(1, flowId).bind(2, seq++).bindOrNull(3, m.ts, 0).bind(4, m.fromClient ? 1 : 0).bind(5, m.opcode);
            ws.bind(6, static_cast<qint64>(m.data.size())).bindOrNull(7, BodyStore::put(m_db, m.data), 0);
            ws.run();
            extendTimeSpan(m.ts, m.ts);
        }
    }
    extendTimeSpan(f.tsStart, f.tsEnd);
    ++m_flows;
}

void CaptureWriter::addConnection(Data::Connection&& c)
{
    const auto app_id = appId(c.app.isEmpty() && !m_appHint.isEmpty() ? Data::AppIdentity { m_appHint, QString(), -1,
                                  QStringLiteral("manual"), QStringLiteral("chosen at import") }
                                                                      : c.app);
    Statement& st = m_db.prepare(
        "INSERT INTO connections (capture_id, source_ref, transport, client_ip, client_port, server_ip, server_port, "
        "name, name_source, l7, alpn, first_seen, last_seen, bytes_up, bytes_down, packets_up, packets_down, app_id, "
        "app_source, app_reason, flags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
        "?16, ?17, ?18, ?19, ?20, ?21)");
    const auto orNull = [](const QString& s) { return s.isEmpty() ? QString() : s; };
    st.bind(1, m_captureId).bind(2, orNull(c.sourceRef)).bind(3, orNull(c.transport));
    st.bind(4, orNull(c.clientIp))
        .bindOrNull(5, c.clientPort, 0)
        .bind(6, orNull(c.serverIp))
        .bindOrNull(7, c.serverPort, 0);
    st.bind(8, orNull(c.name)).bind(9, orNull(c.nameSource)).bind(10, orNull(c.l7)).bind(11, orNull(c.alpn));
    st.bindOrNull(12, c.firstSeen, 0).bindOrNull(13, c.lastSeen, 0);
    st.bind(14, Numbers::plausibleCount(c.bytesUp)).bind(15, Numbers::plausibleCount(c.bytesDown));
    st.bind(16, Numbers::plausibleCount(c.packetsUp)).bind(17, Numbers::plausibleCount(c.packetsDown));
    if (app_id)
        st.bind(18, *app_id);
    else
        st.bindNull(18);
    const bool hinted = c.app.isEmpty() && !m_appHint.isEmpty();
    st.bind(19, hinted ? QStringLiteral("manual") : orNull(c.app.source));
    st.bind(20, hinted ? QStringLiteral("chosen at import") : orNull(c.app.reason));
    st.bind(21, static_cast<qint64>(c.flags));
    st.run();
    extendTimeSpan(c.firstSeen, c.lastSeen);
    ++m_connections;
}

void CaptureWriter::addDnsAnswer(const Data::DnsAnswer& a)
{
    Statement& st = m_db.prepare(
        "INSERT INTO dns_answers (capture_id, ts, name, address, cname_chain, ttl) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, m_captureId).bindOrNull(2, a.ts, 0).bind(3, a.name.toLower()).bind(4, a.address);
    st.bind(5, a.cnameChain.isEmpty() ? QString() : a.cnameChain).bind(6, a.ttl);
    st.run();
    extendTimeSpan(a.ts, a.ts); // a DNS log alone (Zeek's dns.log) still spans a time
}

void CaptureWriter::addWarning(const QString& warning)
{
    if (m_warnings.size() >= kMaxWarnings) {
        ++m_droppedWarnings;
        return;
    }
    m_warnings.append(warning);
}

qint64 CaptureWriter::commit()
{
    if (m_droppedWarnings > 0)
        m_warnings.append(QStringLiteral("… and %1 more warnings like these").arg(m_droppedWarnings));
    Statement& w = m_db.prepare("INSERT INTO capture_warnings (capture_id, seq, message) VALUES (?1, ?2, ?3)");
    for (qsizetype i = 0; i < m_warnings.size(); ++i) {
        w.bind(1, m_captureId).bind(2, static_cast<qint64>(i)).bind(3, m_warnings[i]);
        w.run();
    }
    Statement& st = m_db.prepare(
        "UPDATE captures SET flow_count = ?1, connection_count = ?2, first_seen = ?3, last_seen = ?4 WHERE id = ?5");
    st.bind(1, m_flows).bind(2, m_connections).bindOrNull(3, m_first, 0).bindOrNull(4, m_last, 0).bind(5, m_captureId);
    st.run();
    AnalysisState::markStale(m_db);
    m_tx->commit();
    return m_captureId;
}
