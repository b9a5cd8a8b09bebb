// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Decides what a TCP conversation speaks from its first bytes (never from the port alone: apps run TLS and
// HTTP on any port), then hands the stream to the matching analyzer. Captures that start in the middle of a
// connection are scanned for the next HTTP request line (research/formats-and-detection.md §4.5).

#include "streamanalyzer.h"

#include <QByteArray>

#include <memory>

namespace Packet {

enum class AppProtocol
{
    Unknown,
    Tls,
    Http1,
    Http2,
    Ssh,
    Socks,
    Raw
};

/// The conversation side of detection: builds analyzers and records what was found.
class DetectorHost
{
public:
    virtual ~DetectorHost();
    virtual std::unique_ptr<StreamAnalyzer> analyzerFor(AppProtocol protocol) = 0;
    virtual void detected(AppProtocol protocol) = 0;
    /// Client and server were guessed (no SYN seen) and the bytes say the other side is the client: swap.
    /// Returns false when the roles are known for sure.
    virtual bool swapRoles() = 0;
    virtual bool startedMidStream() const = 0;
};

class ProtocolDetector : public StreamAnalyzer
{
public:
    /// Mid-stream captures: chunks scanned for a request line before giving up.
    static constexpr int kMaxScans = 64;

    explicit ProtocolDetector(DetectorHost& host);
    ~ProtocolDetector() override;

    void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) override;
    void gap(int direction, uint64_t length, const ChunkInfo& info) override;
    void end(int direction, const ChunkInfo& info) override;
    void finish(int64_t ts) override;
    bool done() const override;

private:
    enum class Verdict
    {
        Wait,
        Unknown,
        Found
    };
    Verdict classifyClient(const QByteArray& b, AppProtocol& out) const;
    Verdict classifyServer(const QByteArray& b, AppProtocol& out) const;
    void tryDecide(bool final, const ChunkInfo& info);
    void decide(AppProtocol protocol, const ChunkInfo& info);

    DetectorHost& m_host;
    QByteArray m_buffer[2];
    ChunkInfo m_first[2];
    std::unique_ptr<StreamAnalyzer> m_inner;
    bool m_decided = false;
    bool m_scanning = false;
    bool m_swapped = false; ///< roles were swapped while handling the current chunk
    int m_scans = 0;
};

} // namespace Packet
