// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The window on the offscreen platform: opening the demo, the flow list and its detail pane, filtering,
// importing on the worker thread, reopening.
#include "mainwindow.h"
#include "models/capturesmodel.h"
#include "models/filterstate.h"
#include "models/flowsmodel.h"
#include "pages/capturespage.h"
#include "pages/destinationspage.h"
#include "pages/flowspage.h"
#include "pipeline/analysis.h"
#include "pipeline/captureimport.h"
#include "session.h"
#include "store/flownotes.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"
#include "testutils.h"
#include "widgets/flowdetailview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace TestUtils;

class TestGuiWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
    }

    void opensDemoAndShowsItsFlows()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        QVERIFY(window.session().isOpen());
        QVERIFY(window.windowTitle().contains(QStringLiteral("synthetic")));
        FlowsPage* flows = window.flowsPage();
        QAbstractItemModelTester flowTester(flows->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester captureTester(
            window.capturesPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(
            flows->model()->rowCount(), static_cast<int>(window.session().reader().flowCount()), 10000);
        QVERIFY(flows->model()->rowCount() > 20);
        QCOMPARE(window.capturesPage()->model()->rowCount(), 3); // the session and the draft-vs-posted runs

        // Selecting a row shows its request and response as text.
        const int row = flows->model()->rowOf(
            window.session().reader().db().pragmaInt("SELECT id FROM flows WHERE host = 'app.adjust.com'"));
        QVERIFY(row >= 0);
        flows->view()->selectRow(row);
        QTRY_VERIFY(flows->detail()->flowId() != 0);
        const QString request = flows->detail()->tabText(QStringLiteral("Request"));
        QVERIFY2(
            request.contains(QStringLiteral("POST https://app.adjust.com/session")), qPrintable(request.left(200)));
        QVERIFY(request.contains(QStringLiteral("\"gps_adid\"")));
        QVERIFY(request.contains(QStringLiteral("\nJSON, ")));
        QVERIFY(flows->detail()->tabText(QStringLiteral("Response")).contains(QStringLiteral("Session tracked")));

        // The shared filter narrows the list; back restores it. (A hidden page follows when it is next shown.)
        window.showPage(QStringLiteral("Flows"));
        window.session().filter().setText(QStringLiteral("appsflyer"));
        QTRY_COMPARE_WITH_TIMEOUT(flows->model()->rowCount(), 1, 5000);
        window.session().filter().back();
        QTRY_VERIFY_WITH_TIMEOUT(flows->model()->rowCount() > 20, 5000);
    }

    void returnsToAKeptAnswerUntilTheDataChanges()
    {
        MainWindow window;
        window.show();
        window.openDemo();
        Session& session = window.session();
        FlowsPage* flows = window.flowsPage();
        const int all = static_cast<int>(session.reader().flowCount());
        window.showPage(QStringLiteral("Flows"));
        QTRY_COMPARE_WITH_TIMEOUT(flows->model()->rowCount(), all, 10000);
        session.filter().setText(QStringLiteral("appsflyer"));
        QTRY_COMPARE_WITH_TIMEOUT(flows->model()->rowCount(), 1, 5000);

        // Back and forward show the answers already computed, without a query.
        session.filter().back();
        QVERIFY(!flows->isLoading());
        QCOMPARE(flows->model()->rowCount(), all);
        session.filter().forward();
        QVERIFY(!flows->isLoading());
        QCOMPARE(flows->model()->rowCount(), 1);

        // The same on a page whose query is an aggregation: shown without a filter, then with one, then cleared.
        session.filter().clear();
        window.showPage(QStringLiteral("Destinations"));
        auto* destinations = window.findChild<DestinationsPage*>();
        QVERIFY(destinations);
        QTRY_VERIFY_WITH_TIMEOUT(!destinations->isLoading(), 10000);
        session.filter().setText(QStringLiteral("appsflyer"));
        QTRY_VERIFY_WITH_TIMEOUT(!destinations->isLoading(), 10000);
        session.filter().clear();
        QVERIFY(!destinations->isLoading()); // the unfiltered tree, kept

        // Once the data changes, every kept answer is forgotten: the pages ask again.
        session.notifyDataChanged();
        QVERIFY(flows->isLoading());
        window.showPage(QStringLiteral("Flows"));
        QTRY_COMPARE_WITH_TIMEOUT(flows->model()->rowCount(), all, 5000);
        session.filter().back();
        QVERIFY(flows->isLoading());
        QTRY_COMPARE_WITH_TIMEOUT(flows->model()->rowCount(), 1, 5000);

        // Hidden, the list follows the filter when it is shown again, not before.
        window.showPage(QStringLiteral("Destinations"));
        session.filter().clear();
        QVERIFY(flows->isLoading());
        QTest::qWait(200);
        QCOMPARE(flows->model()->rowCount(), 1);
        window.showPage(QStringLiteral("Flows"));
        QTRY_COMPARE_WITH_TIMEOUT(flows->model()->rowCount(), all, 5000);
    }

    void importsInTheBackgroundAndReopens()
    {
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("gui.leakscope"));
        {
            auto created = Investigation::open(path, Investigation::OpenMode::Create);
        }
        {
            MainWindow window;
            window.show();
            window.openInvestigation(path);
            QVERIFY(window.session().isOpen());
            QCOMPARE(window.flowsPage()->model()->rowCount(), 0);
            QSignalSpy finished(&window.session().tasks(), &TaskRunner::taskFinished);
            window.importFiles({ data(QStringLiteral("har/httpolice__firefox_gif.har")),
                                   data(QStringLiteral("har/httpolice__chrome_http2.har")) },
                QStringLiteral("Firefox"));
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
            QVERIFY(finished.at(0).at(1).value<TaskResult>().ok);
            QTRY_COMPARE_WITH_TIMEOUT(window.flowsPage()->model()->rowCount(), 9, 10000);
            QCOMPARE(window.capturesPage()->model()->rowCount(), 2);
        }
        MainWindow reopened;
        reopened.openInvestigation(path);
        QTRY_COMPARE_WITH_TIMEOUT(reopened.flowsPage()->model()->rowCount(), 9, 10000);
        QCOMPARE(reopened.capturesPage()->model()->rowCount(), 2);
    }

    void followsChangesMadeElsewhere()
    {
        // Another window or a `leakscope` command writes to the open file: the window notices within seconds
        // (SQLite's data_version) and reloads, its kept answers forgotten.
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("shared.leakscope"));
        {
            auto created = Investigation::open(path, Investigation::OpenMode::Create);
        }
        MainWindow window;
        window.show();
        window.openInvestigation(path);
        QVERIFY(window.session().isOpen());
        QTRY_VERIFY_WITH_TIMEOUT(!window.flowsPage()->isLoading(), 5000);
        QCOMPARE(window.flowsPage()->model()->rowCount(), 0);
        QSignalSpy changed(&window.session(), &Session::dataChanged);
        qint64 flows = 0;
        {
            auto other = Investigation::open(path, Investigation::OpenMode::ReadWrite);
            QVERIFY(importCapture(*other, { data(QStringLiteral("har/httpolice__firefox_gif.har")), {}, {}, {} }).ok);
            QVERIFY(Analysis::run(*other).ok);
            flows = other->flowCount();
        }
        QVERIFY(flows > 0);
        QTRY_COMPARE_WITH_TIMEOUT(window.flowsPage()->model()->rowCount(), static_cast<int>(flows), 10000);
        QCOMPARE(changed.count(), 1);
        // Nothing changed since: no further reload.
        QTest::qWait(Session::kExternalChangeCheckMs + 500);
        QCOMPARE(changed.count(), 1);

        // This window's own writes (a note saved by its task runner) are not taken for someone else's.
        QSignalSpy finished(&window.session().tasks(), &TaskRunner::taskFinished);
        const qint64 flowId = window.session().reader().db().pragmaInt("SELECT min(id) FROM flows");
        window.session().tasks().enqueue(
            QStringLiteral("Saving note"), [flowId](Investigation& writer, const ProgressCallback&) {
                Data::FlowNote note;
                note.flowId = flowId;
                note.note = QStringLiteral("seen");
                FlowNotes::set(writer.db(), note);
                return TaskResult { true, false, {}, {} };
            });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QTest::qWait(Session::kExternalChangeCheckMs + 500);
        QCOMPARE(changed.count(), 1);
    }

    void closesWhileAnImportRuns()
    {
        // Closing the window while a task runs waits for it (cancelled) and does not crash: the task's end must
        // not reach a half-destroyed window.
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("closing.leakscope"));
        {
            auto created = Investigation::open(path, Investigation::OpenMode::Create);
        }
        for (int delayMs : { 0, 20, 200 }) {
            auto* window = new MainWindow;
            window->show();
            window->openInvestigation(path);
            QSignalSpy finished(&window->session().tasks(), &TaskRunner::taskFinished);
            window->importFiles({ data(QStringLiteral("har/httpolice__firefox_gif.har")) }, QStringLiteral("Firefox"));
            QTest::qWait(delayMs);
            delete window;
        }
        // The file is whole: the import either landed or left nothing behind.
        auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
        QVERIFY(inv->captures().size() <= 3);
    }

    void brokenCaptureIsReportedAndNothingIsLost()
    {
        Scratch scratch;
        const QString path = scratch.path(QStringLiteral("gui2.leakscope"));
        {
            auto created = Investigation::open(path, Investigation::OpenMode::Create);
        }
        MainWindow window;
        window.openInvestigation(path);
        QSignalSpy finished(&window.session().tasks(), &TaskRunner::taskFinished);
        window.importFiles({ data(QStringLiteral("har/httpolice__chrome_http2.har")) });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        // A message box would block the test: check the result the window shows instead.
        window.importFiles({ data(QStringLiteral("har/httpolice__misc_bad.har")) });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        const TaskResult r = finished.at(1).at(1).value<TaskResult>();
        QVERIFY(!r.ok);
        QVERIFY(r.details.join(u'\n').contains(
            QStringLiteral("httpolice__misc_bad.har: not a capture Leakscope can read")));
        QTRY_COMPARE_WITH_TIMEOUT(window.flowsPage()->model()->rowCount(), 1, 10000);
    }
};

int main(int argc, char** argv)
{
    // A failed import pops up a message box; answer it so the test never waits for a person.
    QApplication app(argc, argv);
    QTimer closer;
    QObject::connect(&closer, &QTimer::timeout, [] {
        for (QWidget* w : QApplication::topLevelWidgets()) {
            if (w->inherits("QMessageBox") && w->isVisible())
                w->close();
        }
    });
    closer.start(100);
    TestGuiWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_gui_window.moc"
