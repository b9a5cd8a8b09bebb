// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysispass.h"

#include <memory>
#include <vector>

/// Runs the analysis passes over an investigation, in dependency order, each in its own transaction.
namespace Analysis {

/// All passes, in the order they run.
std::vector<std::unique_ptr<AnalysisPass>> createPasses();

struct Outcome
{
    bool ok = true;
    bool cancelled = false;
    QString error;
};

/// Runs `passIds` and every pass that depends on them (all passes when empty). Progress `done`/`total` counts
/// per-mille across the passes.
Outcome run(Investigation& investigation, const QStringList& passIds = {}, const ProgressCallback& progress = {});

/// Makes sure every pass's derived tables exist in their current layout, so readers (the window, export)
/// can query them even before an analysis ran. Tables of an outdated layout are dropped and recreated, and
/// the pass is marked as needing a run. Returns the ids of passes that need to run.
QStringList ensureTables(Investigation& investigation);

/// True when every pass's tables have the current layout and are computed (reads only; false for a file
/// never analysed or analysed by an older version).
bool isCurrent(Investigation& investigation);

} // namespace Analysis
