// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "clicommon.h"
#include "detect/findingstore.h"
#include "detect/identifierjson.h"
#include "pipeline/analysis.h"
#include "store/investigation.h"
#include "store/knownidentifiers.h"

#include <QFile>
#include <QFileInfo>

using namespace CliCommon;

int identifiersCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Add the investigator's known identifiers (own email, phone, ad id, canaries …) from a JSON file "
        "([{\"label\", \"category\", \"value\"}]; - reads standard input), then recompute the findings. An "
        "identifier with the same category and value as a stored one replaces its label."));
    parser.addOption(investigationOption());
    parser.addOption({ QStringLiteral("replace"), QStringLiteral("Remove the stored identifiers first.") });
    parser.addOption({ QStringLiteral("list"), QStringLiteral("Print the stored identifiers as JSON and stop.") });
    parser.addPositionalArgument(QStringLiteral("KNOWN.json"), QStringLiteral("The identifiers (EXPORT.md format)."));
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    const bool list = parser.isSet(QStringLiteral("list"));
    if (!list && parser.positionalArguments().size() != 1) {
        error(QStringLiteral("identifiers: give one JSON file of known identifiers (or --list)"));
        return Usage;
    }
    auto inv = openInvestigation(parser.value(QStringLiteral("investigation")), false);
    if (!inv)
        return Failed;
    if (list) {
        out(QString::fromUtf8(IdentifierJson::write(KnownIdentifierStore::list(inv->db()))));
        return Ok;
    }
    const QString path = parser.positionalArguments().constFirst();
    QFile file;
    const bool opened =
        path == u"-" ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        error(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
        return Failed;
    }
    QString why;
    const auto identifiers = IdentifierJson::parse(file.read(4 * 1024 * 1024), &why);
    if (!identifiers) {
        error(QStringLiteral("%1: %2").arg(
            path == u"-" ? QStringLiteral("standard input") : QFileInfo(path).fileName(), why));
        return Failed;
    }
    KnownIdentifierStore::MergeResult r;
    try {
        if (parser.isSet(QStringLiteral("replace"))) {
            KnownIdentifierStore::replaceAll(inv->db(), *identifiers);
            r.added = static_cast<int>(identifiers->size());
        } else {
            r = KnownIdentifierStore::merge(inv->db(), *identifiers);
        }
    } catch (const StoreError& e) {
        error(e.message());
        return Failed;
    }
    const Analysis::Outcome a =
        Analysis::run(*inv, { QStringLiteral("detect") }, progressPrinter(QStringLiteral("finding personal data")));
    endProgress();
    if (!a.ok) {
        error(a.error);
        return Failed;
    }
    int known = 0;
    const auto findings = FindingStore::findings(inv->db(), {});
    for (const auto& f : findings)
        known += f.knownIdentifierId != 0;
    out(QStringLiteral(
        "known identifiers: %1 added, %2 updated, %3 unchanged; findings: %4 (%5 of known identifiers)\n")
            .arg(r.added)
            .arg(r.updated)
            .arg(r.unchanged)
            .arg(findings.size())
            .arg(known));
    return Ok;
}
