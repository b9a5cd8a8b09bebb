// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "refdataupdater.h"

#include "asndatabase.h"
#include "common/hashing.h"
#include "common/paths.h"
#include "enrich/geoipdatabase.h"
#include "enrich/publicsuffix.h"
#include "enrich/referencedata.h"
#include "refdatacatalogue.h"
#include "trackerhostlist.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTemporaryFile>

#include <archive.h>
#include <archive_entry.h>

namespace {

const QString kRegistry = QStringLiteral("https://registry.npmjs.org");

QString npmDocument(const QString& package)
{
    // The registry's "latest" document: version, dist.tarball and dist.integrity (SHA-512).
    return kRegistry + u'/' + QString(package).replace(u'/', QLatin1String("%2f")) + QStringLiteral("/latest");
}

struct Installed
{
    QByteArray data;
    QString version;
};

} // namespace

QStringList UpdateSource::hosts() const
{
    QStringList out;
    for (const QString& u : urls) {
        const QString host = QUrl(u).host();
        if (!host.isEmpty() && !out.contains(host))
            out.append(host);
    }
    return out;
}

namespace RefDataUpdater {

std::vector<UpdateSource> sources()
{
    using K = UpdateSource::Kind;
    const QString nc =
        QObject::tr("Licensed CC BY-NC-SA 4.0 (Attribution-NonCommercial-ShareAlike): you may use it "
                    "only for non-commercial purposes, must credit %1, and must share adaptations under "
                    "the same licence. Work at a commercial newsroom may not count as non-commercial: "
                    "ask your legal adviser. Leakscope keeps it in your data folder and never ships it.");
    std::vector<UpdateSource> s;
    s.push_back({ QStringLiteral("public-suffix-list"), QStringLiteral("Public Suffix List"), QStringLiteral("MPL-2.0"),
        QObject::tr("Mozilla Public License 2.0."), false, K::PublicSuffixList,
        { QStringLiteral("https://publicsuffix.org/list/public_suffix_list.dat") }, {},
        QStringLiteral("public_suffix_list.dat"),
        QObject::tr("no checksum is published; the list is parsed with libpsl before it is used") });
    s.push_back({ QStringLiteral("tracker-hosts"), QStringLiteral("EasyPrivacy + EasyList host rules"),
        QStringLiteral("GPL-3.0-or-later OR CC-BY-SA-3.0"),
        QObject::tr("GPL 3 or later, or CC BY-SA 3.0 or later (The EasyList authors)."), false, K::EasyLists,
        { QStringLiteral("https://easylist.to/easylist/easyprivacy.txt"),
            QStringLiteral("https://easylist.to/easylist/easylist.txt") },
        {}, QStringLiteral("tracker-hosts.txt"),
        QObject::tr("no checksum is published; both lists must parse and yield at least 1000 host rules") });
    s.push_back({ QStringLiteral("geoip-country"), QStringLiteral("ip-location-db geo-whois-asn-country"),
        QStringLiteral("CC-BY-4.0"), QObject::tr("CC BY 4.0 (NRO RIR data, ip-location-db by sapics)."), false,
        K::NpmGeoIp, { npmDocument(QStringLiteral("@ip-location-db/geo-whois-asn-country-mmdb")) },
        QStringLiteral("@ip-location-db/geo-whois-asn-country-mmdb"), QStringLiteral("geo-whois-asn-country.mmdb"),
        QObject::tr("the package's SHA-512 integrity from the npm registry; the database must open") });
    s.push_back({ QStringLiteral("asn"), QStringLiteral("ip-location-db asn"), QStringLiteral("CC-BY-4.0"),
        QObject::tr("CC BY 4.0 (RouteViews, DB-IP.com, NRO; ip-location-db by sapics)."), false, K::NpmAsn,
        { npmDocument(QStringLiteral("@ip-location-db/asn")) }, QStringLiteral("@ip-location-db/asn"),
        QStringLiteral("asn.bin.zst"),
        QObject::tr("the package's SHA-512 integrity from the npm registry; every CSV row must parse") });
    s.push_back(
        { QStringLiteral("ddg-tracker-blocklist"), QStringLiteral("DuckDuckGo app tracker blocklist (Tracker Radar)"),
            QStringLiteral("CC-BY-NC-SA-4.0"), nc.arg(QStringLiteral("Duck Duck Go, Inc.")), true, K::DuckDuckGoTds,
            { QStringLiteral("https://staticcdn.duckduckgo.com/trackerblocking/v5/current/android-tds.json") }, {},
            QStringLiteral("ddg-android-tds.json"), QObject::tr("no checksum is published; the JSON must parse") });
    s.push_back({ QStringLiteral("disconnect-services"), QStringLiteral("Disconnect tracking protection list"),
        QStringLiteral("CC-BY-NC-SA-4.0"), nc.arg(QStringLiteral("Disconnect, Inc.")), true, K::DisconnectServices,
        { QStringLiteral(
            "https://raw.githubusercontent.com/disconnectme/disconnect-tracking-protection/master/services.json") },
        {}, QStringLiteral("disconnect-services.json"), QObject::tr("no checksum is published; the JSON must parse") });
    s.push_back({ QStringLiteral("ghostery-trackerdb"), QStringLiteral("Ghostery TrackerDB"),
        QStringLiteral("CC-BY-NC-SA-4.0"), nc.arg(QStringLiteral("Ghostery GmbH")), true, K::GhosteryTrackerDb,
        { npmDocument(QStringLiteral("@ghostery/trackerdb")) }, QStringLiteral("@ghostery/trackerdb"),
        QStringLiteral("ghostery-trackerdb.json"),
        QObject::tr("the package's SHA-512 integrity from the npm registry") });
    return s;
}

QByteArray extractFromTarGz(const QByteArray& tgz, const QString& path, qint64 maxBytes, QString* error)
{
    archive* a = archive_read_new();
    archive_read_support_filter_gzip(a);
    archive_read_support_format_tar(a);
    QByteArray out;
    bool found = false;
    if (archive_read_open_memory(a, tgz.constData(), static_cast<size_t>(tgz.size())) != ARCHIVE_OK) {
        *error = QStringLiteral("not a .tgz package: %1").arg(QString::fromUtf8(archive_error_string(a)));
        archive_read_free(a);
        return {};
    }
    archive_entry* entry = nullptr;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
        if (QString::fromUtf8(archive_entry_pathname(entry)) != path) {
            archive_read_data_skip(a);
            continue;
        }
        found = true;
        char buffer[1 << 16];
        la_ssize_t n = 0;
        while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0) {
            if (out.size() + n > maxBytes) {
                *error = QStringLiteral("%1 in the package is larger than %2 MiB").arg(path).arg(maxBytes >> 20);
                archive_read_free(a);
                return {};
            }
            out.append(buffer, static_cast<qsizetype>(n));
        }
        if (n < 0) {
            *error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(archive_error_string(a)));
            archive_read_free(a);
            return {};
        }
        break;
    }
    archive_read_free(a);
    if (!found)
        *error = QStringLiteral("the package has no %1").arg(path);
    return found ? out : QByteArray();
}

