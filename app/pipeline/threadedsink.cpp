// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "threadedsink.h"

namespace {

qint64 weight(const Data::Flow& f)
{
    qint64 bytes = 1024 + f.requestBody.data.size() + f.responseBody.data.size();
    for (const auto& m : f.webSocketMessages)
        bytes += m.data.size();
    return bytes;
}

template <class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace

ThreadedSink::ThreadedSink(CaptureSink& target, qint64 maxQueuedBytes)
    : m_target(target)
    , m_maxBytes(maxQueuedBytes)
    , m_thread(&ThreadedSink::run, this)
{ }

ThreadedSink::~ThreadedSink()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        m_queue.clear(); // an abandoned import: drop what is left, the caller rolls back
    }
    m_changed.notify_all();
    m_thread.join();
}

void ThreadedSink::push(Item&& item, qint64 bytes)
{
    std::unique_lock lock(m_mutex);
    // One oversized record may always pass, or a single huge body would wait forever.
    m_changed.wait(lock, [&] { return m_error || m_queuedBytes == 0 || m_queuedBytes + bytes <= m_maxBytes; });
    if (m_error)
        std::rethrow_exception(m_error);
    m_queue.emplace_back(std::move(item), bytes);
    m_queuedBytes += bytes;
    lock.unlock();
    m_changed.notify_all();
}

void ThreadedSink::setInfo(const Data::CaptureInfo& info)
{
    push(info, 256);
}

void ThreadedSink::addFlow(Data::Flow&& flow)
{
    const qint64 bytes = weight(flow);
    push(std::move(flow), bytes);
}

void ThreadedSink::addConnection(Data::Connection&& connection)
{
    push(std::move(connection), 512);
}

void ThreadedSink::addDnsAnswer(const Data::DnsAnswer& answer)
{
    push(answer, 128);
}

void ThreadedSink::addWarning(const QString& warning)
{
    push(warning, 128);
}

void ThreadedSink::finish()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_error || (m_queue.empty() && !m_busy); });
    if (m_error)
        std::rethrow_exception(m_error);
}

void ThreadedSink::run()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [&] { return m_closing || !m_queue.empty(); });
        if (m_queue.empty())
            return; // closing
        auto [item, bytes] = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        std::exception_ptr error;
        try {
            std::visit(Overloaded {
                           [&](Data::CaptureInfo& i) { m_target.setInfo(i); },
                           [&](Data::Flow& f) { m_target.addFlow(std::move(f)); },
                           [&](Data::Connection& c) { m_target.addConnection(std::move(c)); },
                           [&](Data::DnsAnswer& a) { m_target.addDnsAnswer(a); },
                           [&](QString& w) { m_target.addWarning(w); },
                       },
                item);
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        m_busy = false;
        m_queuedBytes -= bytes;
        if (error && !m_error) {
            m_error = error;
            m_queue.clear();
            m_queuedBytes = 0;
        }
        m_changed.notify_all();
    }
}
