// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/cli.h"
#include "ingest/captureimporter.h"
#include "report/reportmodel.h"

class Investigation;

/// Builds the report model and writes the PDF: shared by File → Export PDF Summary and `leakscope report`.
namespace ReportExport {

struct Outcome
{
    bool ok = false;
    QString error;
    int pages = 0;
    QString fileSha256;
    QString contentSha256;
};

Outcome write(Investigation& investigation, const Report::Options& options, const QString& path,
    const ProgressCallback& progress = {});

/// The CLI's renderer hook (Cli::setReportRenderer).
bool writeForCli(Investigation& investigation, const Cli::ReportOptions& options, QString* error);

} // namespace ReportExport
