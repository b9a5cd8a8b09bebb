// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpreassembler.h"

#include <algorithm>

namespace Packet {

void TcpReassembler::segment(uint32_t seq, bool syn, const uint8_t* data, size_t captured, size_t wire,
    const ChunkInfo& info, StreamAnalyzer& out, int direction)
{
    if (syn) {
        seq += 1; // the SYN takes one sequence number; data in a SYN follows it
        if (!m_started) {
            m_base = seq;
            m_next = 0;
            m_started = true;
        }
    }
    if (wire < captured)
        wire = captured;
    if (wire == 0)
        return;
    if (!m_started) {
        m_base = seq;
        m_next = 0;
        m_started = true;
    }
    const int64_t start = offsetOf(seq);
    const int64_t wireEnd = start + static_cast<int64_t>(wire);
    if (wireEnd <= static_cast<int64_t>(m_next))
        return; // a retransmission of bytes already delivered
    if (start <= static_cast<int64_t>(m_next)) {
        deliver(start, data, captured, static_cast<uint64_t>(wireEnd), info, out, direction);
        drain(info, out, direction);
        return;
    }
    const uint64_t ustart = static_cast<uint64_t>(start);
    if (ustart - m_next > kMaxAhead)
        return;
    // Early: keep a copy until the hole before it fills (or turns out to be a gap).
    auto it = std::lower_bound(
        m_pending.begin(), m_pending.end(), ustart, [](const Pending& p, uint64_t s) { return p.start < s; });
    if (it != m_pending.end() && it->start == ustart && it->wireEnd >= static_cast<uint64_t>(wireEnd))
        return; // the same early segment again
    Pending p { ustart, static_cast<uint64_t>(wireEnd), std::vector<uint8_t>(data, data + captured), info };
    m_buffered += captured;
    m_pending.insert(it, std::move(p));
    if (m_holeSince == 0)
        m_holeSince = info.ts;
    if (m_buffered > kMaxBuffered || (info.ts - m_holeSince > kHoleTimeoutUs && m_holeSince != 0))
        skipTo(m_pending.front().start, info, out, direction);
}

void TcpReassembler::deliver(int64_t start, const uint8_t* data, size_t captured, uint64_t wireEnd,
    const ChunkInfo& info, StreamAnalyzer& out, int direction)
{
    // Trim what was delivered already; the first copy wins.
    const int64_t skip = static_cast<int64_t>(m_next) - start;
    if (skip < static_cast<int64_t>(captured)) {
        const size_t from = skip > 0 ? static_cast<size_t>(skip) : 0;
        out.data(direction, data + from, captured - from, info);
        m_next = static_cast<uint64_t>(start + static_cast<int64_t>(captured));
    }
    if (wireEnd > m_next) {
        // The snaplen cut this segment: what it declared but did not keep is a gap.
        const uint64_t missing = wireEnd - m_next;
        m_gapBytes += missing;
        out.gap(direction, missing, info);
        m_next = wireEnd;
    }
}

void TcpReassembler::drain(const ChunkInfo& info, StreamAnalyzer& out, int direction)
{
    while (!m_pending.empty() && m_pending.front().start <= m_next) {
        Pending p = std::move(m_pending.front());
        m_pending.erase(m_pending.begin());
        m_buffered -= p.bytes.size();
        if (p.wireEnd > m_next)
            deliver(static_cast<int64_t>(p.start), p.bytes.data(), p.bytes.size(), p.wireEnd, p.info, out, direction);
    }
    m_holeSince = m_pending.empty() ? 0 : info.ts;
}

void TcpReassembler::skipTo(uint64_t offset, const ChunkInfo& info, StreamAnalyzer& out, int direction)
{
    if (offset > m_next) {
        const uint64_t missing = offset - m_next;
        m_gapBytes += missing;
        m_next = offset;
        // The gap is reported as of the segment after it, so readers date what follows correctly.
        out.gap(direction, missing,
            !m_pending.empty() && m_pending.front().start == offset ? m_pending.front().info : info);
    }
    drain(info, out, direction);
}

void TcpReassembler::acknowledged(uint32_t ack, const ChunkInfo& info, StreamAnalyzer& out, int direction)
{
    if (!m_started)
        return;
    int64_t acked = offsetOf(ack);
    if (m_finOffset >= 0 && acked > m_finOffset)
        acked = m_finOffset; // the FIN's own sequence number
    // A 1-byte difference is usually an acknowledged FIN we did not capture, not lost data.
    if (acked <= static_cast<int64_t>(m_next) + 1 || static_cast<uint64_t>(acked) - m_next > kMaxAhead)
        return;
    uint64_t until = static_cast<uint64_t>(acked);
    if (!m_pending.empty())
        until = std::min(until, m_pending.front().start);
    skipTo(until, info, out, direction);
}

void TcpReassembler::fin(uint32_t seq, size_t payload)
{
    if (m_started)
        m_finOffset = offsetOf(seq) + static_cast<int64_t>(payload);
}

void TcpReassembler::flush(const ChunkInfo& info, StreamAnalyzer& out, int direction)
{
    while (!m_pending.empty())
        skipTo(m_pending.front().start, info, out, direction);
}

} // namespace Packet
