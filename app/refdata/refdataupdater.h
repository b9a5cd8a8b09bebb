// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "downloader.h"
#include "ingest/captureimporter.h"

#include <QSet>
#include <QStringList>

#include <vector>

/// A reference data set that can be updated on request (Help → Update Reference Data…).
struct UpdateSource
{
    enum class Kind
    {
        PublicSuffixList,
        EasyLists,
        NpmGeoIp,
        NpmAsn,
        DuckDuckGoTds,
        DisconnectServices,
        GhosteryTrackerDb
    };
    QString id; ///< the data set id it replaces (refdata.json), or its own id for the optional lists
    QString name;
    QString license;
    /// Shown before download; for the non-commercial lists the user must accept it first.
    QString licenseNotice;
    bool nonCommercial = false;
    Kind kind = Kind::PublicSuffixList;
    QStringList urls; ///< the files fetched (npm sources: the package's registry document)
    QString npmPackage;
    QString targetFile; ///< written into the per-user data folder
    QString verification; ///< how the download is checked, in words
    /// The hosts a download contacts (shown to the user before anything is fetched).
    QStringList hosts() const;
};

/// Downloads, verifies and installs reference data into the per-user data folder (Paths::userDataDir()),
/// which then wins over the shipped files. Nothing here runs unless the user starts it. Every file is
/// checked (npm's SHA-512 integrity for packages; a structural check for lists whose publishers give no
/// checksum) before it replaces the old one atomically; refdata.json there records the new versions.
namespace RefDataUpdater {

/// The sources Leakscope offers, in the order the dialog lists them.
std::vector<UpdateSource> sources();

struct Options
{
    Downloader::Options download; ///< proxy and limits
    QString targetDir; ///< default: Paths::userDataDir()
    QSet<QString> acceptedLicences; ///< ids of non-commercial sources whose licence the user accepted
};

struct Outcome
{
    bool ok = true;
    bool cancelled = false;
    QStringList updated; ///< "Public Suffix List 2026-…"
    QStringList errors; ///< one line per failed source; the old file stays in place
};

Outcome run(const std::vector<UpdateSource>& selected, const Options& options, const ProgressCallback& progress = {});

/// Extracts one file from a .tgz held in memory (npm packages); empty with `error` set when missing.
QByteArray extractFromTarGz(const QByteArray& tgz, const QString& path, qint64 maxBytes, QString* error);

} // namespace RefDataUpdater
