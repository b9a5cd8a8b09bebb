// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ip.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace Packet {

/// Reassembles fragmented IPv4 and IPv6 datagrams, keyed on (source, destination, id[, protocol]) as hosts
/// do (RFC 791, RFC 8200 §4.5). Bounded: at most kMaxPending datagrams in progress, each at most 64 KiB,
/// dropped when no fragment arrived for kTimeoutUs of capture time. Overlaps keep the first copy.
class IpDefragmenter
{
public:
    static constexpr size_t kMaxPending = 1024;
    static constexpr int64_t kTimeoutUs = 30'000'000;

    /// Takes a fragment. Returns true when it completed its datagram: `packet` then describes the whole
    /// datagram, with a payload that stays valid until the next call.
    bool add(IpPacket& packet, int64_t ts);
    /// Drops datagrams that waited too long; returns how many were dropped.
    size_t expire(int64_t now);
    /// Datagrams that were given up (timed out, too many in progress, over 64 KiB, inconsistent).
    uint64_t abandoned() const
    {
        return m_abandoned;
    }
    size_t pending() const
    {
        return m_pending.size();
    }

private:
    struct Key
    {
        Address src;
        Address dst;
        uint32_t id;
        uint8_t protocol;
        bool operator==(const Key& o) const
        {
            return id == o.id && protocol == o.protocol && src == o.src && dst == o.dst;
        }
    };
    struct KeyHash
    {
        size_t operator()(const Key& k) const noexcept
        {
            return static_cast<size_t>(k.src.hash() * 31 + k.dst.hash() + k.id * 0x9E3779B1u + k.protocol);
        }
    };
    struct Datagram
    {
        std::vector<uint8_t> data;
        std::vector<std::pair<uint32_t, uint32_t>> ranges; ///< received [begin, end), sorted, merged
        int64_t total = -1; ///< known once the last fragment arrived
        int64_t lastTs = 0;
        uint8_t protocol = 0;
        size_t wireLength = 0;
    };

    std::unordered_map<Key, Datagram, KeyHash> m_pending;
    std::vector<uint8_t> m_completed;
    uint64_t m_abandoned = 0;
};

} // namespace Packet
