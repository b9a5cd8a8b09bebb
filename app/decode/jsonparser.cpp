// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// JSON into decoder nodes with RapidJSON's SAX reader (iterative, so hostile nesting cannot overflow the
// stack), numbers kept as written so that coordinate precision can be read from the digits.
#include "parsers.h"

#include <algorithm>
#include <charconv>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace Decode::Parsers {

namespace {

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag
    | rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNanAndInfFlag;

struct Handler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler>
{
    Decoded& d;
    int layer;
    const Limits& limits;
    const char* base;
    qsizetype size;
    qsizetype offset; ///< of this value inside the layer (NDJSON parses value by value)
    rapidjson::MemoryStream* stream = nullptr;
    std::vector<std::pair<int, qsizetype>> stack; ///< open containers and where they started
    QByteArray key;
    bool haveKey = false;
    int root = -1;
    qsizetype prevEnd = 0;
    int leaves = 0;

    Handler(Decoded& decoded, int l, const Limits& lim, const char* b, qsizetype n, qsizetype off)
        : d(decoded)
        , layer(l)
        , limits(lim)
        , base(b)
        , size(n)
        , offset(off)
    { }

    qsizetype tell() const
    {
        return static_cast<qsizetype>(stream->Tell());
    }
    /// Where the value that just ended began: the first character after the previous event that is not
    /// whitespace or a separator (RapidJSON reports events after consuming their token).
    qsizetype valueStart(qsizetype end) const
    {
        qsizetype p = prevEnd;
        while (p < end) {
            const char c = base[p];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' || c == ']' || c == '}')
                ++p;
            else
                break;
        }
        return p;
    }
    bool add(NodeType type, QByteArray value, double number = 0, qint16 decimals = -1, bool container = false)
    {
        if (static_cast<int>(d.nodes.size()) >= limits.maxNodes)
            return false;
        qsizetype end = tell();
        qsizetype start = valueStart(end);
        if (container) {
            // RapidJSON's iterative reader reports a container before it consumes the bracket.
            start = end < size && (base[end] == '{' || base[end] == '[') ? end : std::max<qsizetype>(0, end - 1);
            end = start + 1;
        }
        Node n;
        n.type = type;
        n.layer = layer;
        n.parent = stack.empty() ? -1 : stack.back().first;
        if (haveKey) {
            n.key = std::move(key);
            key.clear();
            haveKey = false;
        }
        n.value = std::move(value);
        n.number = number;
        n.decimals = decimals;
        n.spanStart = static_cast<qint32>(offset + start);
        n.spanLength = static_cast<qint32>(end - start);
        const int id = d.appendNode(std::move(n));
        if (root < 0)
            root = id;
        prevEnd = end;
        if (container) {
            if (static_cast<int>(stack.size()) >= limits.maxJsonDepth)
                return false;
            stack.emplace_back(id, start);
        } else {
            ++leaves;
        }
        return true;
    }
    bool Null()
    {
        return add(NodeType::Null, QByteArray("null"));
    }
    bool Bool(bool b)
    {
        return add(NodeType::Bool, b ? QByteArray("true") : QByteArray("false"), b ? 1 : 0);
    }
    bool RawNumber(const char* s, rapidjson::SizeType len, bool)
    {
        double v = 0;
        std::from_chars(s, s + len, v);
        qint16 decimals = 0;
        for (rapidjson::SizeType i = 0; i < len; ++i) {
            if (s[i] == '.') {
                rapidjson::SizeType j = i + 1;
                while (j < len && s[j] >= '0' && s[j] <= '9')
                    ++j;
                decimals = static_cast<qint16>(j - i - 1);
                break;
            }
        }
        return add(NodeType::Number, QByteArray(s, static_cast<qsizetype>(len)), v, decimals);
    }
    bool String(const char* s, rapidjson::SizeType len, bool)
    {
        return add(NodeType::String, QByteArray(s, static_cast<qsizetype>(len)));
    }
    bool Key(const char* s, rapidjson::SizeType len, bool)
    {
        key = QByteArray(s, static_cast<qsizetype>(len));
        haveKey = true;
        prevEnd = tell();
        return true;
    }
    bool StartObject()
    {
        return add(NodeType::Object, {}, 0, -1, true);
    }
    bool StartArray()
    {
        return add(NodeType::Array, {}, 0, -1, true);
    }
    bool endContainer()
    {
        const qsizetype end = tell();
        Node& n = d.nodes[static_cast<size_t>(stack.back().first)];
        n.spanLength = static_cast<qint32>(offset + end - n.spanStart);
        stack.pop_back();
        prevEnd = end;
        return true;
    }
    bool EndObject(rapidjson::SizeType)
    {
        return endContainer();
    }
    bool EndArray(rapidjson::SizeType)
    {
        return endContainer();
    }
};

