// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "decoded.h"

#include <algorithm>

namespace Decode {

namespace {

bool isPlainIdentifier(const QByteArray& key)
{
    if (key.isEmpty())
        return false;
    for (char c : key) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                || c == '#' || c == '@' || c == '$'))
            return false;
    }
    return true;
}

} // namespace

int Decoded::appendNode(Node&& node)
{
    const int id = static_cast<int>(nodes.size());
    if (node.parent >= 0) {
        Node& p = nodes[static_cast<size_t>(node.parent)];
        if (p.type == NodeType::Array)
            node.index = p.childCount;
        if (p.lastChild >= 0)
            nodes[static_cast<size_t>(p.lastChild)].nextSibling = id;
        else
            p.firstChild = id;
        p.lastChild = id;
        ++p.childCount;
    }
    nodes.push_back(std::move(node));
    return id;
}

void Decoded::truncateNodes(int size)
{
    if (size < static_cast<int>(nodes.size()))
        nodes.resize(static_cast<size_t>(size));
}

QByteArray Decoded::path(int id) const
{
    std::vector<int> up;
    for (int n = id; n >= 0; n = nodes[static_cast<size_t>(n)].parent)
        up.push_back(n);
    QByteArray out = "$";
    for (auto it = up.rbegin(); it != up.rend(); ++it) {
        const Node& n = nodes[static_cast<size_t>(*it)];
        if (n.parent < 0)
            continue;
        if (n.index >= 0 && nodes[static_cast<size_t>(n.parent)].type == NodeType::Array) {
            out += '[' + QByteArray::number(n.index) + ']';
        } else if (isPlainIdentifier(n.key)) {
            out += '.' + n.key;
        } else {
            QByteArray k = n.key.left(64);
            k.replace('\\', "\\\\").replace('\'', "\\'");
            out += "['" + k + "']";
        }
    }
    return out;
}

QByteArray Decoded::chain(int id) const
{
    const Node& n = nodes[static_cast<size_t>(id)];
    const Layer& l = layers[static_cast<size_t>(n.layer)];
    QByteArray out = l.chain;
    // Carriers whose format is implied by the location (a header value, a cookie) add nothing; others name
    // the format and the path inside it.
    const bool trivial = (l.format == "text" || l.format == "binary") && n.parent < 0;
    if (!trivial) {
        if (!out.isEmpty())
            out += '>';
        out += l.format;
        const QByteArray p = path(id);
        if (p != "$")
            out += '>' + p;
    }
    return out;
}

QByteArray Decoded::keyOf(int id) const
{
    for (int n = id; n >= 0;) {
        const Node& node = nodes[static_cast<size_t>(n)];
        if (!node.key.isEmpty())
            return node.key;
        if (node.parent >= 0) {
            n = node.parent;
            continue;
        }
        // The root of a decoded layer: the key of the string it was decoded from.
        const Layer& l = layers[static_cast<size_t>(node.layer)];
        if (l.parentNode >= 0) {
            n = l.parentNode;
            continue;
        }
        if (!l.partName.isEmpty())
            return l.partName;
        if (l.location.startsWith("header:") || l.location.startsWith("cookie:"))
            return l.location.mid(l.location.indexOf(':') + 1);
        return {};
    }
    return {};
}

std::vector<int> Decoded::children(int id) const
{
    std::vector<int> out;
    for (int c = nodes[static_cast<size_t>(id)].firstChild; c >= 0; c = nodes[static_cast<size_t>(c)].nextSibling)
        out.push_back(c);
    return out;
}

int Decoded::child(int id, QByteArrayView key) const
{
    for (int c = nodes[static_cast<size_t>(id)].firstChild; c >= 0; c = nodes[static_cast<size_t>(c)].nextSibling) {
        if (nodes[static_cast<size_t>(c)].key == key)
            return c;
    }
    return -1;
}

int Decoded::carrierOf(int layer) const
{
    while (layer >= 0 && layers[static_cast<size_t>(layer)].parentLayer >= 0)
        layer = layers[static_cast<size_t>(layer)].parentLayer;
    return layer;
}

std::vector<Token> Decoded::leaves() const
{
    std::vector<Token> out;
    out.reserve(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Node& n = nodes[i];
        if (!n.isLeaf())
            continue;
        Token t;
        t.node = static_cast<int>(i);
        t.layer = n.layer;
        t.location = layers[static_cast<size_t>(n.layer)].location;
        t.key = keyOf(t.node);
        t.value = n.value;
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<Token> Decoded::tokens() const
{
    std::vector<Token> out;
    out.reserve(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Node& n = nodes[i];
        if (!n.isLeaf())
            continue;
        Token t;
        t.node = static_cast<int>(i);
        t.layer = n.layer;
        t.location = layers[static_cast<size_t>(n.layer)].location;
        t.key = keyOf(t.node);
        t.path = path(t.node);
        t.chain = chain(t.node);
        t.value = n.value;
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<int> Decoded::bodyLayers() const
{
    std::vector<int> out;
    for (size_t i = 0; i < layers.size(); ++i) {
        const Layer& l = layers[i];
        if (l.location == "body" && l.parentNode < 0 && l.partName.isEmpty() && l.fileName.isEmpty()
            && !l.chain.contains("multipart"))
            out.push_back(static_cast<int>(i));
    }
    return out;
}

std::vector<int> Decoded::multipartParts() const
{
    std::vector<int> out;
    for (size_t i = 0; i < layers.size(); ++i) {
        const Layer& l = layers[i];
        if (l.parentLayer >= 0 && layers[static_cast<size_t>(l.parentLayer)].format == "multipart" && l.parentNode < 0)
            out.push_back(static_cast<int>(i));
    }
    return out;
}

std::vector<std::pair<int, int>> Decoded::binaryPayloads() const
{
    std::vector<std::pair<int, int>> out;
    for (size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].binary)
            out.emplace_back(static_cast<int>(i), -1);
    }
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].type == NodeType::Bytes && nodes[i].decoded < 0)
            out.emplace_back(nodes[i].layer, static_cast<int>(i));
    }
    return out;
}

QByteArrayView Decoded::payloadBytes(const std::pair<int, int>& p) const
{
    if (p.second >= 0)
        return nodes[static_cast<size_t>(p.second)].value;
    return layers[static_cast<size_t>(p.first)].data;
}

QByteArray Decoded::payloadChain(const std::pair<int, int>& p) const
{
    if (p.second >= 0)
        return chain(p.second);
    const Layer& l = layers[static_cast<size_t>(p.first)];
    return l.chain.isEmpty() ? l.format : l.chain;
}

} // namespace Decode
