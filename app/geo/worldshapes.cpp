// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "worldshapes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace {

constexpr qint64 kMaxInput = 64ll << 20;
constexpr qint64 kMaxPoints = 2'000'000;

double ringArea(const std::vector<QPointF>& ring)
{
    double a = 0;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        a += (ring[j].x() * ring[i].y()) - (ring[i].x() * ring[j].y());
    return a / 2;
}

/// A point inside the ring: its centroid when that lies inside, else the middle of the widest horizontal
/// chord through the centroid's latitude (crescent-shaped countries).
QPointF interiorPoint(const std::vector<QPointF>& ring)
{
    double cx = 0, cy = 0, a = 0;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const double f = ring[j].x() * ring[i].y() - ring[i].x() * ring[j].y();
        cx += (ring[j].x() + ring[i].x()) * f;
        cy += (ring[j].y() + ring[i].y()) * f;
        a += f;
    }
    if (std::abs(a) < 1e-12)
        return ring.empty() ? QPointF() : ring.front();
    const QPointF c(cx / (3 * a), cy / (3 * a));
    if (ringsContain({ ring }, c))
        return c;
    std::vector<double> xs;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const QPointF p = ring[i], q = ring[j];
        if ((p.y() > c.y()) != (q.y() > c.y()))
            xs.push_back(p.x() + (c.y() - p.y()) / (q.y() - p.y()) * (q.x() - p.x()));
    }
    std::sort(xs.begin(), xs.end());
    double best = -1;
    QPointF out = ring.front();
    for (size_t i = 0; i + 1 < xs.size(); i += 2) {
        if (xs[i + 1] - xs[i] > best) {
            best = xs[i + 1] - xs[i];
            out = QPointF((xs[i] + xs[i + 1]) / 2, c.y());
        }
    }
    return out;
}

/// The part of a ring on one side of the vertical line x = c (Sutherland–Hodgman against a half-plane; any
/// degenerate edges it leaves lie on the line itself, the map's edge, and enclose no area).
std::vector<QPointF> clipRing(const std::vector<QPointF>& ring, double c, bool keepBelow)
{
    std::vector<QPointF> out;
    const size_t n = ring.size();
    for (size_t i = 0; i < n; ++i) {
        const QPointF& cur = ring[i];
        const QPointF& prev = ring[(i + n - 1) % n];
        const bool curIn = keepBelow ? cur.x() <= c : cur.x() >= c;
        const bool prevIn = keepBelow ? prev.x() <= c : prev.x() >= c;
        auto cross = [&] {
            return QPointF(c, prev.y() + (c - prev.x()) * (cur.y() - prev.y()) / (cur.x() - prev.x()));
        };
        if (curIn) {
            if (!prevIn)
                out.push_back(cross());
            out.push_back(cur);
        } else if (prevIn) {
            out.push_back(cross());
        }
    }
    return out;
}

/// world-atlas keeps spherical rings whole: Russia's and Fiji's outlines jump from 180° to -180°. On a flat
/// map that edge would run across the world, so such rings are unwrapped (longitudes made continuous) and
/// cut into a part on each side of the antimeridian.
std::vector<std::vector<QPointF>> splitAtAntimeridian(const std::vector<QPointF>& ring)
{
    bool jumps = false;
    for (size_t i = 1; i < ring.size() && !jumps; ++i)
        jumps = std::abs(ring[i].x() - ring[i - 1].x()) > 180.0;
    if (!jumps)
        return { ring };
    std::vector<QPointF> unwrapped { ring.front() };
    double shift = 0;
    for (size_t i = 1; i < ring.size(); ++i) {
        const double d = ring[i].x() - ring[i - 1].x();
        if (d > 180.0)
            shift -= 360.0;
        else if (d < -180.0)
            shift += 360.0;
        unwrapped.emplace_back(ring[i].x() + shift, ring[i].y());
    }
    if (std::abs(unwrapped.back().x() - unwrapped.front().x()) > 1e-6)
        return { ring }; // circles a pole (Antarctica): leave it as drawn
    double minX = 1e9, maxX = -1e9;
    for (const QPointF& p : unwrapped) {
        minX = std::min(minX, p.x());
        maxX = std::max(maxX, p.x());
    }
    const double cut = maxX > 180.0 ? 180.0 : -180.0;
    std::vector<std::vector<QPointF>> parts;
    std::vector<QPointF> inside = clipRing(unwrapped, cut, cut > 0);
    std::vector<QPointF> outside = clipRing(unwrapped, cut, cut < 0);
    for (QPointF& p : outside)
        p.setX(p.x() + (cut > 0 ? -360.0 : 360.0));
    for (auto* part : { &inside, &outside }) {
        if (part->size() >= 3)
            parts.push_back(std::move(*part));
    }
    return parts;
}

} // namespace

