// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "categorydetector.h"

#include "decode/textcodecs.h"
#include "detectorcontext.h"

#include <QUrl>

#include <charconv>
#include <map>

namespace Detect {

using Decode::NodeType;

DetectorContext::DetectorContext(const Decode::Decoded& decoded, const MessageInfo& i, const DetectorOptions& o)
    : d(decoded)
    , info(i)
    , options(o)
    , tokens(decoded.leaves())
{
    // Key classes are looked up once per node; every detector reads them.
    nodeClass.reserve(decoded.nodes.size());
    for (const Decode::Node& n : decoded.nodes)
        nodeClass.push_back(n.key.isEmpty() ? 0 : Keys::classOf(n.key));
    tokenClass.reserve(tokens.size());
    for (const Decode::Token& t : tokens) {
        const Decode::Node& n = decoded.nodes[static_cast<size_t>(t.node)];
        tokenClass.push_back(n.key == t.key ? nodeClass[static_cast<size_t>(t.node)] : Keys::classOf(t.key));
    }
}

Hit DetectorContext::hitFor(
    int nodeId, const char* category, int confidence, const char* detector, const QString& reason) const
{
    Hit h;
    h.category = QString::fromLatin1(category);
    h.confidence = confidence;
    h.detector = QString::fromLatin1(detector);
    h.reason = reason;
    h.node = nodeId;
    if (nodeId >= 0) {
        const Decode::Node& n = node(nodeId);
        h.layer = n.layer;
        h.location = d.layers[static_cast<size_t>(n.layer)].location;
        h.key = d.keyOf(nodeId);
        h.chain = d.chain(nodeId);
        h.value = n.value;
        h.normalized = n.value;
    }
    return h;
}

void DetectorContext::add(const Decode::Token& t, const char* category, int confidence, const char* detector,
    const QString& reason, const QByteArray& normalized)
{
    Hit h;
    h.category = QString::fromLatin1(category);
    h.confidence = confidence;
    h.detector = QString::fromLatin1(detector);
    h.reason = reason;
    h.node = t.node;
    h.layer = t.layer;
    h.location = t.location;
    h.key = t.key;
    h.chain = d.chain(t.node);
    h.value = t.value;
    h.normalized = normalized.isEmpty() ? t.value : normalized;
    hits.push_back(std::move(h));
}

bool DetectorContext::numberOf(int id, double* value, int* decimals) const
{
    const Decode::Node& n = node(id);
    if (n.type == NodeType::Number) {
        *value = n.number;
        *decimals = n.decimals;
        return true;
    }
    if (n.type != NodeType::String)
        return false;
    const QByteArray t = n.value.trimmed();
    if (t.isEmpty() || t.size() > 32)
        return false;
    const auto r = std::from_chars(t.constData(), t.constData() + t.size(), *value);
    if (r.ec != std::errc() || r.ptr != t.constData() + t.size())
        return false;
    const qsizetype dot = t.indexOf('.');
    *decimals = dot < 0 ? 0 : static_cast<int>(t.size() - dot - 1);
    return true;
}

QString DetectorContext::urlPath() const
{
    return QUrl(info.url).path().toLower();
}

namespace Shapes {

bool isHex(QByteArrayView v, qsizetype length)
{
    if (v.isEmpty() || (length >= 0 && v.size() != length))
        return false;
    for (char c : v) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

bool isUuid(QByteArrayView v)
{
    if (v.size() != 36 || v[8] != '-' || v[13] != '-' || v[18] != '-' || v[23] != '-')
        return false;
    return isHex(v.first(8)) && isHex(v.sliced(9, 4)) && isHex(v.sliced(14, 4)) && isHex(v.sliced(19, 4))
        && isHex(v.sliced(24));
}

bool isDigits(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (char c : v) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

bool luhn(QByteArrayView digits)
{
    if (!isDigits(digits))
        return false;
    int sum = 0;
    bool dbl = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        int x = digits[i] - '0';
        if (dbl) {
            x *= 2;
            if (x > 9)
                x -= 9;
        }
        sum += x;
        dbl = !dbl;
    }
    return sum % 10 == 0;
}

bool isMac(QByteArrayView v, bool allowPlain)
{
    if (v.size() == 17) {
        const char sep = v[2];
        if (sep != ':' && sep != '-')
            return false;
        for (int i = 0; i < 6; ++i) {
            if (!isHex(v.sliced(i * 3, 2)) || (i < 5 && v[i * 3 + 2] != sep))
                return false;
        }
        return true;
    }
    if (v.size() == 14 && v[4] == '.' && v[9] == '.')
        return isHex(v.first(4)) && isHex(v.sliced(5, 4)) && isHex(v.sliced(10, 4));
    return allowPlain && v.size() == 12 && isHex(v);
}

bool isPlaceholderMac(QByteArrayView v)
{
    QByteArray hex;
    for (char c : v) {
        if (c != ':' && c != '-' && c != '.')
            hex.append(c >= 'A' && c <= 'F' ? static_cast<char>(c + 32) : c);
    }
    return hex == "020000000000" || hex == "000000000000" || hex == "ffffffffffff";
}

bool looksLikeTimestamp(QByteArrayView digits)
{
    if (!isDigits(digits))
        return false;
    bool ok = false;
    const qint64 v = QByteArray(digits.data(), digits.size()).toLongLong(&ok);
    if (!ok)
        return false;
    if (digits.size() == 13)
        return v >= 978307200000LL && v < 4102444800000LL;
    if (digits.size() == 10)
        return v >= 978307200LL && v < 4102444800LL;
    if (digits.size() == 16)
        return v >= 978307200000000LL && v < 4102444800000000LL;
    return false;
}

bool isHashLike(QByteArrayView v)
{
    static const qsizetype hexLengths[] = { 32, 40, 56, 64, 96, 128 };
    for (qsizetype n : hexLengths) {
        if (v.size() == n)
            return isHex(v) && !isDigits(v);
    }
    // base64 of 16, 20, 28, 32, 48, 64 bytes
    if (v.size() == 24 || v.size() == 28 || v.size() == 40 || v.size() == 44 || v.size() == 64 || v.size() == 88) {
        const auto raw = Decode::TextCodecs::base64(v, 16);
        return raw
            && (raw->size() == 16 || raw->size() == 20 || raw->size() == 28 || raw->size() == 32 || raw->size() == 48
                || raw->size() == 64)
            && !Decode::TextCodecs::isPrintableText(*raw, 0.9);
    }
    return false;
}

QString hashName(QByteArrayView v)
{
    switch (v.size()) {
    case 32:
        return QStringLiteral("MD5");
    case 40:
        return QStringLiteral("SHA-1");
    case 56:
        return QStringLiteral("SHA-224");
    case 64:
        return QStringLiteral("SHA-256");
    case 96:
        return QStringLiteral("SHA-384");
    case 128:
        return QStringLiteral("SHA-512");
    default:
        return QStringLiteral("hash");
    }
}

bool isPackageName(QByteArrayView v)
{
    if (v.size() < 5 || v.size() > 255)
        return false;
    static const char* const tlds[] = { "com", "org", "net", "io", "de", "fr", "uk", "cn", "jp", "ru", "co", "app",
        "me", "tv", "us", "in", "br", "kr", "it", "es", "nl", "ca", "au", "se", "pl", "ch", "info", "tw" };
    const qsizetype dot = v.indexOf('.');
    if (dot <= 0 || dot + 1 >= v.size())
        return false;
    bool tldOk = false;
    for (const char* t : tlds) {
        if (v.first(dot) == QByteArrayView(t))
            tldOk = true;
    }
    if (!tldOk)
        return false;
    bool atLabelStart = true;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '.') {
            if (atLabelStart)
                return false;
            atLabelStart = true;
            continue;
        }
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (atLabelStart && !letter && !(c >= '0' && c <= '9' && i > dot))
            return false;
        if (!letter && !(c >= '0' && c <= '9') && c != '_')
            return false;
        atLabelStart = false;
    }
    // Hosts ("www.example.com") and file names ("com.x.json") are not packages: no web prefix, no file suffix.
    return !atLabelStart && !v.startsWith("www.") && !v.endsWith(".json") && !v.endsWith(".png") && !v.endsWith(".js");
}

} // namespace Shapes

