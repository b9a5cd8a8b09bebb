// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

/// Phone number validation and formatting through Google's libphonenumber (Debian libphonenumber-dev),
/// kept behind this small interface so its headers stay out of the rest of the code.
namespace Detect::PhoneNumbers {

struct Parsed
{
    QByteArray e164; ///< "+16505550142"
    QByteArray nationalDigits; ///< "6505550142"
    QByteArray national; ///< "(650) 555-0142"
    QByteArray international; ///< "+1 650-555-0142"
    QByteArray countryCode; ///< "1"
    QString region; ///< "US"
};

/// Parses `text` (with or without a '+' prefix; `defaultRegion` applies to national numbers) and returns it
/// only when libphonenumber says the number is valid for its region.
std::optional<Parsed> parseValid(QByteArrayView text, const QString& defaultRegion);

/// The region (ISO 3166 alpha-2) a valid international number belongs to, or empty.
QString regionOf(QByteArrayView text);

} // namespace Detect::PhoneNumbers
