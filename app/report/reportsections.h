// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportbuilder.h"

/// The report's content sections, each in its own file (reportbuilder.cpp lists them in reading order).
namespace Report::Sections {
/// Where the data goes: destinations, companies and countries.
Contribution destinations(Context& context);
/// Does it upload before Post: upload sessions against the markers, the timeline figure, draft vs posted.
Contribution uploads(Context& context);
/// What could not be seen: encrypted-only traffic, bodies the tools did not keep, decryption problems.
Contribution unseen(Context& context);
} // namespace Report::Sections
