// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "worldmapwidget.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

WorldMapWidget::WorldMapWidget(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(360, 200);
    setAccessibleName(tr("World map"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void WorldMapWidget::setShapes(std::vector<CountryShape> shapes, std::vector<QString> alpha2)
{
    m_shapes = std::move(shapes);
    m_alpha2 = std::move(alpha2);
    m_alpha2.resize(m_shapes.size());
    relayout();
}

void WorldMapWidget::setValues(const QHash<QString, qint64>& values)
{
    m_values = values;
    update();
}

void WorldMapWidget::setDescriptions(const QHash<QString, QString>& descriptions)
{
    m_descriptions = descriptions;
}

void WorldMapWidget::setDeviceLocation(std::optional<QPointF> lonLat)
{
    m_device = lonLat;
    update();
}

void WorldMapWidget::setSelectedCountries(const QStringList& alpha2)
{
    m_selected = alpha2;
    update();
}

void WorldMapWidget::relayout()
{
    m_projection.fit(QRectF(rect()).adjusted(8, 8, -8, -8));
    m_projection.projectShapes(m_shapes);
    update();
}

void WorldMapWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

QString WorldMapWidget::countryAt(const QPointF& p) const
{
    const int i = m_projection.hitTest(p);
    return i >= 0 ? m_alpha2[static_cast<size_t>(i)] : QString();
}

QPointF WorldMapWidget::anchorOf(const QString& alpha2) const
{
    for (size_t i = 0; i < m_shapes.size(); ++i) {
        if (m_alpha2[i] == alpha2)
            return m_projection.toScreen(m_shapes[i].anchor);
    }
    return QPointF(-1, -1);
}

void WorldMapWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    // The ocean: the projection's outline.
    QPolygonF sphere;
    for (int lat = -58; lat <= 84; lat += 2)
        sphere << m_projection.toScreen(-180, lat);
    for (int lat = 84; lat >= -58; lat -= 2)
        sphere << m_projection.toScreen(180, lat);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xe8, 0xf0, 0xf8));
    p.drawPolygon(sphere);

    qint64 maxValue = 0;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        maxValue = std::max(maxValue, it.value());
    const QColor land(0xdd, 0xdd, 0xd5);
    const QColor hot(0xc0, 0x39, 0x2b);
    const auto& rings = m_projection.projectedRings();
    for (size_t i = 0; i < rings.size(); ++i) {
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        for (const auto& ring : rings[i]) {
            QPolygonF poly;
            poly.reserve(static_cast<qsizetype>(ring.size()));
            for (const QPointF& pt : ring)
                poly << pt;
            path.addPolygon(poly);
            path.closeSubpath();
        }
        QColor fill = land;
        const qint64 v = m_values.value(m_alpha2[i]);
        if (v > 0 && maxValue > 0) {
            // Logarithmic: 1 kB and 10 MB both stay visible.
            const double t =
                0.25 + 0.75 * std::log1p(static_cast<double>(v)) / std::log1p(static_cast<double>(maxValue));
            fill = QColor::fromRgbF(land.redF() + (hot.redF() - land.redF()) * t,
                land.greenF() + (hot.greenF() - land.greenF()) * t, land.blueF() + (hot.blueF() - land.blueF()) * t);
        }
        const bool selected = !m_alpha2[i].isEmpty() && m_selected.contains(m_alpha2[i]);
        p.setBrush(fill);
        p.setPen(QPen(selected ? QColor(0x1f, 0x4e, 0x99) : QColor(0xff, 0xff, 0xff), selected ? 2.0 : 0.5));
        if (static_cast<int>(i) == m_hover)
            p.setBrush(fill.darker(115));
        p.drawPath(path);
    }

    // Arcs from the device to each country that received data.
    if (m_device) {
        const QPointF device = m_projection.toScreen(*m_device);
        p.setBrush(Qt::NoBrush);
        for (size_t i = 0; i < m_shapes.size(); ++i) {
            if (m_values.value(m_alpha2[i]) <= 0)
                continue;
            p.setPen(QPen(QColor(0x1f, 0x4e, 0x99, 170), 1.4));
            for (const auto& line : m_projection.arcOnScreen(*m_device, m_shapes[i].anchor)) {
                QPolygonF poly;
                for (const QPointF& pt : line)
                    poly << pt;
                p.drawPolyline(poly);
            }
            p.setBrush(QColor(0x1f, 0x4e, 0x99));
            p.drawEllipse(m_projection.toScreen(m_shapes[i].anchor), 2.5, 2.5);
            p.setBrush(Qt::NoBrush);
        }
        p.setPen(QPen(Qt::white, 1.5));
        p.setBrush(QColor(0x11, 0x11, 0x11));
        p.drawEllipse(device, 5, 5);
    }
}

void WorldMapWidget::mouseMoveEvent(QMouseEvent* event)
{
    const int hover = m_projection.hitTest(event->position());
    if (hover != m_hover) {
        m_hover = hover;
        update();
    }
}

void WorldMapWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QString country = countryAt(event->position());
    Q_EMIT countryClicked(country);
}

bool WorldMapWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int i = m_projection.hitTest(help->pos());
        if (i < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const QString code = m_alpha2[static_cast<size_t>(i)];
        const QString name = m_shapes[static_cast<size_t>(i)].name;
        const QString text = m_descriptions.value(code);
        // Plain text only: host names come from captures (Qt::mightBeRichText would treat "<b>" as markup).
        const QString plain = name + (text.isEmpty() ? tr("\nno data sent here") : QString(u'\n' + text));
        QToolTip::showText(help->globalPos(), plain.toHtmlEscaped().replace(u'\n', QLatin1String("<br>")), this);
        return true;
    }
    return QWidget::event(event);
}
