// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Investigation files from strangers (issue 12): a colleague's `.leakscope` may have been crafted. Opening one
// is refused or handled safely, always with a message naming the file, and nothing stored in it runs
// (tst_store covers the plain refusals: other SQLite files, a view, a trigger, a newer format).
#include "pipeline/analysis.h"
#include "pipeline/captureimport.h"
#include "store/flowquery.h"
#include "store/investigation.h"
#include "store/schema.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

#include <sqlite3.h>

using namespace TestUtils;

namespace {

/// Runs SQL on a file with plain SQLite, as another program would (triggers and views allowed).
bool rawExec(const QString& path, const QByteArray& sql, QString* error = nullptr)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    char* message = nullptr;
    const bool ok = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK;
    if (error && message)
        *error = QString::fromUtf8(message);
    sqlite3_free(message);
    sqlite3_close(db);
    return ok;
}

qint64 rawCount(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    qint64 n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

QByteArray sha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

/// The message of opening `path` in `mode`, or empty when it opened.
QString openError(const QString& path, Investigation::OpenMode mode)
{
    try {
        Investigation::open(path, mode);
        return {};
    } catch (const StoreError& e) {
        return e.message();
    }
}

} // namespace

class TestHostileFiles : public QObject
{
    Q_OBJECT
private:
    Scratch m_scratch;
    QString m_genuine; ///< a real investigation with a capture, markers and a note

    QString copyOfGenuine(const QString& name)
    {
        const QString path = m_scratch.path(name);
        QFile::remove(path);
        if (!QFile::copy(m_genuine, path))
            return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_genuine = m_scratch.path(QStringLiteral("genuine.leakscope"));
        auto inv = Investigation::open(m_genuine, Investigation::OpenMode::Create);
        QVERIFY(importCapture(*inv, { data(QStringLiteral("har/httpolice__chrome_http2.har")), {}, {}, {} }).ok);
        QVERIFY(importCapture(*inv, { data(QStringLiteral("har/mitmproxy__har_files_chrome.har")), {}, {}, {} }).ok);
        inv->db().exec("INSERT INTO markers (capture_id, ts, label) VALUES (1, 1763647200000000, 'tapped_post');");
        QVERIFY(Analysis::run(*inv).ok);
    }

    /// Triggers that would write elsewhere, on every kind of statement the app runs: the file is refused in
    /// every mode, and none of them ever fires.
    void triggersNeverFire_data()
    {
        QTest::addColumn<QByteArray>("trigger");
        QTest::newRow("after insert on markers")
            << QByteArray("CREATE TRIGGER t AFTER INSERT ON markers BEGIN INSERT INTO evil_log VALUES ('fired'); END;");
        QTest::newRow("after update on properties") << QByteArray(
            "CREATE TRIGGER t AFTER UPDATE ON properties BEGIN INSERT INTO evil_log VALUES ('fired'); END;");
        QTest::newRow("before delete on flows")
            << QByteArray("CREATE TRIGGER t BEFORE DELETE ON flows BEGIN INSERT INTO evil_log VALUES ('fired'); END;");
        QTest::newRow("deletes the captures")
            << QByteArray("CREATE TRIGGER t AFTER INSERT ON properties BEGIN DELETE FROM captures; END;");
        QTest::newRow("temp-looking name") << QByteArray(
            "CREATE TRIGGER \"sqlite_autoindex_x\" AFTER INSERT ON known_identifiers BEGIN DELETE FROM flows; END;");
    }
    void triggersNeverFire()
    {
        QFETCH(QByteArray, trigger);
        const QString path = copyOfGenuine(QStringLiteral("trigger.leakscope"));
        QString error;
        if (!rawExec(path, "CREATE TABLE evil_log (what TEXT); " + trigger, &error)) {
            QVERIFY2(error.contains(u"reserved"), qPrintable(error)); // SQLite refuses some names itself
            return;
        }
        const qint64 flows = rawCount(path, "SELECT count(*) FROM flows");
        QVERIFY(flows > 0);
        for (auto mode : { Investigation::OpenMode::ReadWrite, Investigation::OpenMode::ReadOnly,
                 Investigation::OpenMode::Create }) {
            const QString message = openError(path, mode);
            QVERIFY2(
                message.startsWith(QStringLiteral("trigger.leakscope: contains a trigger (\"")), qPrintable(message));
        }
        // The command line refuses it the same way.
        const ProcessResult summary = runLeakscope({ QStringLiteral("summary"), QStringLiteral("-i"), path });
        QVERIFY(summary.exitCode != 0);
        QVERIFY2(summary.err.contains(u"contains a trigger"), qPrintable(summary.err));
        QCOMPARE(rawCount(path, "SELECT count(*) FROM evil_log"), 0);
        QCOMPARE(rawCount(path, "SELECT count(*) FROM flows"), flows);
        QCOMPARE(rawCount(path, "SELECT count(*) FROM captures"), 2);
    }

