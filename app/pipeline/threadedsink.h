// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/captureimporter.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <variant>

/// Runs a sink on its own thread behind a bounded queue: the importer parses on one core while the store
/// hashes, compresses and writes on the other (ARCHITECTURE.md, "two cores"). The queue is bounded by bytes
/// of body data, so memory stays flat whatever the capture's size. An exception in the target sink (a full
/// disk) is rethrown on the importer's thread at its next call, and by finish().
class ThreadedSink : public CaptureSink
{
public:
    explicit ThreadedSink(CaptureSink& target, qint64 maxQueuedBytes = 32 * 1024 * 1024);
    ~ThreadedSink() override;

    void setInfo(const Data::CaptureInfo& info) override;
    void addFlow(Data::Flow&& flow) override;
    void addConnection(Data::Connection&& connection) override;
    void addDnsAnswer(const Data::DnsAnswer& answer) override;
    void addWarning(const QString& warning) override;

    /// Waits until everything queued reached the target; rethrows the target's exception, if any.
    void finish();

private:
    using Item = std::variant<Data::CaptureInfo, Data::Flow, Data::Connection, Data::DnsAnswer, QString>;
    void push(Item&& item, qint64 bytes);
    void run();

    CaptureSink& m_target;
    const qint64 m_maxBytes;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::pair<Item, qint64>> m_queue;
    qint64 m_queuedBytes = 0;
    bool m_closing = false;
    bool m_busy = false;
    std::exception_ptr m_error;
    std::thread m_thread;
};
