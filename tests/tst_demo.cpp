// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled demo: the generator reproduces the shipped captures exactly, and the demo investigation builds.
#include "common/paths.h"
#include "pipeline/analysis.h"
#include "pipeline/demo.h"
#include "store/investigation.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

using namespace TestUtils;

class TestDemo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
    }

    void generatorReproducesShippedFiles()
    {
        Scratch scratch;
        const QString out = scratch.path(QStringLiteral("demo"));
        QVERIFY(QDir().mkpath(out));
        const QString generator = QFileInfo(binary()).absolutePath() + QStringLiteral("/leakscope-demogen");
        QCOMPARE(QProcess::execute(generator, { out }), 0);
        const QDir shipped(QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources/demo"));
        const QStringList generated = QDir(out).entryList(QDir::Files);
        QVERIFY(!generated.isEmpty());
        for (const QString& name : generated) {
            QFile a(QDir(out).filePath(name));
            QFile b(shipped.filePath(name));
            QVERIFY(a.open(QIODevice::ReadOnly));
            QVERIFY2(b.open(QIODevice::ReadOnly), qPrintable(name + QStringLiteral(" is generated but not shipped")));
            QVERIFY2(a.readAll() == b.readAll(),
                qPrintable(name + QStringLiteral(" differs: run leakscope-demogen resources/demo")));
        }
    }

    void demoInvestigationBuilds()
    {
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("demo.leakscope"));
        QString error;
        QVERIFY2(Demo::build(path, &error), qPrintable(error));
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
        QVERIFY(inv->title().contains(QStringLiteral("synthetic")));
        QVERIFY(!inv->captures().empty());
        QVERIFY(inv->flowCount() > 20);
        QCOMPARE(inv->apps().at(0).name, QStringLiteral("Vidzy"));
        QCOMPARE(inv->property(QStringLiteral("demo_inputs")), Demo::inputsFingerprint());
        QVERIFY(Analysis::isCurrent(*inv)); // opens without an analysis to run
    }

    void cachedDemoIsRebuiltWhenAnAnalysisChanged()
    {
        // A demo left in the cache by an older version whose analysis tables had another layout is rebuilt, so
        // the demo always opens analysed (not with an "Analysing" task the user did not ask for).
        Scratch scratch;
        qputenv("XDG_CACHE_HOME", scratch.path(QStringLiteral("cache")).toUtf8());
        QString error;
        const QString path = Demo::ensureInvestigation(&error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        {
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadWrite);
            inv->db().exec("UPDATE analysis_state SET schema_version = 0 WHERE pass = 'detect'");
            QVERIFY(!Analysis::isCurrent(*inv));
        }
        QCOMPARE(Demo::ensureInvestigation(&error), path);
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
        QVERIFY(Analysis::isCurrent(*inv));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
