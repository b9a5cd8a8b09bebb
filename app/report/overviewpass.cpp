// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "overviewpass.h"

#include "store/analysisstate.h"
#include "store/database.h"
#include "store/investigation.h"

namespace {

const char* const kTable = "overview_summary";

} // namespace

QStringList OverviewPass::tables() const
{
    return { QString::fromLatin1(kTable) };
}

void OverviewPass::createTables(Database& db)
{
    // One row today (the unfiltered summary); keyed so that summaries of other filters can join it.
    db.exec("CREATE TABLE overview_summary (filter TEXT PRIMARY KEY, summary BLOB NOT NULL) WITHOUT ROWID");
}

bool OverviewPass::run(Investigation& investigation, const ProgressCallback& progress)
{
    Database& db = investigation.db();
    if (progress && !progress(0, 1))
        return false;
    const QByteArray bytes = Headlines::encode(Headlines::compute(db, Data::Filter {}));
    Statement& st = db.prepare("INSERT INTO overview_summary (filter, summary) VALUES ('', ?1)");
    st.bindBlob(1, bytes);
    st.run();
    return !progress || progress(1, 1);
}

Headlines::Summary OverviewPass::summary(Database& db, const Data::Filter& filter)
{
    if (filter.isEmpty() && AnalysisState::isCurrent(db, OverviewPass().id(), OverviewPass().schemaVersion())) {
        Statement& st = db.prepare("SELECT summary FROM overview_summary WHERE filter = ''");
        std::optional<Headlines::Summary> stored;
        if (st.step())
            stored = Headlines::decode(st.blob(0));
        st.reset();
        if (stored)
            return std::move(*stored);
    }
    return Headlines::compute(db, filter);
}
