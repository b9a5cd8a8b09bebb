// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapdroid.h"

#include "bytes.h"

namespace Packet::Pcapdroid {

bool parseTrailer(const uint8_t* frame, size_t length, Trailer& out)
{
    if (length < 14 + 20 + 32)
        return false;
    const uint8_t* t = frame + length - 32;
    if (be32(t) != kTrailerMagic)
        return false;
    out.uid = static_cast<int32_t>(be32(t + 4));
    size_t n = 0;
    while (n < 20 && t[8 + n] != 0)
        ++n;
    out.name = reinterpret_cast<const char*>(t + 8);
    out.nameLength = n;
    return true;
}

bool parseUidMapping(const uint8_t* body, size_t length, bool bigEndian, UidMapping& out)
{
    // u16 version, u8 type, u8 pad, i32 uid, u8 package length, u8 name length, package, name.
    if (length < 10)
        return false;
    const uint16_t version = bigEndian ? be16(body) : le16(body);
    if (version != 1 || body[2] != 1)
        return false;
    out.uid = static_cast<int32_t>(bigEndian ? be32(body + 4) : le32(body + 4));
    const size_t packageLength = body[8];
    const size_t nameLength = body[9];
    if (10 + packageLength + nameLength > length)
        return false;
    out.package = QString::fromUtf8(reinterpret_cast<const char*>(body + 10), static_cast<qsizetype>(packageLength));
    out.name =
        QString::fromUtf8(reinterpret_cast<const char*>(body + 10 + packageLength), static_cast<qsizetype>(nameLength));
    return true;
}

bool parseUidComment(QByteArrayView comment, int& uid)
{
    if (comment.size() < 3 || comment[0] != 'u' || comment[1] != '-')
        return false;
    bool ok = false;
    const int value = comment.sliced(2).trimmed().toInt(&ok);
    if (!ok)
        return false;
    uid = value;
    return true;
}

QString reason(int uid)
{
    return QStringLiteral("PCAPdroid UID %1").arg(uid);
}

} // namespace Packet::Pcapdroid
