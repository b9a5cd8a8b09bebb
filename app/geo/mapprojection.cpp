// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mapprojection.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kRad = kPi / 180.0;
} // namespace

QPointF MapProjection::project(double lon, double lat)
{
    const double lambda = std::clamp(lon, -180.0, 180.0) * kRad;
    const double phi = std::clamp(lat, -90.0, 90.0) * kRad;
    const double phi2 = phi * phi;
    const double phi4 = phi2 * phi2;
    const double x =
        lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)));
    const double y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
    return QPointF(x, y);
}

void MapProjection::fit(const QRectF& viewport, double minLat, double maxLat)
{
    const double xMax = project(180.0, 0.0).x();
    const double yTop = project(0.0, maxLat).y();
    const double yBottom = project(0.0, minLat).y();
    const double width = 2 * xMax;
    const double height = yTop - yBottom;
    if (viewport.width() <= 0 || viewport.height() <= 0 || height <= 0) {
        m_scale = 1;
        m_offset = viewport.center();
        m_world = QRectF();
        return;
    }
    m_scale = std::min(viewport.width() / width, viewport.height() / height);
    const double w = width * m_scale;
    const double h = height * m_scale;
    const QPointF topLeft(viewport.center().x() - w / 2, viewport.center().y() - h / 2);
    m_world = QRectF(topLeft, QSizeF(w, h));
    m_offset = QPointF(topLeft.x() + xMax * m_scale, topLeft.y() + yTop * m_scale);
}

QPointF MapProjection::toScreen(double lon, double lat) const
{
    const QPointF p = project(lon, lat);
    return QPointF(m_offset.x() + p.x() * m_scale, m_offset.y() - p.y() * m_scale);
}

void MapProjection::projectShapes(const std::vector<CountryShape>& shapes)
{
    m_projected.clear();
    m_boxes.clear();
    m_projected.reserve(shapes.size());
    for (const CountryShape& shape : shapes) {
        std::vector<std::vector<QPointF>> rings;
        double minX = 1e18, minY = 1e18, maxX = -1e18, maxY = -1e18;
        for (const auto& ring : shape.rings) {
            std::vector<QPointF> out;
            out.reserve(ring.size());
            for (const QPointF& p : ring) {
                const QPointF s = toScreen(p);
                out.push_back(s);
                minX = std::min(minX, s.x());
                maxX = std::max(maxX, s.x());
                minY = std::min(minY, s.y());
                maxY = std::max(maxY, s.y());
            }
            rings.push_back(std::move(out));
        }
        m_boxes.emplace_back(QPointF(minX, minY), QPointF(maxX, maxY));
        m_projected.push_back(std::move(rings));
    }
}

int MapProjection::hitTest(const QPointF& p) const
{
    for (size_t i = 0; i < m_projected.size(); ++i) {
        const QRectF& box = m_boxes[i];
        if (p.x() < box.left() || p.x() > box.right() || p.y() < box.top() || p.y() > box.bottom())
            continue;
        if (ringsContain(m_projected[i], p))
            return static_cast<int>(i);
    }
    return -1;
}

std::vector<QPointF> MapProjection::greatCircle(const QPointF& from, const QPointF& to, int segments)
{
    segments = std::max(1, segments);
    const double lon1 = from.x() * kRad, lat1 = from.y() * kRad;
    const double lon2 = to.x() * kRad, lat2 = to.y() * kRad;
    const double x1 = std::cos(lat1) * std::cos(lon1), y1 = std::cos(lat1) * std::sin(lon1), z1 = std::sin(lat1);
    const double x2 = std::cos(lat2) * std::cos(lon2), y2 = std::cos(lat2) * std::sin(lon2), z2 = std::sin(lat2);
    const double d = std::acos(std::clamp(x1 * x2 + y1 * y2 + z1 * z2, -1.0, 1.0));
    std::vector<QPointF> out;
    out.reserve(static_cast<size_t>(segments) + 1);
    for (int i = 0; i <= segments; ++i) {
        const double f = static_cast<double>(i) / segments;
        if (d < 1e-9) {
            out.push_back(from);
            continue;
        }
        // Spherical linear interpolation between the two unit vectors.
        const double a = std::sin((1 - f) * d) / std::sin(d);
        const double b = std::sin(f * d) / std::sin(d);
        const double x = a * x1 + b * x2, y = a * y1 + b * y2, z = a * z1 + b * z2;
        out.emplace_back(std::atan2(y, x) / kRad, std::atan2(z, std::sqrt(x * x + y * y)) / kRad);
    }
    out.front() = from;
    out.back() = to;
    return out;
}

std::vector<std::vector<QPointF>> MapProjection::arcOnScreen(const QPointF& from, const QPointF& to, int segments) const
{
    std::vector<std::vector<QPointF>> lines(1);
    const std::vector<QPointF> points = greatCircle(from, to, segments);
    for (size_t i = 0; i < points.size(); ++i) {
        if (i > 0 && std::abs(points[i].x() - points[i - 1].x()) > 180.0)
            lines.emplace_back();
        lines.back().push_back(toScreen(points[i]));
    }
    return lines;
}
