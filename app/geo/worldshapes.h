// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <vector>

/// Country outlines for the offline world map, decoded from world-atlas' TopoJSON (Natural Earth shapes).
/// Decoding is done here rather than converted at build time so the shipped file stays the upstream one
/// (checksum-verifiable) and the format stays readable: quantised, delta-encoded arcs stitched into rings.
struct CountryShape
{
    QString id; ///< the feature id: ISO 3166-1 numeric ("250"), or "" when Natural Earth gives none
    QString name; ///< properties.name
    /// Rings in degrees (x = longitude, y = latitude); the first of each polygon is its outline, later ones
    /// holes. Point-in-shape uses the even-odd rule over all rings.
    std::vector<std::vector<QPointF>> rings;
    QRectF bounds; ///< in degrees
    /// A point inside the largest ring, for labels and arcs.
    QPointF anchor;
};

namespace TopoJson {

struct Result
{
    std::vector<CountryShape> shapes;
    QString error; ///< empty on success; names the position ("geometry 12: arc index 9000 out of range")
};

/// Decodes the GeometryCollection `objectName` ("countries") of a TopoJSON topology. Bounded: refuses more
/// than 64 MiB of input, 2 million arc points or shape points, and arc indices that do not exist.
Result decode(const QByteArray& json, const QString& objectName = QStringLiteral("countries"));

/// Reads and decodes a file.
Result decodeFile(const QString& path, const QString& objectName = QStringLiteral("countries"));

} // namespace TopoJson

/// Even-odd point-in-polygon over a set of rings (shared by the map's hit-testing and the tests).
bool ringsContain(const std::vector<std::vector<QPointF>>& rings, const QPointF& point);
