// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "appprivacyreportimporter.h"

#include "bytesource.h"
#include "common/timeutil.h"
#include "jsonrecords.h"

#include <QMap>
#include <QStringList>

namespace {

QString str(const rapidjson::Value& o, const char* name)
{
    const auto it = o.FindMember(name);
    if (it == o.MemberEnd())
        return {};
    if (it->value.IsString())
        return QString::fromUtf8(it->value.GetString(), static_cast<qsizetype>(it->value.GetStringLength()));
    if (it->value.IsNumber())
        return QString::number(it->value.GetDouble(), 'g', 17);
    return {};
}

} // namespace

bool AppPrivacyReportImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    BufferedInput buffered(input.stream);
    JsonRecordReader reader(buffered);
    ProgressThrottle throttle(progress, input.stream.fileSize());
    qint64 flows = 0, accesses = 0, missingFields = 0, badTimes = 0;
    QMap<QString, int> otherTypes;
    bool cancelled = false;
    const bool ok = reader.read([&](const rapidjson::Value& r, const JsonRecordReader::Position& where) {
        const QString type = str(r, "type");
        if (type == u"access") {
            ++accesses;
            return true;
        }
        if (type != u"networkActivity") {
            otherTypes[type.isEmpty() ? QStringLiteral("(none)") : type] += 1;
            return true;
        }
        const QString domain = str(r, "domain").trimmed().toLower();
        const QString bundle = str(r, "bundleID").trimmed();
        if (domain.isEmpty() || bundle.isEmpty()) {
            ++missingFields;
            sink.addWarning(QStringLiteral("line %1: a network record without %2; skipped")
                                .arg(where.line)
                                .arg(domain.isEmpty() ? QStringLiteral("a domain") : QStringLiteral("a bundle ID")));
            return true;
        }
        Data::Flow f;
        f.sourceRef = QStringLiteral("apr:line=%1").arg(where.line);
        f.host = domain;
        const QString first = str(r, "firstTimeStamp"), last = str(r, "timeStamp");
        f.tsStart = TimeUtil::parseIso8601(first).value_or(0);
        f.tsEnd = TimeUtil::parseIso8601(last).value_or(0);
        if (f.tsStart == 0)
            f.tsStart = f.tsEnd;
        if ((f.tsStart == 0 && !first.isEmpty()) || (f.tsEnd == 0 && !last.isEmpty()))
            ++badTimes;
        f.flags = Data::HeadersOnly;
        const QString initiated = str(r, "initiatedType");
        const QString hits = str(r, "hits");
        f.app.package = bundle;
        f.app.source = QStringLiteral("app-privacy-report");
        f.app.reason = initiated == u"NonAppInitiated"
            ? QStringLiteral("App Privacy Report: contacted by content shown in the app (not initiated by the app)")
            : QStringLiteral("App Privacy Report: contacted by the app");
        // What the report says beyond the domain, kept readable with the flow.
        QStringList notes;
        if (!hits.isEmpty())
            notes.append(QStringLiteral("contacted %1 times between the first and the last time").arg(hits));
        if (!initiated.isEmpty())
            notes.append(initiated == u"NonAppInitiated"
                    ? QStringLiteral("initiated by content in the app, not by the app")
                    : QStringLiteral("initiated by the app"));
        if (const QString owner = str(r, "domainOwner"); !owner.isEmpty())
            notes.append(QStringLiteral("domain owner according to Apple: %1").arg(owner));
        if (const QString context = str(r, "context"); !context.isEmpty())
            notes.append(QStringLiteral("context: %1").arg(context));
        f.comment = QStringLiteral("App Privacy Report: %1").arg(notes.join(QStringLiteral("; ")));
        sink.addFlow(std::move(f));
        ++flows;
        if (!throttle.update(input.stream.filePosition())) {
            cancelled = true;
            return false;
        }
        return true;
    });
    if (cancelled)
        return cancel();
    if (!ok)
        return fail(reader.error());
    if (flows == 0 && accesses == 0)
        return fail(
            QStringLiteral("not an App Privacy Report: none of its %1 records is a networkActivity or access record")
                .arg(reader.records()));
    Data::CaptureInfo info;
    info.producer = QStringLiteral("Apple App Privacy Report");
    info.notes = QStringLiteral("%1 network records, %2 data-access records").arg(flows).arg(accesses);
    sink.setInfo(info);
    if (accesses > 0)
        sink.addWarning(
            QStringLiteral("%1 data and sensor access records (camera, microphone, photos, location …) are not "
                           "network traffic and were not imported")
                .arg(accesses));
    for (auto it = otherTypes.cbegin(); it != otherTypes.cend(); ++it)
        sink.addWarning(
            QStringLiteral("%1 records of the unknown type \"%2\" were skipped").arg(it.value()).arg(it.key()));
    if (badTimes > 0)
        sink.addWarning(QStringLiteral("%1 records have a time that cannot be read").arg(badTimes));
    if (flows == 0)
        sink.addWarning(
            QStringLiteral("the report holds no network activity: turn on App Privacy Report and use the app "
                           "before saving it"));
    if (!throttle.finish())
        return cancel();
    return true;
}
