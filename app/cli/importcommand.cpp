// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "clicommon.h"
#include "pipeline/analysis.h"
#include "pipeline/captureimport.h"
#include "pipeline/capturefiles.h"
#include "store/investigation.h"

#include <QFileInfo>

using namespace CliCommon;

int importCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import capture files into an investigation (created when missing), then analyse it. The format of each "
        "file is detected from its content. A folder imports every capture inside it."));
    parser.addOption(investigationOption());
    parser.addOption({ QStringLiteral("app"),
                       QStringLiteral("Attribute flows that carry no app identity of their own to this app."),
                       QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("capture-label"), QStringLiteral("A label for the imported captures."),
                       QStringLiteral("TEXT") });
    parser.addOption({ QStringLiteral("keylog"),
                       QStringLiteral("An SSLKEYLOGFILE to decrypt TLS in packet captures."), QStringLiteral("FILE") });
    parser.addPositionalArgument(QStringLiteral("CAPTURE"), QStringLiteral("Capture files or folders."),
                                 QStringLiteral("CAPTURE..."));
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (parser.positionalArguments().isEmpty()) {
        error(QStringLiteral("import: no capture files given"));
        return Usage;
    }
    auto inv = openInvestigation(parser.value(QStringLiteral("investigation")), true);
    if (!inv)
        return Failed;

    const CaptureFiles::Expanded files = CaptureFiles::expand(parser.positionalArguments());
    for (const QString& skipped : files.skipped)
        note(QStringLiteral("skipped %1").arg(skipped));
    bool allOk = files.errors.isEmpty();
    for (const QString& e : files.errors)
        error(e);
    int imported = 0;
    for (const QString& path : files.captures) {
        ImportRequest request;
        request.path = path;
        request.appName = parser.value(QStringLiteral("app"));
        request.label = parser.value(QStringLiteral("capture-label"));
        request.keyLogPath = parser.value(QStringLiteral("keylog"));
        if (request.keyLogPath.isEmpty())
            request.keyLogPath = files.keyLogFor.value(path);
        const ImportOutcome r = importCapture(*inv, request, progressPrinter(QStringLiteral("importing %1").arg(QFileInfo(path).fileName())));
        endProgress();
        if (!r.ok) {
            error(r.error);
            allOk = false;
            continue;
        }
        ++imported;
        out(QStringLiteral("capture %1: %2 (%3): %4 flows, %5 connections, %6 warnings\n")
                .arg(r.captureId)
                .arg(QFileInfo(path).fileName(), CaptureFormats::id(r.format))
                .arg(r.flows)
                .arg(r.connections)
                .arg(r.warnings.size()));
        for (const QString& w : r.warnings)
            note(QStringLiteral("  warning: %1").arg(w));
    }
    if (imported > 0) {
        const Analysis::Outcome a = Analysis::run(*inv, {}, progressPrinter(QStringLiteral("analysing")));
        endProgress();
        if (!a.ok) {
            error(a.error);
            return Failed;
        }
    }
    return allOk ? Ok : Failed;
}
