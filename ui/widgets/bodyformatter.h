// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

/// Turns a stored body into text for the detail pane: removes a Content-Encoding still applied (gzip, deflate,
/// br, zstd), pretty-prints JSON, shows other text as it is and binary data as a hex dump. Pure and bounded,
/// so it is tested without a window.
namespace BodyFormatter {

struct Rendering
{
    QString text;
    QString description; ///< "JSON, 1.2 kB (gzip removed)", "binary, hex dump of the first 64 KiB"
    bool isBinary = false;
};

Rendering render(const QByteArray& body, const QString& contentType, const QByteArray& contentEncoding,
                 qint64 totalSize = -1);

/// Classic 16-bytes-per-line hex dump with an ASCII column.
QString hexDump(const QByteArray& data, qsizetype maxBytes = 64 * 1024);

} // namespace BodyFormatter
