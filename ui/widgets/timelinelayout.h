// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QRectF>

#include <vector>

/// The uploads timeline's geometry, without painting (STYLE.md 10, after hotspot's TimeLineData): time ↔ x in
/// the visible window, one lane per destination, bar sizes from bytes, zoom around a point, pan, hit tests and
/// tick marks. Tested with tables in tst_gui_timelinelayout.
class TimelineLayout
{
public:
    /// Labels on the left, the time axis on top.
    static constexpr double LabelWidth = 170;
    static constexpr double AxisHeight = 26;
    static constexpr double LaneHeight = 38;
    static constexpr double MinBarHeight = 4;
    static constexpr double MinBarWidth = 3;

    void setSize(double width, double height)
    {
        m_width = width;
        m_height = height;
    }
    double width() const
    {
        return m_width;
    }
    double height() const
    {
        return m_height;
    }
    /// The whole span of the data; the view is clamped to it (with a margin).
    void setExtent(Data::Timestamp from, Data::Timestamp to);
    /// The visible window.
    void setView(Data::Timestamp from, Data::Timestamp to);
    Data::Timestamp viewFrom() const
    {
        return m_from;
    }
    Data::Timestamp viewTo() const
    {
        return m_to;
    }
    void setLaneCount(int lanes)
    {
        m_lanes = lanes;
    }
    int laneCount() const
    {
        return m_lanes;
    }

    /// The plot area (right of the labels, below the axis).
    QRectF plotRect() const;
    double xForTime(Data::Timestamp ts) const;
    Data::Timestamp timeForX(double x) const;
    QRectF laneRect(int lane) const;
    /// The lane under y, or -1.
    int laneAt(double y) const;
    /// A session bar: spans its time (at least MinBarWidth), its height grows with the square root of its bytes
    /// relative to the largest (area ∝ bytes for bars of equal length).
    QRectF barRect(int lane, Data::Timestamp start, Data::Timestamp end, qint64 bytes, qint64 maxBytes) const;

    /// Zooms by `factor` (> 1 in) keeping the time under `anchorX` where it is. Never narrower than 1 ms or
    /// wider than the extent plus margins.
    void zoom(double factor, double anchorX);
    /// Moves the window by `dx` pixels (positive: later times come into view).
    void pan(double dx);
    /// Shows the whole extent.
    void reset();

    /// Tick times for the axis: multiples of 1/2/5 × 10^k µs with at least `minSpacing` pixels between them.
    std::vector<Data::Timestamp> ticks(double minSpacing = 90) const;
    /// The tick step chosen by ticks(), in µs.
    qint64 tickStep(double minSpacing = 90) const;

private:
    void clamp();

    double m_width = 800;
    double m_height = 300;
    Data::Timestamp m_extentFrom = 0;
    Data::Timestamp m_extentTo = 1000000;
    Data::Timestamp m_from = 0;
    Data::Timestamp m_to = 1000000;
    int m_lanes = 0;
};
