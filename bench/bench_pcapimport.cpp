// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// placeholder, replaced below
#include "ingest/bytesource.h"
#include "ingest/captureformat.h"
#include "ingest/captureimporter.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {
class PrintSink : public CaptureSink
{
public:
    QTextStream out { stdout };
    void setInfo(const Data::CaptureInfo& i) override
    {
        out << "info: " << i.producer << " | " << i.notes << "\n";
    }
    void addFlow(Data::Flow&& f) override
    {
        out << "flow " << f.sourceRef << " " << f.method << " " << f.url << " " << f.status << " flags=" << f.flags
            << " req=" << f.requestBody.wireSize << " resp=" << f.responseBody.wireSize << " app=" << f.app.name
            << " ws=" << f.webSocketMessages.size()
            << (f.error.isEmpty() ? QString() : QStringLiteral(" err=") + f.error) << "\n";
    }
    void addConnection(Data::Connection&& c) override
    {
        out << "conn " << c.sourceRef << " " << c.clientIp << ":" << c.clientPort << " -> " << c.serverIp << ":"
            << c.serverPort << " " << c.l7 << " name=" << c.name << " (" << c.nameSource << ") alpn=" << c.alpn
            << " up=" << c.bytesUp << "/" << c.packetsUp << " down=" << c.bytesDown << "/" << c.packetsDown
            << " flags=" << c.flags << " app=" << c.app.name << "\n";
    }
    void addDnsAnswer(const Data::DnsAnswer& a) override
    {
        out << "dns " << a.name << " " << a.address << " " << a.cnameChain << "\n";
    }
    void addWarning(const QString& w) override
    {
        out << "warning: " << w << "\n";
    }
};
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args[1] == u"--dump") {
        const SniffResult s = CaptureFormats::sniff(args[2]);
        auto importer = CaptureFormats::createImporter(s.format);
        QString error;
        auto source = ByteSource::open(args[2], &error);
        if (!importer || !source)
            return 1;
        PrintSink sink;
        const ImportInput input { *source, args[2], args.size() > 3 ? args[3] : QString() };
        if (!importer->read(input, sink, {})) {
            sink.out << "ERROR: " << importer->errorString() << "\n";
            return 1;
        }
        return 0;
    }
    return 0;
}
