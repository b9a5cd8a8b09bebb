// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <memory>

/// IP → country (ISO 3166-1 alpha-2) from an MMDB file through libmaxminddb. The shipped database is
/// ip-location-db's geo-whois-asn-country: the *registration or geofeed* country of the address block, not
/// the physical location of a server (anycast and CDN blocks answer with the operator's country).
class GeoIpDatabase
{
public:
    GeoIpDatabase();
    ~GeoIpDatabase();
    GeoIpDatabase(const GeoIpDatabase&) = delete;
    GeoIpDatabase& operator=(const GeoIpDatabase&) = delete;

    bool open(const QString& path, QString* error);
    bool isOpen() const;
    /// The alpha-2 code (upper case), or an empty string for unknown, private and reserved addresses.
    QString country(const QString& address) const;
    /// The build date of the database (metadata build_epoch), as YYYY-MM-DD.
    QString buildDate() const;
    QString databaseType() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};
