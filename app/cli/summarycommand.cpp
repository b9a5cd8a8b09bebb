// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "clicommon.h"
#include "report/textsummary.h"
#include "store/investigation.h"

using namespace CliCommon;

int summaryCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print a short plain-text summary of an investigation."));
    parser.addOption(investigationOption());
    addFilterOptions(parser);
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    auto inv = openInvestigation(parser.value(QStringLiteral("investigation")), false);
    if (!inv)
        return Failed;
    Data::Filter filter;
    if (!readFilter(parser, *inv, &filter))
        return Failed;
    try {
        out(TextSummary::render(*inv, filter));
    } catch (const StoreError& e) {
        error(e.message());
        return Failed;
    }
    return Ok;
}
