// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// Classic pcap files (tcpdump, PCAPdroid, Wireshark's "pcap" save): read by libpcap, packets handed to
/// the packet pipeline (research/formats-and-detection.md §4).
class PcapImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
