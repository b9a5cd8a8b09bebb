// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportbuilder.h"

#include "common/hashing.h"
#include "common/inerttext.h"
#include "common/timeutil.h"
#include "geo/countrytable.h"
#include "refdata/refdatacatalogue.h"
#include "reportsections.h"
#include "store/filtersql.h"
#include "store/investigation.h"

#include <QFileInfo>
#include <QLocale>

namespace Report {

QString Context::countryName(const QString& alpha2)
{
    if (alpha2.isEmpty())
        return QStringLiteral("unknown");
    // Only the country table, not the whole reference data (GeoIP and all): the report needs names only.
    static const CountryTable table = [] {
        CountryTable t;
        const QString path = RefDataCatalogue::load().path(QStringLiteral("country-codes"));
        QString error;
        if (!path.isEmpty())
            t.load(path, &error);
        return t;
    }();
    return table.name(alpha2.toUpper());
}

QString Context::text(const QString& fromCapture, int maxLength, bool keepLineBreaks) const
{
    return InertText::make(redactor.apply(fromCapture), maxLength, keepLineBreaks);
}

namespace {

QString span(Data::Timestamp from, Data::Timestamp to)
{
    if (!from)
        return QStringLiteral("unknown");
    return TimeUtil::formatIsoUtc(from) + QStringLiteral(" – ")
        + (to ? TimeUtil::formatIsoUtc(to) : QStringLiteral("?"));
}

Contribution titlePage(Context& c)
{
    Investigation& inv = c.investigation;
    Contribution out;
    Facts facts;
    const QString reporter = inv.property(QStringLiteral("reporter"));
    if (!reporter.isEmpty())
        facts.items.emplace_back(QStringLiteral("Reporter"), reporter);
    facts.items.emplace_back(QStringLiteral("Report generated"), TimeUtil::formatIsoUtc(TimeUtil::now()));
    const QString created = inv.property(QStringLiteral("created"));
    if (!created.isEmpty())
        facts.items.emplace_back(QStringLiteral("Investigation started"), created);
    QStringList apps;
    for (const auto& a : inv.apps()) {
        if (!c.options.filter.appIds.isEmpty() && !c.options.filter.appIds.contains(a.id))
            continue;
        apps << (a.package.isEmpty() || a.package == a.name ? a.name
                                                            : QStringLiteral("%1 (%2)").arg(a.name, a.package));
    }
    facts.items.emplace_back(
        QStringLiteral("App(s)"), apps.isEmpty() ? QStringLiteral("not attributed") : apps.join(QStringLiteral(", ")));
    const QString device = inv.property(QStringLiteral("device"));
    if (!device.isEmpty())
        facts.items.emplace_back(QStringLiteral("Test device"), device);
    int captures = 0;
    Data::Timestamp first = 0, last = 0;
    for (const auto& cap : inv.captures()) {
        if (!c.options.filter.captureIds.isEmpty() && !c.options.filter.captureIds.contains(cap.id))
            continue;
        ++captures;
        if (cap.firstSeen && (!first || cap.firstSeen < first))
            first = cap.firstSeen;
        last = std::max(last, cap.lastSeen);
    }
    facts.items.emplace_back(QStringLiteral("Captures"), QString::number(captures));
    facts.items.emplace_back(QStringLiteral("Traffic observed"), span(first, last));
    facts.items.emplace_back(QStringLiteral("Leakscope version"), QStringLiteral(LEAKSCOPE_VERSION));
    facts.items.emplace_back(QStringLiteral("Redaction"),
        c.options.redact
            ? QStringLiteral("on: the investigator's identifiers, cookies, tokens and session ids are masked")
            : QStringLiteral("OFF: this copy contains secrets and is for internal use only"));
    out.blocks.push_back(facts);
    if (!inv.property(QStringLiteral("demo_inputs")).isEmpty())
        out.blocks.push_back(Paragraph {
            QStringLiteral(
                "Demo report: everything in it is synthetic data about a fictional app (Vidzy) and a made-up "
                "person."),
            Paragraph::Warning });
    if (!c.options.redact)
        out.blocks.push_back(
            Paragraph { QStringLiteral("INTERNAL COPY, NOT REDACTED: do not publish or share."), Paragraph::Warning });
    const QString notes = inv.property(QStringLiteral("notes"));
    if (!notes.isEmpty())
        out.blocks.push_back(Paragraph { c.text(notes, 20000, true), Paragraph::Lead });
    return out;
}

Contribution notesAndBookmarks(Context& c)
{
    Contribution out;
    out.blocks.push_back(Heading { 1, QStringLiteral("Investigator's notes and bookmarked flows"), true });
    Table table;
    table.caption = QStringLiteral("Flows the investigator bookmarked or annotated");
    table.headers = { QStringLiteral("#"), QStringLiteral("Time (UTC)"), QStringLiteral("Request"),
        QStringLiteral("Note") };
    table.columnWeights = { 0.6, 2.2, 5, 4 };
    table.emptyText = QStringLiteral("No flow was bookmarked or annotated.");
    Statement st(c.investigation.db().handle(),
        "SELECT f.id, f.ts_start, f.method, f.url, n.note, n.bookmarked, f.capture_id, f.app_id FROM flow_notes n JOIN "
        "flows f ON f.id = n.flow_id ORDER BY f.ts_start, f.id");
    while (st.step()) {
        if (!c.options.filter.captureIds.isEmpty() && !c.options.filter.captureIds.contains(st.int64(6)))
            continue;
        if (!c.options.filter.appIds.isEmpty() && !c.options.filter.appIds.contains(st.int64(7)))
            continue;
        table.rows.push_back(
            { QString::number(st.int64(0)), st.int64(1) ? TimeUtil::formatIsoUtc(st.int64(1)) : QString(),
                c.text(st.text(2) + QLatin1Char(' ') + st.text(3)),
                (st.int64(5) ? QStringLiteral("★ ") : QString()) + c.text(st.text(4), 4000, true) });
    }
    out.blocks.push_back(table);
    return out;
}

Contribution methodology(Context& c)
{
    Investigation& inv = c.investigation;
    Contribution out;
    out.blocks.push_back(Heading { 1, QStringLiteral("Methodology"), true });
    out.blocks.push_back(Heading { 2, QStringLiteral("How the traffic was captured") });
    Table captures;
    captures.caption = QStringLiteral("Captures, as recorded with each file");
    captures.headers = { QStringLiteral("#"), QStringLiteral("File"), QStringLiteral("Format / producer"),
        QStringLiteral("Label and notes"), QStringLiteral("Flows") };
    captures.columnWeights = { 0.5, 3, 2.5, 4, 1 };
    for (const auto& cap : inv.captures()) {
        if (!c.options.filter.captureIds.isEmpty() && !c.options.filter.captureIds.contains(cap.id))
            continue;
        QString labelNotes = cap.label;
        if (!cap.notes.isEmpty())
            labelNotes += (labelNotes.isEmpty() ? QString() : QStringLiteral("; ")) + cap.notes;
        captures.rows.push_back({ QString::number(cap.id), cap.fileName,
            cap.producer.isEmpty() ? cap.format : QStringLiteral("%1 (%2)").arg(cap.format, cap.producer),
            c.text(labelNotes), QString::number(cap.flowCount + cap.connectionCount) });
    }
    out.blocks.push_back(captures);
    const QString notes = inv.property(QStringLiteral("notes"));
    out.blocks.push_back(Paragraph { notes.isEmpty()
            ? QStringLiteral("The investigator recorded no notes on how the captures were made.")
            : QStringLiteral("Investigator's description: ") + c.text(notes, 20000, true) });
    out.blocks.push_back(Heading { 2, QStringLiteral("How Leakscope analyses it") });
    out.blocks.push_back(BulletList { {
        QStringLiteral("Every capture file is read as it is: its SHA-256 is recorded at import and listed in the chain "
                       "of custody below."),
        QStringLiteral("Destinations are named from what the capture shows (the TLS server name, the HTTP host, or a "
                       "DNS answer in the same "
                       "capture). Server countries come from a GeoIP database; the company behind a domain from "
                       "Leakscope's entity list. "
                       "These are three different layers: where a server is, which network hosts it, and which company "
                       "controls the domain."),
        QStringLiteral("Personal data is found in decoded requests (compression, JSON, forms, protobuf, base64 and "
                       "similar encodings are "
                       "undone) by detectors that look at key names, value shapes and validation, and by matching the "
                       "investigator's own "
                       "planted identifiers in plain, encoded and hashed forms."),
        QStringLiteral(
            "Only what the device sent counts as a leak; responses from servers are not reported as the user's data."),
        QStringLiteral("Encrypted traffic that could not be decrypted is reported as such (destination and volume "
                       "only); its content is "
                       "never guessed."),
    } });
    out.blocks.push_back(Heading { 2, QStringLiteral("Confidence levels") });
    out.blocks.push_back(Table { QStringLiteral("What each confidence level means"),
        { QStringLiteral("Level"), QStringLiteral("Meaning") },
        { { QStringLiteral("high"),
              QStringLiteral("One of the investigator's own identifiers matched, or a structure that cannot be "
                             "anything else (such as media bytes of a plausible size).") },
            { QStringLiteral("medium"),
                QStringLiteral("A value of the right shape under a key whose name says what it is.") },
            { QStringLiteral("low"), QStringLiteral("A value of the right shape without a supporting key name.") } },
        { 1, 6 }, {} });
    return out;
}

Contribution referenceData(Context& c)
{
    Contribution out;
    out.blocks.push_back(Heading { 2, QStringLiteral("Reference data used") });
    Table table;
    table.caption = QStringLiteral("Data sets the findings rely on (a finding is only as good as the list behind it)");
    table.headers = { QStringLiteral("Data set"), QStringLiteral("Version / date"), QStringLiteral("Licence") };
    table.columnWeights = { 4, 2, 3 };
    table.emptyText = QStringLiteral("No reference data was used.");
    Statement st(c.investigation.db().handle(), "SELECT name, version, license FROM reference_data_used ORDER BY name");
    while (st.step())
        table.rows.push_back({ st.text(0), st.text(1), st.text(2) });
    out.blocks.push_back(table);
    return out;
}

Contribution chainOfCustody(Context& c)
{
    Contribution out;
    out.blocks.push_back(Heading { 1, QStringLiteral("Chain of custody"), true });
    out.blocks.push_back(Paragraph {
        QStringLiteral("The captures this report is based on, as they were imported. Anyone holding the same files can "
                       "check them with sha256sum and reproduce this report with the same version of Leakscope.") });
    Table table;
    table.caption = QStringLiteral("Capture files");
    table.headers = { QStringLiteral("#"), QStringLiteral("Original file name"), QStringLiteral("Size (bytes)"),
        QStringLiteral("SHA-256"), QStringLiteral("Imported (UTC)") };
    table.columnWeights = { 0.5, 3, 1.5, 6, 2.2 };
    for (const auto& cap : c.investigation.captures()) {
        if (!c.options.filter.captureIds.isEmpty() && !c.options.filter.captureIds.contains(cap.id))
            continue;
        table.rows.push_back({ QString::number(cap.id), cap.fileName, QString::number(cap.fileSize), cap.sha256,
            TimeUtil::formatIsoUtc(cap.importedAt) });
    }
    out.blocks.push_back(table);
    Facts facts;
    facts.items.emplace_back(QStringLiteral("Investigation file"), QFileInfo(c.investigation.path()).fileName());
    facts.items.emplace_back(QStringLiteral("Leakscope version"), QStringLiteral(LEAKSCOPE_VERSION));
    facts.items.emplace_back(QStringLiteral("Scope"), c.appLabel);
    out.blocks.push_back(facts);
    return out;
}

/// The apps in scope that have traffic matching the filter, in the investigation's order.
std::vector<Data::AppRecord> appsWithTraffic(Investigation& inv, const Data::Filter& filter)
{
    std::vector<Data::AppRecord> out;
    for (const Data::AppRecord& app : inv.apps()) {
        if (!filter.appIds.isEmpty() && !filter.appIds.contains(app.id))
            continue;
        Data::Filter one = filter;
        one.appIds = { app.id };
        const FilterSql flows(one, FilterSql::Table::Flows, "f");
        const QByteArray flowSql = "SELECT EXISTS (SELECT 1 FROM flows f WHERE 1" + flows.conditions() + ")";
        Statement f(inv.db().handle(), flowSql.constData());
        flows.bind(f);
        bool any = f.step() && f.int64(0);
        if (!any) {
            const FilterSql conns(one, FilterSql::Table::Connections, "c");
            const QByteArray connSql = "SELECT EXISTS (SELECT 1 FROM connections c WHERE 1" + conns.conditions() + ")";
            Statement c(inv.db().handle(), connSql.constData());
            conns.bind(c);
            any = c.step() && c.int64(0);
        }
        if (any)
            out.push_back(app);
    }
    return out;
}

qint64 unattributedRequests(Investigation& inv, const Data::Filter& filter)
{
    const FilterSql flows(filter, FilterSql::Table::Flows, "f");
    const QByteArray sql = "SELECT count(*) FROM flows f WHERE f.app_id IS NULL" + flows.conditions();
    Statement st(inv.db().handle(), sql.constData());
    flows.bind(st);
    return st.step() ? st.int64(0) : 0;
}

} // namespace

Model build(Investigation& inv, const Options& requested, QString* error)
{
    Options options = requested;
    QString appLabel = QStringLiteral("all apps");
    if (!options.appName.isEmpty()) {
        for (const auto& a : inv.apps()) {
            if (a.name.compare(options.appName, Qt::CaseInsensitive) == 0
                || a.package.compare(options.appName, Qt::CaseInsensitive) == 0) {
                options.filter.appIds.append(a.id);
                appLabel = a.name;
            }
        }
        if (options.filter.appIds.isEmpty()) {
            if (error)
                *error = QStringLiteral("no app \"%1\" in this investigation").arg(options.appName);
            return {};
        }
    }
    const std::vector<Data::AppRecord> apps = appsWithTraffic(inv, options.filter);
    if (appLabel == u"all apps" && apps.size() == 1)
        appLabel = apps.front().name; // the only app: name it
    const Redactor redactor(inv.db(), options.redact);
    Context context { inv, options, redactor, appLabel };

    Model model;
    model.redacted = options.redact;
    model.title = inv.title();
    model.subtitle = QStringLiteral("What %1 sent, and where: a Leakscope report")
                         .arg(appLabel == u"all apps" ? QStringLiteral("the apps") : appLabel);

    // Sections in reading order; each also contributes to the one-page summary. The sections about one app
    // (where its data goes, what data, uploads) form a part per app when the report covers several.
    const std::vector<SectionBuilder> perApp = {
        Sections::companies,
        Sections::countries,
        Sections::destinations,
        Sections::personalData,
        Sections::uploads,
    };
    const std::vector<SectionBuilder> closing = {
        Sections::unseen,
        notesAndBookmarks,
        methodology,
        referenceData,
        chainOfCustody,
    };
    std::vector<Contribution> parts;
    QStringList summary;
    auto run = [&](const SectionBuilder& section, Context& ctx) {
        parts.push_back(section(ctx));
        for (const QString& sentence : parts.back().summary)
            summary << (ctx.part.isEmpty() ? sentence : QStringLiteral("%1: %2").arg(ctx.part, sentence));
    };
    run(titlePage, context);

    if (apps.size() <= 1) {
        for (const SectionBuilder& section : perApp)
            run(section, context);
    } else {
        for (const Data::AppRecord& app : apps) {
            Options appOptions = options;
            appOptions.filter.appIds = { app.id };
            Context appContext { inv, appOptions, redactor, app.name, context.text(app.name, 120) };
            for (const SectionBuilder& section : perApp)
                run(section, appContext);
        }
        const qint64 unattributed = unattributedRequests(inv, options.filter);
        if (unattributed > 0)
            summary << QStringLiteral(
                "%1 requests could not be attributed to an app; they are left out of the per-app parts.")
                           .arg(unattributed);
    }
    for (const SectionBuilder& section : closing)
        run(section, context);

    model.blocks = std::move(parts.front().blocks);
    model.blocks.push_back(Heading { 1, QStringLiteral("Summary of findings"), true });
    if (summary.isEmpty())
        summary << QStringLiteral("The captures hold no traffic that Leakscope could attribute to %1.").arg(appLabel);
    model.blocks.push_back(BulletList { summary });
    for (size_t i = 1; i < parts.size(); ++i)
        std::move(parts[i].blocks.begin(), parts[i].blocks.end(), std::back_inserter(model.blocks));
    model.contentSha256 = QString::fromLatin1(Digest::sha256Hex(model.canonicalText().toUtf8()));
    return model;
}

} // namespace Report
