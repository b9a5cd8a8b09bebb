// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrich/destinationquery.h"
#include "reportsections.h"
#include "store/investigation.h"

#include <QJsonObject>
#include <QLocale>
#include <QSet>

#include <map>

namespace Report::Sections {

namespace {

struct CountryHosts
{
    QStringList hosts;
    QSet<QString> cdns;
    int cdnHosts = 0;
};

QString hostList(const Context& c, const QStringList& hosts, int limit = 6)
{
    QStringList shown;
    for (int i = 0; i < hosts.size() && i < limit; ++i)
        shown << c.text(hosts.at(i), 200);
    QString text = shown.join(QStringLiteral(", "));
    if (hosts.size() > limit)
        text += QStringLiteral(" and %1 more").arg(hosts.size() - limit);
    return text;
}

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString percent(qint64 part, qint64 whole)
{
    return whole > 0 ? QString::number(100.0 * double(part) / double(whole), 'f', 0) + u'%' : QStringLiteral("0%");
}

} // namespace

Contribution countries(Context& c)
{
    Contribution out;
    Database& db = c.investigation.db();
    if (!DestinationQuery::available(db))
        return out;
    out.blocks.push_back(Heading { 2, QStringLiteral("Server countries") });
    out.blocks.push_back(Paragraph { QStringLiteral(
        "Where the servers that received the data are, by the GeoIP location of their addresses. This is a different "
        "question from where the company is: a company in one country may run servers in many. Content delivery and "
        "anycast networks (Cloudflare, Akamai, Google, Amazon CloudFront …) answer from a server near the device, so "
        "for their hosts the country says little about where the data is stored or processed.") });

    const DestinationQuery::Snapshot snapshot = DestinationQuery::loadWithCountries(db, c.options.filter);
    const std::map<QString, Data::CountryTraffic>& traffic = snapshot.countries;
    std::map<QString, CountryHosts> hosts;
    for (const Data::DestinationRow& d : snapshot.destinations) {
        const QStringList codes = d.countries.isEmpty() ? QStringList { QString() } : d.countries;
        for (const QString& code : codes) {
            CountryHosts& h = hosts[code];
            if (!h.hosts.contains(d.destination->host))
                h.hosts << d.destination->host;
            if (!d.destination->cdn.isEmpty()) {
                ++h.cdnHosts;
                h.cdns.insert(d.destination->cdn);
            }
        }
    }
    std::vector<std::pair<QString, Data::CountryTraffic>> rows(traffic.begin(), traffic.end());
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        if (a.first.isEmpty() != b.first.isEmpty())
            return b.first.isEmpty(); // unknown last
        return a.second.bytesSent != b.second.bytesSent ? a.second.bytesSent > b.second.bytesSent : a.first < b.first;
    });
    qint64 totalSent = 0;
    for (const auto& [code, t] : rows)
        totalSent += t.bytesSent;

    // The map first: shaded by bytes sent (same scale and colours as the window's map).
    QJsonObject values;
    for (const auto& [code, t] : rows) {
        if (!code.isEmpty() && t.bytesSent > 0)
            values.insert(code, static_cast<double>(t.bytesSent));
    }
    if (!values.isEmpty()) {
        Figure map;
        map.kind = QStringLiteral("map");
        map.data = QJsonObject { { QStringLiteral("values"), values } };
        map.caption =
            QStringLiteral("Countries where the servers that received data from %1 are located, shaded by bytes sent "
                           "(logarithmic scale: the darker, the more). Server location by GeoIP; see the caveat about "
                           "CDN networks above.")
                .arg(c.part.isEmpty() ? (c.appLabel == u"all apps" ? QStringLiteral("the apps") : c.appLabel) : c.part);
        map.heightRatio = 0.5;
        out.blocks.push_back(map);
    }

    Table table;
    table.caption = QStringLiteral("Server countries, by bytes sent");
    table.headers = { QStringLiteral("Country"), QStringLiteral("Bytes sent"), QStringLiteral("Share"),
        QStringLiteral("Requests"), QStringLiteral("Hosts"), QStringLiteral("CDN caveat") };
    table.columnWeights = { 2.2, 1.4, 0.9, 1.1, 4.5, 2.6 };
    table.emptyText = QStringLiteral("No server address in the captures could be located.");
    int located = 0;
    QStringList cdnCountries;
    for (const auto& [code, t] : rows) {
        const CountryHosts h = hosts.count(code) ? hosts.at(code) : CountryHosts {};
        QString caveat = QStringLiteral("–");
        if (h.cdnHosts > 0) {
            QStringList names = h.cdns.values();
            names.sort();
            caveat = QStringLiteral("%1 of %2 hosts on CDN/anycast networks (%3): location uncertain")
                         .arg(h.cdnHosts)
                         .arg(h.hosts.size())
                         .arg(names.join(QStringLiteral(", ")));
            if (!code.isEmpty())
                cdnCountries << Context::countryName(code);
        }
        table.rows.push_back(
            { code.isEmpty() ? QStringLiteral("Unknown (no GeoIP match, or address not in the capture)")
                             : QStringLiteral("%1 (%2)").arg(Context::countryName(code), code),
                QString::number(t.bytesSent), percent(t.bytesSent, totalSent), QString::number(t.requests),
                hostList(c, h.hosts), caveat });
        if (!code.isEmpty())
            ++located;
    }
    out.blocks.push_back(table);

    if (located > 0) {
        // Countries named with their share of the located bytes; bytes to unlocated servers said separately.
        qint64 locatedBytes = 0;
        QStringList named;
        for (const auto& [code, t] : rows) {
            if (!code.isEmpty())
                locatedBytes += t.bytesSent;
        }
        for (const auto& [code, t] : rows) {
            if (!code.isEmpty() && named.size() < 4)
                named << QStringLiteral("%1 (%2)").arg(Context::countryName(code), sizeText(t.bytesSent));
        }
        if (located > named.size())
            named << QStringLiteral("%1 more").arg(located - named.size());
        const QString last = named.size() > 1 ? named.takeLast() : QString();
        QString sentence =
            QStringLiteral("Servers in %1 %2 received the data: %3%4.")
                .arg(located)
                .arg(located == 1 ? QStringLiteral("country") : QStringLiteral("countries"),
                    named.join(QStringLiteral(", ")), last.isEmpty() ? QString() : QStringLiteral(" and ") + last);
        if (totalSent > locatedBytes)
            sentence += QStringLiteral(" The servers that received the other %1 of the bytes could not be located.")
                            .arg(percent(totalSent - locatedBytes, totalSent));
        out.summary << sentence;
        if (!cdnCountries.isEmpty())
            out.summary << QStringLiteral(
                "Some servers in %1 belong to CDN or anycast networks, so their location says little about where "
                "the data is processed.")
                               .arg(cdnCountries.join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace Report::Sections
