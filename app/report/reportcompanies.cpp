// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrich/destinationquery.h"
#include "reportsections.h"
#include "store/investigation.h"

#include <QSet>

#include <map>

namespace Report::Sections {

namespace {

/// One company (entity) and the hosts of it the app talked to.
struct Company
{
    QString name;
    QString parent;
    QString hq;
    QString domicile;
    bool known = false; ///< from the entity list (else only the domain is known)
    bool firstParty = false;
    bool thirdParty = false;
    QSet<QString> trackerCategories;
    QString category;
    qint64 bytesSent = 0;
    qint64 requests = 0;
    int hosts = 0;
};

QString partyText(const Company& c)
{
    if (c.firstParty && c.thirdParty)
        return QStringLiteral("first and third party");
    if (c.firstParty)
        return QStringLiteral("first party");
    if (c.thirdParty)
        return QStringLiteral("third party");
    return QStringLiteral("unknown");
}

QString countryWithCode(const QString& code)
{
    return code.isEmpty() ? QStringLiteral("unknown") : QStringLiteral("%1 (%2)").arg(Context::countryName(code), code);
}

/// "United States (9), China (3) and Germany (1)".
QString countList(const std::vector<std::pair<QString, int>>& counts, int limit = 5)
{
    QStringList parts;
    for (size_t i = 0; i < counts.size() && static_cast<int>(i) < limit; ++i)
        parts << QStringLiteral("%1 (%2)").arg(counts[i].first).arg(counts[i].second);
    if (static_cast<int>(counts.size()) > limit)
        parts << QStringLiteral("%1 more").arg(counts.size() - static_cast<size_t>(limit));
    if (parts.size() == 1)
        return parts.first();
    const QString last = parts.takeLast();
    return parts.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

} // namespace

Contribution companies(Context& c)
{
    Contribution out;
    out.blocks.push_back(Heading { 1, c.title(QStringLiteral("Where the data goes")), true });
    out.blocks.push_back(Heading { 2, QStringLiteral("Companies and their jurisdictions") });
    if (!DestinationQuery::available(c.investigation.db())) {
        out.blocks.push_back(Paragraph {
            QStringLiteral("The investigation has not been analysed with this version of Leakscope: "
                           "companies and countries are not known. Open it in Leakscope once to analyse it."),
            Paragraph::Warning });
        return out;
    }
    out.blocks.push_back(Paragraph { QStringLiteral(
        "The company behind each destination comes from Leakscope's entity list (which company controls the domain), "
        "with its parent company, the country of its headquarters and the country where it is legally registered. "
        "First party means the app's own company; third party, anyone else. Bytes sent count what the app sent, "
        "readable or encrypted.") });

    std::map<QString, Company> byKey;
    for (const Data::DestinationRow& row : DestinationQuery::load(c.investigation.db(), c.options.filter)) {
        const Data::Destination& d = *row.destination;
        const bool known = !d.entityId.isEmpty();
        const QString domain =
            d.ownerDomain.isEmpty() ? (d.registrableDomain.isEmpty() ? d.host : d.registrableDomain) : d.ownerDomain;
        const QString key = known ? QStringLiteral("e:") + d.entityId : QStringLiteral("d:") + domain;
        Company& company = byKey[key];
        if (company.name.isEmpty()) {
            company.known = known;
            company.name = known
                ? d.entityName
                : (d.listOwner.isEmpty()
                        ? QStringLiteral("owner unknown (%1)").arg(c.text(domain, 200))
                        : QStringLiteral("%1 (per %2)").arg(c.text(d.listOwner, 200), d.listOwnerSource));
            company.parent = d.rootEntityId == d.entityId ? QString() : d.rootEntityName;
            company.hq = d.hqCountry;
            company.domicile = d.legalDomicile;
            company.category = d.entityCategory;
        }
        company.firstParty |= d.firstParty == 1;
        company.thirdParty |= d.firstParty == 0;
        if (!d.trackerCategory.isEmpty())
            company.trackerCategories.insert(d.trackerCategory);
        company.bytesSent += row.bytesSent;
        company.requests += row.requests;
        ++company.hosts;
    }
    std::vector<Company> list;
    for (auto& [key, company] : byKey)
        list.push_back(std::move(company));
    std::sort(list.begin(), list.end(), [](const Company& a, const Company& b) {
        return a.bytesSent != b.bytesSent ? a.bytesSent > b.bytesSent : a.name < b.name;
    });

    Table table;
    table.caption = QStringLiteral("Companies that received data, by bytes sent");
    table.headers = { QStringLiteral("Company"), QStringLiteral("Parent"), QStringLiteral("HQ country"),
        QStringLiteral("Legal domicile"), QStringLiteral("Party"), QStringLiteral("Tracker / ads"),
        QStringLiteral("Bytes sent"), QStringLiteral("Requests"), QStringLiteral("Hosts") };
    table.columnWeights = { 3, 2, 1.9, 1.9, 1.5, 2, 1.4, 1.2, 0.9 };
    table.emptyText = QStringLiteral("No destination in the captures.");
    std::map<QString, int> companiesPerCountry;
    QStringList trackers;
    int thirdParties = 0, knownCompanies = 0, unknownOwners = 0;
    for (const Company& company : list) {
        QStringList flags = company.trackerCategories.values();
        flags.sort();
        if (flags.isEmpty() && (company.category == u"advertising" || company.category == u"analytics"))
            flags << company.category;
        table.rows.push_back({ company.name, company.parent, countryWithCode(company.hq),
            countryWithCode(company.domicile), partyText(company),
            flags.isEmpty() ? QStringLiteral("–") : flags.join(QStringLiteral(", ")),
            QString::number(company.bytesSent), QString::number(company.requests), QString::number(company.hosts) });
        if (!company.known) {
            ++unknownOwners;
            continue;
        }
        ++knownCompanies;
        if (company.thirdParty && !company.firstParty)
            ++thirdParties;
        if (!company.hq.isEmpty())
            ++companiesPerCountry[company.hq];
        if (!flags.isEmpty())
            trackers << company.name;
    }
    out.blocks.push_back(table);

    if (knownCompanies > 0) {
        std::vector<std::pair<QString, int>> counts;
        for (const auto& [code, n] : companiesPerCountry)
            counts.emplace_back(Context::countryName(code), n);
        std::stable_sort(
            counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        QString sentence = QStringLiteral("Sent data to %1 %2")
                               .arg(knownCompanies)
                               .arg(knownCompanies == 1 ? QStringLiteral("company") : QStringLiteral("companies"));
        if (!counts.empty())
            sentence += QStringLiteral(" headquartered in %1 %2: %3")
                            .arg(counts.size())
                            .arg(counts.size() == 1 ? QStringLiteral("country") : QStringLiteral("countries"),
                                countList(counts));
        sentence += QStringLiteral("; %1 of them %2 third %3.")
                        .arg(thirdParties)
                        .arg(thirdParties == 1 ? QStringLiteral("is a") : QStringLiteral("are"),
                            thirdParties == 1 ? QStringLiteral("party") : QStringLiteral("parties"));
        out.summary << sentence;
        if (!trackers.isEmpty())
            out.summary << QStringLiteral("%1 of these companies %2 listed as trackers or advertisers: %3.")
                               .arg(trackers.size())
                               .arg(trackers.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                                   trackers.join(QStringLiteral(", ")));
    }
    if (unknownOwners > 0)
        out.summary << QStringLiteral("%1 %2 not be tied to a known company.")
                           .arg(unknownOwners)
                           .arg(unknownOwners == 1 ? QStringLiteral("domain could") : QStringLiteral("domains could"));
    return out;
}

} // namespace Report::Sections
