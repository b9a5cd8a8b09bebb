// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/knownidentifiers.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

/// The known-identifiers JSON of EXPORT.md: `[{"label", "category", "value"}, …]`.
namespace IdentifierJson {

/// Parses and validates the file's content. On error returns nothing and sets `error` to a message naming
/// the entry ("entry 3: unknown category \"identity.mail\"").
std::optional<std::vector<Data::KnownIdentifier>> parse(const QByteArray& json, QString* error);

/// Checks one identifier (category known, value usable, a location is "lat,lon" in range); returns the
/// problem or an empty string.
QString validate(const Data::KnownIdentifier& identifier);

/// The identifiers as that JSON (ids are not written).
QByteArray write(const std::vector<Data::KnownIdentifier>& identifiers);

/// "37.4419,-122.1430" → (37.4419, -122.143); false when not two numbers in range.
bool parseLocation(const QString& value, double* latitude, double* longitude);

} // namespace IdentifierJson
