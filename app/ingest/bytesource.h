// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

/// A forward-only stream of bytes from a capture file, decompressed on the fly when the file is gzip, zlib
/// (mitmproxy's .zhar) or zstd. Importers read captures through this so a `.pcap.gz` or a zlib HAR needs no
/// temporary copy, and memory stays constant whatever the file size.
class Digest;

class ByteSource
{
public:
    virtual ~ByteSource();

    /// Reads up to `max` bytes; returns the count, 0 at the end, -1 on error (see errorString()).
    virtual qint64 read(char* data, qint64 max) = 0;
    /// Bytes of the underlying file consumed so far, and its size: for progress bars.
    virtual qint64 filePosition() const = 0;
    virtual qint64 fileSize() const = 0;
    /// "gzip", "zlib", "zstd" or empty for a plain file.
    virtual QString compression() const
    {
        return {};
    }
    QString errorString() const
    {
        return m_error;
    }

    /// Opens `path`, sniffing its first bytes for a compression layer. Returns nullptr and sets `error`
    /// ("No such file", "Permission denied", "is a directory") when the file cannot be read.
    /// When `fileDigest` is given, every byte of the file (before decompression) passes through it; call
    /// digestRestOfFile() after reading to include the bytes a reader did not need.
    static std::unique_ptr<ByteSource> open(const QString& path, QString* error, Digest* fileDigest = nullptr);
    /// Reads the rest of the underlying file into the digest given to open(). Returns false on a read error.
    virtual bool digestRestOfFile()
    {
        return true;
    }
    /// Wraps an in-memory buffer (tests, fuzzers, archive members).
    static std::unique_ptr<ByteSource> fromBuffer(QByteArray data);

protected:
    QString m_error;
};

/// Buffered reading on top of a ByteSource with look-ahead, used by the text/JSON/tnetstring readers.
class BufferedInput
{
public:
    explicit BufferedInput(ByteSource& source, qsizetype bufferSize = 1 << 20);

    /// Ensures at least `n` bytes are buffered, unless the stream ends first. Returns the bytes available.
    qsizetype fill(qsizetype n);
    const char* data() const
    {
        return m_buffer.constData() + m_pos;
    }
    /// Writable view of the buffered bytes, for readers that repair input in place (JsonInputStream).
    char* mutableData()
    {
        return m_buffer.data() + m_pos;
    }
    qsizetype available() const
    {
        return m_end - m_pos;
    }
    void consume(qsizetype n)
    {
        m_pos += n;
        m_offset += n;
    }
    bool atEnd()
    {
        return fill(1) == 0;
    }
    int peek()
    {
        return (m_pos < m_end || fill(1) > 0) ? static_cast<unsigned char>(m_buffer[m_pos]) : -1;
    }
    int get()
    {
        const int c = peek();
        if (c >= 0)
            consume(1);
        return c;
    }
    /// Reads exactly `n` bytes (fewer only at the end of the stream).
    QByteArray read(qsizetype n);
    /// Skips `n` bytes without keeping them.
    qint64 skip(qint64 n);
    /// Offset in the decompressed stream, for error messages and provenance.
    qint64 offset() const
    {
        return m_offset;
    }
    bool failed() const
    {
        return m_failed;
    }
    ByteSource& source()
    {
        return m_source;
    }

private:
    ByteSource& m_source;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_end = 0;
    qint64 m_offset = 0;
    bool m_failed = false;
};
