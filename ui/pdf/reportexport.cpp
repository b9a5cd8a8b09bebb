// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportexport.h"

#include "pdfrenderer.h"
#include "report/reportbuilder.h"
#include "store/database.h"
#include "widgets/timelinepainter.h"
#include "widgets/worldmappainter.h"

namespace ReportExport {

Outcome write(
    Investigation& investigation, const Report::Options& options, const QString& path, const ProgressCallback& progress)
{
    Outcome out;
    TimelinePainter::registerFigurePainter();
    WorldMapPainter::registerFigurePainter();
    try {
        QString error;
        const Report::Model model = Report::build(investigation, options, &error);
        if (!error.isEmpty()) {
            out.error = error;
            return out;
        }
        const PdfRenderer::Result r = PdfRenderer::render(model, path, options.pageSize, progress);
        out.ok = r.ok;
        out.error = r.error;
        out.pages = r.pages;
        out.fileSha256 = r.fileSha256;
        out.contentSha256 = model.contentSha256;
    } catch (const StoreError& e) {
        out.error = e.message();
    }
    return out;
}

bool writeForCli(Investigation& investigation, const Cli::ReportOptions& cli, QString* error)
{
    Report::Options options;
    options.appName = cli.appName;
    options.redact = !cli.includeSecrets;
    options.pageSize = cli.pageSize;
    const Outcome out = write(investigation, options, cli.outputPath);
    if (!out.ok)
        *error = out.error;
    return out.ok;
}

} // namespace ReportExport
