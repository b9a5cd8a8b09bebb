// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringList>

namespace BenchKit {

struct Measured
{
    bool ok = false;
    double seconds = 0; ///< wall time
    double cpuSeconds = 0; ///< user + system time of the child
    double peakRssMb = 0; ///< the child's own peak resident set (wait4's ru_maxrss), in MiB
    QByteArray output; ///< its stdout, unless it went to a file
};

/// Runs `argv` as a child process (looked up in PATH) and measures it. Its stdout is read back, or written to
/// `stdoutFile` when given (for large outputs such as tshark's); its stderr goes to /dev/null.
Measured measure(const QStringList& argv, const QString& stdoutFile = {});

/// This executable's path, for re-running itself in a child ("--run-…" modes): each measurement's RSS is its own.
QString self();

} // namespace BenchKit
