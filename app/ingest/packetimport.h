// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the pcap and pcapng importers share around the packet pipeline: finding the TLS key log that goes
// with a capture, and finishing (decryption, summary, capture info).

#include "captureimporter.h"

namespace Packet {
class PacketPipeline;
}

namespace PacketImport {

/// Gives the pipeline the key log named with the capture or, failing that, one found next to it.
void loadKeyLog(const ImportInput& input, Packet::PacketPipeline& pipeline);

/// Writes every conversation, decrypts, and records the capture's producer and notes. False when cancelled.
bool finish(const ImportInput& input, Packet::PacketPipeline& pipeline, CaptureSink& sink, const QString& producer,
    const QString& notes, const ProgressCallback& progress);

/// Byte-offset wording used in every packet-capture message: "byte offset 4096".
QString at(qint64 offset);

} // namespace PacketImport
