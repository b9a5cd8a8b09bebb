// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The body decoders (app/decode, app/common compression): each parser alone, and the whole decoding engine
// behind a fuzzed Content-Type and Content-Encoding. Output limits are checked: a decompression bomb must stop
// at the size it was given.
#include "common/compression.h"
#include "common/contentcoding.h"
#include "decode/decoder.h"
#include "decode/framing.h"
#include "decode/magic.h"
#include "decode/multipart.h"
#include "decode/parsers.h"
#include "decode/textcodecs.h"
#include "fuzzinput.h"
#include "fuzztargets.h"
#include "uploads/exifreader.h"
#include "uploads/mediafingerprint.h"
#include "uploads/randomaccess.h"

using namespace Decode;

namespace {

QByteArray owned(QByteArrayView v)
{
    return v.toByteArray(); // its own allocation, so reads past the end are caught
}

/// Walks a decoded tree the way the detectors do.
void consume(const Decoded& d)
{
    for (const Token& t : d.tokens())
        Fuzz::touch(t.value), Fuzz::touch(t.chain);
    for (const auto& p : d.binaryPayloads())
        Fuzz::touch(d.payloadBytes(p)), Fuzz::touch(d.payloadChain(p));
    (void)d.bodyLayers();
    (void)d.multipartParts();
    for (size_t i = 0; i < d.nodes.size(); ++i) {
        const Node& node = d.nodes[i];
        // Parents may come after their children (NDJSON documents are gathered under an array made last).
        if (node.parent >= static_cast<int>(d.nodes.size()) || node.parent == static_cast<int>(i) || node.layer < 0
            || node.layer >= static_cast<int>(d.layers.size()))
            Fuzz::violated("decoded tree: a node links outside the tree or to no layer");
    }
}

Limits smallLimits()
{
    Limits l;
    l.maxTotalBytes = 4 << 20;
    l.maxNodes = 20000;
    return l;
}

/// Parses with one parser into a fresh single-layer Decoded.
template <typename Parse> void parseLayer(QByteArrayView data, const char* format, Parse parse)
{
    Decoded d;
    Layer layer;
    layer.data = owned(data);
    layer.location = "body";
    layer.format = format;
    d.layers.push_back(layer);
    const int root = parse(d, 0, QByteArrayView(d.layers[0].data));
    d.layers[0].root = root;
    if (root >= static_cast<int>(d.nodes.size()))
        Fuzz::violated("parser returned a root past its nodes");
    consume(d);
}

/// The whole engine: the first bytes choose the Content-Type and Content-Encoding, the rest is the body.
void body(const uint8_t* data, size_t size)
{
    static const QByteArrayView types[] = { "application/json", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=XyZ", "multipart/mixed", "application/xml", "text/xml", "application/x-plist",
        "application/x-protobuf", "application/grpc", "application/grpc-web+proto", "application/octet-stream",
        "text/plain; charset=utf-8", "application/x-ndjson", "image/jpeg", "",
        "application/x-www-form-urlencoded; charset=utf-16" };
    static const QByteArrayView codings[] = { "", "gzip", "deflate", "br", "zstd", "gzip, br", "identity", "x-gzip",
        "compress", "gzip, gzip" };
    Fuzz::Input in(data, size);
    const QByteArrayView type = types[in.byte() % std::size(types)];
    const QByteArrayView coding = codings[in.byte() % std::size(codings)];
    const uint8_t options = in.byte();
    Data::Headers headers;
    headers.push_back({ "content-type", type.toByteArray() });
    if (!coding.isEmpty())
        headers.push_back({ "content-encoding", coding.toByteArray() });
    if (options & 1)
        headers.push_back({ "transfer-encoding", "chunked" });
    const QByteArray bodyBytes = owned(in.rest());
    consume(decodeBody(bodyBytes, type, headers, coding, smallLimits()));
    if (options & 2) {
        Data::Flow flow;
        flow.url = QStringLiteral("https://t.example/p/") + QString::fromUtf8(bodyBytes.left(64).toPercentEncoding())
            + QStringLiteral("?q=") + QString::fromUtf8(bodyBytes.left(128).toPercentEncoding());
        flow.requestHeaders = headers;
        flow.requestHeaders.push_back({ "cookie", bodyBytes.left(256) });
        consume(decodeRequest(flow, bodyBytes, smallLimits()));
    }
    const ContentResult content = decodeContent(bodyBytes, headers, coding, {}, smallLimits());
    Fuzz::touch(content.data);
}

void json(const uint8_t* data, size_t size)
{
    const Limits limits = smallLimits();
    parseLayer(QByteArrayView(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)), "json",
        [&](Decoded& d, int layer, QByteArrayView bytes) {
            bool ndjson = false;
            qsizetype brokenAt = -1;
            const int root = Parsers::json(d, layer, bytes, limits, true, &ndjson, &brokenAt);
            if (brokenAt > bytes.size())
                Fuzz::violated("json: broken position past the input");
            return root;
        });
}

