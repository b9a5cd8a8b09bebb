// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "geoipdatabase.h"

#include "common/ipaddress.h"

#include <QDateTime>
#include <QFile>

#include <maxminddb.h>

struct GeoIpDatabase::Private
{
    MMDB_s mmdb {};
    bool open = false;
};

GeoIpDatabase::GeoIpDatabase()
    : d(std::make_unique<Private>())
{ }

GeoIpDatabase::~GeoIpDatabase()
{
    if (d->open)
        MMDB_close(&d->mmdb);
}

bool GeoIpDatabase::open(const QString& path, QString* error)
{
    if (d->open)
        MMDB_close(&d->mmdb);
    d->open = false;
    const int status = MMDB_open(QFile::encodeName(path).constData(), MMDB_MODE_MMAP, &d->mmdb);
    if (status != MMDB_SUCCESS) {
        *error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(MMDB_strerror(status)));
        return false;
    }
    d->open = true;
    return true;
}

bool GeoIpDatabase::isOpen() const
{
    return d->open;
}

QString GeoIpDatabase::country(const QString& address) const
{
    if (!d->open)
        return {};
    // Parsed by Qt first: libmaxminddb would hand anything else to getaddrinfo(), and a name must never be
    // resolved (that would be a DNS query).
    const auto parsed = IpAddress::parse(address);
    // Private and reserved blocks have no country, whatever a database file says about them.
    if (!parsed || !parsed->isGlobal())
        return {};
    const QByteArray text = parsed->toString().toLatin1();
    int gaiError = 0;
    int mmdbError = MMDB_SUCCESS;
    MMDB_lookup_result_s result = MMDB_lookup_string(&d->mmdb, text.constData(), &gaiError, &mmdbError);
    if (gaiError != 0 || mmdbError != MMDB_SUCCESS || !result.found_entry)
        return {};
    MMDB_entry_data_s data {};
    if (MMDB_get_value(&result.entry, &data, "country_code", nullptr) != MMDB_SUCCESS || !data.has_data
        || data.type != MMDB_DATA_TYPE_UTF8_STRING)
        return {};
    return QString::fromUtf8(data.utf8_string, static_cast<qsizetype>(data.data_size)).toUpper();
}

QString GeoIpDatabase::buildDate() const
{
    if (!d->open)
        return {};
    return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(d->mmdb.metadata.build_epoch), Qt::UTC)
        .date()
        .toString(Qt::ISODate);
}

QString GeoIpDatabase::databaseType() const
{
    return d->open && d->mmdb.metadata.database_type ? QString::fromUtf8(d->mmdb.metadata.database_type) : QString();
}
