// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"
#include "store/coveragequery.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

class Database;
class FlowFacets;

/// The few numbers and sentences a reporter can quote about an app ("Sent data to 14 companies in 5
/// countries"), computed from the analysis tables for a filter. Pure data: the window's Overview page shows
/// them, each linking to the page that proves it.
namespace Headlines {

/// The page that holds the evidence behind a headline.
enum class Evidence
{
    Destinations,
    Map,
    Data,
    Uploads,
    Captures
};

struct Headline
{
    QString text; ///< one sentence, plain text (names from captures are not in it unescaped: callers render as text)
    QString explanation; ///< how the number was obtained, for a tooltip
    Evidence evidence = Evidence::Destinations;
    QStringList categories; ///< for a Data headline: the category it is about
    bool warning = false; ///< a limit of what was seen rather than a finding
};

/// A company (parent company when known) or, for hosts no entity names, a registrable domain.
struct Receiver
{
    QString name;
    bool knownCompany = false;
    QString entityId; ///< the parent company's entity id (what the company filter takes); empty when unknown
    QString hqCountry; ///< alpha-2, empty when unknown
    QString legalDomicile;
    int firstParty = -1; ///< 1, 0, -1 unknown
    bool tracker = false;
    qint64 bytesSent = 0;
    qint64 requests = 0;
    int hosts = 0;
};

struct CategoryShare
{
    QString category; ///< TAXONOMY id
    qint64 findings = 0;
    int maxConfidence = 0;
    QStringList receivers; ///< names, most findings first
    int thirdPartyReceivers = 0;
    QStringList thirdPartyNames;
};

struct Summary
{
    std::vector<Receiver> receivers; ///< by bytes sent, most first
    int companies = 0; ///< receivers that are known companies
    int thirdParties = 0; ///< known companies other than the app's own
    int unknownOwners = 0; ///< receivers with no known company
    std::map<QString, qint64> serverCountries; ///< alpha-2 → bytes sent (GeoIP); "" unknown
    std::map<QString, int> hqCountries; ///< alpha-2 → companies headquartered there
    std::vector<CategoryShare> categories; ///< TAXONOMY order
    int uploadsBeforePost = 0;
    qint64 earliestBeforePostUs = 0; ///< how long before Post the earliest such upload started
    QString earliestBeforePostClass; ///< video, image, audio or empty
    int discardedDraftUploads = 0;
    int encryptedBursts = 0; ///< outbound bursts on encrypted connections before Post (circumstantial)
    Data::Coverage coverage;
    std::vector<Headline> headlines;
};

/// Everything for `filter`. Findings below medium confidence count only when the filter asks for them. With
/// `facets` (of the same data), the destinations' traffic is summed from them where they answer the filter.
Summary compute(Database& db, const Data::Filter& filter, const FlowFacets* facets = nullptr);

/// The summary as bytes and back, for the copy the summary pass keeps (SummaryPass). decode() returns nothing for
/// bytes of another layout or damaged ones: the caller computes the summary instead.
QByteArray encode(const Summary& summary);
std::optional<Summary> decode(const QByteArray& bytes);

/// "41 s", "3 min 5 s", "2 h 4 min".
QString duration(qint64 microseconds);

} // namespace Headlines
