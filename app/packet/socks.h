// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// SOCKS 4, 4a and 5 proxy handshakes (RFC 1928, RFC 1929): the destination the client asked the proxy
// for becomes a CONNECT-like flow, and what follows the proxy's "granted" reply is read like any other
// stream (TLS, HTTP, …) through a tunnel analyzer.

#include "httpflowsink.h"

#include <QByteArray>

namespace Packet {

class SocksSession : public StreamAnalyzer
{
public:
    static constexpr qsizetype kMaxHandshake = 4096;

    SocksSession(HttpFlowSink& sink, const HttpContext& context);
    ~SocksSession() override;

    void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) override;
    void gap(int direction, uint64_t length, const ChunkInfo& info) override;
    void end(int direction, const ChunkInfo& info) override;
    void finish(int64_t ts) override;
    bool done() const override;

    /// A client's first bytes that open a SOCKS 4/4a or 5 handshake.
    static bool looksLikeClientHello(const uint8_t* data, size_t length);
    /// The destination a SOCKS request names ("example.com:443"), or empty (for tests).
    static QString destination(const QByteArray& request, int version);

private:
    enum class Step
    {
        Greeting,
        Auth,
        Request,
        WaitReply,
        Tunnel,
        Failed
    };
    void client(const ChunkInfo& info);
    void server(const ChunkInfo& info);
    void openTunnel(const ChunkInfo& info);
    void fail();

    HttpFlowSink& m_sink;
    HttpContext m_context;
    int m_version = 0;
    Step m_clientStep = Step::Greeting;
    int m_serverStep = 0; ///< SOCKS 5: 0 method choice, 1 auth reply (if asked), 2 reply
    bool m_authChosen = false;
    QByteArray m_buffer[2];
    Data::Flow m_flow;
    bool m_haveFlow = false;
    std::unique_ptr<StreamAnalyzer> m_tunnel;
    bool m_failed = false;
};

} // namespace Packet
