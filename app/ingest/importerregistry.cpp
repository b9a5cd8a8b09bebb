// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The one place that maps a sniffed format to its reader.
#include "captureformat.h"
#include "harimporter.h"

namespace CaptureFormats {

std::unique_ptr<CaptureImporter> createImporter(CaptureFormat format)
{
    switch (format) {
    case CaptureFormat::Har:
        return std::make_unique<HarImporter>();
    default:
        return nullptr;
    }
}

} // namespace CaptureFormats
