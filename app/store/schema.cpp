// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

#include "database.h"

#include <iterator>

namespace {

// Migration N brings a file from version N-1 to N. Never edit a migration that has shipped: add a new one.
// tests/data/investigation-v1.leakscope is a file written at version 1; tst_store upgrades it.
const char* const kMigrations[] = {
    // 1: the capture record of research/formats-and-detection.md §0, bodies inside the file.
    R"SQL(
CREATE TABLE properties (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE captures (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    compression TEXT,
    producer TEXT,
    label TEXT,
    app_hint TEXT,
    imported_at INTEGER NOT NULL,
    first_seen INTEGER,
    last_seen INTEGER,
    flow_count INTEGER NOT NULL DEFAULT 0,
    connection_count INTEGER NOT NULL DEFAULT 0,
    clock_offset_us INTEGER NOT NULL DEFAULT 0,
    notes TEXT
);

CREATE TABLE capture_warnings (
    capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (capture_id, seq)
) WITHOUT ROWID;

CREATE TABLE apps (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    package TEXT NOT NULL DEFAULT '',
    UNIQUE (name, package)
);

CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    sha256 BLOB NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    codec INTEGER NOT NULL,
    head BLOB
);

CREATE TABLE body_chunks (
    body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (body_id, seq)
) WITHOUT ROWID;

CREATE TABLE connections (
    id INTEGER PRIMARY KEY,
    capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    source_ref TEXT,
    transport TEXT,
    client_ip TEXT,
    client_port INTEGER,
    server_ip TEXT,
    server_port INTEGER,
    name TEXT,
    name_source TEXT,
    l7 TEXT,
    alpn TEXT,
    first_seen INTEGER,
    last_seen INTEGER,
    bytes_up INTEGER NOT NULL DEFAULT 0,
    bytes_down INTEGER NOT NULL DEFAULT 0,
    packets_up INTEGER NOT NULL DEFAULT 0,
    packets_down INTEGER NOT NULL DEFAULT 0,
    app_id INTEGER REFERENCES apps(id),
    app_source TEXT,
    app_reason TEXT,
    flags INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX connections_capture ON connections(capture_id, first_seen);

CREATE TABLE flows (
    id INTEGER PRIMARY KEY,
    capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    source_ref TEXT,
    source_id TEXT,
    ts_start INTEGER,
    ts_end INTEGER,
    client_ip TEXT,
    client_port INTEGER,
    server_ip TEXT,
    server_port INTEGER,
    transport TEXT,
    l7 TEXT,
    sni TEXT,
    alpn TEXT,
    tls_version TEXT,
    scheme TEXT,
    method TEXT,
    host TEXT,
    url TEXT,
    http_version TEXT,
    status INTEGER,
    reason TEXT,
    req_headers TEXT,
    resp_headers TEXT,
    req_body_id INTEGER REFERENCES bodies(id),
    req_encoding TEXT,
    req_wire_size INTEGER,
    req_size INTEGER,
    resp_body_id INTEGER REFERENCES bodies(id),
    resp_encoding TEXT,
    resp_wire_size INTEGER,
    resp_size INTEGER,
    req_content_type TEXT,
    resp_content_type TEXT,
    app_id INTEGER REFERENCES apps(id),
    app_source TEXT,
    app_reason TEXT,
    flags INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    comment TEXT,
    connection_id INTEGER REFERENCES connections(id) ON DELETE SET NULL
);
CREATE INDEX flows_capture ON flows(capture_id, ts_start);
CREATE INDEX flows_time ON flows(ts_start);
CREATE INDEX flows_host ON flows(host);

CREATE TABLE websocket_messages (
    flow_id INTEGER NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    ts INTEGER,
    from_client INTEGER NOT NULL,
    opcode INTEGER NOT NULL,
    size INTEGER NOT NULL,
    body_id INTEGER REFERENCES bodies(id),
    PRIMARY KEY (flow_id, seq)
) WITHOUT ROWID;

CREATE TABLE dns_answers (
    capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    ts INTEGER,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    cname_chain TEXT,
    ttl INTEGER
);
CREATE INDEX dns_answers_address ON dns_answers(address, ts);
CREATE INDEX dns_answers_capture ON dns_answers(capture_id);
)SQL",

    // 2: the investigator's own work, which analysis reads but never recomputes.
    R"SQL(
CREATE TABLE markers (
    id INTEGER PRIMARY KEY,
    capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    ts INTEGER NOT NULL,
    label TEXT NOT NULL,
    note TEXT,
    created_at INTEGER
);
CREATE INDEX markers_capture ON markers(capture_id, ts);

CREATE TABLE known_identifiers (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    category TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER,
    UNIQUE (category, value)
);

CREATE TABLE reference_media (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    media_type TEXT,
    fingerprint TEXT,
    added_at INTEGER
);

CREATE TABLE flow_notes (
    flow_id INTEGER PRIMARY KEY REFERENCES flows(id) ON DELETE CASCADE,
    note TEXT,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER
);

CREATE TABLE app_rules (
    id INTEGER PRIMARY KEY,
    host_pattern TEXT NOT NULL,
    app_name TEXT NOT NULL,
    app_package TEXT NOT NULL DEFAULT ''
);

CREATE TABLE reference_data_used (
    name TEXT PRIMARY KEY,
    version TEXT,
    license TEXT,
    recorded_at INTEGER
) WITHOUT ROWID;
)SQL",

