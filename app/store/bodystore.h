// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

class Database;

/// Message bodies inside the investigation file: deduplicated by SHA-256, stored in chunks (so a body may
/// exceed SQLite's 1 GB value limit and be read back piece by piece), each chunk zstd-compressed unless the
/// bytes are already compressed media.
namespace BodyStore {

constexpr qsizetype ChunkSize = 4 * 1024 * 1024;
constexpr qsizetype HeadSize = 64;

/// Stores `data` (or finds the identical body already stored) and returns its id. Must run inside the
/// writer's transaction.
qint64 put(Database& db, QByteArrayView data);

/// The body's bytes, at most `maxBytes` of them (-1: all). Returns a null QByteArray for an unknown id.
QByteArray get(Database& db, qint64 bodyId, qint64 maxBytes = -1);

/// Up to `length` bytes of a stored body from `offset` on, decompressing only the stored chunks that hold them,
/// so large payloads (reassembled uploads) are read piece by piece. Empty when the range is outside the body.
QByteArray readRange(Database& db, qint64 bodyId, qint64 offset, qint64 length);

/// Size in bytes of a stored body (uncompressed), or -1.
qint64 size(Database& db, qint64 bodyId);

/// The SHA-256 (raw 32 bytes) of a stored body.
QByteArray sha256(Database& db, qint64 bodyId);

} // namespace BodyStore
