// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipdefragmenter.h"

#include <algorithm>
#include <cstring>

namespace Packet {

namespace {
constexpr uint32_t kMaxDatagram = 65535;
} // namespace

bool IpDefragmenter::add(IpPacket& packet, int64_t ts)
{
    const bool v4 = packet.src.family == 4;
    const Key key { packet.src, packet.dst, packet.fragmentId, v4 ? packet.protocol : uint8_t(0) };
    const uint32_t begin = packet.fragmentOffset;
    const uint64_t end64 = uint64_t(begin) + packet.payloadLength;
    auto it = m_pending.find(key);
    if (end64 > kMaxDatagram) {
        if (it != m_pending.end()) {
            m_pending.erase(it);
            ++m_abandoned;
        }
        return false;
    }
    const uint32_t end = static_cast<uint32_t>(end64);
    if (it == m_pending.end()) {
        if (m_pending.size() >= kMaxPending) {
            expire(ts);
            if (m_pending.size() >= kMaxPending) {
                ++m_abandoned;
                return false;
            }
        }
        it = m_pending.emplace(key, Datagram {}).first;
    }
    Datagram& d = it->second;
    d.lastTs = ts;
    if (begin == 0)
        d.protocol = packet.protocol;
    d.wireLength += packet.payloadWireLength;
    if (!packet.moreFragments) {
        if (d.total >= 0 && d.total != end) {
            m_pending.erase(it); // two different "last" fragments: inconsistent
            ++m_abandoned;
            return false;
        }
        d.total = end;
    }
    if (d.data.size() < end)
        d.data.resize(end);
    // Copy only the bytes no earlier fragment supplied (first copy wins), then merge the range in.
    uint32_t pos = begin;
    for (const auto& r : d.ranges) {
        if (r.second <= pos)
            continue;
        if (r.first >= end)
            break;
        if (r.first > pos)
            memcpy(d.data.data() + pos, packet.payload + (pos - begin), r.first - pos);
        pos = std::max(pos, r.second);
        if (pos >= end)
            break;
    }
    if (pos < end)
        memcpy(d.data.data() + pos, packet.payload + (pos - begin), end - pos);
    if (begin < end) {
        d.ranges.emplace_back(begin, end);
        std::sort(d.ranges.begin(), d.ranges.end());
        std::vector<std::pair<uint32_t, uint32_t>> merged;
        for (const auto& r : d.ranges) {
            if (!merged.empty() && r.first <= merged.back().second)
                merged.back().second = std::max(merged.back().second, r.second);
            else
                merged.push_back(r);
        }
        d.ranges.swap(merged);
    }
    if (d.total < 0 || d.ranges.size() != 1 || d.ranges[0].first != 0 || d.ranges[0].second != d.total)
        return false;

    m_completed.swap(d.data);
    m_completed.resize(static_cast<size_t>(d.total));
    const uint8_t protocol = d.protocol;
    const size_t wire = d.wireLength;
    m_pending.erase(it);
    packet.payload = m_completed.data();
    packet.payloadLength = m_completed.size();
    packet.payloadWireLength = std::max(wire, m_completed.size());
    packet.isFragment = false;
    packet.moreFragments = false;
    packet.fragmentOffset = 0;
    packet.protocol = protocol;
    if (!v4 && !walkIpv6Extensions(protocol, packet, false))
        return false;
    return true;
}

size_t IpDefragmenter::expire(int64_t now)
{
    size_t dropped = 0;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (now - it->second.lastTs > kTimeoutUs) {
            it = m_pending.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
    m_abandoned += dropped;
    return dropped;
}

} // namespace Packet
