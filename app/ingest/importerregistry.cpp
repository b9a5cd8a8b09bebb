// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The one place that maps a sniffed format to its reader.
#include "appprivacyreportimporter.h"
#include "burpimporter.h"
#include "captureformat.h"
#include "charlesarchiveimporter.h"
#include "charlesimporter.h"
#include "harimporter.h"
#include "mitmproxyimporter.h"
#include "pcapdroidcsvimporter.h"
#include "pcapimporter.h"
#include "pcapngimporter.h"
#include "sazimporter.h"
#include "zeekimporter.h"

namespace CaptureFormats {

std::unique_ptr<CaptureImporter> createImporter(CaptureFormat format)
{
    switch (format) {
    case CaptureFormat::Har:
        return std::make_unique<HarImporter>();
    case CaptureFormat::BurpXml:
        return std::make_unique<BurpImporter>();
    case CaptureFormat::CharlesJson:
        return std::make_unique<CharlesImporter>();
    case CaptureFormat::CharlesArchive:
        return std::make_unique<CharlesArchiveImporter>();
    case CaptureFormat::FiddlerSaz:
        return std::make_unique<SazImporter>();
    case CaptureFormat::ZeekTsv:
    case CaptureFormat::ZeekJson:
        return std::make_unique<ZeekImporter>();
    case CaptureFormat::PcapdroidCsv:
        return std::make_unique<PcapdroidCsvImporter>();
    case CaptureFormat::AppPrivacyReport:
        return std::make_unique<AppPrivacyReportImporter>();
    case CaptureFormat::Mitmproxy:
        return std::make_unique<MitmproxyImporter>();
    case CaptureFormat::Pcap:
        return std::make_unique<PcapImporter>();
    case CaptureFormat::Pcapng:
        return std::make_unique<PcapngImporter>();
    default:
        return nullptr;
    }
}

} // namespace CaptureFormats
