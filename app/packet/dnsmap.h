// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "address.h"

#include <QString>

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

namespace Packet {

/// The time-aware IP → name map of research/formats-and-detection.md §4.6: for a connection to address X at
/// time t, the name most recently resolved to X at or before t. CDNs put many names on one address, so this
/// is the weakest name a connection can get (SNI and HTTP Host win). Bounded: at most kPerAddress names per
/// address and kMaxAddresses addresses (the least recently resolved ones are forgotten first).
class DnsMap
{
public:
    static constexpr size_t kPerAddress = 16;
    static constexpr size_t kMaxAddresses = 200'000;
    /// For names valid at any time (pcapng name resolution blocks).
    static constexpr int64_t kAlways = std::numeric_limits<int64_t>::min();

    void add(const Address& address, const QString& name, int64_t ts);
    QString lookup(const Address& address, int64_t ts) const;
    size_t size() const
    {
        return m_map.size();
    }

private:
    struct Entry
    {
        int64_t ts;
        QString name;
    };
    void shrink();
    std::unordered_map<Address, std::vector<Entry>> m_map;
};

} // namespace Packet
