// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

class Investigation;
class JsonWriter;

/// The `findings` section of the export (EXPORT.md): one entry per deduplicated finding (app, registrable
/// domain, category, value), the most confident evidence of it, and the flows it was seen in. Responses
/// are never listed: they are not leaks of the user.
namespace FindingsExport {
void write(Investigation& investigation, JsonWriter& w, const Data::Filter& filter);
}
