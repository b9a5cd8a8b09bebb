// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "categorydetector.h"
#include "patternset.h"
#include "store/knownidentifiers.h"

#include <vector>

namespace Detect {

/// The investigator's known identifiers (research §6.2) found in decoded messages: every variant of every
/// identifier in one pass over each layer of a message (raw and decoded), and known positions by distance.
/// A match is a `high` hit of the identifier's category naming the identifier and the variant.
class IdentifierMatcher
{
public:
    /// How close a coordinate must be to a known position to count as it.
    static constexpr double MatchRadiusMetres = 1000.0;

    IdentifierMatcher() = default;
    IdentifierMatcher(const std::vector<Data::KnownIdentifier>& identifiers, const QString& phoneRegion);

    bool isEmpty() const
    {
        return m_identifiers.empty();
    }
    int patternCount() const
    {
        return m_patterns.size();
    }
    const std::vector<Data::KnownIdentifier>& identifiers() const
    {
        return m_identifiers;
    }

    /// The known identifiers in one message. `coordinates` are the message's coordinate pairs (pass none for
    /// responses: a position in a response is not the user's).
    std::vector<Hit> match(const Decode::Decoded& decoded, const std::vector<Coordinate>& coordinates) const;

    /// Calls onMatch(identifierIndex, variantDescription, offset, length) for every match in a plain buffer
    /// (benchmarks, tests).
    void scanBytes(
        QByteArrayView bytes, const std::function<void(int, const QString&, qsizetype, qsizetype)>& onMatch) const;

    /// Great-circle distance in metres (haversine, mean Earth radius).
    static double distanceMetres(double lat1, double lon1, double lat2, double lon2);

private:
    struct PatternInfo
    {
        int identifier = -1;
        QString description;
        int rank = 0;
    };
    struct Position
    {
        int identifier;
        double latitude;
        double longitude;
    };

    std::vector<Data::KnownIdentifier> m_identifiers;
    PatternSet m_patterns;
    std::vector<PatternInfo> m_info;
    std::vector<Position> m_positions;
};

/// Removes category hits that a known-identifier hit already explains (same category, on the same node or on a
/// value the known one was decoded from), so one value gives one finding, the known one.
void preferKnownHits(std::vector<Hit>& hits, const Decode::Decoded& decoded);

} // namespace Detect
