// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// UI latency on a large investigation (issue 8 item 6, issue 11), measured in the real window, offscreen:
//   - opening the investigation until its first page (the landing page) shows its data (target <= 1 s),
//   - switching to each page until it is painted with its data (<= 200 ms),
//   - changing the filter (each of app, capture, time range, country, company, category, confidence and text, from
//     no filter, and clearing it again) until the visible page's model is updated (<= 200 ms), on the Overview,
//     Flows, Destinations, Map and Data pages,
//   - the longest event-loop stall while a capture is imported in the window (<= 100 ms): a QTimer ticking every
//     5 ms records the largest gap between ticks.
// The investigation (1 million flows by default) comes from kit/investigationgen: written through the real
// capture writer, then analysed by every pass. It is generated once and reused (--investigation FILE).
//
//   QT_QPA_PLATFORM=offscreen bench_ui [--flows N] [--investigation FILE] [--import-mb MB] [--pages P,Q] [--repeat N]
//
// --pages measures the filter changes on those pages only (titles as in the navigation list); --repeat N makes
// each filter change N times, with the kept answers dropped before each, and judges the median.
//
// --import-mb 0 skips the import: it re-runs the analysis over the whole investigation afterwards, which takes
// minutes on a million flows (see bench/RESULTS.md).
//
// Rows for scripts/bench.sh are the lines starting with "@row".
#include "capturegen.h"
#include "enrich/flowfacets.h"
#include "investigationgen.h"
#include "mainwindow.h"
#include "models/filterstate.h"
#include "pages/datapage.h"
#include "pages/destinationspage.h"
#include "pages/flowspage.h"
#include "pages/mappage.h"
#include "pages/overviewpage.h"
#include "pages/uploadspage.h"
#include "pipeline/analysis.h"
#include "resultrow.h"
#include "session.h"
#include "store/database.h"
#include "store/investigation.h"
#include "tasks/allocatortuning.h"
#include "tasks/taskrunner.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QListWidget>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sys/resource.h>

using namespace BenchKit;

namespace {

/// Records the longest gap between ticks of a 5 ms timer: how long the event loop was blocked.
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const double gap = static_cast<double>(m_clock.nsecsElapsed()) / 1e6;
            m_clock.restart();
            m_longest = std::max(m_longest, gap);
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_timer.start();
    }
    /// The longest gap in ms since start(), counting the one still open.
    double stop()
    {
        m_timer.stop();
        return std::max(m_longest, static_cast<double>(m_clock.nsecsElapsed()) / 1e6);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_longest = 0;
};

template <class Page, class... Args>
bool connectLoaded(QWidget* w, void (Page::*signal)(Args...), QObject* context, const std::function<void()>& f,
    QMetaObject::Connection* connection)
{
    auto* page = qobject_cast<Page*>(w);
    if (!page)
        return false;
    *connection = QObject::connect(page, signal, context, [f](Args...) { f(); });
    return true;
}

/// Connects `f` to the page's "loaded" signal; false for pages that load synchronously.
bool onLoaded(QWidget* page, QObject* context, const std::function<void()>& f, QMetaObject::Connection* c)
{
    return connectLoaded(page, &OverviewPage::loaded, context, f, c)
        || connectLoaded(page, &FlowsPage::loaded, context, f, c)
        || connectLoaded(page, &DestinationsPage::loaded, context, f, c)
        || connectLoaded(page, &MapPage::loaded, context, f, c) || connectLoaded(page, &DataPage::loaded, context, f, c)
        || connectLoaded(page, &UploadsPage::loaded, context, f, c);
}

bool isLoading(QWidget* w)
{
    if (auto* p = qobject_cast<OverviewPage*>(w))
        return p->isLoading();
    if (auto* p = qobject_cast<FlowsPage*>(w))
        return p->isLoading();
    if (auto* p = qobject_cast<DestinationsPage*>(w))
        return p->isLoading();
    if (auto* p = qobject_cast<MapPage*>(w))
        return p->isLoading();
    if (auto* p = qobject_cast<DataPage*>(w))
        return p->isLoading();
    if (auto* p = qobject_cast<UploadsPage*>(w))
        return p->isLoading();
    return false;
}

