// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// HTTP Archive 1.2 (and the 1.3 draft) from browsers, proxies and PCAPdroid, streamed with RapidJSON's SAX
/// reader: memory stays at one entry whatever the file size (research/formats-and-detection.md §1).
class HarImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
