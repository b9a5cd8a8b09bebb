// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one record every importer produces (research/formats-and-detection.md §0), as plain movable values.
// Importers fill these; the store writes them; nothing here knows about SQL or widgets.

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <cstdint>
#include <vector>

namespace Data {

/// Timestamps are UTC microseconds since the Unix epoch; 0 means "unknown".
using Timestamp = qint64;

/// Completeness flags: what the capture did not let us see. Stored as a bit set; never renumber.
enum FlowFlag : quint32 {
    BodyMissing = 1u << 0, ///< the source had a body (size > 0) but did not keep its bytes
    BodyTruncated = 1u << 1, ///< only a prefix of the body was kept
    BodyLossyText = 1u << 2, ///< a text rendering of a body that may not be byte-exact (HAR postData)
    ReassemblyGap = 1u << 3, ///< TCP bytes were missing while reassembling
    HeadersOnly = 1u << 4, ///< the source keeps metadata only (Zeek, App Privacy Report)
    Encrypted = 1u << 5, ///< the payload stayed encrypted (TLS/QUIC without keys)
    Decrypted = 1u << 6, ///< the payload was decrypted with keys that came with the capture
    Incomplete = 1u << 7, ///< the exchange did not finish (no response, aborted, error)
    Replayed = 1u << 8, ///< the proxy replayed or injected this flow; the app did not send it
    Tunnel = 1u << 9, ///< an undecrypted proxy tunnel (CONNECT) rather than a request
};

struct Header
{
    QByteArray name;
    QByteArray value;
};
using Headers = std::vector<Header>;

/// A message body as the source kept it. `data` may still carry `contentEncoding` (mitmproxy keeps the wire
/// bytes); HAR bodies are already decoded and have an empty `contentEncoding`.
struct Body
{
    QByteArray data;
    QByteArray contentEncoding; ///< encodings still applied to `data`, e.g. "gzip" or "gzip, br"
    qint64 wireSize = -1; ///< bytes on the wire after de-chunking, before Content-Encoding; -1 unknown
    qint64 decodedSize = -1; ///< bytes after Content-Encoding was removed; -1 unknown
    bool present = false; ///< false when the source did not keep the bytes at all
};

/// Which app sent a flow, and why we think so ("PCAPdroid UID 10234", "User-Agent: com.x/1.2", "chosen at import").
struct AppIdentity
{
    QString name;
    QString package;
    int uid = -1;
    QString source; ///< pcapdroid-trailer, pcapdroid-pcapng, fiddler-x-processinfo, user-agent, manual, …
    QString reason;
    bool isEmpty() const
    {
        return name.isEmpty() && package.isEmpty();
    }
};

struct WebSocketMessage
{
    Timestamp ts = 0;
    bool fromClient = true;
    int opcode = 1; ///< 1 text, 2 binary (RFC 6455)
    QByteArray data;
};

/// One HTTP exchange (or one non-HTTP conversation a proxy recorded).
struct Flow
{
    QString sourceRef; ///< where in the source file: "har:entries[12]", "mitm:offset=4711", "pcap:tcp_stream=3"
    QString sourceId; ///< the source's own id (mitmproxy UUID, SAZ session number), if any
    Timestamp tsStart = 0;
    Timestamp tsEnd = 0;
    QString clientIp;
    int clientPort = 0;
    QString serverIp;
    int serverPort = 0;
    QString transport; ///< tcp, udp, quic
    QString l7; ///< http1, h2, h3, ws, tls-opaque, quic-opaque, dns, raw
    QString sni;
    QString alpn;
    QString tlsVersion;
    QString scheme;
    QString method;
    QString host; ///< authority without port: for h2/h3 the :authority, else the Host header or URL host
    QString url; ///< absolute URL, as sent
    QString httpVersion;
    int status = 0; ///< 0 when there was no response
    QString reason;
    Headers requestHeaders;
    Headers responseHeaders;
    Body requestBody;
    Body responseBody;
    QString requestContentType;
    QString responseContentType;
    AppIdentity app;
    quint32 flags = 0;
    QString error;
    QString comment; ///< a note the capturing tool kept (mitmproxy comment, Burp comment, Charles notes)
    std::vector<WebSocketMessage> webSocketMessages;
};

/// One TCP/UDP conversation seen in a packet capture or a connection log, decrypted or not. This is how
/// "what we could not see" is measured rather than guessed.
struct Connection
{
    QString sourceRef;
    QString transport; ///< tcp, udp
    QString clientIp;
    int clientPort = 0;
    QString serverIp;
    int serverPort = 0;
    QString name; ///< best name for the server: SNI > HTTP Host > DNS answer
    QString nameSource; ///< tls-sni, quic-sni, http-host, dns, log
    QString l7; ///< tls, quic, http1, h2, dns, raw, …
    QString alpn;
    Timestamp firstSeen = 0;
    Timestamp lastSeen = 0;
    qint64 bytesUp = 0; ///< client → server payload bytes
    qint64 bytesDown = 0;
    qint64 packetsUp = 0;
    qint64 packetsDown = 0;
    AppIdentity app;
    quint32 flags = 0; ///< FlowFlag bits (Encrypted, Decrypted, ReassemblyGap)
};

/// A DNS answer seen in the capture: feeds the time-aware IP → name map.
struct DnsAnswer
{
    Timestamp ts = 0;
    QString name; ///< the name that was asked for (first of the CNAME chain)
    QString address; ///< an IPv4/IPv6 address it resolved to
    QString cnameChain; ///< "a.example>b.cdn.example" when CNAMEs were followed
    qint64 ttl = 0;
};

/// What a format reader knows about the file as a whole (HAR creator, mitmproxy version, pcap link types).
struct CaptureInfo
{
    QString producer; ///< "Chrome 120 (WebInspector)", "mitmproxy flow format 21", …
    QString notes;
};

} // namespace Data

Q_DECLARE_METATYPE(Data::Flow)
Q_DECLARE_TYPEINFO(Data::Header, Q_RELOCATABLE_TYPE);
