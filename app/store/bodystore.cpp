// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bodystore.h"

#include "common/compression.h"
#include "common/hashing.h"
#include "database.h"

#include <algorithm>

namespace BodyStore {

namespace {
enum Codec
{
    Raw = 0,
    Zstd = 1
};
}

qint64 put(Database& db, QByteArrayView data)
{
    const QByteArray hash = Digest::hash(data);
    Statement& find = db.prepare("SELECT id FROM bodies WHERE sha256 = ?1");
    find.bindBlob(1, hash);
    if (find.step()) {
        const qint64 id = find.int64(0);
        find.reset();
        return id;
    }
    find.reset();

    // Media and archives do not shrink; compressing them again only costs time.
    const bool compress =
        data.size() > 64 && !Compression::looksIncompressible(data.first(std::min<qsizetype>(data.size(), 16)));
    Statement& insert = db.prepare("INSERT INTO bodies (sha256, size, codec, head) VALUES (?1, ?2, ?3, ?4)");
    insert.bindBlob(1, hash).bind(2, static_cast<qint64>(data.size())).bind(3, compress ? Zstd : Raw);
    insert.bindBlob(4, data.first(std::min<qsizetype>(data.size(), HeadSize)).toByteArray());
    insert.run();
    const qint64 id = db.lastInsertId();

    Statement& chunk = db.prepare("INSERT INTO body_chunks (body_id, seq, data) VALUES (?1, ?2, ?3)");
    qint64 seq = 0;
    for (qsizetype offset = 0; offset < data.size() || seq == 0; offset += ChunkSize, ++seq) {
        const QByteArrayView piece = data.sliced(offset, std::min<qsizetype>(ChunkSize, data.size() - offset));
        QByteArray stored = compress ? Compression::zstdCompress(piece, 1) : piece.toByteArray();
        if (stored.isNull())
            stored = QByteArray("");
        chunk.bind(1, id).bind(2, seq).bindBlob(3, stored);
        chunk.run();
        if (data.isEmpty())
            break;
    }
    return id;
}

QByteArray get(Database& db, qint64 bodyId, qint64 maxBytes)
{
    Statement& meta = db.prepare("SELECT size, codec FROM bodies WHERE id = ?1");
    meta.bind(1, bodyId);
    if (!meta.step()) {
        meta.reset();
        return {};
    }
    const qint64 size = meta.int64(0);
    const int codec = static_cast<int>(meta.int64(1));
    meta.reset();
    const qint64 want = maxBytes < 0 ? size : std::min(size, maxBytes);
    QByteArray out;
    out.reserve(want);
    Statement& chunks = db.prepare("SELECT data FROM body_chunks WHERE body_id = ?1 ORDER BY seq");
    chunks.bind(1, bodyId);
    while (out.size() < want && chunks.step()) {
        const QByteArray stored = chunks.blob(0);
        if (codec == Zstd) {
            const auto r = Compression::decompress(Compression::Codec::Zstd, stored, ChunkSize);
            out += r.data;
        } else {
            out += stored;
        }
    }
    chunks.reset();
    if (out.size() > want)
        out.truncate(want);
    return out.isNull() ? QByteArray("") : out;
}

QByteArray readRange(Database& db, qint64 bodyId, qint64 offset, qint64 length)
{
    Statement& meta = db.prepare("SELECT size, codec FROM bodies WHERE id = ?1");
    meta.bind(1, bodyId);
    if (!meta.step()) {
        meta.reset();
        return {};
    }
    const qint64 size = meta.int64(0);
    const int codec = static_cast<int>(meta.int64(1));
    meta.reset();
    if (offset < 0 || length <= 0 || offset >= size)
        return QByteArray("");
    const qint64 end = std::min(size, offset + length);
    QByteArray out;
    out.reserve(end - offset);
    // Every stored chunk but the last holds exactly ChunkSize bytes, so the chunk of an offset is known.
    Statement& chunks = db.prepare("SELECT seq, data FROM body_chunks WHERE body_id = ?1 AND seq >= ?2 AND seq <= ?3 "
                                   "ORDER BY seq");
    chunks.bind(1, bodyId).bind(2, offset / ChunkSize).bind(3, (end - 1) / ChunkSize);
    while (chunks.step()) {
        const qint64 chunkStart = chunks.int64(0) * ChunkSize;
        QByteArray piece = chunks.blob(1);
        if (codec == Zstd)
            piece = Compression::decompress(Compression::Codec::Zstd, piece, ChunkSize).data;
        const qint64 from = std::max<qint64>(offset, chunkStart) - chunkStart;
        const qint64 to = std::min<qint64>(end, chunkStart + piece.size()) - chunkStart;
        if (to > from)
            out.append(piece.constData() + from, to - from);
    }
    chunks.reset();
    return out;
}

qint64 size(Database& db, qint64 bodyId)
{
    Statement& st = db.prepare("SELECT size FROM bodies WHERE id = ?1");
    st.bind(1, bodyId);
    const qint64 s = st.step() ? st.int64(0) : -1;
    st.reset();
    return s;
}

QByteArray sha256(Database& db, qint64 bodyId)
{
    Statement& st = db.prepare("SELECT sha256 FROM bodies WHERE id = ?1");
    st.bind(1, bodyId);
    const QByteArray s = st.step() ? st.blob(0) : QByteArray();
    st.reset();
    return s;
}

} // namespace BodyStore
