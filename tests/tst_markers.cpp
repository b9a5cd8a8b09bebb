// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Markers: the CSV format (good, broken and odd files, exact errors with line numbers), the store, clock
// alignment with a sync beacon, and the classification of uploads against markers (research §8.4), edge cases
// included: no Post marker, an upload spanning Post, a clock offset, no markers at all.
#include "pipeline/analysis.h"
#include "store/markerstore.h"
#include "testutils.h"
#include "uploadfixtures.h"
#include "uploads/classification.h"
#include "uploads/clocksync.h"
#include "uploads/markerscsv.h"
#include "uploads/markersimport.h"
#include "uploads/uploadstore.h"

#include <QTest>

using namespace TestUtils;
using namespace UploadFixtures;

namespace {

Data::UploadChunk chunk(double from, qint64 offset, qint64 length, bool retry = false)
{
    Data::UploadChunk c;
    c.tsStart = at(from);
    c.tsEnd = at(from + 0.4);
    c.offset = offset;
    c.length = length;
    c.retry = retry;
    c.kept = true;
    c.status = 200;
    return c;
}

std::vector<Uploads::AlignedMarker> markers(std::initializer_list<std::pair<double, const char*>> list)
{
    std::vector<Uploads::AlignedMarker> out;
    for (const auto& [t, label] : list)
        out.push_back({ at(t), QString::fromLatin1(label) });
    return out;
}

Data::UploadSession session(const std::vector<Data::UploadChunk>& chunks)
{
    Data::UploadSession s;
    s.started = chunks.front().tsStart;
    for (const auto& c : chunks) {
        s.finished = std::max(s.finished, c.tsEnd);
        if (!c.retry)
            s.bytes += c.length;
    }
    s.total = s.bytes;
    s.complete = true;
    return s;
}

} // namespace

