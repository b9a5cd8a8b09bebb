// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testutils.h"

#include "pipeline/captureimport.h"
#include "store/bodystore.h"
#include "store/investigation.h"
#include "store/schema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <sqlite3.h>

using namespace TestUtils;

class TestStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createAndReopen()
    {
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("case.leakscope"));
        {
            auto inv = Investigation::open(path, Investigation::OpenMode::Create);
            inv->setProperty(QStringLiteral("title"), QStringLiteral("Checking Vidzy"));
            inv->setProperty(QStringLiteral("reporter"), QStringLiteral("A. Reporter"));
            const ImportOutcome r = importCapture(*inv, { data(QStringLiteral("har/httpolice__firefox_gif.har")), QStringLiteral("Firefox"), QStringLiteral("run 1"), {} });
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.flows, 8);
        }
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
        QCOMPARE(inv->title(), QStringLiteral("Checking Vidzy"));
        QCOMPARE(inv->property(QStringLiteral("reporter")), QStringLiteral("A. Reporter"));
        QVERIFY(!inv->property(QStringLiteral("created")).isEmpty());
        const auto captures = inv->captures();
        QCOMPARE(captures.size(), size_t(1));
        QCOMPARE(captures[0].fileName, QStringLiteral("httpolice__firefox_gif.har"));
        QCOMPARE(captures[0].label, QStringLiteral("run 1"));
        QCOMPARE(captures[0].format, QStringLiteral("har"));
        QCOMPARE(captures[0].flowCount, 8);
        QCOMPARE(captures[0].fileSize, QFileInfo(data(QStringLiteral("har/httpolice__firefox_gif.har"))).size());
        // The recorded hash is the file's SHA-256, for the chain of custody.
        QFile f(data(QStringLiteral("har/httpolice__firefox_gif.har")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(captures[0].sha256, QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()));
        QCOMPARE(inv->flowCount(), 8);
        const auto apps = inv->apps();
        QCOMPARE(apps.size(), size_t(1));
        QCOMPARE(apps[0].name, QStringLiteral("Firefox"));
        const auto flow = inv->flow(1);
        QVERIFY(flow);
        QCOMPARE(flow->flow.app.reason, QStringLiteral("chosen at import"));
        QCOMPARE(inv->db().pragmaInt("PRAGMA user_version"), Schema::currentVersion());
        QCOMPARE(inv->db().pragmaInt("PRAGMA application_id"), Schema::ApplicationId);
        QCOMPARE(inv->db().pragmaInt("PRAGMA foreign_keys"), 1);
        Statement mode(inv->db().handle(), "PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), QStringLiteral("wal"));
    }

    void sameFileTwiceIsRefused()
    {
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("a.leakscope")), Investigation::OpenMode::Create);
        const QString har = data(QStringLiteral("har/httpolice__chrome_http2.har"));
        QVERIFY(importCapture(*inv, { har, {}, {}, {} }).ok);
        const ImportOutcome again = importCapture(*inv, { har, {}, {}, {} });
        QVERIFY(!again.ok);
        QVERIFY2(again.error.contains(QStringLiteral("already in the investigation as capture 1")), qPrintable(again.error));
        QCOMPARE(inv->captures().size(), size_t(1));
        QCOMPARE(inv->flowCount(), 1);
    }

    void failedImportLeavesFileUnchanged()
    {
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("a.leakscope")), Investigation::OpenMode::Create);
        QVERIFY(importCapture(*inv, { data(QStringLiteral("har/httpolice__chrome_http2.har")), {}, {}, {} }).ok);
        // A HAR that breaks after its first entries: the entries read before the break must not stay.
        QFile good(data(QStringLiteral("har/httpolice__firefox_gif.har")));
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray all = good.readAll();
        QFile broken(scratch.path(QStringLiteral("broken.har")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(all.left(all.size() * 3 / 4));
        broken.close();
        const ImportOutcome r = importCapture(*inv, { broken.fileName(), {}, {}, {} });
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(QStringLiteral("broken.har: broken JSON at line")), qPrintable(r.error));
        QCOMPARE(inv->captures().size(), size_t(1));
        QCOMPARE(inv->flowCount(), 1);
        QCOMPARE(inv->db().pragmaInt("SELECT count(*) FROM bodies WHERE id NOT IN (SELECT resp_body_id FROM flows WHERE resp_body_id IS NOT NULL UNION SELECT req_body_id FROM flows WHERE req_body_id IS NOT NULL)"), 0);
    }

    void cancelledImportLeavesFileUnchanged()
    {
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("a.leakscope")), Investigation::OpenMode::Create);
        const ImportOutcome r = importCapture(*inv, { data(QStringLiteral("har/httpolice__firefox_gif.har")), {}, {}, {} },
                                              [](qint64, qint64) { return false; });
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QVERIFY(inv->captures().empty());
        QCOMPARE(inv->flowCount(), 0);
    }

    void bodiesAreDeduplicatedAndChunked()
    {
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("a.leakscope")), Investigation::OpenMode::Create);
        Database& db = inv->db();
        // Larger than one chunk, compressible, so both paths are used.
        QByteArray big;
        for (int i = 0; big.size() < BodyStore::ChunkSize * 2 + 123; ++i)
            big += "line " + QByteArray::number(i) + " of a large JSON upload\n";
        const QByteArray media = QByteArray("\x00\x00\x00\x18" "ftypmp42", 12) + QByteArray(100000, '\x7f');
        Transaction tx(db);
        const qint64 a = BodyStore::put(db, big);
        const qint64 b = BodyStore::put(db, big);
        const qint64 c = BodyStore::put(db, media);
        const qint64 e = BodyStore::put(db, QByteArray());
        tx.commit();
        QCOMPARE(a, b);
        QVERIFY(a != c);
        QCOMPARE(BodyStore::get(db, a), big);
        QCOMPARE(BodyStore::get(db, c), media);
        QCOMPARE(BodyStore::get(db, e), QByteArray(""));
        QCOMPARE(BodyStore::get(db, a, 10), big.left(10));
        QCOMPARE(BodyStore::size(db, a), big.size());
        QCOMPARE(db.pragmaInt("SELECT count(*) FROM body_chunks WHERE body_id = 1"), 3);
        QCOMPARE(db.pragmaInt("SELECT codec FROM bodies WHERE id = 2"), 0); // media is stored as is
        QVERIFY(db.pragmaInt("SELECT sum(length(data)) FROM body_chunks WHERE body_id = 1") < big.size() / 4);
    }

    void removeCaptureKeepsTheRest()
    {
        Scratch scratch;
        auto inv = Investigation::open(scratch.path(QStringLiteral("a.leakscope")), Investigation::OpenMode::Create);
        QVERIFY(importCapture(*inv, { data(QStringLiteral("har/httpolice__chrome_http2.har")), {}, {}, {} }).ok);
        QVERIFY(importCapture(*inv, { data(QStringLiteral("har/httpolice__firefox_gif.har")), QStringLiteral("Firefox"), {}, {} }).ok);
        inv->removeCapture(2);
        QCOMPARE(inv->captures().size(), size_t(1));
        QCOMPARE(inv->flowCount(), 1);
        QVERIFY(inv->apps().empty());
        Statement check(inv->db().handle(), "PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.text(0), QStringLiteral("ok"));
        QCOMPARE(inv->db().pragmaInt("SELECT count(*) FROM bodies"), inv->db().pragmaInt("SELECT count(DISTINCT resp_body_id) FROM flows WHERE resp_body_id IS NOT NULL") + inv->db().pragmaInt("SELECT count(DISTINCT req_body_id) FROM flows WHERE req_body_id IS NOT NULL"));
    }

    void upgradesVersion1File()
    {
        // tests/data/investigation-v1.leakscope was written by the first file format and never changes.
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("old.leakscope"));
        QVERIFY(QFile::copy(data(QStringLiteral("investigation-v1.leakscope")), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        {
            Database raw(path, Database::Mode::ReadOnly);
            QCOMPARE(raw.pragmaInt("PRAGMA user_version"), 1);
        }
        QVERIFY_THROWS_EXCEPTION(StoreError, Investigation::open(path, Investigation::OpenMode::ReadOnly));
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
        QCOMPARE(inv->db().pragmaInt("PRAGMA user_version"), Schema::currentVersion());
        QCOMPARE(inv->captures().size(), size_t(2));
        QCOMPARE(inv->flowCount(), 9);
        QCOMPARE(inv->captures()[0].label, QStringLiteral("v1 fixture"));
        QCOMPARE(inv->apps().at(0).name, QStringLiteral("Example App"));
        // Tables of version 2 exist and work.
        inv->db().exec("INSERT INTO markers (capture_id, ts, label) VALUES (1, 1, 'tapped_post')");
        QCOMPARE(inv->db().pragmaInt("SELECT count(*) FROM markers"), 1);
        const auto flow = inv->flow(inv->db().pragmaInt("SELECT min(id) FROM flows WHERE resp_body_id IS NOT NULL"));
        QVERIFY(flow);
        QVERIFY(!flow->flow.url.isEmpty());
        QVERIFY(!inv->body(flow->responseBodyId).isEmpty());
    }

    void refusesFilesItShouldNotOpen_data()
    {
        QTest::addColumn<QByteArray>("setupSql");
        QTest::addColumn<QByteArray>("rawContent");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << QByteArray() << QByteArray("<missing>") << QStringLiteral("x.leakscope: no such file");
        QTest::newRow("not sqlite") << QByteArray() << QByteArray("{\"log\": {\"entries\": []}}") << QStringLiteral("x.leakscope: not an investigation file");
        QTest::newRow("empty file") << QByteArray() << QByteArray("") << QString();
        QTest::newRow("other sqlite") << QByteArray("CREATE TABLE songs (title TEXT);") << QByteArray() << QStringLiteral("is a SQLite database but not a Leakscope investigation");
        QTest::newRow("newer version") << QByteArray("PRAGMA application_id = 1280525136; PRAGMA user_version = 99; CREATE TABLE x (a);")
                                       << QByteArray() << QStringLiteral("saved by a newer version of Leakscope (file format 99");
        QTest::newRow("trigger") << QByteArray("PRAGMA application_id = 1280525136; CREATE TABLE x (a); CREATE TRIGGER t AFTER INSERT ON x BEGIN DELETE FROM x; END;")
                                 << QByteArray() << QStringLiteral("contains a trigger");
        QTest::newRow("view") << QByteArray("PRAGMA application_id = 1280525136; CREATE TABLE x (a); CREATE VIEW v AS SELECT * FROM x;")
                              << QByteArray() << QStringLiteral("contains a view");
    }
    void refusesFilesItShouldNotOpen()
    {
        QFETCH(QByteArray, setupSql);
        QFETCH(QByteArray, rawContent);
        QFETCH(QString, expected);
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("x.leakscope"));
        if (!setupSql.isEmpty()) {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, setupSql.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
        } else if (rawContent != "<missing>") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(rawContent);
        }
        if (expected.isEmpty()) {
            // An empty file is a fresh database: opening it for writing makes it an investigation.
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
            QCOMPARE(inv->db().pragmaInt("PRAGMA user_version"), Schema::currentVersion());
            return;
        }
        try {
            Investigation::open(path, Investigation::OpenMode::ReadWrite);
            QFAIL("opened a file it should refuse");
        } catch (const StoreError& e) {
            QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
            QVERIFY2(e.message().startsWith(QStringLiteral("x.leakscope")), qPrintable(e.message()));
        }
    }

    void secondProcessReadsWhileFirstHoldsFileOpen()
    {
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("shared.leakscope"));
        auto inv = Investigation::open(path, Investigation::OpenMode::Create);
        QVERIFY(importCapture(*inv, { data(QStringLiteral("har/httpolice__firefox_gif.har")), {}, {}, {} }).ok);
        // This process keeps its connection open; another leakscope process reads and writes the same file.
        const ProcessResult summary = runLeakscope({ QStringLiteral("summary"), QStringLiteral("-i"), path });
        QCOMPARE(summary.exitCode, 0);
        QVERIFY2(summary.out.contains(QStringLiteral("8 flows")), qPrintable(summary.out + summary.err));
        const ProcessResult imported = runLeakscope({ QStringLiteral("import"), QStringLiteral("-i"), path, data(QStringLiteral("har/httpolice__chrome_http2.har")) });
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(inv->flowCount(), 9);
        // While this process holds a write transaction, the other one waits and then says why it failed.
        Transaction busy(inv->db());
        inv->db().exec("UPDATE captures SET label = 'locked'");
        const ProcessResult blocked = runLeakscope({ QStringLiteral("import"), QStringLiteral("-i"), path, data(QStringLiteral("har/mitmproxy__har_files_chrome.har")) });
        QCOMPARE(blocked.exitCode, 1);
        QVERIFY2(blocked.err.contains(QStringLiteral("another Leakscope window or command is writing to it")), qPrintable(blocked.err));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
