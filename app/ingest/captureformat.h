// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

class CaptureImporter;

/// Every capture format Leakscope knows, decided from content, never from the file name.
enum class CaptureFormat {
    Unknown,
    Har,
    Mitmproxy,
    Pcap,
    Pcapng,
    BurpXml,
    CharlesJson,
    CharlesArchive, ///< .chlz (Charles 5): a zip of per-transaction files
    CharlesBinary, ///< .chls: Java-serialised, cannot be read (we explain how to convert it)
    FiddlerSaz,
    ZeekTsv,
    ZeekJson,
    PcapdroidCsv,
    AppPrivacyReport,
    KeyLog, ///< an SSLKEYLOGFILE: a companion to a packet capture, not a capture by itself
};

struct SniffResult
{
    CaptureFormat format = CaptureFormat::Unknown;
    QString compression; ///< gzip/zlib/zstd wrapping the file, or empty
    /// For an unknown or unreadable file: what it looks like ("a PDF document", "a SQLite database", "text").
    QString looksLike;
    QString error; ///< the file could not be read at all
};

namespace CaptureFormats {

/// Stable id stored in the investigation and the export ("har", "mitmproxy", "pcapng", …).
QString id(CaptureFormat format);
/// Human name for messages and the UI ("HTTP Archive (HAR)").
QString displayName(CaptureFormat format);

/// Looks at the first bytes of the (decompressed) file.
SniffResult sniff(const QString& path);
SniffResult sniffBytes(const QByteArray& head, const QString& compression = {});

/// A reader for the format, or nullptr when the format is not a capture (unknown, key log, binary Charles).
std::unique_ptr<CaptureImporter> createImporter(CaptureFormat format);

/// Why a recognised but unreadable format cannot be imported, with what to do instead.
QString unsupportedReason(CaptureFormat format);

} // namespace CaptureFormats
