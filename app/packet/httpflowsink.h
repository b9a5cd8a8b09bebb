// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"
#include "streamanalyzer.h"

#include <QString>

#include <memory>

namespace Packet {

/// Where the HTTP/1, HTTP/2 and WebSocket readers of one connection send what they find. The packet
/// pipeline implements it per conversation and fills in what the readers cannot know (endpoints, app, TLS).
class HttpFlowSink
{
public:
    virtual ~HttpFlowSink();
    virtual void httpFlow(Data::Flow&& flow) = 0;
    /// After a successful CONNECT: an analyzer for the tunnelled bytes, or nullptr to ignore them.
    virtual std::unique_ptr<StreamAnalyzer> tunnelAnalyzer() = 0;
};

/// What the HTTP readers need to know about their connection.
struct HttpContext
{
    QString scheme = QStringLiteral("http"); ///< "https" for decrypted TLS
    QString serverAuthority; ///< server address (and port when not the default) for requests without Host
    QString sourceRef; ///< "pcap:tcp_stream=3"; readers append ";frame=N"
    qint64 maxBody = 32 << 20; ///< body bytes kept per message; the rest is counted and flagged truncated
};

} // namespace Packet
