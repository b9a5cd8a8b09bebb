// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Apple binary property lists ("bplist00"), written by hand: no Debian library reads them, and the format
// is small (a trailer, an offset table and typed objects). Every offset and count is checked against the
// input, and object references are followed with a depth limit and a visiting set so cycles cannot loop.
#include "parsers.h"

#include <QString>

#include <cstring>
#include <unordered_set>

namespace Decode::Parsers {

namespace {

class Reader
{
public:
    Reader(Decoded& d, int layer, QByteArrayView data, const Limits& limits)
        : m_d(d)
        , m_layer(layer)
        , m_data(data)
        , m_limits(limits)
    { }

    int parse()
    {
        if (m_data.size() < 8 + 32 || !m_data.startsWith("bplist00"))
            return -1;
        const qsizetype t = m_data.size() - 32;
        m_offsetSize = byte(t + 6);
        m_refSize = byte(t + 7);
        m_count = uint(t + 8, 8);
        const quint64 top = uint(t + 16, 8);
        m_tableOffset = uint(t + 24, 8);
        if (m_offsetSize < 1 || m_offsetSize > 8 || m_refSize < 1 || m_refSize > 8 || m_count == 0
            || m_count > quint64(m_data.size()) || top >= m_count || m_tableOffset < 8 || m_tableOffset > quint64(t)
            || m_count * m_offsetSize > quint64(t) - m_tableOffset)
            return -1;
        const int mark = static_cast<int>(m_d.nodes.size());
        if (!object(top, -1, {}, 0)) {
            m_d.truncateNodes(mark);
            return -1;
        }
        return mark;
    }

private:
    unsigned byte(quint64 at) const
    {
        return static_cast<unsigned char>(m_data[static_cast<qsizetype>(at)]);
    }
    quint64 uint(quint64 at, unsigned n) const
    {
        quint64 v = 0;
        for (unsigned i = 0; i < n; ++i)
            v = (v << 8) | byte(at + i);
        return v;
    }
    bool inRange(quint64 at, quint64 n) const
    {
        return at <= quint64(m_data.size()) && n <= quint64(m_data.size()) - at;
    }
    /// The length that follows a marker with low nibble 0xF (an int object).
    bool length(quint64* pos, unsigned info, quint64* out) const
    {
        if (info != 0x0F) {
            *out = info;
            return true;
        }
        if (!inRange(*pos, 1))
            return false;
        const unsigned m = byte(*pos);
        if ((m & 0xF0) != 0x10 || (m & 0x0F) > 3)
            return false;
        const unsigned n = 1u << (m & 0x0F);
        if (!inRange(*pos + 1, n))
            return false;
        *out = uint(*pos + 1, n);
        *pos += 1 + n;
        return true;
    }

    int add(NodeType type, int parent, QByteArray key, QByteArray value, double number = 0, qint16 decimals = -1)
    {
        Node n;
        n.type = type;
        n.layer = m_layer;
        n.parent = parent;
        n.key = std::move(key);
        n.value = std::move(value);
        n.number = number;
        n.decimals = decimals;
        return m_d.appendNode(std::move(n));
    }

    bool object(quint64 ref, int parent, QByteArray key, int depth)
    {
        if (ref >= m_count || depth > m_limits.maxJsonDepth || static_cast<int>(m_d.nodes.size()) >= m_limits.maxNodes)
            return false;
        if (!m_visiting.insert(ref).second)
            return false; // a reference cycle
        const bool ok = readObject(ref, parent, std::move(key), depth);
        m_visiting.erase(ref);
        return ok;
    }

