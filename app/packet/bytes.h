// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Byte-order helpers and a bounds-checked cursor for the packet decoders. Everything here works on raw
// pointers into the packet buffer, so decoding a packet allocates nothing.

#include <cstddef>
#include <cstdint>

namespace Packet {

inline uint16_t be16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}
inline uint32_t be24(const uint8_t* p)
{
    return (uint32_t(p[0]) << 16) | (uint32_t(p[1]) << 8) | p[2];
}
inline uint32_t be32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}
inline uint64_t be64(const uint8_t* p)
{
    return (uint64_t(be32(p)) << 32) | be32(p + 4);
}
inline uint16_t le16(const uint8_t* p)
{
    return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
inline uint32_t le32(const uint8_t* p)
{
    return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}
inline uint64_t le64(const uint8_t* p)
{
    return uint64_t(le32(p)) | (uint64_t(le32(p + 4)) << 32);
}

/// A read cursor that never reads past its end: every getter returns false instead.
class Reader
{
public:
    Reader(const uint8_t* data, size_t size)
        : m_p(data)
        , m_end(data + size)
    { }
    size_t remaining() const
    {
        return static_cast<size_t>(m_end - m_p);
    }
    const uint8_t* pos() const
    {
        return m_p;
    }
    bool skip(size_t n)
    {
        if (remaining() < n)
            return false;
        m_p += n;
        return true;
    }
    bool u8(uint8_t& v)
    {
        if (remaining() < 1)
            return false;
        v = *m_p++;
        return true;
    }
    bool u16(uint16_t& v)
    {
        if (remaining() < 2)
            return false;
        v = be16(m_p);
        m_p += 2;
        return true;
    }
    bool u24(uint32_t& v)
    {
        if (remaining() < 3)
            return false;
        v = be24(m_p);
        m_p += 3;
        return true;
    }
    bool u32(uint32_t& v)
    {
        if (remaining() < 4)
            return false;
        v = be32(m_p);
        m_p += 4;
        return true;
    }
    /// A view of the next `n` bytes, consumed.
    bool bytes(size_t n, const uint8_t*& out)
    {
        if (remaining() < n)
            return false;
        out = m_p;
        m_p += n;
        return true;
    }
    /// A sub-reader over the next `n` bytes, consumed (length-prefixed structures).
    bool sub(size_t n, Reader& out)
    {
        const uint8_t* p = nullptr;
        if (!bytes(n, p))
            return false;
        out = Reader(p, n);
        return true;
    }
    /// QUIC variable-length integer (RFC 9000 §16).
    bool varint(uint64_t& v)
    {
        if (remaining() < 1)
            return false;
        const size_t len = size_t(1) << (m_p[0] >> 6);
        if (remaining() < len)
            return false;
        v = m_p[0] & 0x3f;
        for (size_t i = 1; i < len; ++i)
            v = (v << 8) | m_p[i];
        m_p += len;
        return true;
    }

private:
    const uint8_t* m_p;
    const uint8_t* m_end;
};

} // namespace Packet
