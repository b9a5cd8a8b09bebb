// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "websocket.h"

#include "bytes.h"
#include "httpflowsink.h"

#include <QList>

#include <algorithm>
#include <zlib.h>

namespace Packet {

struct WebSocketSession::Inflater
{
    z_stream zs {};
    bool ok = false;
    Inflater()
    {
        ok = inflateInit2(&zs, -MAX_WBITS) == Z_OK;
    }
    ~Inflater()
    {
        if (ok)
            inflateEnd(&zs);
    }
    /// Inflates one message (RFC 7692 §7.2.2: the sender removed the trailing 00 00 FF FF).
    bool inflateMessage(const QByteArray& in, QByteArray& out, bool reset)
    {
        if (!ok)
            return false;
        QByteArray input = in + QByteArray::fromRawData("\x00\x00\xff\xff", 4);
        zs.next_in = reinterpret_cast<Bytef*>(input.data());
        zs.avail_in = static_cast<uInt>(input.size());
        out.clear();
        char buffer[16384];
        bool good = true;
        for (;;) {
            zs.next_out = reinterpret_cast<Bytef*>(buffer);
            zs.avail_out = sizeof buffer;
            const int rc = inflate(&zs, Z_SYNC_FLUSH);
            out.append(buffer, static_cast<qsizetype>(sizeof buffer - zs.avail_out));
            if (rc == Z_STREAM_END)
                break;
            if (rc == Z_BUF_ERROR) {
                good = zs.avail_in == 0;
                break;
            }
            if (rc != Z_OK || out.size() > kMaxMessage) {
                good = false;
                break;
            }
            if (zs.avail_in == 0 && zs.avail_out != 0)
                break;
        }
        if (reset || !good)
            inflateReset(&zs);
        return good;
    }
};

WebSocketSession::Options WebSocketSession::optionsFromExtensions(const QByteArray& header)
{
    Options o;
    for (const QByteArray& extension : header.split(',')) {
        const QList<QByteArray> params = extension.split(';');
        if (params.isEmpty() || params[0].trimmed().toLower() != "permessage-deflate")
            continue;
        o.deflate = true;
        for (const QByteArray& p : params) {
            const QByteArray name = p.trimmed().toLower();
            if (name == "client_no_context_takeover")
                o.clientNoContextTakeover = true;
            else if (name == "server_no_context_takeover")
                o.serverNoContextTakeover = true;
        }
        break;
    }
    return o;
}

WebSocketSession::WebSocketSession(
    std::vector<Data::WebSocketMessage>& messages, quint32& flags, const Options& options, BodyBudget* budget)
    : m_messages(messages)
    , m_flags(flags)
    , m_options(options)
    , m_budget(budget)
{ }

WebSocketSession::~WebSocketSession() = default;

void WebSocketSession::frameHeaderDone(Side& s)
{
    s.fin = s.header[0] & 0x80;
    s.opcode = s.header[0] & 0x0f;
    s.control = s.opcode & 0x08;
    const bool rsv1 = s.header[0] & 0x40;
    s.masked = s.header[1] & 0x80;
    uint64_t len = s.header[1] & 0x7f;
    size_t at = 2;
    if (len == 126) {
        len = be16(s.header + 2);
        at = 4;
    } else if (len == 127) {
        len = be64(s.header + 2);
        at = 10;
    }
    if (s.masked)
        std::copy(s.header + at, s.header + at + 4, s.mask);
    s.payloadLeft = len;
    s.payloadPos = 0;
    s.inPayload = true;
    if (!s.control && s.opcode != 0) {
        s.messageOpcode = s.opcode;
        s.compressed = rsv1 && m_options.deflate;
        s.message.clear();
        s.messageTooBig = false;
    }
}

void WebSocketSession::frameDone(Side& s, int direction)
{
    s.inPayload = false;
    s.headerLength = 0;
    s.headerNeeded = 2;
    if (s.control || !s.fin || s.messageOpcode == 0)
        return;
    Data::WebSocketMessage m;
    m.ts = s.messageTs;
    m.fromClient = direction == ClientToServer;
    m.opcode = s.messageOpcode;
    if (s.compressed) {
        if (!s.inflater)
            s.inflater = std::make_unique<Inflater>();
        const bool reset =
            direction == ClientToServer ? m_options.clientNoContextTakeover : m_options.serverNoContextTakeover;
        if (!s.inflater->inflateMessage(s.message, m.data, reset)) {
            m.data = s.message; // keep the compressed bytes rather than nothing
            m_flags |= Data::BodyTruncated;
        }
    } else {
        m.data = std::move(s.message);
    }
    if (s.messageTooBig)
        m_flags |= Data::BodyTruncated;
    s.message = QByteArray();
    s.messageOpcode = 0;
    if (m_messages.size() < kMaxMessages && (!m_budget || m_budget->take(m.data.size())))
        m_messages.push_back(std::move(m));
    else
        m_flags |= Data::BodyTruncated;
}

void WebSocketSession::data(int direction, const uint8_t* p, size_t n, const ChunkInfo& info)
{
    Side& s = m_side[direction];
    while (n > 0 && !s.broken) {
        if (!s.inPayload) {
            while (n > 0 && s.headerLength < s.headerNeeded) {
                s.header[s.headerLength++] = *p++;
                --n;
                if (s.headerLength == 2) {
                    const uint8_t len7 = s.header[1] & 0x7f;
                    s.headerNeeded = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((s.header[1] & 0x80) ? 4 : 0);
                }
            }
            if (s.headerLength < s.headerNeeded)
                return;
            frameHeaderDone(s);
            if (!s.control && s.opcode != 0)
                s.messageTs = info.ts;
            if (s.payloadLeft == 0) {
                frameDone(s, direction);
                continue;
            }
        }
        const size_t take = static_cast<size_t>(std::min<uint64_t>(s.payloadLeft, n));
        if (!s.control && s.messageOpcode != 0) {
            const qsizetype room = std::max<qsizetype>(0, kMaxMessage - s.message.size());
            const qsizetype keep = std::min<qsizetype>(room, static_cast<qsizetype>(take));
            if (keep < static_cast<qsizetype>(take))
                s.messageTooBig = true;
            if (keep > 0) {
                const qsizetype old = s.message.size();
                s.message.append(reinterpret_cast<const char*>(p), keep);
                if (s.masked) {
                    char* d = s.message.data() + old;
                    for (qsizetype i = 0; i < keep; ++i)
                        d[i] = static_cast<char>(d[i] ^ s.mask[(s.payloadPos + static_cast<uint64_t>(i)) & 3]);
                }
            }
        }
        s.payloadPos += take;
        s.payloadLeft -= take;
        p += take;
        n -= take;
        if (s.payloadLeft == 0)
            frameDone(s, direction);
    }
}

void WebSocketSession::gap(int direction, uint64_t, const ChunkInfo&)
{
    // Frame boundaries are lost with the missing bytes.
    m_side[direction].broken = true;
    m_flags |= Data::ReassemblyGap;
}

} // namespace Packet
