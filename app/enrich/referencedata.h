// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "entitylist.h"
#include "geo/countrytable.h"
#include "geoipdatabase.h"
#include "publicsuffix.h"
#include "refdata/asndatabase.h"
#include "refdata/optionaltrackerlists.h"
#include "refdata/refdatacatalogue.h"
#include "refdata/trackerhostlist.h"

#include <QStringList>

#include <memory>
#include <vector>

/// Every reference data set the enrichment reads, loaded once and then read-only (safe to share between
/// threads). Each set is optional: a missing file leaves that layer empty and is listed in problems().
class ReferenceData
{
public:
    /// Where each set comes from; empty paths are skipped.
    struct Sources
    {
        QString geoIp;
        QString asn;
        QString publicSuffix;
        QString trackerHosts;
        QString entities;
        QString countries;
        QString optionalListsDir; ///< where the user's downloaded non-commercial lists are (may be empty)
        std::vector<DatasetInfo> catalogue; ///< versions and licences of the files above
        /// The paths of the catalogue (per-user updated files first, then the shipped ones).
        static Sources fromCatalogue(const RefDataCatalogue& catalogue);
    };

    static std::shared_ptr<const ReferenceData> load(const Sources& sources);
    /// The process-wide copy from the catalogue, loaded on first use and reloaded after invalidate()
    /// (the updater calls it after replacing files).
    static std::shared_ptr<const ReferenceData> shared();
    static void invalidate();

    const GeoIpDatabase& geoIp() const
    {
        return m_geoIp;
    }
    const AsnDatabase& asn() const
    {
        return m_asn;
    }
    const PublicSuffix& publicSuffix() const
    {
        return m_psl;
    }
    const TrackerHostList& trackerHosts() const
    {
        return m_trackers;
    }
    const EntityList& entities() const
    {
        return m_entities;
    }
    const CountryTable& countries() const
    {
        return m_countries;
    }
    /// Non-commercial lists the user downloaded (usually empty).
    const OptionalTrackerLists& optionalLists() const
    {
        return m_optional;
    }
    /// The sets that loaded, with name, version and licence (for reference_data_used and reports).
    const std::vector<DatasetInfo>& used() const
    {
        return m_used;
    }
    QStringList problems() const
    {
        return m_problems;
    }

private:
    void addUsed(const Sources& sources, const QString& id, const QString& fallbackName, const QString& version,
        const QString& license);

    GeoIpDatabase m_geoIp;
    AsnDatabase m_asn;
    PublicSuffix m_psl;
    TrackerHostList m_trackers;
    EntityList m_entities;
    CountryTable m_countries;
    OptionalTrackerLists m_optional;
    std::vector<DatasetInfo> m_used;
    QStringList m_problems;
};
