// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QString>

#include <optional>

/// Java's Date.toString() ("Wed Jun 24 08:47:09 ART 2015"), which Burp writes. The zone is an abbreviation,
/// and several abbreviations name more than one zone (IST, CST, BST, ECT …): they are read as Java itself
/// reads them back, and the result says so, so that the import can warn.
namespace JavaDate {

struct Zone
{
    int offsetMinutes = 0;
    QString meaning; ///< "Argentina Time (UTC−03:00)"
    bool ambiguous = false; ///< the abbreviation also names other zones
};

/// The zone an abbreviation (or "GMT+05:30" / "UTC") stands for, or nullopt when unknown.
std::optional<Zone> zone(QStringView abbreviation);

struct Parsed
{
    Data::Timestamp ts = 0; ///< 0 when the text could not be read
    QString zoneText; ///< the abbreviation as written
    std::optional<Zone> zone; ///< unset when the abbreviation is unknown (the time is then read as UTC)
};

Parsed parse(QStringView text);

} // namespace JavaDate
