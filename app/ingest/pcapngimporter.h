// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// pcapng files, read by a block walker of our own: libpcap refuses files whose interfaces have different
/// link types and drops what Leakscope needs most, namely packet comments and flags (PCAPdroid's "u-<uid>"),
/// custom blocks (PCAPdroid's UID → app map), Decryption Secrets Blocks (TLS key logs) and Name Resolution
/// Blocks (research/formats-and-detection.md §4.1). Sections, several interfaces, EPB/SPB/PB, NRB, ISB, DSB
/// and custom blocks are read; other blocks are skipped.
class PcapngImporter : public CaptureImporter
{
public:
    /// Blocks larger than this are refused (a 256 KiB-snaplen packet is far below it).
    static constexpr uint32_t kMaxBlock = 64u << 20;

    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
