// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "clicommon.h"
#include "enrich/referencedata.h"
#include "refdata/refdataupdater.h"

using namespace CliCommon;

/// `leakscope refdata`: the reference data in use (name, version, licence, file), and with --update the
/// opt-in download of newer data (the same updater as Help → Update Reference Data…).
int refdataCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the reference data in use. With --update, download newer data: nothing is contacted otherwise."));
    parser.addOption({ QStringLiteral("update"),
        QStringLiteral("Download these data sets (comma-separated ids; see the list)."), QStringLiteral("IDS") });
    parser.addOption({ QStringLiteral("proxy"),
        QStringLiteral("Proxy for the download, e.g. socks5h://127.0.0.1:9050 (Tor)."), QStringLiteral("URL") });
    parser.addOption({ QStringLiteral("accept-licence"),
        QStringLiteral("Accept the non-commercial licence of these data sets (comma-separated ids)."),
        QStringLiteral("IDS") });
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;

    if (!parser.isSet(QStringLiteral("update"))) {
        const auto data = ReferenceData::shared();
        QString text;
        for (const DatasetInfo& d : data->used())
            text +=
                QStringLiteral("%1\t%2\t%3\t%4%5\n")
                    .arg(d.id, d.name, d.version, d.license, d.userUpdated ? QStringLiteral("\t(updated)") : QString());
        for (const QString& p : data->problems())
            text += QStringLiteral("missing\t%1\n").arg(p);
        text += QStringLiteral("\nAvailable updates (leakscope refdata --update ID[,ID…]):\n");
        for (const UpdateSource& s : RefDataUpdater::sources())
            text += QStringLiteral("%1\t%2\t%3%4\tcontacts %5\n")
                        .arg(s.id, s.name, s.license,
                            s.nonCommercial ? QStringLiteral(" (non-commercial: needs --accept-licence)") : QString(),
                            s.hosts().join(QStringLiteral(", ")));
        out(text);
        return Ok;
    }

    const QStringList ids = parser.value(QStringLiteral("update")).split(u',', Qt::SkipEmptyParts);
    std::vector<UpdateSource> selected;
    for (const QString& id : ids) {
        bool found = false;
        for (const UpdateSource& s : RefDataUpdater::sources()) {
            if (s.id == id.trimmed()) {
                selected.push_back(s);
                found = true;
            }
        }
        if (!found) {
            error(QStringLiteral("unknown data set \"%1\" (see leakscope refdata)").arg(id));
            return Usage;
        }
    }
    RefDataUpdater::Options options;
    options.download.proxy = parser.value(QStringLiteral("proxy"));
    if (const QString bad = Downloader::checkProxy(options.download.proxy); !bad.isEmpty()) {
        error(bad);
        return Usage;
    }
    for (const QString& id : parser.value(QStringLiteral("accept-licence")).split(u',', Qt::SkipEmptyParts))
        options.acceptedLicences.insert(id.trimmed());
    for (const UpdateSource& s : selected) {
        note(QStringLiteral("%1: contacting %2").arg(s.name, s.hosts().join(QStringLiteral(", "))));
        if (s.nonCommercial && !options.acceptedLicences.contains(s.id))
            note(QStringLiteral("%1: %2").arg(s.name, s.licenseNotice));
    }
    const RefDataUpdater::Outcome outcome = RefDataUpdater::run(selected, options);
    for (const QString& u : outcome.updated)
        out(QStringLiteral("updated\t%1\n").arg(u));
    for (const QString& e : outcome.errors)
        error(e);
    return outcome.ok ? Ok : Failed;
}
