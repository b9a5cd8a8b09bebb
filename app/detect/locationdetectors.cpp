// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// location.precise, location.coarse, location.wifi_cell and network.ip_address (research §7).
#include "decode/textcodecs.h"
#include "detectorcontext.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cmath>
#include <cstring>

namespace Detect {

using Decode::NodeType;
using Decode::NumberKind;

namespace {

bool inRange(double lat, double lon)
{
    return std::isfinite(lat) && std::isfinite(lon) && std::abs(lat) <= 90 && std::abs(lon) <= 180
        && !(lat == 0 && lon == 0);
}

/// Decodes a geohash (base32 "0123456789bcdefghjkmnpqrstuvwxyz") to the centre of its cell.
bool decodeGeohash(const QByteArray& hash, double* lat, double* lon)
{
    static const char* const alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
    if (hash.size() < 4 || hash.size() > 12)
        return false;
    double latLo = -90, latHi = 90, lonLo = -180, lonHi = 180;
    bool even = true;
    for (char c : hash) {
        const char* p = strchr(alphabet, c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (!p || c == 0)
            return false;
        const int v = static_cast<int>(p - alphabet);
        for (int bit = 4; bit >= 0; --bit) {
            const bool on = (v >> bit) & 1;
            double& lo = even ? lonLo : latLo;
            double& hi = even ? lonHi : latHi;
            const double mid = (lo + hi) / 2;
            (on ? lo : hi) = mid;
            even = !even;
        }
    }
    *lat = (latLo + latHi) / 2;
    *lon = (lonLo + lonHi) / 2;
    return true;
}

const QRegularExpression& pairPattern()
{
    static const QRegularExpression re(
        QStringLiteral("(?<![\\d.])(-?(?:[1-8]?\\d(?:\\.\\d+)?|90(?:\\.0+)?))\\s*[,;/ "
                       "]\\s*(-?(?:1[0-7]\\d|\\d{1,2})(?:\\.\\d+)?|-?180(?:\\.0+)?)(?![\\d.])"));
    return re;
}

int decimalsOf(const QString& number)
{
    const qsizetype dot = number.indexOf(u'.');
    return dot < 0 ? 0 : static_cast<int>(number.size() - dot - 1);
}

class Finder
{
public:
    explicit Finder(const Decode::Decoded& d)
        : m_d(d)
    {
        m_class.reserve(d.nodes.size());
        for (const Decode::Node& n : d.nodes)
            m_class.push_back(n.key.isEmpty() ? 0 : Keys::classOf(n.key));
    }

    std::vector<Coordinate> run()
    {
        for (size_t i = 0; i < m_d.nodes.size(); ++i) {
            const Decode::Node& n = m_d.nodes[i];
            if (n.type == NodeType::Object)
                object(static_cast<int>(i));
            else if (n.type == NodeType::Array)
                array(static_cast<int>(i));
            else if (n.type == NodeType::String)
                string(static_cast<int>(i));
        }
        return std::move(m_out);
    }

private:
    const Decode::Node& node(int id) const
    {
        return m_d.nodes[static_cast<size_t>(id)];
    }

    bool number(int id, double* v, int* decimals) const
    {
        const Decode::Node& n = node(id);
        if (n.type == NodeType::Number) {
            *v = n.number;
            *decimals = n.decimals;
            return true;
        }
        if (n.type != NodeType::String)
            return false;
        bool ok = false;
        const QByteArray t = n.value.trimmed();
        *v = t.toDouble(&ok);
        const qsizetype dot = t.indexOf('.');
        *decimals = dot < 0 ? 0 : static_cast<int>(t.size() - dot - 1);
        return ok && !t.isEmpty() && t.size() < 32;
    }

    bool emit(int at, double lat, double lon, int decimals, bool keyed, const QString& how, bool reportable = true)
    {
        if (!inRange(lat, lon))
            return false;
        Coordinate c;
        c.latitude = lat;
        c.longitude = lon;
        c.decimals = decimals;
        c.keyed = keyed && reportable;
        c.node = at;
        c.layer = node(at).layer;
        c.key = m_d.keyOf(at);
        c.chain = m_d.chain(at);
        c.location = m_d.layers[static_cast<size_t>(node(at).layer)].location;
        c.how = how;
        if (!reportable)
            c.how += QStringLiteral(" (unlabelled)");
        m_out.push_back(std::move(c));
        return true;
    }

    void object(int id)
    {
        int lat = -1, lon = -1, latE7 = -1, lonE7 = -1;
        std::vector<int> doubles;
        for (int c = node(id).firstChild; c >= 0; c = node(c).nextSibling) {
            const quint64 cls = m_class[static_cast<size_t>(c)];
            if ((cls & Keys::Lat) && lat < 0)
                lat = c;
            if ((cls & Keys::Lon) && lon < 0)
                lon = c;
            if ((cls & Keys::LatE7) && latE7 < 0)
                latE7 = c;
            if ((cls & Keys::LonE7) && lonE7 < 0)
                lonE7 = c;
            if (node(c).type == NodeType::Number
                && (node(c).numberKind == NumberKind::Fixed64 || node(c).numberKind == NumberKind::Fixed32))
                doubles.push_back(c);
        }
        double a, b;
        int da, db;
        if (lat >= 0 && lon >= 0 && number(lat, &a, &da) && number(lon, &b, &db)) {
            if (emit(lat, a, b, std::min(da, db), true, QStringLiteral("latitude/longitude keys")))
                m_out.back().key = node(lat).key + ',' + node(lon).key;
        }
        if (latE7 >= 0 && lonE7 >= 0 && number(latE7, &a, &da) && number(lonE7, &b, &db)) {
            if (emit(latE7, a / 1e7, b / 1e7, 7, true, QStringLiteral("E7 integers")))
                m_out.back().key = node(latE7).key + ',' + node(lonE7).key;
        }
        // Unlabelled doubles in a protobuf message: a lat/lon pair arrives as two neighbouring fields.
        for (size_t k = 0; k + 1 < doubles.size(); ++k) {
            const Decode::Node& x = node(doubles[k]);
            const Decode::Node& y = node(doubles[k + 1]);
            if (x.nextSibling != doubles[k + 1])
                continue;
            const int decimals = std::min<int>(x.decimals, y.decimals);
            const bool plausible = decimals >= 4 && (std::abs(x.number) >= 1 || std::abs(y.number) >= 1);
            if (plausible)
                emit(doubles[k], x.number, y.number, decimals, false,
                    x.numberKind == NumberKind::Fixed64 ? QStringLiteral("protobuf doubles")
                                                        : QStringLiteral("protobuf floats"));
        }
        // Unlabelled E7 integers (varints) next to each other: only compared with known positions.
        for (int c = node(id).firstChild; c >= 0 && node(c).nextSibling >= 0; c = node(c).nextSibling) {
            const Decode::Node& x = node(c);
            const Decode::Node& y = node(x.nextSibling);
            if (x.numberKind != NumberKind::Varint || y.numberKind != NumberKind::Varint)
                continue;
            for (const bool zig : { false, true }) {
                const double la = static_cast<double>(zig ? x.zigzag : static_cast<qint32>(x.integer)) / 1e7;
                const double lo = static_cast<double>(zig ? y.zigzag : static_cast<qint32>(y.integer)) / 1e7;
                if (std::abs(la) >= 0.1 && std::abs(lo) >= 0.1)
                    emit(id, la, lo, 7, false, QStringLiteral("protobuf E7 integers"), false);
            }
        }
    }

    void array(int id)
    {
        const Decode::Node& a = node(id);
        if (a.childCount != 2)
            return;
        const int first = a.firstChild;
        const int second = node(first).nextSibling;
        double x, y;
        int dx, dy;
        if (!number(first, &x, &dx) || !number(second, &y, &dy))
            return;
        const QByteArray k = Keys::normalize(a.key);
        const quint64 cls = Keys::classify(k);
        bool geoJson = false;
        if (a.parent >= 0) {
            const int type = m_d.child(a.parent, "type");
            geoJson = type >= 0 && node(type).value == "Point";
        }
        const bool lonFirst = k == "lnglat" || k == "lonlat" || (k == "coordinates" && geoJson);
        const bool keyed = (cls & Keys::LatLon) || lonFirst;
        if (lonFirst)
            emit(id, y, x, std::min(dx, dy), true, QStringLiteral("GeoJSON [lon, lat]"));
        else if (keyed)
            emit(id, x, y, std::min(dx, dy), true, QStringLiteral("[lat, lon] under a location key"));
        else if (std::min(dx, dy) >= 3)
            emit(id, x, y, std::min(dx, dy), false, QStringLiteral("a pair of numbers"), false);
    }

    void string(int id)
    {
        const Decode::Node& n = node(id);
        // An array element takes its array's key (["37.44,-122.14"] under "coords").
        const quint64 cls = !n.key.isEmpty() ? m_class[static_cast<size_t>(id)]
            : (n.parent >= 0 && m_d.nodes[static_cast<size_t>(n.parent)].type == NodeType::Array)
            ? m_class[static_cast<size_t>(n.parent)]
            : Keys::classOf(m_d.keyOf(id));
        if (cls & Keys::Geohash) {
            double lat, lon;
            const QByteArray h = n.value.trimmed();
            if (decodeGeohash(h, &lat, &lon)) {
                // Cell size: 7 characters ≈ 150 m, 6 ≈ 1.2 km, 5 ≈ 4.9 km; expressed as equivalent decimals.
                const int decimals = h.size() >= 8 ? 4 : h.size() == 7 ? 3 : h.size() == 6 ? 2 : 1;
                emit(id, lat, lon, decimals, true, QStringLiteral("a geohash of %1 characters").arg(h.size()));
            }
            return;
        }
        if (!(cls & Keys::LatLon) || n.value.size() > 64)
            return;
        const QRegularExpressionMatch m = pairPattern().match(QString::fromUtf8(n.value));
        if (!m.hasMatch())
            return;
        const QString a = m.captured(1), b = m.captured(2);
        emit(id, a.toDouble(), b.toDouble(), std::min(decimalsOf(a), decimalsOf(b)), true,
            QStringLiteral("\"lat,lon\" text"));
    }

    const Decode::Decoded& m_d;
    std::vector<quint64> m_class; ///< key classes per node
    std::vector<Coordinate> m_out;
};

QByteArray normalizedPair(double lat, double lon)
{
    return QByteArray::number(lat, 'f', 5) + ',' + QByteArray::number(lon, 'f', 5);
}

void coarse(DetectorContext& c)
{
    for (size_t i = 0; i < c.d.nodes.size(); ++i) {
        const Decode::Node& o = c.d.nodes[i];
        if (o.type != NodeType::Object)
            continue;
        QByteArray city, zip, region, country;
        QByteArrayList keys;
        for (int ch = o.firstChild; ch >= 0; ch = c.node(ch).nextSibling) {
            const Decode::Node& n = c.node(ch);
            if (!n.isLeaf() || n.type == NodeType::Bytes)
                continue;
            const quint64 cls = c.ownClass(ch);
            const QByteArray v = n.value.trimmed();
            if (v.isEmpty() || v.size() > 60)
                continue;
            bool hasLetter = false, hasDigit = false;
            for (char x : v) {
                hasLetter |= (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || static_cast<unsigned char>(x) >= 0x80;
                hasDigit |= x >= '0' && x <= '9';
            }
            if ((cls & Keys::City) && hasLetter && !hasDigit && city.isEmpty()) {
                city = v;
                keys << n.key;
            } else if ((cls & Keys::Zip) && hasDigit && v.size() >= 3 && v.size() <= 10 && zip.isEmpty()) {
                zip = v;
                keys << n.key;
            } else if ((cls & Keys::Region) && hasLetter && v.size() <= 40 && region.isEmpty()) {
                region = v;
                keys << n.key;
            } else if ((cls & Keys::Country) && v.size() >= 2 && v.size() <= 40 && hasLetter && country.isEmpty()) {
                country = v;
                keys << n.key;
            }
        }
        // Region alone is often a data-centre or app-state name: it needs a city, postal code or country by it.
        const bool enough = !city.isEmpty() || !zip.isEmpty() || (!region.isEmpty() && !country.isEmpty());
        if (!enough)
            continue;
        Hit h = c.hitFor(static_cast<int>(i), "location.coarse", Confidence::Medium, "coarse-location",
            QStringLiteral("place fields sent together (%1)").arg(QString::fromUtf8(keys.join(", "))));
        QByteArrayList parts;
        for (const QByteArray& p : { city, zip, region, country }) {
            if (!p.isEmpty())
                parts << p;
        }
        h.value = parts.join(", ");
        h.normalized = h.value.toLower();
        h.evidence = QString::fromUtf8(keys.join(", ")) + QStringLiteral(": ") + maskValue(h.value);
        c.add(std::move(h));
    }
}

void wifiAndCells(DetectorContext& c)
{
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        const quint64 cls = c.tokenClass[i];
        // Cookie names are not descriptions: Google's "SSID" cookie is a session id.
        if (!(cls & (Keys::Ssid | Keys::Bssid)) || t.location.startsWith("cookie:"))
            continue;
        const QByteArray v = t.value.trimmed();
        if ((cls & Keys::Bssid) && Shapes::isMac(v, true)) {
            if (!Shapes::isPlaceholderMac(v))
                c.add(t, "location.wifi_cell", Confidence::Medium, "bssid",
                    QStringLiteral("a Wi-Fi access point's MAC address (BSSID) under the key \"%1\"; public Wi-Fi "
                                   "databases turn it into a position")
                        .arg(QString::fromUtf8(t.key)),
                    v.toLower().replace('-', ':'));
            continue;
        }
        if ((cls & Keys::Ssid) && !v.isEmpty() && v.size() <= 64 && v != "<unknown ssid>" && !Shapes::isMac(v, true))
            c.add(t, "location.wifi_cell", Confidence::Medium, "ssid",
                QStringLiteral("a Wi-Fi network name (SSID) under the key \"%1\"").arg(QString::fromUtf8(t.key)));
    }
    // Cell towers: an object with cell id / LAC / TAC (MCC and MNC alone are the carrier).
    for (size_t i = 0; i < c.d.nodes.size(); ++i) {
        const Decode::Node& o = c.d.nodes[i];
        if (o.type != NodeType::Object)
            continue;
        QByteArrayList keys;
        QByteArrayList values;
        bool tower = false;
        for (int ch = o.firstChild; ch >= 0; ch = c.node(ch).nextSibling) {
            const Decode::Node& n = c.node(ch);
            const QByteArray k = Keys::normalize(n.key);
            if (!(Keys::classify(k) & Keys::Cell) || !Shapes::isDigits(n.value.trimmed()))
                continue;
            tower |= k != "mcc" && k != "mnc";
            keys << n.key;
            values << n.value.trimmed();
        }
        if (!tower || keys.size() < 2)
            continue;
        Hit h = c.hitFor(static_cast<int>(i), "location.wifi_cell", Confidence::Medium, "cell",
            QStringLiteral("mobile cell identifiers sent together (%1)").arg(QString::fromUtf8(keys.join(", "))));
        h.value = values.join('/');
        h.normalized = h.value;
        h.evidence = QString::fromUtf8(keys.join(", ")) + QStringLiteral(": ") + maskValue(h.value);
        c.add(std::move(h));
    }
}

bool privateIpv4(quint32 a)
{
    return (a >> 24) == 10 || (a >> 20) == (172u << 4 | 1) || (a >> 16) == (192u << 8 | 168)
        || (a >> 22) == (100u << 2 | 1) || (a >> 16) == (169u << 8 | 254);
}

bool uninterestingIpv4(quint32 a)
{
    return a == 0 || (a >> 24) == 127 || (a >> 24) == 0 || a == 0xFFFFFFFFu || (a >> 28) == 0xE;
}

void ipAddresses(DetectorContext& c)
{
    static const QRegularExpression v4(QStringLiteral("(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:"
                                                      "25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.])"));
    static const QRegularExpression v6(
        QStringLiteral("(?i)(?<![0-9a-f:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![0-9a-f:])"));
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        const quint64 cls = c.tokenClass[i];
        if (cls & (Keys::Version | Keys::RequestId | Keys::FpBuild | Keys::FpOs))
            continue;
        if (t.location == "url-path" || c.node(t.node).type != NodeType::String || t.value.size() > 4096)
            continue;
        const bool keyed = cls & Keys::Ip;
        if (t.value.count('.') < 3 && t.value.count(':') < 2)
            continue;
        const QString text = QString::fromUtf8(t.value);
        if (t.value.count('.') >= 3) {
            auto it = v4.globalMatch(text);
            while (it.hasNext()) {
                const QString ip = it.next().captured(0);
                in_addr addr;
                if (inet_pton(AF_INET, ip.toLatin1().constData(), &addr) != 1)
                    continue;
                const quint32 a = ntohl(addr.s_addr);
                if (uninterestingIpv4(a))
                    continue;
                const bool local = privateIpv4(a);
                if (!keyed && !local)
                    continue;
                Hit h = c.hitFor(t.node, "network.ip_address", keyed ? Confidence::Medium : Confidence::Low, "ip",
                    local ? QStringLiteral("a private (local network) IPv4 address%1, which maps the user's network")
                                .arg(keyed ? QStringLiteral(" under the key \"%1\"").arg(QString::fromUtf8(t.key))
                                           : QString())
                          : QStringLiteral("an IPv4 address under the key \"%1\"").arg(QString::fromUtf8(t.key)));
                h.value = ip.toUtf8();
                h.normalized = h.value;
                c.add(std::move(h));
            }
        }
        if (t.value.count(':') >= 2) {
            auto it = v6.globalMatch(text);
            while (it.hasNext()) {
                const QString ip = it.next().captured(0);
                in6_addr addr;
                if (ip.size() < 3 || inet_pton(AF_INET6, ip.toLatin1().constData(), &addr) != 1)
                    continue;
                const unsigned char b0 = addr.s6_addr[0], b1 = addr.s6_addr[1];
                const bool local = (b0 & 0xFE) == 0xFC || (b0 == 0xFE && (b1 & 0xC0) == 0x80);
                bool zero = true;
                for (int k = 0; k < 15; ++k)
                    zero &= addr.s6_addr[k] == 0;
                if (zero || (!keyed && !local) || Shapes::isMac(t.value.trimmed(), false))
                    continue;
                Hit h = c.hitFor(t.node, "network.ip_address", keyed ? Confidence::Medium : Confidence::Low, "ip",
                    local ? QStringLiteral("a link-local or private IPv6 address")
                          : QStringLiteral("an IPv6 address under the key \"%1\"").arg(QString::fromUtf8(t.key)));
                h.value = ip.toUtf8();
                h.normalized = h.value.toLower();
                c.add(std::move(h));
            }
        }
    }
}

} // namespace

std::vector<Coordinate> findCoordinates(const Decode::Decoded& d)
{
    return Finder(d).run();
}

void detectLocation(DetectorContext& c, const std::vector<Coordinate>& coordinates)
{
    for (const Coordinate& p : coordinates) {
        if (p.how.endsWith(QStringLiteral("(unlabelled)")))
            continue;
        const bool precise = p.decimals < 0 || p.decimals >= 3;
        if (!precise && !p.keyed)
            continue;
        const char* category = precise ? "location.precise" : "location.coarse";
        const int confidence = p.keyed ? Confidence::Medium : Confidence::Low;
        const QString precision = p.decimals < 0 ? QString()
            : p.decimals >= 4                    ? QStringLiteral(", %1 decimals (≈ 11 m or better)").arg(p.decimals)
            : p.decimals == 3                    ? QStringLiteral(", 3 decimals (≈ 110 m)")
                              : QStringLiteral(", %1 decimals (≈ 1 km or coarser)").arg(p.decimals);
        Hit h = c.hitFor(p.node, category, confidence, "coordinates",
            QStringLiteral("coordinates in range (%1%2)").arg(p.how, precision));
        h.key = p.key;
        h.value = QByteArray::number(p.latitude, 'f', std::clamp(p.decimals, 1, 8)) + ", "
            + QByteArray::number(p.longitude, 'f', std::clamp(p.decimals, 1, 8));
        h.normalized = normalizedPair(p.latitude, p.longitude);
        c.add(std::move(h));
    }
    coarse(c);
    wifiAndCells(c);
    ipAddresses(c);
}

} // namespace Detect
