// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: the leakscope binary as scripts and newsroom pipelines use it (EXPORT.md).
#include "testutils.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TestUtils;

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void versionAndHelp()
    {
        const ProcessResult v = runLeakscope({ QStringLiteral("--version") });
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith(QStringLiteral("leakscope ")));
        const ProcessResult h = runLeakscope({ QStringLiteral("--help") });
        QCOMPARE(h.exitCode, 0);
        for (const char* command : { "import", "export", "summary" })
            QVERIFY2(h.out.contains(QLatin1String(command)), command);
        const ProcessResult ih = runLeakscope({ QStringLiteral("import"), QStringLiteral("--help") });
        QCOMPARE(ih.exitCode, 0);
        QVERIFY(ih.out.contains(QStringLiteral("--capture-label")));
        QVERIFY(ih.err.isEmpty());
    }

    void importThenExport()
    {
        Scratch scratch;
        const QString inv = scratch.path(QStringLiteral("case.leakscope"));
        const ProcessResult imported = runLeakscope({ QStringLiteral("import"), QStringLiteral("-i"), inv, QStringLiteral("--app"), QStringLiteral("Vidzy"),
                                                      QStringLiteral("--capture-label"), QStringLiteral("run A"), data(QStringLiteral("har/httpolice__firefox_gif.har")),
                                                      data(QStringLiteral("har/httpolice__chrome_http2.har")) });
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(imported.out, QStringLiteral("capture 1: httpolice__firefox_gif.har (har): 8 flows, 0 connections, 0 warnings\n"
                                              "capture 2: httpolice__chrome_http2.har (har): 1 flows, 0 connections, 0 warnings\n"));

        const ProcessResult exported = runLeakscope({ QStringLiteral("export"), QStringLiteral("-i"), inv, QStringLiteral("--json"), QStringLiteral("-") });
        QCOMPARE(exported.exitCode, 0);
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(exported.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(json.value(QStringLiteral("schema")).toString(), QStringLiteral("leakscope-export/1"));
        for (const char* section : { "generated_at", "tool_version", "reference_data", "captures", "apps", "destinations", "findings", "markers", "uploads", "coverage" })
            QVERIFY2(json.contains(QLatin1String(section)), section);
        for (const char* list : { "reference_data", "captures", "apps", "destinations", "findings", "markers", "uploads" })
            QVERIFY2(json.value(QLatin1String(list)).isArray(), list);
        const QJsonArray captures = json.value(QStringLiteral("captures")).toArray();
        QCOMPARE(captures.size(), 2);
        const QJsonObject first = captures[0].toObject();
        QCOMPARE(first.value(QStringLiteral("file_name")).toString(), QStringLiteral("httpolice__firefox_gif.har"));
        QCOMPARE(first.value(QStringLiteral("format")).toString(), QStringLiteral("har"));
        QCOMPARE(first.value(QStringLiteral("app")).toString(), QStringLiteral("Vidzy"));
        QCOMPARE(first.value(QStringLiteral("label")).toString(), QStringLiteral("run A"));
        QCOMPARE(first.value(QStringLiteral("flows")).toInt(), 8);
        QCOMPARE(first.value(QStringLiteral("sha256")).toString().size(), 64);
        QVERIFY(first.value(QStringLiteral("first_seen")).toString().endsWith(u'Z'));
        QVERIFY(first.value(QStringLiteral("warnings")).isArray());
        const QJsonArray apps = json.value(QStringLiteral("apps")).toArray();
        QCOMPARE(apps.size(), 1);
        QCOMPARE(apps[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Vidzy"));
        QCOMPARE(json.value(QStringLiteral("coverage")).toObject().value(QStringLiteral("flows_total")).toInt(), 9);

        // To a file, and limited to one capture.
        const QString out = scratch.path(QStringLiteral("out.json"));
        const ProcessResult toFile = runLeakscope({ QStringLiteral("export"), QStringLiteral("-i"), inv, QStringLiteral("--json"), out, QStringLiteral("--capture"), QStringLiteral("2") });
        QCOMPARE(toFile.exitCode, 0);
        QVERIFY(toFile.out.isEmpty()); // results go to the file, notes to stderr
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject filtered = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(filtered.value(QStringLiteral("captures")).toArray().size(), 1);
        QCOMPARE(filtered.value(QStringLiteral("coverage")).toObject().value(QStringLiteral("flows_total")).toInt(), 1);

        const ProcessResult summary = runLeakscope({ QStringLiteral("summary"), QStringLiteral("-i"), inv });
        QCOMPARE(summary.exitCode, 0);
        QVERIFY(summary.out.contains(QStringLiteral("Captures (2)")));
        QVERIFY(summary.out.contains(QStringLiteral("cm.g.doubleclick.net")));
    }

    void errorsAreOneClearLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") } << 2 << QStringLiteral("leakscope: unknown command \"frobnicate\"");
        QTest::newRow("no captures") << QStringList { QStringLiteral("import"), QStringLiteral("-i"), QStringLiteral("@INV@") } << 2
                                     << QStringLiteral("leakscope: import: no capture files given");
        QTest::newRow("missing capture") << QStringList { QStringLiteral("import"), QStringLiteral("-i"), QStringLiteral("@INV@"), QStringLiteral("/nonexistent/x.har") } << 1
                                         << QStringLiteral("leakscope: /nonexistent/x.har: no such file");
        QTest::newRow("not a capture") << QStringList { QStringLiteral("import"), QStringLiteral("-i"), QStringLiteral("@INV@"), QStringLiteral("@DATA@/har/httpolice__misc_bad.har") } << 1
                                       << QStringLiteral("leakscope: httpolice__misc_bad.har: not a capture Leakscope can read (it looks like a JSON document of an unrecognised shape)");
        QTest::newRow("export without target") << QStringList { QStringLiteral("export"), QStringLiteral("-i"), QStringLiteral("@INV@") } << 2
                                               << QStringLiteral("leakscope: export: say where to write");
        QTest::newRow("export of a missing investigation") << QStringList { QStringLiteral("export"), QStringLiteral("-i"), QStringLiteral("/nonexistent/x.leakscope"), QStringLiteral("--json"), QStringLiteral("-") } << 1
                                                           << QStringLiteral("leakscope: x.leakscope: no such file");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("export"), QStringLiteral("--bogus") } << 2 << QStringLiteral("leakscope: Unknown option 'bogus'.");
    }
    void errorsAreOneClearLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        Scratch scratch;
        for (QString& a : arguments)
            a.replace(QStringLiteral("@INV@"), scratch.path(QStringLiteral("e.leakscope"))).replace(QStringLiteral("@DATA@"), data(QString()).chopped(1));
        const ProcessResult r = runLeakscope(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void partialFailureImportsTheRest()
    {
        Scratch scratch;
        const QString inv = scratch.path(QStringLiteral("p.leakscope"));
        const ProcessResult r = runLeakscope({ QStringLiteral("import"), QStringLiteral("-i"), inv, data(QStringLiteral("har/hartok6__page.har")),
                                               data(QStringLiteral("har/httpolice__chrome_http2.har")) });
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("hartok6__page.har: not a HAR file: \"log\" has no \"entries\" array")));
        QVERIFY(r.out.contains(QStringLiteral("capture 1: httpolice__chrome_http2.har")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
