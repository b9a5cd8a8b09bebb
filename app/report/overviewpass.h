// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "headlines.h"
#include "pipeline/analysispass.h"

/// Keeps the Overview's summary of the whole investigation (no filter: what an investigation opens on) in the
/// file, computed once per analysis after every other pass. On a million flows computing it takes seconds of
/// aggregation over the destinations, findings and coverage; reading it back takes a millisecond, so the
/// window shows its landing page at once (bench/RESULTS.md). Any change to the captures marks it stale
/// (AnalysisState), and then, or for any other filter, the summary is computed as before.
class OverviewPass : public AnalysisPass
{
public:
    QString id() const override
    {
        return QStringLiteral("overview");
    }
    QString displayName() const override
    {
        return QStringLiteral("Overview");
    }
    QStringList dependsOn() const override
    {
        return { QStringLiteral("enrich"), QStringLiteral("detect"), QStringLiteral("uploads"),
            QStringLiteral("uploads-markers") };
    }
    int schemaVersion() const override
    {
        return 1;
    }
    QStringList tables() const override;
    void createTables(Database& db) override;
    bool run(Investigation& investigation, const ProgressCallback& progress) override;

    /// The summary for `filter`: the stored one when it answers (no filter, and current), else computed.
    static Headlines::Summary summary(Database& db, const Data::Filter& filter);
};
