// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

struct archive;

/// Reads the members of a zip archive (Fiddler .saz, Charles .chlz) one after the other with libarchive: Qt has
/// no zip reader, and libarchive also knows the encrypted variants well enough to say so. Each member's data
/// is read with a size limit, so a zip bomb costs at most that much memory.
class ZipArchive
{
public:
    ZipArchive();
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    bool open(const QString& path);

    struct Entry
    {
        QString name;
        qint64 size = -1; ///< uncompressed size when the archive says, else -1
        bool encrypted = false;
        bool isDirectory = false;
    };
    /// Moves to the next member. False at the end (error() empty) or on a broken archive (error() set).
    bool next(Entry& entry);
    /// The current member's data, at most `maxBytes` of it (`truncated` tells whether there was more).
    bool readData(QByteArray& out, qint64 maxBytes, bool* truncated = nullptr);
    /// Bytes of the archive file consumed so far, for progress.
    qint64 position() const;
    QString error() const
    {
        return m_error;
    }

private:
    struct archive* m_archive = nullptr;
    QString m_error;
};