namespace {

/// A package through the registry: its document, then the tarball checked against the SHA-512 the registry
/// publishes for it.
bool fetchNpm(const UpdateSource& source, const Downloader::Options& options, QByteArray* tarball, QString* version,
    QString* error)
{
    const Downloader::Result doc = Downloader::fetch(QUrl(source.urls.value(0)), options);
    if (!doc.ok) {
        *error = doc.error;
        return false;
    }
    const QJsonObject o = QJsonDocument::fromJson(doc.data).object();
    *version = o.value(QStringLiteral("version")).toString();
    const QJsonObject dist = o.value(QStringLiteral("dist")).toObject();
    const QUrl tarballUrl(dist.value(QStringLiteral("tarball")).toString());
    const QString integrity = dist.value(QStringLiteral("integrity")).toString();
    if (version->isEmpty() || !tarballUrl.isValid() || integrity.isEmpty()) {
        *error = QStringLiteral("%1: the registry's answer names no version, tarball and integrity")
                     .arg(source.urls.value(0));
        return false;
    }
    const Downloader::Result tgz = Downloader::fetch(tarballUrl, options);
    if (!tgz.ok) {
        *error = tgz.error;
        return false;
    }
    if (const QString bad = Downloader::verifyChecksum(tgz.data, integrity); !bad.isEmpty()) {
        *error = QStringLiteral("%1: %2; nothing was replaced").arg(tarballUrl.toString(), bad);
        return false;
    }
    *tarball = tgz.data;
    return true;
}

bool jsonObjectWith(const QByteArray& data, const char* key)
{
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    return doc.isObject() && doc.object().contains(QLatin1String(key));
}

/// Downloads and checks one source; the bytes to install, or false with `error`.
bool prepare(
    const UpdateSource& source, const Options& options, const QString& scratchDir, Installed* out, QString* error)
{
    using K = UpdateSource::Kind;
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    auto fetchAll = [&](QList<QByteArray>* parts) {
        for (const QString& u : source.urls) {
            const Downloader::Result r = Downloader::fetch(QUrl(u), options.download);
            if (!r.ok) {
                *error = r.error;
                return false;
            }
            parts->append(r.data);
        }
        return true;
    };
    switch (source.kind) {
    case K::PublicSuffixList: {
        QList<QByteArray> parts;
        if (!fetchAll(&parts))
            return false;
        QTemporaryFile tmp(scratchDir + QStringLiteral("/psl-XXXXXX.dat"));
        if (!tmp.open() || tmp.write(parts[0]) != parts[0].size() || !tmp.flush()) {
            *error = QStringLiteral("cannot write a temporary file in %1").arg(scratchDir);
            return false;
        }
        PublicSuffix psl;
        QString why;
        if (parts[0].count("\n") < 1000 || !psl.load(tmp.fileName(), &why) || !why.isEmpty()) {
            *error = QStringLiteral("%1: not a public suffix list; nothing was replaced").arg(source.urls.value(0));
            return false;
        }
        out->data = parts[0];
        out->version = psl.version();
        return true;
    }
    case K::EasyLists: {
        QList<QByteArray> parts;
        if (!fetchAll(&parts) || parts.size() != 2)
            return false;
        TrackerHostList list;
        const int tracking = list.addAdblockList(parts[0], TrackerHostList::Tracking);
        const int ads = list.addAdblockList(parts[1], TrackerHostList::Advertising);
        if (tracking < 1000 || ads < 1000) {
            *error = QStringLiteral("the lists yield %1 + %2 host rules, fewer than expected; nothing was replaced")
                         .arg(tracking)
                         .arg(ads);
            return false;
        }
        out->version = today;
        out->data = list.serialize(
            "Leakscope tracker host list: whole-host rules of EasyPrivacy (T) and EasyList (A), downloaded "
            + today.toLatin1() + ".\nLicence: GPL-3.0-or-later OR CC-BY-SA-3.0-or-later (EasyList authors).");
        return true;
    }
    case K::NpmGeoIp:
    case K::NpmAsn:
    case K::GhosteryTrackerDb: {
        QByteArray tarball;
        if (!fetchNpm(source, options.download, &tarball, &out->version, error))
            return false;
        if (source.kind == K::GhosteryTrackerDb) {
            out->data = extractFromTarGz(tarball, QStringLiteral("package/dist/trackerdb.json"), 64ll << 20, error);
            if (!jsonObjectWith(out->data, "patterns")) {
                *error = error->isEmpty() ? QStringLiteral("the TrackerDB package holds no tracker patterns") : *error;
                return false;
            }
            return true;
        }
        if (source.kind == K::NpmGeoIp) {
            out->data =
                extractFromTarGz(tarball, QStringLiteral("package/geo-whois-asn-country.mmdb"), 128ll << 20, error);
            if (out->data.isEmpty())
                return false;
            QTemporaryFile tmp(scratchDir + QStringLiteral("/geoip-XXXXXX.mmdb"));
            GeoIpDatabase db;
            QString why;
            if (!tmp.open() || tmp.write(out->data) != out->data.size() || !tmp.flush()
                || !db.open(tmp.fileName(), &why)) {
                *error =
                    QStringLiteral("the downloaded GeoIP database does not open (%1); nothing was replaced").arg(why);
                return false;
            }
            return true;
        }
        AsnDatabase::Builder builder;
        for (const char* csv : { "package/asn-ipv4.csv", "package/asn-ipv6.csv" }) {
            const QByteArray data = extractFromTarGz(tarball, QString::fromLatin1(csv), 256ll << 20, error);
            if (data.isEmpty() || !builder.addCsv(data, error)) {
                *error = QStringLiteral("%1: %2").arg(QString::fromLatin1(csv), *error);
                return false;
            }
        }
        out->data = builder.build(9);
        return true;
    }
    case K::DuckDuckGoTds:
    case K::DisconnectServices: {
        QList<QByteArray> parts;
        if (!fetchAll(&parts))
            return false;
        if (!jsonObjectWith(parts[0], source.kind == K::DuckDuckGoTds ? "trackers" : "categories")) {
            *error = QStringLiteral("%1: not the expected JSON list; nothing was saved").arg(source.urls.value(0));
            return false;
        }
        out->data = parts[0];
        out->version = today;
        return true;
    }
    }
    return false;
}

} // namespace

