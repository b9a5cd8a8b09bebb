// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The one place that maps a sniffed format to its reader.
#include "captureformat.h"
#include "harimporter.h"
#include "pcapimporter.h"
#include "pcapngimporter.h"

namespace CaptureFormats {

std::unique_ptr<CaptureImporter> createImporter(CaptureFormat format)
{
    switch (format) {
    case CaptureFormat::Har:
        return std::make_unique<HarImporter>();
    case CaptureFormat::Pcap:
        return std::make_unique<PcapImporter>();
    case CaptureFormat::Pcapng:
        return std::make_unique<PcapngImporter>();
    default:
        return nullptr;
    }
}

} // namespace CaptureFormats
