// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

namespace Packet {

/// 0: client → server, 1: server → client.
enum Direction : int
{
    ClientToServer = 0,
    ServerToClient = 1
};

/// When and where a piece of stream data was seen.
struct ChunkInfo
{
    int64_t ts = 0; ///< UTC µs
    int64_t frame = 0; ///< 1-based packet number in the capture (as Wireshark counts)
};

/// Reads the application layer of one conversation from its in-order bytes, per direction: TCP reassembly
/// (or the decrypted stream tshark hands back) calls it; it never sees packets.
class StreamAnalyzer
{
public:
    virtual ~StreamAnalyzer();
    virtual void data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info) = 0;
    /// `length` bytes of this direction are missing from the capture.
    virtual void gap(int direction, uint64_t length, const ChunkInfo& info) = 0;
    /// The direction ended (FIN or RST).
    virtual void end(int direction, const ChunkInfo& info) { }
    /// The conversation is over: emit what is still pending.
    virtual void finish(int64_t ts) = 0;
    /// True when the analyzer needs no more bytes (the caller may stop reassembling).
    virtual bool done() const = 0;
};

} // namespace Packet
