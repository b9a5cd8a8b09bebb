// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysisstate.h"

#include "database.h"

namespace AnalysisState {

namespace {

bool hasTable(Database& db)
{
    return db.pragmaInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'analysis_state'") > 0;
}

} // namespace

void ensureTable(Database& db)
{
    db.exec("CREATE TABLE IF NOT EXISTS analysis_state (pass TEXT PRIMARY KEY, schema_version INTEGER NOT NULL, "
            "computed_at INTEGER, stale INTEGER NOT NULL DEFAULT 1) WITHOUT ROWID");
}

void markStale(Database& db, const QStringList& passes)
{
    if (!hasTable(db))
        return;
    if (passes.isEmpty()) {
        db.exec("UPDATE analysis_state SET stale = 1");
        return;
    }
    Statement& st = db.prepare("UPDATE analysis_state SET stale = 1 WHERE pass = ?1");
    for (const QString& pass : passes) {
        st.bind(1, pass);
        st.run();
    }
}

bool isCurrent(Database& db, const QString& pass, int schemaVersion)
{
    if (!hasTable(db))
        return false;
    Statement& st = db.prepare("SELECT schema_version, stale FROM analysis_state WHERE pass = ?1");
    st.bind(1, pass);
    const bool current = st.step() && st.int64(0) == schemaVersion && st.int64(1) == 0;
    st.reset();
    return current;
}

} // namespace AnalysisState
