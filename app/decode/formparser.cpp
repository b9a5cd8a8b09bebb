// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "parsers.h"
#include "textcodecs.h"

namespace Decode::Parsers {

int form(Decoded& d, int layer, QByteArrayView data, const Limits& limits)
{
    Node root;
    root.type = NodeType::Object;
    root.layer = layer;
    root.spanStart = 0;
    root.spanLength = static_cast<qint32>(data.size());
    const int rootId = d.appendNode(std::move(root));
    qsizetype start = 0;
    while (start < data.size()) {
        qsizetype end = data.indexOf('&', start);
        if (end < 0)
            end = data.size();
        const QByteArrayView pair = data.sliced(start, end - start);
        if (!pair.isEmpty()) {
            if (static_cast<int>(d.nodes.size()) >= limits.maxNodes)
                break;
            const qsizetype eq = pair.indexOf('=');
            Node n;
            n.type = NodeType::String;
            n.layer = layer;
            n.parent = rootId;
            n.key = TextCodecs::percentDecode(eq < 0 ? pair : pair.first(eq), true);
            QByteArrayView raw = eq < 0 ? QByteArrayView() : pair.sliced(eq + 1);
            // Many clients send "phone=+1650…" without encoding the '+'; a space before digits is rarer than
            // an international prefix, so a leading '+' before a digit stays a '+'.
            const bool keepPlus = raw.size() > 1 && raw[0] == '+' && raw[1] >= '0' && raw[1] <= '9';
            n.value =
                keepPlus ? '+' + TextCodecs::percentDecode(raw.sliced(1), true) : TextCodecs::percentDecode(raw, true);
            n.spanStart = static_cast<qint32>(eq < 0 ? start : start + eq + 1);
            n.spanLength = static_cast<qint32>(eq < 0 ? pair.size() : pair.size() - eq - 1);
            d.appendNode(std::move(n));
        }
        start = end + 1;
    }
    return rootId;
}

int urlPath(Decoded& d, int layer, QByteArrayView path, const Limits& limits)
{
    Node root;
    root.type = NodeType::Array;
    root.layer = layer;
    root.spanStart = 0;
    root.spanLength = static_cast<qint32>(path.size());
    const int rootId = d.appendNode(std::move(root));
    qsizetype start = path.startsWith('/') ? 1 : 0;
    while (start < path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        if (end > start) {
            if (static_cast<int>(d.nodes.size()) >= limits.maxNodes)
                break;
            QByteArrayView seg = path.sliced(start, end - start);
            // Matrix parameters (";jsessionid=…") belong to the segment; keep them in the value.
            Node n;
            n.type = NodeType::String;
            n.layer = layer;
            n.parent = rootId;
            n.value = TextCodecs::percentDecode(seg, false);
            n.spanStart = static_cast<qint32>(start);
            n.spanLength = static_cast<qint32>(seg.size());
            d.appendNode(std::move(n));
        }
        start = end + 1;
    }
    return rootId;
}

} // namespace Decode::Parsers
