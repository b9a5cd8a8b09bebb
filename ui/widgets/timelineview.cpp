// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineview.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

namespace {
constexpr double MarkerGrab = 5; // pixels either side of a marker line
constexpr double BrushThreshold = 4; // a drag shorter than this is a click
} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Uploads timeline"));
    setToolTip(tr("Click a bar to see its session; drag a marker to move it; double-click to add a marker; drag across "
                  "empty space to filter every page to that time range; the wheel zooms."));
}

QSize TimelineView::sizeHint() const
{
    return QSize(900,
        int(TimelineLayout::AxisHeight + std::max<size_t>(3, m_scene.lanes.size()) * TimelineLayout::LaneHeight + 70));
}

QSize TimelineView::minimumSizeHint() const
{
    return QSize(400, int(TimelineLayout::AxisHeight + TimelineLayout::LaneHeight * 2 + 60));
}

void TimelineView::setScene(const TimelineScene& scene)
{
    const bool sameCapture = scene.captureId == m_scene.captureId && m_scene.captureId != 0;
    const Data::Timestamp from = m_layout.viewFrom(), to = m_layout.viewTo();
    m_scene = scene;
    m_layout.setLaneCount(static_cast<int>(scene.lanes.size()));
    m_layout.setExtent(scene.from, scene.to);
    if (sameCapture)
        m_layout.setView(from, to); // an edit keeps the zoom
    else
        m_layout.reset();
    updateGeometry();
    update();
}

void TimelineView::setRange(Data::Timestamp from, Data::Timestamp to)
{
    m_rangeFrom = from;
    m_rangeTo = to;
    update();
}

void TimelineView::selectSession(qint64 session)
{
    m_highlight.selectedSession = session;
    update();
}

void TimelineView::resetZoom()
{
    m_layout.reset();
    update();
}

qint64 TimelineView::markerAt(double x) const
{
    qint64 best = 0;
    double distance = MarkerGrab + 1;
    for (const auto& m : m_scene.markers) {
        const double d = std::abs(m_layout.xForTime(m.ts) - x);
        if (d <= MarkerGrab && d < distance) {
            distance = d;
            best = m.id;
        }
    }
    return best;
}

qint64 TimelineView::sessionAt(const QPointF& point) const
{
    for (auto it = m_scene.bars.rbegin(); it != m_scene.bars.rend(); ++it) {
        if (m_layout.barRect(it->lane, it->start, it->end, it->bytes, m_scene.maxBytes)
                .adjusted(-2, -2, 2, 2)
                .contains(point))
            return it->session;
    }
    return 0;
}

void TimelineView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    TimelinePainter::Highlight h = m_highlight;
    if (m_drag == Drag::Brush) {
        h.brushFrom = std::min(m_layout.timeForX(m_pressX), m_dragTime);
        h.brushTo = std::max(m_layout.timeForX(m_pressX), m_dragTime);
    } else {
        h.brushFrom = m_rangeFrom;
        h.brushTo = m_rangeTo;
    }
    // While a marker is dragged, draw it where it would go.
    if (m_drag == Drag::Marker) {
        TimelineScene moved = m_scene;
        for (auto& m : moved.markers) {
            if (m.id == m_highlight.selectedMarker)
                m.ts = m_dragTime;
        }
        TimelinePainter::paint(p, moved, m_layout, palette(), h);
        return;
    }
    TimelinePainter::paint(p, m_scene, m_layout, palette(), h);
}

void TimelineView::resizeEvent(QResizeEvent*)
{
    m_layout.setSize(width(), height());
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QPointF pos = event->position();
    m_pressX = pos.x();
    m_dragTime = m_layout.timeForX(pos.x());
    if (pos.x() < m_layout.plotRect().left())
        return;
    if (const qint64 marker = markerAt(pos.x())) {
        m_drag = Drag::Marker;
        m_highlight.selectedMarker = marker;
        for (const auto& m : m_scene.markers) {
            if (m.id == marker)
                m_dragTime = m.ts;
        }
        setCursor(Qt::SizeHorCursor);
        update();
        return;
    }
    if (const qint64 session = sessionAt(pos)) {
        m_highlight.selectedSession = session;
        update();
        Q_EMIT sessionSelected(session);
        return;
    }
    m_drag = Drag::Brush;
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (m_drag == Drag::Marker) {
        for (const auto& m : m_scene.markers) {
            if (m.id == m_highlight.selectedMarker)
                m_dragTime = m.ts + (m_layout.timeForX(pos.x()) - m_layout.timeForX(m_pressX));
        }
        update();
        return;
    }
    if (m_drag == Drag::Brush) {
        m_dragTime = m_layout.timeForX(pos.x());
        update();
        return;
    }
    setCursor(markerAt(pos.x()) ? Qt::SizeHorCursor : Qt::ArrowCursor);
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    const Drag drag = m_drag;
    m_drag = Drag::None;
    unsetCursor();
    if (drag == Drag::Marker) {
        if (std::abs(pos.x() - m_pressX) >= 1) {
            // Show it at its new place until the edit comes back from the store.
            for (auto& m : m_scene.markers) {
                if (m.id == m_highlight.selectedMarker)
                    m.ts = m_dragTime;
            }
            Q_EMIT markerMoved(m_highlight.selectedMarker, m_dragTime);
        }
        update();
        return;
    }
    if (drag == Drag::Brush) {
        if (std::abs(pos.x() - m_pressX) >= BrushThreshold) {
            const Data::Timestamp a = m_layout.timeForX(m_pressX), b = m_layout.timeForX(pos.x());
            Q_EMIT rangeBrushed(std::min(a, b), std::max(a, b));
        } else if (m_highlight.selectedSession) {
            m_highlight.selectedSession = 0;
            Q_EMIT sessionSelected(0);
        }
        update();
    }
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (pos.x() < m_layout.plotRect().left() || pos.y() < TimelineLayout::AxisHeight)
        return;
    if (const qint64 marker = markerAt(pos.x())) {
        Q_EMIT markerEditRequested(marker);
        return;
    }
    if (!sessionAt(pos))
        Q_EMIT markerAddRequested(m_layout.timeForX(pos.x()));
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ShiftModifier)
        m_layout.pan(-steps * m_layout.plotRect().width() / 10);
    else
        m_layout.zoom(std::pow(1.25, steps), event->position().x());
    update();
    event->accept();
}

void TimelineView::contextMenuEvent(QContextMenuEvent* event)
{
    const qint64 marker = markerAt(event->pos().x());
    QMenu menu(this);
    if (marker) {
        menu.addAction(tr("Edit Marker…"), this, [this, marker] { Q_EMIT markerEditRequested(marker); });
        menu.addAction(tr("Delete Marker"), this, [this, marker] { Q_EMIT markerDeleteRequested(marker); });
    } else {
        const Data::Timestamp at = m_layout.timeForX(event->pos().x());
        menu.addAction(tr("Add Marker Here…"), this, [this, at] { Q_EMIT markerAddRequested(at); });
    }
    menu.addSeparator();
    menu.addAction(tr("Show Everything"), this, [this] { resetZoom(); });
    menu.exec(event->globalPos());
}
