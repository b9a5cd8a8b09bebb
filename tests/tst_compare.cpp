// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Draft vs posted on the demo: the pre-post upload in both runs, matched to the reference video exactly in the
// discarded run and structurally in the re-encoded posted one, the publish call only in the posted run, the
// summary sentences, the export sections, and the markers/media/compare commands end to end.
#include "pipeline/demo.h"
#include "report/jsonwriter.h"
#include "store/investigation.h"
#include "testutils.h"
#include "uploads/compare.h"
#include "uploads/uploadstore.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TestUtils;

class TestCompare : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        m_demo = m_scratch.path(QStringLiteral("demo.leakscope"));
        QString error;
        QVERIFY2(Demo::build(m_demo, &error), qPrintable(error));
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        m_discarded = inv->findCapture(QStringLiteral("vidzy-draft-discarded.har"))->id;
        m_posted = inv->findCapture(QStringLiteral("vidzy-draft-posted.har"))->id;
    }

    void demoUploadsAreClassified()
    {
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        Data::Filter f;
        f.captureIds = { m_discarded };
        const auto discarded = UploadStore::sessions(inv->db(), f);
        QCOMPARE(discarded.size(), size_t(1));
        const auto& d = discarded[0];
        QCOMPARE(d.host, QStringLiteral("upload.vidzy.example"));
        QCOMPARE(d.protocol, QStringLiteral("content-range"));
        QCOMPARE(d.retries, 1);
        QVERIFY(d.complete);
        QCOMPARE(d.mediaMatch, QStringLiteral("exact"));
        QCOMPARE(d.referenceMedia, QStringLiteral("vidzy-draft.mp4"));
        QCOMPARE(d.classification, QStringLiteral("before_post"));
        QCOMPARE(d.beforeMarker, QStringLiteral("tapped_next"));
        QVERIFY(d.discardedDraft);
        QCOMPARE(d.cancelAfterDiscard, 0);
        QCOMPARE(d.publishFlowId, 0);
        QCOMPARE(d.fingerprint.width, 720);
        QCOMPARE(d.fingerprint.height, 1280);
        QCOMPARE(d.fingerprint.durationSeconds, 4.0);

        f.captureIds = { m_posted };
        const auto posted = UploadStore::sessions(inv->db(), f);
        QCOMPARE(posted.size(), size_t(1));
        const auto& p = posted[0];
        QCOMPARE(p.mediaMatch, QStringLiteral("structural"));
        QCOMPARE(p.classification, QStringLiteral("before_post"));
        QVERIFY(p.fullyBeforePost);
        QCOMPARE(p.shareBeforePost, 1.0);
        QVERIFY(p.postDeltaUs > 10 * 1000000);
        QVERIFY(p.publishFlowId != 0);
        QVERIFY(p.publishHasCaption);
        QVERIFY(p.publishTs > p.postTs); // the publish call follows the aligned tapped_post marker
        QCOMPARE(inv->capture(m_posted)->clockOffsetUs, 1800000);
    }

    void compareJson()
    {
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        const Data::Comparison c = Compare::build(*inv, m_discarded, m_posted);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        {
            JsonWriter w(buffer);
            Compare::write(c, w);
            QVERIFY(w.flush());
        }
        const QJsonObject o = QJsonDocument::fromJson(buffer.data()).object();
        QCOMPARE(o.value(QStringLiteral("schema")).toString(), QStringLiteral("leakscope-compare/1"));
        QCOMPARE(o.value(QStringLiteral("a")).toObject().value(QStringLiteral("capture")).toInt(), int(m_discarded));
        QCOMPARE(o.value(QStringLiteral("a")).toObject().value(QStringLiteral("condition")).toString(),
            QStringLiteral("discarded"));
        QCOMPARE(o.value(QStringLiteral("b")).toObject().value(QStringLiteral("condition")).toString(),
            QStringLiteral("posted"));
        for (const char* key : { "destinations", "categories", "uploads", "media", "summary" })
            QVERIFY2(o.value(QLatin1String(key)).isArray(), key);
        const QJsonArray uploads = o.value(QStringLiteral("uploads")).toArray();
        QCOMPARE(uploads.size(), 1);
        const QJsonObject u = uploads.first().toObject();
        QCOMPARE(u.value(QStringLiteral("host")).toString(), QStringLiteral("upload.vidzy.example"));
        QVERIFY(u.value(QStringLiteral("bytes_a")).toInteger() > 300000);
        QVERIFY(u.value(QStringLiteral("bytes_b")).toInteger() > 200000);
        QCOMPARE(u.value(QStringLiteral("media_match")).toString(), QStringLiteral("structural"));
        QCOMPARE(u.value(QStringLiteral("reference_media_match_a")).toString(), QStringLiteral("exact"));
        QCOMPARE(u.value(QStringLiteral("reference_media_match_b")).toString(), QStringLiteral("structural"));
        QVERIFY(u.value(QStringLiteral("publish_flow_a")).isNull());
        QVERIFY(u.value(QStringLiteral("publish_flow_b")).toInteger() > 0);
        QCOMPARE(u.value(QStringLiteral("publish_caption_b")).toBool(), true);
        QVERIFY(u.value(QStringLiteral("cancel_flow_a")).isNull());
        bool draftTextOnlyInB = false;
        for (const QJsonValue& k : o.value(QStringLiteral("categories")).toArray()) {
            const QJsonObject x = k.toObject();
            if (x.value(QStringLiteral("category")).toString() == u"content.draft_text")
                draftTextOnlyInB =
                    !x.value(QStringLiteral("in_a")).toBool() && x.value(QStringLiteral("in_b")).toBool();
        }
        QVERIFY(draftTextOnlyInB);
        const QJsonArray media = o.value(QStringLiteral("media")).toArray();
        QCOMPARE(media.size(), 1);
        QCOMPARE(media.first().toObject().value(QStringLiteral("match")).toString(), QStringLiteral("structural"));
        const QStringList summary = c.summary;
        QVERIFY2(summary.contains(
                     QStringLiteral("In both runs, 325.1 kB and 263.2 kB of video reached upload.vidzy.example before "
                                    "Post; the discarded run made no delete call.")),
            qPrintable(summary.join(u'\n')));
        QVERIFY(summary.contains(
            QStringLiteral("The discarded run uploaded the reference video byte for byte; the posted run "
                           "uploaded a re-encoded copy of the reference video (same size and duration).")));
        QVERIFY(summary.contains(
            QStringLiteral("Only the posted run made the publish call (POST https://api.vidzy.example/v2/posts, "
                           "carrying the canary caption).")));
        // Swapping A and B swaps the sides, not the story.
        const Data::Comparison swapped = Compare::build(*inv, m_posted, m_discarded);
        QCOMPARE(swapped.a.condition, QStringLiteral("posted"));
        QVERIFY(swapped.summary.contains(
            QStringLiteral("Only the posted run made the publish call (POST https://api.vidzy.example/v2/posts, "
                           "carrying the canary caption).")));
    }

    void exportSections()
    {
        const ProcessResult r = runLeakscope(
            { QStringLiteral("export"), QStringLiteral("-i"), m_demo, QStringLiteral("--json"), QStringLiteral("-") });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonArray markers = o.value(QStringLiteral("markers")).toArray();
        QCOMPARE(markers.size(), 16);
        const QJsonObject first = markers.first().toObject();
        QCOMPARE(first.value(QStringLiteral("label")).toString(), QStringLiteral("app_opened"));
        // Aligned to the capture clock: recorded on the phone 1.8 s ahead.
        QCOMPARE(first.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2026-11-20T14:20:05.850Z"));
        QCOMPARE(
            first.value(QStringLiteral("recorded_timestamp")).toString(), QStringLiteral("2026-11-20T14:20:07.650Z"));
        const QJsonArray uploads = o.value(QStringLiteral("uploads")).toArray();
        QCOMPARE(uploads.size(), 5); // three in the session capture (photo, voice note, draft video), one per run
        int beforePost = 0, unknown = 0;
        for (const QJsonValue& v : uploads) {
            const QJsonObject u = v.toObject();
            for (const char* key :
                { "app", "capture", "host", "registrable_domain", "media_type", "bytes", "chunks", "started",
                    "finished", "sha256", "reference_media_match", "before_marker", "after_marker", "classification" })
                QVERIFY2(u.contains(QLatin1String(key)), key);
            beforePost += u.value(QStringLiteral("classification")).toString() == u"before_post";
            unknown += u.value(QStringLiteral("classification")).toString() == u"unknown";
        }
        QCOMPARE(beforePost, 2);
        QCOMPARE(unknown, 3);
        QCOMPARE(o.value(QStringLiteral("reference_media")).toArray().size(), 1);
    }

    void commandsEndToEnd()
    {
        const QString inv = m_scratch.path(QStringLiteral("cli.leakscope"));
        QVERIFY(QFile::copy(m_demo, inv));
        const QString bad = m_scratch.path(QStringLiteral("bad.csv"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("timestamp,label\n2026-11-20T14:20:10Z,opened_composer\n2026-11-20 14:20:11,tapped_next\n");
        }
        ProcessResult r = runLeakscope({ QStringLiteral("markers"), QStringLiteral("-i"), inv,
            QStringLiteral("--capture"), QStringLiteral("vidzy-session.har"), bad });
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(),
            QStringLiteral("leakscope: bad.csv: line 3: \"2026-11-20 14:20:11\" is not an ISO-8601 time with a UTC "
                           "offset or Z (e.g. 2026-11-20T14:03:05.250Z)"));
        r = runLeakscope({ QStringLiteral("markers"), QStringLiteral("-i"), inv, QStringLiteral("--capture"),
            QStringLiteral("nope.har"), bad });
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("no capture \"nope.har\"")));
        // Markers for the session capture: its uploads get a classification.
        const QString good = m_scratch.path(QStringLiteral("good.csv"));
        {
            QFile f(good);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("timestamp,label,note\n2026-11-20T14:00:00Z,app_opened,\n2026-11-20T14:05:00Z,discarded,\"gave up, "
                    "for now\"\n");
        }
        r = runLeakscope({ QStringLiteral("markers"), QStringLiteral("-i"), inv, QStringLiteral("--capture"),
            QStringLiteral("1"), QStringLiteral("--clock-offset"), QStringLiteral("-250"), good });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("capture 1: 2 marker(s) added; clock offset -250.000 ms"));
        r = runLeakscope({ QStringLiteral("markers"), QStringLiteral("-i"), inv, QStringLiteral("--capture"),
            QStringLiteral("1"), QStringLiteral("--list") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("2026-11-20T14:05:00Z,discarded,\"gave up, for now\"")));
        // The sync beacon helper.
        r = runLeakscope({ QStringLiteral("markers"), QStringLiteral("-i"), inv, QStringLiteral("--capture"),
            QStringLiteral("vidzy-draft-posted.har"), QStringLiteral("--sync-url"),
            QStringLiteral("http://sync-d41c7e.example.org/"), QStringLiteral("--sync-time"),
            QStringLiteral("2026-11-20T14:40:03Z") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(
            r.out.contains(QStringLiteral("clock offset 3000.000 ms (sync beacon seen at 2026-11-20T14:40:00Z: GET "
                                          "http://sync-d41c7e.example.org/)")),
            qPrintable(r.out));
        // Reference media: a file that is not media is refused by name.
        r = runLeakscope({ QStringLiteral("media"), QStringLiteral("-i"), inv,
            data(QStringLiteral("uploads/ffmpeg-64x48.jpg")), data(QStringLiteral("SOURCES.md")) });
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("ffmpeg-64x48.jpg: JPEG image, 64×48")));
        QVERIFY(r.err.contains(QStringLiteral("SOURCES.md: not a photo, video or audio file")));
        r = runLeakscope({ QStringLiteral("media"), QStringLiteral("-i"), inv, QStringLiteral("--list") });
        QCOMPARE(r.out.count(u'\n'), 2);
        // Compare.
        const QString out = m_scratch.path(QStringLiteral("compare.json"));
        r = runLeakscope({ QStringLiteral("compare"), QStringLiteral("-i"), inv, QStringLiteral("--json"), out,
            QStringLiteral("vidzy-draft-discarded.har"), QStringLiteral("3") });
        QCOMPARE(r.exitCode, 0);
        QFile json(out);
        QVERIFY(json.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(json.readAll()).object().value(QStringLiteral("schema")).toString(),
            QStringLiteral("leakscope-compare/1"));
        r = runLeakscope({ QStringLiteral("compare"), QStringLiteral("-i"), inv, QStringLiteral("--summary"),
            QStringLiteral("2"), QStringLiteral("2") });
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed(), QStringLiteral("leakscope: compare: A and B are the same capture"));
    }

private:
    Scratch m_scratch;
    QString m_demo;
    qint64 m_discarded = 0;
    qint64 m_posted = 0;
};

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
