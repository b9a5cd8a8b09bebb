// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "linklayer.h"

#include "bytes.h"

namespace Packet::LinkLayer {

namespace {

constexpr uint16_t kIpv4 = 0x0800;
constexpr uint16_t kIpv6 = 0x86DD;

LinkFrame byVersionNibble(const uint8_t* data, size_t length, size_t offset)
{
    LinkFrame f;
    if (offset >= length)
        return f;
    const int version = data[offset] >> 4;
    f.offset = offset;
    f.network = version == 4 ? Network::IPv4 : version == 6 ? Network::IPv6 : Network::None;
    return f;
}

/// Ethertypes seen in real Ethernet frames; anything else at bytes 12–13 of a frame that starts like an IP
/// header means the "Ethernet" frame is really a bare IP packet.
bool isKnownEthertype(uint16_t t)
{
    if (t <= 1500)
        return true; // IEEE 802.3 length field
    switch (t) {
    case 0x0800:
    case 0x0806:
    case 0x0842:
    case 0x22F0:
    case 0x22F3:
    case 0x6003:
    case 0x8035:
    case 0x809B:
    case 0x80F3:
    case 0x8100:
    case 0x8137:
    case 0x8204:
    case 0x86DD:
    case 0x8808:
    case 0x8809:
    case 0x8819:
    case 0x8847:
    case 0x8848:
    case 0x8863:
    case 0x8864:
    case 0x886D:
    case 0x887B:
    case 0x888E:
    case 0x8892:
    case 0x889A:
    case 0x88A2:
    case 0x88A4:
    case 0x88A8:
    case 0x88AB:
    case 0x88B5:
    case 0x88B6:
    case 0x88B7:
    case 0x88B8:
    case 0x88BA:
    case 0x88BF:
    case 0x88CC:
    case 0x88CD:
    case 0x88E1:
    case 0x88E3:
    case 0x88E5:
    case 0x88E7:
    case 0x88F7:
    case 0x88F8:
    case 0x88FB:
    case 0x8902:
    case 0x8906:
    case 0x8914:
    case 0x8915:
    case 0x891D:
    case 0x892F:
    case 0x893A:
    case 0x9000:
    case 0x9100:
    case 0x9200:
    case 0xCAFE:
    case 0xF1C1:
        return true;
    default:
        return false;
    }
}

LinkFrame decodePpp(const uint8_t* data, size_t length, size_t offset)
{
    if (offset + 2 <= length && data[offset] == 0xFF && data[offset + 1] == 0x03)
        offset += 2; // HDLC address + control
    if (offset >= length)
        return {};
    uint16_t proto;
    if (data[offset] & 1) { // protocol field compression: one byte
        proto = data[offset];
        offset += 1;
    } else {
        if (offset + 2 > length)
            return {};
        proto = be16(data + offset);
        offset += 2;
    }
    LinkFrame f;
    f.offset = offset;
    if (proto == 0x21)
        f.network = Network::IPv4;
    else if (proto == 0x57)
        f.network = Network::IPv6;
    return f;
}

LinkFrame decodeNull(const uint8_t* data, size_t length)
{
    if (length < 4)
        return {};
    // The address family is in the capturing host's byte order (LOOP: network order); accept either.
    uint32_t af = le32(data);
    if (af > 0xFFFF)
        af = be32(data);
    LinkFrame f;
    f.offset = 4;
    if (af == 2)
        f.network = Network::IPv4;
    else if (af == 24 || af == 28 || af == 30 || af == 10 || af == 23)
        f.network = Network::IPv6;
    else
        return byVersionNibble(data, length, 4);
    return f;
}

LinkFrame decode80211(const uint8_t* data, size_t length)
{
    if (length < 24)
        return {};
    const uint8_t fc0 = data[0];
    const uint8_t fc1 = data[1];
    const int type = (fc0 >> 2) & 3;
    const int subtype = fc0 >> 4;
    if (type != 2 || (subtype & 0x4) || (fc1 & 0x40))
        return {}; // not data, a null-data frame, or protected (encrypted) data
    size_t off = (fc1 & 3) == 3 ? 30 : 24;
    if (subtype & 0x8) { // QoS data
        off += 2;
        if (fc1 & 0x80)
            off += 4; // HT control
    }
    if (off + 8 > length || data[off] != 0xAA || data[off + 1] != 0xAA || data[off + 2] != 0x03)
        return {};
    return decodeEthertype(be16(data + off + 6), data, length, off + 8);
}

LinkFrame decodeNflog(const uint8_t* data, size_t length)
{
    if (length < 4)
        return {};
    const uint8_t family = data[0];
    size_t off = 4;
    // TLV lengths and types are in the capturing host's byte order; decide once from the first TLV.
    bool little = true;
    if (off + 4 <= length) {
        const uint16_t l = le16(data + off);
        little = l >= 4 && l <= length - off;
    }
    while (off + 4 <= length) {
        const uint16_t tlvLength = little ? le16(data + off) : be16(data + off);
        const uint16_t tlvType = little ? le16(data + off + 2) : be16(data + off + 2);
        if (tlvLength < 4 || off + tlvLength > length)
            return {};
        if (tlvType == 9) { // NFULA_PAYLOAD
            LinkFrame f;
            f.offset = off + 4;
            f.network = family == 2 ? Network::IPv4
                : family == 10      ? Network::IPv6
                                    : byVersionNibble(data, length, off + 4).network;
            return f;
        }
        off += (tlvLength + 3u) & ~3u;
    }
    return {};
}

LinkFrame decodePktap(const uint8_t* data, size_t length, int depth);

LinkFrame decodeAt(int linkType, const uint8_t* data, size_t length, int depth)
{
    switch (linkType) {
    case LinkType::Ethernet:
        return decodeEthernet(data, length, true);
    case LinkType::Raw:
    case LinkType::DltRaw:
    case LinkType::DltRawOpenBsd:
    case LinkType::Ipv4:
    case LinkType::Ipv6:
        return byVersionNibble(data, length, 0);
    case LinkType::Null:
    case LinkType::Loop:
        return decodeNull(data, length);
    case LinkType::LinuxSll:
        if (length < 16 || be16(data + 2) == 824) // ARPHRD_NETLINK
            return {};
        return decodeEthertype(be16(data + 14), data, length, 16);
    case LinkType::LinuxSll2:
        if (length < 20 || be16(data + 8) == 824)
            return {};
        return decodeEthertype(be16(data), data, length, 20);
    case LinkType::Ppp:
    case LinkType::PppHdlc:
        return decodePpp(data, length, 0);
    case LinkType::CHdlc:
        if (length < 4)
            return {};
        return decodeEthertype(be16(data + 2), data, length, 4);
    case LinkType::Nflog:
        return decodeNflog(data, length);
    case LinkType::Ieee80211:
        return decode80211(data, length);
    case LinkType::Radiotap: {
        if (length < 4)
            return {};
        const size_t hdr = le16(data + 2);
        if (hdr < 8 || hdr > length)
            return {};
        LinkFrame f = decode80211(data + hdr, length - hdr);
        f.offset += hdr;
        return f;
    }
    case LinkType::Ppi: {
        if (length < 8 || depth > 2)
            return {};
        const size_t hdr = le16(data + 2);
        if (hdr < 8 || hdr > length)
            return {};
        LinkFrame f = decodeAt(static_cast<int>(le32(data + 4)), data + hdr, length - hdr, depth + 1);
        f.offset += hdr;
        return f;
    }
    case LinkType::Pktap:
    case LinkType::User2:
        return decodePktap(data, length, depth);
    default:
        return {};
    }
}

LinkFrame decodePktap(const uint8_t* data, size_t length, int depth)
{
    // Apple's pktap_header (little-endian): length, record type, inner DLT, interface name, …, pid at 52,
    // command at 56, effective pid at 84, effective command at 88 (tcpdump print-pktap.c).
    if (length < 108 || depth > 2)
        return {};
    const uint32_t hdr = le32(data);
    const uint32_t recordType = le32(data + 4);
    if (hdr < 108 || hdr > length || recordType != 1)
        return {};
    LinkFrame f = decodeAt(static_cast<int>(le32(data + 8)), data + hdr, length - hdr, depth + 1);
    if (f.network == Network::None)
        return f;
    f.offset += hdr;
    auto nameLength = [&](size_t at) {
        size_t n = 0;
        while (n < 20 && data[at + n] != 0)
            ++n;
        return n;
    };
    const size_t effective = nameLength(88);
    if (effective > 0) {
        f.process = reinterpret_cast<const char*>(data + 88);
        f.processLength = effective;
        f.pid = static_cast<int>(le32(data + 84));
    } else if (const size_t n = nameLength(56); n > 0) {
        f.process = reinterpret_cast<const char*>(data + 56);
        f.processLength = n;
        f.pid = static_cast<int>(le32(data + 52));
    }
    return f;
}

} // namespace

bool looksLikeIp(const uint8_t* data, size_t length)
{
    if (length < 20)
        return false;
    const int version = data[0] >> 4;
    if (version == 4) {
        const size_t ihl = (data[0] & 0x0f) * 4u;
        const size_t total = be16(data + 2);
        return ihl >= 20 && (total == 0 || (total >= ihl && total <= length + 4));
    }
    if (version == 6 && length >= 40)
        return be16(data + 4) + 40u <= length + 4;
    return false;
}

LinkFrame decodeEthertype(uint16_t type, const uint8_t* data, size_t length, size_t offset)
{
    for (int tags = 0; tags < 8; ++tags) {
        switch (type) {
        case kIpv4: {
            LinkFrame f;
            f.network = Network::IPv4;
            f.offset = offset;
            return f;
        }
        case kIpv6: {
            LinkFrame f;
            f.network = Network::IPv6;
            f.offset = offset;
            return f;
        }
        case 0x8100: // 802.1Q
        case 0x88A8: // 802.1ad (QinQ outer tag)
        case 0x9100:
        case 0x9200:
            if (offset + 4 > length)
                return {};
            type = be16(data + offset + 2);
            offset += 4;
            continue;
        case 0x8864: // PPPoE session: 6-byte header, then a PPP protocol field
            if (offset + 6 > length)
                return {};
            return decodePpp(data, length, offset + 6);
        case 0x8847: // MPLS: pop labels to the bottom of the stack, then guess IP from the version nibble
        case 0x8848:
            while (offset + 4 <= length) {
                const bool bottom = data[offset + 2] & 1;
                offset += 4;
                if (bottom)
                    return byVersionNibble(data, length, offset);
            }
            return {};
        default:
            if (type <= 1500 && offset + 8 <= length && data[offset] == 0xAA && data[offset + 1] == 0xAA
                && data[offset + 2] == 0x03) { // 802.3 + LLC/SNAP
                type = be16(data + offset + 6);
                offset += 8;
                continue;
            }
            return {};
        }
    }
    return {};
}

LinkFrame decodeEthernet(const uint8_t* data, size_t length, bool sniffRaw)
{
    if (length < 14) {
        if (sniffRaw && looksLikeIp(data, length)) {
            LinkFrame f = byVersionNibble(data, length, 0);
            f.sniffedRaw = true;
            return f;
        }
        return {};
    }
    const uint16_t type = be16(data + 12);
    if (sniffRaw && !isKnownEthertype(type) && looksLikeIp(data, length)) {
        LinkFrame f = byVersionNibble(data, length, 0);
        f.sniffedRaw = true;
        return f;
    }
    return decodeEthertype(type, data, length, 14);
}

LinkFrame decode(int linkType, const uint8_t* data, size_t length)
{
    return decodeAt(linkType, data, length, 0);
}

bool isSupported(int linkType)
{
    switch (linkType) {
    case LinkType::Null:
    case LinkType::Ethernet:
    case LinkType::Ppp:
    case LinkType::DltRaw:
    case LinkType::DltRawOpenBsd:
    case LinkType::PppHdlc:
    case LinkType::Raw:
    case LinkType::CHdlc:
    case LinkType::Ieee80211:
    case LinkType::Loop:
    case LinkType::LinuxSll:
    case LinkType::Radiotap:
    case LinkType::User2:
    case LinkType::Ppi:
    case LinkType::Ipv4:
    case LinkType::Ipv6:
    case LinkType::Nflog:
    case LinkType::Pktap:
    case LinkType::LinuxSll2:
        return true;
    default:
        return false;
    }
}

QString name(int linkType)
{
    switch (linkType) {
    case LinkType::Null:
        return QStringLiteral("BSD loopback (NULL)");
    case LinkType::Ethernet:
        return QStringLiteral("Ethernet");
    case LinkType::Ppp:
        return QStringLiteral("PPP");
    case LinkType::DltRaw:
    case LinkType::DltRawOpenBsd:
    case LinkType::Raw:
        return QStringLiteral("raw IP");
    case LinkType::PppHdlc:
        return QStringLiteral("PPP in HDLC framing");
    case LinkType::CHdlc:
        return QStringLiteral("Cisco HDLC");
    case LinkType::Ieee80211:
        return QStringLiteral("IEEE 802.11");
    case LinkType::Loop:
        return QStringLiteral("OpenBSD loopback (LOOP)");
    case LinkType::LinuxSll:
        return QStringLiteral("Linux cooked (SLL)");
    case LinkType::Radiotap:
        return QStringLiteral("802.11 with radiotap");
    case LinkType::User2:
    case LinkType::Pktap:
        return QStringLiteral("Apple PKTAP");
    case LinkType::Ppi:
        return QStringLiteral("802.11 with PPI");
    case LinkType::Ipv4:
        return QStringLiteral("IPv4");
    case LinkType::Ipv6:
        return QStringLiteral("IPv6");
    case LinkType::Nflog:
        return QStringLiteral("Linux NFLOG");
    case LinkType::LinuxSll2:
        return QStringLiteral("Linux cooked (SLL2)");
    default:
        return QStringLiteral("link type %1").arg(linkType);
    }
}

} // namespace Packet::LinkLayer
