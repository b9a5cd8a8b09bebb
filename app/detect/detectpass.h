// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pipeline/analysispass.h"

/// "What data goes": decodes every request (and, separately, every response), runs the category detectors,
/// the known-identifier matcher, the server-assigned-id and draft-prefix trackers, and stores findings with
/// their evidence (findingstore.h). Requests are the leaks; responses only teach which ids a service
/// assigned and show what the server already knew, and are never reported as leaks of the user.
class DetectPass : public AnalysisPass
{
public:
    QString id() const override
    {
        return QStringLiteral("detect");
    }
    QString displayName() const override
    {
        return QStringLiteral("Personal data");
    }
    int schemaVersion() const override
    {
        return 3; // 2: the findings_summary index; 3: destination_host
    }
    QStringList tables() const override;
    void createTables(Database& db) override;
    void ensureIndexes(Database& db) override;
    bool run(Investigation& investigation, const ProgressCallback& progress) override;
};
