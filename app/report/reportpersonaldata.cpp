// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/timeutil.h"
#include "detect/categories.h"
#include "detect/findingstore.h"
#include "enrich/destinationquery.h"
#include "reportsections.h"
#include "store/investigation.h"

#include <QHash>
#include <QSet>

#include <map>

namespace Report::Sections {

namespace {

/// What the report says about one category of personal data.
struct CategoryFindings
{
    QString id;
    const Data::FindingRow* strongest = nullptr;
    bool strongestThirdParty = false;
    qint64 occurrences = 0;
    int groups = 0;
    int maxConfidence = 0;
    int thirdPartyConfidence = -1; ///< the highest among findings sent to third parties
    QStringList receivers; ///< companies (or domains), first seen first
    QStringList thirdParties;
};

/// Stronger evidence first: confidence, then sent to a third party (what a reader cares about most), then a
/// match of the investigator's own identifier, then how often.
bool stronger(const Data::FindingRow& a, bool aThird, const Data::FindingRow& b, bool bThird)
{
    if (a.confidence != b.confidence)
        return a.confidence > b.confidence;
    if (aThird != bThird)
        return aThird;
    if (a.knownIdentifier.isEmpty() != b.knownIdentifier.isEmpty())
        return !a.knownIdentifier.isEmpty();
    if (a.occurrences != b.occurrences)
        return a.occurrences > b.occurrences;
    return a.ts < b.ts;
}

QString capitalised(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

QString names(const QStringList& list, int limit = 4)
{
    QStringList shown = list.mid(0, limit);
    if (list.size() > limit)
        shown << QStringLiteral("%1 more").arg(list.size() - limit);
    if (shown.size() == 1)
        return shown.first();
    const QString last = shown.takeLast();
    return shown.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

QString where(const Data::FindingRow& f)
{
    QString location = f.location;
    if (!f.key.isEmpty() && !location.contains(f.key))
        location += QStringLiteral(", key \"%1\"").arg(f.key);
    return location;
}

} // namespace

Contribution personalData(Context& c)
{
    Contribution out;
    Database& db = c.investigation.db();
    out.blocks.push_back(Heading { 1, c.title(QStringLiteral("What personal data goes")), true });
    if (!FindingStore::exists(db)) {
        out.blocks.push_back(
            Paragraph { QStringLiteral("The investigation has not been analysed with this version of Leakscope: no "
                                       "personal data was looked for. Open it in Leakscope once to analyse it."),
                Paragraph::Warning });
        return out;
    }
    out.blocks.push_back(Paragraph { QStringLiteral(
        "Each category below is a kind of personal data Leakscope found in what the app sent (never in what servers "
        "answered). Repeats of the same value to the same company count as one finding. The excerpt is the strongest "
        "evidence for the category, with the value masked in the middle; its location and decoding steps let anyone "
        "find it again in the capture.") });

    // First or third party per (app, host), from the destinations.
    QHash<QString, int> party;
    if (DestinationQuery::available(db)) {
        for (const Data::DestinationRow& d : DestinationQuery::load(db, c.options.filter))
            party.insert(QString::number(d.destination->appId) + u'|' + d.destination->host, d.destination->firstParty);
    }
    const std::vector<Data::FindingRow> rows = FindingStore::deduplicated(db, c.options.filter);
    std::map<QString, CategoryFindings> byCategory;
    for (const Data::FindingRow& f : rows) {
        CategoryFindings& cat = byCategory[f.category];
        cat.id = f.category;
        ++cat.groups;
        cat.occurrences += f.occurrences;
        cat.maxConfidence = std::max(cat.maxConfidence, f.confidence);
        const bool third = party.value(QString::number(f.appId) + u'|' + f.host, -1) == 0;
        if (!cat.strongest || stronger(f, third, *cat.strongest, cat.strongestThirdParty)) {
            cat.strongest = &f;
            cat.strongestThirdParty = third;
        }
        const QString receiver =
            c.text(f.company.isEmpty() ? f.registrableDomain.isEmpty() ? f.host : f.registrableDomain : f.company, 200);
        if (!cat.receivers.contains(receiver))
            cat.receivers << receiver;
        if (third)
            cat.thirdPartyConfidence = std::max(cat.thirdPartyConfidence, f.confidence);
        if (third && !cat.thirdParties.contains(receiver))
            cat.thirdParties << receiver;
    }
    std::vector<CategoryFindings> categories;
    for (auto& [id, cat] : byCategory)
        categories.push_back(std::move(cat));
    std::sort(categories.begin(), categories.end(), [](const CategoryFindings& a, const CategoryFindings& b) {
        if (a.maxConfidence != b.maxConfidence)
            return a.maxConfidence > b.maxConfidence;
        if (a.thirdParties.size() != b.thirdParties.size())
            return a.thirdParties.size() > b.thirdParties.size();
        return a.id < b.id;
    });

    Table table;
    table.caption = QStringLiteral("Categories of personal data sent, strongest first");
    table.headers = { QStringLiteral("Category"), QStringLiteral("Findings"), QStringLiteral("Times seen"),
        QStringLiteral("Highest confidence"), QStringLiteral("Received by"), QStringLiteral("Third parties") };
    table.columnWeights = { 2.6, 1.1, 1.1, 1.4, 3.6, 1.1 };
    table.emptyText = QStringLiteral("No personal data was found in the readable requests.");
    for (const CategoryFindings& cat : categories)
        table.rows.push_back({ capitalised(Categories::displayName(cat.id)), QString::number(cat.groups),
            QString::number(cat.occurrences), Confidence::name(cat.maxConfidence), names(cat.receivers, 8),
            QString::number(cat.thirdParties.size()) });
    out.blocks.push_back(table);
    if (categories.empty())
        return out;

    out.blocks.push_back(Heading { 2, QStringLiteral("The strongest evidence for each category") });
    for (const CategoryFindings& cat : categories) {
        const Data::FindingRow& f = *cat.strongest;
        Excerpt e;
        e.title = QStringLiteral("%1 (%2 confidence)")
                      .arg(capitalised(Categories::displayName(cat.id)), Confidence::name(f.confidence));
        e.text = c.text(f.evidence, 600, true);
        e.facts.emplace_back(QStringLiteral("Sent to"),
            QStringLiteral("%1%2%3").arg(c.text(f.host, 200),
                f.company.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(c.text(f.company, 200)),
                cat.strongestThirdParty ? QStringLiteral(", a third party") : QString()));
        e.facts.emplace_back(QStringLiteral("Where"), c.text(where(f), 300));
        if (!f.encodingChain.isEmpty())
            e.facts.emplace_back(QStringLiteral("Decoded through"), c.text(f.encodingChain, 400));
        e.facts.emplace_back(QStringLiteral("Why"), c.text(f.reason, 400));
        if (!f.knownIdentifier.isEmpty() && !f.reason.contains(f.knownIdentifier))
            e.facts.emplace_back(QStringLiteral("Matches"),
                QStringLiteral("the investigator's identifier \"%1\"%2")
                    .arg(c.text(f.knownIdentifier, 200),
                        f.variant.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(f.variant)));
        e.facts.emplace_back(QStringLiteral("Seen"),
            QStringLiteral("%1 time(s); this excerpt is from flow %2 at %3 (capture %4)")
                .arg(f.occurrences)
                .arg(f.flowId)
                .arg(TimeUtil::formatIsoUtc(f.ts))
                .arg(f.captureId));
        out.blocks.push_back(e);
    }

    // Summary: one sentence per category, the most telling first; the rest counted.
    const int listed = std::min<int>(static_cast<int>(categories.size()), 6);
    for (int i = 0; i < listed; ++i) {
        const CategoryFindings& cat = categories[static_cast<size_t>(i)];
        const QString name = capitalised(Categories::displayName(cat.id));
        const QString confidence = Confidence::name(cat.maxConfidence);
        if (!cat.thirdParties.isEmpty())
            out.summary << QStringLiteral("%1 sent to %2 third %3: %4 (%5 confidence).")
                               .arg(name)
                               .arg(cat.thirdParties.size())
                               .arg(cat.thirdParties.size() == 1 ? QStringLiteral("party") : QStringLiteral("parties"),
                                   names(cat.thirdParties), Confidence::name(cat.thirdPartyConfidence));
        else
            out.summary << QStringLiteral("%1 sent to %2 (%3 confidence).").arg(name, names(cat.receivers), confidence);
    }
    if (static_cast<int>(categories.size()) > listed)
        out.summary << QStringLiteral(
            "%1 more categories of personal data were found (see \"What personal data goes\").")
                           .arg(categories.size() - static_cast<size_t>(listed));
    return out;
}

} // namespace Report::Sections
