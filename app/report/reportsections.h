// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportbuilder.h"

/// The report's content sections, each in its own file (reportbuilder.cpp lists them in reading order).
namespace Report::Sections {
/// Where the data goes (chapter start): the companies behind the destinations and their jurisdictions.
Contribution companies(Context& context);
/// Server countries (GeoIP) with the map figure and the CDN caveat.
Contribution countries(Context& context);
/// Every host the app sent requests to.
Contribution destinations(Context& context);
/// What personal data goes: categories, receivers and the strongest evidence excerpt of each.
Contribution personalData(Context& context);
/// Does it upload before Post: upload sessions against the markers, the timeline figure, draft vs posted.
Contribution uploads(Context& context);
/// What could not be seen: encrypted-only traffic, bodies the tools did not keep, decryption problems.
Contribution unseen(Context& context);
} // namespace Report::Sections
