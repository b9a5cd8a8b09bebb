// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

/// IP address text as the importers need it, without QtNetwork (the core links QtCore only).
namespace IpAddress {

/// True for an IPv4 or IPv6 literal ("10.0.0.1", "2001:db8::1", "[::1]").
bool isLiteral(QStringView text);

/// The canonical text of an address: brackets and an IPv6 zone dropped, IPv6 compressed and lowercase,
/// IPv4-mapped IPv6 ("::ffff:10.0.0.1", how dual-stack sockets report IPv4 peers) turned into IPv4. Text
/// that is not an address is returned trimmed, unchanged.
QString normalise(QStringView text);

/// 4 or 16 network-order bytes (DNS A/AAAA data) as text; empty for any other length.
QString fromBytes(QByteArrayView bytes);

} // namespace IpAddress
