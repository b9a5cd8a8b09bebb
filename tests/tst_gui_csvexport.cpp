// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// File → Export CSV… in the window: the action is there once an investigation is open, the export runs on the
// task runner with the window's filter. (Failures are reported by the task runner's error dialog; their text is
// tested in tst_csvexport.)
#include "commands/csvexportcommand.h"
#include "mainwindow.h"
#include "models/filterstate.h"
#include "report/csvexport.h"
#include "session.h"
#include "tasks/taskrunner.h"
#include "testutils.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace TestUtils;

class TestGuiCsvExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
    }

    void exportsWithTheWindowsFilter()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(window.session().isOpen());
        QAction* action = nullptr;
        for (QAction* a : window.menuBar()->actions().first()->menu()->actions()) {
            if (a->text() == QStringLiteral("Export &CSV…"))
                action = a;
        }
        QVERIFY(action);
        QVERIFY(action->isEnabled());

        window.session().filter().setText(QStringLiteral("appsflyer"));
        Scratch scratch;
        const QString folder = scratch.path(QStringLiteral("csv"));
        QSignalSpy finished(&window.session().tasks(), &TaskRunner::taskFinished);
        CsvExportCommand::enqueue(window.session(), folder);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const TaskResult r = finished.at(0).at(1).value<TaskResult>();
        QVERIFY2(r.ok, qPrintable(r.details.join(u'\n')));
        QVERIFY2(r.message.contains(QStringLiteral(", flows: 1)")), qPrintable(r.message)); // the filter applied
        for (const CsvExport::Table table : CsvExport::allTables)
            QVERIFY(QFile::exists(QDir(folder).filePath(CsvExport::fileName(table))));
    }
};

QTEST_MAIN(TestGuiCsvExport)
#include "tst_gui_csvexport.moc"
