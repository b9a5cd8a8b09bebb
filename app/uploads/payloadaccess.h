// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "randomaccess.h"
#include "sessionbuilder.h"

class Database;

namespace Uploads {

/// An upload session's payload as one byte range, reassembled on demand from its chunks' stored bodies
/// (offset order, retries and overlaps skipped). Only the pieces asked for are read and decompressed, so
/// hashing and fingerprinting a large video needs a few MiB of memory, not the video's size.
class PayloadAccess : public RandomAccess
{
public:
    PayloadAccess(Database& db, const Session& session);
    qint64 size() const override
    {
        return m_size;
    }
    QByteArray read(qint64 offset, qint64 length) override;

    /// SHA-256 (hex) of the whole payload read in 1 MiB pieces; empty when a byte is missing. `stop` is
    /// polled between pieces (cancel).
    QString sha256(const std::function<bool()>& stop = {});

private:
    struct Piece
    {
        qint64 start = 0; ///< in the upload
        qint64 end = 0;
        const Chunk* chunk = nullptr;
    };
    QByteArray chunkBytes(const Chunk& chunk, qint64 from, qint64 length);

    Database& m_db;
    std::vector<Piece> m_pieces;
    qint64 m_size = 0;
    qint64 m_decodedFlow = 0; ///< the one chunk kept decoded in memory
    QByteArray m_decoded;
};

} // namespace Uploads
