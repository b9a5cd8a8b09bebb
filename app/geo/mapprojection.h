// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "worldshapes.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <vector>

/// The world map's math, kept out of the painting code so it can be tested with tables (STYLE.md 10):
/// the Natural Earth I projection (Šavrič, Jenny, Patterson & Jenny 2011, the polynomial d3 uses), fitting
/// the world into a widget, hit-testing countries and great-circle arcs.
class MapProjection
{
public:
    /// The projection on the unit sphere: longitude/latitude in degrees → projected x/y (y grows north).
    static QPointF project(double lon, double lat);

    /// Fits the latitudes [minLat, maxLat] of the whole longitude range into `viewport` (keeping the aspect
    /// ratio, centred). Antarctica is left out by default: it would take a fifth of the height.
    void fit(const QRectF& viewport, double minLat = -58.0, double maxLat = 84.0);

    /// Degrees → widget coordinates (y grows down).
    QPointF toScreen(double lon, double lat) const;
    QPointF toScreen(const QPointF& lonLat) const
    {
        return toScreen(lonLat.x(), lonLat.y());
    }
    double scale() const
    {
        return m_scale;
    }
    /// The screen rectangle the fitted world occupies.
    QRectF worldRect() const
    {
        return m_world;
    }

    /// Projects every shape's rings to the screen (call after fit()); hitTest() uses the result.
    void projectShapes(const std::vector<CountryShape>& shapes);
    const std::vector<std::vector<std::vector<QPointF>>>& projectedRings() const
    {
        return m_projected;
    }
    /// The index of the shape under a widget point, or -1 (ocean, or outside the map).
    int hitTest(const QPointF& screenPoint) const;

    /// Points along the great circle from `from` to `to` (degrees), `segments` + 1 of them, ends included.
    static std::vector<QPointF> greatCircle(const QPointF& from, const QPointF& to, int segments = 48);
    /// The arc as screen polylines: split where it crosses the antimeridian, so no line runs across the map.
    std::vector<std::vector<QPointF>> arcOnScreen(const QPointF& from, const QPointF& to, int segments = 48) const;

private:
    double m_scale = 1;
    QPointF m_offset; ///< screen position of projected (0, 0)
    QRectF m_world;
    std::vector<std::vector<std::vector<QPointF>>> m_projected;
    std::vector<QRectF> m_boxes;
};
