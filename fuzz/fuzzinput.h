// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

namespace Fuzz {

/// Splits one fuzzer input into the choices and chunks a target needs (direction, length, flags …). Reading
/// past the end yields zeros and empty chunks, so every input is valid. Hand-written rather than clang's
/// FuzzedDataProvider because the regression test replays the same targets built with gcc.
class Input
{
public:
    Input(const uint8_t* data, size_t size)
        : m_data(data)
        , m_size(size)
    { }

    bool empty() const
    {
        return m_pos >= m_size;
    }
    size_t remaining() const
    {
        return m_size - m_pos;
    }
    uint8_t byte()
    {
        return m_pos < m_size ? m_data[m_pos++] : 0;
    }
    uint16_t u16()
    {
        return static_cast<uint16_t>(byte() << 8 | byte());
    }
    uint32_t u32()
    {
        return static_cast<uint32_t>(u16()) << 16 | u16();
    }
    /// Up to `n` bytes (fewer at the end).
    QByteArrayView take(size_t n)
    {
        if (n > remaining())
            n = remaining();
        const QByteArrayView out(reinterpret_cast<const char*>(m_data + m_pos), static_cast<qsizetype>(n));
        m_pos += n;
        return out;
    }
    /// A chunk whose length is given by the next byte (0-255), or by the next two bytes when `wide`.
    QByteArrayView chunk(bool wide = false)
    {
        return take(wide ? u16() : byte());
    }
    QByteArrayView rest()
    {
        return take(remaining());
    }

private:
    const uint8_t* m_data;
    size_t m_size;
    size_t m_pos = 0;
};

/// Reads every byte of a buffer so that AddressSanitizer sees a use of memory a parser handed back.
inline size_t touch(QByteArrayView bytes)
{
    size_t sum = 0;
    for (char c : bytes)
        sum += static_cast<unsigned char>(c);
    return sum;
}

/// A broken promise of a parser (an output over its limit): crash so the fuzzer reports it.
[[noreturn]] void violated(const char* what);

} // namespace Fuzz
