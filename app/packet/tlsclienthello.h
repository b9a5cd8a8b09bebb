// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The TLS handshake messages that travel in the clear (research/formats-and-detection.md §4.7): the
// ClientHello (SNI, ALPN offer, versions, client random for key-log matching, ECH) and the ServerHello
// (negotiated version and ALPN). Records and messages are reassembled, so a ClientHello split over TCP
// segments or TLS records (post-quantum key shares make it >1 kB) still parses.

#include "streamanalyzer.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace Packet {

struct TlsClientHello
{
    QByteArray sni;
    std::vector<QByteArray> alpn;
    uint16_t legacyVersion = 0;
    uint16_t highestVersion = 0; ///< from supported_versions when present
    uint8_t random[32] = {};
    bool ech = false; ///< Encrypted Client Hello: the SNI is the provider's public name, not the real host
};

struct TlsServerHello
{
    uint16_t version = 0; ///< negotiated (supported_versions wins over the legacy field)
    uint16_t cipherSuite = 0;
    QByteArray alpn;
};

namespace Tls {
/// Parses a ClientHello body (after the 4-byte handshake header).
bool parseClientHello(const uint8_t* body, size_t length, TlsClientHello& out);
bool parseServerHello(const uint8_t* body, size_t length, TlsServerHello& out);
/// "TLS 1.3", "TLS 1.2", "SSL 3.0", "TLS 1.3 (draft 23)".
QString versionName(uint16_t version);
/// Looks like the start of a TLS handshake record (content type 22, version 3.x).
bool looksLikeHandshake(const uint8_t* data, size_t length);
} // namespace Tls

/// Reads TLS records of one direction until its first handshake message is complete.
class TlsHandshakeReader
{
public:
    enum class State
    {
        NeedMore,
        Message,
        NotHandshake
    };
    static constexpr size_t kMaxMessage = 256 * 1024;

    State feed(const uint8_t* data, size_t length);
    State state() const
    {
        return m_state;
    }
    uint8_t messageType() const
    {
        return m_handshake.empty() ? 0 : m_handshake[0];
    }
    /// The message body (after the 4-byte handshake header) once state() is Message.
    const uint8_t* body() const
    {
        return m_handshake.data() + 4;
    }
    size_t bodyLength() const
    {
        return m_handshake.size() - 4;
    }

private:
    State m_state = State::NeedMore;
    std::vector<uint8_t> m_record;
    std::vector<uint8_t> m_handshake;
};

/// What a conversation's TLS handshake revealed.
struct TlsInfo
{
    bool clientHello = false;
    bool serverHello = false;
    TlsClientHello hello;
    TlsServerHello server;
    QString alpnText() const; ///< the negotiated protocol, else the offered list ("h2,http/1.1")
    QString versionText() const;
};

/// Watches the handshake of a TLS connection and stops wanting data once both hellos are read.
class TlsAnalyzer : public StreamAnalyzer
{
public:
    explicit TlsAnalyzer(TlsInfo& info)
        : m_info(info)
    { }
    void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) override;
    void gap(int direction, uint64_t length, const ChunkInfo& info) override;
    void finish(int64_t ts) override { }
    bool done() const override
    {
        return m_finished[0] && m_finished[1];
    }

private:
    TlsInfo& m_info;
    TlsHandshakeReader m_reader[2];
    bool m_finished[2] = { false, false };
    size_t m_seen[2] = { 0, 0 };
};

} // namespace Packet
