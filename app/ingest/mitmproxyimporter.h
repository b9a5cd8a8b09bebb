// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// mitmproxy flow dumps (`mitmdump -w`, the save addon, `.mitm`/`.flow` files), every flow format from
/// mitmproxy 0.11 to format 21 (research/formats-and-detection.md §2): HTTP (bodies kept as they travelled,
/// still content-encoded), WebSocket, TCP/UDP and DNS flows.
///
/// Files can be appended to and re-saved, so a flow id can appear several times: the last copy wins. To do
/// that without holding the flows, the file is read twice: a quick pass that only looks at each flow's id,
/// then the real one. Memory stays at one flow (bodies over 1 GiB are cut) plus 16 bytes per flow id.
class MitmproxyImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
