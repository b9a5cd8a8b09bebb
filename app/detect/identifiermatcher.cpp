// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "identifiermatcher.h"

#include "identifierjson.h"
#include "variants.h"

#include <QSet>

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>

namespace Detect {

IdentifierMatcher::IdentifierMatcher(const std::vector<Data::KnownIdentifier>& identifiers, const QString& phoneRegion)
    : m_identifiers(identifiers)
{
    for (size_t i = 0; i < m_identifiers.size(); ++i) {
        const Data::KnownIdentifier& k = m_identifiers[i];
        double lat, lon;
        if ((k.category == u"location.precise" || k.category == u"location.coarse")
            && IdentifierJson::parseLocation(k.value, &lat, &lon)) {
            m_positions.push_back({ static_cast<int>(i), lat, lon });
            continue;
        }
        for (Variants::Variant& v : Variants::generate(k, phoneRegion)) {
            if (m_patterns.add(v.pattern, v.caseSensitive) >= 0)
                m_info.push_back({ static_cast<int>(i), std::move(v.description), v.rank });
        }
    }
    m_patterns.build();
}

double IdentifierMatcher::distanceMetres(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double r = 6371008.8;
    constexpr double rad = M_PI / 180.0;
    const double dLat = (lat2 - lat1) * rad;
    const double dLon = (lon2 - lon1) * rad;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * r * std::asin(std::min(1.0, std::sqrt(a)));
}

void IdentifierMatcher::scanBytes(
    QByteArrayView bytes, const std::function<void(int, const QString&, qsizetype, qsizetype)>& onMatch) const
{
    m_patterns.scan(bytes, [&](int pattern, qsizetype offset) {
        const PatternInfo& info = m_info[static_cast<size_t>(pattern)];
        onMatch(info.identifier, info.description, offset, m_patterns.pattern(pattern).size());
    });
}

namespace {

struct Match
{
    int identifier = -1;
    int pattern = -1;
    int layer = -1;
    int node = -1; ///< the leaf holding the match, or -1 (a match in the raw bytes of a layer)
    qsizetype offset = -1; ///< in the layer, -1 when found in a node's decoded value
    qsizetype length = 0;
    int rank = 0;
};

/// Leaves of one layer sorted by where their values start, to find the value a raw match lies in.
std::vector<std::pair<qint32, int>> leavesOf(const Decode::Decoded& d, int layer)
{
    std::vector<std::pair<qint32, int>> out;
    for (size_t i = 0; i < d.nodes.size(); ++i) {
        const Decode::Node& n = d.nodes[i];
        if (n.layer == layer && n.isLeaf() && n.spanStart >= 0)
            out.emplace_back(n.spanStart, static_cast<int>(i));
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// Every node and layer a layer was decoded from (its ancestry), for "this match explains that one".
void ancestry(const Decode::Decoded& d, int layer, QSet<int>* nodes, QSet<int>* layers)
{
    for (int l = layer; l >= 0;) {
        layers->insert(l);
        const Decode::Layer& L = d.layers[static_cast<size_t>(l)];
        if (L.parentNode >= 0) {
            for (int n = L.parentNode; n >= 0; n = d.nodes[static_cast<size_t>(n)].parent)
                nodes->insert(n);
            l = d.nodes[static_cast<size_t>(L.parentNode)].layer;
        } else {
            l = L.parentLayer;
        }
    }
}

} // namespace

std::vector<Hit> IdentifierMatcher::match(const Decode::Decoded& d, const std::vector<Coordinate>& coordinates) const
{
    std::vector<Hit> hits;
    std::vector<Match> matches;
    // A value repeated thousands of times in one message is still one value: keep a bounded number of
    // matches per identifier so the explanation step below stays cheap.
    constexpr int kMaxPerIdentifier = 64;
    std::vector<int> perIdentifier(m_identifiers.size(), 0);
    auto keep = [&](int identifier) { return ++perIdentifier[static_cast<size_t>(identifier)] <= kMaxPerIdentifier; };
    if (!m_patterns.isEmpty()) {
        // 1. Every layer's bytes: the raw body, each decompressed or decoded level, each carrier.
        for (size_t l = 0; l < d.layers.size(); ++l) {
            m_patterns.scan(d.layers[l].data, [&](int pattern, qsizetype offset) {
                const PatternInfo& info = m_info[static_cast<size_t>(pattern)];
                if (keep(info.identifier))
                    matches.push_back({ info.identifier, pattern, static_cast<int>(l), -1, offset,
                        m_patterns.pattern(pattern).size(), info.rank });
            });
        }
        // 2. Values that differ from their bytes in the layer (JSON escapes, form decoding, UTF-16 plists).
        for (size_t i = 0; i < d.nodes.size(); ++i) {
            const Decode::Node& n = d.nodes[i];
            if (n.type != Decode::NodeType::String || n.value.size() < PatternSet::MinLength)
                continue;
            const QByteArray& data = d.layers[static_cast<size_t>(n.layer)].data;
            if (n.spanStart >= 0 && n.spanStart + n.spanLength <= data.size()
                && QByteArrayView(data).sliced(n.spanStart, n.spanLength).indexOf(n.value) >= 0)
                continue;
            m_patterns.scan(n.value, [&](int pattern, qsizetype) {
                const PatternInfo& info = m_info[static_cast<size_t>(pattern)];
                if (keep(info.identifier))
                    matches.push_back({ info.identifier, pattern, n.layer, static_cast<int>(i), -1,
                        m_patterns.pattern(pattern).size(), info.rank });
            });
        }
    }
    // 3. The value each raw match lies in.
    std::map<int, std::vector<std::pair<qint32, int>>> leaves;
    for (Match& m : matches) {
        if (m.node >= 0)
            continue;
        auto it = leaves.find(m.layer);
        if (it == leaves.end())
            it = leaves.emplace(m.layer, leavesOf(d, m.layer)).first;
        const auto& list = it->second;
        auto pos = std::upper_bound(list.begin(), list.end(), std::make_pair(static_cast<qint32>(m.offset), INT_MAX));
        if (pos != list.begin()) {
            --pos;
            const Decode::Node& n = d.nodes[static_cast<size_t>(pos->second)];
            if (n.spanStart + n.spanLength >= m.offset + m.length)
                m.node = pos->second;
        }
    }
    // 4. Keep the most decoded explanation: a match inside a value that was itself decoded further (base64 of
    //    an email whose decoding shows the email) is explained by the deeper match.
    std::vector<QSet<int>> ancestorNodes(matches.size()), ancestorLayers(matches.size());
    for (size_t i = 0; i < matches.size(); ++i)
        ancestry(d, matches[i].layer, &ancestorNodes[i], &ancestorLayers[i]);
    std::vector<bool> drop(matches.size(), false);
    for (size_t i = 0; i < matches.size(); ++i) {
        for (size_t j = 0; j < matches.size() && !drop[i]; ++j) {
            if (i == j || drop[j] || matches[i].identifier != matches[j].identifier)
                continue;
            const Match& a = matches[i];
            const Match& b = matches[j];
            // A raw match in a layer is explained by a match in one of its values (or in a layer decoded from it).
            const bool explainedByDeeper = (a.node >= 0 && ancestorNodes[j].contains(a.node))
                || (a.node < 0 && ancestorLayers[j].contains(a.layer) && (a.layer != b.layer || b.node >= 0));
            const bool sameValueWorseVariant = a.node == b.node && a.layer == b.layer
                && (a.rank > b.rank || (a.rank == b.rank && (a.length < b.length || (a.length == b.length && i > j))));
            if (explainedByDeeper || sameValueWorseVariant)
                drop[i] = true;
        }
    }
    for (size_t i = 0; i < matches.size(); ++i) {
        if (drop[i])
            continue;
        const Match& m = matches[i];
        const Data::KnownIdentifier& k = m_identifiers[static_cast<size_t>(m.identifier)];
        const Decode::Layer& layer = d.layers[static_cast<size_t>(m.layer)];
        Hit h;
        h.category = k.category;
        h.confidence = Confidence::High;
        h.detector = QStringLiteral("known-identifier");
        h.knownLabel = k.label;
        h.knownId = k.id;
        h.variant = m_info[static_cast<size_t>(m.pattern)].description;
        h.location = layer.location;
        h.layer = m.layer;
        h.node = m.node;
        if (m.node >= 0) {
            h.key = d.keyOf(m.node);
            h.chain = d.chain(m.node);
        } else {
            h.key = layer.parentNode >= 0 ? d.keyOf(layer.parentNode) : layer.partName;
            h.chain = layer.chain.isEmpty() ? layer.format : layer.chain + '>' + layer.format;
            h.offset = static_cast<qint32>(m.offset);
            h.length = static_cast<qint32>(m.length);
        }
        h.value = m_patterns.pattern(m.pattern);
        h.normalized = "known:" + QByteArray::number(m.identifier) + ':' + k.value.toUtf8();
        h.reason = QStringLiteral("matches the known identifier \"%1\" (%2)").arg(k.label, h.variant);
        hits.push_back(std::move(h));
    }
    // 5. Known positions, by distance.
    for (const Position& p : m_positions) {
        const Coordinate* best = nullptr;
        double bestDistance = MatchRadiusMetres;
        for (const Coordinate& c : coordinates) {
            const double dist = distanceMetres(p.latitude, p.longitude, c.latitude, c.longitude);
            if (dist <= bestDistance && (!best || dist < bestDistance)) {
                best = &c;
                bestDistance = dist;
            }
        }
        if (!best)
            continue;
        const Data::KnownIdentifier& k = m_identifiers[static_cast<size_t>(p.identifier)];
        Hit h;
        h.category = k.category;
        h.confidence = Confidence::High;
        h.detector = QStringLiteral("known-location");
        h.knownLabel = k.label;
        h.knownId = k.id;
        h.variant =
            QStringLiteral("coordinates %1 m from the known position (%2)").arg(qRound(bestDistance)).arg(best->how);
        h.node = best->node;
        h.layer = best->node >= 0 ? d.nodes[static_cast<size_t>(best->node)].layer : best->layer;
        h.location = best->location;
        h.key = best->key;
        h.chain = best->chain;
        const int decimals = best->decimals < 0 ? 5 : std::clamp(best->decimals, 1, 8);
        h.value = QByteArray::number(best->latitude, 'f', decimals) + ", "
            + QByteArray::number(best->longitude, 'f', decimals);
        h.normalized = "known:" + QByteArray::number(p.identifier) + ':' + k.value.toUtf8();
        h.reason = QStringLiteral("within %1 m of the known position \"%2\"").arg(qRound(bestDistance)).arg(k.label);
        hits.push_back(std::move(h));
    }
    return hits;
}

void preferKnownHits(std::vector<Hit>& hits, const Decode::Decoded& d)
{
    QSet<QPair<QString, int>> known;
    QSet<QPair<QString, int>> knownLayers; // known hits without a node (a photo's EXIF, raw bytes)
    for (const Hit& h : hits) {
        if (h.knownLabel.isEmpty() || (h.node < 0 && h.layer < 0))
            continue;
        if (h.node < 0)
            knownLayers.insert({ h.category, h.layer });
        if (h.node >= 0)
            known.insert({ h.category, h.node });
        // The strings it was decoded from (a base64 value holding it), not the objects around it.
        for (int l = h.node >= 0 ? d.nodes[static_cast<size_t>(h.node)].layer : h.layer; l >= 0;) {
            const Decode::Layer& layer = d.layers[static_cast<size_t>(l)];
            if (layer.parentNode >= 0) {
                known.insert({ h.category, layer.parentNode });
                l = d.nodes[static_cast<size_t>(layer.parentNode)].layer;
            } else {
                l = layer.parentLayer;
            }
        }
    }
    hits.erase(std::remove_if(hits.begin(), hits.end(),
                   [&](const Hit& h) {
                       if (!h.knownLabel.isEmpty())
                           return false;
                       return h.node >= 0 ? known.contains({ h.category, h.node })
                                          : knownLayers.contains({ h.category, h.layer });
                   }),
        hits.end());
}

} // namespace Detect