bool ringsContain(const std::vector<std::vector<QPointF>>& rings, const QPointF& p)
{
    bool inside = false;
    for (const auto& ring : rings) {
        const size_t n = ring.size();
        for (size_t i = 0, j = n - 1; i < n; j = i++) {
            const QPointF& a = ring[i];
            const QPointF& b = ring[j];
            if (((a.y() > p.y()) != (b.y() > p.y()))
                && (p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()))
                inside = !inside;
        }
    }
    return inside;
}

namespace TopoJson {

Result decode(const QByteArray& json, const QString& objectName)
{
    Result r;
    if (json.size() > kMaxInput) {
        r.error = QStringLiteral("the map file is larger than 64 MiB");
        return r;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        r.error = QStringLiteral("not JSON: %1 at byte offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return r;
    }
    const QJsonObject topology = doc.object();
    if (topology.value(QStringLiteral("type")).toString() != QLatin1String("Topology")) {
        r.error = QStringLiteral("not a TopoJSON topology (\"type\" is not \"Topology\")");
        return r;
    }
    // Quantised files carry a transform; the arcs are then delta-encoded integers.
    double sx = 1, sy = 1, tx = 0, ty = 0;
    const QJsonObject transform = topology.value(QStringLiteral("transform")).toObject();
    const bool quantised = !transform.isEmpty();
    if (quantised) {
        const QJsonArray scale = transform.value(QStringLiteral("scale")).toArray();
        const QJsonArray translate = transform.value(QStringLiteral("translate")).toArray();
        if (scale.size() != 2 || translate.size() != 2) {
            r.error = QStringLiteral("transform: expected scale and translate pairs");
            return r;
        }
        sx = scale[0].toDouble();
        sy = scale[1].toDouble();
        tx = translate[0].toDouble();
        ty = translate[1].toDouble();
    }
    const QJsonArray arcsJson = topology.value(QStringLiteral("arcs")).toArray();
    std::vector<std::vector<QPointF>> arcs;
    arcs.reserve(static_cast<size_t>(arcsJson.size()));
    qint64 points = 0;
    for (qsizetype i = 0; i < arcsJson.size(); ++i) {
        const QJsonArray arc = arcsJson[i].toArray();
        std::vector<QPointF> pts;
        pts.reserve(static_cast<size_t>(arc.size()));
        double x = 0, y = 0;
        for (const QJsonValue& pv : arc) {
            const QJsonArray p = pv.toArray();
            if (p.size() < 2) {
                r.error = QStringLiteral("arc %1: a position needs two numbers").arg(i);
                return r;
            }
            if (quantised) {
                x += p[0].toDouble();
                y += p[1].toDouble();
                pts.emplace_back(x * sx + tx, y * sy + ty);
            } else {
                pts.emplace_back(p[0].toDouble(), p[1].toDouble());
            }
        }
        points += static_cast<qint64>(pts.size());
        if (points > kMaxPoints) {
            r.error = QStringLiteral("more than %1 points in the arcs").arg(kMaxPoints);
            return r;
        }
        arcs.push_back(std::move(pts));
    }
    const QJsonObject object = topology.value(QStringLiteral("objects")).toObject().value(objectName).toObject();
    if (object.isEmpty()) {
        r.error = QStringLiteral("the topology has no object \"%1\"").arg(objectName);
        return r;
    }
    const QJsonArray geometries = object.value(QStringLiteral("geometries")).toArray();
    const qint64 arcCount = static_cast<qint64>(arcs.size());
    // Geometries may reuse arcs; the rings they make are bounded too (a hostile file could repeat one arc).
    qint64 outputPoints = 0;
    for (qsizetype g = 0; g < geometries.size(); ++g) {
        const QJsonObject geometry = geometries[g].toObject();
        const QString type = geometry.value(QStringLiteral("type")).toString();
        QJsonArray polygons;
        if (type == QLatin1String("Polygon"))
            polygons.append(geometry.value(QStringLiteral("arcs")));
        else if (type == QLatin1String("MultiPolygon"))
            polygons = geometry.value(QStringLiteral("arcs")).toArray();
        else
            continue; // null geometries (tiny territories at this scale) and points have no area to draw
        CountryShape shape;
        const QJsonValue id = geometry.value(QStringLiteral("id"));
        shape.id = id.isDouble() ? QStringLiteral("%1").arg(id.toInt(), 3, 10, QLatin1Char('0')) : id.toString();
        shape.name = geometry.value(QStringLiteral("properties")).toObject().value(QStringLiteral("name")).toString();
        double largest = -1;
        double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
        for (const QJsonValue& polygon : std::as_const(polygons)) {
            const QJsonArray ringsJson = polygon.toArray();
            for (qsizetype ri = 0; ri < ringsJson.size(); ++ri) {
                std::vector<QPointF> ring;
                for (const QJsonValue& av : ringsJson[ri].toArray()) {
                    const qint64 index = av.toInteger(arcCount);
                    // A negative index ~i means arc i walked backwards.
                    const qint64 arcIndex = index < 0 ? ~index : index;
                    if (!av.isDouble() || arcIndex >= arcCount) {
                        r.error = QStringLiteral("geometry %1: arc index %2 out of range").arg(g).arg(index);
                        r.shapes.clear();
                        return r;
                    }
                    const auto& arc = arcs[static_cast<size_t>(arcIndex)];
                    if (outputPoints + static_cast<qint64>(ring.size() + arc.size()) > kMaxPoints) {
                        r.error =
                            QStringLiteral("geometry %1: more than %2 points in the shapes").arg(g).arg(kMaxPoints);
                        r.shapes.clear();
                        return r;
                    }
                    // Consecutive arcs share their end point: skip the repeat.
                    const size_t skip = ring.empty() ? 0 : 1;
                    if (index >= 0) {
                        ring.insert(ring.end(), arc.begin() + static_cast<std::ptrdiff_t>(std::min(skip, arc.size())),
                            arc.end());
                    } else {
                        for (size_t k = arc.size() > skip ? arc.size() - skip : 0; k-- > 0;)
                            ring.push_back(arc[k]);
                    }
                }
                outputPoints += static_cast<qint64>(ring.size());
                if (ring.size() < 3)
                    continue;
                for (std::vector<QPointF>& part : splitAtAntimeridian(ring)) {
                    for (const QPointF& p : part) {
                        minX = std::min(minX, p.x());
                        maxX = std::max(maxX, p.x());
                        minY = std::min(minY, p.y());
                        maxY = std::max(maxY, p.y());
                    }
                    const double area = std::abs(ringArea(part));
                    if (ri == 0 && area > largest) {
                        largest = area;
                        shape.anchor = interiorPoint(part);
                    }
                    shape.rings.push_back(std::move(part));
                }
            }
        }
        if (!shape.rings.empty()) {
            shape.bounds = QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
            r.shapes.push_back(std::move(shape));
        }
    }
    return r;
}

Result decodeFile(const QString& path, const QString& objectName)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Result r;
        r.error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return r;
    }
    Result r = decode(file.read(kMaxInput + 1), objectName);
    if (!r.error.isEmpty())
        r.error = QStringLiteral("%1: %2").arg(path, r.error);
    return r;
}

} // namespace TopoJson
