// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// Apple's App Privacy Report (iOS 15.2+; Settings → Privacy & Security → App Privacy Report → Save), NDJSON: its
/// "networkActivity" records say which app (bundle ID) contacted which domain, how often, when first and last,
/// and whether the app or content it showed initiated it. Each becomes a HeadersOnly flow for that domain,
/// attributed to the app (source "app-privacy-report"); the report has no requests, addresses or bodies.
/// The "access" records (camera, photos, location …) are not network traffic and are counted, not imported.
class AppPrivacyReportImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
