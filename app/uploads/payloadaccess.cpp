// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "payloadaccess.h"

#include "common/hashing.h"
#include "decode/decoder.h"
#include "store/bodystore.h"

namespace Uploads {

namespace {
constexpr qint64 ReadPiece = 1024 * 1024;
}

PayloadAccess::PayloadAccess(Database& db, const Session& session)
    : m_db(db)
    , m_size(session.total)
{
    qint64 reach = 0;
    for (const Chunk* c : session.effectiveChunks()) {
        const qint64 end = c->offset + c->length;
        if (end <= reach)
            continue;
        if (c->kept)
            m_pieces.push_back({ std::max(reach, c->offset), end, c });
        reach = std::max(reach, end);
    }
}

QByteArray PayloadAccess::chunkBytes(const Chunk& c, qint64 from, qint64 length)
{
    const PayloadSource& s = c.source;
    if (!s.decode) {
        qint64 available = length;
        if (s.length >= 0)
            available = std::min(available, s.length - from);
        return available > 0 ? BodyStore::readRange(m_db, s.bodyId, s.offset + from, available) : QByteArray();
    }
    if (m_decodedFlow != c.flowId) {
        // Encoded bodies (gzip, a base64 multipart part) are decoded whole, within the decoder's limits.
        Decode::Limits limits;
        limits.maxTotalBytes = 256 * 1024 * 1024;
        limits.timeBudgetMs = 20000;
        const QByteArray stored = BodyStore::get(m_db, s.bodyId, limits.maxTotalBytes);
        if (s.part >= 0) {
            const Decode::Decoded d = Decode::decodeBody(stored, s.contentType, {}, s.contentEncoding, limits);
            const std::vector<int> parts = d.multipartParts();
            m_decoded = s.part < static_cast<int>(parts.size()) ? d.layers[parts[s.part]].data : QByteArray();
        } else {
            m_decoded = Decode::decodeContent(stored, {}, s.contentEncoding, {}, limits).data;
        }
        m_decodedFlow = c.flowId;
    }
    if (from >= m_decoded.size())
        return {};
    return m_decoded.mid(from, length);
}

QByteArray PayloadAccess::read(qint64 offset, qint64 length)
{
    QByteArray out;
    if (offset < 0 || length <= 0 || offset >= m_size)
        return out;
    const qint64 end = std::min(m_size, offset + length);
    qint64 pos = offset;
    // Pieces are sorted and disjoint; find the first one that ends after `pos`.
    auto it = std::lower_bound(
        m_pieces.begin(), m_pieces.end(), pos, [](const Piece& p, qint64 value) { return p.end <= value; });
    for (; it != m_pieces.end() && pos < end; ++it) {
        if (it->start > pos)
            break; // a gap: the bytes are not in the capture
        const qint64 n = std::min(end, it->end) - pos;
        const QByteArray bytes = chunkBytes(*it->chunk, pos - it->chunk->offset, n);
        out += bytes;
        pos += bytes.size();
        if (bytes.size() < n)
            break;
    }
    return out;
}

QString PayloadAccess::sha256(const std::function<bool()>& stop)
{
    Digest digest;
    for (qint64 pos = 0; pos < m_size; pos += ReadPiece) {
        if (stop && stop())
            return {};
        const qint64 n = std::min(ReadPiece, m_size - pos);
        const QByteArray piece = read(pos, n);
        if (piece.size() != n)
            return {};
        digest.addData(piece);
    }
    return m_size > 0 ? QString::fromLatin1(digest.result().toHex()) : QString();
}

} // namespace Uploads