class TestMarkers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvGood()
    {
        QString error;
        const auto m =
            MarkersCsv::parse("\xEF\xBB\xBFtimestamp,label,note\r\n"
                              "2026-11-20T14:03:05.250Z,opened_composer,\r\n"
                              "2026-11-20T06:03:07-08:00,media_selected,\"the clip, 4 s\"\r\n"
                              "\r\n"
                              "2026-11-20T15:03:09.5+01:00,caption_done,\"typed \"\"purple\"\"\r\nthen stopped\"\r\n"
                              "2026-11-20T14:03:10Z,tapped_post,",
                &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->size(), size_t(4));
        QCOMPARE((*m)[0].ts, *TimeUtil::parseIso8601(u"2026-11-20T14:03:05.250Z"));
        QCOMPARE((*m)[1].ts, *TimeUtil::parseIso8601(u"2026-11-20T14:03:07Z"));
        QCOMPARE((*m)[1].note, QStringLiteral("the clip, 4 s"));
        QCOMPARE((*m)[2].ts, *TimeUtil::parseIso8601(u"2026-11-20T14:03:09.5Z"));
        QCOMPARE((*m)[2].note, QStringLiteral("typed \"purple\"\r\nthen stopped"));
        QCOMPARE((*m)[3].label, QStringLiteral("tapped_post"));
        // Two columns are enough; the written form reads back the same.
        const auto two = MarkersCsv::parse("Timestamp,Label\n2026-11-20T14:00:00Z,app_opened\n", &error);
        QVERIFY2(two && two->size() == 1, qPrintable(error));
        const auto back = MarkersCsv::parse(MarkersCsv::write(*m), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->size(), m->size());
        for (size_t i = 0; i < m->size(); ++i) {
            QCOMPARE((*back)[i].ts, (*m)[i].ts);
            QCOMPARE((*back)[i].note, (*m)[i].note);
        }
    }

    void csvErrors_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QByteArray("")
                               << "the file is empty; expected the header line \"timestamp,label,note\"";
        QTest::newRow("wrong header")
            << QByteArray("time,label\n")
            << "line 1: the header must be \"timestamp,label\" or \"timestamp,label,note\", not \"time,label\"";
        QTest::newRow("no offset") << QByteArray("timestamp,label\n2026-11-20T14:00:00Z,a\n2026-11-20T14:00:01,b\n")
                                   << "line 3: \"2026-11-20T14:00:01\" is not an ISO-8601 time with a UTC offset or Z "
                                      "(e.g. 2026-11-20T14:03:05.250Z)";
        QTest::newRow("not a time")
            << QByteArray("timestamp,label\nyesterday,a\n")
            << "line 2: \"yesterday\" is not an ISO-8601 time with a UTC offset or Z (e.g. 2026-11-20T14:03:05.250Z)";
        QTest::newRow("impossible date") << QByteArray("timestamp,label\n2026-13-40T14:00:00Z,a\n")
                                         << "line 2: \"2026-13-40T14:00:00Z\" is not a valid date and time";
        QTest::newRow("empty label") << QByteArray("timestamp,label,note\n2026-11-20T14:00:00Z, ,x\n")
                                     << "line 2: the label is empty";
        QTest::newRow("too many fields")
            << QByteArray("timestamp,label,note\n2026-11-20T14:00:00Z,a,b,c\n")
            << "line 2: 4 field(s), the header has 3 (put a text with commas in double quotes)";
        QTest::newRow("too few fields") << QByteArray("timestamp,label,note\n2026-11-20T14:00:00Z\n")
                                        << "line 2: 1 field(s), the header has 3";
        QTest::newRow("unclosed quote") << QByteArray("timestamp,label,note\n2026-11-20T14:00:00Z,a,\"open\n\n")
                                        << "line 2: a quoted field is not closed (missing \")";
        QTest::newRow("text after quote")
            << QByteArray("timestamp,label\n2026-11-20T14:00:00Z,\"a\"b\n")
            << "line 2: unexpected text after a closing quote; write a quote inside a quoted field as \"\"";
        QTest::newRow("stray quote")
            << QByteArray("timestamp,label\n2026-11-20T14:00:00Z,a\"b\n")
            << "line 2: a quote inside an unquoted field; put the field in double quotes and write the quote as \"\"";
        QTest::newRow("line count after a multi-line note")
            << QByteArray("timestamp,label,note\n2026-11-20T14:00:00Z,a,\"one\ntwo\"\nbad,b,c\n")
            << "line 4: \"bad\" is not an ISO-8601 time with a UTC offset or Z (e.g. 2026-11-20T14:03:05.250Z)";
        QTest::newRow("not UTF-8") << QByteArray(
            "timestamp,label\n2026-11-20T14:00:00Z,ok\n2026-11-20T14:00:01Z,caf\xE9\n")
                                   << "line 3: not valid UTF-8 text";
        QTest::newRow("binary") << QByteArray("timestamp,label\n\0\0\0", 19)
                                << "the file contains NUL bytes; it is not a CSV text file";
        QTest::newRow("too long label") << QByteArray("timestamp,label\n2026-11-20T14:00:00Z,") + QByteArray(201, 'x')
                                        << "line 2: the label is longer than 200 characters";
    }

    void csvErrors()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, error);
        QString why;
        QVERIFY(!MarkersCsv::parse(csv, &why));
        QCOMPARE(why, error);
    }

    void csvTooLarge()
    {
        QString why;
        QVERIFY(!MarkersCsv::parse(QByteArray(MarkersCsv::MaxBytes + 1, 'a'), &why));
        QVERIFY(why.startsWith(QStringLiteral("the file is larger than 4 MiB")));
    }

    void classification_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("classification");
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<double>("deltaSeconds");
        QTest::addColumn<double>("share");
        QTest::addColumn<bool>("fully");
        QTest::addColumn<bool>("uncertain");
        // Chunks at 10, 11, 12 s (100 bytes each, 0.4 s long).
        QTest::newRow("pre-post upload") << "pre-post"
                                         << "before_post"
                                         << "tapped_next"
                                         << "caption_started" << 20.0 << 1.0 << true << false;
        QTest::newRow("no post marker") << "no-post"
                                        << "before_post"
                                        << "tapped_next"
                                        << "discarded" << 0.0 << 1.0 << true << false;
        QTest::newRow("spans post") << "spans"
                                    << "before_post"
                                    << "tapped_next"
                                    << "tapped_post" << 1.5 << 2.0 / 3 << false << false;
        QTest::newRow("after post") << "after"
                                    << "after_post"
                                    << "tapped_post"
                                    << "app_backgrounded" << -5.0 << 0.0 << false << false;
        QTest::newRow("just before post") << "close"
                                          << "before_post"
                                          << "tapped_next"
                                          << "tapped_post" << 0.5 << 1.0 / 3 << false << true;
        QTest::newRow("no markers") << "none"
                                    << "unknown"
                                    << ""
                                    << "" << 0.0 << 0.0 << false << false;
    }

    void classification()
    {
        QFETCH(QString, name);
        QFETCH(QString, classification);
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(double, deltaSeconds);
        QFETCH(double, share);
        QFETCH(bool, fully);
        QFETCH(bool, uncertain);
        const std::vector<Data::UploadChunk> chunks = { chunk(10, 0, 100), chunk(11, 100, 100), chunk(12, 200, 100) };
        Data::UploadSession s = session(chunks);
        std::vector<Uploads::AlignedMarker> m;
        if (name == u"pre-post")
            m = markers(
                { { 5, "media_selected" }, { 9, "tapped_next" }, { 15, "caption_started" }, { 30, "tapped_post" } });
        else if (name == u"no-post")
            m = markers({ { 9, "tapped_next" }, { 30, "discarded" } });
        else if (name == u"spans")
            m = markers({ { 9, "tapped_next" }, { 11.5, "tapped_post" } });
        else if (name == u"after")
            m = markers({ { 5, "tapped_post" }, { 40, "app_backgrounded" } });
        else if (name == u"close")
            m = markers({ { 9, "tapped_next" }, { 10.5, "tapped_post" } });
        Uploads::classify(s, chunks, m);
        QCOMPARE(s.classification, classification);
        QCOMPARE(s.beforeMarker, before);
        QCOMPARE(s.afterMarker, after);
        QCOMPARE(double(s.postDeltaUs) / 1e6, deltaSeconds);
        QVERIFY2(qAbs(s.shareBeforePost - share) < 1e-9, qPrintable(QString::number(s.shareBeforePost)));
        QCOMPARE(s.fullyBeforePost, fully);
        QCOMPARE(s.uncertain, uncertain);
    }

    void discardedDraftAndCancel()
    {
        const std::vector<Data::UploadChunk> chunks = { chunk(10, 0, 100) };
        const auto m = markers({ { 9, "tapped_next" }, { 30, "discarded" } });
        Data::UploadSession s = session(chunks);
        Uploads::classify(s, chunks, m);
        QVERIFY(s.discardedDraft);
        QCOMPARE(s.cancelAfterDiscard, 0);
        QVERIFY(s.classificationNotes.join(u' ').contains(QStringLiteral("not cancelled by the client")));
        s.cancelFlowId = 7;
        s.cancelTs = at(30.5);
        Uploads::classify(s, chunks, m);
        QCOMPARE(s.cancelAfterDiscard, 1);
        // A publish call means it was not a discarded draft.
        s.publishFlowId = 9;
        s.publishTs = at(20);
        Uploads::classify(s, chunks, m);
        QVERIFY(!s.discardedDraft);
        // A publish call long before Post: the clock or the marker is off.
        Data::UploadSession p = session(chunks);
        p.publishFlowId = 9;
        p.publishTs = at(12);
        Uploads::classify(p, chunks, markers({ { 30, "tapped_post" } }));
        QVERIFY(p.classificationNotes.join(u' ').contains(
            QStringLiteral("the publish call came 18.0 s before tapped_post")));
        // Retries do not count twice in the share before Post.
        const std::vector<Data::UploadChunk> retried = { chunk(10, 0, 100, true), chunk(10.5, 0, 100),
            chunk(20, 100, 100) };
        Data::UploadSession r = session(retried);
        Uploads::classify(r, retried, markers({ { 15, "tapped_post" } }));
        QCOMPARE(r.bytesBeforePost, 100);
        QCOMPARE(r.shareBeforePost, 0.5);
    }

    void storeClockOffsetAndSyncBeacon()
    {
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("m.leakscope")), Investigation::OpenMode::Create);
        const QByteArray body(80 * 1024, 'v');
        Req beacon { 1.0, QStringLiteral("GET"), QStringLiteral("http://sync-7f3a2c.example.org/") };
        Req upload { 20.0, QStringLiteral("PUT"), QStringLiteral("https://up.example.com/blob/1"),
            { h("Content-Type", "application/octet-stream") }, body };
        const qint64 capture = writeCapture(*inv, { beacon, upload });
        // The phone's clock runs 12.5 s ahead: the investigator opened the beacon at 14:00:13.5 on it.
        const QByteArray csv = "timestamp,label\n2026-11-20T14:00:25Z,tapped_next\n2026-11-20T14:00:31Z,tapped_post\n";
        MarkersImport::Options options;
        options.syncBeacon = QStringLiteral("http://sync-7f3a2c.example.org/");
        options.syncOpenedAt = at(13.5);
        MarkersImport::Result result;
        QString error;
        QVERIFY2(MarkersImport::apply(*inv, capture, csv, options, &result, &error), qPrintable(error));
        QCOMPARE(result.added, 2);
        QCOMPARE(result.offsetUs, 12500000);
        QCOMPARE(result.sighting.what, QStringLiteral("GET http://sync-7f3a2c.example.org/"));
        QCOMPARE(MarkerStore::clockOffset(inv->db(), capture), 12500000);
        QVERIFY(Analysis::run(*inv).ok);
        // Without the offset the upload (20 s) would follow Post (31 s − 0); with it Post is at 18.5 s.
        auto sessions = UploadStore::sessions(inv->db());
        QCOMPARE(sessions.size(), size_t(1));
        QCOMPARE(sessions[0].classification, QStringLiteral("after_post"));
        QCOMPARE(sessions[0].beforeMarker, QStringLiteral("tapped_post"));
        MarkerStore::setClockOffset(inv->db(), capture, 0);
        QVERIFY(Analysis::run(*inv, { QStringLiteral("uploads-markers") }).ok);
        sessions = UploadStore::sessions(inv->db());
        QCOMPARE(sessions[0].classification, QStringLiteral("before_post"));
        QCOMPARE(sessions[0].postDeltaUs, 11000000);

        // An unknown beacon, or a bad CSV, changes nothing.
        options.syncBeacon = QStringLiteral("sync-nothere.example");
        QVERIFY(!MarkersImport::apply(*inv, capture, {}, options, &result, &error));
        QCOMPARE(error,
            QStringLiteral("the capture shows no request, DNS answer or connection for \"sync-nothere.example\""));
        MarkersImport::Options replace;
        replace.replace = true;
        QVERIFY(!MarkersImport::apply(*inv, capture, "timestamp,label\nnope,x\n", replace, &result, &error));
        QCOMPARE(MarkerStore::list(inv->db(), capture).size(), size_t(2));

        // Add, edit, delete; a deleted marker comes back under its id (undo).
        Data::Marker m = MarkerStore::list(inv->db(), capture).front();
        m.label = QStringLiteral("media_selected");
        m.note = QStringLiteral("moved");
        QVERIFY(MarkerStore::update(inv->db(), m));
        QCOMPARE(MarkerStore::marker(inv->db(), m.id)->label, QStringLiteral("media_selected"));
        QVERIFY(MarkerStore::remove(inv->db(), m.id));
        QVERIFY(!MarkerStore::marker(inv->db(), m.id));
        QCOMPARE(MarkerStore::add(inv->db(), m), m.id);
        QCOMPARE(MarkerStore::marker(inv->db(), m.id)->note, QStringLiteral("moved"));
        QCOMPARE(ClockSync::offsetFor(at(10), at(8)), 2000000);
    }
};

QTEST_GUILESS_MAIN(TestMarkers)
#include "tst_markers.moc"
