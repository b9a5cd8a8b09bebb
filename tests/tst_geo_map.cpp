// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The world map's math without painting (STYLE.md 10): TopoJSON decoding, the Natural Earth projection,
// fitting, hit-testing and great-circle arcs, each with a table.
#include "geo/countrytable.h"
#include "geo/mapprojection.h"
#include "geo/worldshapes.h"
#include "testutils.h"

#include <QTest>

#include <cmath>

using namespace TestUtils;

namespace {

// Two squares sharing an edge (arc 1, walked backwards by the second) and a square with a hole, quantised
// with a transform and delta-encoded, as world-atlas writes them.
const char* const kTopology = R"({
  "type": "Topology",
  "transform": {"scale": [0.1, 0.1], "translate": [-10, -10]},
  "objects": {"countries": {"type": "GeometryCollection", "geometries": [
    {"type": "Polygon", "id": "001", "properties": {"name": "West"}, "arcs": [[0, 1]]},
    {"type": "Polygon", "id": "002", "properties": {"name": "East"}, "arcs": [[2, -2]]},
    {"type": "MultiPolygon", "id": 3, "properties": {"name": "Ring"}, "arcs": [[[3], [4]]]},
    {"type": null, "id": "004", "properties": {"name": "Tiny"}}
  ]}},
  "arcs": [
    [[0, 0], [0, 100], [100, 0]],
    [[100, 100], [0, -100], [-100, 0]],
    [[100, 100], [100, 0], [0, -100], [-100, 0]],
    [[0, 150], [100, 0], [0, 50], [-100, 0], [0, -50]],
    [[20, 170], [0, 10], [10, 0], [0, -10], [-10, 0]]
  ]
})";

} // namespace

