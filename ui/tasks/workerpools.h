// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QThreadPool;

/// The thread pools the window runs its background work on. Never QThreadPool::globalInstance(): QtGui (6.4)
/// splits large fills and image conversions into jobs on the global pool and waits for them on the UI thread,
/// so a global pool kept busy by long page queries or an import froze every repaint until they finished (seconds
/// on a large investigation, measured by bench/bench_ui).
namespace WorkerPools {

/// Page queries: read-only, each on its own connection; as many threads as cores.
QThreadPool* queries();
/// The task runner's jobs (imports, analysis, edits): the store's single writer, one thread.
QThreadPool* tasks();

} // namespace WorkerPools