void protobuf(const uint8_t* data, size_t size)
{
    const Limits limits = smallLimits();
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    for (bool strict : { true, false })
        parseLayer(bytes, "protobuf",
            [&](Decoded& d, int layer, QByteArrayView b) { return Parsers::protobuf(d, layer, b, limits, strict); });
}

void form(const uint8_t* data, size_t size)
{
    const Limits limits = smallLimits();
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    parseLayer(
        bytes, "form", [&](Decoded& d, int layer, QByteArrayView b) { return Parsers::form(d, layer, b, limits); });
    parseLayer(bytes, "url-path",
        [&](Decoded& d, int layer, QByteArrayView b) { return Parsers::urlPath(d, layer, b, limits); });
    Fuzz::touch(TextCodecs::percentDecode(owned(bytes), true));
    (void)TextCodecs::looksLikeForm(owned(bytes));
}

void xml(const uint8_t* data, size_t size)
{
    const Limits limits = smallLimits();
    parseLayer(QByteArrayView(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)), "xml",
        [&](Decoded& d, int layer, QByteArrayView b) { return Parsers::xml(d, layer, b, limits); });
}

void plist(const uint8_t* data, size_t size)
{
    const Limits limits = smallLimits();
    parseLayer(QByteArrayView(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)), "plist",
        [&](Decoded& d, int layer, QByteArrayView b) { return Parsers::binaryPlist(d, layer, b, limits); });
}

void multipart(const uint8_t* data, size_t size)
{
    Fuzz::Input in(data, size);
    const QByteArray contentType = owned(in.chunk());
    const QByteArray bodyBytes = owned(in.rest());
    QByteArray boundary = Multipart::boundary(contentType);
    if (boundary.isEmpty())
        boundary = Multipart::sniffBoundary(bodyBytes);
    if (boundary.isEmpty())
        return;
    if (const auto parts = Multipart::split(bodyBytes, boundary, 200)) {
        for (const Multipart::Part& p : *parts) {
            if (p.offset < 0 || p.offset + p.data.size() > bodyBytes.size())
                Fuzz::violated("multipart: a part outside the body");
            Fuzz::touch(p.data);
        }
    }
}

/// Every decompressor with a fuzzed output limit: output must never pass it (bombs stop there).
void compression(const uint8_t* data, size_t size)
{
    static const Compression::Codec codecs[] = { Compression::Codec::Gzip, Compression::Codec::Zlib,
        Compression::Codec::RawDeflate, Compression::Codec::Brotli, Compression::Codec::Zstd };
    static const QByteArrayView codings[] = { "gzip", "deflate", "br", "zstd", "gzip, deflate", "x-gzip", "bogus" };
    Fuzz::Input in(data, size);
    const Compression::Codec codec = codecs[in.byte() % std::size(codecs)];
    const QByteArrayView coding = codings[in.byte() % std::size(codings)];
    const qint64 maxOutput = qint64(1) << (in.byte() % 23);
    const QByteArray input = owned(in.rest());
    const Compression::Result r = Compression::decompress(codec, input, maxOutput);
    if (r.data.size() > maxOutput)
        Fuzz::violated("decompress: output past maxOutput");
    const Framing::Unwrapped u = Framing::undoContentCoding(input, coding, maxOutput);
    if (u.data.size() > maxOutput)
        Fuzz::violated("undoContentCoding: output past maxOutput");
    QByteArray step;
    const Framing::Unwrapped s = Framing::sniffCompressed(input, maxOutput, &step);
    if (s.data.size() > maxOutput)
        Fuzz::violated("sniffCompressed: output past maxOutput");
    const ContentCoding::Decoded c = ContentCoding::decode(input, coding, maxOutput);
    if (c.ok && c.data.size() > maxOutput && !c.steps.isEmpty())
        Fuzz::violated("ContentCoding::decode: output past maxOutput");
    (void)Compression::looksIncompressible(input.left(4096));
}

