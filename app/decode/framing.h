// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <vector>

/// The byte-level unwrapping steps of the decoder chain (research §6.1 1–2): content encodings and the
/// framings bodies can still carry when a capture tool kept them as sent (HTTP/1 chunked, HTTP/2 DATA frames,
/// WebSocket frames, gRPC and gRPC-Web messages). Every function is bounded and returns nothing (or an error)
/// instead of guessing when the bytes do not fit the format exactly.
namespace Decode::Framing {

struct Unwrapped
{
    QByteArray data;
    bool ok = false;
    bool limitReached = false; ///< output stopped at the allowed size; `data` holds a prefix
    QString error;
};

bool looksGzip(QByteArrayView data);
bool looksZstd(QByteArrayView data);
/// A valid two-byte zlib header (CM 8, window ≤ 32 KiB, no preset dictionary, header checksum).
bool looksZlib(QByteArrayView data);

/// Undoes one Content-Encoding token ("gzip", "x-gzip", "deflate", "br", "zstd"; "identity" and unknown
/// tokens return ok=false with an error). "deflate" tries zlib first, then raw deflate (servers disagree).
Unwrapped undoContentCoding(QByteArrayView data, QByteArrayView coding, qint64 maxOutput);

/// Decompresses data recognised by its magic (gzip, zstd, zlib) without a header saying so; `step` is set to
/// the coding's name. Returns ok=false when nothing matched.
Unwrapped sniffCompressed(QByteArrayView data, qint64 maxOutput, QByteArray* step);

/// HTTP/1.1 chunked transfer coding, only when the whole input is well-formed chunks ending in a zero chunk.
std::optional<QByteArray> dechunk(QByteArrayView data, qint64 maxOutput);

/// HTTP/2 frames (an optional connection preface, then 9-byte frame headers): the DATA payloads (padding
/// removed) per stream, in stream order of first appearance. Nothing unless every byte belongs to a frame of
/// a known type and at least one DATA frame is present.
struct Http2Stream
{
    quint32 streamId = 0;
    QByteArray data;
};
std::optional<std::vector<Http2Stream>> http2DataFrames(QByteArrayView data, qint64 maxOutput);

/// gRPC / gRPC-Web length-prefixed messages (1 flag byte + u32 big-endian length); the whole input must be
/// messages. gRPC-Web trailer frames (flag 0x80) are kept with `trailer` set.
struct GrpcMessage
{
    bool compressed = false;
    bool trailer = false;
    QByteArray data;
};
std::optional<std::vector<GrpcMessage>> splitGrpc(QByteArrayView data);

/// WebSocket frames (RFC 6455) as a client or server sent them: unmasked, fragments joined, and
/// permessage-deflate (RSV1) messages inflated with one shared window per direction. Control frames are
/// dropped. Nothing unless the whole input parses as frames.
struct WebSocketFrameMessage
{
    int opcode = 1; ///< 1 text, 2 binary
    bool wasCompressed = false;
    QByteArray data;
};
std::optional<std::vector<WebSocketFrameMessage>> unframeWebSocket(
    QByteArrayView data, qint64 maxOutput, QString* error = nullptr);

/// Inflates one permessage-deflate message body (RFC 7692: raw deflate without the final 00 00 FF FF),
/// for messages a capture tool already unframed.
Unwrapped inflateWebSocketMessage(QByteArrayView data, qint64 maxOutput);

} // namespace Decode::Framing
