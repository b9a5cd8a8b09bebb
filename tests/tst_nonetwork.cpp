// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The tool itself opens no network connection unless the user asks for one (ARCHITECTURE.md, trust
// boundaries). Every Internet socket the leakscope process creates is refused and logged by a preloaded shim
// (tests/support/denynetwork.c); the whole pipeline and the window must run without a single attempt.
#include "testutils.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace TestUtils;

class TestNoNetwork : public QObject
{
    Q_OBJECT
private:
    Scratch m_scratch;

    ProcessResult run(const QStringList& arguments, int timeoutMs = 60000)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(LEAKSCOPE_DENYNETWORK));
        // Under the sanitizer build the shim is preloaded before ASan's runtime, which ASan refuses by default.
        env.insert(QStringLiteral("ASAN_OPTIONS"),
            env.value(QStringLiteral("ASAN_OPTIONS")) + QStringLiteral(":verify_asan_link_order=0"));
        env.insert(QStringLiteral("LEAKSCOPE_NET_LOG"), m_scratch.path(QStringLiteral("net.log")));
        env.insert(QStringLiteral("LEAKSCOPE_DATA_DIR"), QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_scratch.path(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_scratch.path(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start(binary(), arguments);
        ProcessResult r;
        if (!p.waitForFinished(timeoutMs)) {
            // The window never quits by itself: stop it once it had time to open and load the demo.
            p.terminate();
            p.waitForFinished(5000);
            r.exitCode = 0;
        } else {
            r.exitCode = p.exitCode();
        }
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    QString attempts()
    {
        QFile log(m_scratch.path(QStringLiteral("net.log")));
        return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
    }

private Q_SLOTS:
    void shimRefusesSockets()
    {
        // The shim must work, or the test below proves nothing: a program that does connect gets caught.
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("python3 is not installed");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(LEAKSCOPE_DENYNETWORK));
        const QString log = m_scratch.path(QStringLiteral("probe.log"));
        env.insert(QStringLiteral("LEAKSCOPE_NET_LOG"), log);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("python3"),
            { QStringLiteral("-c"), QStringLiteral("import socket\ntry:\n socket.socket()\nexcept OSError:\n pass") });
        QVERIFY(p.waitForFinished(20000));
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("socket family=2"));
    }

    void pipelineAndWindowStayOffline()
    {
        const QString inv = m_scratch.path(QStringLiteral("offline.leakscope"));
        QCOMPARE(run({ QStringLiteral("import"), QStringLiteral("-i"), inv,
                         data(QStringLiteral("har/httpolice__firefox_gif.har")),
                         data(QStringLiteral("har/mitmproxy__har_files_chrome.har")) })
                     .exitCode,
            0);
        QCOMPARE(run({ QStringLiteral("export"), QStringLiteral("-i"), inv, QStringLiteral("--json"),
                         m_scratch.path(QStringLiteral("o.json")) })
                     .exitCode,
            0);
        QCOMPARE(run({ QStringLiteral("summary"), QStringLiteral("-i"), inv }).exitCode, 0);
        QCOMPARE(run({ QStringLiteral("report"), QStringLiteral("-i"), inv, QStringLiteral("--pdf"),
                         m_scratch.path(QStringLiteral("o.pdf")) })
                     .exitCode,
            0);
        run({ QStringLiteral("--demo") }, 12000);
        run({ inv }, 6000);
        QCOMPARE(attempts(), QString());
    }
};

QTEST_GUILESS_MAIN(TestNoNetwork)
#include "tst_nonetwork.moc"
