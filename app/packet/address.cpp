// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "address.h"

#include <QStringList>

namespace Packet {

// Written by hand instead of inet_ntop/inet_pton: those live in platform socket headers (winsock on Windows),
// and the core library stays free of them. The output matches inet_ntop on Linux and Wireshark.
QString Address::toString() const
{
    if (family == 4)
        return QStringLiteral("%1.%2.%3.%4").arg(bytes[0]).arg(bytes[1]).arg(bytes[2]).arg(bytes[3]);
    if (family != 6)
        return {};
    uint16_t g[8];
    for (int i = 0; i < 8; ++i)
        g[i] = static_cast<uint16_t>((bytes[2 * i] << 8) | bytes[2 * i + 1]);
    // IPv4-mapped addresses keep their dotted tail.
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff)
        return QStringLiteral("::ffff:%1.%2.%3.%4").arg(bytes[12]).arg(bytes[13]).arg(bytes[14]).arg(bytes[15]);
    int bestStart = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
        if (g[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && g[j] == 0)
            ++j;
        if (j - i > bestLen && j - i >= 2) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    QString out;
    out.reserve(40);
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            out += QStringLiteral("::");
            i += bestLen - 1;
            continue;
        }
        if (!out.isEmpty() && !out.endsWith(u':'))
            out += u':';
        out += QString::number(g[i], 16);
    }
    return out;
}

Address Address::fromString(QStringView text)
{
    Address a;
    if (text.contains(u':')) {
        // Split around "::"; each side is a list of hex groups, the last may be a dotted quad.
        const qsizetype dc = text.indexOf(QStringLiteral("::"));
        auto parseGroups = [](QStringView part, std::vector<uint16_t>& out) {
            if (part.isEmpty())
                return true;
            const auto items = part.split(u':');
            for (qsizetype i = 0; i < items.size(); ++i) {
                const QStringView item = items[i];
                if (item.contains(u'.') && i == items.size() - 1) {
                    const Address v4 = fromString(item);
                    if (v4.family != 4)
                        return false;
                    out.push_back(static_cast<uint16_t>((v4.bytes[0] << 8) | v4.bytes[1]));
                    out.push_back(static_cast<uint16_t>((v4.bytes[2] << 8) | v4.bytes[3]));
                    continue;
                }
                bool ok = false;
                const uint v = item.toUInt(&ok, 16);
                if (!ok || item.size() > 4 || v > 0xffff)
                    return false;
                out.push_back(static_cast<uint16_t>(v));
            }
            return true;
        };
        std::vector<uint16_t> head, tail;
        if (dc >= 0) {
            if (!parseGroups(text.first(dc), head) || !parseGroups(text.sliced(dc + 2), tail)
                || head.size() + tail.size() > 7)
                return {};
        } else if (!parseGroups(text, head) || head.size() != 8) {
            return {};
        }
        uint16_t g[8] = {};
        for (size_t i = 0; i < head.size(); ++i)
            g[i] = head[i];
        for (size_t i = 0; i < tail.size(); ++i)
            g[8 - tail.size() + i] = tail[i];
        for (int i = 0; i < 8; ++i) {
            a.bytes[2 * i] = static_cast<uint8_t>(g[i] >> 8);
            a.bytes[2 * i + 1] = static_cast<uint8_t>(g[i] & 0xff);
        }
        a.family = 6;
        return a;
    }
    const auto parts = text.split(u'.');
    if (parts.size() != 4)
        return {};
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        const uint v = parts[i].toUInt(&ok, 10);
        if (!ok || v > 255 || parts[i].isEmpty())
            return {};
        a.bytes[i] = static_cast<uint8_t>(v);
    }
    a.family = 4;
    return a;
}

} // namespace Packet
