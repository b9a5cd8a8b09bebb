// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo.h"

#include "analysis.h"
#include "captureimport.h"
#include "common/hashing.h"
#include "common/paths.h"
#include "common/timeutil.h"
#include "detect/identifierjson.h"
#include "store/investigation.h"
#include "store/knownidentifiers.h"
#include "store/schema.h"
#include "uploads/markerscsv.h"
#include "uploads/markersimport.h"
#include "uploads/referencemedia.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Demo {

namespace {

QString demoDir()
{
    const QString base = Paths::resourceDir();
    return base.isEmpty() ? QString() : base + QStringLiteral("/demo");
}

bool readManifest(QJsonObject* manifest, QString* error)
{
    const QString dir = demoDir();
    QFile file(dir + QStringLiteral("/manifest.json"));
    if (dir.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the demo files are missing (looked for resources/demo/manifest.json; set "
                                "LEAKSCOPE_DATA_DIR to the folder holding demo/)");
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("demo/manifest.json is broken: %1").arg(parseError.errorString());
        return false;
    }
    *manifest = doc.object();
    return true;
}

/// The capture's markers CSV and clock alignment from a sync beacon, as `leakscope markers --sync-url` does.
bool addMarkers(Investigation& inv, const QDir& dir, qint64 captureId, const QJsonObject& capture, QString* error)
{
    const QString markers = capture.value(QStringLiteral("markers")).toString();
    const QJsonObject sync = capture.value(QStringLiteral("sync")).toObject();
    if (markers.isEmpty() && sync.isEmpty())
        return true;
    QByteArray csv;
    if (!markers.isEmpty()) {
        QFile file(dir.filePath(markers));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("demo: %1: %2").arg(markers, file.errorString());
            return false;
        }
        csv = file.readAll();
    }
    MarkersImport::Options options;
    if (!sync.isEmpty()) {
        const QString openedAt = sync.value(QStringLiteral("opened_at")).toString();
        const auto ts = MarkersCsv::hasExplicitOffset(openedAt) ? TimeUtil::parseIso8601(openedAt) : std::nullopt;
        if (!ts) {
            *error = QStringLiteral("demo/manifest.json: bad sync time \"%1\"").arg(openedAt);
            return false;
        }
        options.syncBeacon = sync.value(QStringLiteral("url")).toString();
        options.syncOpenedAt = *ts;
    }
    MarkersImport::Result result;
    QString why;
    if (!MarkersImport::apply(inv, captureId, csv, options, &result, &why)) {
        *error = QStringLiteral("demo: %1: %2").arg(markers, why);
        return false;
    }
    return true;
}

} // namespace

QString inputsFingerprint()
{
    Digest digest;
    digest.addData(QByteArrayLiteral(LEAKSCOPE_VERSION));
    digest.addData(QByteArray::number(Schema::currentVersion()));
    // The reference data changes the demo's destinations too.
    for (const char* name : { "refdata.json", "entities.json" }) {
        if (QFile refdata(Paths::dataFile(QString::fromLatin1(name))); refdata.open(QIODevice::ReadOnly))
            digest.addData(refdata.readAll());
    }
    const QDir dir(demoDir());
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    for (const QString& name : files) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly)) {
            digest.addData(name.toUtf8());
            digest.addData(f.readAll());
        }
    }
    return QString::fromLatin1(digest.result().toHex().left(16));
}

bool build(const QString& path, QString* error, const ProgressCallback& progress)
{
    QJsonObject manifest;
    if (!readManifest(&manifest, error))
        return false;
    const QDir dir(demoDir());
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    try {
        auto inv = Investigation::open(path, Investigation::OpenMode::Create);
        for (const char* key : { "title", "reporter", "notes", "device", "device_lat", "device_lon", "time_zone" }) {
            const QString value = manifest.value(QLatin1String(key)).toVariant().toString();
            if (!value.isEmpty())
                inv->setProperty(QString::fromLatin1(key), value);
        }
        const QJsonArray captures = manifest.value(QStringLiteral("captures")).toArray();
        for (const QJsonValue& c : captures) {
            const QJsonObject o = c.toObject();
            ImportRequest request;
            request.path = dir.filePath(o.value(QStringLiteral("file")).toString());
            request.label = o.value(QStringLiteral("label")).toString();
            request.appName = o.value(QStringLiteral("app")).toString();
            const ImportOutcome r = importCapture(*inv, request);
            if (!r.ok) {
                *error = QStringLiteral("demo: %1").arg(r.error);
                return false;
            }
            if (!addMarkers(*inv, dir, r.captureId, o, error))
                return false;
        }
        // The video the investigator used in the runs, registered as `leakscope media` does.
        for (const QJsonValue& m : manifest.value(QStringLiteral("media")).toArray()) {
            QString why;
            const auto media = ReferenceMediaStore::describeFile(dir.filePath(m.toString()), &why);
            if (!media) {
                *error = QStringLiteral("demo: %1").arg(why);
                return false;
            }
            ReferenceMediaStore::add(inv->db(), *media);
        }
        // The investigator's own identifiers and canaries, entered as a user would (leakscope identifiers).
        if (const QString known = manifest.value(QStringLiteral("known_identifiers")).toString(); !known.isEmpty()) {
            QFile file(dir.filePath(known));
            QString why;
            const auto identifiers =
                file.open(QIODevice::ReadOnly) ? IdentifierJson::parse(file.readAll(), &why) : std::nullopt;
            if (!identifiers) {
                *error = QStringLiteral("demo: %1: %2").arg(known, why.isEmpty() ? file.errorString() : why);
                return false;
            }
            KnownIdentifierStore::merge(inv->db(), *identifiers);
        }
        const Analysis::Outcome a = Analysis::run(*inv, {}, progress);
        if (!a.ok) {
            *error = QStringLiteral("demo: %1").arg(a.error);
            return false;
        }
        inv->setProperty(QStringLiteral("demo_inputs"), inputsFingerprint());
    } catch (const StoreError& e) {
        *error = QStringLiteral("demo: %1").arg(e.message());
        return false;
    }
    return true;
}

QString ensureInvestigation(QString* error, const ProgressCallback& progress)
{
    const QString path = Paths::cacheDir() + QStringLiteral("/vidzy-demo.leakscope");
    if (QFileInfo::exists(path)) {
        try {
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
            // Rebuilt when its inputs changed or an analysis of this version has a newer layout.
            if (inv->property(QStringLiteral("demo_inputs")) == inputsFingerprint() && Analysis::isCurrent(*inv))
                return path;
        } catch (const StoreError&) {
            // Outdated or damaged: rebuild it below.
        }
    }
    // Built next to the final name and renamed, so an interrupted build never leaves a half demo behind.
    const QString building = path + QStringLiteral(".building");
    if (!build(building, error, progress))
        return {};
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    if (!QFile::rename(building, path)) {
        *error = QStringLiteral("cannot write the demo investigation to %1").arg(path);
        return {};
    }
    QFile::remove(building + QStringLiteral("-wal"));
    QFile::remove(building + QStringLiteral("-shm"));
    return path;
}

} // namespace Demo
