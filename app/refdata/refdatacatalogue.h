// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <vector>

/// One reference data set as recorded in refdata.json and in the investigation (reference_data_used).
struct DatasetInfo
{
    QString id; ///< geoip-country, asn, public-suffix-list, tracker-hosts, world-map, country-codes, entities
    QString name; ///< what reports print: "ip-location-db geo-whois-asn-country"
    QString version; ///< upstream version or data date
    QString license; ///< SPDX-like: "CC-BY-4.0", "MPL-2.0", "CC0-1.0" …
    QString attribution; ///< the credit line the licence asks for
    QString file; ///< file name under data/
    QString sha256; ///< of that file, as written by scripts/update-refdata.sh or the updater
    QString source; ///< where it came from ("npm @ip-location-db/asn@2.3.2026061719")
    bool userUpdated = false; ///< the per-user updated copy is in use

    QJsonObject toJson() const;
    static DatasetInfo fromJson(const QJsonObject& o);
};

/// The reference data catalogue: refdata.json of the shipped data, overlaid with the per-user one that the
/// opt-in updater writes (Paths::userDataDir()). Plain values; read it again after an update.
class RefDataCatalogue
{
public:
    /// Reads the shipped and the per-user refdata.json (missing files give an empty catalogue).
    static RefDataCatalogue load();
    /// Reads one refdata.json.
    static std::vector<DatasetInfo> readFile(const QString& path, QString* error = nullptr);
    /// Writes one refdata.json atomically.
    static bool writeFile(const QString& path, const std::vector<DatasetInfo>& datasets, QString* error);

    const std::vector<DatasetInfo>& datasets() const
    {
        return m_datasets;
    }
    /// The data set with this id (an empty DatasetInfo with only the id when unknown).
    DatasetInfo dataset(const QString& id) const;
    /// The path of the data set's file (per-user copy first), or an empty string.
    QString path(const QString& id) const;

private:
    std::vector<DatasetInfo> m_datasets;
};
