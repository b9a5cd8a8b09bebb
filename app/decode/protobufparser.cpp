// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Schema-less protobuf (research §6.1 4). Written by hand rather than with libprotobuf's UnknownFieldSet:
// we need the ambiguous readings (double and fixed64, varint and zigzag, packed or bytes) and a strict
// "does this parse to the exact end" test, which the library's lenient reader does not give.
#include "common/numbers.h"
#include "parsers.h"
#include "textcodecs.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace Decode::Parsers {

namespace {

constexpr quint32 kMaxField = (1u << 29) - 1;
constexpr int kMaxProtobufDepth = 32;

struct Field
{
    quint32 number = 0;
    int wire = 0;
    quint64 varint = 0; ///< VARINT value, or the I64/I32 bits
    QByteArrayView bytes; ///< LEN payload
};

bool readVarint(QByteArrayView d, qsizetype* pos, quint64* out)
{
    quint64 v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*pos >= d.size())
            return false;
        const unsigned b = static_cast<unsigned char>(d[(*pos)++]);
        v |= quint64(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return true;
        }
    }
    return false;
}

/// Splits a buffer into fields; false unless it parses to the exact end with valid tags.
bool scan(QByteArrayView d, std::vector<Field>* fields, size_t maxFields)
{
    qsizetype pos = 0;
    while (pos < d.size()) {
        quint64 tag = 0;
        if (!readVarint(d, &pos, &tag))
            return false;
        Field f;
        f.number = static_cast<quint32>(tag >> 3);
        f.wire = static_cast<int>(tag & 7);
        if (tag >> 3 > kMaxField || f.number == 0)
            return false;
        switch (f.wire) {
        case 0:
            if (!readVarint(d, &pos, &f.varint))
                return false;
            break;
        case 1:
            if (d.size() - pos < 8)
                return false;
            memcpy(&f.varint, d.data() + pos, 8); // little-endian on every platform we build for
            pos += 8;
            break;
        case 5: {
            if (d.size() - pos < 4)
                return false;
            quint32 v;
            memcpy(&v, d.data() + pos, 4);
            f.varint = v;
            pos += 4;
            break;
        }
        case 2: {
            quint64 len = 0;
            if (!readVarint(d, &pos, &len) || len > quint64(d.size() - pos))
                return false;
            f.bytes = d.sliced(pos, static_cast<qsizetype>(len));
            pos += static_cast<qsizetype>(len);
            break;
        }
        default:
            return false; // groups (3/4) are deprecated; 6/7 do not exist
        }
        fields->push_back(f);
        if (fields->size() > maxFields)
            return false;
    }
    return true;
}

template <typename T> QByteArray shortest(T v, qint16* decimals)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof(buf), v);
    QByteArray s(buf, static_cast<qsizetype>(r.ptr - buf));
    const qsizetype dot = s.indexOf('.');
    const qsizetype e = s.indexOf('e');
    *decimals = static_cast<qint16>(dot < 0 ? 0 : (e < 0 ? s.size() : e) - dot - 1);
    return s;
}

class Builder
{
public:
    Builder(Decoded& d, int layer, const Limits& limits)
        : m_d(d)
        , m_layer(layer)
        , m_limits(limits)
    { }

    /// True when a LEN payload reads as a nested message: parses fully, sensible field numbers.
    static bool looksLikeMessage(QByteArrayView b)
    {
        if (b.size() < 2)
            return false;
        std::vector<Field> fields;
        if (!scan(b, &fields, 4096))
            return false;
        for (const Field& f : fields) {
            if (f.number > 100000)
                return false;
        }
        return true;
    }

    bool message(QByteArrayView b, int parent, QByteArray key, int depth, qsizetype base, int* created)
    {
        std::vector<Field> fields;
        if (depth > kMaxProtobufDepth || !scan(b, &fields, static_cast<size_t>(m_limits.maxNodes)))
            return false;
        Node n;
        n.type = NodeType::Object;
        n.layer = m_layer;
        n.parent = parent;
        n.key = std::move(key);
        n.spanStart = static_cast<qint32>(base);
        n.spanLength = static_cast<qint32>(b.size());
        const int id = m_d.appendNode(std::move(n));
        if (created)
            *created = id;
        for (const Field& f : fields) {
            if (static_cast<int>(m_d.nodes.size()) >= m_limits.maxNodes)
                return true;
            addField(f, id, depth, base + (f.wire == 2 ? f.bytes.data() - b.data() : 0));
        }
        return true;
    }

