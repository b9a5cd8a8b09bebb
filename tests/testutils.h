// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/captureimporter.h"

#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

class Investigation;

/// Shared helpers of the test suite (hotspot's tests/testutils.h).
namespace TestUtils {

/// tests/data/<name>
QString data(const QString& name);
/// ../shared/corpus/<relative>, or an empty string when the corpus is not there (the test should QSKIP).
QString corpus(const QString& relative);
/// The built leakscope executable.
QString binary();

/// A sink that keeps everything an importer produces, for importer tests.
class CollectingSink : public CaptureSink
{
public:
    void setInfo(const Data::CaptureInfo& i) override
    {
        info = i;
    }
    void addFlow(Data::Flow&& f) override
    {
        flows.push_back(std::move(f));
    }
    void addConnection(Data::Connection&& c) override
    {
        connections.push_back(std::move(c));
    }
    void addDnsAnswer(const Data::DnsAnswer& a) override
    {
        dns.push_back(a);
    }
    void addWarning(const QString& w) override
    {
        warnings.append(w);
    }
    Data::CaptureInfo info;
    std::vector<Data::Flow> flows;
    std::vector<Data::Connection> connections;
    std::vector<Data::DnsAnswer> dns;
    QStringList warnings;
};

/// Runs the importer for the file's sniffed format into a CollectingSink. Returns false with `error` set.
bool importFile(const QString& path, CollectingSink& sink, QString* error);

/// A scratch folder that disappears with the test.
class Scratch
{
public:
    Scratch();
    QString path(const QString& name) const;

private:
    QTemporaryDir m_dir;
};

struct ProcessResult
{
    int exitCode = -1;
    QString out;
    QString err;
};
/// Runs the leakscope binary with `arguments` (60 s limit).
ProcessResult runLeakscope(const QStringList& arguments, const QString& workingDir = {});

} // namespace TestUtils
