// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipaddress.h"

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#endif

#include <algorithm>
#include <cstring>

std::optional<IpAddress> IpAddress::parse(const QString& input)
{
    QString text = input.trimmed();
    if (text.startsWith(u'[') && text.endsWith(u']'))
        text = text.mid(1, text.size() - 2);
    if (const qsizetype zone = text.indexOf(u'%'); zone > 0)
        text.truncate(zone); // a link-local scope ("fe80::1%eth0") names an interface, not part of the address
    if (text.isEmpty() || text.size() > 64)
        return std::nullopt;
    const QByteArray latin = text.toLatin1();
    IpAddress a;
    unsigned char buffer[16] = {};
    if (inet_pton(AF_INET, latin.constData(), buffer) == 1) {
        a.v4 = true;
        std::copy(buffer, buffer + 4, a.bytes.begin());
        return a;
    }
    if (inet_pton(AF_INET6, latin.constData(), buffer) == 1) {
        static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
        if (std::memcmp(buffer, mapped, 12) == 0) {
            a.v4 = true;
            std::copy(buffer + 12, buffer + 16, a.bytes.begin());
            return a;
        }
        std::copy(buffer, buffer + 16, a.bytes.begin());
        return a;
    }
    return std::nullopt;
}

QString IpAddress::toString() const
{
    char out[64] = {};
    if (!inet_ntop(v4 ? AF_INET : AF_INET6, bytes.data(), out, sizeof out))
        return {};
    return QString::fromLatin1(out);
}

bool IpAddress::isGlobal() const
{
    struct Range
    {
        quint32 network;
        int bits;
    };
    if (v4) {
        static const Range special[] = {
            { 0x00000000, 8 },
            { 0x0A000000, 8 },
            { 0x64400000, 10 },
            { 0x7F000000, 8 },
            { 0xA9FE0000, 16 },
            { 0xAC100000, 12 },
            { 0xC0000000, 24 },
            { 0xC0000200, 24 },
            { 0xC0586300, 24 },
            { 0xC0A80000, 16 },
            { 0xC6120000, 15 },
            { 0xC6336400, 24 },
            { 0xCB007100, 24 },
            { 0xE0000000, 4 },
            { 0xF0000000, 4 },
        };
        const quint32 a = v4Value();
        for (const Range& r : special) {
            const quint32 mask = r.bits == 0 ? 0 : ~quint32(0) << (32 - r.bits);
            if ((a & mask) == r.network)
                return false;
        }
        return true;
    }
    // IPv6: global unicast is 2000::/3, minus documentation (2001:db8::/32), ORCHID and the IETF block
    // 2001::/23 (whose Teredo part carries no location either).
    if ((bytes[0] & 0xE0) != 0x20)
        return false;
    if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8)
        return false;
    if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] < 0x02)
        return false;
    return true;
}

bool IpAddress::isLiteral(QStringView text)
{
    return parse(text.toString()).has_value();
}

QString IpAddress::normalise(QStringView text)
{
    const auto a = parse(text.toString());
    return a ? a->toString() : text.trimmed().toString();
}

QString IpAddress::fromBytes(QByteArrayView bytes)
{
    IpAddress a;
    if (bytes.size() == 4) {
        a.v4 = true;
        std::copy(bytes.begin(), bytes.end(), a.bytes.begin());
        return a.toString();
    }
    if (bytes.size() == 16) {
        static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
        if (std::memcmp(bytes.data(), mapped, 12) == 0)
            return fromBytes(bytes.sliced(12));
        std::copy(bytes.begin(), bytes.end(), a.bytes.begin());
        return a.toString();
    }
    return {};
}