/// Message framings inside bodies: chunked, HTTP/2 DATA frames, gRPC, WebSocket (with permessage-deflate).
void framing(const uint8_t* data, size_t size)
{
    Fuzz::Input in(data, size);
    const qint64 maxOutput = qint64(1) << (in.byte() % 22);
    const QByteArray input = owned(in.rest());
    if (const auto out = Framing::dechunk(input, maxOutput); out && out->size() > maxOutput)
        Fuzz::violated("dechunk: output past maxOutput");
    if (const auto streams = Framing::http2DataFrames(input, maxOutput))
        for (const auto& s : *streams)
            Fuzz::touch(s.data);
    if (const auto messages = Framing::splitGrpc(input))
        for (const auto& m : *messages)
            Fuzz::touch(m.data);
    QString error;
    if (const auto frames = Framing::unframeWebSocket(input, maxOutput, &error))
        for (const auto& f : *frames)
            Fuzz::touch(f.data);
    const Framing::Unwrapped w = Framing::inflateWebSocketMessage(input, maxOutput);
    if (w.data.size() > maxOutput)
        Fuzz::violated("inflateWebSocketMessage: output past maxOutput");
}

/// Values found in URLs, headers and strings: base64, hex, JWT, percent-encoding, and the value decoder.
void textCodecs(const uint8_t* data, size_t size)
{
    static const QByteArrayView locations[] = { "body", "query", "url-path", "header:authorization", "cookie:session",
        "header:x-data" };
    Fuzz::Input in(data, size);
    const QByteArrayView location = locations[in.byte() % std::size(locations)];
    const QByteArray text = owned(in.rest());
    TextCodecs::Base64Alphabet alphabet;
    if (const auto b = TextCodecs::base64(text, 4, &alphabet))
        Fuzz::touch(*b);
    if (const auto h = TextCodecs::hex(text, 4))
        Fuzz::touch(*h);
    if (const auto j = TextCodecs::jwt(text))
        Fuzz::touch(j->payload);
    (void)TextCodecs::isPrintableText(text);
    (void)TextCodecs::hasPercentEscape(text);
    consume(decodeValue(text, location, smallLimits()));
}

/// Media sniffing and fingerprinting (uploads): magic numbers, ISO-BMFF boxes, JPEG/EXIF, PNG, WebP, GIF.
void media(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const Magic::Sniffed s = Magic::sniff(bytes.left(64));
    (void)Magic::plausibleMinimumSize(s.kind);
    double lat = 0, lon = 0;
    (void)Magic::exifGps(bytes, &lat, &lon);
    MemoryAccess access(bytes);
    const Uploads::MediaFingerprint f = Uploads::probe(access);
    (void)f.describe();
    (void)f.toJson();
    Uploads::MediaFingerprint exif;
    (void)Uploads::readExif(bytes, exif);
}

} // namespace

namespace FuzzTargets {

std::vector<Target> decodeTargets()
{
    return {
        { "decode_body", body },
        { "decode_json", json },
        { "decode_protobuf", protobuf },
        { "decode_form", form },
        { "decode_xml", xml },
        { "decode_plist", plist },
        { "decode_multipart", multipart },
        { "decode_compression", compression },
        { "decode_framing", framing },
        { "decode_text", textCodecs },
        { "media_probe", media },
    };
}

} // namespace FuzzTargets
