// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturefiles.h"

#include "ingest/captureformat.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace CaptureFiles {

namespace {

bool isPacketCapture(CaptureFormat f)
{
    return f == CaptureFormat::Pcap || f == CaptureFormat::Pcapng;
}

} // namespace

Expanded expand(const QStringList& paths)
{
    Expanded out;
    struct Candidate
    {
        QString path;
        CaptureFormat format;
        bool fromFolder;
    };
    std::vector<Candidate> candidates;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            out.errors.append(QStringLiteral("%1: no such file").arg(path));
            continue;
        }
        if (info.isDir()) {
            QStringList inside;
            QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext())
                inside.append(it.next());
            inside.sort();
            for (const QString& file : inside) {
                const SniffResult s = CaptureFormats::sniff(file);
                if (s.format == CaptureFormat::Unknown) {
                    out.skipped.append(QStringLiteral("%1: not a capture (it looks like %2)")
                                           .arg(QDir(path).relativeFilePath(file), s.error.isEmpty() ? s.looksLike : s.error));
                    continue;
                }
                candidates.push_back({ file, s.format, true });
            }
        } else {
            candidates.push_back({ path, CaptureFormats::sniff(path).format, false });
        }
    }
    // Key logs pair with the packet captures named or found with them: the one with the same base name
    // when there is one, else the only key log there is.
    QStringList keyLogs;
    for (const auto& c : candidates) {
        if (c.format == CaptureFormat::KeyLog)
            keyLogs.append(c.path);
    }
    for (const auto& c : candidates) {
        if (c.format == CaptureFormat::KeyLog) {
            out.skipped.append(QStringLiteral("%1: a TLS key log, used to decrypt the packet captures imported with it")
                                   .arg(QFileInfo(c.path).fileName()));
            continue;
        }
        out.captures.append(c.path);
        if (!isPacketCapture(c.format) || keyLogs.isEmpty())
            continue;
        const QString base = QFileInfo(c.path).completeBaseName();
        QString match;
        for (const QString& k : keyLogs) {
            if (QFileInfo(k).completeBaseName().startsWith(base) || base.startsWith(QFileInfo(k).completeBaseName()))
                match = k;
        }
        if (match.isEmpty() && keyLogs.size() == 1)
            match = keyLogs.first();
        if (!match.isEmpty())
            out.keyLogFor.insert(c.path, match);
    }
    return out;
}

} // namespace CaptureFiles
