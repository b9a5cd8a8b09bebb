// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"
#include "hit.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class Database;

namespace Data {

/// One stored finding: a piece of personal data in one flow, with its evidence (never the value itself).
struct FindingRow
{
    qint64 id = 0;
    qint64 flowId = 0;
    qint64 captureId = 0;
    qint64 appId = 0;
    QString app;
    Timestamp ts = 0;
    QString direction; ///< "request"; "response" rows are what responses contained, never leaks
    QString category;
    int confidence = 0;
    QString host;
    QString registrableDomain;
    QString company; ///< the company behind the host (parent company) when the enrich pass knows it
    QString location;
    QString key;
    QString evidence;
    QString knownIdentifier; ///< label, empty when none
    qint64 knownIdentifierId = 0;
    QString variant;
    QString encodingChain;
    QString reason;
    QString detector;
    QString valueHash;
    qint64 groupId = 0;
    /// Where the evidence viewer highlights: the outermost decoded layer holding the value (its location and
    /// chain, e.g. "body" + "gzip") and the byte span in it (-1 when unknown).
    QString displayLocation;
    QString displayChain;
    qint64 spanStart = -1;
    qint64 spanLength = 0;
    qint64 occurrences = 1; ///< for deduplicated rows: how many findings the group has
    QList<qint64> flows; ///< for deduplicated rows: the flows of the group (first 100)
};

struct MatrixCell
{
    QString category;
    QString party; ///< registrable domain (company once the enrich pass names them)
    qint64 findings = 0;
    int maxConfidence = 0;
};

/// Request findings of one category sent by one app to one destination.
struct CategoryHostCell
{
    QString category;
    qint64 appId = 0;
    QString host; ///< the destination's host (DestinationQuery::hostOf): with the app, the key of a destination
    qint64 findings = 0;
    int maxConfidence = 0;
};

} // namespace Data

/// The detect pass's derived tables and their typed reads (STYLE.md: SQL lives in store functions).
namespace FindingStore {

QStringList tables();
void createTables(Database& db);
/// Indexes added after the tables' layout (DetectPass::ensureIndexes).
void ensureIndexes(Database& db);
/// True when the tables exist (an investigation never analysed by this version has none).
bool exists(Database& db);

/// Where a finding's flow belongs, for inserting.
struct FlowContext
{
    qint64 flowId = 0;
    qint64 captureId = 0;
    qint64 appId = 0;
    Data::Timestamp ts = 0;
    QString host;
    QString registrableDomain;
    QString destinationHost; ///< DestinationQuery::hostOf the flow: with the app, the key of its destination
};

struct Display
{
    QByteArray location;
    QByteArray chain;
    qint64 spanStart = -1;
    qint64 spanLength = 0;
};

/// Stores one hit (masked evidence, value hash) and counts it in its deduplication group
/// (app, registrable domain, category, value hash, direction). Must run inside the pass's transaction.
void insert(Database& db, const FlowContext& flow, bool request, const Detect::Hit& hit, const Display& display);

/// Every finding row matching the filter (per flow, for the UI), newest-first order is not applied: by time.
std::vector<Data::FindingRow> findings(Database& db, const Data::Filter& filter, bool includeResponses = false);
/// One row per deduplication group (the most confident, earliest finding), with its occurrences and flows:
/// what the export and the report list.
std::vector<Data::FindingRow> deduplicated(Database& db, const Data::Filter& filter);
std::optional<Data::FindingRow> finding(Database& db, qint64 id);

/// The Data page's list: ids first (cheap for hundreds of thousands of findings), rows for what is on screen.
/// `Narrowing` is what the page narrows to on top of the shared filter.
struct Narrowing
{
    QString category; ///< empty: all
    QString party; ///< the company (parent first), else registrable domain, else host; empty: all
    int minConfidence = 0;
};
enum class SortKey
{
    Time,
    App,
    Category,
    Confidence,
    Party,
    Host,
    Location,
    Key,
    Evidence,
    Known,
    Chain
};
/// Ids of the request findings matching the filter and the narrowing, sorted (ties by time, then id).
std::vector<qint64> ids(Database& db, const Data::Filter& filter, const Narrowing& narrowing = {},
    SortKey key = SortKey::Time, bool descending = false);
/// The rows of these ids, in their order (an id removed meanwhile gives an empty row).
std::vector<Data::FindingRow> rows(Database& db, const std::vector<qint64>& ids);
/// Request findings per category and registrable domain (the Data page's matrix).
std::vector<Data::MatrixCell> matrix(Database& db, const Data::Filter& filter);
/// Request findings per category, app and destination host (what the overview needs to tell first from third
/// parties), in the covering index's order (category, app, host).
std::vector<Data::CategoryHostCell> categoryHosts(Database& db, const Data::Filter& filter);
/// Findings of one flow.
std::vector<Data::FindingRow> findingsOfFlow(Database& db, qint64 flowId);

} // namespace FindingStore
