// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// QUIC client Initial packets (research/formats-and-detection.md §4.9): their keys derive from public,
// version-specific salts (RFC 9001 §5.2, RFC 9369 for v2), so the ClientHello inside (SNI, ALPN) is
// readable without any secret. Written here (≈300 lines over OpenSSL) rather than taken from nDPI: Debian's
// nDPI 4.2 predates the fixes for ClientHellos that span several Initial packets.

#include "tlsclienthello.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace Packet {

/// The Initial keys of one direction.
struct QuicKeys
{
    uint8_t key[16];
    uint8_t iv[12];
    uint8_t hp[16];
};

namespace Quic {
/// True for versions whose Initial protection we know (v1, v2, drafts 22–32, mvfst).
bool isKnownVersion(uint32_t version);
/// Derives the client (or server) Initial keys for `version` from the client's first Destination Connection ID.
bool deriveInitialKeys(uint32_t version, const uint8_t* dcid, size_t dcidLength, bool client, QuicKeys& out);
/// Looks like a QUIC long-header packet of a known version (cheap check on a UDP payload).
bool looksLikeLongHeader(const uint8_t* data, size_t length);
/// Google QUIC (Q024–Q046): a client packet carrying a version "Q0nn".
bool looksLikeGoogleQuic(const uint8_t* data, size_t length);
/// Google QUIC before Q050 sends its handshake (CHLO) in the clear; reads its SNI tag.
bool googleChloSni(const uint8_t* data, size_t length, QByteArray& sni);
} // namespace Quic

/// Collects the CRYPTO stream of a connection's client Initial packets (out of order, across packets,
/// coalesced with other packets in a datagram) until the ClientHello is complete.
class QuicInitialReader
{
public:
    enum class State
    {
        NeedMore,
        Done,
        NotQuic,
        GaveUp
    };
    static constexpr size_t kMaxCrypto = 64 * 1024;
    static constexpr int kMaxDatagrams = 24;

    QuicInitialReader();
    ~QuicInitialReader();
    QuicInitialReader(const QuicInitialReader&) = delete;
    QuicInitialReader& operator=(const QuicInitialReader&) = delete;

    /// A UDP payload sent by the client.
    State clientDatagram(const uint8_t* data, size_t length);
    State state() const
    {
        return m_state;
    }
    const TlsClientHello& hello() const
    {
        return m_hello;
    }
    uint32_t version() const
    {
        return m_version;
    }
    /// Initial packets that failed authentication (wrong keys, corrupt packets).
    int undecryptable() const
    {
        return m_undecryptable;
    }

private:
    bool packet(const uint8_t* data, size_t length, size_t& consumed);
    bool decrypt(const uint8_t* packet, size_t pnOffset, size_t end, const QuicKeys& keys, std::vector<uint8_t>& plain);
    void frames(const uint8_t* data, size_t length);
    void crypto(uint64_t offset, const uint8_t* data, size_t length);

    struct Ciphers;
    std::unique_ptr<Ciphers> m_ciphers;
    State m_state = State::NeedMore;
    uint32_t m_version = 0;
    bool m_haveKeys = false;
    std::vector<uint8_t> m_dcid;
    QuicKeys m_keys {};
    uint64_t m_largestPn = 0;
    bool m_anyPn = false;
    int m_datagrams = 0;
    int m_undecryptable = 0;
    std::vector<uint8_t> m_crypto;
    std::vector<std::pair<uint32_t, uint32_t>> m_ranges;
    std::vector<uint8_t> m_plain;
    std::vector<uint8_t> m_header;
    TlsClientHello m_hello;
};

} // namespace Packet
