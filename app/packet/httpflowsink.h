// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"
#include "streamanalyzer.h"

#include <QString>

#include <algorithm>
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

/// Body bytes held in memory by all the readers of one capture, waiting for their message to end. Each
/// message keeps at most HttpContext::maxBody; this caps the sum, so a capture with thousands of parallel
/// uploads still imports in bounded memory (what does not fit is counted and flagged truncated).
class BodyBudget
{
public:
    static constexpr qint64 kDefaultLimit = 512LL << 20;
    explicit BodyBudget(qint64 limit = kDefaultLimit)
        : m_limit(limit)
    { }
    /// Reserves `n` bytes; false (nothing reserved) when they do not fit.
    bool take(qint64 n)
    {
        if (m_used + n > m_limit)
            return false;
        m_used += n;
        return true;
    }
    void give(qint64 n)
    {
        m_used = std::max<qint64>(0, m_used - n);
    }
    qint64 used() const
    {
        return m_used;
    }

private:
    qint64 m_limit;
    qint64 m_used = 0;
};

/// Returns a flow's body bytes to the budget when it leaves the readers.
void releaseBodies(BodyBudget* budget, const Data::Flow& flow);

/// What the HTTP readers need to know about their connection.
struct HttpContext
{
    QString scheme = QStringLiteral("http"); ///< "https" for decrypted TLS
    QString serverAuthority; ///< server address (and port when not the default) for requests without Host
    QString sourceRef; ///< "pcap:tcp_stream=3"; readers append ";frame=N"
    qint64 maxBody = 32 << 20; ///< body bytes kept per message; the rest is counted and flagged truncated
    BodyBudget* budget = nullptr; ///< shared limit over all messages in flight; none when null
};

} // namespace Packet
