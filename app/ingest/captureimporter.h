// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QString>

#include <functional>

class ByteSource;

/// Where an importer puts what it reads. The store's capture writer implements it; tests collect into vectors.
class CaptureSink
{
public:
    virtual ~CaptureSink();
    virtual void setInfo(const Data::CaptureInfo& info) = 0;
    virtual void addFlow(Data::Flow&& flow) = 0;
    virtual void addConnection(Data::Connection&& connection) = 0;
    virtual void addDnsAnswer(const Data::DnsAnswer& answer) = 0;
    /// A record was skipped or something is worth telling the user ("entry 12: no request URL; skipped").
    virtual void addWarning(const QString& warning) = 0;
};

/// Progress of a long job: `done` of `total` (bytes of the input file). Returning false asks the job to stop.
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

/// What an importer is given: the file (already decompressed when it was gzip/zlib/zstd) and its path, for
/// formats that need random access (zip archives) or companion files (TLS key logs).
struct ImportInput
{
    ByteSource& stream;
    QString path;
    QString keyLogPath; ///< optional SSLKEYLOGFILE to decrypt TLS in packet captures
};

/// One importer per format (STYLE.md 1, 3): reads a capture into a sink, streaming, with a cancel-aware
/// progress callback. Errors name the position ("entry 12", "line 7, column 3", "byte offset 4096"); the
/// caller adds the file name.
class CaptureImporter
{
public:
    virtual ~CaptureImporter();

    /// Reads everything. Returns false when the file is unusable (errorString() says why and where) or when
    /// the progress callback cancelled (wasCancelled()). Records already given to the sink before a failure
    /// are discarded by the caller, which imports each capture in one transaction.
    virtual bool read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress) = 0;

    QString errorString() const
    {
        return m_error;
    }
    bool wasCancelled() const
    {
        return m_cancelled;
    }

protected:
    bool fail(const QString& message)
    {
        m_error = message;
        return false;
    }
    bool cancel()
    {
        m_cancelled = true;
        m_error = QStringLiteral("cancelled");
        return false;
    }

private:
    QString m_error;
    bool m_cancelled = false;
};

/// Calls the progress callback at most every `interval` bytes, so tight parse loops stay cheap.
class ProgressThrottle
{
public:
    ProgressThrottle(const ProgressCallback& callback, qint64 total, qint64 interval = 1 << 20)
        : m_callback(callback)
        , m_total(total)
        , m_interval(interval)
        , m_last(-interval)
    {
    }
    /// Returns false when the user cancelled.
    bool update(qint64 done)
    {
        if (!m_callback || done - m_last < m_interval)
            return true;
        m_last = done;
        return m_callback(done, m_total);
    }
    bool finish()
    {
        return !m_callback || m_callback(m_total, m_total);
    }

private:
    const ProgressCallback& m_callback;
    qint64 m_total;
    qint64 m_interval;
    qint64 m_last;
};
