// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "javadate.h"

#include "common/timeutil.h"

#include <QStringList>

namespace JavaDate {

namespace {

struct Entry
{
    const char* abbreviation;
    int offsetMinutes;
    const char* name;
    bool ambiguous;
};

// The short names Java prints for zones in the English locale (TimeZone.getDisplayName(…, SHORT)). Where an
// abbreviation names several zones, the entry is the one Java's ZoneId.SHORT_IDS (or, where that has none, the
// most populous zone) gives it, and it is marked ambiguous. Daylight-saving names carry their summer offset.
const Entry kZones[] = {
    { "UTC", 0, "Coordinated Universal Time", false },
    { "GMT", 0, "Greenwich Mean Time", false },
    { "UT", 0, "Universal Time", false },
    { "WET", 0, "Western European Time", false },
    { "WEST", 60, "Western European Summer Time", false },
    { "CET", 60, "Central European Time", false },
    { "CEST", 120, "Central European Summer Time", false },
    { "MET", 60, "Middle Europe Time", false },
    { "MEST", 120, "Middle Europe Summer Time", false },
    { "EET", 120, "Eastern European Time", false },
    { "EEST", 180, "Eastern European Summer Time", false },
    { "BST", 60, "British Summer Time (also Bangladesh Standard Time, UTC+06:00)", true },
    { "IST", 330, "India Standard Time (also Irish Standard Time, UTC+01:00, and Israel Standard Time, UTC+02:00)",
        true },
    { "IDT", 180, "Israel Daylight Time", false },
    { "MSK", 180, "Moscow Time", false },
    { "TRT", 180, "Turkey Time", false },
    { "EST", -300, "Eastern Standard Time", false },
    { "EDT", -240, "Eastern Daylight Time", false },
    { "CST", -360, "Central Standard Time (also China Standard Time, UTC+08:00, and Cuba Standard Time)", true },
    { "CDT", -300, "Central Daylight Time", false },
    { "MST", -420, "Mountain Standard Time", false },
    { "MDT", -360, "Mountain Daylight Time", false },
    { "PST", -480, "Pacific Standard Time (also Philippine Standard Time, UTC+08:00)", true },
    { "PDT", -420, "Pacific Daylight Time", false },
    { "AKST", -540, "Alaska Standard Time", false },
    { "AKDT", -480, "Alaska Daylight Time", false },
    { "HST", -600, "Hawaii Standard Time", false },
    { "HDT", -540, "Hawaii Daylight Time", false },
    { "AST", -240, "Atlantic Standard Time (also Arabia Standard Time, UTC+03:00)", true },
    { "ADT", -180, "Atlantic Daylight Time", false },
    { "NST", -210, "Newfoundland Standard Time", false },
    { "NDT", -150, "Newfoundland Daylight Time", false },
    { "ART", -180, "Argentina Time", false },
    { "BRT", -180, "Brasília Time", false },
    { "BRST", -120, "Brasília Summer Time", false },
    { "CLT", -240, "Chile Time", false },
    { "CLST", -180, "Chile Summer Time", false },
    { "COT", -300, "Colombia Time", false },
    { "PET", -300, "Peru Time", false },
    { "ECT", -300, "Ecuador Time (Java also uses ECT as an id for Europe/Paris, UTC+01:00)", true },
    { "VET", -240, "Venezuela Time", false },
    { "UYT", -180, "Uruguay Time", false },
    { "PYT", -240, "Paraguay Time", false },
    { "PYST", -180, "Paraguay Summer Time", false },
    { "BOT", -240, "Bolivia Time", false },
    { "GFT", -180, "French Guiana Time", false },
    { "SRT", -180, "Suriname Time", false },
    { "GYT", -240, "Guyana Time", false },
    { "WAT", 60, "West Africa Time", false },
    { "CAT", 120, "Central Africa Time", false },
    { "EAT", 180, "East Africa Time", false },
    { "SAST", 120, "South Africa Standard Time", false },
    { "GST", 240, "Gulf Standard Time (also South Georgia Time, UTC−02:00)", true },
    { "IRST", 210, "Iran Standard Time", false },
    { "IRDT", 270, "Iran Daylight Time", false },
    { "AFT", 270, "Afghanistan Time", false },
    { "PKT", 300, "Pakistan Time", false },
    { "UZT", 300, "Uzbekistan Time", false },
    { "YEKT", 300, "Yekaterinburg Time", false },
    { "NPT", 345, "Nepal Time", false },
    { "BDT", 360, "Bangladesh Time", false },
    { "OMST", 360, "Omsk Time", false },
    { "MMT", 390, "Myanmar Time", false },
    { "ICT", 420, "Indochina Time", false },
    { "WIB", 420, "Western Indonesia Time", false },
    { "KRAT", 420, "Krasnoyarsk Time", false },
    { "HKT", 480, "Hong Kong Time", false },
    { "SGT", 480, "Singapore Time", false },
    { "MYT", 480, "Malaysia Time", false },
    { "PHT", 480, "Philippine Time", false },
    { "WITA", 480, "Central Indonesia Time", false },
    { "AWST", 480, "Australian Western Standard Time", false },
    { "IRKT", 480, "Irkutsk Time", false },
    { "JST", 540, "Japan Standard Time", false },
    { "KST", 540, "Korea Standard Time", false },
    { "WIT", 540, "Eastern Indonesia Time", false },
    { "YAKT", 540, "Yakutsk Time", false },
    { "ACST", 570, "Australian Central Standard Time", false },
    { "ACDT", 630, "Australian Central Daylight Time", false },
    { "AEST", 600, "Australian Eastern Standard Time", false },
    { "AEDT", 660, "Australian Eastern Daylight Time", false },
    { "VLAT", 600, "Vladivostok Time", false },
    { "CHST", 600, "Chamorro Standard Time", false },
    { "MAGT", 660, "Magadan Time", false },
    { "NZST", 720, "New Zealand Standard Time", false },
    { "NZDT", 780, "New Zealand Daylight Time", false },
    { "PETT", 720, "Petropavlovsk-Kamchatski Time", false },
    { "SST", -660, "Samoa Standard Time (also Solomon Islands Time, UTC+11:00)", true },
};

QString offsetText(int minutes)
{
    const QChar sign = minutes < 0 ? QChar(0x2212) : u'+';
    const int m = std::abs(minutes);
    return QStringLiteral("UTC%1%2:%3")
        .arg(sign)
        .arg(m / 60, 2, 10, QLatin1Char('0'))
        .arg(m % 60, 2, 10, QLatin1Char('0'));
}

int monthNumber(QStringView m)
{
    static const char* const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
        "Dec" };
    for (int i = 0; i < 12; ++i) {
        if (m.compare(QLatin1String(months[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

} // namespace

std::optional<Zone> zone(QStringView abbreviation)
{
    const QString a = abbreviation.trimmed().toString().toUpper();
    // Zones without a name print as "GMT+05:30" / "GMT-03:00".
    if ((a.startsWith(u"GMT") || a.startsWith(u"UTC")) && a.size() > 3) {
        const QStringView rest = QStringView(a).sliced(3);
        const int sign = rest.startsWith(u'-') ? -1 : (rest.startsWith(u'+') ? 1 : 0);
        if (sign == 0)
            return std::nullopt;
        const QStringList hm = rest.sliced(1).toString().split(u':');
        bool okH = false, okM = true;
        const int h = hm.value(0).toInt(&okH);
        const int m = hm.size() > 1 ? hm[1].toInt(&okM) : 0;
        if (!okH || !okM || h < 0 || h > 14 || m < 0 || m > 59)
            return std::nullopt;
        Zone z;
        z.offsetMinutes = sign * (h * 60 + m);
        z.meaning = offsetText(z.offsetMinutes);
        return z;
    }
    for (const Entry& e : kZones) {
        if (a == QLatin1String(e.abbreviation)) {
            Zone z;
            z.offsetMinutes = e.offsetMinutes;
            z.meaning = QStringLiteral("%1 (%2)").arg(QString::fromUtf8(e.name), offsetText(e.offsetMinutes));
            z.ambiguous = e.ambiguous;
            return z;
        }
    }
    return std::nullopt;
}

Parsed parse(QStringView text)
{
    // EEE MMM dd HH:mm:ss zzz yyyy
    Parsed p;
    const QStringList f = text.trimmed().toString().split(u' ', Qt::SkipEmptyParts);
    if (f.size() != 6)
        return p;
    const int month = monthNumber(f[1]);
    bool okDay = false, okYear = false;
    const int day = f[2].toInt(&okDay);
    const int year = f[5].toInt(&okYear);
    const QStringList hms = f[3].split(u':');
    if (!month || !okDay || !okYear || hms.size() != 3)
        return p;
    p.zoneText = f[4];
    p.zone = zone(f[4]);
    const QString iso = QStringLiteral("%1-%2-%3T%4")
                            .arg(year, 4, 10, QLatin1Char('0'))
                            .arg(month, 2, 10, QLatin1Char('0'))
                            .arg(day, 2, 10, QLatin1Char('0'))
                            .arg(f[3]);
    const auto ts = TimeUtil::parseIso8601(iso);
    if (!ts)
        return p;
    p.ts = *ts - static_cast<qint64>(p.zone ? p.zone->offsetMinutes : 0) * 60 * 1000000;
    return p;
}

} // namespace JavaDate
