// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// Charles JSON sessions (.chlsj; research/formats-and-detection.md §3.2): a JSON array of transactions, streamed
/// with RapidJSON one transaction at a time like the HAR importer. The same transactions saved one object per
/// line, or as a single object, are read too.
class CharlesImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
