// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// XML (QXmlStreamReader, which refuses external entities and bounds entity expansion) into decoder nodes.
#include "parsers.h"

#include <QXmlStreamReader>

#include <charconv>
#include <memory>

namespace Decode::Parsers {

namespace {

struct Element
{
    QByteArray name;
    std::vector<std::pair<QByteArray, QByteArray>> attributes;
    QByteArray text;
    std::vector<std::unique_ptr<Element>> children;
};

bool readTree(QByteArrayView data, const Limits& limits, Element* root)
{
    QXmlStreamReader xml(data.toByteArray());
    std::vector<Element*> stack;
    int elements = 0;
    bool sawRoot = false;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            if (++elements > limits.maxNodes || static_cast<int>(stack.size()) >= limits.maxJsonDepth)
                return false;
            Element* e;
            if (stack.empty()) {
                if (sawRoot)
                    return false;
                sawRoot = true;
                e = root;
            } else {
                stack.back()->children.push_back(std::make_unique<Element>());
                e = stack.back()->children.back().get();
            }
            e->name = xml.qualifiedName().toUtf8();
            for (const QXmlStreamAttribute& a : xml.attributes())
                e->attributes.emplace_back(a.qualifiedName().toUtf8(), a.value().toUtf8());
            stack.push_back(e);
        } else if (token == QXmlStreamReader::EndElement) {
            stack.pop_back();
        } else if (token == QXmlStreamReader::Characters && !stack.empty()) {
            stack.back()->text += xml.text().toUtf8();
        } else if (token == QXmlStreamReader::DTD) {
            // Property lists carry a DOCTYPE; anything declaring entities is not something apps send.
            if (!xml.entityDeclarations().isEmpty())
                return false;
        }
    }
    // A document cut short keeps what came before, like truncated JSON.
    return sawRoot && (!xml.hasError() || xml.error() == QXmlStreamReader::PrematureEndOfDocumentError);
}

int addNode(Decoded& d, int layer, int parent, NodeType type, QByteArray key, QByteArray value)
{
    Node n;
    n.type = type;
    n.layer = layer;
    n.parent = parent;
    n.key = std::move(key);
    if (type == NodeType::Number) {
        const QByteArray t = value.trimmed();
        std::from_chars(t.constData(), t.constData() + t.size(), n.number);
        const qsizetype dot = t.indexOf('.');
        n.decimals = static_cast<qint16>(dot < 0 ? 0 : t.size() - dot - 1);
        value = t;
    }
    n.value = std::move(value);
    return d.appendNode(std::move(n));
}

bool isNumber(const QByteArray& t)
{
    if (t.isEmpty() || t.size() > 40)
        return false;
    double v;
    const auto r = std::from_chars(t.constData(), t.constData() + t.size(), v);
    return r.ec == std::errc() && r.ptr == t.constData() + t.size();
}

void convertGeneric(Decoded& d, int layer, int parent, const Element& e, const Limits& limits)
{
    if (static_cast<int>(d.nodes.size()) >= limits.maxNodes)
        return;
    const QByteArray text = e.text.trimmed();
    if (e.children.empty() && e.attributes.empty()) {
        addNode(d, layer, parent, isNumber(text) ? NodeType::Number : NodeType::String, e.name, text);
        return;
    }
    Node n;
    n.type = NodeType::Object;
    n.layer = layer;
    n.parent = parent;
    n.key = e.name;
    const int id = d.appendNode(std::move(n));
    for (const auto& [name, value] : e.attributes)
        addNode(d, layer, id, NodeType::String, '@' + name, value);
    for (const auto& c : e.children)
        convertGeneric(d, layer, id, *c, limits);
    if (!text.isEmpty())
        addNode(d, layer, id, NodeType::String, "#text", text);
}

void convertPlist(Decoded& d, int layer, int parent, QByteArray key, const Element& e, const Limits& limits)
{
    if (static_cast<int>(d.nodes.size()) >= limits.maxNodes)
        return;
    const QByteArray& t = e.name;
    if (t == "dict") {
        Node n;
        n.type = NodeType::Object;
        n.layer = layer;
        n.parent = parent;
        n.key = std::move(key);
        const int id = d.appendNode(std::move(n));
        QByteArray pending;
        for (const auto& c : e.children) {
            if (c->name == "key")
                pending = c->text;
            else
                convertPlist(d, layer, id, std::exchange(pending, {}), *c, limits);
        }
    } else if (t == "array") {
        Node n;
        n.type = NodeType::Array;
        n.layer = layer;
        n.parent = parent;
        n.key = std::move(key);
        const int id = d.appendNode(std::move(n));
        for (const auto& c : e.children)
            convertPlist(d, layer, id, {}, *c, limits);
    } else if (t == "integer" || t == "real") {
        addNode(d, layer, parent, NodeType::Number, std::move(key), e.text);
    } else if (t == "true" || t == "false") {
        addNode(d, layer, parent, NodeType::Bool, std::move(key), t);
    } else if (t == "data") {
        QByteArray compact = e.text;
        compact.replace(' ', "").replace('\n', "").replace('\t', "").replace('\r', "");
        addNode(d, layer, parent, NodeType::Bytes, std::move(key), QByteArray::fromBase64(compact));
    } else {
        addNode(d, layer, parent, NodeType::String, std::move(key), e.text);
    }
}

} // namespace

int xml(Decoded& d, int layer, QByteArrayView data, const Limits& limits)
{
    Element root;
    if (!readTree(data, limits, &root))
        return -1;
    const int mark = static_cast<int>(d.nodes.size());
    if (root.name == "plist" && root.children.size() == 1) {
        convertPlist(d, layer, -1, {}, *root.children.front(), limits);
    } else {
        convertGeneric(d, layer, -1, root, limits);
    }
    if (static_cast<int>(d.nodes.size()) == mark)
        return -1;
    d.nodes[static_cast<size_t>(mark)].spanStart = 0;
    d.nodes[static_cast<size_t>(mark)].spanLength = static_cast<qint32>(data.size());
    return mark;
}

} // namespace Decode::Parsers
