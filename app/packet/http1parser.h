// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// HTTP/1.x over one connection (research/formats-and-detection.md §4.5): requests and responses paired in
// order (keep-alive, pipelining), bodies framed by Content-Length, chunked coding (with trailers) or the
// connection's end, with no body for HEAD, 1xx, 204 and 304. "100 Continue" is skipped; "101 Switching
// Protocols" hands the connection to WebSocket or HTTP/2; a successful CONNECT to a tunnel analyzer. Bodies
// keep their Content-Encoding (wire bytes). Gaps in the capture truncate the message they fall in, and the
// reader resynchronises at the next message start.

#include "httpflowsink.h"

#include <QByteArray>

#include <deque>
#include <memory>
#include <optional>

namespace Packet {

class Http1Session : public StreamAnalyzer
{
public:
    static constexpr qsizetype kMaxHeaderBlock = 256 * 1024;
    static constexpr qsizetype kMaxPausedBytes = 1 << 20;
    static constexpr size_t kMaxPending = 1024;

    Http1Session(HttpFlowSink& sink, const HttpContext& context);
    ~Http1Session() override;

    void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) override;
    void gap(int direction, uint64_t length, const ChunkInfo& info) override;
    void end(int direction, const ChunkInfo& info) override;
    void finish(int64_t ts) override;
    bool done() const override;

    /// "GET /", "POST http://", "OPTIONS *", …: a method token, a space and a request target.
    static bool looksLikeRequest(const uint8_t* data, size_t length);
    /// "HTTP/1.1 200" …
    static bool looksLikeResponse(const uint8_t* data, size_t length);

private:
    enum class State
    {
        StartLine,
        BodyLength,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Paused,
        Resync,
        Dead
    };
    struct Side
    {
        State state = State::StartLine;
        QByteArray buffer;
        uint64_t remaining = 0;
        bool bodyBroken = false; ///< bytes of the current body went missing: keep counting, stop keeping
        bool tooBig = false;
        bool sawMessage = false;
        bool gapPending = false; ///< a gap happened between messages: flag the next one
    };
    struct Exchange
    {
        Data::Flow flow;
        bool head = false;
        bool connect = false;
        QByteArray upgrade; ///< the Upgrade request header, lowercase
        bool requestDone = false;
        bool responseDone = false;
        bool responseStarted = false;
    };

    size_t startLine(int direction, const uint8_t* p, size_t n, const ChunkInfo& info);
    bool request(const QByteArray& block, const ChunkInfo& info);
    bool response(const QByteArray& block, const ChunkInfo& info, const uint8_t* rest, size_t restLength);
    size_t body(int direction, const uint8_t* p, size_t n, const ChunkInfo& info);
    size_t lineState(int direction, const uint8_t* p, size_t n, const ChunkInfo& info);
    void appendBody(int direction, const uint8_t* p, size_t n);
    void messageDone(int direction, const ChunkInfo& info);
    Exchange* requestTarget();
    Exchange* responseTarget();
    void emitReady();
    void emitExchange(Exchange& e);
    void upgradeTo(
        std::unique_ptr<StreamAnalyzer> analyzer, const uint8_t* rest, size_t restLength, const ChunkInfo& info);
    void resumeClient(const ChunkInfo& info);
    void lostSync(int direction);

    HttpFlowSink& m_sink;
    HttpContext m_context;
    Side m_side[2];
    std::deque<Exchange> m_exchanges; ///< in request order; emitted from the front when both halves are done
    bool m_requestInProgress = false;
    std::optional<Exchange> m_orphan; ///< a response with no request to pair it with (capture started late)
    std::unique_ptr<StreamAnalyzer> m_upgraded;
    std::optional<Data::Flow> m_webSocketFlow; ///< the upgrade request, emitted at the end with its messages
    QByteArray m_paused; ///< client bytes after an Upgrade/CONNECT request, until the server answers
    int64_t m_pausedTs = 0;
};

} // namespace Packet
