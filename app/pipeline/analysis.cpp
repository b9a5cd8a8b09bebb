// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis.h"

#include "common/timeutil.h"
#include "detect/detectpass.h"
#include "enrich/enrichpass.h"
#include "report/summarypass.h"
#include "search/textindex.h"
#include "store/analysisstate.h"
#include "store/database.h"
#include "store/investigation.h"
#include "uploads/uploadspass.h"

#include <QSet>

AnalysisPass::~AnalysisPass() = default;

void AnalysisPass::clearTables(Database& db)
{
    for (const QString& table : tables())
        db.exec(QStringLiteral("DELETE FROM \"%1\"").arg(table).toUtf8().constData());
}

namespace Analysis {

std::vector<std::unique_ptr<AnalysisPass>> createPasses()
{
    std::vector<std::unique_ptr<AnalysisPass>> passes;
    passes.push_back(std::make_unique<EnrichPass>());
    passes.push_back(std::make_unique<DetectPass>());
    passes.push_back(std::make_unique<UploadsPass>());
    passes.push_back(std::make_unique<UploadClassificationPass>());
    passes.push_back(std::make_unique<SummaryPass>());
    passes.push_back(std::make_unique<TextIndexPass>());
    return passes;
}

QStringList ensureTables(Investigation& investigation)
{
    Database& db = investigation.db();
    QStringList needRun;
    if (db.isReadOnly())
        return needRun;
    Transaction tx(db);
    AnalysisState::ensureTable(db);
    for (const auto& pass : createPasses()) {
        Statement& st = db.prepare("SELECT schema_version, stale FROM analysis_state WHERE pass = ?1");
        st.bind(1, pass->id());
        const bool known = st.step();
        const int version = known ? static_cast<int>(st.int64(0)) : -1;
        const bool stale = known ? st.int64(1) != 0 : true;
        st.reset();
        if (version != pass->schemaVersion()) {
            for (const QString& table : pass->tables())
                db.exec(QStringLiteral("DROP TABLE IF EXISTS \"%1\"").arg(table).toUtf8().constData());
            pass->createTables(db);
            Statement& up = db.prepare("INSERT INTO analysis_state (pass, schema_version, computed_at, stale) "
                                       "VALUES (?1, ?2, NULL, 1) ON CONFLICT (pass) DO UPDATE SET "
                                       "schema_version = excluded.schema_version, computed_at = NULL, stale = 1");
            up.bind(1, pass->id()).bind(2, pass->schemaVersion());
            up.run();
            needRun.append(pass->id());
        } else {
            pass->ensureIndexes(db);
            if (stale)
                needRun.append(pass->id());
        }
    }
    tx.commit();
    return needRun;
}

bool isCurrent(Investigation& investigation)
{
    for (const auto& pass : createPasses()) {
        if (!AnalysisState::isCurrent(investigation.db(), pass->id(), pass->schemaVersion()))
            return false;
    }
    return true;
}

Outcome run(Investigation& investigation, const QStringList& passIds, const ProgressCallback& progress)
{
    Outcome out;
    Database& db = investigation.db();
    try {
        ensureTables(investigation);
        auto passes = createPasses();
        // The requested passes plus everything downstream of them.
        QSet<QString> selected(passIds.cbegin(), passIds.cend());
        for (const auto& pass : passes) {
            if (passIds.isEmpty())
                selected.insert(pass->id());
            for (const QString& dep : pass->dependsOn()) {
                if (selected.contains(dep))
                    selected.insert(pass->id());
            }
        }
        std::vector<AnalysisPass*> toRun;
        for (const auto& pass : passes) {
            if (selected.contains(pass->id()))
                toRun.push_back(pass.get());
        }
        // Stale until each has run: a run cancelled or killed half-way is finished when the file is next opened,
        // and no pass's stored result claims to describe data it has not seen.
        {
            QStringList ids;
            for (const AnalysisPass* pass : toRun)
                ids.append(pass->id());
            Transaction tx(db);
            AnalysisState::markStale(db, ids);
            tx.commit();
        }
        const qint64 total = static_cast<qint64>(toRun.size()) * 1000;
        qint64 base = 0;
        for (AnalysisPass* pass : toRun) {
            Transaction tx(db);
            pass->clearTables(db);
            const ProgressCallback scaled = [&](qint64 done, qint64 passTotal) {
                if (!progress)
                    return true;
                const qint64 part = passTotal > 0 ? done * 1000 / passTotal : 0;
                return progress(base + std::min<qint64>(part, 1000), total);
            };
            if (!pass->run(investigation, scaled)) {
                out.ok = false;
                out.cancelled = true;
                out.error = QStringLiteral("analysis cancelled");
                return out;
            }
            Statement& st = db.prepare("UPDATE analysis_state SET computed_at = ?1, stale = 0 WHERE pass = ?2");
            st.bind(1, TimeUtil::now()).bind(2, pass->id());
            st.run();
            tx.commit();
            base += 1000;
        }
        if (progress)
            progress(total, total);
    } catch (const StoreError& e) {
        out.ok = false;
        out.error = QStringLiteral("analysis failed: %1").arg(e.message());
    }
    return out;
}

} // namespace Analysis
