// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// WebSocket frames (RFC 6455) after an HTTP/1.1 "101 Switching Protocols": messages reassembled from
// fragments, client frames unmasked, permessage-deflate (RFC 7692) inflated.

#include "common/records.h"
#include "streamanalyzer.h"

#include <QByteArray>

#include <memory>
#include <vector>

namespace Packet {

class BodyBudget;

class WebSocketSession : public StreamAnalyzer
{
public:
    static constexpr qsizetype kMaxMessage = 16 << 20;
    static constexpr size_t kMaxMessages = 100'000;

    struct Options
    {
        bool deflate = false; ///< permessage-deflate was negotiated
        bool clientNoContextTakeover = false;
        bool serverNoContextTakeover = false;
    };
    /// Parses the Sec-WebSocket-Extensions response header.
    static Options optionsFromExtensions(const QByteArray& header);

    /// Messages go to `messages` (owned by the upgrade request's flow); `flags` collects FlowFlag bits.
    WebSocketSession(std::vector<Data::WebSocketMessage>& messages, quint32& flags, const Options& options,
        BodyBudget* budget = nullptr);
    ~WebSocketSession() override;

    void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) override;
    void gap(int direction, uint64_t length, const ChunkInfo& info) override;
    void finish(int64_t ts) override { }
    bool done() const override
    {
        return m_side[0].broken && m_side[1].broken;
    }

private:
    struct Inflater;
    struct Side
    {
        uint8_t header[14];
        size_t headerLength = 0;
        size_t headerNeeded = 2;
        uint64_t payloadLeft = 0;
        uint64_t payloadPos = 0;
        bool inPayload = false;
        uint8_t mask[4] = {};
        bool masked = false;
        bool fin = false;
        int opcode = 0;
        bool control = false;
        // The message being assembled from data frames.
        int messageOpcode = 0;
        bool compressed = false;
        bool messageTooBig = false;
        QByteArray message;
        int64_t messageTs = 0;
        bool broken = false;
        std::unique_ptr<Inflater> inflater;
    };
    void frameHeaderDone(Side& side);
    void frameDone(Side& side, int direction);

    std::vector<Data::WebSocketMessage>& m_messages;
    quint32& m_flags;
    Options m_options;
    BodyBudget* m_budget;
    Side m_side[2];
};

} // namespace Packet
