// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "phonenumbers.h"

#include <phonenumbers/phonenumberutil.h>

namespace Detect::PhoneNumbers {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

PhoneNumberUtil* util()
{
    // GetInstance() is thread-safe and the instance is immutable after creation.
    return PhoneNumberUtil::GetInstance();
}

QByteArray qb(const std::string& s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

std::optional<Parsed> parseValid(QByteArrayView text, const QString& defaultRegion)
{
    if (text.size() < 6 || text.size() > 32)
        return std::nullopt;
    PhoneNumber n;
    const std::string input(text.data(), static_cast<size_t>(text.size()));
    const std::string region = defaultRegion.isEmpty() ? std::string("ZZ") : defaultRegion.toUpper().toStdString();
    if (util()->Parse(input, region, &n) != PhoneNumberUtil::NO_PARSING_ERROR || !util()->IsValidNumber(n))
        return std::nullopt;
    // Some of these functions append to their output string: a fresh one for each.
    Parsed p;
    std::string e164, nsn, national, international, regionCode;
    util()->Format(n, PhoneNumberUtil::E164, &e164);
    util()->GetNationalSignificantNumber(n, &nsn);
    util()->Format(n, PhoneNumberUtil::NATIONAL, &national);
    util()->Format(n, PhoneNumberUtil::INTERNATIONAL, &international);
    util()->GetRegionCodeForNumber(n, &regionCode);
    p.e164 = qb(e164);
    p.nationalDigits = qb(nsn);
    p.national = qb(national);
    p.international = qb(international);
    p.countryCode = QByteArray::number(n.country_code());
    p.region = QString::fromStdString(regionCode);
    return p;
}

QString regionOf(QByteArrayView text)
{
    const auto p = parseValid(text, QString());
    return p ? p->region : QString();
}

} // namespace Detect::PhoneNumbers
