// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ziparchive.h"

#include <QFile>

#include <archive.h>
#include <archive_entry.h>

ZipArchive::ZipArchive() = default;

ZipArchive::~ZipArchive()
{
    if (m_archive)
        archive_read_free(m_archive);
}

bool ZipArchive::open(const QString& path)
{
    m_archive = archive_read_new();
    // The seekable reader trusts the central directory, as zip tools do; it also copes with members written
    // with data descriptors, which the streaming reader cannot size.
    archive_read_support_format_zip_seekable(m_archive);
    const QByteArray native = QFile::encodeName(path);
    if (archive_read_open_filename(m_archive, native.constData(), 256 * 1024) != ARCHIVE_OK) {
        m_error = QString::fromUtf8(archive_error_string(m_archive));
        if (m_error.isEmpty())
            m_error = QStringLiteral("not a zip archive");
        return false;
    }
    return true;
}

bool ZipArchive::next(Entry& entry)
{
    entry = Entry();
    struct archive_entry* e = nullptr;
    const int rc = archive_read_next_header(m_archive, &e);
    if (rc == ARCHIVE_EOF)
        return false;
    if (rc < ARCHIVE_WARN) {
        m_error = QString::fromUtf8(archive_error_string(m_archive));
        return false;
    }
    const char* name = archive_entry_pathname_utf8(e);
    if (!name)
        name = archive_entry_pathname(e);
    entry.name = QString::fromUtf8(name ? name : "");
    entry.size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
    entry.encrypted = archive_entry_is_encrypted(e) != 0;
    entry.isDirectory = archive_entry_filetype(e) == AE_IFDIR || entry.name.endsWith(u'/');
    return true;
}

bool ZipArchive::readData(QByteArray& out, qint64 maxBytes, bool* truncated)
{
    out.clear();
    if (truncated)
        *truncated = false;
    char block[64 * 1024];
    for (;;) {
        const la_ssize_t n = archive_read_data(m_archive, block, sizeof block);
        if (n < 0) {
            m_error = QString::fromUtf8(archive_error_string(m_archive));
            return false;
        }
        if (n == 0)
            return true;
        const qint64 room = maxBytes - out.size();
        if (room <= 0 || n > room) {
            if (room > 0)
                out.append(block, static_cast<qsizetype>(room));
            if (truncated)
                *truncated = true;
            archive_read_data_skip(m_archive);
            return true;
        }
        out.append(block, static_cast<qsizetype>(n));
    }
}

qint64 ZipArchive::position() const
{
    return m_archive ? archive_filter_bytes(m_archive, -1) : 0;
}