    // 3: the investigator's word on who owns an app (first party vs third party), kept across re-analysis.
    R"SQL(
CREATE TABLE app_owner_overrides (
    app_name TEXT NOT NULL,
    app_package TEXT NOT NULL DEFAULT '',
    entity_id TEXT,
    first_party_domains TEXT NOT NULL DEFAULT '',
    updated_at INTEGER,
    PRIMARY KEY (app_name, app_package)
) WITHOUT ROWID;
)SQL",

    // 4: which flows a connection carried, by index: "is this connection read?" was a scan of every flow per
    // connection (coverage, the enrich pass), quadratic on packet captures with many connections. And the
    // columns the dashboard counts and filters flows by, so its counts read an index a few times smaller
    // than the flows (whose rows carry URLs and headers).
    R"SQL(
CREATE INDEX flows_connection ON flows(connection_id) WHERE connection_id IS NOT NULL;
CREATE INDEX flows_dashboard ON flows(app_id, capture_id, ts_start, ts_end, flags);
)SQL",
};

} // namespace

namespace Schema {

int currentVersion()
{
    return static_cast<int>(std::size(kMigrations));
}

void migrate(Database& db, int target)
{
    if (target < 0)
        target = currentVersion();
    int version = static_cast<int>(db.pragmaInt("PRAGMA user_version"));
    if (version > currentVersion())
        throw StoreError(QStringLiteral("it was saved by a newer version of Leakscope (file format %1; this version "
                                        "reads up to %2). Update Leakscope to open it")
                             .arg(version)
                             .arg(currentVersion()));
    if (version < 0)
        throw StoreError(QStringLiteral("it has an invalid file format number (%1)").arg(version));
    if (version == 0 && db.pragmaInt("PRAGMA application_id") == 0) {
        // A new file: claim it as ours first, so a half-created file is still recognisable.
        db.exec("PRAGMA application_id = 1280525136"); // Schema::ApplicationId
    }
    while (version < target) {
        Transaction tx(db);
        db.exec(kMigrations[version]);
        ++version;
        db.exec(QStringLiteral("PRAGMA user_version = %1").arg(version).toUtf8().constData());
        tx.commit();
    }
}

const char* const FlowTextIndexSql = "CREATE VIRTUAL TABLE flow_text USING fts5(url, host, req_headers, "
                                     "resp_headers, content='', columnsize=0, detail=none, tokenize='trigram')";
const char* const FindingTextIndexSql = "CREATE VIRTUAL TABLE finding_text USING fts5(host, category, key, evidence, "
                                        "known_identifier, content='', columnsize=0, detail=none, "
                                        "tokenize='trigram')";

void verify(Database& db, const QString& fileName)
{
    const qint64 appId = db.pragmaInt("PRAGMA application_id");
    const qint64 version = db.pragmaInt("PRAGMA user_version");
    if (appId != ApplicationId) {
        Statement any(db.handle(), "SELECT count(*) FROM sqlite_schema");
        const bool empty = any.step() && any.int64(0) == 0;
        if (!(empty && version == 0))
            throw StoreError(
                QStringLiteral("%1: is a SQLite database but not a Leakscope investigation").arg(fileName));
    }
    // PRAGMA user_version is any 32-bit number; migrate() indexes its migrations with it.
    if (version < 0)
        throw StoreError(QStringLiteral("%1: has an invalid file format number (%2); the file was modified by another "
                                        "program and is not opened, to be safe")
                             .arg(fileName)
                             .arg(version));
    Statement objects(db.handle(), "SELECT type, name FROM sqlite_schema WHERE type NOT IN ('table', 'index')");
    if (objects.step())
        throw StoreError(QStringLiteral("%1: contains a %2 (\"%3\") that Leakscope never creates; the file was "
                                        "modified by another program and is not opened, to be safe")
                             .arg(fileName, objects.text(0), objects.text(1).left(40)));
    Statement virtualTables(db.handle(),
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%' AND sql NOT IN (?1, ?2)");
    virtualTables.bindText(1, QByteArray(FlowTextIndexSql)).bindText(2, QByteArray(FindingTextIndexSql));
    if (virtualTables.step())
        throw StoreError(
            QStringLiteral("%1: contains a virtual table (\"%2\") that Leakscope never creates; the file is "
                           "not opened, to be safe")
                .arg(fileName, virtualTables.text(0).left(40)));
}

} // namespace Schema
