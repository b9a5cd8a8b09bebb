// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Finds the IP packet inside a link-layer frame (research/formats-and-detection.md §4.2), without copying.

#include <QString>

#include <cstddef>
#include <cstdint>

namespace Packet {

/// LINKTYPE_* values as written in pcap/pcapng files, plus the DLT_* values libpcap reports where they differ.
namespace LinkType {
constexpr int Null = 0;
constexpr int Ethernet = 1;
constexpr int Ppp = 9;
constexpr int DltRaw = 12; ///< what libpcap reports for LINKTYPE_RAW on most systems
constexpr int DltRawOpenBsd = 14;
constexpr int PppHdlc = 50;
constexpr int Raw = 101;
constexpr int CHdlc = 104;
constexpr int Ieee80211 = 105;
constexpr int Loop = 108;
constexpr int LinuxSll = 113;
constexpr int Radiotap = 127;
constexpr int User2 = 149; ///< Apple writes PKTAP captures under this number
constexpr int Ppi = 192;
constexpr int Ipv4 = 228;
constexpr int Ipv6 = 229;
constexpr int Nflog = 239;
constexpr int Pktap = 258;
constexpr int LinuxSll2 = 276;
} // namespace LinkType

enum class Network : uint8_t
{
    None,
    IPv4,
    IPv6
};

/// Where the network layer starts in a frame, and what the link layer said about the packet.
struct LinkFrame
{
    Network network = Network::None;
    size_t offset = 0;
    /// Apple PKTAP headers name the process that sent or received the packet (effective process first).
    const char* process = nullptr;
    size_t processLength = 0;
    int pid = -1;
    /// The frame was labelled Ethernet but held a bare IP packet (iOS rvictl cellular packets, PCAPdroid
    /// packets whose trailer did not fit the snaplen).
    bool sniffedRaw = false;
};

namespace LinkLayer {

bool isSupported(int linkType);
/// "Ethernet", "Linux cooked (SLL2)", … or "link type 123".
QString name(int linkType);
/// Decodes one frame. `network` is None for frames that carry no IP (ARP, management frames, …).
LinkFrame decode(int linkType, const uint8_t* data, size_t length);
/// An Ethernet frame (with VLAN/QinQ tags, LLC/SNAP, PPPoE and MPLS); also used for Ethernet inside tunnels.
LinkFrame decodeEthernet(const uint8_t* data, size_t length, bool sniffRaw);
/// Decodes what follows an ethertype (VLAN tags, PPPoE, MPLS, IPv4, IPv6) starting at `offset`.
LinkFrame decodeEthertype(uint16_t type, const uint8_t* data, size_t length, size_t offset);
/// True when the bytes start with a plausible IPv4 or IPv6 header (the version nibble and lengths agree).
bool looksLikeIp(const uint8_t* data, size_t length);

} // namespace LinkLayer

} // namespace Packet
