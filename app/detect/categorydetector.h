// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/decoded.h"
#include "hit.h"

#include <QString>

#include <vector>

/// The category detectors of research §7: key names, value shapes and validation over one decoded message,
/// each hit with a confidence as TAXONOMY.md defines it (medium: the right shape under a key that says what it
/// is; low: the right shape alone; high: a structure that cannot be anything else, such as media magic with a
/// plausible size). Known identifiers are matched separately (identifiermatcher.h).
namespace Detect {

struct DetectorOptions
{
    QString phoneRegion = QStringLiteral("US"); ///< region for phone numbers written without a country code
};

/// A coordinate pair found in a message, keyed or not: the location detector reports the ones it is sure of,
/// and the known-identifier matcher compares every one with the investigator's known positions.
struct Coordinate
{
    double latitude = 0;
    double longitude = 0;
    int decimals = -1; ///< digits after the decimal point of the less precise of the two; -1 unknown
    bool keyed = false; ///< found under location key names
    int node = -1; ///< the node that best holds the pair (the latitude, the array, the string …)
    int layer = -1; ///< the layer it was found in (for pairs without a node: a photo's EXIF)
    QByteArray key;
    QByteArray chain;
    QByteArray location;
    QString how; ///< "lat/lng keys", "E7 integers", "GeoJSON [lon, lat]", "protobuf doubles", "EXIF GPS" …
};

class CategoryDetector
{
public:
    explicit CategoryDetector(DetectorOptions options = {});

    /// Every category hit in a request (or, with info.request false, nothing: responses are not leaks).
    /// `coordinates`, when given, receives the message's coordinate pairs (as coordinates() would).
    std::vector<Hit> scan(
        const Decode::Decoded& decoded, const MessageInfo& info, std::vector<Coordinate>* coordinates = nullptr) const;

    /// The coordinate pairs of a message (also those too uncertain to report alone).
    std::vector<Coordinate> coordinates(const Decode::Decoded& decoded) const;

private:
    DetectorOptions m_options;
};

/// Keeps one hit per (category, location, normalised value) in a message, the most confident (and one naming
/// a known identifier over one that does not).
void dedupeHits(std::vector<Hit>& hits);

} // namespace Detect
