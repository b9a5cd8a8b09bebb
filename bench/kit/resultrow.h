// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace BenchKit {

/// One line of the suite's table. Every benchmark prints its rows with print(); scripts/bench.sh collects the
/// lines starting with "@row" from all of them into one table. Empty fields print as "-".
struct ResultRow
{
    QString benchmark;
    double inputMb = 0;
    double mbPerSecond = 0;
    double flowsPerSecond = 0;
    double peakRssMb = 0;
    QString reference; ///< what the ratio compares against, measured in the same run on the same input
    QString ratio; ///< the result against the target: "12.3x", "0.45", "180 ms"
    QString target; ///< ">= 10x", "<= 300 MB"
    bool met = false;
    bool judged = true; ///< false for rows that only inform (no target)

    void print() const;
};

/// "12.3x" style ratio.
QString times(double ratio);

} // namespace BenchKit
