// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class Database;

/// The bookkeeping of derived data (table analysis_state, one row per analysis pass): which layout a pass's
/// tables have and whether they still describe the captures. The store marks every pass stale in the same
/// transaction that changes the captures, so a file closed (or killed) between an import and its analysis is
/// analysed when next opened, and nothing reads a derived result that no longer holds.
namespace AnalysisState {

/// Creates the table when missing.
void ensureTable(Database& db);

/// Marks `passes` (every pass when empty) as needing a re-run. No-op in a file that has never been analysed.
void markStale(Database& db, const QStringList& passes = {});

/// True when `pass` has run with layout `schemaVersion` and nothing it reads has changed since.
bool isCurrent(Database& db, const QString& pass, int schemaVersion);

} // namespace AnalysisState
