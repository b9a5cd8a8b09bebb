// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"
#include "decoded.h"

#include <QByteArrayView>

/// The bounded body decoding chain (research/formats-and-detection.md §6.1).
///
/// Which function to call:
/// - **decodeRequest / decodeResponse**: everything a detector looks at in one side of a flow: the URL
///   path and query (requests), each header, each cookie, the body, and WebSocket messages of that side,
///   each unpacked as far as the Limits allow. The result (decoded.h) lists layers and nodes; `tokens()`
///   flattens the leaves with their location, key, path and `encoding_chain`.
/// - **decodeContent**: only the byte-level steps of a body (HTTP/1 chunked, HTTP/2 DATA frames,
///   Content-Encoding in any order, sniffed gzip/zlib/zstd when headers are missing or wrong), for callers
///   that need the body as the application produced it, e.g. to hash an upload.
/// - **decodeBody**: one body on its own (Content-Type and headers given), e.g. a stored upload chunk; its
///   multipart parts are `multipartParts()` of the result (each part a layer with partName, fileName,
///   contentType and the part's bytes after any Content-Transfer-Encoding), its binary payloads (media in
///   bodies, parts or base64 strings) `binaryPayloads()`. multipart.h splits a body without decoding.
/// - **decodeValue**: one string (a header value, a copied text) through the nested decodings.
///
/// Everything is bounded: decoding depth, the expansion of every decompression, the bytes of all layers of
/// one message, the number of nodes and a time budget; when a limit stops decoding, `truncated` is set and
/// `notes` says which. Hostile input never crashes it; input that is not what its headers claim is sniffed.
namespace Decode {

struct ContentResult
{
    QByteArray data; ///< the decoded bytes (the input when there was nothing to undo)
    QByteArray chain; ///< the steps undone, e.g. "chunked>gzip" (empty when none)
    QStringList notes;
    bool truncated = false;
};

/// Undoes framing and content encodings of a body. `l7` is the flow's l7 ("h2" enables HTTP/2 frame
/// recognition; "ws" WebSocket frames).
ContentResult decodeContent(QByteArrayView body, const Data::Headers& headers, QByteArrayView contentEncoding,
    QByteArrayView l7 = {}, const Limits& limits = {});

/// The request side of a flow: URL path, query, headers, cookies, `body` (the request body's bytes as
/// stored; flow.requestBody.contentEncoding says what is still applied) and client WebSocket messages.
Decoded decodeRequest(const Data::Flow& flow, QByteArrayView body, const Limits& limits = {});

/// The response side of a flow: headers, Set-Cookie values, `body`, server WebSocket messages.
Decoded decodeResponse(const Data::Flow& flow, QByteArrayView body, const Limits& limits = {});

/// One body on its own. `headers` may be empty; `contentEncoding` lists encodings still applied.
Decoded decodeBody(QByteArrayView body, QByteArrayView contentType, const Data::Headers& headers = {},
    QByteArrayView contentEncoding = {}, const Limits& limits = {});

/// One text value through the nested decodings (JSON-in-string, JWT, base64, hex, URL encoding, forms).
Decoded decodeValue(QByteArrayView value, QByteArrayView location = "body", const Limits& limits = {});

} // namespace Decode
