// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <cstring>
#include <functional>

namespace Packet {

/// An IPv4 or IPv6 address as plain bytes (IPv4 in the first 4), cheap to copy, compare and hash.
struct Address
{
    uint8_t bytes[16] = {};
    uint8_t family = 0; ///< 4 or 6; 0 when unset

    static Address v4(const uint8_t* p)
    {
        Address a;
        memcpy(a.bytes, p, 4);
        a.family = 4;
        return a;
    }
    static Address v6(const uint8_t* p)
    {
        Address a;
        memcpy(a.bytes, p, 16);
        a.family = 6;
        return a;
    }
    bool operator==(const Address& o) const
    {
        return family == o.family && memcmp(bytes, o.bytes, 16) == 0;
    }
    bool operator!=(const Address& o) const
    {
        return !(*this == o);
    }
    bool operator<(const Address& o) const
    {
        if (family != o.family)
            return family < o.family;
        return memcmp(bytes, o.bytes, 16) < 0;
    }
    /// Dotted quad, or RFC 5952 text for IPv6 (lowercase, longest zero run compressed, ::ffff:a.b.c.d).
    QString toString() const;
    /// Parses the text forms toString() writes (and any valid IPv4/IPv6 literal). Returns an unset address on error.
    static Address fromString(QStringView text);
    uint64_t hash() const
    {
        uint64_t a, b;
        memcpy(&a, bytes, 8);
        memcpy(&b, bytes + 8, 8);
        return (a * 0x9E3779B97F4A7C15ull) ^ (b + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2)) ^ family;
    }
};

inline size_t qHash(const Address& a, size_t seed = 0) noexcept
{
    return static_cast<size_t>(a.hash()) ^ seed;
}

} // namespace Packet

template <> struct std::hash<Packet::Address>
{
    size_t operator()(const Packet::Address& a) const noexcept
    {
        return static_cast<size_t>(a.hash());
    }
};
