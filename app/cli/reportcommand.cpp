// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"
#include "clicommands.h"
#include "clicommon.h"
#include "store/investigation.h"

using namespace CliCommon;

namespace {
Cli::ReportRenderer& renderer()
{
    static Cli::ReportRenderer r;
    return r;
}
} // namespace

void Cli::setReportRenderer(ReportRenderer r)
{
    renderer() = std::move(r);
}

int reportCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write the PDF summary of an investigation (and OUT.sha256 "
                                                    "with the report's SHA-256)."));
    parser.addOption(investigationOption());
    parser.addOption({ QStringLiteral("pdf"), QStringLiteral("Where to write the PDF."), QStringLiteral("OUT") });
    parser.addOption({ QStringLiteral("app"), QStringLiteral("Limit the report to one app."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("page-size"), QStringLiteral("A4 (default) or Letter."), QStringLiteral("SIZE"),
        QStringLiteral("A4") });
    parser.addOption({ QStringLiteral("include-secrets"),
        QStringLiteral("Do not redact identifiers, cookies and tokens (for internal use only).") });
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("pdf"))) {
        error(QStringLiteral("report: say where to write, e.g. --pdf report.pdf"));
        return Usage;
    }
    const QString size = parser.value(QStringLiteral("page-size"));
    if (size.compare(u"A4", Qt::CaseInsensitive) != 0 && size.compare(u"Letter", Qt::CaseInsensitive) != 0) {
        error(QStringLiteral("report: --page-size must be A4 or Letter, not \"%1\"").arg(size));
        return Usage;
    }
    if (!renderer()) {
        error(QStringLiteral("report: this build has no PDF renderer"));
        return Failed;
    }
    auto inv = openInvestigation(parser.value(QStringLiteral("investigation")), false);
    if (!inv)
        return Failed;
    Cli::ReportOptions options;
    options.outputPath = parser.value(QStringLiteral("pdf"));
    options.appName = parser.value(QStringLiteral("app"));
    options.includeSecrets = parser.isSet(QStringLiteral("include-secrets"));
    options.pageSize = size;
    QString why;
    if (!renderer()(*inv, options, &why)) {
        error(QStringLiteral("%1: %2").arg(options.outputPath, why));
        return Failed;
    }
    note(QStringLiteral("wrote %1").arg(options.outputPath));
    return Ok;
}
