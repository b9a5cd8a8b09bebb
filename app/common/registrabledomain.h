// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

/// Public Suffix List look-ups (libpsl, the newer of its built-in list and Debian's `publicsuffix` file).
/// Small on purpose: the detect pass needs a registrable domain per host before the enrich pass exists, and
/// email validation needs "is this a real top-level domain". The enrich module may replace the data source.
namespace RegistrableDomain {

/// "a.b.example.co.uk" → "example.co.uk"; an IP address or a host without a registrable part (a bare public
/// suffix, "localhost") is returned as it is, lowercased.
QString of(const QString& host);

/// True when `suffix` (lowercase ASCII, no leading dot) is a public suffix of the list, without wildcard
/// guessing: "com", "co.uk", "org" are; "png", "2x", "local" are not.
bool isPublicSuffix(QByteArrayView suffix);

/// "PSL <date of the list>" for the reference-data notes.
QString listVersion();

} // namespace RegistrableDomain
