// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bytesource.h"

#include "common/hashing.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <zlib.h>
#include <zstd.h>

ByteSource::~ByteSource() = default;

namespace {

class FileSource : public ByteSource
{
public:
    FileSource(std::unique_ptr<QFile> file, Digest* digest)
        : m_file(std::move(file))
        , m_size(m_file->size())
        , m_digest(digest)
    { }
    qint64 read(char* data, qint64 max) override
    {
        const qint64 n = m_file->read(data, max);
        if (n < 0) {
            m_error = m_file->errorString();
        } else {
            m_pos += n;
            if (m_digest)
                m_digest->addData(QByteArrayView(data, n));
        }
        return n;
    }
    bool digestRestOfFile() override
    {
        if (!m_digest)
            return true;
        QByteArray block(1 << 20, Qt::Uninitialized);
        qint64 n;
        while ((n = read(block.data(), block.size())) > 0) { }
        return n == 0;
    }
    qint64 filePosition() const override
    {
        return m_pos;
    }
    qint64 fileSize() const override
    {
        return m_size;
    }

private:
    std::unique_ptr<QFile> m_file;
    qint64 m_size = 0;
    qint64 m_pos = 0;
    Digest* m_digest;
};

class BufferSource : public ByteSource
{
public:
    explicit BufferSource(QByteArray data)
        : m_data(std::move(data))
    { }
    qint64 read(char* data, qint64 max) override
    {
        const qint64 n = std::min<qint64>(max, m_data.size() - m_pos);
        memcpy(data, m_data.constData() + m_pos, static_cast<size_t>(n));
        m_pos += n;
        return n;
    }
    qint64 filePosition() const override
    {
        return m_pos;
    }
    qint64 fileSize() const override
    {
        return m_data.size();
    }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

/// Common shape of the two decompressing sources: pull compressed input in blocks, push out plain bytes.
class DecompressingSource : public ByteSource
{
public:
    explicit DecompressingSource(std::unique_ptr<ByteSource> inner)
        : m_inner(std::move(inner))
    {
        m_in.resize(256 * 1024);
    }
    qint64 filePosition() const override
    {
        return m_inner->filePosition();
    }
    qint64 fileSize() const override
    {
        return m_inner->fileSize();
    }
    bool digestRestOfFile() override
    {
        return m_inner->digestRestOfFile();
    }

protected:
    /// Refills the input block when it is used up; returns false at the end of the compressed file.
    bool refill()
    {
        if (m_inPos < m_inLen)
            return true;
        const qint64 n = m_inner->read(m_in.data(), m_in.size());
        if (n < 0) {
            m_error = m_inner->errorString();
            return false;
        }
        m_inPos = 0;
        m_inLen = n;
        return n > 0;
    }
    std::unique_ptr<ByteSource> m_inner;
    QByteArray m_in;
    qint64 m_inPos = 0;
    qint64 m_inLen = 0;
};

class ZlibSource : public DecompressingSource
{
public:
    ZlibSource(std::unique_ptr<ByteSource> inner, bool gzip)
        : DecompressingSource(std::move(inner))
        , m_gzip(gzip)
    {
        inflateInit2(&m_zs, gzip ? 16 + MAX_WBITS : MAX_WBITS);
    }
    ~ZlibSource() override
    {
        inflateEnd(&m_zs);
    }
    QString compression() const override
    {
        return m_gzip ? QStringLiteral("gzip") : QStringLiteral("zlib");
    }
    qint64 read(char* data, qint64 max) override
    {
        if (m_done || !m_error.isEmpty())
            return m_error.isEmpty() ? 0 : -1;
        m_zs.next_out = reinterpret_cast<Bytef*>(data);
        m_zs.avail_out = static_cast<uInt>(std::min<qint64>(max, 1 << 30));
        while (m_zs.avail_out > 0) {
            if (!refill()) {
                if (!m_error.isEmpty())
                    return -1;
                if (!m_streamEnded) {
                    m_error = QStringLiteral("the %1 data ends early (the file is truncated)").arg(compression());
                    const qint64 produced = max - m_zs.avail_out;
                    return produced > 0 ? produced : -1;
                }
                m_done = true;
                break;
            }
            m_zs.next_in = reinterpret_cast<Bytef*>(m_in.data() + m_inPos);
            m_zs.avail_in = static_cast<uInt>(m_inLen - m_inPos);
            const uInt before = m_zs.avail_in;
            const int rc = inflate(&m_zs, Z_NO_FLUSH);
            m_inPos += before - m_zs.avail_in;
            m_streamEnded = false;
            if (rc == Z_STREAM_END) {
                m_streamEnded = true;
                // Concatenated gzip members (log rotation, pigz) continue the same stream.
                if (m_gzip && refill())
                    inflateReset(&m_zs);
                else if (!m_gzip || m_error.isEmpty()) {
                    m_done = true;
                    break;
                }
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                m_error = QStringLiteral("corrupt %1 data at compressed offset %2")
                              .arg(compression())
                              .arg(m_inner->filePosition() - (m_inLen - m_inPos));
                const qint64 produced = max - m_zs.avail_out;
                return produced > 0 ? produced : -1;
            }
        }
        return max - m_zs.avail_out;
    }

private:
    z_stream m_zs {};
    bool m_gzip;
    bool m_done = false;
    bool m_streamEnded = false;
};

class ZstdSource : public DecompressingSource
{
public:
    explicit ZstdSource(std::unique_ptr<ByteSource> inner)
        : DecompressingSource(std::move(inner))
        , m_ctx(ZSTD_createDCtx())
    { }
    ~ZstdSource() override
    {
        ZSTD_freeDCtx(m_ctx);
    }
    QString compression() const override
    {
        return QStringLiteral("zstd");
    }
    qint64 read(char* data, qint64 max) override
    {
        if (!m_error.isEmpty())
            return -1;
        ZSTD_outBuffer out { data, static_cast<size_t>(max), 0 };
        while (out.pos < out.size) {
            if (!refill()) {
                if (!m_error.isEmpty())
                    return -1;
                if (m_pending != 0)
                    m_error = QStringLiteral("the zstd data ends early (the file is truncated)");
                break;
            }
            ZSTD_inBuffer in { m_in.constData() + m_inPos, static_cast<size_t>(m_inLen - m_inPos), 0 };
            m_pending = ZSTD_decompressStream(m_ctx, &out, &in);
            m_inPos += static_cast<qint64>(in.pos);
            if (ZSTD_isError(m_pending)) {
                m_error =
                    QStringLiteral("corrupt zstd data (%1)").arg(QString::fromLatin1(ZSTD_getErrorName(m_pending)));
                return out.pos > 0 ? static_cast<qint64>(out.pos) : -1;
            }
        }
        return static_cast<qint64>(out.pos);
    }

private:
    ZSTD_DCtx* m_ctx;
    size_t m_pending = 0;
};

/// Puts back the bytes read for sniffing in front of the rest of the file.
class PrefixedSource : public ByteSource
{
public:
    PrefixedSource(QByteArray prefix, std::unique_ptr<ByteSource> rest)
        : m_prefix(std::move(prefix))
        , m_rest(std::move(rest))
    { }
    qint64 read(char* data, qint64 max) override
    {
        if (m_pos < m_prefix.size()) {
            const qint64 n = std::min<qint64>(max, m_prefix.size() - m_pos);
            memcpy(data, m_prefix.constData() + m_pos, static_cast<size_t>(n));
            m_pos += n;
            return n;
        }
        const qint64 n = m_rest->read(data, max);
        if (n < 0)
            m_error = m_rest->errorString();
        return n;
    }
    qint64 filePosition() const override
    {
        return m_rest->filePosition() - (m_prefix.size() - m_pos);
    }
    qint64 fileSize() const override
    {
        return m_rest->fileSize();
    }
    bool digestRestOfFile() override
    {
        return m_rest->digestRestOfFile();
    }

private:
    QByteArray m_prefix;
    qint64 m_pos = 0;
    std::unique_ptr<ByteSource> m_rest;
};

} // namespace

std::unique_ptr<ByteSource> ByteSource::open(const QString& path, QString* error, Digest* fileDigest)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("no such file");
        return nullptr;
    }
    if (info.isDir()) {
        *error = QStringLiteral("is a folder, not a capture file");
        return nullptr;
    }
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        *error = file->error() == QFileDevice::OpenError && !info.isReadable() ? QStringLiteral("permission denied")
                                                                               : file->errorString();
        return nullptr;
    }
    auto fileSource = std::make_unique<FileSource>(std::move(file), fileDigest);
    char magic[4] = {};
    const qint64 n = fileSource->read(magic, 4);
    if (n < 0) {
        *error = fileSource->errorString();
        return nullptr;
    }
    const QByteArray head(magic, static_cast<qsizetype>(n));
    auto plain = std::make_unique<PrefixedSource>(head, std::move(fileSource));
    const auto u = [&](int i) { return static_cast<unsigned char>(magic[i]); };
    if (n >= 2 && u(0) == 0x1F && u(1) == 0x8B)
        return std::make_unique<ZlibSource>(std::move(plain), true);
    if (n >= 4 && u(0) == 0x28 && u(1) == 0xB5 && u(2) == 0x2F && u(3) == 0xFD)
        return std::make_unique<ZstdSource>(std::move(plain));
    // zlib: CMF 0x78 with a valid check value (RFC 1950) — mitmproxy writes .zhar files like this.
    if (n >= 2 && u(0) == 0x78 && ((u(0) << 8) | u(1)) % 31 == 0)
        return std::make_unique<ZlibSource>(std::move(plain), false);
    return plain;
}