class TestGeoMap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodesQuantisedArcs()
    {
        const TopoJson::Result r = TopoJson::decode(kTopology);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.shapes.size(), size_t(3)); // the null geometry is skipped
        const CountryShape& west = r.shapes[0];
        QCOMPARE(west.id, QStringLiteral("001"));
        QCOMPARE(west.name, QStringLiteral("West"));
        QCOMPARE(west.rings.size(), size_t(1));
        // Arc 0: (-10,-10) → (-10,0) → (0,0); arc 1 without its repeated first point: (0,-10) → (-10,-10).
        const std::vector<QPointF> expected { { -10, -10 }, { -10, 0 }, { 0, 0 }, { 0, -10 }, { -10, -10 } };
        QCOMPARE(west.rings[0].size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            QVERIFY2(std::abs(west.rings[0][i].x() - expected[i].x()) < 1e-9
                    && std::abs(west.rings[0][i].y() - expected[i].y()) < 1e-9,
                qPrintable(QStringLiteral("point %1").arg(i)));
        }
        QCOMPARE(west.bounds, QRectF(QPointF(-10, -10), QPointF(0, 0)));
        QCOMPARE(r.shapes[2].id, QStringLiteral("003")); // numeric ids are zero-padded like ISO numeric codes
        QCOMPARE(r.shapes[2].rings.size(), size_t(2));
    }

    void pointInShape_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<QString>("shape");
        QTest::newRow("west") << -5.0 << -5.0 << "West";
        QTest::newRow("east") << 5.0 << -5.0 << "East";
        QTest::newRow("ring body") << -5.0 << 6.0 << "Ring";
        QTest::newRow("ring hole") << -7.5 << 7.5 << "";
        QTest::newRow("outside") << 20.0 << 20.0 << "";
    }
    void pointInShape()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(QString, shape);
        const TopoJson::Result r = TopoJson::decode(kTopology);
        QString hit;
        for (const CountryShape& s : r.shapes) {
            if (ringsContain(s.rings, QPointF(x, y)))
                hit = s.name;
        }
        QCOMPARE(hit, shape);
    }

    void rejectsBrokenTopologies_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{") << "not JSON";
        QTest::newRow("geojson") << QByteArray("{\"type\": \"FeatureCollection\"}") << "not a TopoJSON topology";
        QTest::newRow("no object") << QByteArray("{\"type\": \"Topology\", \"arcs\": [], \"objects\": {}}")
                                   << "no object \"countries\"";
        QTest::newRow("bad arc index") << QByteArray(
            "{\"type\": \"Topology\", \"arcs\": [[[0,0],[1,1]]], \"objects\": {\"countries\": "
            "{\"geometries\": [{\"type\": \"Polygon\", \"arcs\": [[9000]]}]}}}")
                                       << "geometry 0: arc index 9000 out of range";
        QTest::newRow("bad negative index")
            << QByteArray("{\"type\": \"Topology\", \"arcs\": [], \"objects\": {\"countries\": "
                          "{\"geometries\": [{\"type\": \"Polygon\", \"arcs\": [[-5]]}]}}}")
            << "geometry 0: arc index -5 out of range";
        QTest::newRow("short position") << QByteArray("{\"type\": \"Topology\", \"arcs\": [[[0]]], \"objects\": {}}")
                                        << "arc 0: a position needs two numbers";
    }
    void rejectsBrokenTopologies()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const TopoJson::Result r = TopoJson::decode(json);
        QVERIFY2(r.error.contains(error), qPrintable(r.error));
        QVERIFY(r.shapes.empty());
    }

    void refusesShapesThatRepeatArcsWithoutEnd()
    {
        // One arc of 1001 points referenced 2001 times: decoding stops at the budget instead of eating memory.
        QByteArray arc = "[0,0]";
        for (int i = 0; i < 1000; ++i)
            arc += i % 2 ? ",[0,1]" : ",[1,0]";
        QByteArray refs = "0";
        for (int i = 0; i < 2000; ++i)
            refs += ",0";
        const QByteArray json = "{\"type\": \"Topology\", \"arcs\": [[" + arc
            + "]], \"objects\": {\"countries\": "
              "{\"geometries\": [{\"type\": \"Polygon\", \"arcs\": [["
            + refs + "]]}]}}}";
        const TopoJson::Result r = TopoJson::decode(json);
        QVERIFY2(r.error.contains(QStringLiteral("geometry 0: more than 2000000 points in the shapes")),
            qPrintable(r.error));
        QVERIFY(r.shapes.empty());
    }

    void projection_data()
    {
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        // Natural Earth I on the unit sphere: d3-geo 3.1.0's naturalEarth1Raw evaluated independently.
        QTest::newRow("origin") << 0.0 << 0.0 << 0.0 << 0.0;
        QTest::newRow("antimeridian") << 180.0 << 0.0 << 2.735385 << 0.0;
        QTest::newRow("north pole") << 0.0 << 90.0 << 0.0 << 1.422391;
        QTest::newRow("south pole") << 0.0 << -90.0 << 0.0 << -1.422391;
        QTest::newRow("45/45") << 45.0 << 45.0 << 0.615997 << 0.793051;
        QTest::newRow("-120/-30") << -120.0 << -30.0 << -1.745649 << -0.529148;
    }
    void projection()
    {
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(double, x);
        QFETCH(double, y);
        const QPointF p = MapProjection::project(lon, lat);
        QVERIFY2(std::abs(p.x() - x) < 5e-4, qPrintable(QString::number(p.x(), 'f', 6)));
        QVERIFY2(std::abs(p.y() - y) < 5e-4, qPrintable(QString::number(p.y(), 'f', 6)));
    }

    void fitsTheWorldIntoAViewport()
    {
        MapProjection m;
        m.fit(QRectF(0, 0, 1000, 500));
        const QRectF world = m.worldRect();
        QVERIFY(world.left() >= -0.01 && world.right() <= 1000.01 && world.top() >= -0.01 && world.bottom() <= 500.01);
        QVERIFY(std::abs(world.width() - 1000) < 0.01 || std::abs(world.height() - 500) < 0.01); // one side fills
        QVERIFY(std::abs(m.toScreen(-180, 0).x() - world.left()) < 0.01);
        QVERIFY(std::abs(m.toScreen(180, 0).x() - world.right()) < 0.01);
        QVERIFY(std::abs(m.toScreen(0, 84).y() - world.top()) < 0.01);
        QVERIFY(std::abs(m.toScreen(0, -58).y() - world.bottom()) < 0.01);
        QCOMPARE(m.toScreen(0, 0).x(), world.center().x());
        QVERIFY(m.toScreen(10, 50).y() < m.toScreen(10, 10).y()); // north is up
    }

    void hitTestsTheShippedMap_data()
    {
        QTest::addColumn<double>("lon");
        QTest::addColumn<double>("lat");
        QTest::addColumn<QString>("country");
        QTest::newRow("Paris") << 2.35 << 48.86 << "FR";
        QTest::newRow("Madrid") << -3.70 << 40.42 << "ES";
        QTest::newRow("Berlin") << 13.40 << 52.52 << "DE";
        QTest::newRow("Palo Alto") << -122.14 << 37.44 << "US";
        QTest::newRow("Beijing") << 116.40 << 39.90 << "CN";
        QTest::newRow("Moscow") << 37.62 << 55.75 << "RU";
        QTest::newRow("Chukotka (east of 180)") << -175.0 << 66.5 << "RU";
        QTest::newRow("Russia at 179E") << 179.0 << 67.0 << "RU";
        QTest::newRow("Singapore") << 103.82 << 1.35 << "SG";
        QTest::newRow("George Town, Cayman") << -81.38 << 19.29 << "KY";
        QTest::newRow("Dublin") << -6.26 << 53.35 << "IE";
        QTest::newRow("Lesotho inside South Africa") << 28.23 << -29.6 << "LS";
        QTest::newRow("South Africa around Lesotho") << 25.0 << -30.0 << "ZA";
        QTest::newRow("Atlantic") << -30.0 << 30.0 << "";
        QTest::newRow("Pacific") << -150.0 << 0.0 << "";
    }
    void hitTestsTheShippedMap()
    {
        QFETCH(double, lon);
        QFETCH(double, lat);
        QFETCH(QString, country);
        static const TopoJson::Result shapes =
            TopoJson::decodeFile(QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources/data/countries-50m.json"));
        QVERIFY2(shapes.error.isEmpty(), qPrintable(shapes.error));
        static CountryTable table;
        QString error;
        if (table.size() == 0)
            QVERIFY(table.load(QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources/data/countries.tsv"), &error));
        MapProjection m;
        m.fit(QRectF(0, 0, 4000, 2000)); // large enough for Singapore to be a few pixels wide
        m.projectShapes(shapes.shapes);
        const int hit = m.hitTest(m.toScreen(lon, lat));
        const CountryTable::Country* c =
            hit >= 0 ? table.byNumeric(shapes.shapes[static_cast<size_t>(hit)].id) : nullptr;
        QCOMPARE(c ? c->alpha2 : QString(), country);
        QCOMPARE(m.hitTest(QPointF(-50, -50)), -1);
    }

    void shippedMapHasTheCountriesGeoIpAnswers()
    {
        const TopoJson::Result shapes =
            TopoJson::decodeFile(QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources/data/countries-50m.json"));
        QVERIFY(shapes.shapes.size() > 230);
        QStringList ids;
        for (const CountryShape& s : shapes.shapes) {
            ids.append(s.id);
            QVERIFY2(ringsContain(s.rings, s.anchor) || s.rings.size() > 1,
                qPrintable(s.name)); // arcs end inside the country
        }
        for (const char* id : { "840", "156", "702", "136", "643", "276", "372", "528", "410", "392", "356" })
            QVERIFY2(ids.contains(QLatin1String(id)), id);
    }

    void greatCircles_data()
    {
        QTest::addColumn<QPointF>("from");
        QTest::addColumn<QPointF>("to");
        QTest::addColumn<QPointF>("middle");
        QTest::newRow("equator") << QPointF(0, 0) << QPointF(90, 0) << QPointF(45, 0);
        QTest::newRow("meridian") << QPointF(10, -20) << QPointF(10, 40) << QPointF(10, 10);
        QTest::newRow("over the pole") << QPointF(0, 60) << QPointF(180, 60)
                                       << QPointF(90, 90); // longitude undefined at the pole
        // The spherical midpoint formula gives 155.71°E 41.04°N: the route bends north over the Pacific.
        QTest::newRow("Palo Alto to Singapore")
            << QPointF(-122.14, 37.44) << QPointF(103.82, 1.35) << QPointF(155.71, 41.04);
    }
    void greatCircles()
    {
        QFETCH(QPointF, from);
        QFETCH(QPointF, to);
        QFETCH(QPointF, middle);
        const std::vector<QPointF> arc = MapProjection::greatCircle(from, to, 2);
        QCOMPARE(arc.size(), size_t(3));
        QCOMPARE(arc.front(), from);
        QCOMPARE(arc.back(), to);
        QVERIFY2(std::abs(arc[1].y() - middle.y()) < 0.2, qPrintable(QString::number(arc[1].y())));
        if (std::abs(middle.y()) < 89)
            QVERIFY2(std::abs(arc[1].x() - middle.x()) < 0.2, qPrintable(QString::number(arc[1].x())));
    }

    void arcsAcrossTheAntimeridianAreSplit()
    {
        MapProjection m;
        m.fit(QRectF(0, 0, 1000, 500));
        const auto lines = m.arcOnScreen(QPointF(-122.14, 37.44), QPointF(139.69, 35.69)); // Palo Alto → Tokyo
        QCOMPARE(lines.size(), size_t(2));
        for (const auto& line : lines) {
            for (size_t i = 1; i < line.size(); ++i)
                QVERIFY(std::abs(line[i].x() - line[i - 1].x()) < 100); // no stroke across the map
        }
        QCOMPARE(m.arcOnScreen(QPointF(2.35, 48.86), QPointF(13.4, 52.52)).size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestGeoMap)
#include "tst_geo_map.moc"
