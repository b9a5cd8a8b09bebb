// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// Makes the C library keep freed memory for reuse instead of returning it to the system at once. The window
/// builds and drops answers of tens of megabytes on every filter change (36 000 destination rows are 20 MB);
/// with glibc's defaults each was mapped afresh, and touching the new pages was a third of the answer's time
/// (measured in bench_ui). Call once, first thing, in the GUI process only (the command line keeps the defaults,
/// so its peak memory is what it uses). No effect outside glibc.
void keepFreedMemoryForReuse();