Outcome run(const std::vector<UpdateSource>& selected, const Options& options, const ProgressCallback& progress)
{
    Outcome outcome;
    const QString dir = options.targetDir.isEmpty() ? Paths::userDataDir() : options.targetDir;
    if (dir.isEmpty() || !QDir().mkpath(dir)) {
        outcome.ok = false;
        outcome.errors.append(QObject::tr("no writable data folder for the update"));
        return outcome;
    }
    const QString catalogPath = dir + QStringLiteral("/refdata.json");
    std::vector<DatasetInfo> catalogue = RefDataCatalogue::readFile(catalogPath);
    const qint64 total = static_cast<qint64>(selected.size()) * 1000;
    qint64 index = 0;
    for (const UpdateSource& source : selected) {
        const qint64 base = index++ * 1000;
        if (source.nonCommercial && !options.acceptedLicences.contains(source.id)) {
            outcome.errors.append(QObject::tr("%1: its licence was not accepted; not downloaded").arg(source.name));
            continue;
        }
        Options perSource = options;
        perSource.download.progress = [&](qint64 done, qint64 size) {
            return !progress || progress(base + (size > 0 ? done * 900 / size : 0), total);
        };
        Installed installed;
        QString error;
        if (!prepare(source, perSource, dir, &installed, &error)) {
            if (error.contains(QLatin1String("cancelled"))) {
                outcome.cancelled = true;
                outcome.ok = false;
                return outcome;
            }
            outcome.errors.append(QStringLiteral("%1: %2").arg(source.name, error));
            continue;
        }
        // QSaveFile writes next to the target and renames over it: readers see the old or the new file.
        QSaveFile file(dir + u'/' + source.targetFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(installed.data) != installed.data.size() || !file.commit()) {
            outcome.errors.append(QStringLiteral("%1: %2").arg(source.name, file.errorString()));
            continue;
        }
        DatasetInfo info;
        info.id = source.id;
        info.name = source.name;
        info.version = installed.version;
        info.license = source.license;
        info.attribution = source.licenseNotice;
        info.file = source.targetFile;
        info.sha256 = QString::fromLatin1(Digest::sha256Hex(installed.data));
        info.source =
            QObject::tr("downloaded from %1 on %2")
                .arg(source.hosts().join(QStringLiteral(", ")), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        catalogue.erase(
            std::remove_if(catalogue.begin(), catalogue.end(), [&](const DatasetInfo& d) { return d.id == info.id; }),
            catalogue.end());
        catalogue.push_back(info);
        QString catalogError;
        if (!RefDataCatalogue::writeFile(catalogPath, catalogue, &catalogError))
            outcome.errors.append(catalogError);
        outcome.updated.append(QStringLiteral("%1 %2").arg(source.name, installed.version));
        if (progress && !progress(base + 1000, total)) {
            outcome.cancelled = true;
            break;
        }
    }
    if (!outcome.updated.isEmpty())
        ReferenceData::invalidate();
    outcome.ok = outcome.errors.isEmpty() && !outcome.cancelled;
    return outcome;
}

} // namespace RefDataUpdater
