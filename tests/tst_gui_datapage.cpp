// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Data page on the offscreen platform: the matrix, the findings list and its filters (its own and the
// shared one), the evidence viewer with its highlight and decoding steps, and the known-identifier editor.
#include "detect/categories.h"
#include "dialogs/knownidentifiersdialog.h"
#include "mainwindow.h"
#include "models/categorymatrixmodel.h"
#include "models/filterstate.h"
#include "models/findingsmodel.h"
#include "pages/datapage.h"
#include "pipeline/demo.h"
#include "session.h"
#include "tasks/taskrunner.h"
#include "testutils.h"
#include "widgets/categorymatrixchart.h"
#include "widgets/evidenceview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace TestUtils;

class TestGuiDataPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void matrixListAndEvidence();
    void sharedFilterIsRespected();
    void identifierEditor();

private:
    DataPage* openPage(MainWindow& window);
    Scratch m_scratch;
    QString m_demo;
};

void TestGuiDataPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
    // A private copy of the demo: the editor test changes its identifiers.
    m_demo = m_scratch.path(QStringLiteral("demo.leakscope"));
    QString error;
    QVERIFY2(Demo::build(m_demo, &error), qPrintable(error));
}

DataPage* TestGuiDataPage::openPage(MainWindow& window)
{
    window.show();
    window.openInvestigation(m_demo);
    window.showPage(QStringLiteral("Data"));
    auto* page = window.findChild<DataPage*>();
    if (page && !QTest::qWaitFor([&] { return !page->isLoading() && page->model()->rowCount() > 0; }, 10000))
        return nullptr;
    return page;
}

void TestGuiDataPage::matrixListAndEvidence()
{
    MainWindow window;
    DataPage* page = openPage(window);
    QVERIFY(page);
    QCOMPARE(window.currentPageTitle(), QStringLiteral("Data"));
    QAbstractItemModelTester t1(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(page->matrix(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(page->model()->rowCount() > 30);
    // Every category of the demo is a row of the matrix, drawn as bubbles.
    QCOMPARE(page->matrix()->rowCount(), static_cast<int>(Categories::all().size()));
    QVERIFY(page->matrix()->parties().contains(QStringLiteral("vidzy.example")));
    QVERIFY(page->chart()->bubbleCount() >= page->matrix()->rowCount());
    QVERIFY(CategoryMatrixChart::bubbleSize(1, 10) < CategoryMatrixChart::bubbleSize(10, 10));
    QCOMPARE(CategoryMatrixChart::bubbleSize(0, 10), 0.0);

    // The page's own filters: category, company or domain, confidence. Each re-runs the list query.
    const int all = page->model()->rowCount();
    const auto settled = [page] { return QTest::qWaitFor([page] { return !page->isLoading(); }, 10000); };
    page->setCategory(QStringLiteral("media.video"));
    QVERIFY(settled());
    QVERIFY(page->model()->rowCount() >= 1); // the posted video, and the draft runs' uploads
    for (int r = 0; r < page->model()->rowCount(); ++r)
        QCOMPARE(
            page->model()->index(r, 0).data(FindingsModel::CategoryRole).toString(), QStringLiteral("media.video"));
    QCOMPARE(page->matrix()->rowCount(), static_cast<int>(Categories::all().size())); // the matrix stays whole
    page->setCategory({});
    // The party is the company behind the host, its parent company included: Adjust belongs to AppLovin.
    page->setParty(QStringLiteral("AppLovin"));
    QVERIFY(settled());
    QVERIFY(page->model()->rowCount() >= 2);
    for (int r = 0; r < page->model()->rowCount(); ++r)
        QCOMPARE(page->model()->index(r, 0).data(FindingsModel::PartyRole).toString(), QStringLiteral("AppLovin"));
    QVERIFY(page->matrix()->parties().contains(QStringLiteral("AppLovin")));
    page->setParty({});
    page->setMinConfidence(2);
    QVERIFY(settled());
    QVERIFY(page->model()->rowCount() > 0 && page->model()->rowCount() < all);
    for (int r = 0; r < page->model()->rowCount(); ++r)
        QCOMPARE(page->model()->index(r, 0).data(FindingsModel::ConfidenceRole).toInt(), int(Confidence::High));
    page->setMinConfidence(0);
    QVERIFY(settled());
    QCOMPARE(page->model()->rowCount(), all);

    // Sorting re-runs the query: by confidence, most confident first; ties by time.
    page->view()->sortByColumn(FindingsModel::ConfidenceColumn, Qt::DescendingOrder);
    QVERIFY(settled());
    QCOMPARE(page->model()->rowCount(), all);
    for (int r = 1; r < page->model()->rowCount(); ++r)
        QVERIFY(page->model()->finding(r - 1)->confidence >= page->model()->finding(r)->confidence);
    page->view()->sortByColumn(FindingsModel::TimeColumn, Qt::AscendingOrder);
    QVERIFY(settled());
    for (int r = 1; r < page->model()->rowCount(); ++r)
        QVERIFY(page->model()->finding(r - 1)->ts <= page->model()->finding(r)->ts);

    // The evidence of the ad id three decodings deep: the decoded body with the payload highlighted.
    qint64 id = 0;
    for (int r = 0; r < page->model()->rowCount(); ++r) {
        if (page->model()->finding(r)->encodingChain == u"gzip>json>$.events[3].payload>base64>json>$.ad_id")
            id = page->model()->finding(r)->id;
    }
    QVERIFY(id);
    QSignalSpy shown(page, &DataPage::evidenceShown);
    page->showFinding(id);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
    QVERIFY(page->evidence()->text().contains(QStringLiteral("POST https://api.vidzy.example/v2/analytics/batch")));
    QVERIFY(page->evidence()->text().contains(QStringLiteral("\"events\":[")));
    const QString highlighted = page->evidence()->highlightedText();
    QVERIFY2(highlighted.startsWith(u'"') && highlighted.size() > 40, qPrintable(highlighted));
    const QString steps = page->evidence()->steps().join(u'\n');
    QVERIFY2(steps.contains(QStringLiteral("gzip")) && steps.contains(QStringLiteral("base64")), qPrintable(steps));
    // LEAKSCOPE_SCREENSHOTS=dir saves the page for the README.
    if (const QString dir = qEnvironmentVariable("LEAKSCOPE_SCREENSHOTS"); !dir.isEmpty()) {
        window.resize(1400, 1000);
        QTest::qWait(1000);
        window.grab().save(dir + QStringLiteral("/data.png"));
    }
}

void TestGuiDataPage::sharedFilterIsRespected()
{
    MainWindow window;
    DataPage* page = openPage(window);
    QVERIFY(page);
    const int all = page->model()->rowCount();
    QSignalSpy loaded(page, &DataPage::loaded);
    window.session().filter().setCategories({ QStringLiteral("identity.email") });
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && !page->isLoading(), 10000);
    QVERIFY(page->model()->rowCount() > 0 && page->model()->rowCount() < all);
    for (int r = 0; r < page->model()->rowCount(); ++r)
        QCOMPARE(page->model()->finding(r)->category, QStringLiteral("identity.email"));
    QCOMPARE(page->matrix()->categories(), QStringList { QStringLiteral("identity.email") });
    // Narrowing the list while a filter change is still loading must not lose the new matrix.
    window.session().filter().setCategories({ QStringLiteral("location.precise") });
    page->setMinConfidence(1);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 10000);
    QCOMPARE(page->matrix()->categories(), QStringList { QStringLiteral("location.precise") });
    page->setMinConfidence(0);
    window.session().filter().setCategories({ QStringLiteral("identity.email") });
    QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->matrix()->categories().size() == 1, 10000);
    window.session().filter().setMinConfidence(QStringLiteral("high"));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 2 && !page->isLoading(), 10000);
    for (int r = 0; r < page->model()->rowCount(); ++r)
        QCOMPARE(page->model()->finding(r)->confidence, int(Confidence::High));
    window.session().filter().clear();
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), all, 10000);
}

