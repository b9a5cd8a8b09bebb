// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writes zip archives for the tests of the zip-based formats (Fiddler .saz, Charles .chlz), with libarchive, which
// the core already links. Tests build their archives rather than check in binaries the corpus does not have.

#include <QByteArray>
#include <QFile>
#include <QString>

#include <archive.h>
#include <archive_entry.h>
#include <utility>
#include <vector>

namespace TestZip {

using Members = std::vector<std::pair<QString, QByteArray>>;

/// Writes `members` in this order; with a password, every member is encrypted (traditional PKWARE, as Fiddler's
/// "password-protected" SAZ option writes). Returns false with `error` set.
inline bool write(
    const QString& path, const Members& members, const QByteArray& password = {}, QString* error = nullptr)
{
    struct archive* a = archive_write_new();
    archive_write_set_format_zip(a);
    bool ok = true;
    if (!password.isEmpty())
        ok = archive_write_set_options(a, "zip:encryption=zipcrypt") == ARCHIVE_OK
            && archive_write_set_passphrase(a, password.constData()) == ARCHIVE_OK;
    const QByteArray native = QFile::encodeName(path);
    ok = ok && archive_write_open_filename(a, native.constData()) == ARCHIVE_OK;
    for (const auto& [name, content] : members) {
        if (!ok)
            break;
        struct archive_entry* e = archive_entry_new();
        const QByteArray n = name.toUtf8();
        archive_entry_set_pathname(e, n.constData());
        archive_entry_set_size(e, content.size());
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_mtime(e, 1767225600, 0);
        ok = archive_write_header(a, e) == ARCHIVE_OK
            && archive_write_data(a, content.constData(), static_cast<size_t>(content.size())) == content.size();
        archive_entry_free(e);
    }
    if (!ok && error)
        *error = QString::fromUtf8(archive_error_string(a));
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    return ok;
}

} // namespace TestZip
