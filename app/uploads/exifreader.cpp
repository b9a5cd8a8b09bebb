// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "exifreader.h"

#include "mediafingerprint.h"

#include <QDateTime>
#include <QSet>
#include <QTimeZone>

#include <cmath>
#include <cstring>

namespace Uploads {

namespace {

constexpr int MaxEntries = 512; ///< per IFD; real files have a few dozen

struct Tiff
{
    QByteArrayView d;
    bool little = true;

    bool has(qint64 offset, qint64 n) const
    {
        return offset >= 0 && n >= 0 && offset <= d.size() && n <= d.size() - offset;
    }
    quint32 u16(qint64 o) const
    {
        if (!has(o, 2))
            return 0;
        const quint32 a = static_cast<unsigned char>(d[o]), b = static_cast<unsigned char>(d[o + 1]);
        return little ? (a | (b << 8)) : ((a << 8) | b);
    }
    quint32 u32(qint64 o) const
    {
        if (!has(o, 4))
            return 0;
        const quint32 a = static_cast<unsigned char>(d[o]), b = static_cast<unsigned char>(d[o + 1]),
                      c = static_cast<unsigned char>(d[o + 2]), e = static_cast<unsigned char>(d[o + 3]);
        return little ? (a | (b << 8) | (c << 16) | (e << 24)) : ((a << 24) | (b << 16) | (c << 8) | e);
    }
};

struct Entry
{
    quint32 tag = 0;
    quint32 type = 0;
    quint32 count = 0;
    qint64 field = 0; ///< offset of the 4-byte value/offset field
};

int typeSize(quint32 type)
{
    switch (type) {
    case 1: // BYTE
    case 2: // ASCII
    case 6: // SBYTE
    case 7: // UNDEFINED
        return 1;
    case 3: // SHORT
    case 8: // SSHORT
        return 2;
    case 4: // LONG
    case 9: // SLONG
    case 11: // FLOAT
        return 4;
    case 5: // RATIONAL
    case 10: // SRATIONAL
    case 12: // DOUBLE
        return 8;
    default:
        return 0;
    }
}

/// Where an entry's value starts: inside the field when it fits in 4 bytes, else at the offset it holds.
qint64 valueOffset(const Tiff& t, const Entry& e)
{
    const qint64 bytes = qint64(typeSize(e.type)) * e.count;
    if (bytes <= 4)
        return e.field;
    const qint64 o = t.u32(e.field);
    return t.has(o, bytes) ? o : -1;
}

std::vector<Entry> readIfd(const Tiff& t, qint64 offset)
{
    std::vector<Entry> out;
    if (!t.has(offset, 2))
        return out;
    const int count = static_cast<int>(t.u16(offset));
    if (count > MaxEntries || !t.has(offset + 2, qint64(count) * 12))
        return out;
    for (int i = 0; i < count; ++i) {
        const qint64 p = offset + 2 + qint64(i) * 12;
        out.push_back({ t.u16(p), t.u16(p + 2), t.u32(p + 4), p + 8 });
    }
    return out;
}

QString ascii(const Tiff& t, const Entry& e)
{
    if (e.type != 2 || e.count == 0 || e.count > 256)
        return {};
    const qint64 o = valueOffset(t, e);
    if (o < 0)
        return {};
    QByteArray s = t.d.sliced(o, e.count).toByteArray();
    const qsizetype nul = s.indexOf('\0');
    if (nul >= 0)
        s.truncate(nul);
    // EXIF strings are ASCII; anything else is kept visible but harmless.
    QString out;
    for (char c : s)
        out += (c >= 0x20 && c < 0x7F) ? QChar::fromLatin1(c) : QChar(0xFFFD);
    return out.trimmed();
}

quint32 integer(const Tiff& t, const Entry& e)
{
    const qint64 o = valueOffset(t, e);
    if (o < 0 || e.count < 1)
        return 0;
    if (e.type == 3)
        return t.u16(o);
    if (e.type == 4)
        return t.u32(o);
    return 0;
}

bool rationals(const Tiff& t, const Entry& e, double* out)
{
    if (e.type != 5 || e.count != 3)
        return false;
    const qint64 o = valueOffset(t, e);
    if (o < 0)
        return false;
    double v = 0, scale = 1;
    for (int i = 0; i < 3; ++i) {
        const quint32 num = t.u32(o + i * 8), den = t.u32(o + i * 8 + 4);
        if (den == 0)
            return false;
        v += double(num) / double(den) / scale;
        scale *= 60;
    }
    *out = v;
    return true;
}

} // namespace

bool readExif(QByteArrayView data, MediaFingerprint& fp)
{
    if (data.startsWith(QByteArrayView("Exif\0\0", 6)))
        data = data.sliced(6);
    Tiff t { data, true };
    if (data.startsWith(QByteArrayView("MM\0*", 4)))
        t.little = false;
    else if (!data.startsWith(QByteArrayView("II*\0", 4)))
        return false;

    QSet<qint64> visited;
    qint64 exifIfd = -1, gpsIfd = -1;
    const qint64 ifd0 = t.u32(4);
    visited.insert(ifd0);
    for (const Entry& e : readIfd(t, ifd0)) {
        switch (e.tag) {
        case 0x010F:
            fp.make = ascii(t, e);
            break;
        case 0x0110:
            fp.model = ascii(t, e);
            break;
        case 0x0131:
            fp.software = ascii(t, e);
            break;
        case 0x0112:
            fp.orientation = static_cast<int>(integer(t, e));
            break;
        case 0x0132:
            if (fp.dateTimeOriginal.isEmpty())
                fp.dateTimeOriginal = ascii(t, e);
            break;
        case 0x8769:
            exifIfd = t.u32(e.field);
            break;
        case 0x8825:
            gpsIfd = t.u32(e.field);
            break;
        default:
            break;
        }
    }
    int pixelWidth = 0, pixelHeight = 0;
    if (exifIfd > 0 && !visited.contains(exifIfd)) {
        visited.insert(exifIfd);
        for (const Entry& e : readIfd(t, exifIfd)) {
            if (e.tag == 0x9003) {
                const QString original = ascii(t, e);
                if (!original.isEmpty())
                    fp.dateTimeOriginal = original;
            } else if (e.tag == 0xA002) {
                pixelWidth = static_cast<int>(integer(t, e));
            } else if (e.tag == 0xA003) {
                pixelHeight = static_cast<int>(integer(t, e));
            }
        }
    }
    if (gpsIfd > 0 && !visited.contains(gpsIfd)) {
        char latRef = 0, lonRef = 0;
        double lat = NAN, lon = NAN;
        for (const Entry& e : readIfd(t, gpsIfd)) {
            if (e.tag == 1 && e.type == 2 && e.count >= 1)
                latRef = t.has(e.field, 1) ? t.d[e.field] : 0;
            else if (e.tag == 3 && e.type == 2 && e.count >= 1)
                lonRef = t.has(e.field, 1) ? t.d[e.field] : 0;
            else if (e.tag == 2)
                rationals(t, e, &lat);
            else if (e.tag == 4)
                rationals(t, e, &lon);
        }
        if (!std::isnan(lat) && !std::isnan(lon) && std::abs(lat) <= 90 && std::abs(lon) <= 180
            && !(lat == 0 && lon == 0)) {
            fp.hasGps = true;
            fp.latitude = latRef == 'S' ? -lat : lat;
            fp.longitude = lonRef == 'W' ? -lon : lon;
        }
    }
    if (fp.width == 0 && pixelWidth > 0 && pixelHeight > 0) {
        fp.width = pixelWidth;
        fp.height = pixelHeight;
    }
    if (!fp.dateTimeOriginal.isEmpty() && fp.creationTime == 0) {
        // EXIF times carry no zone; taken as UTC so that two copies of one photo compare equal.
        QDateTime dt = QDateTime::fromString(fp.dateTimeOriginal, QStringLiteral("yyyy:MM:dd HH:mm:ss"));
        if (dt.isValid()) {
            dt.setTimeZone(QTimeZone::utc());
            fp.creationTime = dt.toMSecsSinceEpoch() * 1000;
        }
    }
    switch (fp.orientation) {
    case 3:
    case 4:
        fp.rotation = 180;
        break;
    case 5:
    case 6:
        fp.rotation = 90;
        break;
    case 7:
    case 8:
        fp.rotation = 270;
        break;
    default:
        break;
    }
    return true;
}

} // namespace Uploads
