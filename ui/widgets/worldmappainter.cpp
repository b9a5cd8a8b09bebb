// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "worldmappainter.h"

#include "common/paths.h"
#include "enrich/referencedata.h"
#include "geo/worldshapes.h"
#include "pdf/pdfrenderer.h"
#include "refdata/refdatacatalogue.h"

#include <QJsonObject>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace WorldMapPainter {

namespace {
const QColor kLand(0xdd, 0xdd, 0xd5);
const QColor kHot(0xc0, 0x39, 0x2b);
const QColor kOcean(0xe8, 0xf0, 0xf8);
const QColor kArc(0x1f, 0x4e, 0x99);
} // namespace

const World& shippedWorld()
{
    static const World world = [] {
        World w;
        const auto data = ReferenceData::shared();
        QString path = RefDataCatalogue::load().path(QStringLiteral("world-map"));
        if (path.isEmpty())
            path = Paths::dataFile(QStringLiteral("countries-50m.json"));
        TopoJson::Result decoded = TopoJson::decodeFile(path);
        for (CountryShape& s : decoded.shapes) {
            if (s.id == QLatin1String("010"))
                continue; // Antarctica: no servers, a fifth of the height
            const CountryTable::Country* c = data->countries().byNumeric(s.id);
            w.alpha2.push_back(c ? c->alpha2 : s.name == QLatin1String("Kosovo") ? QStringLiteral("XK") : QString());
            w.shapes.push_back(std::move(s));
        }
        return w;
    }();
    return world;
}

QColor fill(qint64 value, qint64 maxValue)
{
    if (value <= 0 || maxValue <= 0)
        return kLand;
    // Logarithmic: 1 kB and 10 MB both stay visible.
    const double t = 0.25 + 0.75 * std::log1p(static_cast<double>(value)) / std::log1p(static_cast<double>(maxValue));
    return QColor::fromRgbF(kLand.redF() + (kHot.redF() - kLand.redF()) * t,
        kLand.greenF() + (kHot.greenF() - kLand.greenF()) * t, kLand.blueF() + (kHot.blueF() - kLand.blueF()) * t);
}

void paint(QPainter& p, const MapProjection& projection, const std::vector<CountryShape>& shapes,
    const std::vector<QString>& alpha2, const QHash<QString, qint64>& values, const Options& o)
{
    // The ocean: the projection's outline.
    QPolygonF sphere;
    for (int lat = -58; lat <= 84; lat += 2)
        sphere << projection.toScreen(-180, lat);
    for (int lat = 84; lat >= -58; lat -= 2)
        sphere << projection.toScreen(180, lat);
    p.setPen(Qt::NoPen);
    p.setBrush(kOcean);
    p.drawPolygon(sphere);

    qint64 maxValue = 0;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        maxValue = std::max(maxValue, it.value());
    const double min2 = o.minSegment * o.minSegment;
    const auto& rings = projection.projectedRings();
    for (size_t i = 0; i < rings.size() && i < alpha2.size(); ++i) {
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        for (const auto& ring : rings[i]) {
            QPolygonF poly;
            poly.reserve(static_cast<qsizetype>(ring.size()));
            for (const QPointF& pt : ring) {
                if (min2 > 0 && !poly.isEmpty()) {
                    const QPointF d = pt - poly.constLast();
                    if (d.x() * d.x() + d.y() * d.y() < min2)
                        continue;
                }
                poly << pt;
            }
            if (poly.size() < 3)
                continue;
            path.addPolygon(poly);
            path.closeSubpath();
        }
        QColor colour = fill(values.value(alpha2[i]), maxValue);
        const bool selected = !alpha2[i].isEmpty() && o.selected.contains(alpha2[i]);
        if (static_cast<int>(i) == o.hover)
            colour = colour.darker(115);
        p.setBrush(colour);
        p.setPen(QPen(selected ? kArc : QColor(0xff, 0xff, 0xff), (selected ? 2.0 : 0.5) * o.unit));
        p.drawPath(path);
    }

    // Arcs from the device to each country that received data.
    if (o.device) {
        const QPointF device = projection.toScreen(*o.device);
        p.setBrush(Qt::NoBrush);
        for (size_t i = 0; i < shapes.size() && i < alpha2.size(); ++i) {
            if (values.value(alpha2[i]) <= 0)
                continue;
            p.setPen(QPen(QColor(0x1f, 0x4e, 0x99, 170), 1.4 * o.unit));
            for (const auto& line : projection.arcOnScreen(*o.device, shapes[i].anchor)) {
                QPolygonF poly;
                for (const QPointF& pt : line)
                    poly << pt;
                p.drawPolyline(poly);
            }
            p.setBrush(kArc);
            p.drawEllipse(projection.toScreen(shapes[i].anchor), 2.5 * o.unit, 2.5 * o.unit);
            p.setBrush(Qt::NoBrush);
        }
        p.setPen(QPen(Qt::white, 1.5 * o.unit));
        p.setBrush(QColor(0x11, 0x11, 0x11));
        p.drawEllipse(device, 5 * o.unit, 5 * o.unit);
    }
}