void TestGuiDataPage::identifierEditor()
{
    MainWindow window;
    DataPage* page = openPage(window);
    QVERIFY(page);
    KnownIdentifiersDialog* editor = page->editIdentifiers();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    QCOMPARE(static_cast<int>(editor->identifiers().size()), 13);
    // Export and import round trip; duplicates are not added twice.
    const QByteArray json = editor->exportJson();
    QString error;
    QVERIFY(editor->importJson(json, &error));
    QCOMPARE(static_cast<int>(editor->identifiers().size()), 13);
    QVERIFY(!editor->importJson("[{\"label\":\"x\"}]", &error));
    QVERIFY(error.contains(QStringLiteral("entry 1")));
    // Keep only the email (under a new label); a bad row keeps the dialog open with the reason.
    while (editor->table()->rowCount() > 0)
        editor->removeRow(0);
    editor->addIdentifier({ 0, QStringLiteral("reporter email"), QStringLiteral("identity.email"),
        QStringLiteral("zq7.reporter@example.org") });
    editor->addIdentifier(
        { 0, QStringLiteral("broken"), QStringLiteral("location.precise"), QStringLiteral("nowhere") });
    QCOMPARE(editor->problems().size(), 1);
    editor->accept();
    QVERIFY(editor->isVisible());
    editor->removeRow(1);
    QVERIFY(editor->problems().isEmpty());
    QSignalSpy finished(&window.session().tasks(), &TaskRunner::taskFinished);
    editor->accept();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY(finished.at(0).at(1).value<TaskResult>().ok);
    // The findings were recomputed: only the new label is known.
    QTRY_VERIFY_WITH_TIMEOUT(
        !page->isLoading() &&
            [&] {
                bool reporter = false;
                for (int r = 0; r < page->model()->rowCount(); ++r) {
                    const QString label = page->model()->finding(r)->knownIdentifier;
                    if (!label.isEmpty() && label != u"reporter email")
                        return false;
                    reporter |= label == u"reporter email";
                }
                return reporter;
            }(),
        20000);
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    TestGuiDataPage test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_gui_datapage.moc"
