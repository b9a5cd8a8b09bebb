// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// TLS decryption with a key log, delegated to Wireshark's tshark run as a separate process
// (research/formats-and-detection.md §4.10 recommends this over a 2–4k-line TLS 1.2/1.3 implementation;
// a subprocess keeps Wireshark's GPL code and its parsers of hostile input out of our address space).
//
// tshark decrypts; we ask it only for the decrypted application bytes of each TLS record (with the HTTP
// dissectors switched off, so the plaintext reaches the generic "data" field) and the ClientHello randoms
// that tie its TCP stream numbers to our conversations. Our own HTTP/1 and HTTP/2 readers then read the
// plaintext exactly as they read cleartext traffic.

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>

namespace Packet {

class TlsDecryptor
{
public:
    struct Hello
    {
        int64_t frame = 0;
        uint32_t stream = 0;
        QByteArray random; ///< 32 bytes
    };
    struct Chunk
    {
        int64_t frame = 0;
        int64_t ts = 0;
        uint32_t stream = 0;
        uint16_t sourcePort = 0;
        QByteArray data;
    };
    using HelloHandler = std::function<void(const Hello&)>;
    using ChunkHandler = std::function<void(const Chunk&)>;
    /// Polled while tshark runs; false stops it.
    using KeepGoing = std::function<bool()>;

    /// The tshark executable, or an empty string when it is not installed. LEAKSCOPE_TSHARK overrides the
    /// search (an empty or missing path means "not installed"; tests use it).
    static QString tsharkPath();

    /// Runs tshark over `capture` with the keys in `keyLogFile`; hands over every ClientHello and every
    /// decrypted chunk in capture order. Returns false with `error` set when tshark could not run, failed or
    /// was stopped.
    bool run(const QString& capture, const QString& keyLogFile, const HelloHandler& hello, const ChunkHandler& chunk,
        const KeepGoing& keepGoing, QString* error);
};

} // namespace Packet
