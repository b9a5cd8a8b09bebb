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
