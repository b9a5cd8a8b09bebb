// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mediafingerprint.h"

#include <optional>
#include <vector>

class Database;

namespace Data {

/// The investigator's own media (the draft video or photo used in the runs): EXPORT.md `media` command.
struct ReferenceMedia
{
    qint64 id = 0;
    QString fileName;
    QString sha256; ///< hex
    qint64 size = 0;
    QString mediaType; ///< MIME type from the bytes
    Uploads::MediaFingerprint fingerprint;
    Timestamp addedAt = 0;
};

} // namespace Data

/// The `reference_media` table (schema migration 2): typed reads and writes.
namespace ReferenceMediaStore {

/// Hashes and fingerprints a file (streamed: a large video is never held in memory). nullopt with `error`
/// set when it cannot be read.
std::optional<Data::ReferenceMedia> describeFile(const QString& path, QString* error);

/// Stores a described file; the same bytes added again keep one row (its name is updated). Returns the id.
qint64 add(Database& db, const Data::ReferenceMedia& media);
std::vector<Data::ReferenceMedia> list(Database& db);
bool remove(Database& db, qint64 id);

/// "video/mp4" for a fingerprint's format, or an empty string.
QString mimeTypeOf(const Uploads::MediaFingerprint& fingerprint);

} // namespace ReferenceMediaStore
