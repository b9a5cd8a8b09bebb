// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>

/// A byte source with random access: what the media parsers read (a file on disk, a reassembled upload
/// whose chunks stay in the body store, bytes in memory). Reads are small and bounded by the caller, so a
/// multi-gigabyte video is fingerprinted without ever being held in memory.
class RandomAccess
{
public:
    virtual ~RandomAccess();
    /// The size in bytes.
    virtual qint64 size() const = 0;
    /// Up to `length` bytes from `offset` (fewer at the end). A short result inside the size means the bytes
    /// are not there (a gap in an incomplete upload).
    virtual QByteArray read(qint64 offset, qint64 length) = 0;
};

class MemoryAccess : public RandomAccess
{
public:
    explicit MemoryAccess(QByteArrayView data)
        : m_data(data)
    { }
    qint64 size() const override
    {
        return m_data.size();
    }
    QByteArray read(qint64 offset, qint64 length) override;

private:
    QByteArrayView m_data;
};

class FileAccess : public RandomAccess
{
public:
    /// Opens the file; check isOpen() and errorString().
    explicit FileAccess(const QString& path);
    bool isOpen() const
    {
        return m_file.isOpen();
    }
    QString errorString() const
    {
        return m_file.errorString();
    }
    qint64 size() const override
    {
        return m_size;
    }
    QByteArray read(qint64 offset, qint64 length) override;

private:
    QFile m_file;
    qint64 m_size = 0;
};
