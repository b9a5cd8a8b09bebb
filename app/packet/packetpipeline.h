// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The packet path shared by the pcap and pcapng importers: link layer → IP (fragments reassembled) →
// TCP/UDP conversations → application readers (TLS/QUIC hellos, HTTP/1, HTTP/2, WebSocket, DNS) → flow,
// connection and DNS records for the CaptureSink. Streaming and bounded: per-packet work touches only the
// packet's bytes and its conversation; conversations are written when they close, go idle, or the table
// is full; TCP reassembly stops as soon as the readers need no more bytes (after a TLS handshake, say).

#include "address.h"
#include "ingest/captureimporter.h"
#include "pcapdroid.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <memory>

namespace Packet {

/// One packet as a capture reader hands it over. `data` is only valid during the call.
struct PacketRecord
{
    int64_t ts = 0; ///< UTC µs
    int linkType = 0;
    const uint8_t* data = nullptr;
    size_t length = 0; ///< bytes captured
    size_t originalLength = 0; ///< bytes on the wire
    int64_t frame = 0; ///< 1-based, as Wireshark numbers packets
    int uid = Pcapdroid::kNoUid; ///< a PCAPdroid "u-<uid>" pcapng comment
    int direction = 0; ///< pcapng epb_flags direction: 1 inbound, 2 outbound, 0 unknown
};

class PacketPipeline
{
public:
    struct Stats
    {
        int64_t packets = 0;
        int64_t nonIp = 0; ///< ARP, 802.11 management, … (supported link type, no IP inside)
        std::map<int, int64_t> unsupportedLinkTypes;
        int64_t badIp = 0;
        int64_t otherProtocols = 0; ///< ICMP, ESP, …
        int64_t truncatedTransport = 0;
        int64_t sniffedRaw = 0;
        int64_t pcapdroidTrailers = 0;
        int64_t tcpConversations = 0;
        int64_t udpConversations = 0;
        int64_t flows = 0;
        int64_t dnsAnswers = 0;
        int64_t malformedDns = 0;
        int64_t decryptedConnections = 0;
        int64_t decryptedFlows = 0;
    };

    /// `sourceFormat` prefixes source references ("pcap", "pcapng").
    PacketPipeline(CaptureSink& sink, const QString& sourceFormat);
    ~PacketPipeline();
    PacketPipeline(const PacketPipeline&) = delete;
    PacketPipeline& operator=(const PacketPipeline&) = delete;

    void packet(const PacketRecord& packet);

    /// A PCAPdroid UID → app mapping (pcapng custom block).
    void addPcapdroidApp(const Pcapdroid::UidMapping& mapping);
    /// A name a capture tool resolved for an address (pcapng name resolution block).
    void addNameResolution(const Address& address, const QString& name);
    /// TLS keys (NSS key log text) from a Decryption Secrets Block; `origin` names it in warnings.
    void addKeyLog(const QByteArray& text, const QString& origin);
    /// The key log given with the capture. Problems reading it become warnings.
    void addKeyLogFile(const QString& path, bool foundNextToCapture);

    /// Ends the capture: every conversation is written, TLS is decrypted when keys exist (tshark), and what
    /// stayed unseen is summarised in the warnings. Returns false when the progress callback cancelled.
    bool finish(const QString& capturePath, const QString& compression, const ProgressCallback& progress);

    const Stats& stats() const;
    /// A line for the capture's notes: link types, packet and conversation counts.
    QString summary() const;

    class Private; ///< implementation (packetpipeline.cpp); public so its helper classes can name it

private:
    std::unique_ptr<Private> d;
};

} // namespace Packet
