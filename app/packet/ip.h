// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// IPv4 and IPv6 headers (research/formats-and-detection.md §4.5): addresses, the upper-layer protocol after
// IPv6 extension headers, fragment fields, and the payload trimmed to the length the header declares (so
// Ethernet padding and PCAPdroid trailers fall away).

#include "address.h"
#include "linklayer.h"

#include <cstddef>
#include <cstdint>
#include <limits>

namespace Packet {

namespace IpProtocol {
constexpr uint8_t IpInIp = 4;
constexpr uint8_t Tcp = 6;
constexpr uint8_t Udp = 17;
constexpr uint8_t Ipv6InIp = 41;
constexpr uint8_t Gre = 47;
constexpr uint8_t Esp = 50;
constexpr uint8_t NoNextHeader = 59;
} // namespace IpProtocol

struct IpPacket
{
    Address src;
    Address dst;
    uint8_t protocol = 0; ///< upper-layer protocol, after any IPv6 extension headers
    const uint8_t* payload = nullptr;
    size_t payloadLength = 0; ///< payload bytes present in the capture
    size_t payloadWireLength = 0; ///< payload bytes the header declares (more when the snaplen cut the packet)
    bool isFragment = false;
    bool moreFragments = false;
    uint32_t fragmentOffset = 0; ///< in bytes
    uint32_t fragmentId = 0;
};

enum class IpStatus
{
    Ok,
    NotIp,
    Truncated,
    Malformed
};

/// Parses the IP header at `data` (the network layer the link layer found). `wireLimit` is what the capture
/// says the packet measured on the wire from `data` on: a header claiming more is believed only up to it
/// (damaged or anonymised traces), as Wireshark does.
IpStatus parseIp(Network network, const uint8_t* data, size_t length, IpPacket& out, size_t wireLimit = SIZE_MAX);

/// Walks IPv6 extension headers from `nextHeader` over `out.payload`, updating protocol and payload. Used for
/// the header chain of a packet, and again on a reassembled fragmented datagram. Returns false when a header
/// runs past the data.
bool walkIpv6Extensions(uint8_t nextHeader, IpPacket& out, bool firstPass);

} // namespace Packet