qsizetype skipSpace(QByteArrayView data, qsizetype pos)
{
    while (pos < data.size()) {
        const char c = data[pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        ++pos;
    }
    return pos;
}

} // namespace

int json(Decoded& d, int layer, QByteArrayView data, const Limits& limits, bool allowNdjson, bool* ndjson,
    qsizetype* brokenAt)
{
    if (ndjson)
        *ndjson = false;
    if (brokenAt)
        *brokenAt = -1;
    qsizetype pos = skipSpace(data, 0);
    if (data.sliced(pos).startsWith("\xEF\xBB\xBF"))
        pos = skipSpace(data, pos + 3);
    if (pos >= data.size() || (data[pos] != '{' && data[pos] != '['))
        return -1;
    const int mark = static_cast<int>(d.nodes.size());
    std::vector<int> roots;
    int arrayRoot = -1;
    while (pos < data.size()) {
        const QByteArrayView rest = data.sliced(pos);
        rapidjson::MemoryStream stream(rest.data(), static_cast<size_t>(rest.size()));
        Handler h(d, layer, limits, rest.data(), rest.size(), pos);
        h.stream = &stream;
        rapidjson::Reader reader;
        const rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, h);
        if (!ok) {
            const qsizetype at = pos + static_cast<qsizetype>(ok.Offset());
            // A truncated capture still tells a lot: keep a substantial prefix of the first document.
            if (roots.empty() && h.root >= 0 && h.leaves > 0 && at >= 16 && rest[0] != '\0') {
                if (brokenAt)
                    *brokenAt = at;
                for (const auto& [open, start] : h.stack)
                    d.nodes[static_cast<size_t>(open)].spanLength =
                        static_cast<qint32>(at - d.nodes[static_cast<size_t>(open)].spanStart);
                return h.root;
            }
            if (!roots.empty() && brokenAt)
                *brokenAt = at;
            if (roots.empty()) {
                d.truncateNodes(mark);
                return -1;
            }
            break;
        }
        roots.push_back(h.root);
        pos = skipSpace(data, pos + static_cast<qsizetype>(stream.Tell()));
        if (pos < data.size() && !allowNdjson) {
            d.truncateNodes(mark);
            return -1;
        }
        if (pos < data.size() && roots.size() == 1) {
            // Several documents: gather them under one array (the roots have no parent yet).
            Node a;
            a.type = NodeType::Array;
            a.layer = layer;
            a.spanStart = 0;
            a.spanLength = static_cast<qint32>(data.size());
            arrayRoot = d.appendNode(std::move(a));
        }
        if (arrayRoot >= 0) {
            Node& r = d.nodes[static_cast<size_t>(roots.back())];
            r.parent = arrayRoot;
            Node& a = d.nodes[static_cast<size_t>(arrayRoot)];
            r.index = a.childCount;
            if (a.lastChild >= 0)
                d.nodes[static_cast<size_t>(a.lastChild)].nextSibling = roots.back();
            else
                a.firstChild = roots.back();
            a.lastChild = roots.back();
            ++a.childCount;
        }
        if (pos < data.size() && data[pos] != '{' && data[pos] != '[') {
            if (brokenAt)
                *brokenAt = pos;
            break;
        }
    }
    if (arrayRoot >= 0) {
        if (ndjson)
            *ndjson = true;
        return arrayRoot;
    }
    return roots.empty() ? -1 : roots.front();
}

} // namespace Decode::Parsers
