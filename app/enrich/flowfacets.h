// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"
#include "destinationquery.h"
#include "detect/findingstore.h"
#include "store/coveragequery.h"

#include <QByteArray>
#include <QHash>
#include <QPair>
#include <QStringList>

#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

class Database;
class Statement;

/// What the dashboard filters flows, connections and findings by, held in memory as compact columns: time, app,
/// capture, destination, server address and country, bytes, and the categories of personal data each request
/// carried; and the destinations' own columns.
///
/// Why by hand and not SQL: on a million flows, each filter change made SQLite read a million rows (or build a
/// list of a few hundred thousand ids and sort them): 0.3–2.6 s per page (bench_ui). Loaded once per data change
/// (1.5–2 s there, about 70 bytes a flow), the same answers take one pass over arrays: milliseconds (bench_facets).
/// The answers are exactly those of the SQL queries (FlowQuery::ids, FindingStore::ids, DestinationQuery;
/// tst_flowfacets compares them on every filter). A text filter is answered once prepare() has found the text's
/// flows and findings (by the search index, TextSearch::find); filters on hosts are not held here, and callers use
/// SQL for them.
class FlowFacets
{
public:
    /// Reads the facets of every flow and connection. Null when the investigation has not been analysed yet,
    /// when `cancelled` says so, or when an id does not fit the compact columns (the callers then use SQL).
    /// With Connections::Two the destinations and request findings are read on a second connection to the same
    /// file, on a second thread (the same answers, ~1.5x sooner; One is for comparing, and is what happens when the
    /// file changed between the two connections' snapshots or a second cannot be opened).
    enum class Connections
    {
        One,
        Two
    };
    static std::shared_ptr<const FlowFacets> load(
        Database& db, const std::function<bool()>& cancelled = {}, Connections connections = Connections::Two);

    /// True when the filter names only what the facets hold: apps, captures, time range, server countries,
    /// companies, categories and confidence (not text or hosts).
    static bool answers(const Data::Filter& filter);

    /// Readies the facets for `filter` and says whether they answer it: as answers(), and a text filter too once
    /// its matching flows and findings are found (by TextSearch::find on `db`, once per text: other threads asking
    /// for the same text meanwhile wait for that search, and the last few texts are kept). Call it on the thread
    /// that then asks flowIds(), traffic() or findingIds() with the filter.
    bool prepare(Database& db, const Data::Filter& filter) const;

    /// The ids of the flows matching the filter, by start time then id (descending: the reverse), as
    /// FlowQuery::ids returns them for SortKey::Time.
    std::vector<qint64> flowIds(const Data::Filter& filter, bool descending) const;

    /// Traffic matching the filter, summed per destination, server address, country and kind: the groups the
    /// per-flow SQL aggregation of DestinationQuery produces (kinds: 0 flows, 1 connections counted on their
    /// own, 2 connections whose flows are counted already).
    struct TrafficGroup
    {
        qint64 destinationId = 0;
        QString ip; ///< null when unknown
        QString country; ///< null when unknown
        int kind = 0;
        qint64 items = 0;
        qint64 bytesSent = 0;
        qint64 bytesReceived = 0;
        Data::Timestamp first = 0; ///< earliest positive start, 0 when none
        Data::Timestamp last = 0;
        qint64 readable = 0;
        qint64 encrypted = 0;
    };
    std::vector<TrafficGroup> traffic(const Data::Filter& filter) const;

    /// The ids of the request findings matching the filter and the Data page's own narrowing (a category, a
    /// minimum stored confidence; 0 for any), by time then id (descending: the reverse), as FindingStore::ids
    /// returns them for SortKey::Time without a party.
    std::vector<qint64> findingIds(
        const Data::Filter& filter, const QString& category, int minConfidence, bool descending) const;

    /// The request findings matching the filter per category and party, as FindingStore::matrix counts them (the
    /// Data page's chart).
    std::vector<Data::MatrixCell> matrix(const Data::Filter& filter) const;

    /// The request findings matching the filter per category, app and destination host, as
    /// FindingStore::categoryHosts counts them (the Overview's categories), in no particular order.
    std::vector<Data::CategoryHostCell> categoryHosts(const Data::Filter& filter) const;

    /// What of the matching traffic could be read, as CoverageQuery::measure counts it (the Overview's coverage).
    Data::Coverage coverage(const Data::Filter& filter) const;

    /// A column as text: a null QString only for SQL NULL (an empty text is an empty, non-null QString).
    static QString textOrNull(Statement& st, int column);

    /// A destination's own columns (no traffic), null for an id without a destination row, with its place among
    /// all destinations in DestinationQuery's order less the traffic: the rank of its app's name, and its rank by
    /// app, host and id.
    struct RankedDestination
    {
        std::shared_ptr<const Data::Destination> destination;
        qint32 appRank = 0;
        qint32 rank = 0;
    };
    RankedDestination rankedDestination(qint64 id) const;

