// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Crash safety (issue 12): an import killed at any moment, a full disk and a read-only file must never
// damage an investigation or lose the work already in it.
#include "pipeline/analysis.h"
#include "pipeline/captureimport.h"
#include "store/flownotes.h"
#include "store/investigation.h"
#include "testutils.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

#include <csignal>

using namespace TestUtils;

namespace {

/// A HAR large enough that importing it takes a moment, so kills land in the middle of the work.
void writeLargeHar(const QString& path, int entries, int bodyBytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"crash-test\"}, \"entries\": [");
    QRandomGenerator random(7);
    for (int i = 0; i < entries; ++i) {
        // Random bytes: the store cannot compress them, so the file really grows by the capture's size.
        QByteArray body(bodyBytes, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32*>(body.data()), bodyBytes / 4);
        f.write(i ? "," : "");
        f.write("{\"startedDateTime\": \"2026-11-20T14:00:00Z\", \"time\": 5, \"request\": {\"method\": \"POST\", "
                "\"url\": \"https://up.example/"
            + QByteArray::number(i)
            + "\", \"headers\": [], \"postData\": {\"mimeType\": \"application/octet-stream\", \"encoding\": "
              "\"base64\", \"text\": \""
            + body.toBase64()
            + "\"}}, \"response\": {\"status\": 200, \"headers\": [], \"content\": {\"size\": 2, \"text\": \"ok\"}}}");
    }
    f.write("]}}");
}

int killIterations()
{
    // Small by default so the suite stays fast; LEAKSCOPE_KILL_ITERATIONS=100 for the long run (issue 12).
    const int n = qEnvironmentVariableIntValue("LEAKSCOPE_KILL_ITERATIONS");
    return n > 0 ? n : 10;
}

