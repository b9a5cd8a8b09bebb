// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The block cache behind the Flows and Data lists: rows read in blocks around what is asked for, memory
// bounded while scrolling a long list, a failing read shown as no row.
#include "models/idblockcache.h"

#include <QTest>

namespace {

struct Row
{
    qint64 id = 0;
    QString text;
};

} // namespace

class TestIdBlockCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsBlocksOnDemand()
    {
        IdBlockCache<Row> cache;
        std::vector<qint64> ids;
        for (qint64 i = 0; i < 100000; ++i)
            ids.push_back(1000000 - i); // any order: the list's
        cache.setIds(ids);
        QCOMPARE(cache.size(), 100000);
        QCOMPARE(cache.id(0), 1000000);
        QCOMPARE(cache.id(99999), 900001);
        QCOMPARE(cache.id(100000), 0);
        QCOMPARE(cache.rowOf(999000), 1000);
        QCOMPARE(cache.rowOf(5), -1);

        int fetches = 0;
        size_t largest = 0;
        const auto fetch = [&](const std::vector<qint64>& block) {
            ++fetches;
            largest = std::max(largest, block.size());
            std::vector<Row> rows;
            for (qint64 id : block)
                rows.push_back({ id, QString::number(id) });
            return rows;
        };
        QCOMPARE(cache.row(1000, fetch)->id, 999000);
        QCOMPARE(cache.row(1001, fetch)->text, QStringLiteral("998999"));
        QCOMPARE(fetches, 1); // same block
        QCOMPARE(largest, size_t(256));
        QVERIFY(!cache.row(-1, fetch));
        QVERIFY(!cache.row(100000, fetch));
        QCOMPARE(fetches, 1);

        // Scrolling through everything reads each block once and never holds more than a bounded number.
        for (int r = 0; r < cache.size(); r += 97)
            QCOMPARE(cache.row(r, fetch)->id, ids[static_cast<size_t>(r)]);
        QCOMPARE(fetches, 1 + (100000 + 255) / 256 - 1);
        // The last block is short.
        QCOMPARE(cache.row(99999, fetch)->id, 900001);

        // A changed row is read again; a new list starts afresh.
        const int before = fetches;
        cache.invalidate(99999);
        QCOMPARE(cache.row(99998, fetch)->id, 900002);
        QCOMPARE(fetches, before + 1);
        cache.setIds({ 7 });
        QCOMPARE(cache.row(0, fetch)->id, 7);
        QCOMPARE(fetches, before + 2);
    }

    void unreadableBlockIsNoRow()
    {
        IdBlockCache<Row> cache;
        cache.setIds({ 1, 2, 3 });
        bool fail = true;
        const auto fetch = [&](const std::vector<qint64>& block) {
            if (fail)
                throw StoreError(QStringLiteral("database is locked"));
            std::vector<Row> rows;
            for (qint64 id : block)
                rows.push_back({ id, {} });
            return rows;
        };
        QVERIFY(!cache.row(1, fetch));
        fail = false; // not remembered as empty: read again next time
        QCOMPARE(cache.row(1, fetch)->id, 2);
    }
};

QTEST_GUILESS_MAIN(TestIdBlockCache)
#include "tst_gui_idblockcache.moc"
