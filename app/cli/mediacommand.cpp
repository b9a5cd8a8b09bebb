// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "clicommon.h"
#include "pipeline/analysis.h"
#include "store/investigation.h"
#include "uploads/referencemedia.h"

using namespace CliCommon;

int mediaCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Register reference media: the draft video or photo used in the runs. Each file is hashed (SHA-256) and "
        "fingerprinted (dimensions, duration, codec, EXIF); every upload is then matched against them: exact (the "
        "same bytes), structural (same size and duration: re-encoded) or none."));
    parser.addOption(investigationOption());
    parser.addOption({ QStringLiteral("list"), QStringLiteral("Print the registered media and stop.") });
    parser.addOption({ QStringLiteral("remove"), QStringLiteral("Remove the registered media with this id."),
        QStringLiteral("ID") });
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("Photos or videos."), QStringLiteral("FILE..."));
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    const bool list = parser.isSet(QStringLiteral("list"));
    const bool remove = parser.isSet(QStringLiteral("remove"));
    if (!list && !remove && parser.positionalArguments().isEmpty()) {
        error(QStringLiteral("media: give the photo or video files you used (or --list)"));
        return Usage;
    }
    auto inv = openInvestigation(parser.value(QStringLiteral("investigation")), false);
    if (!inv)
        return Failed;
    if (list) {
        for (const auto& m : ReferenceMediaStore::list(inv->db()))
            out(QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                    .arg(m.id)
                    .arg(m.fileName, m.sha256)
                    .arg(m.size)
                    .arg(m.fingerprint.describe()));
        return Ok;
    }
    int failed = 0;
    try {
        if (remove) {
            bool ok = false;
            const qint64 id = parser.value(QStringLiteral("remove")).toLongLong(&ok);
            if (!ok || !ReferenceMediaStore::remove(inv->db(), id)) {
                error(QStringLiteral("media: no reference media with id \"%1\"")
                          .arg(parser.value(QStringLiteral("remove"))));
                return Failed;
            }
        }
        for (const QString& path : parser.positionalArguments()) {
            QString why;
            const auto media = ReferenceMediaStore::describeFile(path, &why);
            if (!media) {
                error(why);
                ++failed;
                continue;
            }
            const qint64 id = ReferenceMediaStore::add(inv->db(), *media);
            out(QStringLiteral("media %1: %2: %3, SHA-256 %4\n")
                    .arg(id)
                    .arg(media->fileName, media->fingerprint.describe(), media->sha256));
        }
    } catch (const StoreError& e) {
        error(e.message());
        return Failed;
    }
    const Analysis::Outcome a =
        Analysis::run(*inv, { QStringLiteral("uploads-markers") }, progressPrinter(QStringLiteral("matching uploads")));
    endProgress();
    if (!a.ok) {
        error(a.error);
        return Failed;
    }
    return failed ? Failed : Ok;
}
