// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/mapprojection.h"

#include <QColor>
#include <QHash>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QPainter;

/// The world map's drawing, shared by the window's map (WorldMapWidget) and the PDF report's "map" figure:
/// the ocean outline, countries shaded by a value (logarithmic), selection, hover and arcs from the device.
namespace WorldMapPainter {

/// The shipped country shapes (Antarctica left out) and their alpha-2 codes, decoded once per process.
struct World
{
    std::vector<CountryShape> shapes;
    std::vector<QString> alpha2; ///< per shape; "" when Natural Earth gives no ISO code
};
const World& shippedWorld();

struct Options
{
    QStringList selected;
    int hover = -1;
    std::optional<QPointF> device; ///< lon/lat of the test device: arcs go from there
    double unit = 1; ///< device pixels per logical pixel (pen widths, dot sizes)
    /// Skip ring points closer than this (device units) to the previous one: keeps a printed map small.
    double minSegment = 0;
};

/// The colour of a country with `value` when the largest is `maxValue` (0 = not shaded).
QColor fill(qint64 value, qint64 maxValue);

/// Draws the map; `projection` must have been fitted and have projected `shapes`.
void paint(QPainter& painter, const MapProjection& projection, const std::vector<CountryShape>& shapes,
    const std::vector<QString>& alpha2, const QHash<QString, qint64>& values, const Options& options = {});

/// Registers the PDF report's "map" figure (data: {"values": {"US": bytes, …}}); idempotent.
void registerFigurePainter();

} // namespace WorldMapPainter