CategoryDetector::CategoryDetector(DetectorOptions options)
    : m_options(std::move(options))
{ }

std::vector<Coordinate> CategoryDetector::coordinates(const Decode::Decoded& decoded) const
{
    return findCoordinates(decoded);
}

std::vector<Hit> CategoryDetector::scan(
    const Decode::Decoded& decoded, const MessageInfo& info, std::vector<Coordinate>* coordinates) const
{
    if (!info.request)
        return {};
    DetectorContext c(decoded, info, m_options);
    std::vector<Coordinate> pairs = findCoordinates(decoded);
    detectIdentity(c);
    detectLocation(c, pairs);
    if (coordinates)
        *coordinates = std::move(pairs);
    detectDevice(c);
    detectPeopleAndContent(c);
    detectMedia(c);
    dedupeHits(c.hits);
    return std::move(c.hits);
}

void dedupeHits(std::vector<Hit>& hits)
{
    std::map<std::tuple<QString, QByteArray, QByteArray>, size_t> best;
    std::vector<Hit> out;
    for (Hit& h : hits) {
        const auto key = std::make_tuple(h.category, h.location, h.normalized);
        const auto it = best.find(key);
        if (it == best.end()) {
            best.emplace(key, out.size());
            out.push_back(std::move(h));
            continue;
        }
        Hit& kept = out[it->second];
        const bool better = h.confidence > kept.confidence
            || (h.confidence == kept.confidence && !h.knownLabel.isEmpty() && kept.knownLabel.isEmpty());
        if (better)
            kept = std::move(h);
    }
    hits = std::move(out);
}

} // namespace Detect
