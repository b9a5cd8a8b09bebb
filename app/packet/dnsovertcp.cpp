// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dnsovertcp.h"

#include "bytes.h"

namespace Packet {

void DnsOverTcp::data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo& info)
{
    if (m_broken[direction])
        return;
    QByteArray& b = m_buffer[direction];
    b.append(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(length));
    qsizetype pos = 0;
    while (b.size() - pos >= 2) {
        const uint8_t* p = reinterpret_cast<const uint8_t*>(b.constData() + pos);
        const qsizetype messageLength = be16(p);
        if (b.size() - pos < 2 + messageLength)
            break;
        m_handler(p + 2, static_cast<size_t>(messageLength), info);
        pos += 2 + messageLength;
    }
    b.remove(0, pos);
}

} // namespace Packet
