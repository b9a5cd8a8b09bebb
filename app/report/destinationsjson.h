// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

class Investigation;
class JsonWriter;

/// The export's "reference_data" and "destinations" sections (EXPORT.md), from the enrich pass's tables.
namespace DestinationsJson {

/// `reference_data`: [{name, version, license}] of every data set the analyses used.
void writeReferenceData(Investigation& investigation, JsonWriter& w);

/// `destinations`: one row per (app, host) with the fields of EXPORT.md plus `entity_id`, `entity_parent`,
/// `entity_legal_domicile`, `entity_category`, `owner_domain`, `first_party_reason`, `cdn`, `connections`,
/// `owner_per_optional_list` and `optional_list` (from a non-commercial list the user downloaded).
void writeDestinations(Investigation& investigation, JsonWriter& w, const Data::Filter& filter);

} // namespace DestinationsJson
