// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeutil.h"

#include "numbers.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

bool readDigits(QStringView s, qsizetype& i, int count, int& out)
{
    out = 0;
    for (int k = 0; k < count; ++k, ++i) {
        if (i >= s.size() || !s[i].isDigit())
            return false;
        out = out * 10 + s[i].digitValue();
    }
    return true;
}

} // namespace

namespace TimeUtil {

// Written by hand rather than with QDateTime::fromString: Qt 6.4 rejects more than 3 fractional digits and
// "+0200" offsets, both of which real captures contain, and this runs once per flow.
std::optional<Data::Timestamp> parseIso8601(QStringView s)
{
    s = s.trimmed();
    qsizetype i = 0;
    int year, month, day, hour = 0, minute = 0, second = 0;
    if (!readDigits(s, i, 4, year) || i >= s.size() || s[i++] != u'-' || !readDigits(s, i, 2, month) || i >= s.size()
        || s[i++] != u'-' || !readDigits(s, i, 2, day))
        return std::nullopt;
    qint64 micros = 0;
    int offsetSeconds = 0;
    if (i < s.size() && (s[i] == u'T' || s[i] == u't' || s[i] == u' ')) {
        ++i;
        if (!readDigits(s, i, 2, hour) || i >= s.size() || s[i++] != u':' || !readDigits(s, i, 2, minute))
            return std::nullopt;
        if (i < s.size() && s[i] == u':') {
            ++i;
            if (!readDigits(s, i, 2, second))
                return std::nullopt;
            if (i < s.size() && (s[i] == u'.' || s[i] == u',')) {
                ++i;
                qint64 scale = 100000;
                bool any = false;
                while (i < s.size() && s[i].isDigit()) {
                    micros += s[i].digitValue() * scale;
                    scale /= 10;
                    ++i;
                    any = true;
                }
                if (!any)
                    return std::nullopt;
            }
        }
        if (i < s.size()) {
            const QChar c = s[i];
            if (c == u'Z' || c == u'z') {
                ++i;
            } else if (c == u'+' || c == u'-') {
                ++i;
                int oh, om = 0;
                if (!readDigits(s, i, 2, oh))
                    return std::nullopt;
                if (i < s.size() && s[i] == u':')
                    ++i;
                if (i < s.size() && !readDigits(s, i, 2, om))
                    return std::nullopt;
                offsetSeconds = (oh * 3600 + om * 60) * (c == u'-' ? -1 : 1);
            }
        }
    }
    if (i != s.size())
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    const qint64 days = date.toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    const qint64 secs = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return secs * 1000000 + micros;
}

QString formatIsoUtc(Data::Timestamp ts)
{
    const qint64 secs = ts >= 0 ? ts / 1000000 : (ts - 999999) / 1000000;
    const qint64 micros = ts - secs * 1000000;
    const QDateTime dt = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    QString out = dt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (micros != 0) {
        if (micros % 1000 == 0)
            out += QLatin1Char('.') + QString::number(micros / 1000).rightJustified(3, QLatin1Char('0'));
        else
            out += QLatin1Char('.') + QString::number(micros).rightJustified(6, QLatin1Char('0'));
    }
    return out + QLatin1Char('Z');
}

Data::Timestamp fromEpochSeconds(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0 || seconds > 32503680000.0) // beyond year 3000 is corrupt data
        return 0;
    return static_cast<Data::Timestamp>(std::llround(seconds * 1e6));
}

Data::Timestamp fromEpochParts(qint64 seconds, qint64 microseconds)
{
    constexpr qint64 kMaxSeconds = std::numeric_limits<qint64>::max() / 1000000 - 1;
    return std::clamp(seconds, -kMaxSeconds, kMaxSeconds) * 1000000 + std::clamp<qint64>(microseconds, -999999, 999999);
}

std::optional<qint64> durationUs(double microseconds)
{
    constexpr qint64 kYearUs = 366LL * 86'400'000'000;
    const std::optional<qint64> us = microseconds >= 0 ? Numbers::toInteger<qint64>(microseconds) : std::nullopt;
    return us && *us < kYearUs ? us : std::nullopt;
}

Data::Timestamp now()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

} // namespace TimeUtil
