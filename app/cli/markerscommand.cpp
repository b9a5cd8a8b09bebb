// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "clicommon.h"
#include "common/timeutil.h"
#include "pipeline/analysis.h"
#include "store/investigation.h"
#include "store/markerstore.h"
#include "uploads/markerscsv.h"
#include "uploads/markersimport.h"

#include <QFile>
#include <QFileInfo>

#include <cmath>

using namespace CliCommon;

int markersCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Add user-action markers to one capture from a CSV file (header timestamp,label[,note]; ISO-8601 times with "
        "a UTC offset or Z; - reads standard input), then classify its uploads against them. Labels with a meaning: "
        "%1.")
                                         .arg(MarkerStore::knownLabels().join(QStringLiteral(", "))));
    parser.addOption(investigationOption());
    parser.addOption({ QStringLiteral("capture"), QStringLiteral("The capture (id or original file name)."),
        QStringLiteral("ID_OR_FILE_NAME") });
    parser.addOption({ QStringLiteral("replace"), QStringLiteral("Remove the capture's markers first.") });
    parser.addOption({ QStringLiteral("list"), QStringLiteral("Print the capture's markers as CSV and stop.") });
    parser.addOption({ QStringLiteral("clock-offset"),
        QStringLiteral("The marker clock minus the capture clock, in milliseconds (e.g. 1800 when the phone was 1.8 s "
                       "ahead of the capturing laptop)."),
        QStringLiteral("MS") });
    parser.addOption({ QStringLiteral("sync-url"),
        QStringLiteral("Compute the clock offset from a sync beacon: a unique URL or host name opened on the phone "
                       "(with --sync-time)."),
        QStringLiteral("URL") });
    parser.addOption({ QStringLiteral("sync-time"),
        QStringLiteral("When the sync URL was opened, on the marker clock (ISO-8601 with offset)."),
        QStringLiteral("TIME") });
    parser.addPositionalArgument(QStringLiteral("MARKERS.csv"), QStringLiteral("The markers (EXPORT.md format)."));
    int exitCode = Ok;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    const bool list = parser.isSet(QStringLiteral("list"));
    const bool sync = parser.isSet(QStringLiteral("sync-url")) || parser.isSet(QStringLiteral("sync-time"));
    const bool offset = parser.isSet(QStringLiteral("clock-offset"));
    if (!parser.isSet(QStringLiteral("capture"))) {
        error(QStringLiteral("markers: say which capture, e.g. --capture 2 or --capture run-a.har"));
        return Usage;
    }
    if (parser.positionalArguments().size() > 1
        || (!list && !sync && !offset && parser.positionalArguments().isEmpty())) {
        error(QStringLiteral("markers: give one CSV file of markers (or --list, --clock-offset, --sync-url)"));
        return Usage;
    }
    if (sync && !(parser.isSet(QStringLiteral("sync-url")) && parser.isSet(QStringLiteral("sync-time")))) {
        error(QStringLiteral("markers: --sync-url and --sync-time go together"));
        return Usage;
    }
    if (sync && offset) {
        error(QStringLiteral("markers: give either --clock-offset or --sync-url, not both"));
        return Usage;
    }
    MarkersImport::Options options;
    options.replace = parser.isSet(QStringLiteral("replace"));
    if (offset) {
        bool ok = false;
        const double ms = parser.value(QStringLiteral("clock-offset")).toDouble(&ok);
        if (!ok || std::abs(ms) > 1e10) {
            error(QStringLiteral("markers: --clock-offset takes milliseconds, not \"%1\"")
                      .arg(parser.value(QStringLiteral("clock-offset"))));
            return Usage;
        }
        options.clockOffsetUs = static_cast<qint64>(std::llround(ms * 1000));
    }
    if (sync) {
        const QString when = parser.value(QStringLiteral("sync-time"));
        const auto ts = MarkersCsv::hasExplicitOffset(when) ? TimeUtil::parseIso8601(when) : std::nullopt;
        if (!ts) {
            error(
                QStringLiteral("markers: --sync-time \"%1\" is not an ISO-8601 time with a UTC offset or Z").arg(when));
            return Usage;
        }
        options.syncBeacon = parser.value(QStringLiteral("sync-url"));
        options.syncOpenedAt = *ts;
    }
    auto inv = openInvestigation(parser.value(QStringLiteral("investigation")), false);
    if (!inv)
        return Failed;
    const auto capture = inv->findCapture(parser.value(QStringLiteral("capture")));
    if (!capture) {
        error(QStringLiteral("markers: no capture \"%1\" in this investigation")
                  .arg(parser.value(QStringLiteral("capture"))));
        return Failed;
    }
    if (list) {
        out(QString::fromUtf8(MarkersCsv::write(MarkerStore::list(inv->db(), capture->id))));
        return Ok;
    }
    QByteArray csv;
    QString name = QStringLiteral("standard input");
    if (!parser.positionalArguments().isEmpty()) {
        const QString path = parser.positionalArguments().constFirst();
        QFile file;
        const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                         : (file.setFileName(path), file.open(QIODevice::ReadOnly));
        if (!opened) {
            error(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
            return Failed;
        }
        if (path != u"-")
            name = QFileInfo(path).fileName();
        csv = file.read(MarkersCsv::MaxBytes + 1);
    }
    MarkersImport::Result r;
    QString why;
    if (!MarkersImport::apply(*inv, capture->id, csv, options, &r, &why)) {
        error(csv.isEmpty() || why.startsWith(u"the capture") ? why : QStringLiteral("%1: %2").arg(name, why));
        return Failed;
    }
    const Analysis::Outcome a = Analysis::run(
        *inv, { QStringLiteral("uploads-markers") }, progressPrinter(QStringLiteral("classifying uploads")));
    endProgress();
    if (!a.ok) {
        error(a.error);
        return Failed;
    }
    QString line = QStringLiteral("capture %1: %2 marker(s) added").arg(capture->id).arg(r.added);
    if (r.removed)
        line += QStringLiteral(", %1 removed").arg(r.removed);
    if (r.offsetSet) {
        line += QStringLiteral("; clock offset %1 ms").arg(double(r.offsetUs) / 1000.0, 0, 'f', 3);
        if (!r.sighting.what.isEmpty())
            line += QStringLiteral(" (sync beacon seen at %1: %2)")
                        .arg(TimeUtil::formatIsoUtc(r.sighting.ts), r.sighting.what);
    }
    out(line + u'\n');
    return Ok;
}
