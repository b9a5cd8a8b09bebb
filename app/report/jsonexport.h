// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

#include <QString>

class Investigation;
class QIODevice;

/// The whole analysis as JSON, schema `leakscope-export/1` (EXPORT.md). Every section is present, as an
/// empty list when there is nothing to say, never missing.
namespace JsonExport {

constexpr const char* SchemaId = "leakscope-export/1";

/// Writes the export; returns false with `error` set when the device fails.
bool write(Investigation& investigation, QIODevice& out, const Data::Filter& filter = {}, QString* error = nullptr);

} // namespace JsonExport
