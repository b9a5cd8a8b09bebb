// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// PCAPdroid's connections export (CSV; research/formats-and-detection.md §4.4, "Other exports"): one connection
/// per line with the Android app it belongs to (UID, name, package), bytes and packets each way, first and last
/// seen, and the SNI, HTTP host or DNS query PCAPdroid saw ("Info"). No payload: these are connections, with the
/// app identity source "pcapdroid-csv".
class PcapdroidCsvImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