    size_t flowCount() const
    {
        return m_flowId.size();
    }

private:
    struct Matcher;
    void rankDestinations();
    /// A destination's company by its app and host (the rows' root company, else their company).
    using CompanyOfDestination = QHash<QPair<qint64, QString>, QString>;
    /// Fills the destinations' columns (m_destination*, m_companies) and `companyOf`.
    void readDestinations(Database& db, CompanyOfDestination& companyOf);
    /// Fills the request findings' own columns in time then id order (m_finding* but m_findingFlow, which needs the
    /// flows; their categories, parties and places) and their flows' ids in the same order. False when cancelled
    /// or an id does not fit.
    bool readFindings(Database& db, const CompanyOfDestination& companyOf, const std::function<bool()>& cancelled,
        std::vector<qint64>& flowIds);
    static qint64 timeOf(Statement& st, int column); ///< kNoTime for NULL
    /// A text's matches, by position in the flow and finding columns.
    struct TextMatch
    {
        std::vector<char> flows;
        std::vector<char> findings;
    };
    /// The kept matches of `text`, searched first with `db` when not kept (null `db`: only look). Null when the
    /// search failed.
    std::shared_ptr<const TextMatch> textMatch(Database* db, const QString& text) const;
    static constexpr size_t kTextsKept = 8; ///< more than the query threads could prepare between two calls
    static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min(); ///< SQL NULL; sorts first, like NULL

    // Flows, in start time then id order. Interned values are indexes (-1: NULL, or no destination link).
    std::vector<qint64> m_flowId;
    std::vector<qint64> m_flowStart;
    std::vector<qint64> m_flowEnd;
    std::vector<qint32> m_flowApp;
    std::vector<qint32> m_flowCapture;
    std::vector<qint32> m_flowDestination; ///< dense index into m_destinationId
    std::vector<qint32> m_flowIp;
    std::vector<qint32> m_flowCountry;
    std::vector<qint64> m_flowSent;
    std::vector<qint64> m_flowReceived;
    std::vector<quint8> m_flowReadable;
    std::vector<quint8> m_flowBodyMissing;
    // The request findings of flow i: m_findings[m_findingStart[i] .. m_findingStart[i + 1]).
    std::vector<quint32> m_findingStart;
    struct Finding
    {
        qint32 category;
        qint32 confidence;
    };
    std::vector<Finding> m_findings;

    // Every request finding, in time then id order, with its own app, capture and time, and its flow's position
    // (-1 when the flow is gone) for the destination conditions.
    std::vector<qint64> m_findingId;
    std::vector<qint64> m_findingTime;
    std::vector<qint32> m_findingApp;
    std::vector<qint32> m_findingCapture;
    std::vector<qint32> m_findingFlow;
    std::vector<Finding> m_findingValue;
    std::vector<qint32> m_findingParty; ///< index into m_parties
    std::vector<qint32> m_findingPlace; ///< its app and destination host: index into m_placeApp, m_placeHost

    // The apps and destination hosts of the request findings, each pair once (the Overview's categories).
    std::vector<qint64> m_placeApp; ///< 0 for NULL
    std::vector<qint32> m_placeHost; ///< index into m_hostNames, -1 NULL

    // Every connection; those without a destination link (m_connectionDestination -1) have no traffic.
    std::vector<qint32> m_connectionApp;
    std::vector<qint32> m_connectionCapture;
    std::vector<qint64> m_connectionFirst;
    std::vector<qint64> m_connectionLast;
    std::vector<qint32> m_connectionDestination;
    std::vector<qint32> m_connectionIp;
    std::vector<qint32> m_connectionCountry;
    std::vector<qint64> m_connectionSent;
    std::vector<qint64> m_connectionReceived;
    std::vector<quint8> m_connectionCounted;
    std::vector<quint8> m_connectionEncrypted;
    std::vector<quint8> m_connectionRead; ///< a request of it is in the flows table
    std::vector<qint64> m_connectionBytesUp;

    std::vector<qint64> m_destinationId;
    /// By dense index; null for a link to a destination row that does not exist.
    std::vector<std::shared_ptr<const Data::Destination>> m_destinations;
    std::unordered_map<qint64, qint32> m_destinationIndex;
    std::vector<qint32> m_destinationEntity; ///< index into m_companies, -1 NULL
    std::vector<qint32> m_destinationRootEntity;
    std::vector<qint32> m_destinationAppRank; ///< see RankedDestination
    std::vector<qint32> m_destinationRank;
    QStringList m_ips;
    QStringList m_countries;
    QStringList m_categories;
    QStringList m_companies;
    QStringList m_parties;
    QStringList m_hostNames; ///< the findings' destination hosts (and domains and hosts, interned together)

    mutable std::mutex m_textMutex;
    /// Most recently used first; a search under way is a future not yet ready.
    mutable std::list<std::pair<QString, std::shared_future<std::shared_ptr<const TextMatch>>>> m_texts;
};
