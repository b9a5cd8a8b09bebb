// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timelinepainter.h"

#include <QWidget>

/// The interactive uploads timeline: time on x, one lane per destination, upload sessions as bars sized by
/// bytes, encrypted bursts hatched, markers as vertical lines. Click a bar to select its session; drag a
/// marker to move it; double-click empty space to add a marker there; right-click a marker to edit or delete
/// it; drag across empty space to brush a time range; the wheel zooms (Shift+wheel pans). The widget only
/// reports what the user did; the page turns it into undoable edits and filter changes.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);

    void setScene(const TimelineScene& scene);
    const TimelineScene& scene() const
    {
        return m_scene;
    }
    TimelineLayout& layout()
    {
        return m_layout;
    }
    /// A range to show shaded (the shared filter's time range), 0/0 for none.
    void setRange(Data::Timestamp from, Data::Timestamp to);
    void selectSession(qint64 session);
    qint64 selectedSession() const
    {
        return m_highlight.selectedSession;
    }
    void resetZoom();
    /// The marker whose line is within a few pixels of x, or 0.
    qint64 markerAt(double x) const;
    /// The session whose bar contains the point, or 0.
    qint64 sessionAt(const QPointF& point) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void sessionSelected(qint64 session);
    void markerMoved(qint64 marker, Data::Timestamp captureTime);
    void markerAddRequested(Data::Timestamp captureTime);
    void markerEditRequested(qint64 marker);
    void markerDeleteRequested(qint64 marker);
    void rangeBrushed(Data::Timestamp from, Data::Timestamp to);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    enum class Drag
    {
        None,
        Marker,
        Brush
    };
    TimelineScene m_scene;
    TimelineLayout m_layout;
    TimelinePainter::Highlight m_highlight;
    Data::Timestamp m_rangeFrom = 0;
    Data::Timestamp m_rangeTo = 0;
    Drag m_drag = Drag::None;
    double m_pressX = 0;
    Data::Timestamp m_dragTime = 0;
};
