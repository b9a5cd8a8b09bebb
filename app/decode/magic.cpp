// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "magic.h"

#include <cmath>
#include <cstring>

namespace Decode::Magic {

namespace {

bool at(QByteArrayView h, qsizetype offset, const char* magic, qsizetype n)
{
    return h.size() >= offset + n && memcmp(h.data() + offset, magic, static_cast<size_t>(n)) == 0;
}

unsigned byteAt(QByteArrayView h, qsizetype i)
{
    return static_cast<unsigned char>(h[i]);
}

Sniffed make(Kind kind, MediaClass media, const QString& name, const QString& brand = {})
{
    return Sniffed { kind, media, name, brand };
}

Sniffed isoBmff(QByteArrayView h)
{
    const QString brand = QString::fromLatin1(h.sliced(8, 4).toByteArray());
    const QByteArray b = h.sliced(8, 4).toByteArray();
    auto is = [&](std::initializer_list<const char*> brands) {
        for (const char* x : brands) {
            if (b == QByteArray(x, 4))
                return true;
        }
        return false;
    };
    if (is({ "qt  " }))
        return make(Kind::QuickTime, MediaClass::Video, QStringLiteral("QuickTime"), brand);
    if (is({ "M4A ", "M4B ", "M4P ", "F4A " }))
        return make(Kind::M4a, MediaClass::Audio, QStringLiteral("MPEG-4 audio (%1)").arg(brand.trimmed()), brand);
    if (is({ "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1" }))
        return make(Kind::Heif, MediaClass::Image, QStringLiteral("HEIF (%1)").arg(brand), brand);
    if (is({ "avif", "avis" }))
        return make(Kind::Avif, MediaClass::Image, QStringLiteral("AVIF"), brand);
    if (is({ "3gp4", "3gp5", "3gp6", "3gp7", "3gs7", "3ge6", "3g2a", "3g2b", "3g2c" }))
        return make(Kind::ThreeGp, MediaClass::Video, QStringLiteral("3GPP (%1)").arg(brand), brand);
    if (is({ "M4V ", "M4VH", "M4VP" }))
        return make(Kind::M4v, MediaClass::Video, QStringLiteral("MPEG-4 video (M4V)"), brand);
    if (is({ "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "mmp4", "MSNV", "NDAS",
            "f4v " }))
        return make(Kind::Mp4, MediaClass::Video, QStringLiteral("MP4 (%1)").arg(brand.trimmed()), brand);
    return {};
}

// --- EXIF ----------------------------------------------------------------------------------------------

struct Tiff
{
    QByteArrayView d;
    bool little = true;
    bool ok(qint64 offset, qint64 n) const
    {
        return offset >= 0 && n >= 0 && offset + n <= d.size();
    }
    quint32 u16(qint64 o) const
    {
        const unsigned a = byteAt(d, o), b = byteAt(d, o + 1);
        return little ? (a | (b << 8)) : ((a << 8) | b);
    }
    quint32 u32(qint64 o) const
    {
        const quint32 a = byteAt(d, o), b = byteAt(d, o + 1), c = byteAt(d, o + 2), e = byteAt(d, o + 3);
        return little ? (a | (b << 8) | (c << 16) | (e << 24)) : ((a << 24) | (b << 16) | (c << 8) | e);
    }
};

/// Reads the IFD at `offset`: calls `visit(tag, type, count, valueOffsetField)` for each entry.
template <typename Visit> bool readIfd(const Tiff& t, qint64 offset, Visit visit)
{
    if (!t.ok(offset, 2))
        return false;
    const quint32 count = t.u16(offset);
    if (count > 512 || !t.ok(offset + 2, qint64(count) * 12))
        return false;
    for (quint32 i = 0; i < count; ++i) {
        const qint64 e = offset + 2 + qint64(i) * 12;
        visit(t.u16(e), t.u16(e + 2), t.u32(e + 4), e + 8);
    }
    return true;
}

bool rationalTriple(const Tiff& t, quint32 type, quint32 count, qint64 field, double* out)
{
    if (type != 5 || count != 3)
        return false;
    const qint64 o = t.u32(field);
    if (!t.ok(o, 24))
        return false;
    double parts[3];
    for (int i = 0; i < 3; ++i) {
        const quint32 num = t.u32(o + i * 8), den = t.u32(o + i * 8 + 4);
        if (den == 0)
            return false;
        parts[i] = double(num) / double(den);
    }
    *out = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
    return true;
}

} // namespace

Sniffed sniff(QByteArrayView h)
{
    if (h.size() < 4)
        return {};
    if (at(h, 0, "\xFF\xD8\xFF", 3))
        return make(Kind::Jpeg, MediaClass::Image, QStringLiteral("JPEG"));
    if (at(h, 0, "\x89PNG\r\n\x1A\n", 8))
        return make(Kind::Png, MediaClass::Image, QStringLiteral("PNG"));
    if (at(h, 0, "GIF87a", 6) || at(h, 0, "GIF89a", 6))
        return make(Kind::Gif, MediaClass::Image, QStringLiteral("GIF"));
    if (at(h, 0, "RIFF", 4) && at(h, 8, "WEBP", 4))
        return make(Kind::WebP, MediaClass::Image, QStringLiteral("WebP"));
    if (at(h, 0, "RIFF", 4) && at(h, 8, "WAVE", 4))
        return make(Kind::Wav, MediaClass::Audio, QStringLiteral("WAV"));
    if (h.size() >= 12 && at(h, 4, "ftyp", 4)) {
        const Sniffed s = isoBmff(h);
        if (s.kind != Kind::None)
            return s;
    }
    // QuickTime files from older cameras may start with another top-level box.
    if (h.size() >= 12 && (at(h, 4, "moov", 4) || at(h, 4, "mdat", 4) || at(h, 4, "wide", 4)) && byteAt(h, 0) == 0)
        return make(Kind::QuickTime, MediaClass::Video, QStringLiteral("QuickTime"));
    if (at(h, 0, "\x1A\x45\xDF\xA3", 4)) {
        const bool webm = h.first(std::min<qsizetype>(h.size(), 64)).indexOf("webm") >= 0;
        return make(Kind::Matroska, MediaClass::Video, webm ? QStringLiteral("WebM") : QStringLiteral("Matroska"));
    }
    if (at(h, 0, "OggS", 4)) {
        if (at(h, 28, "OpusHead", 8))
            return make(Kind::Ogg, MediaClass::Audio, QStringLiteral("Ogg Opus"));
        if (at(h, 29, "theora", 6))
            return make(Kind::Ogg, MediaClass::Video, QStringLiteral("Ogg Theora"));
        return make(Kind::Ogg, MediaClass::Audio, QStringLiteral("Ogg"));
    }
    if (at(h, 0, "#!AMR", 5))
        return make(Kind::Amr, MediaClass::Audio, QStringLiteral("AMR"));
    if (at(h, 0, "fLaC", 4))
        return make(Kind::Flac, MediaClass::Audio, QStringLiteral("FLAC"));
    if (at(h, 0, "ID3", 3) && byteAt(h, 3) < 5)
        return make(Kind::Mp3, MediaClass::Audio, QStringLiteral("MP3"));
    if (byteAt(h, 0) == 0xFF && (byteAt(h, 1) == 0xFB || byteAt(h, 1) == 0xF3 || byteAt(h, 1) == 0xF2)
        && (byteAt(h, 2) >> 4) != 0x0F && ((byteAt(h, 2) >> 2) & 3) != 3)
        return make(Kind::Mp3, MediaClass::Audio, QStringLiteral("MP3"));
    // ADTS: sync word, layer 0, valid sampling index.
    if (byteAt(h, 0) == 0xFF && (byteAt(h, 1) == 0xF1 || byteAt(h, 1) == 0xF9) && ((byteAt(h, 2) >> 2) & 0x0F) < 13)
        return make(Kind::Aac, MediaClass::Audio, QStringLiteral("AAC (ADTS)"));
    if (at(h, 0, "\x1F\x8B\x08", 3))
        return make(Kind::Gzip, MediaClass::None, QStringLiteral("gzip"));
    if (at(h, 0, "\x28\xB5\x2F\xFD", 4))
        return make(Kind::Zstd, MediaClass::None, QStringLiteral("zstd"));
    if (at(h, 0, "bplist00", 8))
        return make(Kind::BinaryPlist, MediaClass::None, QStringLiteral("binary plist"));
    if (at(h, 0, "%PDF-", 5))
        return make(Kind::Pdf, MediaClass::None, QStringLiteral("PDF"));
    if (at(h, 0, "PK\x03\x04", 4))
        return make(Kind::Zip, MediaClass::None, QStringLiteral("zip"));
    if (byteAt(h, 0) == 0x78 && (byteAt(h, 0) * 256 + byteAt(h, 1)) % 31 == 0 && (byteAt(h, 1) & 0x20) == 0)
        return make(Kind::Zlib, MediaClass::None, QStringLiteral("zlib"));
    return {};
}

qint64 plausibleMinimumSize(Kind kind)
{
    switch (kind) {
    case Kind::Jpeg:
    case Kind::Png:
    case Kind::Gif:
    case Kind::WebP:
        return 128;
    case Kind::Heif:
    case Kind::Avif:
        return 512;
    case Kind::Mp4:
    case Kind::QuickTime:
    case Kind::ThreeGp:
    case Kind::M4v:
    case Kind::Matroska:
        return 1024;
    case Kind::M4a:
    case Kind::Ogg:
    case Kind::Amr:
    case Kind::Wav:
    case Kind::Flac:
        return 256;
    case Kind::Mp3:
    case Kind::Aac:
        return 2048; // two-byte frame syncs: only a real stream is long enough to count
    default:
        return 0;
    }
}

bool exifGps(QByteArrayView d, double* latitude, double* longitude)
{
    if (!at(d, 0, "\xFF\xD8", 2))
        return false;
    qsizetype pos = 2;
    while (pos + 4 <= d.size()) {
        if (byteAt(d, pos) != 0xFF)
            return false;
        const unsigned marker = byteAt(d, pos + 1);
        if (marker == 0xDA || marker == 0xD9)
            return false; // image data begins: no EXIF before it
        const qsizetype length = (qsizetype(byteAt(d, pos + 2)) << 8) | byteAt(d, pos + 3);
        if (length < 2 || pos + 2 + length > d.size())
            return false;
        if (marker == 0xE1 && length >= 16 && at(d, pos + 4, "Exif\0\0", 6)) {
            Tiff t { d.sliced(pos + 10, length - 8), true };
            if (at(t.d, 0, "MM\0*", 4))
                t.little = false;
            else if (!at(t.d, 0, "II*\0", 4))
                return false;
            qint64 gpsOffset = -1;
            readIfd(t, t.u32(4), [&](quint32 tag, quint32, quint32, qint64 field) {
                if (tag == 0x8825)
                    gpsOffset = t.u32(field);
            });
            if (gpsOffset <= 0)
                return false;
            char latRef = 0, lonRef = 0;
            double lat = NAN, lon = NAN;
            readIfd(t, gpsOffset, [&](quint32 tag, quint32 type, quint32 count, qint64 field) {
                if (tag == 1 && type == 2)
                    latRef = static_cast<char>(byteAt(t.d, field));
                else if (tag == 3 && type == 2)
                    lonRef = static_cast<char>(byteAt(t.d, field));
                else if (tag == 2)
                    rationalTriple(t, type, count, field, &lat);
                else if (tag == 4)
                    rationalTriple(t, type, count, field, &lon);
            });
            if (std::isnan(lat) || std::isnan(lon) || std::abs(lat) > 90 || std::abs(lon) > 180)
                return false;
            *latitude = latRef == 'S' ? -lat : lat;
            *longitude = lonRef == 'W' ? -lon : lon;
            return !(lat == 0 && lon == 0);
        }
        pos += 2 + length;
    }
    return false;
}

} // namespace Decode::Magic