/// Milliseconds from `action` until `page` delivered its data (its "loaded" signal, when the action made it
/// load, and nothing else of it still loading) and the window painted it. -1 on a timeout.
double untilShown(QWidget* page, const std::function<void()>& action, int timeoutMs = 60000)
{
    QEventLoop loop;
    bool fired = false;
    QMetaObject::Connection c;
    const bool async = onLoaded(
        page, &loop,
        [&] {
            fired = true;
            loop.quit();
        },
        &c);
    QElapsedTimer timer;
    timer.start();
    action();
    const double actionMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (actionMs > 50) // the action itself blocked the event loop: worth knowing when reading a profile
        printf("  (the action itself took %.0f ms on the UI thread)\n", actionMs);
    bool timedOut = false;
    if (async && !fired && isLoading(page)) {
        QTimer::singleShot(timeoutMs, &loop, [&] {
            timedOut = true;
            loop.quit();
        });
        loop.exec();
    }
    QObject::disconnect(c);
    // The rest of the page too (the Data page's chart comes after its list).
    if (!timedOut && isLoading(page)) {
        QEventLoop rest;
        QTimer check; // waits in the event loop: no CPU taken from the queries
        QObject::connect(&check, &QTimer::timeout, &rest, [&] {
            if (!isLoading(page) || timer.elapsed() > timeoutMs)
                rest.quit();
        });
        check.start(2);
        rest.exec();
    }
    QCoreApplication::processEvents();
    page->window()->repaint(); // paints the visible rows: the flows model fetches them here
    return timedOut ? -1 : static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

/// Lets every page finish what it is loading (the state a user is in after a moment). Waits in the event loop,
/// checking every 10 ms, so the benchmark itself takes no CPU from the queries it waits for.
void settle(QStackedWidget* pages, int timeoutMs = 300000)
{
    QEventLoop loop;
    QTimer check;
    QElapsedTimer t;
    t.start();
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        bool busy = false;
        // Hidden pages wait for a filter change until they are shown (ReloadWhenShown): only the visible one
        // and the current page count.
        for (int i = 0; i < pages->count(); ++i)
            busy = busy || (pages->widget(i)->isVisible() && isLoading(pages->widget(i)));
        if (!busy || t.elapsed() > timeoutMs)
            loop.quit();
    });
    check.start(10);
    loop.exec();
    QCoreApplication::processEvents();
}

ResultRow latencyRow(const QString& name, double ms, double targetMs, double inputMb)
{
    ResultRow r;
    r.benchmark = name;
    r.inputMb = inputMb;
    r.reference = QStringLiteral("wall time");
    r.ratio = ms < 0 ? QStringLiteral("timed out") : QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
    r.target = QStringLiteral("<= %1 ms").arg(targetMs, 0, 'f', 0);
    r.met = ms >= 0 && ms <= targetMs;
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage); // the window's peak so far
    r.peakRssMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    return r;
}

/// The benchmark's own questions, not ones the app asks: which country, company and category the filter test
/// should pick (the most common: the largest answers), and the middle half of the capture's time span.
QString mostCommon(Investigation& inv, const char* sql)
{
    Statement st(inv.db().handle(), sql);
    return st.step() ? st.text(0) : QString();
}

QString mostCommonCountry(Investigation& inv)
{
    return mostCommon(inv,
        "SELECT country FROM flow_destinations WHERE country <> '' GROUP BY country ORDER BY count(*) DESC LIMIT 1");
}

std::pair<Data::Timestamp, Data::Timestamp> middleHalf(Investigation& inv)
{
    Statement st(inv.db().handle(), "SELECT min(ts_start), max(ts_start) FROM flows WHERE ts_start > 0");
    if (!st.step())
        return { 0, 0 };
    const Data::Timestamp from = st.int64(0), to = st.int64(1);
    return { from + (to - from) / 4, to - (to - from) / 4 };
}

} // namespace

