// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dnsmap.h"

#include <algorithm>

namespace Packet {

void DnsMap::add(const Address& address, const QString& name, int64_t ts)
{
    if (!address.family || name.isEmpty())
        return;
    auto& entries = m_map[address];
    // Answers arrive in time order, so appending keeps the list sorted; a repeat of the latest name is
    // nothing new.
    if (!entries.empty() && entries.back().name == name && entries.back().ts <= ts)
        return;
    auto it = std::upper_bound(entries.begin(), entries.end(), ts, [](int64_t t, const Entry& e) { return t < e.ts; });
    entries.insert(it, Entry { ts, name });
    if (entries.size() > kPerAddress)
        entries.erase(entries.begin());
    if (m_map.size() > kMaxAddresses)
        shrink();
}

QString DnsMap::lookup(const Address& address, int64_t ts) const
{
    const auto it = m_map.find(address);
    if (it == m_map.end())
        return {};
    const auto& entries = it->second;
    auto e = std::upper_bound(entries.begin(), entries.end(), ts, [](int64_t t, const Entry& x) { return t < x.ts; });
    if (e == entries.begin())
        return {};
    return std::prev(e)->name;
}

void DnsMap::shrink()
{
    // Forget the half of the addresses resolved longest ago.
    std::vector<int64_t> latest;
    latest.reserve(m_map.size());
    for (const auto& [address, entries] : m_map)
        latest.push_back(entries.empty() ? kAlways : entries.back().ts);
    auto middle = latest.begin() + static_cast<std::ptrdiff_t>(latest.size() / 2);
    std::nth_element(latest.begin(), middle, latest.end());
    const int64_t cutoff = *middle;
    for (auto it = m_map.begin(); it != m_map.end();) {
        if (it->second.empty() || (it->second.back().ts < cutoff && it->second.back().ts != kAlways))
            it = m_map.erase(it);
        else
            ++it;
    }
}

} // namespace Packet
