// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detect/findingstore.h"
#include "headlines.h"
#include "pipeline/analysispass.h"

/// Keeps what the window shows of the whole investigation (no filter: what an investigation opens on and what
/// clearing the filter returns to) in the file, computed once per analysis after every other pass: the
/// Overview's summary and the Data page's categories × companies matrix. On a million flows computing them
/// takes seconds of aggregation over the destinations, findings and coverage; reading them back takes a
/// millisecond (bench/RESULTS.md). Any change to the captures marks them stale (AnalysisState), and then, or for
/// any other filter, they are computed as before.
class FlowFacets;
class SummaryPass : public AnalysisPass
{
public:
    QString id() const override
    {
        return QStringLiteral("summaries");
    }
    QString displayName() const override
    {
        return QStringLiteral("Summaries");
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

    /// The Overview's summary for `filter`: the stored one when it answers (no filter, and current), else computed.
    static Headlines::Summary overview(Database& db, const Data::Filter& filter, const FlowFacets* facets = nullptr);
    /// The Data page's matrix for `filter`, the same way.
    static std::vector<Data::MatrixCell> matrix(Database& db, const Data::Filter& filter);

    /// The matrix as bytes and back (nothing for bytes of another layout or damaged ones).
    static QByteArray encodeMatrix(const std::vector<Data::MatrixCell>& cells);
    static std::optional<std::vector<Data::MatrixCell>> decodeMatrix(const QByteArray& bytes);
};
