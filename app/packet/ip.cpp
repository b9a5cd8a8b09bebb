// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ip.h"

#include "bytes.h"

namespace Packet {

namespace {

IpStatus parseIpv4(const uint8_t* data, size_t length, IpPacket& out, size_t wireLimit)
{
    if (length < 20)
        return IpStatus::Truncated;
    if ((data[0] >> 4) != 4)
        return IpStatus::NotIp;
    const size_t ihl = (data[0] & 0x0f) * 4u;
    if (ihl < 20)
        return IpStatus::Malformed;
    size_t total = be16(data + 2);
    // A total length of 0 is what TCP segmentation offload leaves in outgoing packets captured on the host.
    if (total == 0)
        total = length;
    if (total > wireLimit && wireLimit >= ihl)
        total = wireLimit;
    if (total < ihl)
        return IpStatus::Malformed;
    const size_t captured = total < length ? total : length;
    if (captured < ihl)
        return IpStatus::Truncated;
    out.src = Address::v4(data + 12);
    out.dst = Address::v4(data + 16);
    out.protocol = data[9];
    out.payload = data + ihl;
    out.payloadLength = captured - ihl;
    out.payloadWireLength = total - ihl;
    const uint16_t frag = be16(data + 6);
    out.moreFragments = frag & 0x2000;
    out.fragmentOffset = (frag & 0x1fffu) * 8u;
    out.isFragment = out.moreFragments || out.fragmentOffset != 0;
    out.fragmentId = be16(data + 4);
    return IpStatus::Ok;
}

IpStatus parseIpv6(const uint8_t* data, size_t length, IpPacket& out, size_t wireLimit)
{
    if (length < 40)
        return IpStatus::Truncated;
    if ((data[0] >> 4) != 6)
        return IpStatus::NotIp;
    const size_t plen = be16(data + 4);
    out.src = Address::v6(data + 8);
    out.dst = Address::v6(data + 24);
    out.payload = data + 40;
    // Payload length 0 is a jumbogram (the Hop-by-Hop jumbo option has the length) or, on Linux hosts, a
    // BIG TCP/GSO packet: either way the captured bytes are the packet.
    size_t wire = plen ? plen : length - 40;
    if (wireLimit >= 40 && wire > wireLimit - 40)
        wire = wireLimit - 40;
    out.payloadLength = wire < length - 40 ? wire : length - 40;
    out.payloadWireLength = wire;
    out.isFragment = false;
    if (!walkIpv6Extensions(data[6], out, true))
        return IpStatus::Truncated;
    return IpStatus::Ok;
}

} // namespace

bool walkIpv6Extensions(uint8_t next, IpPacket& out, bool firstPass)
{
    for (int guard = 0; guard < 256; ++guard) { // every header takes at least 8 bytes
        const uint8_t* p = out.payload;
        const size_t n = out.payloadLength;
        size_t hdrLen = 0;
        switch (next) {
        case 0: // Hop-by-Hop
        case 43: // Routing
        case 60: // Destination options
        case 135: // Mobility
        case 139: // HIP
        case 140: // Shim6
            if (n < 2)
                return false;
            hdrLen = (p[1] + 1u) * 8u;
            if (hdrLen > n)
                return false;
            if (next == 0 && firstPass) {
                // Jumbo payload option (RFC 2675): type 0xC2, length 4.
                for (size_t o = 2; o + 2 <= hdrLen;) {
                    const uint8_t type = p[o];
                    if (type == 0) {
                        ++o;
                        continue;
                    }
                    const size_t optLen = p[o + 1];
                    if (type == 0xC2 && optLen == 4 && o + 6 <= hdrLen) {
                        const size_t jumbo = be32(p + o + 2);
                        out.payloadWireLength = jumbo;
                        if (jumbo < out.payloadLength)
                            out.payloadLength = jumbo;
                    }
                    o += 2 + optLen;
                }
            }
            break;
        case 51: // Authentication header
            if (n < 2)
                return false;
            hdrLen = (p[1] + 2u) * 4u;
            if (hdrLen > n)
                return false;
            break;
        case 44: { // Fragment
            if (n < 8)
                return false;
            const uint16_t off = be16(p + 2);
            out.fragmentOffset = off & 0xfff8u;
            out.moreFragments = off & 1;
            out.fragmentId = be32(p + 4);
            // An "atomic fragment" (offset 0, no more fragments) is a whole packet.
            out.isFragment = firstPass && (out.fragmentOffset != 0 || out.moreFragments);
            next = p[0];
            out.payload += 8;
            out.payloadLength -= 8;
            out.payloadWireLength = out.payloadWireLength >= 8 ? out.payloadWireLength - 8 : 0;
            if (out.isFragment) {
                out.protocol = next; // the rest of the chain is inside the reassembled datagram
                return true;
            }
            continue;
        }
        default:
            out.protocol = next;
            return true;
        }
        next = p[0];
        out.payload += hdrLen;
        out.payloadLength -= hdrLen;
        out.payloadWireLength = out.payloadWireLength >= hdrLen ? out.payloadWireLength - hdrLen : 0;
    }
    return false;
}

IpStatus parseIp(Network network, const uint8_t* data, size_t length, IpPacket& out, size_t wireLimit)
{
    switch (network) {
    case Network::IPv4:
        return parseIpv4(data, length, out, wireLimit);
    case Network::IPv6:
        return parseIpv6(data, length, out, wireLimit);
    case Network::None:
        break;
    }
    return IpStatus::NotIp;
}

} // namespace Packet
