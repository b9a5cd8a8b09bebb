// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "headlines.h"

#include "detect/categories.h"
#include "detect/findingstore.h"
#include "enrich/destinationquery.h"
#include "enrich/flowfacets.h"
#include "enrich/referencedata.h"
#include "uploads/uploadstore.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>
#include <future>

namespace Headlines {

namespace {

constexpr int kNamesInSentence = 3;
constexpr int kCategoryHeadlines = 6;

QString receiverKey(const Data::Destination& r)
{
    if (!r.rootEntityName.isEmpty())
        return r.rootEntityName;
    if (!r.entityName.isEmpty())
        return r.entityName;
    return r.registrableDomain.isEmpty() ? r.host : r.registrableDomain;
}

/// "A, B and C", or "A, B, C and 4 others" past `limit` names.
QString nameList(const QStringList& names, int limit = kNamesInSentence)
{
    if (names.isEmpty())
        return {};
    if (names.size() == 1)
        return names.first();
    if (names.size() <= limit)
        return names.mid(0, names.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + names.last();
    const qsizetype rest = names.size() - limit;
    return names.mid(0, limit).join(QStringLiteral(", "))
        + (rest == 1 ? QStringLiteral(" and 1 other") : QStringLiteral(" and %1 others").arg(rest));
}

QString plural(qint64 n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QString countryName(const QString& alpha2)
{
    return ReferenceData::shared()->countries().name(alpha2);
}

/// Countries by their value, largest first, as "United States (9), China (3)".
template <typename T>
QStringList rankedCountries(const std::map<QString, T>& values, const std::function<QString(T)>& amount)
{
    std::vector<std::pair<QString, T>> sorted;
    for (const auto& [country, value] : values) {
        if (!country.isEmpty())
            sorted.emplace_back(country, value);
    }
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    QStringList out;
    for (const auto& [country, value] : sorted)
        out << QStringLiteral("%1 (%2)").arg(countryName(country), amount(value));
    return out;
}

void addReceivers(Summary& s, const std::vector<Data::DestinationRow>& rows)
{
    QHash<QString, size_t> index;
    std::vector<QSet<QString>> hosts; // per receiver, by index
    for (const Data::DestinationRow& row : rows) {
        const Data::Destination& r = *row.destination;
        const QString key = receiverKey(r);
        auto it = index.constFind(key);
        if (it == index.cend()) {
            it = index.insert(key, s.receivers.size());
            Receiver rec;
            rec.name = key;
            rec.knownCompany = !r.entityName.isEmpty();
            rec.entityId = r.rootEntityId.isEmpty() ? r.entityId : r.rootEntityId;
            const bool root = !r.rootEntityName.isEmpty();
            rec.hqCountry = root || rec.knownCompany ? r.hqCountry : QString();
            rec.legalDomicile = r.legalDomicile;
            s.receivers.push_back(rec);
            hosts.emplace_back();
        }
        Receiver& rec = s.receivers[it.value()];
        // Third party for any app makes it a third party of the selection.
        if (r.firstParty == 0 || (r.firstParty == 1 && rec.firstParty == -1))
            rec.firstParty = r.firstParty;
        rec.tracker = rec.tracker || !r.trackerCategory.isEmpty();
        rec.bytesSent += row.bytesSent;
        rec.requests += std::max(row.requests, row.connections);
        hosts[it.value()].insert(r.host);
    }
    for (size_t i = 0; i < s.receivers.size(); ++i)
        s.receivers[i].hosts = static_cast<int>(hosts[i].size());
    std::stable_sort(s.receivers.begin(), s.receivers.end(), [](const Receiver& a, const Receiver& b) {
        return a.bytesSent != b.bytesSent ? a.bytesSent > b.bytesSent : a.requests > b.requests;
    });
    for (const Receiver& rec : s.receivers) {
        if (rec.knownCompany) {
            ++s.companies;
            if (!rec.hqCountry.isEmpty())
                ++s.hqCountries[rec.hqCountry];
            if (rec.firstParty == 0)
                ++s.thirdParties;
        } else {
            ++s.unknownOwners;
        }
    }
}

void addCategories(
    Summary& s, const std::vector<Data::CategoryHostCell>& cells, const std::vector<Data::DestinationRow>& rows)
{
    QHash<QPair<qint64, QString>, const Data::Destination*> byHost;
    byHost.reserve(static_cast<qsizetype>(rows.size()));
    for (const Data::DestinationRow& r : rows)
        byHost.insert({ r.destination->appId, r.destination->host }, r.destination.get());
    const auto reference = ReferenceData::shared();
    struct Tally
    {
        CategoryShare share;
        QHash<QString, qint64> perReceiver;
        QSet<QString> thirdParties;
    };
    std::map<QString, Tally> tallies;
    for (const Data::CategoryHostCell& cell : cells) {
        Tally& t = tallies[cell.category];
        t.share.category = cell.category;
        t.share.findings += cell.findings;
        t.share.maxConfidence = std::max(t.share.maxConfidence, cell.maxConfidence);
        const Data::Destination* d = byHost.value({ cell.appId, cell.host });
        const QString receiver = d ? receiverKey(*d) : reference->publicSuffix().siteOf(cell.host);
        t.perReceiver[receiver] += cell.findings;
        if (d && d->firstParty == 0)
            t.thirdParties.insert(receiver);
    }
    for (const Categories::Category& c : Categories::all()) {
        auto it = tallies.find(QString::fromLatin1(c.id));
        if (it == tallies.end())
            continue;
        Tally& t = it->second;
        std::vector<std::pair<QString, qint64>> ranked;
        for (auto r = t.perReceiver.cbegin(); r != t.perReceiver.cend(); ++r)
            ranked.emplace_back(r.key(), r.value());
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        for (const auto& [name, count] : ranked)
            t.share.receivers << name;
        t.share.thirdPartyReceivers = static_cast<int>(t.thirdParties.size());
        t.share.thirdPartyNames = QStringList(t.thirdParties.cbegin(), t.thirdParties.cend());
        t.share.thirdPartyNames.sort(); // not in the set's order, which depends on the order the cells came in
        s.categories.push_back(std::move(t.share));
    }
}

void addUploads(Summary& s, Database& db, const Data::Filter& filter)
{
    if (!UploadStore::exists(db))
        return;
    for (const Data::UploadSession& u : UploadStore::sessions(db, filter)) {
        if (u.discardedDraft)
            ++s.discardedDraftUploads;
        if (u.classification != u"before_post" || u.discardedDraft)
            continue;
        ++s.uploadsBeforePost;
        if (u.postDeltaUs > s.earliestBeforePostUs) {
            s.earliestBeforePostUs = u.postDeltaUs;
            s.earliestBeforePostClass = u.mediaClass;
        }
    }
    for (const Data::UploadBurst& b : UploadStore::bursts(db, filter)) {
        if (b.classification == u"before_post")
            ++s.encryptedBursts;
    }
}

QString mediaNoun(const QString& mediaClass)
{
    if (mediaClass == u"video")
        return QStringLiteral("Video");
    if (mediaClass == u"image")
        return QStringLiteral("A photo");
    if (mediaClass == u"audio")
        return QStringLiteral("Audio");
    return QStringLiteral("Media");
}

void writeDestinationHeadlines(Summary& s)
{
    if (s.receivers.empty())
        return;
    QString text = QStringLiteral("Sent data to %1")
                       .arg(plural(s.companies, QStringLiteral("company"), QStringLiteral("companies")));
    if (s.thirdParties > 0 && s.thirdParties == s.companies)
        text += s.companies == 1 ? QStringLiteral(" (a third party)") : QStringLiteral(" (all third parties)");
    else if (s.thirdParties > 0)
        text += QStringLiteral(" (%1)").arg(
            plural(s.thirdParties, QStringLiteral("third party"), QStringLiteral("third parties")));
    if (s.unknownOwners > 0)
        text += QStringLiteral(" and %1 of unknown owner")
                    .arg(plural(s.unknownOwners, QStringLiteral("domain"), QStringLiteral("domains")));
    const qsizetype serverCountries = std::count_if(
        s.serverCountries.cbegin(), s.serverCountries.cend(), [](const auto& c) { return !c.first.isEmpty(); });
    if (serverCountries > 0)
        text += QStringLiteral(", on servers in %1")
                    .arg(plural(serverCountries, QStringLiteral("country"), QStringLiteral("countries")));
    s.headlines.push_back({ text + u'.',
        QStringLiteral(
            "Companies are named by Leakscope's entity list (parent companies counted once); third parties are "
            "companies other than the app's own. Server countries come from GeoIP."),
        Evidence::Destinations, {} });

    if (!s.hqCountries.empty()) {
        const QStringList ranked = rankedCountries<int>(s.hqCountries, [](int n) { return QString::number(n); });
        s.headlines.push_back({ QStringLiteral("The companies are headquartered in %1: %2.")
                                    .arg(plural(static_cast<qint64>(ranked.size()), QStringLiteral("country"),
                                             QStringLiteral("countries")),
                                        nameList(ranked, 4)),
            QStringLiteral(
                "Headquarters country of each company (its parent company when it has one), from the entity list."),
            Evidence::Map, {} });
    }
    qint64 total = 0;
    for (const auto& [country, bytes] : s.serverCountries)
        total += bytes;
    if (serverCountries > 0 && total > 0) {
        const auto share = [total](qint64 bytes) {
            const double percent = 100.0 * static_cast<double>(bytes) / static_cast<double>(total);
            return percent > 0 && percent < 1 ? QStringLiteral("<1%") : QStringLiteral("%1%").arg(qRound(percent));
        };
        QString sentence = QStringLiteral("Bytes sent went to servers in %1")
                               .arg(nameList(rankedCountries<qint64>(s.serverCountries, share), 4));
        const auto unknown = s.serverCountries.find(QString());
        if (unknown != s.serverCountries.end() && unknown->second > 0)
            sentence += QStringLiteral("; %1 to servers of unknown location").arg(share(unknown->second));
        s.headlines.push_back({ sentence + u'.',
            QStringLiteral(
                "Share of the bytes sent per server country (GeoIP: where the address block is registered; CDN "
                "servers answer near the device). Private and documentation addresses have no location."),
            Evidence::Map, {} });
    }
}

void writeCategoryHeadlines(Summary& s)
{
    // Data shared with third parties first, then the most certain.
    std::vector<const CategoryShare*> order;
    for (const CategoryShare& c : s.categories)
        order.push_back(&c);
    std::stable_sort(order.begin(), order.end(), [](const CategoryShare* a, const CategoryShare* b) {
        if ((a->thirdPartyReceivers > 0) != (b->thirdPartyReceivers > 0))
            return a->thirdPartyReceivers > 0;
        return a->maxConfidence > b->maxConfidence;
    });
    int written = 0;
    for (const CategoryShare* c : order) {
        if (written == kCategoryHeadlines) {
            const qsizetype rest = static_cast<qsizetype>(order.size()) - written;
            s.headlines.push_back({ QStringLiteral("%1 more data %2 left the device.")
                                        .arg(rest)
                                        .arg(rest == 1 ? QStringLiteral("category") : QStringLiteral("categories")),
                QStringLiteral("See the Data page for every category with its evidence."), Evidence::Data, {} });
            break;
        }
        const QString name = Categories::displayName(c->category);
        QString text;
        if (c->thirdPartyReceivers > 0) {
            QStringList third, others;
            for (const QString& r : c->receivers)
                (c->thirdPartyNames.contains(r) ? third : others) << r;
            text =
                QStringLiteral("%1 sent to %2: %3")
                    .arg(name,
                        plural(c->thirdPartyReceivers, QStringLiteral("third party"), QStringLiteral("third parties")),
                        nameList(third));
            if (!others.isEmpty())
                text += QStringLiteral(" (and to %1)").arg(nameList(others));
            text += u'.';
        } else {
            text = QStringLiteral("%1 sent to %2.").arg(name, nameList(c->receivers));
        }
        s.headlines.push_back({ text,
            QStringLiteral("%1 (%2 confidence at best). %3")
                .arg(plural(c->findings, QStringLiteral("finding"), QStringLiteral("findings")),
                    Confidence::name(c->maxConfidence), Categories::description(c->category)),
            Evidence::Data, { c->category } });
        ++written;
    }
}

void writeUploadHeadlines(Summary& s)
{
    if (s.uploadsBeforePost > 0) {
        QString text = QStringLiteral("%1 uploaded %2 before Post")
                           .arg(mediaNoun(s.earliestBeforePostClass), duration(s.earliestBeforePostUs));
        if (s.uploadsBeforePost > 1)
            text += QStringLiteral(" (%1 uploads started before Post)").arg(s.uploadsBeforePost);
        s.headlines.push_back({ text + u'.',
            QStringLiteral("Upload sessions lined up against the investigator's markers, after clock correction."),
            Evidence::Uploads, {} });
    }
    if (s.discardedDraftUploads > 0)
        s.headlines.push_back(
            { QStringLiteral("%1 in runs the user discarded, never posted.")
                    .arg(plural(s.discardedDraftUploads, QStringLiteral("upload"), QStringLiteral("uploads"))),
                QStringLiteral("Uploads in a run marked Discarded, with no publish request."), Evidence::Uploads, {} });
    if (s.uploadsBeforePost == 0 && s.encryptedBursts > 0)
        s.headlines.push_back({ QStringLiteral("%1 of encrypted outbound traffic before Post (contents unseen).")
                                    .arg(plural(s.encryptedBursts, QStringLiteral("burst"), QStringLiteral("bursts"))),
            QStringLiteral("Circumstantial: the connections stayed encrypted, only sizes and times are known."),
            Evidence::Uploads, {}, true });
}

void writeCoverageHeadlines(Summary& s)
{
    const Data::Coverage& c = s.coverage;
    if (c.connections > 0 && c.encryptedOnly > 0) {
        const int percent = qRound(100.0 * static_cast<double>(c.encryptedOnly) / static_cast<double>(c.connections));
        s.headlines.push_back(
            { QStringLiteral("%1% of connections (%2 of %3) could not be decrypted: what they carried is unknown.")
                    .arg(percent)
                    .arg(c.encryptedOnly)
                    .arg(c.connections),
                QStringLiteral(
                    "Encrypted conversations from which no request could be read. Import the capture with its TLS key "
                    "log, or capture through a proxy, to see inside."),
                Evidence::Captures, {}, true });
    }
    if (c.bodiesMissing > 0)
        s.headlines.push_back({ QStringLiteral("%1 of %2 requests have a body the capturing tool did not keep.")
                                    .arg(c.bodiesMissing)
                                    .arg(c.flows),
            QStringLiteral("Findings cannot cover bodies that were not captured."), Evidence::Captures, {}, true });
}

} // namespace

QString duration(qint64 us)
{
    const qint64 s = (us + 500'000) / 1'000'000;
    if (s < 60)
        return us < 1'000'000 ? QStringLiteral("%1 ms").arg(us / 1000) : QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60) : QStringLiteral("%1 min").arg(s / 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

Summary compute(Database& db, const Data::Filter& filter, const FlowFacets* facets)
{
    Summary s;
    // A headline a reporter quotes should not rest on a guess: low-confidence findings only when asked for.
    Data::Filter findings = filter;
    if (findings.minConfidence.isEmpty())
        findings.minConfidence = QStringLiteral("medium");
    // From the facets, the categories' cells are counted on a second thread while the destinations load: both
    // only read memory, and on a large filter each is a good part of the page's wait.
    std::future<std::vector<Data::CategoryHostCell>> cellsFromFacets;
    if (facets && facets->prepare(db, findings))
        cellsFromFacets =
            std::async(std::launch::async, [facets, &findings] { return facets->categoryHosts(findings); });
    std::vector<Data::DestinationRow> rows;
    if (DestinationQuery::available(db)) {
        DestinationQuery::Snapshot traffic =
            DestinationQuery::loadWithCountries(db, filter, facets, DestinationQuery::Addresses::Omitted);
        rows = std::move(traffic.destinations);
        for (const auto& [country, t] : traffic.countries)
            s.serverCountries[country] = t.bytesSent;
    }
    addReceivers(s, rows);
    addCategories(s, cellsFromFacets.valid() ? cellsFromFacets.get() : FindingStore::categoryHosts(db, findings), rows);
    addUploads(s, db, filter);
    s.coverage = facets && facets->prepare(db, filter) ? facets->coverage(filter) : CoverageQuery::measure(db, filter);

    writeDestinationHeadlines(s);
    writeUploadHeadlines(s);
    writeCategoryHeadlines(s);
    writeCoverageHeadlines(s);
    if (s.headlines.empty())
        s.headlines.push_back({ s.coverage.flows + s.coverage.connections == 0
                ? QStringLiteral("No traffic matches the current filter.")
                : QStringLiteral("No data categories or destinations were identified in this traffic."),
            {}, Evidence::Captures, {} });
    return s;
}

} // namespace Headlines
