// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// ISO base media file format (ISO/IEC 14496-12) as far as a fingerprint needs it: the movie header (duration,
// creation time), each track's header (display size, rotation matrix), media handler and first sample entry
// (codec), and for HEIF/AVIF still images the primary item's size, rotation and Exif item. Written by hand:
// no Debian library reads these few boxes without also decoding media, and every size here is checked.
#include "exifreader.h"
#include "mediafingerprint.h"
#include "mediaprobes.h"
#include "randomaccess.h"

#include <QHash>

#include <cmath>

namespace Uploads {

namespace {

constexpr qint64 MaxMetaBox = 16 * 1024 * 1024; ///< moov/meta read into memory at most this large
constexpr int MaxBoxes = 4096; ///< boxes visited per level
constexpr qint64 Mac1904ToUnix = 2082844800; ///< seconds between 1904-01-01 and 1970-01-01

int u8(QByteArrayView d, qint64 o)
{
    return o >= 0 && o < d.size() ? static_cast<quint8>(d[o]) : 0;
}
quint32 be32(QByteArrayView d, qint64 o)
{
    if (o < 0 || o + 4 > d.size())
        return 0;
    return (quint32(u8(d, o)) << 24) | (quint32(u8(d, o + 1)) << 16) | (quint32(u8(d, o + 2)) << 8)
        | quint32(u8(d, o + 3));
}
quint64 be64(QByteArrayView d, qint64 o)
{
    return (quint64(be32(d, o)) << 32) | be32(d, o + 4);
}
quint32 be16(QByteArrayView d, qint64 o)
{
    if (o < 0 || o + 2 > d.size())
        return 0;
    return (quint32(u8(d, o)) << 8) | quint32(u8(d, o + 1));
}
quint64 beN(QByteArrayView d, qint64 o, int bytes)
{
    switch (bytes) {
    case 2:
        return be16(d, o);
    case 4:
        return be32(d, o);
    case 8:
        return be64(d, o);
    default:
        return 0;
    }
}

struct Box
{
    QByteArray type;
    qint64 start = 0; ///< of the header
    qint64 payload = 0; ///< offset of the content
    qint64 end = 0;
};

/// The boxes inside [from, to) of an in-memory buffer.
std::vector<Box> children(QByteArrayView d, qint64 from, qint64 to)
{
    std::vector<Box> out;
    qint64 pos = from;
    to = std::min<qint64>(to, d.size());
    while (pos + 8 <= to && static_cast<int>(out.size()) < MaxBoxes) {
        Box b;
        b.start = pos;
        qint64 size = be32(d, pos);
        b.type = d.sliced(pos + 4, 4).toByteArray();
        b.payload = pos + 8;
        if (size == 1) {
            if (pos + 16 > to)
                break;
            size = static_cast<qint64>(be64(d, pos + 8));
            b.payload = pos + 16;
        } else if (size == 0) {
            size = to - pos;
        }
        if (size < b.payload - pos || size > to - pos)
            break;
        b.end = pos + size;
        out.push_back(b);
        pos = b.end;
    }
    return out;
}

const Box* find(const std::vector<Box>& boxes, const char* type)
{
    for (const Box& b : boxes) {
        if (b.type == QByteArrayView(type, 4))
            return &b;
    }
    return nullptr;
}

QString fourcc(QByteArrayView d, qint64 o)
{
    if (o < 0 || o + 4 > d.size())
        return {};
    QString s;
    for (int i = 0; i < 4; ++i) {
        const char c = d[o + i];
        s += (c >= 0x20 && c < 0x7F) ? QChar::fromLatin1(c) : QChar(u'?');
    }
    return s;
}

struct Track
{
    QString handler;
    QString codec;
    int width = 0;
    int height = 0;
    int rotation = 0;
    double duration = -1;
};

Track readTrack(QByteArrayView d, const Box& trak, MediaFingerprint& fp)
{
    Track t;
    const auto inTrak = children(d, trak.payload, trak.end);
    if (const Box* tkhd = find(inTrak, "tkhd")) {
        const int version = u8(d, tkhd->payload);
        // After version/flags: times, track id, reserved, duration; then 8 reserved, layer, group, volume, 2
        // reserved, the 3×3 matrix (36 bytes) and width/height as 16.16 fixed point.
        const qint64 matrix = tkhd->payload + 4 + (version == 1 ? 32 : 20) + 8 + 8;
        if (matrix + 36 + 8 <= tkhd->end) {
            const qint32 a = static_cast<qint32>(be32(d, matrix));
            const qint32 b = static_cast<qint32>(be32(d, matrix + 4));
            t.width = static_cast<int>(be32(d, matrix + 36) >> 16);
            t.height = static_cast<int>(be32(d, matrix + 40) >> 16);
            if (a == 0 && b > 0)
                t.rotation = 90;
            else if (a == 0 && b < 0)
                t.rotation = 270;
            else if (a < 0)
                t.rotation = 180;
        }
    }
    const Box* mdia = find(inTrak, "mdia");
    if (!mdia)
        return t;
    const auto inMdia = children(d, mdia->payload, mdia->end);
    if (const Box* mdhd = find(inMdia, "mdhd")) {
        const int version = u8(d, mdhd->payload);
        const quint32 timescale = be32(d, mdhd->payload + 4 + (version == 1 ? 16 : 8));
        const quint64 duration = version == 1 ? be64(d, mdhd->payload + 4 + 20) : be32(d, mdhd->payload + 4 + 12);
        if (timescale > 0 && duration != 0xFFFFFFFFu && duration != ~quint64(0))
            t.duration = double(duration) / timescale;
    }
    if (const Box* hdlr = find(inMdia, "hdlr"))
        t.handler = fourcc(d, hdlr->payload + 8);
    const Box* minf = find(inMdia, "minf");
    const auto inMinf = minf ? children(d, minf->payload, minf->end) : std::vector<Box>();
    const Box* stbl = find(inMinf, "stbl");
    const auto inStbl = stbl ? children(d, stbl->payload, stbl->end) : std::vector<Box>();
    if (const Box* stsd = find(inStbl, "stsd")) {
        // version/flags, entry count, then the first sample entry: size, format.
        const qint64 entry = stsd->payload + 8;
        if (entry + 8 <= stsd->end && be32(d, stsd->payload + 4) > 0) {
            t.codec = fourcc(d, entry + 4);
            // A visual sample entry: 6 reserved, data reference index, 16 pre-defined/reserved, width, height.
            if (t.handler == u"vide" && entry + 8 + 32 <= stsd->end && (t.width == 0 || t.height == 0)) {
                t.width = static_cast<int>(be16(d, entry + 8 + 24));
                t.height = static_cast<int>(be16(d, entry + 8 + 26));
            }
        }
    }
    Q_UNUSED(fp)
    return t;
}

void readMoov(QByteArrayView d, MediaFingerprint& fp)
{
    const auto boxes = children(d, 8, d.size());
    if (const Box* mvhd = find(boxes, "mvhd")) {
        const int version = u8(d, mvhd->payload);
        const qint64 p = mvhd->payload + 4;
        const quint64 created = version == 1 ? be64(d, p) : be32(d, p);
        const quint32 timescale = be32(d, p + (version == 1 ? 16 : 8));
        const quint64 duration = version == 1 ? be64(d, p + 20) : be32(d, p + 12);
        if (timescale > 0 && duration != 0xFFFFFFFFu && duration != ~quint64(0))
            fp.durationSeconds = double(duration) / timescale;
        if (created > quint64(Mac1904ToUnix) && created < quint64(Mac1904ToUnix) + 10000000000ull)
            fp.creationTime = (static_cast<qint64>(created) - Mac1904ToUnix) * 1000000;
    }
    bool video = false, audio = false;
    for (const Box& b : boxes) {
        if (b.type != "trak")
            continue;
        const Track t = readTrack(d, b, fp);
        if (t.handler == u"vide" && !video) {
            video = true;
            fp.videoCodec = t.codec;
            fp.width = t.width;
            fp.height = t.height;
            fp.rotation = t.rotation;
            if (fp.durationSeconds < 0)
                fp.durationSeconds = t.duration;
        } else if (t.handler == u"soun" && !audio) {
            audio = true;
            fp.audioCodec = t.codec;
            if (fp.durationSeconds < 0)
                fp.durationSeconds = t.duration;
        }
    }
    if (!video && audio)
        fp.mediaClass = QStringLiteral("audio");
    if (!video && !audio)
        fp.notes.append(QStringLiteral("the movie header has no video or audio track"));
}

/// HEIF/AVIF: the primary item's size (ispe), rotation (irot) and the Exif item.
void readMeta(QByteArrayView d, RandomAccess& source, MediaFingerprint& fp)
{
    // `meta` is a full box: version/flags before its children.
    const auto boxes = children(d, 12, d.size());
    quint32 primary = 0;
    if (const Box* pitm = find(boxes, "pitm")) {
        const int version = u8(d, pitm->payload);
        primary = version == 0 ? be16(d, pitm->payload + 4) : be32(d, pitm->payload + 4);
    }
    // Item types (iinf/infe) to find the Exif item.
    quint32 exifItem = 0;
    if (const Box* iinf = find(boxes, "iinf")) {
        const int version = u8(d, iinf->payload);
        const qint64 first = iinf->payload + 4 + (version == 0 ? 2 : 4);
        for (const Box& infe : children(d, first, iinf->end)) {
            if (infe.type != "infe")
                continue;
            const int v = u8(d, infe.payload);
            if (v < 2)
                continue;
            const qint64 p = infe.payload + 4;
            const quint32 id = v == 2 ? be16(d, p) : be32(d, p);
            const qint64 typeAt = p + (v == 2 ? 2 : 4) + 2;
            if (typeAt + 4 <= infe.end && d.sliced(typeAt, 4) == QByteArrayView("Exif"))
                exifItem = id;
        }
    }
    // Item properties: ipco holds them in order (1-based), ipma says which item has which.
    std::vector<Box> properties;
    QHash<quint32, QList<int>> associations;
    if (const Box* iprp = find(boxes, "iprp")) {
        const auto inIprp = children(d, iprp->payload, iprp->end);
        if (const Box* ipco = find(inIprp, "ipco"))
            properties = children(d, ipco->payload, ipco->end);
        if (const Box* ipma = find(inIprp, "ipma")) {
            const int version = u8(d, ipma->payload);
            const bool wide = u8(d, ipma->payload + 3) & 1;
            qint64 p = ipma->payload + 4;
            const quint32 entries = be32(d, p);
            p += 4;
            for (quint32 i = 0; i < entries && i < 10000 && p < ipma->end; ++i) {
                const quint32 item = version < 1 ? be16(d, p) : be32(d, p);
                p += version < 1 ? 2 : 4;
                const int n = p < ipma->end ? u8(d, p) : 0;
                ++p;
                for (int k = 0; k < n && p < ipma->end; ++k) {
                    const int index = wide ? static_cast<int>(be16(d, p) & 0x7FFF) : (u8(d, p) & 0x7F);
                    p += wide ? 2 : 1;
                    associations[item].append(index);
                }
            }
        }
    }
    auto applyProperty = [&](const Box& b) {
        if (b.type == "ispe" && b.payload + 12 <= b.end) {
            const int w = static_cast<int>(be32(d, b.payload + 4));
            const int h = static_cast<int>(be32(d, b.payload + 8));
            // Without associations, the largest image is the picture (the others are thumbnails or tiles).
            if (qint64(w) * h > qint64(fp.width) * fp.height) {
                fp.width = w;
                fp.height = h;
            }
        } else if (b.type == "irot" && b.payload < b.end) {
            fp.rotation = (u8(d, b.payload) & 3) * 90;
        }
    };
    if (primary && associations.contains(primary)) {
        for (int index : associations.value(primary)) {
            if (index >= 1 && index <= static_cast<int>(properties.size()))
                applyProperty(properties[index - 1]);
        }
    } else {
        for (const Box& b : properties)
            applyProperty(b);
    }
    // Where the Exif item's bytes are (iloc, construction method 0: offsets in the file).
    const Box* iloc = exifItem ? find(boxes, "iloc") : nullptr;
    if (!iloc)
        return;
    const int version = u8(d, iloc->payload);
    qint64 p = iloc->payload + 4;
    const int offsetSize = u8(d, p) >> 4, lengthSize = u8(d, p) & 15;
    const int baseSize = u8(d, p + 1) >> 4, indexSize = version >= 1 ? (u8(d, p + 1) & 15) : 0;
    p += 2;
    const quint32 count = version < 2 ? be16(d, p) : be32(d, p);
    p += version < 2 ? 2 : 4;
    for (quint32 i = 0; i < count && i < 10000 && p < iloc->end; ++i) {
        const quint32 id = version < 2 ? be16(d, p) : be32(d, p);
        p += version < 2 ? 2 : 4;
        int method = 0;
        if (version >= 1) {
            method = be16(d, p) & 15;
            p += 2;
        }
        p += 2; // data reference index
        const quint64 base = beN(d, p, baseSize);
        p += baseSize;
        // Extents of zero-sized fields all read the same nothing: one is enough (else 65 535 per item, a stall).
        const int extents = indexSize + offsetSize + lengthSize > 0 ? static_cast<int>(be16(d, p)) : 1;
        p += 2;
        for (int e = 0; e < extents && p < iloc->end; ++e) {
            p += indexSize;
            const quint64 offset = beN(d, p, offsetSize);
            p += offsetSize;
            const quint64 length = beN(d, p, lengthSize);
            p += lengthSize;
            if (id == exifItem && method == 0 && e == 0 && length > 4 && length < 1024 * 1024) {
                const QByteArray item = source.read(static_cast<qint64>(base + offset), static_cast<qint64>(length));
                // The item starts with the offset of the TIFF header within it.
                const quint32 skip = be32(item, 0);
                if (item.size() == static_cast<qsizetype>(length) && 4 + qint64(skip) < item.size())
                    readExif(QByteArrayView(item).sliced(4 + skip), fp);
            }
        }
    }
}

} // namespace

void probeIsoBmff(RandomAccess& source, MediaFingerprint& fp)
{
    const qint64 size = source.size();
    qint64 pos = 0;
    bool sawMoov = false, sawMdat = false, sawMeta = false;
    for (int n = 0; pos + 8 <= size && n < MaxBoxes; ++n) {
        const QByteArray header = source.read(pos, 16);
        if (header.size() < 8) {
            fp.notes.append(QStringLiteral("bytes missing at offset %1 (the upload is incomplete)").arg(pos));
            break;
        }
        qint64 boxSize = be32(header, 0);
        const QByteArray type = header.mid(4, 4);
        if (boxSize == 1) {
            if (header.size() < 16)
                break;
            boxSize = static_cast<qint64>(be64(header, 8));
        } else if (boxSize == 0) {
            boxSize = size - pos;
        }
        if (boxSize < 8 || boxSize > size - pos) {
            fp.notes.append(QStringLiteral("box \"%1\" at offset %2 runs past the end of the data")
                                .arg(fourcc(header, 4))
                                .arg(pos));
            break;
        }
        if (type == "moov" || type == "meta") {
            if (boxSize > MaxMetaBox) {
                fp.notes.append(QStringLiteral("the \"%1\" box is larger than %2 MiB; not read")
                                    .arg(QString::fromLatin1(type))
                                    .arg(MaxMetaBox >> 20));
            } else {
                const QByteArray box = source.read(pos, boxSize);
                if (box.size() != boxSize) {
                    fp.notes.append(QStringLiteral("the \"%1\" box is incomplete").arg(QString::fromLatin1(type)));
                } else if (type == "moov") {
                    sawMoov = true;
                    readMoov(box, fp);
                } else {
                    sawMeta = true;
                    readMeta(box, source, fp);
                }
            }
        } else if (type == "mdat") {
            sawMdat = true;
        }
        pos += boxSize;
    }
    if (fp.mediaClass == u"video" && !sawMoov)
        fp.notes.append(sawMdat ? QStringLiteral("no movie header (moov) in the data: duration and size unknown")
                                : QStringLiteral("no movie header (moov) and no media data (mdat)"));
    if (fp.mediaClass == u"image" && !sawMeta)
        fp.notes.append(QStringLiteral("no HEIF meta box"));
}

} // namespace Uploads
