// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinelayout.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr qint64 MinSpan = 1000; // 1 ms
}

void TimelineLayout::setExtent(Data::Timestamp from, Data::Timestamp to)
{
    m_extentFrom = from;
    m_extentTo = std::max(to, from + MinSpan);
}

void TimelineLayout::setView(Data::Timestamp from, Data::Timestamp to)
{
    m_from = from;
    m_to = std::max(to, from + MinSpan);
    clamp();
}

void TimelineLayout::reset()
{
    // A little air on both sides, so bars and markers at the ends stay visible.
    const qint64 margin = std::max<qint64>((m_extentTo - m_extentFrom) / 40, MinSpan);
    m_from = m_extentFrom - margin;
    m_to = m_extentTo + margin;
}

void TimelineLayout::clamp()
{
    const qint64 margin = std::max<qint64>((m_extentTo - m_extentFrom) / 40, MinSpan);
    const qint64 lo = m_extentFrom - margin, hi = m_extentTo + margin;
    qint64 span = m_to - m_from;
    if (span > hi - lo) {
        m_from = lo;
        m_to = hi;
        return;
    }
    span = std::max(span, MinSpan);
    if (m_from < lo) {
        m_from = lo;
        m_to = lo + span;
    }
    if (m_to > hi) {
        m_to = hi;
        m_from = hi - span;
    }
}

QRectF TimelineLayout::plotRect() const
{
    return QRectF(
        LabelWidth, AxisHeight, std::max(1.0, m_width - LabelWidth - 8), std::max(1.0, m_height - AxisHeight));
}

double TimelineLayout::xForTime(Data::Timestamp ts) const
{
    const QRectF p = plotRect();
    return p.left() + double(ts - m_from) * p.width() / double(m_to - m_from);
}

Data::Timestamp TimelineLayout::timeForX(double x) const
{
    const QRectF p = plotRect();
    return m_from + static_cast<qint64>(std::llround((x - p.left()) * double(m_to - m_from) / p.width()));
}

QRectF TimelineLayout::laneRect(int lane) const
{
    const QRectF p = plotRect();
    return QRectF(p.left(), AxisHeight + lane * LaneHeight, p.width(), LaneHeight);
}

int TimelineLayout::laneAt(double y) const
{
    if (y < AxisHeight)
        return -1;
    const int lane = static_cast<int>((y - AxisHeight) / LaneHeight);
    return lane < m_lanes ? lane : -1;
}

QRectF TimelineLayout::barRect(
    int lane, Data::Timestamp start, Data::Timestamp end, qint64 bytes, qint64 maxBytes) const
{
    const QRectF l = laneRect(lane);
    const double usable = LaneHeight - 8;
    const double share = maxBytes > 0 ? std::sqrt(std::clamp(double(bytes) / double(maxBytes), 0.0, 1.0)) : 1.0;
    const double h = std::clamp(usable * share, MinBarHeight, usable);
    double x0 = xForTime(start), x1 = xForTime(std::max(end, start));
    if (x1 - x0 < MinBarWidth)
        x1 = x0 + MinBarWidth;
    return QRectF(x0, l.center().y() - h / 2, x1 - x0, h);
}

void TimelineLayout::zoom(double factor, double anchorX)
{
    if (factor <= 0)
        return;
    const Data::Timestamp anchor = timeForX(anchorX);
    const double span = double(m_to - m_from) / factor;
    const double left = double(anchor - m_from) / factor;
    qint64 newSpan = std::max<qint64>(MinSpan, static_cast<qint64>(span));
    m_from = anchor - static_cast<qint64>(left * double(newSpan) / span);
    m_to = m_from + newSpan;
    clamp();
}

void TimelineLayout::pan(double dx)
{
    const qint64 shift = static_cast<qint64>(dx * double(m_to - m_from) / plotRect().width());
    m_from += shift;
    m_to += shift;
    clamp();
}

qint64 TimelineLayout::tickStep(double minSpacing) const
{
    const double perPixel = double(m_to - m_from) / plotRect().width();
    const double wanted = perPixel * minSpacing;
    static const qint64 steps[] = { 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000, 2000000,
        5000000, 10000000, 15000000, 30000000, 60000000, 120000000, 300000000, 600000000, 900000000, 1800000000,
        3600000000, 7200000000, 21600000000, 43200000000, 86400000000 };
    for (qint64 s : steps) {
        if (double(s) >= wanted)
            return s;
    }
    return steps[std::size(steps) - 1];
}

std::vector<Data::Timestamp> TimelineLayout::ticks(double minSpacing) const
{
    std::vector<Data::Timestamp> out;
    const qint64 step = tickStep(minSpacing);
    qint64 t = (m_from / step) * step;
    if (t < m_from)
        t += step;
    for (; t <= m_to && out.size() < 1000; t += step)
        out.push_back(t);
    return out;
}
