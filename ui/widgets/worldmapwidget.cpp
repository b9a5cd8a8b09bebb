// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "worldmapwidget.h"

#include "worldmappainter.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

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
    p.fillRect(rect(), palette().color(QPalette::Base));
    WorldMapPainter::Options options;
    options.selected = m_selected;
    options.hover = m_hover;
    options.device = m_device;
    WorldMapPainter::paint(p, m_projection, m_shapes, m_alpha2, m_values, options);
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
