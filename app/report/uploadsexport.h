// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

class Investigation;
class JsonWriter;

/// The `markers` and `uploads` sections of the export (EXPORT.md), plus `upload_bursts` (encrypted-only
/// outbound bursts, circumstantial) and `reference_media`.
namespace UploadsExport {
/// `markers`: {capture, capture_file, label, timestamp (capture time, after the clock offset), recorded_timestamp
/// (as the investigator entered it), note}.
void writeMarkers(Investigation& investigation, JsonWriter& w, const Data::Filter& filter);
/// `uploads` (one row per session), `upload_bursts` and `reference_media`.
void writeUploads(Investigation& investigation, JsonWriter& w, const Data::Filter& filter);
} // namespace UploadsExport
