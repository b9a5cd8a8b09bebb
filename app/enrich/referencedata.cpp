// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "referencedata.h"

#include "common/paths.h"

#include <QMutex>

namespace {
QMutex g_sharedMutex;
std::shared_ptr<const ReferenceData> g_shared;
} // namespace

ReferenceData::Sources ReferenceData::Sources::fromCatalogue(const RefDataCatalogue& catalogue)
{
    Sources s;
    s.catalogue = catalogue.datasets();
    s.geoIp = catalogue.path(QStringLiteral("geoip-country"));
    s.asn = catalogue.path(QStringLiteral("asn"));
    s.publicSuffix = catalogue.path(QStringLiteral("public-suffix-list"));
    s.trackerHosts = catalogue.path(QStringLiteral("tracker-hosts"));
    s.countries = catalogue.path(QStringLiteral("country-codes"));
    // The entity list carries its own name, version and licence; it need not be in the catalogue.
    s.entities = catalogue.path(QStringLiteral("entities"));
    if (s.entities.isEmpty())
        s.entities = Paths::dataFile(QStringLiteral("entities.json"));
    s.optionalListsDir = Paths::userDataDir();
    return s;
}

void ReferenceData::addUsed(const Sources& sources, const QString& id, const QString& fallbackName,
    const QString& version, const QString& license)
{
    DatasetInfo info;
    for (const DatasetInfo& d : sources.catalogue) {
        if (d.id == id)
            info = d;
    }
    info.id = id;
    if (info.name.isEmpty())
        info.name = fallbackName;
    if (info.version.isEmpty())
        info.version = version;
    if (info.license.isEmpty())
        info.license = license;
    m_used.push_back(info);
}

std::shared_ptr<const ReferenceData> ReferenceData::load(const Sources& s)
{
    auto data = std::make_shared<ReferenceData>();
    QString error;
    if (!s.geoIp.isEmpty() && data->m_geoIp.open(s.geoIp, &error))
        data->addUsed(
            s, QStringLiteral("geoip-country"), QStringLiteral("GeoIP country"), data->m_geoIp.buildDate(), QString());
    else
        data->m_problems.append(s.geoIp.isEmpty() ? QStringLiteral("no GeoIP country database") : error);
    if (!s.asn.isEmpty() && data->m_asn.load(s.asn, &error))
        data->addUsed(s, QStringLiteral("asn"), QStringLiteral("ASN database"), QString(), QString());
    else
        data->m_problems.append(s.asn.isEmpty() ? QStringLiteral("no ASN database") : error);
    error.clear();
    // libpsl always has a list (its built-in one) even when ours is missing.
    if (data->m_psl.load(s.publicSuffix, &error)) {
        if (s.publicSuffix.isEmpty() || !error.isEmpty()) {
            DatasetInfo info { QStringLiteral("public-suffix-list"),
                QStringLiteral("Public Suffix List (libpsl built-in)"), data->m_psl.version(),
                QStringLiteral("MPL-2.0"), QString(), QString(), QString(), QString(), false };
            data->m_used.push_back(info);
        } else {
            data->addUsed(s, QStringLiteral("public-suffix-list"), QStringLiteral("Public Suffix List"),
                data->m_psl.version(), QStringLiteral("MPL-2.0"));
        }
    }
    if (!error.isEmpty())
        data->m_problems.append(error);
    if (!s.trackerHosts.isEmpty() && data->m_trackers.load(s.trackerHosts, &error))
        data->addUsed(s, QStringLiteral("tracker-hosts"), QStringLiteral("EasyPrivacy + EasyList host rules"),
            QString(), QString());
    else
        data->m_problems.append(s.trackerHosts.isEmpty() ? QStringLiteral("no tracker host list") : error);
    if (!s.entities.isEmpty() && data->m_entities.load(s.entities, &error)) {
        DatasetInfo info;
        info.id = QStringLiteral("entities");
        info.name =
            data->m_entities.name().isEmpty() ? QStringLiteral("Leakscope entity list") : data->m_entities.name();
        info.version = data->m_entities.version();
        info.license = data->m_entities.license();
        info.file = s.entities.section(u'/', -1);
        data->m_used.push_back(info);
    } else {
        data->m_problems.append(s.entities.isEmpty() ? QStringLiteral("no entity list (entities.json)") : error);
    }
    if (!s.countries.isEmpty() && data->m_countries.load(s.countries, &error))
        data->addUsed(s, QStringLiteral("country-codes"), QStringLiteral("ISO 3166-1 codes (Debian iso-codes)"),
            QString(), QStringLiteral("LGPL-2.1-or-later"));
    else
        data->m_problems.append(s.countries.isEmpty() ? QStringLiteral("no country code table") : error);
    const QStringList optional = data->m_optional.load(s.optionalListsDir);
    static const char* const ids[] = { "ddg-tracker-blocklist", "disconnect-services", "ghostery-trackerdb" };
    for (const QString& name : optional) {
        const int i = name.startsWith(QLatin1String("DuckDuckGo")) ? 0
            : name.startsWith(QLatin1String("Disconnect"))         ? 1
                                                                   : 2;
        data->addUsed(s, QLatin1String(ids[i]), name, QString(), QStringLiteral("CC-BY-NC-SA-4.0"));
    }
    return data;
}

std::shared_ptr<const ReferenceData> ReferenceData::shared()
{
    QMutexLocker lock(&g_sharedMutex);
    if (!g_shared)
        g_shared = load(Sources::fromCatalogue(RefDataCatalogue::load()));
    return g_shared;
}

void ReferenceData::invalidate()
{
    QMutexLocker lock(&g_sharedMutex);
    g_shared.reset();
}
