// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The search index (TextIndexPass) and TextSearch::find: the same rows as the SQL text filter, with the index
// and without it (stale, or texts too short for it), kept in step with the captures by the analysis.
#include "pipeline/analysis.h"
#include "pipeline/captureimport.h"
#include "pipeline/demo.h"
#include "search/textindex.h"
#include "store/analysisstate.h"
#include "store/database.h"
#include "store/filtersql.h"
#include "store/investigation.h"
#include "testutils.h"

#include <QTest>

#include <algorithm>

using namespace TestUtils;

namespace {

/// The SQL filter's answer: ids of `table`'s rows whose text columns contain `text`, ascending.
std::vector<qint64> byLike(Database& db, const char* table, FilterSql::Table kind, const QString& text)
{
    Data::Filter f;
    f.text = text;
    const FilterSql where(f, kind, "t");
    const QByteArray sql = QByteArray("SELECT t.id FROM ") + table + " t WHERE 1" + where.conditions() + " ORDER BY 1";
    Statement st(db.handle(), sql.constData());
    where.bind(st);
    std::vector<qint64> out;
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

qint64 count(Database& db, const char* sql, const QString& parameter = {})
{
    Statement st(db.handle(), sql);
    if (!parameter.isNull())
        st.bind(1, parameter);
    return st.step() ? st.int64(0) : -1;
}

} // namespace

class TestTextIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        m_path = m_scratch.path(QStringLiteral("s.leakscope"));
        QString error;
        QVERIFY2(Demo::build(m_path, &error), qPrintable(error));
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadWrite);
        for (const char* file : { "har/mitmproxy__har_files_chrome.har", "har/httpolice__chrome_http2.har" })
            QVERIFY(importCapture(*inv, { data(QString::fromLatin1(file)), {}, {}, {} }).ok);
        QVERIFY(Analysis::run(*inv).ok);
    }

    void queriesEveryThreeCharacterSequence()
    {
        using TextSearch::indexQuery;
        QCOMPARE(indexQuery(QStringLiteral("ab")), QString());
        QCOMPARE(indexQuery(QString()), QString());
        QCOMPARE(indexQuery(QStringLiteral("abc")), QStringLiteral("\"abc\""));
        QCOMPARE(indexQuery(QStringLiteral("abcd")), QStringLiteral("\"abc\" AND \"bcd\""));
        QCOMPARE(indexQuery(QStringLiteral("aaaaa")), QStringLiteral("\"aaa\"")); // once
        // FTS5's quote is doubled inside a term; operators and brackets are only text there.
        QCOMPARE(indexQuery(QStringLiteral("a\"b(")), QStringLiteral("\"a\"\"b\" AND \"\"\"b(\""));
        QCOMPARE(indexQuery(QStringLiteral("OR*")), QStringLiteral("\"OR*\""));
        // A character outside the BMP is one character, as for the trigram tokenizer.
        QCOMPARE(indexQuery(QStringLiteral("x\U0001F600y")), QStringLiteral("\"x\U0001F600y\""));
        // Long texts: at most the limit, spread from the first sequence to the last.
        const QString longText = QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789");
        const QStringList terms = indexQuery(longText, 5).split(QStringLiteral(" AND "));
        QCOMPARE(terms.size(), 5);
        QCOMPARE(terms.front(), QStringLiteral("\"abc\""));
        QCOMPARE(terms.back(), QStringLiteral("\"789\""));
    }

    void findsWhatTheSqlFilterFinds()
    {
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadWrite);
        Database& db = inv->db();
        const TextIndexPass pass;
        QVERIFY(AnalysisState::isCurrent(db, pass.id(), pass.schemaVersion()));
        QVERIFY(count(db, "SELECT count(*) FROM flows") > 20);
        const QStringList texts = { QStringLiteral("vidzy"), QStringLiteral("VIDZY"), QStringLiteral("content-type"),
            QStringLiteral("gzip"), QStringLiteral("advertising"), QStringLiteral("ad_id"), QStringLiteral("ad%id"),
            QStringLiteral("e"), QStringLiteral("\"x\""), QStringLiteral("\u00e9t\u00e9"),
            QStringLiteral("nothing-like-this") };
        int nonEmpty = 0;
        for (bool stale : { false, true }) {
            if (stale) // as after an import, before the analysis: every row is read
                AnalysisState::markStale(db, { pass.id() });
            for (const QString& text : texts) {
                const TextSearch::Matches found = TextSearch::find(db, text);
                const TextSearch::Matches* m = &found;
                QVERIFY2(m->flows == byLike(db, "flows", FilterSql::Table::Flows, text), qPrintable(text));
                QVERIFY2(m->findings == byLike(db, "findings", FilterSql::Table::Findings, text), qPrintable(text));
                nonEmpty += !m->flows.empty() + !m->findings.empty();
            }
        }
        QVERIFY(nonEmpty >= 12);
        // The search reads without the connection's memory map and gives it back.
        auto reader = Investigation::open(m_path, Investigation::OpenMode::ReadOnly);
        const qint64 mapped = reader->db().pragmaInt("PRAGMA mmap_size");
        QVERIFY(mapped > 0);
        TextSearch::find(reader->db(), QStringLiteral("vidzy"));
        QCOMPARE(reader->db().pragmaInt("PRAGMA mmap_size"), mapped);
    }

    void theIndexNarrowsAndFollowsTheCaptures()
    {
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadWrite);
        Database& db = inv->db();
        QVERIFY(Analysis::run(*inv).ok);
        const char* candidates = "SELECT count(*) FROM flow_text WHERE flow_text MATCH ?1";
        const QString query = TextSearch::indexQuery(QStringLiteral("vidzy"));
        const qint64 before = count(db, candidates, query);
        QVERIFY(before > 0);
        QVERIFY(before < count(db, "SELECT count(*) FROM flows")); // it narrows
        QCOMPARE(count(db, "SELECT count(*) FROM finding_text WHERE finding_text MATCH ?1", query),
            static_cast<qint64>(byLike(db, "findings", FilterSql::Table::Findings, QStringLiteral("vidzy")).size()));
        // Removing the demo's capture and analysing again leaves no entry of its flows.
        const qint64 demoCapture = inv->captures().front().id;
        inv->removeCapture(demoCapture);
        QVERIFY(Analysis::run(*inv).ok);
        QCOMPARE(count(db, candidates, query),
            static_cast<qint64>(byLike(db, "flows", FilterSql::Table::Flows, QStringLiteral("vidzy")).size()));
    }

private:
    Scratch m_scratch;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestTextIndex)
#include "tst_textindex.moc"
