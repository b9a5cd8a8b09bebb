// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// HTTP/2 (RFC 9113) read from both directions of a connection: frames, header blocks decoded with
// libnghttp2's HPACK inflater (stateful per direction, research/formats-and-detection.md §4.8), bodies
// from DATA frames. One flow per stream. Used for h2c (prior knowledge or Upgrade) and decrypted TLS.

#include "httpflowsink.h"

#include <QByteArray>

#include <optional>
#include <unordered_map>

struct nghttp2_hd_inflater;

namespace Packet {

class Http2Session : public StreamAnalyzer
{
public:
    static constexpr size_t kMaxStreams = 4096;
    static constexpr uint32_t kMaxFrame = 16u << 20;
    static constexpr qsizetype kMaxHeaderBlock = 1 << 20;

    /// `upgradeRequest`: after "Upgrade: h2c", the HTTP/1.1 request that becomes stream 1.
    Http2Session(HttpFlowSink& sink, const HttpContext& context, std::optional<Data::Flow> upgradeRequest = {});
    ~Http2Session() override;
    Http2Session(const Http2Session&) = delete;
    Http2Session& operator=(const Http2Session&) = delete;

    void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) override;
    void gap(int direction, uint64_t length, const ChunkInfo& info) override;
    void finish(int64_t ts) override;
    bool done() const override
    {
        return m_side[0].broken && m_side[1].broken;
    }

    /// The client connection preface.
    static bool startsWithPreface(const uint8_t* data, size_t length);

private:
    struct Stream
    {
        Data::Flow flow;
        bool haveRequest = false;
        bool haveResponse = false;
        bool requestEnded = false;
        bool responseEnded = false;
        bool requestBodyTooBig = false;
        bool responseBodyTooBig = false;
    };
    struct Side
    {
        QByteArray buffer;
        size_t prefaceLeft = 0;
        nghttp2_hd_inflater* inflater = nullptr;
        // A header block spread over HEADERS/PUSH_PROMISE + CONTINUATION frames.
        uint32_t blockStream = 0;
        uint32_t promisedStream = 0;
        bool blockEndsStream = false;
        bool inBlock = false;
        QByteArray block;
        bool broken = false;
    };

    void frame(int direction, uint8_t type, uint8_t flags, uint32_t streamId, const uint8_t* payload, size_t length,
        const ChunkInfo& info);
    void headerBlockDone(int direction, const ChunkInfo& info);
    bool inflate(int direction, const QByteArray& block, Data::Headers& out);
    Stream* stream(uint32_t id, const ChunkInfo& info, bool create);
    void applyRequestHeaders(Stream& s, Data::Headers&& headers);
    void applyResponseHeaders(Stream& s, Data::Headers&& headers);
    void streamEnded(uint32_t id, int direction, const ChunkInfo& info);
    void emitStream(Stream& s);
    void markBroken(int direction);

    HttpFlowSink& m_sink;
    HttpContext m_context;
    Side m_side[2];
    std::unordered_map<uint32_t, Stream> m_streams;
    uint64_t m_droppedStreams = 0;
};

} // namespace Packet
