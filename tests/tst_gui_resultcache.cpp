// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The pages' kept answers: found per page, filter and variant; never an answer computed before the data
// changed; bounded per page and in bytes, the least recently used going first.
#include "models/resultcache.h"

#include <QTest>

namespace {

Data::Filter appFilter(qint64 app)
{
    Data::Filter f;
    f.appIds = { app };
    return f;
}

std::shared_ptr<const int> answer(int value)
{
    return std::make_shared<const int>(value);
}

} // namespace

class TestResultCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsWhatWasKeptPerPageFilterAndVariant()
    {
        ResultCache cache;
        QVERIFY(!cache.find<int>("flows", {}));
        cache.insert("flows", cache.key({}, QStringLiteral("time")), answer(1), 8);
        cache.insert("flows", cache.key(appFilter(2), QStringLiteral("time")), answer(2), 8);
        cache.insert("map", cache.key({}), answer(3), 8);
        QCOMPARE(*cache.find<int>("flows", {}, QStringLiteral("time")), 1);
        QCOMPARE(*cache.find<int>("flows", appFilter(2), QStringLiteral("time")), 2);
        QCOMPARE(*cache.find<int>("map", {}), 3);
        QVERIFY(!cache.find<int>("flows", {}, QStringLiteral("host"))); // another sort order
        QVERIFY(!cache.find<int>("flows", appFilter(3), QStringLiteral("time")));
        QVERIFY(!cache.find<int>("destinations", {}));

        // The same key again replaces the answer.
        cache.insert("map", cache.key({}), answer(4), 8);
        QCOMPARE(*cache.find<int>("map", {}), 4);
    }

    void forgetsEverythingWhenTheDataChanges()
    {
        ResultCache cache;
        const ResultKey before = cache.key({});
        cache.insert("flows", before, answer(1), 8);
        const ResultKey startedBefore = cache.key(appFilter(1));
        cache.clear();
        QVERIFY(!cache.find<int>("flows", {}));
        // A query that started before the change delivers an answer about the old data: not kept.
        cache.insert("flows", startedBefore, answer(2), 8);
        QVERIFY(!cache.find<int>("flows", appFilter(1)));
        cache.insert("flows", cache.key(appFilter(1)), answer(3), 8);
        QCOMPARE(*cache.find<int>("flows", appFilter(1)), 3);
    }

    void keepsTheMostRecentlyUsedPerPage()
    {
        ResultCache cache;
        for (int app = 1; app <= ResultCache::kPerPage; ++app)
            cache.insert("flows", cache.key(appFilter(app)), answer(app), 8);
        cache.insert("map", cache.key({}), answer(0), 8);
        QVERIFY(cache.find<int>("flows", appFilter(1))); // used: now the most recent
        cache.insert("flows", cache.key(appFilter(99)), answer(99), 8);
        QVERIFY(!cache.find<int>("flows", appFilter(2))); // the least recently used went
        for (qint64 app : { 1, 3, 4, 99 })
            QVERIFY2(cache.find<int>("flows", appFilter(app)), qPrintable(QString::number(app)));
        QVERIFY(cache.find<int>("map", {})); // other pages keep theirs
    }

    void staysWithinItsBudget()
    {
        ResultCache cache;
        const qint64 third = ResultCache::kBudgetBytes / 3;
        cache.insert("flows", cache.key({}), answer(1), third);
        cache.insert("map", cache.key({}), answer(2), third);
        cache.insert("destinations", cache.key({}), answer(3), third);
        QVERIFY(cache.find<int>("flows", {}));
        cache.insert("overview", cache.key({}), answer(4), third); // over budget: the oldest unused goes
        QVERIFY(!cache.find<int>("map", {}));
        QVERIFY(cache.find<int>("flows", {}));
        QVERIFY(cache.find<int>("destinations", {}));
        QVERIFY(cache.find<int>("overview", {}));
        // An answer larger than the whole budget is not kept (and pushes nothing out).
        cache.insert("data list", cache.key({}), answer(5), ResultCache::kBudgetBytes + 1);
        QVERIFY(!cache.find<int>("data list", {}));
        QVERIFY(cache.find<int>("flows", {}));
    }
};

QTEST_GUILESS_MAIN(TestResultCache)
#include "tst_gui_resultcache.moc"