    bool readObject(quint64 ref, int parent, QByteArray key, int depth)
    {
        quint64 pos = uint(m_tableOffset + ref * m_offsetSize, m_offsetSize);
        if (!inRange(pos, 1))
            return false;
        const unsigned marker = byte(pos);
        const unsigned type = marker >> 4, info = marker & 0x0F;
        ++pos;
        switch (type) {
        case 0x0:
            if (info == 0x00)
                add(NodeType::Null, parent, std::move(key), "null");
            else if (info == 0x08 || info == 0x09)
                add(NodeType::Bool, parent, std::move(key), info == 0x09 ? "true" : "false", info == 0x09);
            else
                return false;
            return true;
        case 0x1: {
            if (info > 4)
                return false;
            const unsigned n = 1u << info;
            if (!inRange(pos, n))
                return false;
            const quint64 v = uint(pos + (n > 8 ? n - 8 : 0), std::min(n, 8u));
            const qint64 s = n == 8 ? static_cast<qint64>(v) : static_cast<qint64>(v);
            const int id = add(NodeType::Number, parent, std::move(key), QByteArray::number(s), double(s), 0);
            m_d.nodes[static_cast<size_t>(id)].integer = s;
            return true;
        }
        case 0x2:
        case 0x3: {
            const unsigned n = type == 0x3 ? 8 : (1u << info);
            if ((n != 4 && n != 8) || !inRange(pos, n))
                return false;
            double v;
            if (n == 4) {
                const quint32 bits = static_cast<quint32>(uint(pos, 4));
                float f;
                memcpy(&f, &bits, 4);
                v = f;
            } else {
                const quint64 bits = uint(pos, 8);
                memcpy(&v, &bits, 8);
            }
            add(NodeType::Number, parent, std::move(key), QByteArray::number(v, 'g', 17), v, type == 0x3 ? 0 : 17);
            return true;
        }
        case 0x4:
        case 0x5:
        case 0x6: {
            quint64 count = 0;
            // A count beyond the input is refused before it is doubled, so the product cannot wrap.
            if (!length(&pos, info, &count) || count > quint64(m_data.size()))
                return false;
            const quint64 bytes = type == 0x6 ? count * 2 : count;
            if (!inRange(pos, bytes))
                return false;
            const QByteArrayView raw = m_data.sliced(static_cast<qsizetype>(pos), static_cast<qsizetype>(bytes));
            if (type == 0x4) {
                add(NodeType::Bytes, parent, std::move(key), raw.toByteArray());
            } else if (type == 0x5) {
                add(NodeType::String, parent, std::move(key), raw.toByteArray());
            } else {
                QString s(static_cast<qsizetype>(count), Qt::Uninitialized);
                for (quint64 i = 0; i < count; ++i)
                    s[static_cast<qsizetype>(i)] =
                        QChar(static_cast<char16_t>((byte(pos + 2 * i) << 8) | byte(pos + 2 * i + 1)));
                add(NodeType::String, parent, std::move(key), s.toUtf8());
            }
            return true;
        }
        case 0x8: {
            const unsigned n = info + 1;
            if (!inRange(pos, n) || n > 8)
                return false;
            const qint64 v = static_cast<qint64>(uint(pos, n));
            const int id = add(NodeType::Number, parent, std::move(key), QByteArray::number(v), double(v), 0);
            m_d.nodes[static_cast<size_t>(id)].integer = v;
            return true;
        }
        case 0xA:
        case 0xC:
        case 0xD: {
            quint64 count = 0;
            if (!length(&pos, info, &count))
                return false;
            const quint64 refs = type == 0xD ? count * 2 : count;
            if (count > m_count || !inRange(pos, refs * m_refSize))
                return false;
            const int id = add(type == 0xD ? NodeType::Object : NodeType::Array, parent, std::move(key), {});
            for (quint64 i = 0; i < count; ++i) {
                if (type == 0xD) {
                    const quint64 keyRef = uint(pos + i * m_refSize, m_refSize);
                    const quint64 valueRef = uint(pos + (count + i) * m_refSize, m_refSize);
                    // Dictionary keys are strings; read one as a throw-away node and take its text.
                    const int mark = static_cast<int>(m_d.nodes.size());
                    if (!object(keyRef, -1, {}, depth + 1))
                        return false;
                    QByteArray k = m_d.nodes[static_cast<size_t>(mark)].value;
                    m_d.truncateNodes(mark);
                    if (!object(valueRef, id, std::move(k), depth + 1))
                        return false;
                } else if (!object(uint(pos + i * m_refSize, m_refSize), id, {}, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        default:
            return false;
        }
    }

    Decoded& m_d;
    int m_layer;
    QByteArrayView m_data;
    const Limits& m_limits;
    unsigned m_offsetSize = 0;
    unsigned m_refSize = 0;
    quint64 m_count = 0;
    quint64 m_tableOffset = 0;
    std::unordered_set<quint64> m_visiting;
};

} // namespace

int binaryPlist(Decoded& d, int layer, QByteArrayView data, const Limits& limits)
{
    return Reader(d, layer, data, limits).parse();
}

} // namespace Decode::Parsers
