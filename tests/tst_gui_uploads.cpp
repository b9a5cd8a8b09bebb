// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Uploads & timeline page and the Compare page on the demo, offscreen: bars and markers, dragging a marker
// reclassifies the upload and undo restores it, adding and deleting markers, brushing sets the shared filter's
// time range, selecting a bar shows its chunks, and the comparison of the discarded and the posted run.
#include "mainwindow.h"
#include "models/filterstate.h"
#include "models/flowsmodel.h"
#include "models/uploadsmodel.h"
#include "pages/comparepage.h"
#include "pages/flowspage.h"
#include "pages/uploadspage.h"
#include "pipeline/demo.h"
#include "session.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"
#include "testutils.h"
#include "widgets/timelineview.h"

#include <QAbstractItemModelTester>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

using namespace TestUtils;

namespace {

const Data::UploadSession* onlySession(UploadsPage* page)
{
    return page->model()->rowCount() == 1 ? page->model()->session(0) : nullptr;
}

} // namespace

class TestGuiUploads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        // A copy of the demo of our own: these tests edit markers.
        m_demo = m_scratch.path(QStringLiteral("demo.leakscope"));
        QString error;
        QVERIFY2(Demo::build(m_demo, &error), qPrintable(error));
    }

    void timelineMarkersUndoAndBrushing()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.openInvestigation(m_demo);
        QVERIFY(window.session().isOpen());
        window.showPage(QStringLiteral("Uploads & timeline"));
        auto* page = window.findChild<UploadsPage*>();
        QVERIFY(page);
        QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 posted = window.session().reader().findCapture(QStringLiteral("vidzy-draft-posted.har"))->id;
        page->setCurrentCapture(posted);
        QTRY_VERIFY_WITH_TIMEOUT(
            !page->isLoading() && page->model()->rowCount() == 1 && page->view()->scene().captureId == posted, 10000);
        QCOMPARE(onlySession(page)->classification, QStringLiteral("before_post"));
        QCOMPARE(onlySession(page)->mediaMatch, QStringLiteral("structural"));
        TimelineView* view = page->view();
        QCOMPARE(view->scene().lanes.size(), size_t(1));
        QCOMPARE(view->scene().lanes[0].name, QStringLiteral("vidzy.example"));
        QCOMPARE(view->scene().bars.size(), size_t(1));
        QCOMPARE(view->scene().markers.size(), size_t(8));

        // Selecting the bar shows the session's chunks, fingerprint and match.
        const auto& bar = view->scene().bars[0];
        const QRectF barRect = view->layout().barRect(bar.lane, bar.start, bar.end, bar.bytes, view->scene().maxBytes);
        QTest::mouseClick(view, Qt::LeftButton, {}, barRect.center().toPoint());
        QCOMPARE(view->selectedSession(), bar.session);
        QVERIFY(page->details()->toPlainText().contains(QStringLiteral("Chunks (in offset order)")));
        QVERIFY(page->details()->toPlainText().contains(QStringLiteral("MP4 video, 720×1280, 4.00 s, avc1")));
        QVERIFY(page->details()->toPlainText().contains(QStringLiteral("structural (vidzy-draft.mp4)")));

        // Drag tapped_post to before the upload: the upload is now after Post.
        const TimelineScene::Marker post = *std::find_if(view->scene().markers.begin(), view->scene().markers.end(),
            [](const TimelineScene::Marker& m) { return m.label == u"tapped_post"; });
        const int y = int(view->layout().laneRect(0).bottom()) + 20;
        const QPoint from(qRound(view->layout().xForTime(post.ts)), y);
        const QPoint to(qRound(view->layout().xForTime(bar.start)) - 30, y);
        QTest::mousePress(view, Qt::LeftButton, {}, from);
        QTest::mouseMove(view, (from + to) / 2);
        QTest::mouseMove(view, to);
        QTest::mouseRelease(view, Qt::LeftButton, {}, to);
        QCOMPARE(page->undoStack()->count(), 1);
        QCOMPARE(page->undoStack()->undoText(), QStringLiteral("Move marker \"tapped_post\""));
        QTRY_VERIFY_WITH_TIMEOUT(!window.session().tasks().isBusy() && !page->isLoading() && onlySession(page)
                && onlySession(page)->classification == u"after_post",
            10000);
        // Undo puts it back.
        page->undoStack()->undo();
        QTRY_VERIFY_WITH_TIMEOUT(!window.session().tasks().isBusy() && !page->isLoading() && onlySession(page)
                && onlySession(page)->classification == u"before_post",
            10000);
        QCOMPARE(onlySession(page)->postDeltaUs, qint64(post.ts - bar.start));

        // Delete every tapped_post marker and the upload has no Post to compare with; undo restores it by id.
        page->deleteMarker(post.id);
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.session().tasks().isBusy() && !page->isLoading() && page->markers().size() == 7, 10000);
        QCOMPARE(onlySession(page)->postTs, 0);
        page->undoStack()->undo();
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.session().tasks().isBusy() && !page->isLoading() && page->markers().size() == 8, 10000);
        QVERIFY(std::any_of(
            page->markers().begin(), page->markers().end(), [&](const Data::Marker& m) { return m.id == post.id; }));

        // Add a marker, undo, redo.
        page->addMarker(bar.start - 100000, QStringLiteral("tapped_save_draft"), QStringLiteral("added in the test"));
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.session().tasks().isBusy() && !page->isLoading() && page->markers().size() == 9, 10000);
        QCOMPARE(onlySession(page)->beforeMarker, QStringLiteral("tapped_save_draft"));
        page->undoStack()->undo();
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.session().tasks().isBusy() && !page->isLoading() && page->markers().size() == 8, 10000);
        page->undoStack()->redo();
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.session().tasks().isBusy() && !page->isLoading() && page->markers().size() == 9, 10000);

        // Brushing a range sets the shared filter (capture and time), which the other pages follow.
        const QPoint a(qRound(view->layout().xForTime(bar.start)) - 40, y + 10);
        const QPoint b(qRound(view->layout().xForTime(bar.end)) + 40, y + 10);
        QTest::mousePress(view, Qt::LeftButton, {}, a);
        QTest::mouseMove(view, b);
        QTest::mouseRelease(view, Qt::LeftButton, {}, b);
        const Data::Filter f = window.session().filter().filter();
        QCOMPARE(f.captureIds, QList<qint64> { posted });
        QVERIFY(f.from > 0 && f.from < bar.start);
        QVERIFY(f.to > bar.end);
        QTRY_VERIFY_WITH_TIMEOUT(window.flowsPage()->model()->rowCount() > 0, 10000);
        window.session().filter().back();
        QCOMPARE(window.session().filter().filter().from, 0);
        window.session().tasks().waitForIdle();
    }

    void comparePage()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.openInvestigation(m_demo);
        window.showPage(QStringLiteral("Compare"));
        auto* page = window.findChild<ComparePage*>();
        QVERIFY(page);
        // It starts on the discarded run (A) and the posted run (B), as their markers say.
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->comparison().a.captureId != 0, 10000);
        QCOMPARE(page->comparison().a.condition, QStringLiteral("discarded"));
        QCOMPARE(page->comparison().b.condition, QStringLiteral("posted"));
        const QString summary = page->summary()->toPlainText();
        QVERIFY2(summary.contains(QStringLiteral(
                     "In both runs, 325.1 kB and 263.2 kB of video reached upload.vidzy.example before Post; "
                     "the discarded run made no delete call.")),
            qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("Only the posted run made the publish call")));
        QCOMPARE(page->uploads()->rowCount(), 1);
        QCOMPARE(page->uploads()->item(0, 0)->text(), QStringLiteral("upload.vidzy.example"));
        QCOMPARE(page->uploads()->item(0, 6)->text(), QStringLiteral("structural"));
        QVERIFY(page->destinations()->rowCount() >= 3);
        // The same capture twice is refused in words.
        const qint64 one = page->comparison().a.captureId;
        page->setCaptures(one, one);
        QVERIFY(page->summary()->toPlainText().contains(QStringLiteral("A and B are the same capture")));
    }

private:
    Scratch m_scratch;
    QString m_demo;
};

QTEST_MAIN(TestGuiUploads)
#include "tst_gui_uploads.moc"
