// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Overview page offscreen, and the main path a reporter takes through the window: open the demo on its
// overview, follow a headline to its evidence, filter by a country on the map and see the Data page follow,
// open a flow, add a note, reopen the file and find the note again.
#include "mainwindow.h"
#include "models/filterstate.h"
#include "models/findingsmodel.h"
#include "models/flowsmodel.h"
#include "pages/datapage.h"
#include "pages/flowspage.h"
#include "pages/mappage.h"
#include "pages/overviewpage.h"
#include "pipeline/demo.h"
#include "session.h"
#include "store/flownotes.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"
#include "testutils.h"
#include "widgets/flowdetailview.h"
#include "widgets/worldmapwidget.h"

#include <QComboBox>
#include <QListWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace TestUtils;

class TestGuiOverview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        m_demo = m_scratch.path(QStringLiteral("demo.leakscope"));
        QString error;
        QVERIFY2(Demo::build(m_demo, &error), qPrintable(error));
    }

    void opensOnTheOverview()
    {
        MainWindow window;
        window.show();
        window.openInvestigation(m_demo);
        QCOMPARE(window.currentPageTitle(), QStringLiteral("Overview"));
        auto* page = window.findChild<OverviewPage*>();
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->headlineList()->count() > 3, 10000);
        const Headlines::Summary& s = page->summary();
        QVERIFY(page->headlineList()->item(0)->text().startsWith(
            QStringLiteral("Sent data to %1 companies").arg(s.companies)));
        QCOMPARE(page->companyList()->topLevelItemCount(), std::min<int>(12, static_cast<int>(s.receivers.size())));
        QCOMPARE(page->categoryList()->topLevelItemCount(), static_cast<int>(s.categories.size()));
        // Every number has its explanation.
        for (int i = 0; i < page->headlineList()->count(); ++i)
            QVERIFY(!page->headlineList()->item(i)->toolTip().isEmpty());

        // A category headline opens the Data page filtered to that category.
        int locationRow = -1;
        for (int i = 0; i < static_cast<int>(s.headlines.size()); ++i) {
            if (s.headlines[static_cast<size_t>(i)].categories == QStringList { QStringLiteral("location.precise") })
                locationRow = i;
        }
        QVERIFY(locationRow >= 0);
        QListWidget* list = page->headlineList();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(locationRow)).center());
        QCOMPARE(window.currentPageTitle(), QStringLiteral("Data"));
        QCOMPARE(window.session().filter().filter().categories, QStringList { QStringLiteral("location.precise") });
        auto* data = window.findChild<DataPage*>();
        QTRY_VERIFY_WITH_TIMEOUT(!data->isLoading() && data->model()->rowCount() > 0, 10000);
        for (int r = 0; r < data->model()->rowCount(); ++r)
            QCOMPARE(data->model()->finding(r)->category, QStringLiteral("location.precise"));

        // Back in the filter history, the overview shows everything again.
        window.session().filter().back();
        QVERIFY(page->isLoading()); // hidden: it reloads when shown
        window.showPage(QStringLiteral("Overview"));
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->summary().categories.size() == s.categories.size(), 10000);

        // The app selector sets the shared filter.
        auto* app = page->findChild<QComboBox*>();
        QVERIFY(app->count() >= 2);
        app->setCurrentIndex(1);
        Q_EMIT app->activated(1);
        QCOMPARE(window.session().filter().filter().appIds, QList<qint64> { app->itemData(1).toLongLong() });
    }

    void reportersMainPath()
    {
        const QString copy = m_scratch.path(QStringLiteral("path.leakscope"));
        QVERIFY(QFile::copy(m_demo, copy));
        qint64 flowId = 0;
        {
            MainWindow window;
            window.show();
            window.openInvestigation(copy);
            // Filter by a country on the map: the Data page follows.
            window.showPage(QStringLiteral("Map"));
            auto* map = window.findChild<MapPage*>();
            QTRY_VERIFY_WITH_TIMEOUT(!map->isLoading() && map->values().contains(QStringLiteral("US")), 10000);
            Q_EMIT map->map()->countryClicked(QStringLiteral("US"));
            QCOMPARE(window.session().filter().filter().countries, QStringList { QStringLiteral("US") });
            window.showPage(QStringLiteral("Data"));
            auto* data = window.findChild<DataPage*>();
            QTRY_VERIFY_WITH_TIMEOUT(!data->isLoading() && data->model()->rowCount() > 0, 10000);
            const qint64 usFindings = data->model()->rowCount();
            window.session().filter().setCountries({});
            QTRY_VERIFY_WITH_TIMEOUT(!data->isLoading() && data->model()->rowCount() > usFindings, 10000);
            window.session().filter().setCountries({ QStringLiteral("US") });
            QTRY_VERIFY_WITH_TIMEOUT(!data->isLoading() && data->model()->rowCount() == usFindings, 10000);

            // Open a flow and add a note (what the note editor emits).
            window.showPage(QStringLiteral("Flows"));
            FlowsPage* flows = window.flowsPage();
            QTRY_VERIFY_WITH_TIMEOUT(!flows->isLoading() && flows->model()->rowCount() > 0, 10000);
            flows->view()->selectRow(0);
            QTRY_VERIFY(flows->detail()->flowId() != 0);
            flowId = flows->detail()->flowId();
            Data::FlowNote note;
            note.flowId = flowId;
            note.note = QStringLiteral("Location goes to the US before consent <check>");
            note.bookmarked = true;
            Q_EMIT flows->detail()->noteChanged(note);
            window.session().tasks().waitForIdle();
            window.session().close();
        }
        MainWindow window;
        window.show();
        window.openInvestigation(copy);
        const Data::FlowNote stored = FlowNotes::get(window.session().reader().db(), flowId);
        QCOMPARE(stored.note, QStringLiteral("Location goes to the US before consent <check>"));
        QVERIFY(stored.bookmarked);
        window.showPage(QStringLiteral("Flows"));
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.flowsPage()->isLoading() && window.flowsPage()->model()->rowCount() > 0, 10000);
        window.flowsPage()->showFlow(flowId);
        QTRY_COMPARE_WITH_TIMEOUT(window.flowsPage()->detail()->noteText(), stored.note, 10000);
    }

private:
    Scratch m_scratch;
    QString m_demo;
};

QTEST_MAIN(TestGuiOverview)
#include "tst_gui_overview.moc"
