// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "framing.h"

#include "common/compression.h"

#include <algorithm>
#include <cstring>
#include <zlib.h>

namespace Decode::Framing {

namespace {

quint32 be32(const char* p)
{
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return (quint32(u[0]) << 24) | (quint32(u[1]) << 16) | (quint32(u[2]) << 8) | quint32(u[3]);
}

Unwrapped fromCompression(Compression::Result&& r)
{
    Unwrapped u;
    u.data = std::move(r.data);
    u.ok = r.ok || r.limitReached;
    u.limitReached = r.limitReached;
    u.error = r.error;
    return u;
}

/// One raw-deflate stream kept across WebSocket messages (context takeover shares the window).
class RawInflater
{
public:
    RawInflater()
    {
        m_ok = inflateInit2(&m_zs, -MAX_WBITS) == Z_OK;
    }
    ~RawInflater()
    {
        if (m_ok)
            inflateEnd(&m_zs);
    }
    RawInflater(const RawInflater&) = delete;
    RawInflater& operator=(const RawInflater&) = delete;

    /// Inflates `input` + 00 00 FF FF (the tail RFC 7692 removes); false on corrupt data.
    bool inflateMessage(QByteArrayView input, qint64 maxOutput, QByteArray* out, bool* limitReached)
    {
        if (!m_ok)
            return false;
        QByteArray in = input.toByteArray();
        in.append("\x00\x00\xff\xff", 4);
        m_zs.next_in = reinterpret_cast<Bytef*>(in.data());
        m_zs.avail_in = static_cast<uInt>(in.size());
        while (true) {
            const qint64 room = std::min<qint64>(64 * 1024, maxOutput - out->size());
            if (room <= 0) {
                *limitReached = true;
                return true;
            }
            const qsizetype old = out->size();
            out->resize(old + room);
            m_zs.next_out = reinterpret_cast<Bytef*>(out->data() + old);
            m_zs.avail_out = static_cast<uInt>(room);
            const int rc = inflate(&m_zs, Z_SYNC_FLUSH);
            const bool filled = m_zs.avail_out == 0;
            out->resize(old + (room - m_zs.avail_out));
            if (rc == Z_STREAM_END) {
                inflateReset(&m_zs);
                if (m_zs.avail_in == 0)
                    break;
                continue;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR)
                return false;
            if (rc == Z_BUF_ERROR || (m_zs.avail_in == 0 && !filled))
                break; // all input used and all output flushed
        }
        return true;
    }

private:
    z_stream m_zs {};
    bool m_ok = false;
};

} // namespace

bool looksGzip(QByteArrayView d)
{
    return d.size() >= 10 && static_cast<unsigned char>(d[0]) == 0x1F && static_cast<unsigned char>(d[1]) == 0x8B
        && d[2] == 8;
}

bool looksZstd(QByteArrayView d)
{
    return d.size() >= 9 && memcmp(d.data(), "\x28\xB5\x2F\xFD", 4) == 0;
}

bool looksZlib(QByteArrayView d)
{
    if (d.size() < 6)
        return false;
    const unsigned cmf = static_cast<unsigned char>(d[0]);
    const unsigned flg = static_cast<unsigned char>(d[1]);
    return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && (flg & 0x20) == 0 && (cmf * 256 + flg) % 31 == 0;
}

Unwrapped undoContentCoding(QByteArrayView data, QByteArrayView codingIn, qint64 maxOutput)
{
    const QByteArray coding = codingIn.trimmed().toByteArray().toLower();
    if (coding == "gzip" || coding == "x-gzip") {
        if (!looksGzip(data)) {
            Unwrapped u;
            u.error = QStringLiteral("the body is not gzip data");
            return u;
        }
        return fromCompression(Compression::decompress(Compression::Codec::Gzip, data, maxOutput));
    }
    if (coding == "deflate") {
        if (looksZlib(data)) {
            Unwrapped z = fromCompression(Compression::decompress(Compression::Codec::Zlib, data, maxOutput));
            if (z.ok)
                return z;
        }
        return fromCompression(Compression::decompress(Compression::Codec::RawDeflate, data, maxOutput));
    }
    if (coding == "br")
        return fromCompression(Compression::decompress(Compression::Codec::Brotli, data, maxOutput));
    if (coding == "zstd") {
        if (!looksZstd(data)) {
            Unwrapped u;
            u.error = QStringLiteral("the body is not zstd data");
            return u;
        }
        return fromCompression(Compression::decompress(Compression::Codec::Zstd, data, maxOutput));
    }
    Unwrapped u;
    u.error = QStringLiteral("unsupported content coding \"%1\"").arg(QString::fromLatin1(coding.left(40)));
    return u;
}

Unwrapped sniffCompressed(QByteArrayView data, qint64 maxOutput, QByteArray* step)
{
    if (looksGzip(data)) {
        *step = "gzip";
        return fromCompression(Compression::decompress(Compression::Codec::Gzip, data, maxOutput));
    }
    if (looksZstd(data)) {
        *step = "zstd";
        return fromCompression(Compression::decompress(Compression::Codec::Zstd, data, maxOutput));
    }
    if (looksZlib(data)) {
        *step = "deflate";
        Unwrapped u = fromCompression(Compression::decompress(Compression::Codec::Zlib, data, maxOutput));
        // Two bytes that happen to form a zlib header are common in binary data: only a stream that
        // inflates counts.
        if (u.ok && !u.data.isEmpty())
            return u;
        return {};
    }
    return {};
}

std::optional<QByteArray> dechunk(QByteArrayView d, qint64 maxOutput)
{
    QByteArray out;
    qsizetype pos = 0;
    while (true) {
        const qsizetype lineEnd = d.indexOf("\r\n", pos);
        if (lineEnd < 0 || lineEnd == pos || lineEnd - pos > 64)
            return std::nullopt;
        QByteArrayView sizeField = d.sliced(pos, lineEnd - pos);
        if (const qsizetype semi = sizeField.indexOf(';'); semi >= 0)
            sizeField = sizeField.first(semi);
        sizeField = sizeField.trimmed();
        if (sizeField.isEmpty() || sizeField.size() > 15)
            return std::nullopt;
        bool ok = false;
        const qint64 size = sizeField.toLongLong(&ok, 16);
        if (!ok || size < 0)
            return std::nullopt;
        pos = lineEnd + 2;
        if (size == 0) {
            // Optional trailers, then an empty line; tolerate a missing final CRLF (truncated captures).
            while (pos < d.size()) {
                const qsizetype e = d.indexOf("\r\n", pos);
                if (e < 0)
                    return std::nullopt;
                if (e == pos)
                    return pos + 2 == d.size() ? std::optional<QByteArray>(out) : std::nullopt;
                pos = e + 2;
            }
            return out;
        }
        if (pos + size + 2 > d.size() || d.sliced(pos + size, 2) != "\r\n")
            return std::nullopt;
        if (out.size() + size > maxOutput)
            return std::nullopt;
        out.append(d.sliced(pos, size));
        pos += size + 2;
    }
}

std::optional<std::vector<Http2Stream>> http2DataFrames(QByteArrayView d, qint64 maxOutput)
{
    static constexpr char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    qsizetype pos = 0;
    if (d.startsWith(QByteArrayView(preface, sizeof(preface) - 1)))
        pos = sizeof(preface) - 1;
    std::vector<Http2Stream> streams;
    qint64 total = 0;
    bool sawData = false;
    while (pos < d.size()) {
        if (d.size() - pos < 9)
            return std::nullopt;
        const auto* h = reinterpret_cast<const unsigned char*>(d.data() + pos);
        const quint32 length = (quint32(h[0]) << 16) | (quint32(h[1]) << 8) | quint32(h[2]);
        const int type = h[3];
        const int flags = h[4];
        const quint32 stream = be32(d.data() + pos + 5) & 0x7FFFFFFFu;
        if (type > 9 || pos + 9 + qsizetype(length) > d.size())
            return std::nullopt;
        QByteArrayView payload = d.sliced(pos + 9, length);
        if (type == 0) {
            if (stream == 0)
                return std::nullopt;
            if (flags & 0x8) { // PADDED
                if (payload.isEmpty() || static_cast<unsigned char>(payload[0]) >= payload.size())
                    return std::nullopt;
                const int pad = static_cast<unsigned char>(payload[0]);
                payload = payload.sliced(1, payload.size() - 1 - pad);
            }
            total += payload.size();
            if (total > maxOutput)
                return std::nullopt;
            auto it = std::find_if(
                streams.begin(), streams.end(), [&](const Http2Stream& s) { return s.streamId == stream; });
            if (it == streams.end()) {
                streams.push_back({ stream, {} });
                it = streams.end() - 1;
            }
            it->data.append(payload);
            sawData = true;
        } else if ((type == 4 || type == 6 || type == 7) && stream != 0) {
            return std::nullopt; // SETTINGS, PING and GOAWAY belong to the connection
        }
        pos += 9 + length;
    }
    if (!sawData)
        return std::nullopt;
    return streams;
}

std::optional<std::vector<GrpcMessage>> splitGrpc(QByteArrayView d)
{
    std::vector<GrpcMessage> messages;
    qsizetype pos = 0;
    while (pos < d.size()) {
        if (d.size() - pos < 5)
            return std::nullopt;
        const unsigned flag = static_cast<unsigned char>(d[pos]);
        if ((flag & 0x7E) != 0)
            return std::nullopt;
        const quint32 length = be32(d.data() + pos + 1);
        if (qint64(length) > d.size() - pos - 5)
            return std::nullopt;
        GrpcMessage m;
        m.compressed = flag & 0x01;
        m.trailer = flag & 0x80;
        m.data = d.sliced(pos + 5, length).toByteArray();
        messages.push_back(std::move(m));
        pos += 5 + length;
    }
    if (messages.empty())
        return std::nullopt;
    return messages;
}

std::optional<std::vector<WebSocketFrameMessage>> unframeWebSocket(QByteArrayView d, qint64 maxOutput, QString* error)
{
    std::vector<WebSocketFrameMessage> messages;
    RawInflater inflater;
    qsizetype pos = 0;
    qint64 total = 0;
    bool inMessage = false;
    WebSocketFrameMessage current;
    QByteArray compressed;
    while (pos < d.size()) {
        if (d.size() - pos < 2)
            return std::nullopt;
        const unsigned b0 = static_cast<unsigned char>(d[pos]);
        const unsigned b1 = static_cast<unsigned char>(d[pos + 1]);
        const bool fin = b0 & 0x80;
        const bool rsv1 = b0 & 0x40;
        const int opcode = b0 & 0x0F;
        if (b0 & 0x30)
            return std::nullopt; // RSV2/RSV3 are never set without an extension we know
        const bool masked = b1 & 0x80;
        quint64 length = b1 & 0x7F;
        qsizetype p = pos + 2;
        if (length == 126) {
            if (d.size() - p < 2)
                return std::nullopt;
            length = (quint64(static_cast<unsigned char>(d[p])) << 8) | static_cast<unsigned char>(d[p + 1]);
            p += 2;
        } else if (length == 127) {
            if (d.size() - p < 8)
                return std::nullopt;
            length = (quint64(be32(d.data() + p)) << 32) | be32(d.data() + p + 4);
            p += 8;
        }
        char mask[4] = { 0, 0, 0, 0 };
        if (masked) {
            if (d.size() - p < 4)
                return std::nullopt;
            memcpy(mask, d.data() + p, 4);
            p += 4;
        }
        if (length > quint64(d.size() - p))
            return std::nullopt;
        QByteArray payload = d.sliced(p, qsizetype(length)).toByteArray();
        if (masked) {
            for (qsizetype i = 0; i < payload.size(); ++i)
                payload[i] = static_cast<char>(payload[i] ^ mask[i & 3]);
        }
        pos = p + qsizetype(length);
        if (opcode >= 8) {
            if (!fin || length > 125 || opcode > 10)
                return std::nullopt;
            continue; // close, ping, pong
        }
        if (opcode == 0) {
            if (!inMessage)
                return std::nullopt;
        } else {
            if (inMessage || (opcode != 1 && opcode != 2))
                return std::nullopt;
            inMessage = true;
            current = WebSocketFrameMessage {};
            current.opcode = opcode;
            current.wasCompressed = rsv1;
            compressed.clear();
        }
        (current.wasCompressed ? compressed : current.data).append(payload);
        if (fin) {
            if (current.wasCompressed) {
                bool limit = false;
                QByteArray out;
                if (!inflater.inflateMessage(compressed, maxOutput - total, &out, &limit)) {
                    if (error)
                        *error = QStringLiteral("WebSocket message %1: corrupt permessage-deflate data")
                                     .arg(messages.size());
                    return std::nullopt;
                }
                current.data = std::move(out);
            }
            total += current.data.size();
            if (total > maxOutput)
                return std::nullopt;
            messages.push_back(std::move(current));
            inMessage = false;
        }
    }
    if (messages.empty() || inMessage)
        return std::nullopt;
    return messages;
}

Unwrapped inflateWebSocketMessage(QByteArrayView data, qint64 maxOutput)
{
    RawInflater inflater;
    Unwrapped u;
    u.ok = inflater.inflateMessage(data, maxOutput, &u.data, &u.limitReached);
    if (!u.ok)
        u.error = QStringLiteral("corrupt permessage-deflate data");
    return u;
}

} // namespace Decode::Framing
