// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "clicommon.h"
#include "report/csvexport.h"
#include "report/jsonexport.h"
#include "store/investigation.h"

#include <QFile>
#include <QSaveFile>

using namespace CliCommon;

int exportCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write the analysis of an investigation as JSON (schema "
                                                    "leakscope-export/1) and/or as CSV files."));
    parser.addOption(investigationOption());
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Where to write the JSON; - for standard output."),
        QStringLiteral("OUT") });
    parser.addOption({ QStringLiteral("csv"),
        QStringLiteral("Write destinations.csv, findings.csv, uploads.csv and flows.csv into this folder "
                       "(created when missing)."),
        QStringLiteral("DIR") });
    addFilterOptions(parser);
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("json")) && !parser.isSet(QStringLiteral("csv"))) {
        error(QStringLiteral("export: say where to write, e.g. --json out.json (or --json - for standard output) or "
                             "--csv FOLDER"));
        return Usage;
    }
    auto inv = openInvestigation(parser.value(QStringLiteral("investigation")), false);
    if (!inv)
        return Failed;
    Data::Filter filter;
    if (!readFilter(parser, *inv, &filter))
        return Failed;

    if (parser.isSet(QStringLiteral("csv"))) {
        const CsvExport::Result r = CsvExport::writeAll(*inv, parser.value(QStringLiteral("csv")), filter);
        if (!r.ok) {
            error(QStringLiteral("CSV export failed: %1").arg(r.error));
            return Failed;
        }
        for (int i = 0; i < r.files.size(); ++i)
            note(QStringLiteral("wrote %1 (%2 rows)").arg(r.files.at(i)).arg(r.rows[i]));
    }
    if (!parser.isSet(QStringLiteral("json")))
        return Ok;
    const QString target = parser.value(QStringLiteral("json"));
    QString why;
    if (target == u"-") {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || !JsonExport::write(*inv, out, filter, &why)) {
            error(QStringLiteral("export failed: %1").arg(why));
            return Failed;
        }
        out.write("\n");
        return Ok;
    }
    // Written to a temporary file and renamed, so a failure never leaves half a JSON file behind.
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly)) {
        error(QStringLiteral("%1: cannot write (%2)").arg(target, out.errorString()));
        return Failed;
    }
    if (!JsonExport::write(*inv, out, filter, &why) || !out.commit()) {
        error(QStringLiteral("%1: export failed (%2)").arg(target, why.isEmpty() ? out.errorString() : why));
        return Failed;
    }
    note(QStringLiteral("wrote %1").arg(target));
    return Ok;
}
