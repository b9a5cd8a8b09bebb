// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "textindex.h"

#include "store/analysisstate.h"
#include "store/database.h"
#include "store/filtersql.h"
#include "store/investigation.h"
#include "store/schema.h"

#include <QSet>

#include <algorithm>

namespace {

constexpr qint64 kRowsPerStep = 20000; ///< rows indexed between two progress reports

bool hasIndex(Database& db)
{
    Statement& st = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('flow_text', 'finding_text')");
    const bool ok = st.step() && st.int64(0) == 2;
    st.reset();
    return ok;
}

/// Copies the searched columns of `table`'s rows into `index`, in id ranges so that progress and cancel work.
bool fill(Database& db, const char* index, const char* columns, const char* table,
    const std::function<bool(qint64, qint64)>& step)
{
    // Statements of their own: Database::prepare() caches by the SQL's address, for literals only.
    const QByteArray rangeSql = QByteArray("SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM ") + table;
    Statement range(db.handle(), rangeSql.constData());
    range.step();
    const qint64 first = range.int64(0), last = range.int64(1);
    const QByteArray insertSql = QByteArray("INSERT INTO ") + index + " (rowid, " + columns + ") SELECT id, " + columns
        + " FROM " + table + " WHERE id >= ?1 AND id < ?2";
    Statement insert(db.handle(), insertSql.constData());
    for (qint64 from = first; from <= last; from += kRowsPerStep) {
        insert.bind(1, from).bind(2, from + kRowsPerStep);
        insert.run();
        if (!step(from + kRowsPerStep - first, last + 1 - first))
            return false;
    }
    return true;
}

/// The ids of `table`'s rows meeting `where` (FilterSql's text conditions), narrowed by the index when
/// `indexQuery` is not empty.
std::vector<qint64> ids(
    Database& db, const char* table, const char* index, const FilterSql& where, const QString& indexQuery)
{
    QByteArray sql = QByteArray("SELECT t.id FROM ") + table + " t WHERE 1";
    if (!indexQuery.isEmpty())
        sql += QByteArray(" AND t.id IN (SELECT rowid FROM ") + index + " WHERE " + index + " MATCH ?1)";
    sql += where.conditions();
    Statement st(db.handle(), sql.constData());
    if (!indexQuery.isEmpty())
        st.bind(1, indexQuery);
    where.bind(st);
    std::vector<qint64> out;
    while (st.step())
        out.push_back(st.int64(0));
    std::sort(out.begin(), out.end());
    return out;
}

/// Reads through SQLite's page cache instead of the connection's memory map while it lives. A search reads its
/// candidate rows once each, scattered over the file: mapped, each page costs a page fault, and the same search
/// took 1.7–2.1× as long as reading the pages (0.75 against 0.43 s for a text in 250 000 of a million flows, 80
/// against 60 ms for a text in 80 of them; `bench_ui`'s text filters).
class WithoutMemoryMap
{
public:
    explicit WithoutMemoryMap(Database& db)
        : m_db(db)
        , m_mapped(db.pragmaInt("PRAGMA mmap_size"))
    {
        m_db.exec("PRAGMA mmap_size = 0");
    }
    ~WithoutMemoryMap()
    {
        try {
            m_db.exec(QByteArray("PRAGMA mmap_size = ").append(QByteArray::number(m_mapped)).constData());
        } catch (const StoreError&) { // a destructor must not throw; the connection only reads more slowly
        }
    }
    WithoutMemoryMap(const WithoutMemoryMap&) = delete;
    WithoutMemoryMap& operator=(const WithoutMemoryMap&) = delete;

private:
    Database& m_db;
    qint64 m_mapped;
};

} // namespace

QStringList TextIndexPass::tables() const
{
    return { QStringLiteral("flow_text"), QStringLiteral("finding_text") };
}

void TextIndexPass::createTables(Database& db)
{
    // Contentless (the text stays in flows and findings) and without positions: candidates are tested against
    // the rows themselves, so the index only has to say which rows hold every sequence of a text.
    db.exec(Schema::FlowTextIndexSql);
    db.exec(Schema::FindingTextIndexSql);
}

void TextIndexPass::clearTables(Database& db)
{
    db.exec("INSERT INTO flow_text (flow_text) VALUES ('delete-all');"
            "INSERT INTO finding_text (finding_text) VALUES ('delete-all');");
}

bool TextIndexPass::run(Investigation& investigation, const ProgressCallback& progress)
{
    Database& db = investigation.db();
    // Flows are most of the work: reported as the first 90 %.
    const auto flowsStep = [&](qint64 done, qint64 total) {
        return !progress || progress(std::min(done, total) * 90 / std::max<qint64>(total, 1), 100);
    };
    const auto findingsStep = [&](qint64 done, qint64 total) {
        return !progress || progress(90 + std::min(done, total) * 10 / std::max<qint64>(total, 1), 100);
    };
    return fill(db, "flow_text", "url, host, req_headers, resp_headers", "flows", flowsStep)
        && fill(db, "finding_text", "host, category, key, evidence, known_identifier", "findings", findingsStep);
}

namespace TextSearch {

QString indexQuery(const QString& text, int limit)
{
    const QList<uint> points = text.toUcs4();
    const qsizetype sequences = points.size() - 2;
    if (sequences <= 0)
        return {};
    QStringList terms;
    QSet<QString> seen;
    // Evenly spread over the text when it has more sequences than the limit.
    const qsizetype count = std::min<qsizetype>(sequences, limit);
    for (qsizetype k = 0; k < count; ++k) {
        const qsizetype i = count == 1 ? 0 : k * (sequences - 1) / (count - 1);
        QString term = QString::fromUcs4(reinterpret_cast<const char32_t*>(points.constData() + i), 3);
        if (seen.contains(term))
            continue;
        seen.insert(term);
        terms.append(QLatin1Char('"') + term.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"'));
    }
    return terms.join(QLatin1String(" AND "));
}

Matches find(Database& db, const QString& text)
{
    const TextIndexPass pass;
    const bool indexed = hasIndex(db) && AnalysisState::isCurrent(db, pass.id(), pass.schemaVersion());
    const QString query = indexed ? indexQuery(text) : QString();
    Data::Filter filter;
    filter.text = text;
    const WithoutMemoryMap unmapped(db);
    Matches out;
    out.flows = ids(db, "flows", "flow_text", FilterSql(filter, FilterSql::Table::Flows, "t"), query);
    out.findings = ids(db, "findings", "finding_text", FilterSql(filter, FilterSql::Table::Findings, "t"), query);
    return out;
}

} // namespace TextSearch
