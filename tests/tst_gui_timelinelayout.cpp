// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline's geometry, without painting (STYLE.md 10): time ↔ x, lanes, bar sizes, zoom, pan, ticks.
#include "widgets/timelinelayout.h"

#include <QTest>

namespace {
constexpr qint64 T0 = 1763647200000000; // 2026-11-20T14:00:00Z
constexpr qint64 S = 1000000;
} // namespace

class TestTimelineLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapping_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<qint64>("ts");
        QTest::addColumn<double>("x");
        // Plot: x from 170 (label width) to 170 + 1000 (width 1178 − 170 − 8).
        QTest::newRow("left edge") << T0 << T0 + 100 * S << T0 << 170.0;
        QTest::newRow("right edge") << T0 << T0 + 100 * S << T0 + 100 * S << 1170.0;
        QTest::newRow("middle") << T0 << T0 + 100 * S << T0 + 50 * S << 670.0;
        QTest::newRow("before the view") << T0 + 10 * S << T0 + 20 * S << T0 << -830.0;
        QTest::newRow("milliseconds") << T0 << T0 + 1000 << T0 + 250 << 420.0;
    }
    void mapping()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(qint64, ts);
        QFETCH(double, x);
        TimelineLayout l;
        l.setSize(1178, 400);
        l.setExtent(T0 - 1000 * S, T0 + 1000 * S);
        l.setView(from, to);
        QCOMPARE(l.xForTime(ts), x);
        QCOMPARE(l.timeForX(x), ts);
    }

    void lanes_data()
    {
        QTest::addColumn<double>("y");
        QTest::addColumn<int>("lane");
        QTest::newRow("axis") << 10.0 << -1;
        QTest::newRow("first lane top") << 26.0 << 0;
        QTest::newRow("first lane bottom") << 63.9 << 0;
        QTest::newRow("second lane") << 64.0 << 1;
        QTest::newRow("third lane") << 120.0 << 2;
        QTest::newRow("below the last lane") << 150.0 << -1;
    }
    void lanes()
    {
        QFETCH(double, y);
        QFETCH(int, lane);
        TimelineLayout l;
        l.setSize(1000, 400);
        l.setLaneCount(3);
        QCOMPARE(l.laneAt(y), lane);
        if (lane >= 0)
            QVERIFY(l.laneRect(lane).contains(QPointF(500, y)));
    }

    void bars_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<qint64>("duration");
        QTest::addColumn<double>("height");
        QTest::addColumn<double>("width");
        // Usable lane height 30; height ∝ √(bytes / max); at least 4 px high and 3 px wide.
        QTest::newRow("largest") << qint64(400000) << 10 * S << 30.0 << 100.0;
        QTest::newRow("a quarter") << qint64(100000) << 10 * S << 15.0 << 100.0;
        QTest::newRow("tiny") << qint64(100) << 10 * S << 4.0 << 100.0;
        QTest::newRow("instant") << qint64(400000) << qint64(0) << 30.0 << 3.0;
    }
    void bars()
    {
        QFETCH(qint64, bytes);
        QFETCH(qint64, duration);
        QFETCH(double, height);
        QFETCH(double, width);
        TimelineLayout l;
        l.setSize(1178, 400);
        l.setLaneCount(2);
        l.setExtent(T0, T0 + 100 * S);
        l.setView(T0, T0 + 100 * S);
        const QRectF r = l.barRect(1, T0 + 10 * S, T0 + 10 * S + duration, bytes, 400000);
        QCOMPARE(r.height(), height);
        QCOMPARE(r.width(), width);
        QCOMPARE(r.left(), 270.0);
        QCOMPARE(r.center().y(), l.laneRect(1).center().y());
    }

    void zoomKeepsTheAnchor()
    {
        TimelineLayout l;
        l.setSize(1178, 400);
        l.setExtent(T0, T0 + 100 * S);
        l.setView(T0, T0 + 100 * S);
        const qint64 anchor = l.timeForX(420);
        l.zoom(4, 420);
        QCOMPARE(l.viewTo() - l.viewFrom(), 25 * S);
        QVERIFY(qAbs(l.timeForX(420) - anchor) <= 1);
        l.zoom(0.25, 420);
        QCOMPARE(l.viewTo() - l.viewFrom(), 100 * S);
        // Zooming out never goes past the extent plus its margin; in, never below a millisecond.
        l.zoom(0.01, 600);
        QCOMPARE(l.viewFrom(), T0 - 100 * S / 40);
        QCOMPARE(l.viewTo(), T0 + 100 * S + 100 * S / 40);
        for (int i = 0; i < 40; ++i)
            l.zoom(10, 600);
        QCOMPARE(l.viewTo() - l.viewFrom(), qint64(1000));
    }

    void panStaysInside()
    {
        TimelineLayout l;
        l.setSize(1178, 400);
        l.setExtent(T0, T0 + 100 * S);
        l.setView(T0 + 40 * S, T0 + 50 * S);
        l.pan(500); // half the plot width: 5 s later
        QCOMPARE(l.viewFrom(), T0 + 45 * S);
        l.pan(100000);
        QCOMPARE(l.viewTo(), T0 + 100 * S + 100 * S / 40);
        QCOMPARE(l.viewTo() - l.viewFrom(), 10 * S);
        l.reset();
        QCOMPARE(l.viewFrom(), T0 - 100 * S / 40);
    }

    void ticks_data()
    {
        QTest::addColumn<qint64>("span");
        QTest::addColumn<qint64>("step");
        QTest::addColumn<int>("count");
        // 1000 px plot, ≥ 90 px apart.
        QTest::newRow("40 s") << 40 * S << 5 * S << 9;
        QTest::newRow("1 s") << S << qint64(100000) << 11;
        QTest::newRow("10 min") << 600 * S << 60 * S << 11;
        QTest::newRow("5 ms") << qint64(5000) << qint64(1000) << 6;
    }
    void ticks()
    {
        QFETCH(qint64, span);
        QFETCH(qint64, step);
        QFETCH(int, count);
        TimelineLayout l;
        l.setSize(1178, 400);
        l.setExtent(T0 - 3600 * S, T0 + 3600 * S);
        l.setView(T0, T0 + span);
        QCOMPARE(l.tickStep(), step);
        const auto t = l.ticks();
        QCOMPARE(static_cast<int>(t.size()), count);
        QCOMPARE(t.front(), T0);
        for (size_t i = 1; i < t.size(); ++i)
            QVERIFY(l.xForTime(t[i]) - l.xForTime(t[i - 1]) >= 90);
    }
};

QTEST_GUILESS_MAIN(TestTimelineLayout)
#include "tst_gui_timelinelayout.moc"
