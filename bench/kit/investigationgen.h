// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace BenchKit {

struct GeneratedInvestigation
{
    bool ok = false;
    QString error;
    qint64 flows = 0;
    double writeSeconds = 0;
    double analysisSeconds = 0;
};

/// Creates an investigation of `flows` flows of a busy week of phone traffic: 12 apps, several captures, about
/// 3000 hosts of trackers, CDNs and first parties spread over public address ranges (so the enrich pass finds
/// their countries and companies), JSON request bodies with advertising ids, coordinates and e-mail addresses
/// on a fifth of the flows (so the detect pass has findings), and opaque TLS flows. Everything goes through the
/// real store writer (CaptureWriter, one capture at a time, as an import does), then every analysis pass runs,
/// so the file is like one a journalist would have. Deterministic.
GeneratedInvestigation generateInvestigation(const QString& path, qint64 flows, bool analyse = true);

} // namespace BenchKit
