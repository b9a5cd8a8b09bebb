// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// Networks whose addresses are anycast or CDN edges: for them the GeoIP country is where the block is
/// registered, and the server that answered was most likely near the device. The destination then carries
/// a caveat instead of a confident "this data went to country X".
namespace CdnNetworks {

/// The CDN/anycast operator running this AS ("Cloudflare"), or an empty string.
QString operatorFor(quint32 asn);

/// True for entity categories that describe CDN or hosting companies.
bool isCdnCategory(const QString& categoryId);

/// The caveat shown next to such destinations.
QString caveat();

} // namespace CdnNetworks
