// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

#include <array>
#include <optional>

/// An IPv4 or IPv6 address parsed from text, without QtNetwork (the engine links QtCore only) and without
/// ever resolving a name: inet_pton accepts numeric addresses and nothing else.
struct IpAddress
{
    bool v4 = false;
    std::array<quint8, 16> bytes {}; ///< IPv4 in the first four bytes
    quint32 v4Value() const
    {
        return (quint32(bytes[0]) << 24) | (quint32(bytes[1]) << 16) | (quint32(bytes[2]) << 8) | bytes[3];
    }
    /// Parses "1.2.3.4", "2001:db8::1", "[2001:db8::1]"; an IPv4-mapped IPv6 address becomes IPv4.
    static std::optional<IpAddress> parse(const QString& text);
    /// False for addresses that are not on the public internet (private, loopback, link-local, documentation,
    /// shared, multicast, reserved; IANA special-purpose registries): no country or network describes them.
    bool isGlobal() const;
    /// The canonical text form (inet_ntop).
    QString toString() const;

    /// True for an IPv4 or IPv6 literal ("10.0.0.1", "2001:db8::1", "[::1]", "fe80::1%eth0").
    static bool isLiteral(QStringView text);
    /// The canonical text of an address: brackets and an IPv6 zone dropped, IPv6 compressed and lowercase,
    /// IPv4-mapped IPv6 ("::ffff:10.0.0.1", how dual-stack sockets report IPv4 peers) turned into IPv4. Text
    /// that is not an address is returned trimmed, unchanged.
    static QString normalise(QStringView text);
    /// 4 or 16 network-order bytes (DNS A/AAAA data) as text; empty for any other length.
    static QString fromBytes(QByteArrayView bytes);
};
