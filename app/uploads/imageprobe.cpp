// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Still-image headers: JPEG segments up to the scan (SOFn size, APP1 EXIF), PNG chunks (IHDR, eXIf), WebP RIFF
// chunks (VP8/VP8L/VP8X size, EXIF), GIF logical screen. Only headers are read, never pixels.
#include "exifreader.h"
#include "mediafingerprint.h"
#include "mediaprobes.h"
#include "randomaccess.h"

namespace Uploads {

namespace {

constexpr int MaxSegments = 256;
constexpr qint64 MaxExif = 1024 * 1024;

int u8(QByteArrayView d, qint64 o)
{
    return o >= 0 && o < d.size() ? static_cast<quint8>(d[o]) : 0;
}
quint32 be16(QByteArrayView d, qint64 o)
{
    return (quint32(u8(d, o)) << 8) | quint32(u8(d, o + 1));
}
quint32 be32(QByteArrayView d, qint64 o)
{
    return (be16(d, o) << 16) | be16(d, o + 2);
}
quint32 le16(QByteArrayView d, qint64 o)
{
    return quint32(u8(d, o)) | (quint32(u8(d, o + 1)) << 8);
}
quint32 le24(QByteArrayView d, qint64 o)
{
    return le16(d, o) | (quint32(u8(d, o + 2)) << 16);
}
quint32 le32(QByteArrayView d, qint64 o)
{
    return le16(d, o) | (le16(d, o + 2) << 16);
}

bool isStartOfFrame(int marker)
{
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

} // namespace

void probeJpeg(RandomAccess& source, MediaFingerprint& fp)
{
    qint64 pos = 2;
    for (int n = 0; n < MaxSegments; ++n) {
        const QByteArray h = source.read(pos, 4);
        if (h.size() < 4) {
            fp.notes.append(QStringLiteral("the JPEG ends before its image data"));
            return;
        }
        if (u8(h, 0) != 0xFF) {
            fp.notes.append(QStringLiteral("JPEG segment expected at byte offset %1").arg(pos));
            return;
        }
        const int marker = u8(h, 1);
        if (marker == 0xFF) { // fill byte
            ++pos;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9)
            break; // the scan starts: no more headers
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2;
            continue;
        }
        const qint64 length = be16(h, 2);
        if (length < 2) {
            fp.notes.append(QStringLiteral("JPEG segment with a bad length at byte offset %1").arg(pos));
            return;
        }
        if (isStartOfFrame(marker) && fp.width == 0) {
            const QByteArray sof = source.read(pos + 4, 5);
            fp.height = static_cast<int>(be16(sof, 1));
            fp.width = static_cast<int>(be16(sof, 3));
        } else if (marker == 0xE1 && length > 8) {
            const QByteArray app1 = source.read(pos + 4, std::min<qint64>(length - 2, MaxExif));
            if (app1.startsWith(QByteArrayView("Exif\0\0", 6))) {
                // Keep the frame size from SOF: EXIF pixel sizes are often stale after editing.
                const int w = fp.width, h2 = fp.height;
                readExif(app1, fp);
                if (w > 0) {
                    fp.width = w;
                    fp.height = h2;
                }
            }
        }
        pos += 2 + length;
    }
    if (fp.width == 0)
        fp.notes.append(QStringLiteral("no JPEG frame header (SOF) before the image data"));
}

void probePng(RandomAccess& source, MediaFingerprint& fp)
{
    qint64 pos = 8;
    for (int n = 0; n < MaxSegments; ++n) {
        const QByteArray h = source.read(pos, 8);
        if (h.size() < 8)
            break;
        const qint64 length = be32(h, 0);
        const QByteArray type = h.mid(4, 4);
        if (length > 0x7FFFFFFF)
            break;
        if (type == "IHDR") {
            const QByteArray ihdr = source.read(pos + 8, 8);
            fp.width = static_cast<int>(be32(ihdr, 0));
            fp.height = static_cast<int>(be32(ihdr, 4));
        } else if (type == "eXIf" && length <= MaxExif) {
            readExif(source.read(pos + 8, length), fp);
        } else if (type == "IEND") {
            break;
        }
        pos += 12 + length;
    }
    if (fp.width == 0)
        fp.notes.append(QStringLiteral("no PNG header chunk (IHDR)"));
}

void probeWebp(RandomAccess& source, MediaFingerprint& fp)
{
    qint64 pos = 12;
    for (int n = 0; n < MaxSegments; ++n) {
        const QByteArray h = source.read(pos, 8);
        if (h.size() < 8)
            break;
        const QByteArray type = h.left(4);
        const qint64 length = le32(h, 4);
        if (type == "VP8X") {
            const QByteArray x = source.read(pos + 8, 10);
            fp.width = static_cast<int>(le24(x, 4)) + 1;
            fp.height = static_cast<int>(le24(x, 7)) + 1;
        } else if (type == "VP8 " && fp.width == 0) {
            const QByteArray v = source.read(pos + 8, 10);
            if (v.size() == 10 && u8(v, 3) == 0x9D && u8(v, 4) == 0x01 && u8(v, 5) == 0x2A) {
                fp.width = static_cast<int>(le16(v, 6) & 0x3FFF);
                fp.height = static_cast<int>(le16(v, 8) & 0x3FFF);
            }
        } else if (type == "VP8L" && fp.width == 0) {
            const QByteArray v = source.read(pos + 8, 5);
            if (v.size() == 5 && u8(v, 0) == 0x2F) {
                const quint32 bits = le32(v, 1);
                fp.width = static_cast<int>(bits & 0x3FFF) + 1;
                fp.height = static_cast<int>((bits >> 14) & 0x3FFF) + 1;
            }
        } else if (type == "EXIF" && length <= MaxExif) {
            readExif(source.read(pos + 8, length), fp);
        }
        pos += 8 + length + (length & 1);
    }
    if (fp.width == 0)
        fp.notes.append(QStringLiteral("no WebP image header"));
}

void probeGif(RandomAccess& source, MediaFingerprint& fp)
{
    const QByteArray h = source.read(6, 4);
    fp.width = static_cast<int>(le16(h, 0));
    fp.height = static_cast<int>(le16(h, 2));
}

} // namespace Uploads
