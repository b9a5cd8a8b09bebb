// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipaddress.h"

#ifdef Q_OS_WIN
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#endif

#include <cstring>

namespace IpAddress {

namespace {

QByteArray strip(QStringView text)
{
    QStringView t = text.trimmed();
    if (t.startsWith(u'[') && t.endsWith(u']'))
        t = t.sliced(1, t.size() - 2);
    if (const qsizetype zone = t.indexOf(u'%'); zone > 0)
        t = t.first(zone);
    return t.toLatin1();
}

} // namespace

bool isLiteral(QStringView text)
{
    const QByteArray s = strip(text);
    unsigned char buf[16];
    return !s.isEmpty()
        && (inet_pton(AF_INET, s.constData(), buf) == 1 || inet_pton(AF_INET6, s.constData(), buf) == 1);
}

QString fromBytes(QByteArrayView bytes)
{
    char out[INET6_ADDRSTRLEN] = {};
    if (bytes.size() == 4 && inet_ntop(AF_INET, bytes.data(), out, sizeof out))
        return QString::fromLatin1(out);
    if (bytes.size() == 16) {
        static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF };
        if (memcmp(bytes.data(), mapped, 12) == 0)
            return fromBytes(bytes.sliced(12));
        if (inet_ntop(AF_INET6, bytes.data(), out, sizeof out))
            return QString::fromLatin1(out);
    }
    return {};
}

QString normalise(QStringView text)
{
    const QByteArray s = strip(text);
    unsigned char buf[16];
    if (!s.isEmpty() && inet_pton(AF_INET, s.constData(), buf) == 1)
        return fromBytes(QByteArrayView(reinterpret_cast<const char*>(buf), 4));
    if (!s.isEmpty() && inet_pton(AF_INET6, s.constData(), buf) == 1)
        return fromBytes(QByteArrayView(reinterpret_cast<const char*>(buf), 16));
    return text.trimmed().toString();
}

} // namespace IpAddress
