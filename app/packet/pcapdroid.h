// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// PCAPdroid's per-app metadata (research/pcapdroid-format.md): the 32-byte trailer it appends to Ethernet
// frames in pcap files ("PCAPdroid extensions"), and in pcapng files the UID → app custom blocks (PEN 62652)
// with "u-<uid>" packet comments.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <climits>
#include <cstddef>
#include <cstdint>

namespace Packet::Pcapdroid {

constexpr uint32_t kTrailerMagic = 0x01072021;
constexpr uint32_t kPen = 62652;
constexpr int kNoUid = INT32_MIN;

/// Parsed without allocating: it is looked for in every packet of an Ethernet capture.
struct Trailer
{
    int uid = kNoUid;
    const char* name = nullptr; ///< into the frame; at most 19 bytes (PCAPdroid cuts longer names)
    size_t nameLength = 0;
    QByteArray appName() const
    {
        return QByteArray(name, static_cast<qsizetype>(nameLength));
    }
};

/// Reads the trailer at the end of an Ethernet frame, if there is one: the magic in the last 32 bytes.
bool parseTrailer(const uint8_t* frame, size_t length, Trailer& out);

struct UidMapping
{
    int uid = kNoUid;
    QString package;
    QString name;
};

/// Parses a custom block's body after the PEN (version, type 1 = UID map, uid, names), in the section's
/// byte order. False for other PENs' layouts, other record types and truncated blocks.
bool parseUidMapping(const uint8_t* body, size_t length, bool bigEndian, UidMapping& out);

/// "u-10234" → 10234.
bool parseUidComment(QByteArrayView comment, int& uid);

/// The text used as an app's reason: "PCAPdroid UID 10234".
QString reason(int uid);

} // namespace Packet::Pcapdroid
