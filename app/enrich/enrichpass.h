// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pipeline/analysispass.h"

#include <memory>

class ReferenceData;

/// "Where does the data go" (feature-anchors gap 5): per-app attribution of flows that came without one,
/// then one destination per (app, host) with its three layers kept apart: the server's country (GeoIP of the
/// IPs the flows used, or of the capture's DNS answers before them), the network (ASN, organisation,
/// anycast/CDN caveat) and the company (entity, parent, HQ country, legal domicile), plus the tracker
/// category, first/third party, traffic and "encrypted only".
///
/// Tables: destinations (one row per app and host), flow_destinations and connection_destinations (the
/// destination, address and country of each flow and connection, which the country and company filters
/// use), app_owners (whom each app was found to belong to, and why).
class EnrichPass : public AnalysisPass
{
public:
    /// `data` null: the shared reference data of this installation (ReferenceData::shared()).
    explicit EnrichPass(std::shared_ptr<const ReferenceData> data = {});
    ~EnrichPass() override;

    QString id() const override
    {
        return QStringLiteral("enrich");
    }
    QString displayName() const override;
    int schemaVersion() const override
    {
        return 2; // 2: destination_traffic
    }
    QStringList tables() const override;
    void createTables(Database& db) override;
    bool run(Investigation& investigation, const ProgressCallback& progress) override;

private:
    std::shared_ptr<const ReferenceData> m_data;
};