void registerFigurePainter()
{
    static bool registered = false;
    if (registered)
        return;
    registered = true;
    PdfRenderer::registerFigurePainter(
        QStringLiteral("map"), [](QPainter& p, const QRectF& rect, const QJsonObject& data) {
            const World& world = shippedWorld();
            QHash<QString, qint64> values;
            const QJsonObject v = data.value(QStringLiteral("values")).toObject();
            qint64 maxValue = 0;
            for (auto it = v.begin(); it != v.end(); ++it) {
                const qint64 bytes = static_cast<qint64>(it.value().toDouble());
                values.insert(it.key(), bytes);
                maxValue = std::max(maxValue, bytes);
            }
            // The figure's logical unit: a point of the page (the rectangle is in device units of 300 dpi).
            const double unit = rect.width() / 480.0;
            const double legendHeight = 16 * unit;
            MapProjection projection;
            projection.fit(rect.adjusted(2 * unit, 2 * unit, -2 * unit, -legendHeight - 4 * unit));
            projection.projectShapes(world.shapes);
            p.save();
            p.setRenderHint(QPainter::Antialiasing);
            Options o;
            o.unit = unit * 0.6;
            o.minSegment = 0.6 * unit; // finer than the eye sees in print; keeps the PDF small
            paint(p, projection, world.shapes, world.alpha2, values, o);

            // Legend: the colour scale from a few bytes to the largest value.
            const QRectF bar(rect.left() + 4 * unit, rect.bottom() - legendHeight + 2 * unit, 120 * unit, 6 * unit);
            const int steps = 24;
            for (int i = 0; i < steps; ++i) {
                const double t = double(i) / (steps - 1);
                const qint64 value =
                    maxValue > 0 ? static_cast<qint64>(std::expm1(t * std::log1p(double(maxValue)))) : 0;
                p.fillRect(
                    QRectF(bar.left() + bar.width() * i / steps, bar.top(), bar.width() / steps + 0.5, bar.height()),
                    i == 0 ? kLand : fill(std::max<qint64>(1, value), maxValue));
            }
            QFont font(QStringLiteral("DejaVu Sans"));
            font.setPixelSize(static_cast<int>(std::max(1.0, 7 * unit)));
            font.setStyleStrategy(QFont::PreferNoShaping);
            p.setFont(font);
            p.setPen(QColor(0x5f, 0x63, 0x68));
            const QString most = QLocale::c().formattedDataSize(maxValue, 1, QLocale::DataSizeTraditionalFormat);
            p.drawText(QRectF(bar.right() + 6 * unit, bar.top() - 3 * unit, 300 * unit, 12 * unit),
                Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("bytes sent: none → %1 (log scale)").arg(most));
            p.restore();
        });
}

} // namespace WorldMapPainter
