// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureimporter.h"

/// Burp Suite "Save items" XML (research/formats-and-detection.md §3.1), base64 or plain: each item's raw
/// request and response are parsed as HTTP/1-style messages (Burp renders HTTP/2 that way too). Read with
/// QXmlStreamReader one item at a time; the internal DTD Burp writes is allowed, an external DTD or external
/// entities (XXE) are refused. Java Date.toString() times are read through a zone abbreviation table.
class BurpImporter : public CaptureImporter
{
public:
    bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) override;
};