QString integrity(Investigation& inv)
{
    Statement st(inv.db().handle(), "PRAGMA integrity_check");
    return st.step() ? st.text(0) : QStringLiteral("(no answer)");
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT
private:
    Scratch m_scratch;
    QString m_base;
    QString m_bigHar;

    /// The investigation's user work and first capture: what must survive everything.
    void checkIntact(Investigation& inv, int expectedCaptures)
    {
        QCOMPARE(integrity(inv), QStringLiteral("ok"));
        const auto captures = inv.captures();
        QVERIFY(static_cast<int>(captures.size()) >= 1);
        QCOMPARE(captures[0].flowCount, 8);
        QCOMPARE(inv.db().pragmaInt("SELECT count(*) FROM markers"), 2);
        QCOMPARE(inv.db().pragmaInt("SELECT count(*) FROM known_identifiers"), 1);
        QCOMPARE(FlowNotes::get(inv.db(), 3).note, QStringLiteral("important"));
        QCOMPARE(inv.property(QStringLiteral("title")), QStringLiteral("Crash test"));
        // Any other capture is complete: all its flows are there, or it is absent.
        for (size_t i = 1; i < captures.size(); ++i)
            QCOMPARE(inv.db().pragmaInt(QStringLiteral("SELECT count(*) FROM flows WHERE capture_id = %1")
                                            .arg(captures[i].id)
                                            .toUtf8()
                                            .constData()),
                captures[i].flowCount);
        QVERIFY(static_cast<int>(captures.size()) <= expectedCaptures);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_base = m_scratch.path(QStringLiteral("base.leakscope"));
        auto inv = Investigation::open(m_base, Investigation::OpenMode::Create);
        inv->setProperty(QStringLiteral("title"), QStringLiteral("Crash test"));
        QVERIFY(importCapture(*inv, { data(QStringLiteral("har/httpolice__firefox_gif.har")), {}, {}, {} }).ok);
        inv->db().exec("INSERT INTO markers (capture_id, ts, label) VALUES (1, 1763647200000000, 'media_selected'), "
                       "(1, 1763647260000000, 'tapped_post');"
                       "INSERT INTO known_identifiers (label, category, value) VALUES ('email', 'identity.email', "
                       "'a@example.org');");
        FlowNotes::set(inv->db(), { 3, QStringLiteral("important"), true, 0 });
        m_bigHar = m_scratch.path(QStringLiteral("big.har"));
        writeLargeHar(m_bigHar, 300, 40000);
    }

    void killedImportsNeverDamageTheFile()
    {
        const int iterations = killIterations();
        const QString path = m_scratch.path(QStringLiteral("killed.leakscope"));
        QVERIFY(QFile::copy(m_base, path));
        // How long an uninterrupted import takes, to spread the kills over all of it (import and analysis).
        QElapsedTimer timer;
        timer.start();
        {
            const QString probe = m_scratch.path(QStringLiteral("probe.leakscope"));
            QVERIFY(QFile::copy(m_base, probe));
            QCOMPARE(runLeakscope({ QStringLiteral("import"), QStringLiteral("-i"), probe, m_bigHar }).exitCode, 0);
        }
        const qint64 full = std::max<qint64>(timer.elapsed(), 200);
        QRandomGenerator random(20261129);
        int completed = 0;
        for (int i = 0; i < iterations; ++i) {
            QProcess p;
            p.start(binary(), { QStringLiteral("import"), QStringLiteral("-i"), path, m_bigHar });
            QVERIFY(p.waitForStarted());
            QTest::qWait(static_cast<int>(random.bounded(full + full / 4)));
            // Never kill(0, …): a process that already ended has pid 0, and that would hit our own group.
            if (p.state() == QProcess::Running && p.processId() > 0)
                ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
            p.waitForFinished(10000);
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
            checkIntact(*inv, 2);
            if (inv->captures().size() == 2) {
                ++completed;
                inv->removeCapture(inv->captures()[1].id);
            }
        }
        qInfo("%d kills, %d imports finished before their kill", iterations, completed);
    }

    /// Kills aimed at the analysis passes that follow an import (the command prints "analysing: N%" when they
    /// start): the import is committed by then, the passes write their own tables. After each kill the file is
    /// intact and a new analysis run completes on it.
    void killedAnalysesNeverDamageTheFile()
    {
        const int iterations = killIterations();
        const QString path = m_scratch.path(QStringLiteral("analysis-killed.leakscope"));
        QVERIFY(QFile::copy(m_base, path));
        // How long the analysis of an uninterrupted run takes, from its first progress line to the exit.
        qint64 analysisMs = 0;
        {
            const QString probe = m_scratch.path(QStringLiteral("analysis-probe.leakscope"));
            QVERIFY(QFile::copy(m_base, probe));
            QProcess p;
            p.start(binary(), { QStringLiteral("import"), QStringLiteral("-i"), probe, m_bigHar });
            QVERIFY(p.waitForStarted());
            QVERIFY(waitForAnalysis(p));
            QElapsedTimer timer;
            timer.start();
            QVERIFY(p.waitForFinished(300000));
            QCOMPARE(p.exitCode(), 0);
            analysisMs = std::max<qint64>(timer.elapsed(), 50);
        }
        QRandomGenerator random(20261130);
        int inAnalysis = 0;
        for (int i = 0; i < iterations; ++i) {
            QProcess p;
            p.start(binary(), { QStringLiteral("import"), QStringLiteral("-i"), path, m_bigHar });
            QVERIFY(p.waitForStarted());
            if (!waitForAnalysis(p))
                QFAIL("the import ended before its analysis started");
            QTest::qWait(static_cast<int>(random.bounded(analysisMs)));
            if (p.state() == QProcess::Running && p.processId() > 0) {
                ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
                ++inAnalysis;
            }
            p.waitForFinished(10000);
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
            checkIntact(*inv, 2);
            // The import was committed before the analysis began: it is there, complete.
            QCOMPARE(static_cast<int>(inv->captures().size()), 2);
            // A killed analysis leaves nothing that stops the next one.
            const Analysis::Outcome again = Analysis::run(*inv);
            QVERIFY2(again.ok, qPrintable(again.error));
            QCOMPARE(integrity(*inv), QStringLiteral("ok"));
            inv->removeCapture(inv->captures()[1].id);
        }
        qInfo("%d runs, %d killed during their analysis", iterations, inAnalysis);
        QVERIFY(inAnalysis > 0);
    }

    /// Reads the command's progress lines until the analysis starts. False when the process ended first.
    static bool waitForAnalysis(QProcess& p)
    {
        p.setReadChannel(QProcess::StandardError);
        QByteArray seen;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 300000) {
            const bool more = p.waitForReadyRead(100);
            seen += p.readAllStandardError();
            if (seen.contains("analysing:"))
                return true;
            if (!more && p.state() != QProcess::Running)
                return false;
        }
        return false;
    }

    void fullDiskFailsCleanly()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unshare")).isEmpty())
            QSKIP("unshare (util-linux) is not installed");
        const QString dir = m_scratch.path(QStringLiteral("small"));
        QVERIFY(QDir().mkpath(dir));
        // A 1 MiB tmpfs in a private mount namespace: the investigation fits, the 16 MB capture does not.
        const QString script =
            QStringLiteral("mount -t tmpfs -o size=1m none '%1' || exit 77; cp '%2' '%1/case.leakscope'; "
                           "'%3' import -i '%1/case.leakscope' '%4'; echo \"import=$?\"; "
                           "'%3' summary -i '%1/case.leakscope'; echo \"summary=$?\"")
                .arg(dir, m_base, binary(), m_bigHar);
        QProcess p;
        p.start(QStringLiteral("unshare"),
            { QStringLiteral("-r"), QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script });
        QVERIFY(p.waitForFinished(60000));
        if (p.exitCode() == 77)
            QSKIP("cannot mount a tmpfs here");
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(out.contains(QStringLiteral("import=1")), qPrintable(out + err));
        QVERIFY2(err.contains(QStringLiteral("big.har: could not be saved into the investigation: the disk is full")),
            qPrintable(err));
        QVERIFY2(out.contains(QStringLiteral("summary=0")) && out.contains(QStringLiteral("Captures (1)"))
                && out.contains(QStringLiteral("8 flows")),
            qPrintable(out + err));
    }

    void readOnlyFileIsReported()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unshare")).isEmpty())
            QSKIP("unshare (util-linux) is not installed");
        const QString dir = m_scratch.path(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(dir));
        // Root ignores file permissions, so the read-only medium is a read-only mount (like a CD or a locked share).
        const QString script = QStringLiteral(
            "mount -t tmpfs -o size=4m none '%1' || exit 77; cp '%2' '%1/case.leakscope'; "
            "mount -o remount,ro '%1' || exit 77; '%3' import -i '%1/case.leakscope' '%4'; echo \"import=$?\"; "
            "'%3' export -i '%1/case.leakscope' --json -; echo \"export=$?\"")
                                   .arg(dir, m_base, binary(), data(QStringLiteral("har/httpolice__chrome_http2.har")));
        QProcess p;
        p.start(QStringLiteral("unshare"),
            { QStringLiteral("-r"), QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script });
        QVERIFY(p.waitForFinished(60000));
        if (p.exitCode() == 77)
            QSKIP("cannot mount a tmpfs here");
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(out.contains(QStringLiteral("import=1")), qPrintable(out + err));
        QVERIFY2(err.contains(QStringLiteral("case.leakscope: the investigation file is read-only")), qPrintable(err));
        // Reading still works.
        QVERIFY2(out.contains(QStringLiteral("export=0"))
                && out.contains(QStringLiteral("\"schema\": \"leakscope-export/1\"")),
            qPrintable(out + err));
    }
};

int main(int argc, char** argv)
{
    // Each kill test runs its iterations in one test function: give the long run (100 iterations) more than
    // QtTest's default five minutes per function.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number(std::max(300, killIterations() * 30) * 1000));
    QCoreApplication app(argc, argv);
    TestCrashSafety test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_crashsafety.moc"
