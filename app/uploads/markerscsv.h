// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/markerstore.h"

#include <QByteArrayView>
#include <QString>

#include <optional>
#include <vector>

/// The markers CSV of EXPORT.md: UTF-8, header `timestamp,label[,note]`, RFC 4180 quoting (fields in double
/// quotes may hold commas, line breaks and doubled quotes), timestamps ISO-8601 with a UTC offset or `Z`.
/// Strict: a file with any bad line is refused as a whole, with the line number, so a typo never silently
/// drops a marker.
namespace MarkersCsv {

/// Larger files are refused (a session has dozens of markers, not millions).
constexpr qsizetype MaxBytes = 4 * 1024 * 1024;
constexpr int MaxLabelLength = 200;
constexpr int MaxNoteLength = 4000;

/// The markers (id and capture unset), in file order; nullopt with `error` set ("line 7: …") on any fault.
std::optional<std::vector<Data::Marker>> parse(QByteArrayView csv, QString* error);

/// The markers as CSV in the same format (header line, CRLF line ends, quoting where needed).
QByteArray write(const std::vector<Data::Marker>& markers);

/// True when `text` is ISO-8601 with a date, a time and an explicit offset ("Z", "+02:00", "-0500").
bool hasExplicitOffset(QStringView text);

} // namespace MarkersCsv
