// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "clicommands.h"
#include "clicommon.h"

#include <iterator>

namespace Cli {

namespace {

const CliCommand kCommands[] = {
    { "import", "Import capture files into an investigation (created when missing) and analyse it.", importCommand },
    { "export", "Write the analysis as JSON (leakscope-export/1).", exportCommand },
    { "report", "Write the PDF summary (and its .sha256).", reportCommand },
    { "summary", "Print a short text summary of an investigation.", summaryCommand },
    { "refdata", "List the reference data in use; --update downloads newer data (opt-in).", refdataCommand },
    { "identifiers", "Add known identifiers (JSON) and recompute the findings.", identifiersCommand },
    { "markers", "Add user-action markers (CSV) to a capture and classify its uploads.", markersCommand },
    { "media", "Register the reference media (the draft video or photo used).", mediaCommand },
    { "compare", "Compare two captures (draft vs posted) as JSON.", compareCommand },
};

} // namespace

QStringList subcommands()
{
    QStringList names;
    for (const auto& c : kCommands)
        names.append(QString::fromLatin1(c.name));
    return names;
}

bool isSubcommand(const QString& argument)
{
    return subcommands().contains(argument);
}

QString usage()
{
    QString text =
        QStringLiteral("Usage: leakscope [INVESTIGATION.leakscope]\n"
                       "       leakscope <command> [options]\n\n"
                       "Leakscope shows where an app's network traffic goes and what personal data it carries.\n"
                       "Without a command it opens the window (on the given investigation, if any).\n\n"
                       "Commands:\n");
    for (const auto& c : kCommands)
        text += QStringLiteral("  %1%2\n")
                    .arg(QString::fromLatin1(c.name).leftJustified(13), QString::fromLatin1(c.summary));
    text +=
        QStringLiteral("\nOptions:\n"
                       "  --demo         Open the bundled demo investigation (synthetic data).\n"
                       "  --page NAME    Start on this page of the window (Overview, Flows, Map, Data …).\n"
                       "  -h, --help     Show this help; \"leakscope <command> --help\" shows a command's options.\n"
                       "  -v, --version  Show the version.\n");
    return text;
}

int run(const QStringList& arguments)
{
    if (arguments.size() < 2)
        return CliCommon::Usage;
    const QString name = arguments.at(1);
    for (const auto& c : kCommands) {
        if (name == QLatin1String(c.name)) {
            // QCommandLineParser expects the program name first; "leakscope import" reads better in its help.
            QStringList rest = arguments.mid(2);
            rest.prepend(arguments.at(0) + QLatin1Char(' ') + name);
            return c.run(rest);
        }
    }
    CliCommon::error(QStringLiteral("unknown command \"%1\" (see leakscope --help)").arg(name));
    return CliCommon::Usage;
}

} // namespace Cli