    qsizetype opaqueBytes = 0;

private:
    void addField(const Field& f, int parent, int depth, qsizetype offset)
    {
        const QByteArray key = '#' + QByteArray::number(f.number);
        Node n;
        n.layer = m_layer;
        n.parent = parent;
        n.key = key;
        switch (f.wire) {
        case 0: {
            n.type = NodeType::Number;
            n.numberKind = NumberKind::Varint;
            n.integer = static_cast<qint64>(f.varint);
            n.zigzag = static_cast<qint64>(f.varint >> 1) ^ -static_cast<qint64>(f.varint & 1);
            n.number = static_cast<double>(n.integer);
            n.decimals = 0;
            n.value = QByteArray::number(static_cast<qulonglong>(f.varint));
            m_d.appendNode(std::move(n));
            return;
        }
        case 1: {
            double v;
            memcpy(&v, &f.varint, 8);
            n.type = NodeType::Number;
            n.numberKind = NumberKind::Fixed64;
            n.integer = static_cast<qint64>(f.varint);
            n.number = std::isfinite(v) ? v : 0;
            n.value =
                std::isfinite(v) ? shortest(v, &n.decimals) : QByteArray::number(static_cast<qulonglong>(f.varint));
            m_d.appendNode(std::move(n));
            return;
        }
        case 5: {
            float v;
            const quint32 bits = static_cast<quint32>(f.varint);
            memcpy(&v, &bits, 4);
            n.type = NodeType::Number;
            n.numberKind = NumberKind::Fixed32;
            n.integer = bits;
            n.number = std::isfinite(v) ? v : 0;
            n.value = std::isfinite(v) ? shortest(v, &n.decimals) : QByteArray::number(bits);
            m_d.appendNode(std::move(n));
            return;
        }
        default:
            break;
        }
        // LEN: text first (real messages with low field numbers start with control bytes, text does not),
        // then a nested message, else opaque bytes with their packed readings.
        if (f.bytes.isEmpty() || TextCodecs::isPrintableText(f.bytes, 0.9)) {
            n.type = NodeType::String;
            n.value = f.bytes.toByteArray();
            n.spanStart = static_cast<qint32>(offset);
            n.spanLength = static_cast<qint32>(f.bytes.size());
            m_d.appendNode(std::move(n));
            return;
        }
        if (looksLikeMessage(f.bytes)) {
            const int mark = static_cast<int>(m_d.nodes.size());
            if (message(f.bytes, parent, key, depth + 1, offset, nullptr))
                return;
            m_d.truncateNodes(mark);
        }
        n.type = NodeType::Bytes;
        n.value = f.bytes.toByteArray();
        n.spanStart = static_cast<qint32>(offset);
        n.spanLength = static_cast<qint32>(f.bytes.size());
        m_d.appendNode(std::move(n));
        opaqueBytes += f.bytes.size();
        addPacked(f, parent, key);
    }

    /// Packed repeated scalars look like bytes; add the readings that fit as "#n" arrays next to them.
    void addPacked(const Field& f, int parent, const QByteArray& key)
    {
        const QByteArrayView b = f.bytes;
        if (b.size() >= 16 && b.size() % 8 == 0 && b.size() <= 8 * 4096) {
            bool plausible = true;
            std::vector<double> values;
            for (qsizetype i = 0; i < b.size(); i += 8) {
                double v;
                memcpy(&v, b.data() + i, 8);
                if (!std::isfinite(v) || std::abs(v) > 1e12 || (v != 0 && std::abs(v) < 1e-12)) {
                    plausible = false;
                    break;
                }
                values.push_back(v);
            }
            if (plausible)
                addArray(parent, key, values, NumberKind::Fixed64);
        }
        std::vector<double> varints;
        qsizetype pos = 0;
        while (pos < b.size()) {
            quint64 v;
            if (!readVarint(b, &pos, &v) || varints.size() > 4096) {
                varints.clear();
                break;
            }
            varints.push_back(static_cast<double>(static_cast<qint64>(v)));
        }
        if (varints.size() >= 2)
            addArray(parent, key, varints, NumberKind::Varint);
    }

    void addArray(int parent, const QByteArray& key, const std::vector<double>& values, NumberKind kind)
    {
        Node a;
        a.type = NodeType::Array;
        a.layer = m_layer;
        a.parent = parent;
        a.key = key;
        const int id = m_d.appendNode(std::move(a));
        for (double v : values) {
            if (static_cast<int>(m_d.nodes.size()) >= m_limits.maxNodes)
                return;
            Node n;
            n.type = NodeType::Number;
            n.numberKind = kind;
            n.layer = m_layer;
            n.parent = id;
            n.number = v;
            // A varint near 2^63 reads as 2^63 as a double, one past the largest qint64: converting that back is
            // undefined behaviour (found by fuzz/decode_protobuf), so out-of-range values saturate.
            const std::optional<qint64> integer = Numbers::toInteger<qint64>(v);
            n.integer = integer ? *integer
                : std::isnan(v) ? 0
                : v > 0         ? std::numeric_limits<qint64>::max()
                                : std::numeric_limits<qint64>::min();
            n.value = kind == NumberKind::Fixed64 ? shortest(v, &n.decimals) : QByteArray::number(n.integer);
            m_d.appendNode(std::move(n));
        }
    }

    Decoded& m_d;
    int m_layer;
    const Limits& m_limits;
};

} // namespace

int protobuf(Decoded& d, int layer, QByteArrayView data, const Limits& limits, bool strict)
{
    if (data.isEmpty())
        return -1;
    if (strict) {
        // Sniffing a body nobody labelled: text is not protobuf, and a message must look like one.
        if (data.size() < 4 || TextCodecs::isPrintableText(data, 0.9) || !Builder::looksLikeMessage(data))
            return -1;
    }
    const int mark = static_cast<int>(d.nodes.size());
    Builder b(d, layer, limits);
    int root = -1;
    if (!b.message(data, -1, {}, 0, 0, &root)) {
        d.truncateNodes(mark);
        return -1;
    }
    if (strict && (d.nodes[static_cast<size_t>(root)].childCount < 2 || b.opaqueBytes * 10 > data.size() * 3)) {
        d.truncateNodes(mark);
        return -1;
    }
    return root;
}

} // namespace Decode::Parsers
