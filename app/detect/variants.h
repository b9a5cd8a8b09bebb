// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/knownidentifiers.h"

#include <QByteArray>
#include <QString>

#include <vector>

/// The forms a known identifier can take on the wire (research §6.2): normalisations (case, trimming,
/// canonical email and phone forms, UUID and MAC spellings), binary forms (raw UUID and Android ID bytes),
/// encodings of each (URL, double URL, JSON escapes, HTML entities, base64 standard and URL-safe in all three
/// alignments, hex) and hashes of the normalised forms (MD5, SHA-1, SHA-224/256/384/512 as hex and base64).
namespace Detect::Variants {

struct Variant
{
    QByteArray pattern;
    bool caseSensitive = false; ///< base64 and raw bytes; everything else matches in any case
    QString description; ///< "SHA-256 (hex) of the normalised email"
    int rank = 0; ///< 0 as entered … higher = further from what the investigator typed (the best match wins)
};

/// What kind of value an identifier holds, which decides its normalisations.
enum class Kind
{
    Text,
    Email,
    Phone,
    Uuid,
    Mac,
    AndroidId,
    Location
};
Kind kindOf(const Data::KnownIdentifier& identifier);

/// Every search pattern of an identifier, deduplicated. `phoneRegion` is used for phone numbers written
/// without a country code. Locations have none: they match by distance.
std::vector<Variant> generate(const Data::KnownIdentifier& identifier, const QString& phoneRegion);

/// The base64 characters of `data` that do not depend on what precedes or follows it in a longer base64
/// stream, for the offset `alignment` (0, 1 or 2 bytes before it). Empty when too short.
QByteArray base64Middle(const QByteArray& data, int alignment, bool urlSafe);

} // namespace Detect::Variants
