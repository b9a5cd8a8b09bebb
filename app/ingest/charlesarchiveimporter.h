// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// Charles 5 session archives (.chlz): a zip with one N-meta.json per transaction (the transaction in the same
/// JSON shape as a .chlsj element) and its bodies in N-req.* and N-res.* members.
///
/// No public sample of this format exists; the layout follows a third-party description
/// (research/formats-and-detection.md §3.2). An archive that does not match it gets a message suggesting a
/// .chlsj or HAR export instead.
class CharlesArchiveImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