    /// Virtual tables run a module's code on every read: only the search index's own two are accepted, as created.
    void foreignVirtualTablesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::newRow("another fts5 table") << QByteArray("CREATE VIRTUAL TABLE notes_text USING fts5(note);");
        QTest::newRow("the index reading a table")
            << QByteArray("DROP TABLE flow_text; CREATE VIRTUAL TABLE flow_text USING fts5(url, host, req_headers, "
                          "resp_headers, content='flows', columnsize=0, detail=none, tokenize='trigram');");
        QTest::newRow("an rtree") << QByteArray("CREATE VIRTUAL TABLE r USING rtree(id, a, b);");
    }
    void foreignVirtualTablesAreRefused()
    {
        QFETCH(QByteArray, sql);
        QVERIFY(openError(m_genuine, Investigation::OpenMode::ReadOnly).isEmpty()); // with the index's two
        const QString path = copyOfGenuine(QStringLiteral("virtual.leakscope"));
        QString error;
        QVERIFY2(rawExec(path, sql, &error), qPrintable(error));
        for (auto mode : { Investigation::OpenMode::ReadWrite, Investigation::OpenMode::ReadOnly }) {
            const QString message = openError(path, mode);
            QVERIFY2(message.startsWith(QStringLiteral("virtual.leakscope: contains a virtual table (\"")),
                qPrintable(message));
        }
    }

    /// A view where a table should be: reading it would run the attacker's query.
    void viewReplacingATableIsRefused()
    {
        const QString path = copyOfGenuine(QStringLiteral("view.leakscope"));
        QVERIFY(rawExec(path,
            "DROP TABLE markers; CREATE VIEW markers AS SELECT 1 AS id, 1 AS capture_id, 0 AS ts, "
            "'<b>x</b>' AS label, NULL AS note, NULL AS created_at;"));
        for (auto mode : { Investigation::OpenMode::ReadWrite, Investigation::OpenMode::ReadOnly }) {
            const QString message = openError(path, mode);
            QVERIFY2(message.startsWith(QStringLiteral("view.leakscope: contains a view (\"markers\")")),
                qPrintable(message));
        }
    }

    /// Schema versions the file should not have: from the future (refused before anything is written, in
    /// every mode), negative (refused; it used to index the migration table with it), and our format number
    /// on a file that lacks our tables.
    void oddSchemaVersions()
    {
        const QString future = copyOfGenuine(QStringLiteral("future.leakscope"));
        const int next = Schema::currentVersion() + 1;
        QVERIFY(rawExec(future, "PRAGMA user_version = " + QByteArray::number(next) + ";"));
        const QByteArray before = sha256(future);
        for (auto mode : { Investigation::OpenMode::ReadWrite, Investigation::OpenMode::ReadOnly,
                 Investigation::OpenMode::Create }) {
            const QString message = openError(future, mode);
            QVERIFY2(message.startsWith(QStringLiteral("future.leakscope: it was saved by a newer version of Leakscope "
                                                       "(file format %1; this version reads up to %2)")
                                            .arg(next)
                                            .arg(Schema::currentVersion())),
                qPrintable(message));
        }
        QCOMPARE(sha256(future), before);

        for (const QByteArray& version : { QByteArray("-1"), QByteArray("-2147483648") }) {
            const QString negative = copyOfGenuine(QStringLiteral("negative.leakscope"));
            QVERIFY(rawExec(negative, "PRAGMA user_version = " + version + ";"));
            for (auto mode : { Investigation::OpenMode::ReadWrite, Investigation::OpenMode::ReadOnly }) {
                const QString message = openError(negative, mode);
                QVERIFY2(message.startsWith(QStringLiteral("negative.leakscope: has an invalid file format number (%1)")
                                                .arg(QString::fromLatin1(version))),
                    qPrintable(message));
            }
        }

        // Our application id and format number, but none of our tables: every read fails with a message.
        const QString hollow = m_scratch.path(QStringLiteral("hollow.leakscope"));
        QVERIFY(rawExec(hollow,
            "PRAGMA application_id = 1280525136; PRAGMA user_version = " + QByteArray::number(Schema::currentVersion())
                + "; CREATE TABLE unrelated (a);"));
        try {
            auto inv = Investigation::open(hollow, Investigation::OpenMode::ReadOnly);
            (void)inv->captures();
            QFAIL("read captures from a file without a captures table");
        } catch (const StoreError& e) {
            QVERIFY2(e.message().contains(u"no such table: captures"), qPrintable(e.message()));
        }
    }

    /// Rows far larger than any capture writes (a 24 MB URL and header block, a 64 MB body): opening,
    /// listing and reading them works, without a crash and within the memory they take.
    void hugeRowsAreReadSafely()
    {
        const QString path = copyOfGenuine(QStringLiteral("huge.leakscope"));
        QVERIFY(rawExec(path,
            "UPDATE flows SET url = 'https://h.example/' || hex(zeroblob(12000000)), "
            "host = hex(zeroblob(1000000)), req_headers = hex(zeroblob(12000000)) WHERE id = 1; "
            "UPDATE captures SET file_name = hex(zeroblob(500000)) WHERE id = 1;"
            "INSERT INTO markers (capture_id, ts, label, note) VALUES (1, 1, hex(zeroblob(4000000)), "
            "hex(zeroblob(4000000)));"));
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
        QCOMPARE(static_cast<int>(inv->captures().size()), 2);
        const auto flow = inv->flow(1);
        QVERIFY(flow.has_value());
        QVERIFY(flow->flow.url.size() > 24000000);
        const std::vector<qint64> ids = FlowQuery::ids(inv->db(), {});
        QVERIFY(!ids.empty());
        const auto rows = FlowQuery::rows(inv->db(), ids);
        QCOMPARE(rows.size(), ids.size());
        // The command line reads it too.
        const ProcessResult summary = runLeakscope({ QStringLiteral("summary"), QStringLiteral("-i"), path });
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.err));
    }

    /// Files that are not SQLite databases, renamed to .leakscope.
    void notSqliteFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + QByteArray(2000, '\x11');
        QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\0\0\0", 8) + QByteArray(3000, 'z');
        QTest::newRow("har") << QByteArray("{\"log\": {\"version\": \"1.2\", \"entries\": []}}");
        QTest::newRow("sqlite magic, garbage after") << QByteArray("SQLite format 3\0", 16) + QByteArray(8192, '\xa5');
        QByteArray random(65536, Qt::Uninitialized);
        for (int i = 0; i < random.size(); ++i)
            random[i] = char((i * 2654435761u) >> 13);
        QTest::newRow("random bytes") << random;
    }
    void notSqliteFilesAreRefused()
    {
        QFETCH(QByteArray, content);
        const QString path = m_scratch.path(QStringLiteral("renamed.leakscope"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        for (auto mode : { Investigation::OpenMode::ReadWrite, Investigation::OpenMode::ReadOnly }) {
            const QString message = openError(path, mode);
            QVERIFY2(
                message == QStringLiteral("renamed.leakscope: not an investigation file (it is not a SQLite database)"),
                qPrintable(message));
        }
        QCOMPARE(f.size(), content.size()); // not touched
    }

    /// A file cut short (an interrupted copy): refused at open with what happened, not at some later query.
    void truncatedFilesAreRefused_data()
    {
        QTest::addColumn<double>("keep");
        QTest::newRow("half") << 0.5;
        QTest::newRow("all but one page") << -1.0;
        QTest::newRow("one page") << 0.0;
    }
    void truncatedFilesAreRefused()
    {
        QFETCH(double, keep);
        const QString path = copyOfGenuine(QStringLiteral("cut.leakscope"));
        QFile f(path);
        const qint64 size = f.size();
        const qint64 pageSize = rawCount(path, "PRAGMA page_size");
        QVERIFY(size > 8 * pageSize);
        const qint64 newSize = keep < 0 ? size - pageSize
            : keep == 0                 ? pageSize
                                        : qint64(size * keep) / pageSize * pageSize;
        QVERIFY(f.resize(newSize));
        for (auto mode : { Investigation::OpenMode::ReadWrite, Investigation::OpenMode::ReadOnly }) {
            const QString message = openError(path, mode);
            QVERIFY2(message
                    == QStringLiteral("cut.leakscope: the investigation file is damaged: it is cut short (%1 of "
                                      "%2 bytes); it was probably copied or downloaded incompletely")
                           .arg(newSize)
                           .arg(size),
                qPrintable(message));
        }
        QCOMPARE(QFileInfo(path).size(), newSize); // refused before anything was written
    }

    /// Damage inside the file (a page overwritten) is reported as damage when it is read.
    void damagedPagesAreReportedAsDamage()
    {
        const QString path = copyOfGenuine(QStringLiteral("damaged.leakscope"));
        const qint64 pageSize = rawCount(path, "PRAGMA page_size");
        const qint64 rootPage = rawCount(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'flows'");
        QVERIFY(rootPage > 1);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek((rootPage - 1) * pageSize));
        f.write(QByteArray(static_cast<int>(pageSize), '\x0d')); // not a valid b-tree page
        f.close();
        try {
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
            (void)FlowQuery::rows(inv->db(), FlowQuery::ids(inv->db(), {}));
            QFAIL("read a damaged flows table without an error");
        } catch (const StoreError& e) {
            QVERIFY2(e.message().contains(u"the investigation file is damaged (database disk image is malformed"),
                qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "tst_hostilefiles.moc"