int main(int argc, char** argv)
{
    keepFreedMemoryForReuse(); // as the application's main does
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 flows = 1000000;
    qint64 importMb = 64;
    QString investigation;
    int repeat = 1; // each filter change this many times, its median judged
    // The pages whose filter changes are measured (all by default; fewer when looking at one).
    QStringList filteredPages = { QStringLiteral("Overview"), QStringLiteral("Flows"), QStringLiteral("Destinations"),
        QStringLiteral("Map"), QStringLiteral("Data") };
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--flows" && i + 1 < args.size())
            flows = args[++i].toLongLong();
        else if (args[i] == u"--investigation" && i + 1 < args.size())
            investigation = args[++i];
        else if (args[i] == u"--import-mb" && i + 1 < args.size())
            importMb = args[++i].toLongLong();
        else if (args[i] == u"--pages" && i + 1 < args.size())
            filteredPages = args[++i].split(u',');
        else if (args[i] == u"--repeat" && i + 1 < args.size())
            repeat = std::max(1, args[++i].toInt());
        else {
            fprintf(stderr,
                "usage: bench_ui [--flows N] [--investigation FILE] [--import-mb MB] [--pages Overview,Flows,...] "
                "[--repeat N]\n");
            return 2;
        }
    }
    setvbuf(stdout, nullptr, _IOLBF, 0);
    QTemporaryDir dir;
    if (investigation.isEmpty())
        investigation = dir.filePath(QStringLiteral("bench-ui.leakscope"));
    if (!QFileInfo::exists(investigation)) {
        printf("generating %lld flows into %s …\n", static_cast<long long>(flows), qPrintable(investigation));
        const GeneratedInvestigation g = generateInvestigation(investigation, flows);
        if (!g.ok) {
            fprintf(stderr, "cannot generate the investigation: %s\n", qPrintable(g.error));
            return 1;
        }
        printf("written in %.1f s (%.0f flows/s), analysed in %.1f s\n", g.writeSeconds,
            static_cast<double>(g.flows) / g.writeSeconds, g.analysisSeconds);
        ResultRow w;
        w.benchmark = QStringLiteral("write %1 flows (CaptureWriter)").arg(g.flows);
        w.flowsPerSecond = static_cast<double>(g.flows) / g.writeSeconds;
        w.judged = false;
        w.print();
        ResultRow a;
        a.benchmark = QStringLiteral("analyse %1 flows (all passes)").arg(g.flows);
        a.flowsPerSecond = static_cast<double>(g.flows) / g.analysisSeconds;
        a.judged = false;
        a.print();
    }
    {
        // A reused investigation analysed by an older version is brought up to date first, so that the window
        // does not analyse it while it is measured.
        auto inv = Investigation::open(investigation, Investigation::OpenMode::ReadWrite);
        const QStringList stale = Analysis::ensureTables(*inv);
        if (!stale.isEmpty()) {
            QElapsedTimer t;
            t.start();
            const Analysis::Outcome a = Analysis::run(*inv, stale);
            printf("analysed again (%s) in %.1f s%s\n", qPrintable(stale.join(QStringLiteral(", "))),
                static_cast<double>(t.elapsed()) / 1000, a.ok ? "" : qPrintable(QStringLiteral(": ") + a.error));
        }
    }
    if (importMb > 0) {
        // The import adds a capture: it goes into a copy, so that the same file can be measured again.
        const QString copy = dir.filePath(QStringLiteral("measured.leakscope"));
        if (!QFile::copy(investigation, copy)) {
            fprintf(stderr, "cannot copy %s into %s\n", qPrintable(investigation), qPrintable(copy));
            return 1;
        }
        investigation = copy;
    }
    const double fileMb = static_cast<double>(QFileInfo(investigation).size()) / (1 << 20);
    const QString label = QStringLiteral(" (%1k flows)").arg(flows / 1000);

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QCoreApplication::processEvents();
    auto* pages = qobject_cast<QStackedWidget*>(window.flowsPage()->parentWidget());
    auto* nav = window.findChild<QListWidget*>();
    if (!pages || !nav)
        return 1;
    StallMeter stalls;

    // 1. Open until the landing page (the first page) shows its data.
    stalls.start();
    QWidget* first = pages->widget(0);
    const QString firstTitle = nav->item(0)->text();
    const double openMs = untilShown(first, [&] { window.openInvestigation(investigation); });
    const double openStall = stalls.stop();
    latencyRow(QStringLiteral("open until %1 page has data").arg(firstTitle) + label, openMs, 1000, fileMb).print();
    QElapsedTimer settleTimer;
    settleTimer.start();
    settle(pages);
    printf("open: %s page %.0f ms, every page loaded after %.0f ms more; longest stall %.0f ms\n",
        qPrintable(firstTitle), openMs, static_cast<double>(settleTimer.elapsed()), openStall);
    {
        // The filters below are answered from the facets once they are loaded (in the background, after the pages'
        // first queries): measured from a window that has finished loading them, as a user is after a few seconds.
        QEventLoop loop;
        QTimer check;
        QObject::connect(&check, &QTimer::timeout, &loop, [&] {
            if (window.session().facets() || settleTimer.elapsed() > 60000)
                loop.quit();
        });
        check.start(10);
        loop.exec();
        printf("facets ready %.0f ms after the Overview page%s\n", static_cast<double>(settleTimer.elapsed()),
            window.session().facets() ? "" : " (NOT LOADED: filters use SQL)");
    }

    // 2. Page switches, each from a settled window.
    double worstSwitch = 0;
    QString worstPage;
    stalls.start();
    for (int i = 1; i <= nav->count(); ++i) {
        const int row = i % nav->count(); // end on the first page again
        const QString title = nav->item(row)->text();
        const double ms = untilShown(pages->widget(row), [&] { window.showPage(title); });
        printf("switch to %-22s %6.0f ms\n", qPrintable(title), ms);
        if (ms < 0 || ms > worstSwitch) {
            worstSwitch = ms < 0 ? 1e9 : ms;
            worstPage = title;
        }
        settle(pages);
    }
    const double switchStall = stalls.stop();
    latencyRow(QStringLiteral("switch page, slowest: %1").arg(worstPage) + label, worstSwitch, 200, fileMb).print();

    // 3. Filter changes, measured on each page that follows the filter, while the others reload behind it.
    Session& session = window.session();
    const QList<qint64> app1 = { session.reader().apps().empty() ? 0 : session.reader().apps().front().id };
    const QString country = mostCommonCountry(session.reader());
    const QString company = mostCommon(session.reader(),
        "SELECT coalesce(root_entity_id, entity_id) FROM destinations WHERE entity_id IS NOT NULL GROUP BY 1 "
        "ORDER BY sum(requests) DESC LIMIT 1");
    const QString category =
        mostCommon(session.reader(), "SELECT category FROM findings GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
    const QList<qint64> capture1 = { session.reader().captures().empty() ? 0 : session.reader().captures().front().id };
    const auto [from, to] = middleHalf(session.reader());
    // A text few flows contain (a host seen once or twice), as when looking for one identifier.
    const QString rareHost = mostCommon(session.reader(),
        "SELECT host FROM flows WHERE host IS NOT NULL GROUP BY host ORDER BY count(*), host LIMIT 1");
    struct Change
    {
        QString name;
        std::function<void()> apply;
    };
    const std::vector<Change> changes = {
        { QStringLiteral("app"), [&] { session.filter().setApps(app1); } },
        { QStringLiteral("capture"), [&] { session.filter().setCaptures(capture1); } },
        { QStringLiteral("time"), [&, from = from, to = to] { session.filter().setTimeRange(from, to); } },
        { QStringLiteral("country"), [&] { session.filter().setCountries({ country }); } },
        { QStringLiteral("company"), [&] { session.filter().setCompanies({ company }); } },
        { QStringLiteral("category"), [&] { session.filter().setCategories({ category }); } },
        { QStringLiteral("confidence"), [&] { session.filter().setMinConfidence(QStringLiteral("high")); } },
        { QStringLiteral("text"), [&] { session.filter().setText(QStringLiteral("collect")); } }, // a quarter
        { QStringLiteral("text, rare"), [&] { session.filter().setText(rareHost); } },
    };
    double worstFilter = 0;
    QString worstFilterName;
    stalls.start();
    for (const QString& title : std::as_const(filteredPages)) {
        window.showPage(title);
        settle(pages);
        QWidget* page = pages->currentWidget();
        if (window.currentPageTitle() != title)
            continue;
        // Each filter alone, from no filter, then cleared again (the clear is measured too).
        const Change clear { QStringLiteral("clear"), [&] { session.filter().clear(); } };
        for (const Change& change : changes) {
            for (const Change* c : { &change, &clear }) {
                // Repeated, the kept answers are dropped before each run, so each computes its answer (the facets
                // keep a text's matches: a repeated text measures the pages after the search).
                std::vector<double> runs;
                for (int r = 0; r < repeat; ++r) {
                    if (r > 0) { // back to where the change starts from
                        (c == &clear ? change.apply : clear.apply)();
                        settle(pages);
                    }
                    if (repeat > 1)
                        session.results().clear();
                    runs.push_back(untilShown(page, c->apply));
                    settle(pages);
                }
                std::sort(runs.begin(), runs.end());
                const double ms = runs.front() < 0 ? -1 : runs[runs.size() / 2];
                if (repeat == 1)
                    printf("filter %-11s on %-14s %6.0f ms\n", qPrintable(c->name), qPrintable(title), ms);
                else
                    printf("filter %-11s on %-14s %6.0f ms median of %d (%.0f–%.0f)\n", qPrintable(c->name),
                        qPrintable(title), ms, repeat, runs.front(), runs.back());
                if (ms < 0 || ms > worstFilter) {
                    worstFilter = ms < 0 ? 1e9 : ms;
                    worstFilterName = c->name + QStringLiteral(" on ") + title;
                }
            }
        }
    }
    const double filterStall = stalls.stop();
    latencyRow(QStringLiteral("filter change, slowest: %1").arg(worstFilterName) + label, worstFilter, 200, fileMb)
        .print();

    // 4. The longest stall while a capture is imported (and analysed) in the window.
    if (importMb <= 0)
        return 0;
    window.showPage(firstTitle);
    settle(pages);
    const QString capture = dir.filePath(QStringLiteral("import.pcap"));
    generateCapture(capture, importMb << 20, PacketFormat::Pcap);
    QEventLoop loop;
    QObject::connect(&session.tasks(), &TaskRunner::idle, &loop, &QEventLoop::quit);
    QElapsedTimer importTimer;
    importTimer.start();
    stalls.start();
    window.importFiles({ capture });
    if (session.tasks().isBusy())
        loop.exec();
    settle(pages);
    const double importStall = stalls.stop();
    printf("import of %lld MB into the open investigation: %.1f s; longest stall %.0f ms\n",
        static_cast<long long>(importMb), static_cast<double>(importTimer.elapsed()) / 1000, importStall);
    latencyRow(QStringLiteral("longest UI stall during %1 MB import").arg(importMb) + label, importStall, 100, fileMb)
        .print();
    for (const auto& [name, ms] : { std::pair { QStringLiteral("opening"), openStall },
             std::pair { QStringLiteral("page switches"), switchStall },
             std::pair { QStringLiteral("filter changes"), filterStall } }) {
        ResultRow r = latencyRow(QStringLiteral("  longest UI stall during ") + name, ms, 100, fileMb);
        r.judged = false;
        r.print();
    }
    return 0;
}
