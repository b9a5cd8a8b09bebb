// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to app/detect: what every category detector works with.

#include "categorydetector.h"
#include "keys.h"

#include <QRegularExpression>

namespace Detect {

class DetectorContext
{
public:
    DetectorContext(const Decode::Decoded& decoded, const MessageInfo& info, const DetectorOptions& options);

    const Decode::Decoded& d;
    const MessageInfo& info;
    const DetectorOptions& options;
    std::vector<Decode::Token> tokens;
    std::vector<quint64> tokenClass; ///< key classes of each token's key
    std::vector<quint64> nodeClass; ///< key classes of each node's own key
    std::vector<Hit> hits;

    const Decode::Node& node(int id) const
    {
        return d.nodes[static_cast<size_t>(id)];
    }
    /// Key classes of a node's own key (not inherited from its array).
    quint64 ownClass(int id) const
    {
        return nodeClass[static_cast<size_t>(id)];
    }
    /// Key classes of the key that names a node (for array elements, the array's key).
    quint64 keyClass(int id) const
    {
        return Keys::classOf(d.keyOf(id));
    }
    /// A hit for a node, with its location, key and chain filled in.
    Hit hitFor(int nodeId, const char* category, int confidence, const char* detector, const QString& reason) const;
    /// Adds a hit for a token.
    void add(const Decode::Token& t, const char* category, int confidence, const char* detector, const QString& reason,
        const QByteArray& normalized = {});
    void add(Hit&& h)
    {
        hits.push_back(std::move(h));
    }
    /// Numeric value of a Number node, or of a String node that holds only a number.
    bool numberOf(int id, double* value, int* decimals) const;
    /// The URL path (lowercase), for endpoint hints.
    QString urlPath() const;
};

/// Shapes shared by several detectors.
namespace Shapes {
bool isUuid(QByteArrayView v); ///< 8-4-4-4-12 hex
bool isHex(QByteArrayView v, qsizetype length = -1);
bool isDigits(QByteArrayView v);
bool luhn(QByteArrayView digits);
/// "aa:bb:cc:dd:ee:ff", "aa-bb-…", "aabb.ccdd.eeff", and with `allowPlain` "aabbccddeeff".
bool isMac(QByteArrayView v, bool allowPlain);
/// 02:00:00:00:00:00 (Android's placeholder), all zeros, broadcast.
bool isPlaceholderMac(QByteArrayView v);
/// A millisecond or second Unix timestamp between 2001 and 2100.
bool looksLikeTimestamp(QByteArrayView digits);
/// A hex digest of 32, 40, 56, 64, 96 or 128 characters, or base64 of a 16/20/32/64-byte digest.
bool isHashLike(QByteArrayView v);
/// "com.example.app": a reverse-DNS package name whose first label is a common top-level domain.
bool isPackageName(QByteArrayView v);
QString hashName(QByteArrayView v); ///< "SHA-256", "MD5" … from the length of a hex digest
} // namespace Shapes

// The detector groups (one file each).
void detectIdentity(DetectorContext& c);
void detectLocation(DetectorContext& c, const std::vector<Coordinate>& coordinates);
void detectDevice(DetectorContext& c);
void detectPeopleAndContent(DetectorContext& c);
void detectMedia(DetectorContext& c);
std::vector<Coordinate> findCoordinates(const Decode::Decoded& d);
/// Valid email addresses in a value (shape, real TLD, traps removed).
std::vector<QByteArray> emailAddressesIn(const QByteArray& value);
/// The E.164 form of a phone number written in a value, when libphonenumber says it is valid; else empty.
QByteArray validPhoneIn(const QByteArray& value, const QString& region);
/// Every valid phone number written in a longer text, in E.164.
std::vector<QByteArray> validPhonesIn(const QByteArray& value, const QString& region);

} // namespace Detect
