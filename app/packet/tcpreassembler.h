// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "streamanalyzer.h"

#include <cstdint>
#include <vector>

namespace Packet {

/// Puts one direction of a TCP connection back in order (research/formats-and-detection.md §4.5).
///
/// Sequence numbers are turned into 64-bit offsets from the first one seen (the ISN + 1 after a SYN, or the
/// first segment of a capture that starts mid-stream), relative to the next expected byte, so 32-bit
/// wraparound needs no special case. Retransmitted and overlapping bytes are trimmed (the first copy wins);
/// segments that arrive early wait in a buffer of at most kMaxBuffered bytes. Bytes the capture never held
/// become gaps: when the buffer is full, when the peer acknowledged data we did not see, when a hole stayed
/// open for kHoleTimeoutUs, when the snaplen cut a segment, and at the end of the connection.
class TcpReassembler
{
public:
    static constexpr size_t kMaxBuffered = 2u << 20;
    /// Segments further ahead than this are not buffered (a wild sequence number, not a hole to wait for).
    static constexpr uint64_t kMaxAhead = 64u << 20;
    /// A hole no retransmission filled for this long (capture time) was lost by the capture: skip it.
    static constexpr int64_t kHoleTimeoutUs = 10'000'000;

    /// A segment of this direction. `captured` bytes are at `data`; `wire` is the length the IP header
    /// declared (more when the snaplen cut the packet).
    void segment(uint32_t seq, bool syn, const uint8_t* data, size_t captured, size_t wire, const ChunkInfo& info,
        StreamAnalyzer& out, int direction);
    /// The peer acknowledged `ack`: bytes before it that we never saw are a capture gap.
    void acknowledged(uint32_t ack, const ChunkInfo& info, StreamAnalyzer& out, int direction);
    /// A FIN at `seq` (+ payload length): acknowledgements of the FIN are not data.
    void fin(uint32_t seq, size_t payload);
    /// Delivers everything still buffered, with gaps between (the connection is over).
    void flush(const ChunkInfo& info, StreamAnalyzer& out, int direction);

    bool started() const
    {
        return m_started;
    }
    uint64_t delivered() const
    {
        return m_next;
    }
    uint64_t gapBytes() const
    {
        return m_gapBytes;
    }
    size_t buffered() const
    {
        return m_buffered;
    }

private:
    struct Pending
    {
        uint64_t start;
        uint64_t wireEnd; ///< start + wire length: the tail past the captured bytes is a gap
        std::vector<uint8_t> bytes;
        ChunkInfo info; ///< when the segment was seen
    };
    int64_t offsetOf(uint32_t seq) const
    {
        return static_cast<int64_t>(m_next) + static_cast<int32_t>(seq - static_cast<uint32_t>(m_base + m_next));
    }
    void deliver(int64_t start, const uint8_t* data, size_t captured, uint64_t wireEnd, const ChunkInfo& info,
        StreamAnalyzer& out, int direction);
    void drain(const ChunkInfo& info, StreamAnalyzer& out, int direction);
    void skipTo(uint64_t offset, const ChunkInfo& info, StreamAnalyzer& out, int direction);
    int64_t m_holeSince = 0; ///< capture time the current hole opened (0: no hole)

    bool m_started = false;
    uint32_t m_base = 0;
    uint64_t m_next = 0;
    uint64_t m_gapBytes = 0;
    int64_t m_finOffset = -1;
    std::vector<Pending> m_pending; ///< sorted by start
    size_t m_buffered = 0;
};

} // namespace Packet
