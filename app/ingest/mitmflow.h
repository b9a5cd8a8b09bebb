// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"
#include "tnetstring.h"

#include <QStringList>

#include <vector>

/// One mitmproxy flow, from its serialised state (any flow format from mitmproxy 0.11 to format 21) to
/// Leakscope's flow record. Old field names are read the way mitmproxy's io/compat.py upgrades them
/// (research/formats-and-detection.md §2.2), so the rest of the code sees one shape.
namespace MitmFlow {

/// The newest flow format this reader knows (mitmproxy 11 to 13).
constexpr int kNewestFormat = 21;

/// What identifies a flow before it is converted: enough for the de-duplication pass.
struct Header
{
    QByteArray id;
    QByteArray type; ///< http, tcp, udp, dns, and websocket (formats before 12 kept WebSocket apart)
    int format = 0; ///< the integer flow format; 0 for the 0.x–3.0 tuples
    QString versionText; ///< as written: "21", "0.11.3"
    QByteArray websocketOf; ///< a pre-12 WebSocket flow: the id of its handshake flow
    bool isWebsocketHandshake = false; ///< a pre-12 HTTP flow that upgraded to a WebSocket
};

/// Reads the identity of a flow. Returns an empty string when the flow is usable, else why not: a newer
/// format than kNewestFormat, a version older than 0.11, or no version at all.
QString readHeader(const TnValue& flow, Header& header);

/// What converting a flow found out besides the flow itself.
struct Extras
{
    std::vector<Data::DnsAnswer> dnsAnswers; ///< from a DNS flow's answers
    QStringList notes; ///< things worth a warning ("response body says gzip but does not decode")
};

/// Converts a flow's state. `sourceRef` is set by the caller.
Data::Flow toFlow(const TnValue& flow, const Header& header, Extras& extras);

/// Folds a pre-12 WebSocket flow into its handshake flow (what convert_11_12 does): the handshake keeps its
/// request and response and gains the messages. Without the handshake (nullptr) the flow is built from the
/// WebSocket flow's own connection, as mitmproxy does with a placeholder.
Data::Flow mergeWebSocket(const TnValue& wsFlow, const Header& header, Data::Flow* handshake, Extras& extras);

} // namespace MitmFlow
