// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "streamanalyzer.h"

#include <QByteArray>

#include <functional>

namespace Packet {

/// Splits DNS over TCP (RFC 7766: a 2-byte length before each message) into messages.
class DnsOverTcp : public StreamAnalyzer
{
public:
    using MessageHandler = std::function<void(const uint8_t* message, size_t length, const ChunkInfo& info)>;
    explicit DnsOverTcp(MessageHandler handler)
        : m_handler(std::move(handler))
    { }
    void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) override;
    void gap(int direction, uint64_t length, const ChunkInfo& info) override
    {
        m_broken[direction] = true; // message boundaries are lost
    }
    void finish(int64_t ts) override { }
    bool done() const override
    {
        return m_broken[0] && m_broken[1];
    }

private:
    MessageHandler m_handler;
    QByteArray m_buffer[2];
    bool m_broken[2] = { false, false };
};

} // namespace Packet
