// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// Fiddler session archives (.saz; research/formats-and-detection.md §3.3): a zip of raw/N_c.txt (the request as
/// sent), raw/N_s.txt (the response as received) and raw/N_m.xml (timers and session flags). The
/// x-processinfo flag, which Fiddler Classic records on desktop captures, becomes the flow's app identity.
/// Read with libarchive; a password-protected archive gets a message saying how to re-save it.
class SazImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
