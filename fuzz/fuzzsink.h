// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fuzzinput.h"
#include "ingest/captureimporter.h"
#include "packet/httpflowsink.h"

namespace Fuzz {

inline size_t touchFlow(const Data::Flow& f)
{
    size_t sum = static_cast<size_t>(f.url.size() + f.host.size() + f.method.size() + f.sni.size());
    for (const Data::Header& h : f.requestHeaders)
        sum += touch(h.name) + touch(h.value);
    for (const Data::Header& h : f.responseHeaders)
        sum += touch(h.name) + touch(h.value);
    sum += touch(f.requestBody.data) + touch(f.responseBody.data);
    for (const Data::WebSocketMessage& m : f.webSocketMessages)
        sum += touch(m.data);
    return sum;
}

/// A CaptureSink that reads what it is given and keeps nothing (memory stays flat over millions of runs).
class Sink : public CaptureSink
{
public:
    void setInfo(const Data::CaptureInfo& info) override
    {
        m_sum += static_cast<size_t>(info.producer.size() + info.notes.size());
    }
    void addFlow(Data::Flow&& flow) override
    {
        m_sum += touchFlow(flow);
        ++flows;
    }
    void addConnection(Data::Connection&& c) override
    {
        m_sum += static_cast<size_t>(c.name.size() + c.serverIp.size());
    }
    void addDnsAnswer(const Data::DnsAnswer& a) override
    {
        m_sum += static_cast<size_t>(a.name.size() + a.address.size());
    }
    void addWarning(const QString& warning) override
    {
        m_sum += static_cast<size_t>(warning.size());
    }
    int flows = 0;

private:
    size_t m_sum = 0;
};

/// The HTTP session parsers' sink: reads each flow, tunnels nothing.
class HttpSink : public Packet::HttpFlowSink
{
public:
    void httpFlow(Data::Flow&& flow) override
    {
        m_sum += touchFlow(flow);
    }
    std::unique_ptr<Packet::StreamAnalyzer> tunnelAnalyzer() override
    {
        return nullptr;
    }

private:
    size_t m_sum = 0;
};

} // namespace Fuzz
