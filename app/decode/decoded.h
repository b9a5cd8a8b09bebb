// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

/// What the decoder chain (decoder.h) produces for one HTTP message: every readable piece of it, unpacked
/// as far as the limits allow, with the steps that led to each piece (research/formats-and-detection.md §6.1).
///
/// A message is a set of **layers**: byte strings at one level of unpacking. The carriers of a request (its
/// URL path, query, each header, each cookie, the body) are the top layers; every decoding step (gzip,
/// base64, a JSON string holding JSON, a multipart part …) adds a layer whose parent is the node it came
/// from. Structured layers (JSON, forms, XML, plists, protobuf) are parsed into **nodes**, a tree per layer.
/// A leaf node's `chain()` says how it was reached, e.g. `gzip>json>$.events[3].payload>base64>json>$.email`.
namespace Decode {

/// Guards applied to one message (all layers together).
struct Limits
{
    int maxDepth = 6; ///< decoding steps below a carrier (gzip → json → base64 → json … counts 4)
    double maxExpansion = 100.0; ///< decompressed size / compressed size, per step
    qint64 minExpansionAllowance = 64 * 1024; ///< tiny inputs may always expand to this much
    qint64 maxTotalBytes = 64 * 1024 * 1024; ///< all layers of one message together
    int maxNodes = 250000; ///< parsed nodes of one message
    int maxJsonDepth = 200; ///< nesting inside one JSON/XML/plist/protobuf document
    int timeBudgetMs = 400; ///< CPU time per message; decoding stops (and says so) when it runs out
};

enum class NodeType : quint8
{
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
    Bytes
};

/// How a number node was read; protobuf numbers carry several readings (§6.1 4).
enum class NumberKind : quint8
{
    Text, ///< written as text (JSON, XML, forms): `decimals` says how many digits followed the point
    Varint, ///< protobuf varint: `integer` is the raw value, `zigzag` the sint reading, `number` the raw as double
    Fixed64, ///< protobuf I64: `number` is the double reading, `integer` the fixed64 reading
    Fixed32, ///< protobuf I32: `number` is the float reading, `integer` the fixed32 reading
};

struct Node
{
    NodeType type = NodeType::Null;
    NumberKind numberKind = NumberKind::Text;
    qint16 decimals = -1; ///< digits after the decimal point as written; -1 unknown or not a number
    int layer = -1; ///< the layer this node was parsed from
    int parent = -1;
    int firstChild = -1;
    int lastChild = -1;
    int nextSibling = -1;
    int childCount = 0;
    int index = -1; ///< position in the parent array (or repeated protobuf field); -1 in an object
    int decoded = -1; ///< a layer decoded from this node's value (base64, JSON-in-string …), or -1
    qint32 spanStart = -1; ///< byte offset of the value in its layer's data (-1 when unknown)
    qint32 spanLength = 0;
    double number = 0;
    qint64 integer = 0;
    qint64 zigzag = 0;
    QByteArray key; ///< member name in the parent object ("email", "#2" for protobuf field 2, "@id" for XML attributes)
    QByteArray value; ///< String/Bytes: the decoded content; Number/Bool: the text as written

    bool isLeaf() const
    {
        return type != NodeType::Object && type != NodeType::Array;
    }
};

struct Layer
{
    QByteArray data; ///< the bytes at this level
    QByteArray location; ///< the carrier: "url-path", "query", "header:<name>", "cookie:<name>", "body"
    QByteArray chain; ///< steps from the carrier to this layer, e.g. "gzip>json>$.a>base64"; empty for a raw carrier
    QByteArray format; ///< how it was parsed: json, ndjson, form, multipart, xml, plist, protobuf, jwt, text, binary
    QByteArray contentType; ///< for bodies and multipart parts
    QByteArray partName; ///< multipart: the form field name
    QByteArray fileName; ///< multipart: the file name, if any
    int parentLayer = -1;
    int parentNode = -1; ///< the node whose value this layer decodes (-1 for carriers and unframed bodies)
    int root = -1; ///< root node of the parsed tree, or -1
    int depth = 0; ///< decoding steps below the carrier
    bool binary = false; ///< not text: media, unknown binary, protobuf
};

/// One value the detectors look at: a leaf node with where it was and how it was reached.
struct Token
{
    int node = -1;
    int layer = -1;
    QByteArray location;
    QByteArray key; ///< the nearest member name (for array elements, the array's name)
    QByteArray path; ///< the path inside its layer, "$.events[3].payload"
    QByteArray chain; ///< layer chain + path, e.g. "gzip>json>$.events[3].payload>base64>json>$.email"
    QByteArray value;
};

/// The decoded message. Nodes and layers refer to each other by index.
struct Decoded
{
    std::vector<Layer> layers;
    std::vector<Node> nodes;
    QStringList
        notes; ///< what could not be decoded and why ("gzip: corrupt compressed data at …", "time budget spent")
    bool truncated = false; ///< a limit stopped decoding somewhere

    /// "$.events[3].payload" for a node of a JSON layer, "$.#2.#5" for protobuf, "$[1]" for a URL path segment.
    QByteArray path(int node) const;
    /// The full chain to a node: its layer's chain, the layer format and the node's path.
    QByteArray chain(int node) const;
    /// The member name that best describes a node: its own key, or for array elements the array's key.
    QByteArray keyOf(int node) const;
    /// Every leaf node (strings, numbers, booleans, bytes), in document order, carriers first.
    std::vector<Token> tokens() const;
    /// The same without `path` and `chain` (cheap: for scanning every value; ask chain(node) for the few
    /// that matter).
    std::vector<Token> leaves() const;
    /// The children of a node, in order.
    std::vector<int> children(int node) const;
    /// The child of an object node with this key (first one), or -1.
    int child(int node, QByteArrayView key) const;
    /// The top layer (carrier) a layer descends from.
    int carrierOf(int layer) const;
    /// The layers whose location is "body" and that have no parent node: the body as sent and each unframing
    /// or content-decoding step of it, outermost first.
    std::vector<int> bodyLayers() const;
    /// The layers that are multipart parts (form-data or mixed), in order.
    std::vector<int> multipartParts() const;
    /// Every binary payload worth sniffing for media: binary layers and Bytes nodes, as (layer, node) pairs
    /// where node is -1 for a whole layer.
    std::vector<std::pair<int, int>> binaryPayloads() const;
    /// The bytes of a binary payload from binaryPayloads().
    QByteArrayView payloadBytes(const std::pair<int, int>& payload) const;
    /// The chain of a binary payload from binaryPayloads().
    QByteArray payloadChain(const std::pair<int, int>& payload) const;

    /// Appends a node and links it as the last child of `node.parent` (when ≥ 0); array elements get their
    /// index. Returns its index. Used by the parsers.
    int appendNode(Node&& node);
    /// Removes nodes from `size` on (a parser that gave up); they must not be linked from older nodes.
    void truncateNodes(int size);
};

} // namespace Decode
