// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The overview's numbers and sentences (app/report/headlines) on the demo investigation, checked against the
// analysis tables they summarise, and on an investigation with nothing in it.
#include "detect/findingstore.h"
#include "enrich/destinationquery.h"
#include "pipeline/analysis.h"
#include "pipeline/captureimport.h"
#include "pipeline/demo.h"
#include "report/headlines.h"
#include "report/summarypass.h"
#include "store/analysisstate.h"
#include "store/database.h"
#include "store/investigation.h"
#include "testutils.h"
#include "uploads/uploadstore.h"

#include <QFile>
#include <QSet>
#include <QTest>
#include <QUrl>

using namespace TestUtils;

class TestHeadlines : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        m_demo = m_scratch.path(QStringLiteral("demo.leakscope"));
        QString error;
        QVERIFY2(Demo::build(m_demo, &error), qPrintable(error));
    }

    void durations()
    {
        QCOMPARE(Headlines::duration(250'000), QStringLiteral("250 ms"));
        QCOMPARE(Headlines::duration(41'200'000), QStringLiteral("41 s"));
        QCOMPARE(Headlines::duration(185'000'000), QStringLiteral("3 min 5 s"));
        QCOMPARE(Headlines::duration(120'000'000), QStringLiteral("2 min"));
        QCOMPARE(Headlines::duration(qint64(7440) * 1'000'000), QStringLiteral("2 h 4 min"));
    }

    void demoNumbersMatchTheTables()
    {
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        const Headlines::Summary s = Headlines::compute(inv->db(), {});

        // Receivers: one per parent company, or per registrable domain when no company is known.
        QSet<QString> companies, domains;
        for (const Data::DestinationRow& r : DestinationQuery::load(inv->db())) {
            if (!r.destination->entityName.isEmpty())
                companies.insert(r.destination->rootEntityName.isEmpty() ? r.destination->entityName
                                                                         : r.destination->rootEntityName);
            else
                domains.insert(r.destination->registrableDomain.isEmpty() ? r.destination->host
                                                                          : r.destination->registrableDomain);
        }
        QCOMPARE(s.companies, static_cast<int>(companies.size()));
        QCOMPARE(s.unknownOwners, static_cast<int>(domains.size()));
        QVERIFY(s.companies >= 5);
        QVERIFY(s.thirdParties >= 3 && s.thirdParties <= s.companies); // third parties among the named companies
        QVERIFY(companies.contains(QStringLiteral("AppLovin"))); // Adjust, counted under its parent
        for (size_t i = 1; i < s.receivers.size(); ++i)
            QVERIFY(s.receivers[i - 1].bytesSent >= s.receivers[i].bytesSent);
        QVERIFY(s.serverCountries.count(QStringLiteral("US")));

        // Categories: what the matrix holds at medium confidence or more, in TAXONOMY order.
        Data::Filter medium;
        medium.minConfidence = QStringLiteral("medium");
        QSet<QString> expected;
        for (const Data::MatrixCell& cell : FindingStore::matrix(inv->db(), medium))
            expected.insert(cell.category);
        QSet<QString> got;
        for (const Headlines::CategoryShare& c : s.categories) {
            got.insert(c.category);
            QVERIFY(c.findings > 0);
            QVERIFY(!c.receivers.isEmpty());
            QVERIFY(c.thirdPartyReceivers <= c.receivers.size());
        }
        QCOMPARE(got, expected);
        const auto location = std::find_if(s.categories.cbegin(), s.categories.cend(),
            [](const Headlines::CategoryShare& c) { return c.category == u"location.precise"; });
        QVERIFY(location != s.categories.cend());
        QVERIFY(location->thirdPartyReceivers >= 1);

        // The draft-vs-posted runs of the demo upload before Post.
        QVERIFY(s.uploadsBeforePost >= 1);
        QVERIFY(s.earliestBeforePostUs > 0);
        QCOMPARE(s.coverage.flows, inv->flowCount());
        QCOMPARE(s.coverage.connections, inv->db().pragmaInt("SELECT count(*) FROM connections"));

        // The sentences, in order: destinations first, data, uploads, what was not seen.
        QVERIFY(!s.headlines.empty());
        const QString parties = s.thirdParties == s.companies ? QStringLiteral("all third parties")
                                                              : QStringLiteral("%1 third parties").arg(s.thirdParties);
        QVERIFY2(s.headlines.front().text.startsWith(
                     QStringLiteral("Sent data to %1 companies (%2) and %3 domains of unknown owner")
                         .arg(s.companies)
                         .arg(parties)
                         .arg(s.unknownOwners)),
            qPrintable(s.headlines.front().text));
        QCOMPARE(s.headlines.front().evidence, Headlines::Evidence::Destinations);
        bool locationSentence = false, uploadSentence = false;
        for (const Headlines::Headline& h : s.headlines) {
            QVERIFY2(h.text.endsWith(u'.'), qPrintable(h.text));
            if (h.categories == QStringList { QStringLiteral("location.precise") }) {
                locationSentence = true;
                QCOMPARE(h.evidence, Headlines::Evidence::Data);
                QVERIFY2(h.text.contains(QStringLiteral("third part")), qPrintable(h.text));
            }
            if (h.evidence == Headlines::Evidence::Uploads && h.text.contains(QStringLiteral("before Post"))) {
                uploadSentence = true;
                QVERIFY2(h.text.contains(Headlines::duration(s.earliestBeforePostUs)), qPrintable(h.text));
            }
        }
        QVERIFY(locationSentence);
        QVERIFY(uploadSentence);
    }

    void filterNarrowsEverything()
    {
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        Data::Filter us;
        us.countries = { QStringLiteral("US") };
        const Headlines::Summary all = Headlines::compute(inv->db(), {});
        const Headlines::Summary s = Headlines::compute(inv->db(), us);
        QVERIFY(s.coverage.flows > 0 && s.coverage.flows < all.coverage.flows);
        QCOMPARE(s.serverCountries.size(), size_t(1));
        QVERIFY(s.companies <= all.companies);

        Data::Filter none;
        none.from = 1; // a time range before any capture
        none.to = 2;
        const Headlines::Summary empty = Headlines::compute(inv->db(), none);
        QCOMPARE(empty.coverage.flows, 0);
        QCOMPARE(empty.headlines.size(), size_t(1));
    }

    void uploadsFollowEveryPartOfTheFilter()
    {
        // A session matches a server country, company, category or text when one of its requests does; an
        // encrypted burst never carries a category (unseen), matches a text in its host, and a country or company
        // through its destination's connections in its capture. Expected sets read here with plain SQL.
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        Database& db = inv->db();
        const auto idsOf = [](const auto& rows) {
            QSet<qint64> ids;
            for (const auto& r : rows)
                ids.insert(r.id);
            return ids;
        };
        const auto sessionIds = [&](const Data::Filter& f) { return idsOf(UploadStore::sessions(db, f)); };
        const auto burstIds = [&](const Data::Filter& f) { return idsOf(UploadStore::bursts(db, f)); };
        const auto values = [&db](const char* sql) {
            QStringList out;
            Statement st(db.handle(), sql);
            while (st.step())
                out.append(st.text(0));
            return out;
        };
        const auto expected = [&db](const char* sql, const QString& value) {
            QSet<qint64> ids;
            Statement st(db.handle(), sql);
            st.bind(1, value);
            while (st.step())
                ids.insert(st.int64(0));
            return ids;
        };
        const QSet<qint64> all = sessionIds({});
        QVERIFY(!all.isEmpty());
        Data::Filter f;
        int checked = 0;
        for (const QString& country :
            values("SELECT DISTINCT country FROM flow_destinations WHERE country IS NOT NULL")) {
            f = {};
            f.countries = { country };
            QCOMPARE(sessionIds(f),
                expected("SELECT DISTINCT u.session_id FROM upload_flows u JOIN flow_destinations fd ON fd.flow_id = "
                         "u.flow_id WHERE fd.country = ?1",
                    country));
            QCOMPARE(burstIds(f),
                expected("SELECT DISTINCT b.id FROM upload_bursts b JOIN destinations d ON d.app_id IS b.app_id AND "
                         "d.host = b.host JOIN connection_destinations cd ON cd.destination_id = d.id JOIN connections "
                         "c ON c.id = cd.connection_id AND c.capture_id = b.capture_id WHERE cd.country = ?1",
                    country));
            ++checked;
        }
        for (const QString& company :
            values("SELECT DISTINCT entity_id FROM destinations WHERE entity_id IS NOT NULL")) {
            f = {};
            f.companies = { company };
            QCOMPARE(sessionIds(f),
                expected("SELECT DISTINCT u.session_id FROM upload_flows u JOIN flow_destinations fd ON fd.flow_id = "
                         "u.flow_id JOIN destinations d ON d.id = fd.destination_id WHERE d.entity_id = ?1 OR "
                         "d.root_entity_id = ?1",
                    company));
            ++checked;
        }
        for (const QString& category : values("SELECT DISTINCT category FROM findings WHERE direction = 'request'")) {
            f = {};
            f.categories = { category };
            QCOMPARE(sessionIds(f),
                expected("SELECT DISTINCT u.session_id FROM upload_flows u JOIN findings fi ON fi.flow_id = u.flow_id "
                         "WHERE fi.category = ?1 AND fi.direction = 'request'",
                    category));
            QVERIFY(burstIds(f).isEmpty()); // what an encrypted burst carried was not seen
            ++checked;
        }
        QVERIFY(checked > 5);
        // A text: in a session's URL (its requests'), in a burst's host; upper case matches as in every filter.
        Statement session(db.handle(),
            "SELECT u.session_id, f.url FROM upload_flows u JOIN flows f ON f.id = u.flow_id "
            "WHERE f.url IS NOT NULL LIMIT 1");
        QVERIFY(session.step());
        f = {};
        f.text = QUrl(session.text(1)).path().toUpper();
        QVERIFY(sessionIds(f).contains(session.int64(0)));
        f.text = QStringLiteral("no such text anywhere");
        QVERIFY(sessionIds(f).isEmpty());
        QVERIFY(burstIds(f).isEmpty());
        const QSet<qint64> bursts = burstIds({});
        if (!bursts.isEmpty()) {
            Statement burst(db.handle(), "SELECT id, host FROM upload_bursts LIMIT 1");
            QVERIFY(burst.step());
            f.text = burst.text(1).toUpper();
            QVERIFY(burstIds(f).contains(burst.int64(0)));
        }
        // The Overview's uploads sentence follows: a country no request went to has no upload before Post.
        f = {};
        f.countries = { QStringLiteral("AQ") };
        QCOMPARE(Headlines::compute(db, f).uploadsBeforePost, 0);
    }

    void emptyInvestigation()
    {
        const QString path = m_scratch.path(QStringLiteral("empty.leakscope"));
        auto inv = Investigation::open(path, Investigation::OpenMode::Create);
        const Headlines::Summary s = Headlines::compute(inv->db(), {});
        QCOMPARE(s.companies, 0);
        QVERIFY(s.categories.empty());
        QCOMPARE(s.headlines.size(), size_t(1));
        QCOMPARE(s.headlines.front().text, QStringLiteral("No traffic matches the current filter."));
    }

    // The summary pass keeps the unfiltered summary in the file: reading it back gives exactly what computing
    // it gives, and only while it still describes the captures.
    void storedSummaryIsTheComputedOne()
    {
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        QVERIFY(AnalysisState::isCurrent(inv->db(), QStringLiteral("summaries"), SummaryPass().schemaVersion()));
        QCOMPARE(inv->db().pragmaInt("SELECT count(*) FROM stored_summaries"), 2);
        const QByteArray computed = Headlines::encode(Headlines::compute(inv->db(), {}));
        QCOMPARE(Headlines::encode(SummaryPass::overview(inv->db(), {})), computed);
        const std::optional<Headlines::Summary> back = Headlines::decode(computed);
        QVERIFY(back);
        QCOMPARE(Headlines::encode(*back), computed);
        QVERIFY(back->companies >= 5 && !back->headlines.empty() && !back->categories.empty());

        // The Data page's matrix too.
        const QByteArray matrix = SummaryPass::encodeMatrix(FindingStore::matrix(inv->db(), {}));
        QCOMPARE(SummaryPass::encodeMatrix(SummaryPass::matrix(inv->db(), {})), matrix);
        const auto cells = SummaryPass::decodeMatrix(matrix);
        QVERIFY(cells && cells->size() > 10);
        QCOMPARE(SummaryPass::encodeMatrix(*cells), matrix);
        QVERIFY(!SummaryPass::decodeMatrix(matrix.left(matrix.size() - 1)));
        QVERIFY(!SummaryPass::decodeMatrix(QByteArray("LSMX") + QByteArray(6, '\xff')));

        // Any other filter is computed.
        Data::Filter us;
        us.countries = { QStringLiteral("US") };
        QCOMPARE(Headlines::encode(SummaryPass::overview(inv->db(), us)),
            Headlines::encode(Headlines::compute(inv->db(), us)));
        QCOMPARE(SummaryPass::encodeMatrix(SummaryPass::matrix(inv->db(), us)),
            SummaryPass::encodeMatrix(FindingStore::matrix(inv->db(), us)));
    }

    void decodeRefusesOtherBytes()
    {
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        const QByteArray good = Headlines::encode(Headlines::compute(inv->db(), {}));
        QVERIFY(!Headlines::decode({}));
        QVERIFY(!Headlines::decode(good.left(good.size() / 2))); // truncated
        QVERIFY(!Headlines::decode(good + '\0')); // trailing bytes
        QByteArray otherLayout = good;
        otherLayout[5] = char(otherLayout[5] + 1); // the layout number after the 4-byte magic
        QVERIFY(!Headlines::decode(otherLayout));
        QByteArray huge = good.left(6);
        huge.append(QByteArray("\xff\xff\xff\xff", 4)); // 4 billion receivers announced, none there
        QVERIFY(!Headlines::decode(huge));
    }

    // A stored summary that no longer describes the captures is never shown: importing marks every pass stale in
    // the import's own transaction, and an analysis stopped half-way leaves the passes it did not finish stale.
    void storedSummaryGoesStaleWithTheCaptures()
    {
        const QString path = m_scratch.path(QStringLiteral("stale.leakscope"));
        QVERIFY(QFile::copy(m_demo, path));
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
        QVERIFY(Analysis::isCurrent(*inv));
        const qint64 flowsBefore = SummaryPass::overview(inv->db(), {}).coverage.flows;

        QVERIFY(importCapture(*inv, { data(QStringLiteral("har/httpolice__firefox_gif.har")), {}, {}, {} }).ok);
        QVERIFY(!Analysis::isCurrent(*inv));
        QCOMPARE(Analysis::ensureTables(*inv).size(), Analysis::createPasses().size()); // all re-run at next open
        const Headlines::Summary afterImport = SummaryPass::overview(inv->db(), {});
        QVERIFY(afterImport.coverage.flows > flowsBefore); // computed from the tables, not the stored copy

        // Cancelled after the first pass (each pass counts 1000): the passes after it stay stale.
        const Analysis::Outcome cancelled = Analysis::run(*inv, {}, [](qint64 done, qint64) { return done <= 1000; });
        QVERIFY(cancelled.cancelled);
        const QStringList left = Analysis::ensureTables(*inv);
        QVERIFY2(left.contains(QStringLiteral("summaries")), qPrintable(left.join(u' ')));
        QVERIFY2(!left.contains(QStringLiteral("enrich")), qPrintable(left.join(u' ')));
        QCOMPARE(Headlines::encode(SummaryPass::overview(inv->db(), {})),
            Headlines::encode(Headlines::compute(inv->db(), {})));
        QCOMPARE(SummaryPass::encodeMatrix(SummaryPass::matrix(inv->db(), {})),
            SummaryPass::encodeMatrix(FindingStore::matrix(inv->db(), {})));

        QVERIFY(Analysis::run(*inv).ok);
        QVERIFY(Analysis::isCurrent(*inv));
        QCOMPARE(SummaryPass::overview(inv->db(), {}).coverage.flows, afterImport.coverage.flows);
    }

    // An index added by a later version reaches a file analysed before it when the file is opened, without a
    // re-run of the analysis (AnalysisPass::ensureIndexes).
    void laterIndexesReachOlderFiles()
    {
        const QString path = m_scratch.path(QStringLiteral("older.leakscope"));
        QVERIFY(QFile::copy(m_demo, path));
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
        const char* const count = "SELECT count(*) FROM sqlite_schema WHERE name = 'findings_timeline'";
        QCOMPARE(inv->db().pragmaInt(count), 1);
        inv->db().exec("DROP INDEX findings_timeline");
        QCOMPARE(inv->db().pragmaInt(count), 0);
        QVERIFY(Analysis::ensureTables(*inv).isEmpty()); // nothing to recompute
        QCOMPARE(inv->db().pragmaInt(count), 1);
    }

private:
    Scratch m_scratch;
    QString m_demo;
};

QTEST_GUILESS_MAIN(TestHeadlines)
#include "tst_headlines.moc"
