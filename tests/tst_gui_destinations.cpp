// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Destinations and Map pages on the demo, offscreen: the tree and its search, the map's shading, and a
// click on a country that filters the Flows page; the About box's credits.
#include "dialogs/aboutdialog.h"
#include "dialogs/refdataupdatedialog.h"
#include "mainwindow.h"
#include "models/destinationsmodel.h"
#include "models/filterstate.h"
#include "models/flowsmodel.h"
#include "pages/destinationspage.h"
#include "pages/flowspage.h"
#include "pages/mappage.h"
#include "session.h"
#include "store/flowquery.h"
#include "store/investigation.h"
#include "testutils.h"
#include "widgets/worldmapwidget.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace TestUtils;

class TestGuiDestinations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
    }

    void destinationsAndMapFollowTheFilter()
    {
        MainWindow window;
        window.resize(1280, 820);
        window.show();
        window.openDemo();
        QVERIFY(window.session().isOpen());
        auto* destinations = window.findChild<DestinationsPage*>();
        auto* map = window.findChild<MapPage*>();
        QVERIFY(destinations && map);
        QAbstractItemModelTester tester(destinations->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(destinations->model()->rowCount() > 0 && !destinations->isLoading(), 10000);
        // Companies at the top, hosts below them: every host of the demo is in the tree once.
        int hosts = 0;
        for (int c = 0; c < destinations->model()->rowCount(); ++c) {
            const QModelIndex company = destinations->model()->index(c, 0);
            for (int d = 0; d < destinations->model()->rowCount(company); ++d)
                hosts += destinations->model()->rowCount(destinations->model()->index(d, 0, company));
        }
        QCOMPARE(hosts,
            static_cast<int>(window.session().reader().db().pragmaInt("SELECT count(DISTINCT host) FROM flows")));
        // Hosts are shown under their domains; an answer with more hosts than that opens at the domains.
        const auto expanded = [destinations](int* companies, int* domains) {
            QAbstractItemModel* shown = destinations->view()->model();
            *companies = *domains = 0;
            for (int c = 0; c < shown->rowCount(); ++c) {
                const QModelIndex company = shown->index(c, 0);
                *companies += destinations->view()->isExpanded(company) ? 1 : 0;
                for (int d = 0; d < shown->rowCount(company); ++d)
                    *domains += destinations->view()->isExpanded(shown->index(d, 0, company)) ? 1 : 0;
            }
        };
        int companies = 0, domains = 0;
        expanded(&companies, &domains);
        QCOMPARE(companies, destinations->view()->model()->rowCount());
        QVERIFY(domains > 0);
        window.showPage(QStringLiteral("Destinations")); // a hidden page reloads only when shown
        destinations->setHostsShownExpanded(0);
        window.session().filter().setApps({ window.session().reader().apps().front().id }); // a new answer
        QTRY_VERIFY_WITH_TIMEOUT(!destinations->isLoading(), 10000);
        QVERIFY(destinations->view()->model()->rowCount() > 0);
        expanded(&companies, &domains);
        QCOMPARE(companies, destinations->view()->model()->rowCount());
        QCOMPARE(domains, 0);
        destinations->setHostsShownExpanded(DestinationsPage::kHostsShownExpanded);
        window.session().filter().clear();
        QTRY_VERIFY_WITH_TIMEOUT(!destinations->isLoading(), 10000);
        expanded(&companies, &domains);
        QVERIFY(domains > 0);
        // The search keeps matching hosts with their company and domain.
        auto* search = destinations->findChild<QLineEdit*>();
        search->setText(QStringLiteral("adjust"));
        QCOMPARE(destinations->view()->model()->rowCount(), 1);
        search->clear();

        window.showPage(QStringLiteral("Map"));
        QTRY_VERIFY_WITH_TIMEOUT(!map->values().isEmpty() && !map->isLoading(), 10000);
        QVERIFY(map->map()->shapeCount() > 200);
        QVERIFY(map->values().value(QStringLiteral("US")) > 0);
        QVERIFY(!map->values().contains(QString()));

        // Clicking the United States filters every page to flows whose server is there.
        const QPointF us = map->map()->anchorOf(QStringLiteral("US"));
        QCOMPARE(map->map()->countryAt(us), QStringLiteral("US"));
        QSignalSpy destinationsLoaded(destinations, &DestinationsPage::loaded);
        QTest::mouseClick(map->map(), Qt::LeftButton, Qt::NoModifier, us.toPoint());
        QCOMPARE(window.session().filter().filter().countries, QStringList { QStringLiteral("US") });
        Data::Filter expected;
        expected.countries = { QStringLiteral("US") };
        const int usFlows = static_cast<int>(FlowQuery::ids(window.session().reader().db(), expected).size());
        QVERIFY(usFlows > 0 && usFlows < window.session().reader().flowCount());
        // Hidden pages catch up when they are shown (a filter change runs only the visible page's query).
        QVERIFY(destinations->isLoading());
        QVERIFY(window.flowsPage()->isLoading());
        window.showPage(QStringLiteral("Flows"));
        QTRY_COMPARE_WITH_TIMEOUT(window.flowsPage()->model()->rowCount(), usFlows, 10000);
        window.showPage(QStringLiteral("Destinations"));
        QTRY_VERIFY_WITH_TIMEOUT(destinationsLoaded.count() >= 1 && !destinations->isLoading(), 10000);
        window.showPage(QStringLiteral("Map"));
        QVERIFY(destinations->model()->rowCount() > 0);
        for (int c = 0; c < destinations->model()->rowCount(); ++c) {
            for (const Data::DestinationRow* r : destinations->model()->rowsUnder(destinations->model()->index(c, 0)))
                QVERIFY2(r->countries.contains(QStringLiteral("US")), qPrintable(r->destination->host));
        }
        // Clicking it again (or the sea) clears the country.
        QTest::mouseClick(map->map(), Qt::LeftButton, Qt::NoModifier, us.toPoint());
        QVERIFY(window.session().filter().filter().countries.isEmpty());
        window.showPage(QStringLiteral("Flows"));
        QTRY_COMPARE_WITH_TIMEOUT(
            window.flowsPage()->model()->rowCount(), static_cast<int>(window.session().reader().flowCount()), 10000);
        window.showPage(QStringLiteral("Map"));

        // The jurisdiction view works from the entity list (possibly empty in a tree without one).
        map->setMode(MapPage::Headquarters);
        QCOMPARE(map->mode(), MapPage::Headquarters);
    }

    void updateDialogContactsNothingUntilAsked()
    {
        RefDataUpdateDialog dialog;
        auto* list = dialog.findChild<QListWidget*>();
        QVERIFY(list);
        QCOMPARE(list->count(), 7);
        QPushButton* download = nullptr;
        for (QPushButton* b : dialog.findChildren<QPushButton*>()) {
            if (b->text().contains(QStringLiteral("Download")) && !b->text().contains(QStringLiteral("Cancel")))
                download = b;
        }
        QVERIFY(download);
        QVERIFY(!download->isEnabled()); // nothing ticked: nothing to fetch
        list->item(0)->setCheckState(Qt::Checked); // the Public Suffix List (no licence question)
        QVERIFY(download->isEnabled());
        auto* info = dialog.findChildren<QPlainTextEdit*>().value(0);
        QVERIFY(info->toPlainText().contains(QStringLiteral("Download will contact: publicsuffix.org")));
        auto* proxy = dialog.findChild<QLineEdit*>();
        proxy->setText(QStringLiteral("ftp://nope"));
        QVERIFY(!download->isEnabled());
        proxy->setText(QStringLiteral("socks5h://127.0.0.1:9050"));
        QVERIFY(download->isEnabled());
    }

    void aboutShowsCredits()
    {
        const QString credits = AboutDialog::creditsText();
        for (const char* needle :
            { "NRO", "DB-IP", "RouteViews", "Natural Earth", "EasyPrivacy", "Public Suffix List", "iso-codes" })
            QVERIFY2(credits.contains(QLatin1String(needle)), needle);
    }
};

QTEST_MAIN(TestGuiDestinations)
#include "tst_gui_destinations.moc"
