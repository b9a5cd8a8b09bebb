// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/captureimporter.h"

#include <QStringList>

class Database;
class Investigation;

/// One re-runnable analysis step (enrich → detect → uploads). A pass reads the primary data (flows,
/// connections, user work) and rewrites the derived tables it owns; it never touches another pass's tables.
/// Because the results are derived, a pass changes its table layout by bumping schemaVersion(): old tables
/// are dropped and recomputed rather than migrated.
class AnalysisPass
{
public:
    virtual ~AnalysisPass();
    /// Stable id: "enrich", "detect", "uploads".
    virtual QString id() const = 0;
    virtual QString displayName() const = 0;
    /// Passes whose results this one reads; they run first and a re-run of them re-runs this one.
    virtual QStringList dependsOn() const
    {
        return {};
    }
    virtual int schemaVersion() const = 0;
    /// The derived tables this pass owns (dropped when schemaVersion() changes).
    virtual QStringList tables() const = 0;
    /// CREATE TABLE / CREATE INDEX statements for those tables (without IF NOT EXISTS).
    virtual void createTables(Database& db) = 0;
    /// Indexes a later version added to tables of the same layout: created when missing (IF NOT EXISTS), so a
    /// file analysed by an earlier version gets them when opened, without recomputing the tables.
    virtual void ensureIndexes(Database& /*db*/) { }
    /// Empties the tables before a run (DELETE FROM each; tables that cannot be emptied so say how).
    virtual void clearTables(Database& db);
    /// Recomputes everything this pass owns. Called inside a transaction; throw StoreError to fail, return
    /// false when the progress callback cancelled.
    virtual bool run(Investigation& investigation, const ProgressCallback& progress) = 0;
};
