// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

class Database;
class FlowFacets;

namespace Data {

/// One destination (app × host) with its three layers, as the enrich pass stored it: the same whatever the filter.
struct Destination
{
    qint64 id = 0;
    qint64 appId = 0;
    QString app; ///< empty = unattributed
    QString host;
    QString registrableDomain; ///< ICANN + PRIVATE rules (grouping)
    QString ownerDomain; ///< ICANN rules (ownership)
    QString entityId;
    QString entityName;
    QString entityLegalName;
    QString entityCategory;
    QString rootEntityId;
    QString rootEntityName;
    QString hqCountry;
    QString legalDomicile;
    QString trackerCategory;
    int firstParty = -1; ///< 1 first party, 0 third party, -1 unknown (no owner inferred for the app)
    QString firstPartyReason;
    quint32 asn = 0;
    QString asOrg;
    QString cdn; ///< CDN/anycast operator when the network is one (caveat!)
    QString listOwner; ///< owner per a non-commercial list the user downloaded, when the entity list has none
    QString listOwnerSource; ///< which list said so
};

/// A destination with its traffic, as the Destinations page, the map and the export read it. Traffic counts,
/// addresses and countries respect the filter they were queried with. The destination's own columns are shared
/// between the answers of every filter, not copied: an answer can hold tens of thousands of rows, and a change of
/// filter makes a new one.
struct DestinationRow
{
    std::shared_ptr<const Destination> destination; ///< never null in a query's answer
    QStringList ips;
    QStringList countries; ///< by bytes sent, most first
    qint64 requests = 0;
    qint64 connections = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    Timestamp firstSeen = 0;
    Timestamp lastSeen = 0;
    bool encryptedOnly = false;
};

/// Traffic to one country (server location by GeoIP).
struct CountryTraffic
{
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    qint64 requests = 0;
};

} // namespace Data

Q_DECLARE_METATYPE(Data::DestinationRow)

/// Typed reads of the enrich pass's tables (SQL stays here, not in pages or the exporter).
namespace DestinationQuery {

/// The host a flow's (or connection's) destination is keyed by, with its app: the request's host, else the TLS
/// server name, else the server address, normalised. The enrich pass groups by it; the detect pass stores it
/// with each finding so the Data page can name a finding's company without a join per finding.
QString hostOf(const QString& host, const QString& sni, const QString& serverIp);

/// False when the investigation was never analysed (the tables do not exist yet).
bool available(Database& db);

/// Destinations with traffic matching `filter`, ordered by app, bytes sent (most first), host. With `facets` (of
/// the same data), the traffic is summed from them when they answer the filter: the same rows, faster.
std::vector<Data::DestinationRow> load(
    Database& db, const Data::Filter& filter = {}, const FlowFacets* facets = nullptr);

/// Bytes and requests per server country (alpha-2) for the filter; "" collects traffic of unknown country.
std::map<QString, Data::CountryTraffic> countryTraffic(Database& db, const Data::Filter& filter = {});

/// Both of the above from one pass over the flows (what the map page shows). With Addresses::Omitted the rows'
/// `ips` and `countries` stay empty: a caller that needs only the sums saves their lists (tens of thousands).
struct Snapshot
{
    std::vector<Data::DestinationRow> destinations;
    std::map<QString, Data::CountryTraffic> countries;
};
enum class Addresses
{
    Listed,
    Omitted
};
Snapshot loadWithCountries(Database& db, const Data::Filter& filter = {}, const FlowFacets* facets = nullptr,
    Addresses addresses = Addresses::Listed);

/// Every destination's own columns (names, company, network, party), without traffic, in table order.
std::vector<Data::Destination> destinationsWithoutTraffic(Database& db);

/// Stores the traffic per destination, capture, address and server country (destination_traffic), from which
/// the queries above answer filters on apps, captures, countries and companies without reading every flow. The
/// enrich pass calls it once its link tables are written; the aggregation is the one the filtered queries run.
void writeTrafficRollup(Database& db);

struct UsedDataset
{
    QString name;
    QString version;
    QString license;
};
/// The reference data recorded in the investigation by the analyses that used it.
std::vector<UsedDataset> referenceDataUsed(Database& db);

} // namespace DestinationQuery
