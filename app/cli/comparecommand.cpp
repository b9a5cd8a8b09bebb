// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "clicommon.h"
#include "report/jsonwriter.h"
#include "store/investigation.h"
#include "uploads/compare.h"

#include <QFile>
#include <QSaveFile>

using namespace CliCommon;

int compareCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare two captures (a discarded draft with a posted run, or any A with B): destinations, data categories, "
        "upload sessions and bytes in A only, B only and both, the media matched across them, and a plain-language "
        "summary (JSON schema leakscope-compare/1)."));
    parser.addOption(investigationOption());
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Where to write the JSON; - for standard output."),
        QStringLiteral("OUT") });
    parser.addOption({ QStringLiteral("summary"), QStringLiteral("Print the summary sentences instead of JSON.") });
    parser.addPositionalArgument(QStringLiteral("CAPTURE_A"), QStringLiteral("A capture (id or original file name)."));
    parser.addPositionalArgument(QStringLiteral("CAPTURE_B"), QStringLiteral("The other capture."));
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    const bool summaryOnly = parser.isSet(QStringLiteral("summary"));
    if (!parser.isSet(QStringLiteral("json")) && !summaryOnly) {
        error(
            QStringLiteral("compare: say where to write, e.g. --json compare.json (or --json - for standard output)"));
        return Usage;
    }
    if (parser.positionalArguments().size() != 2) {
        error(QStringLiteral("compare: give two captures, e.g. compare -i case.leakscope --json out.json 1 2"));
        return Usage;
    }
    auto inv = openInvestigation(parser.value(QStringLiteral("investigation")), false);
    if (!inv)
        return Failed;
    qint64 ids[2] = { 0, 0 };
    for (int i = 0; i < 2; ++i) {
        const QString name = parser.positionalArguments().at(i);
        const auto capture = inv->findCapture(name);
        if (!capture) {
            error(QStringLiteral("compare: no capture \"%1\" in this investigation").arg(name));
            return Failed;
        }
        ids[i] = capture->id;
    }
    if (ids[0] == ids[1]) {
        error(QStringLiteral("compare: A and B are the same capture"));
        return Usage;
    }
    Data::Comparison comparison;
    try {
        comparison = Compare::build(*inv, ids[0], ids[1]);
    } catch (const StoreError& e) {
        error(e.message());
        return Failed;
    }
    if (summaryOnly && !parser.isSet(QStringLiteral("json"))) {
        out(comparison.summary.join(u'\n') + u'\n');
        return Ok;
    }
    const QString target = parser.value(QStringLiteral("json"));
    if (target == u"-") {
        QFile file;
        if (!file.open(stdout, QIODevice::WriteOnly))
            return Failed;
        JsonWriter w(file);
        Compare::write(comparison, w);
        w.flush();
        file.write("\n");
        return Ok;
    }
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly)) {
        error(QStringLiteral("%1: cannot write (%2)").arg(target, file.errorString()));
        return Failed;
    }
    {
        JsonWriter w(file);
        Compare::write(comparison, w);
        if (!w.flush()) {
            error(QStringLiteral("%1: cannot write (%2)").arg(target, file.errorString()));
            return Failed;
        }
    }
    file.write("\n");
    if (!file.commit()) {
        error(QStringLiteral("%1: cannot write (%2)").arg(target, file.errorString()));
        return Failed;
    }
    if (summaryOnly)
        out(comparison.summary.join(u'\n') + u'\n');
    note(QStringLiteral("wrote %1").arg(target));
    return Ok;
}