std::unique_ptr<ByteSource> ByteSource::fromBuffer(QByteArray data)
{
    return std::make_unique<BufferSource>(std::move(data));
}

BufferedInput::BufferedInput(ByteSource& source, qsizetype bufferSize)
    : m_source(source)
{
    m_buffer.resize(bufferSize);
}

qsizetype BufferedInput::fill(qsizetype n)
{
    if (m_end - m_pos >= n || m_failed)
        return m_end - m_pos;
    // Move the unread tail to the front, growing the buffer when a caller needs more than it holds.
    const qsizetype have = m_end - m_pos;
    if (m_pos > 0) {
        memmove(m_buffer.data(), m_buffer.constData() + m_pos, static_cast<size_t>(have));
        m_pos = 0;
        m_end = have;
    }
    if (n > m_buffer.size())
        m_buffer.resize(n);
    while (m_end < n) {
        const qint64 got = m_source.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
        if (got < 0) {
            m_failed = true;
            break;
        }
        if (got == 0)
            break;
        m_end += got;
    }
    return m_end - m_pos;
}

QByteArray BufferedInput::read(qsizetype n)
{
    QByteArray out;
    out.reserve(n);
    while (out.size() < n) {
        if (available() == 0 && fill(1) == 0)
            break;
        const qsizetype take = std::min(n - out.size(), available());
        out.append(data(), take);
        consume(take);
    }
    return out;
}

qint64 BufferedInput::skip(qint64 n)
{
    qint64 skipped = 0;
    while (skipped < n) {
        if (available() == 0 && fill(1) == 0)
            break;
        const qint64 take = std::min<qint64>(n - skipped, available());
        consume(take);
        skipped += take;
    }
    return skipped;
}
