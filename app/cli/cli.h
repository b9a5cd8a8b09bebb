// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <functional>

class Investigation;

/// The headless interface (EXPORT.md): `leakscope <subcommand> …`. Results go to stdout, progress and
/// errors to stderr, and a failure exits non-zero with one line saying why.
namespace Cli {

/// True when `argument` (argv[1]) names a subcommand.
bool isSubcommand(const QString& argument);
QStringList subcommands();

/// Runs a subcommand; `arguments` starts with the program name. Returns the process exit code.
int run(const QStringList& arguments);

/// The top-level usage text (`leakscope --help`).
QString usage();

/// Renders the PDF report. The renderer lives in the UI library (it paints with QtGui), so the executable
/// registers it here; a build without it reports that PDF output is unavailable.
struct ReportOptions
{
    QString outputPath;
    QString appName; ///< limit to one app; empty = all
    bool includeSecrets = false; ///< turn redaction off (internal use only)
    QString pageSize; ///< A4 or Letter
};
using ReportRenderer = std::function<bool(Investigation&, const ReportOptions&, QString* error)>;
void setReportRenderer(ReportRenderer renderer);

} // namespace Cli
