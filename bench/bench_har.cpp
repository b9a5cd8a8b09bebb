// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// HAR import throughput against RapidJSON's SAX reader parsing the same file and doing nothing (the speed limit
// of reading that JSON at all; target: the importer at least 0.5 of it), in the same run on the same file. The
// HAR comes from kit/hargen: JSON API calls, form posts and large base64 media bodies.
//
//   bench_har [--size MB] [--keep FILE] [--input FILE]
//
// Each measurement runs in a child process so its peak RSS is its own. Rows for scripts/bench.sh are the lines
// starting with "@row".
#include "hargen.h"
#include "ingest/bytesource.h"
#include "ingest/harimporter.h"
#include "measure.h"
#include "pipeline/captureimport.h"
#include "resultrow.h"
#include "store/investigation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

using namespace BenchKit;

namespace {

class CountingSink : public CaptureSink
{
public:
    void setInfo(const Data::CaptureInfo&) override { }
    void addFlow(Data::Flow&& f) override
    {
        ++flows;
        bodyBytes += f.requestBody.data.size() + f.responseBody.data.size();
    }
    void addConnection(Data::Connection&&) override { }
    void addDnsAnswer(const Data::DnsAnswer&) override { }
    void addWarning(const QString&) override { }
    qint64 flows = 0;
    qint64 bodyBytes = 0;
};

int runImport(const QString& path)
{
    QString error;
    auto source = ByteSource::open(path, &error);
    if (!source)
        return 1;
    HarImporter importer;
    CountingSink sink;
    if (!importer.read({ *source, path, {} }, sink, {})) {
        fprintf(stderr, "%s\n", qPrintable(importer.errorString()));
        return 1;
    }
    printf("%lld %lld\n", static_cast<long long>(sink.flows), static_cast<long long>(sink.bodyBytes));
    return 0;
}

int runStore(const QString& path)
{
    QTemporaryDir dir;
    auto inv = Investigation::open(dir.filePath(QStringLiteral("bench.leakscope")), Investigation::OpenMode::Create);
    ImportRequest request;
    request.path = path;
    const ImportOutcome o = importCapture(*inv, request);
    if (!o.ok)
        return 1;
    printf("%lld\n", static_cast<long long>(o.flows));
    return 0;
}

/// The reference: RapidJSON's SAX reader over the file, with a handler that accepts every event and keeps nothing.
int runRapidJson(const QString& path)
{
    FILE* f = fopen(QFile::encodeName(path).constData(), "rb");
    if (!f)
        return 1;
    static char buffer[1 << 16];
    rapidjson::FileReadStream stream(f, buffer, sizeof buffer);
    rapidjson::BaseReaderHandler<> handler;
    rapidjson::Reader reader;
    const rapidjson::ParseResult ok =
        reader.Parse<rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNanAndInfFlag>(stream, handler);
    fclose(f);
    printf("%s\n", ok ? "ok" : "broken");
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1] == u"--run-import")
        return runImport(args[2]);
    if (args.size() == 3 && args[1] == u"--run-store")
        return runStore(args[2]);
    if (args.size() == 3 && args[1] == u"--run-rapidjson")
        return runRapidJson(args[2]);

    qint64 sizeMb = 256;
    QString keep, input;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--size" && i + 1 < args.size())
            sizeMb = args[++i].toLongLong();
        else if (args[i] == u"--keep" && i + 1 < args.size())
            keep = args[++i];
        else if (args[i] == u"--input" && i + 1 < args.size())
            input = args[++i];
        else {
            fprintf(stderr, "usage: bench_har [--size MB] [--keep FILE] [--input FILE]\n");
            return 2;
        }
    }
    QTemporaryDir dir;
    QString har = input;
    if (har.isEmpty()) {
        har = keep.isEmpty() ? dir.filePath(QStringLiteral("bench.har")) : keep;
        QElapsedTimer timer;
        timer.start();
        const qint64 entries = generateHar(har, sizeMb << 20);
        if (entries < 0) {
            fprintf(stderr, "cannot write %s\n", qPrintable(har));
            return 1;
        }
        printf("generated %s: %lld entries (%.1f s)\n", qPrintable(har), static_cast<long long>(entries),
            static_cast<double>(timer.elapsed()) / 1000);
    }
    const double mb = static_cast<double>(QFileInfo(har).size()) / (1 << 20);
    const Measured ours = measure({ self(), QStringLiteral("--run-import"), har });
    const Measured stored = measure({ self(), QStringLiteral("--run-store"), har });
    const Measured rapid = measure({ self(), QStringLiteral("--run-rapidjson"), har });
    const double entries = ours.ok ? ours.output.split(' ').value(0).toDouble() : 0;
    printf("%.0f MiB, %.0f entries; seconds (cpu): importer %.2f (%.2f), import into investigation %.2f (%.2f), "
           "RapidJSON SAX %.2f (%.2f)\n",
        mb, entries, ours.seconds, ours.cpuSeconds, stored.seconds, stored.cpuSeconds, rapid.seconds, rapid.cpuSeconds);
    fflush(stdout);

    auto row = [&](const QString& name, const Measured& m) {
        ResultRow r;
        r.benchmark = name;
        r.inputMb = mb;
        if (m.ok) {
            r.mbPerSecond = mb / m.seconds;
            r.flowsPerSecond = entries / m.seconds;
            r.peakRssMb = m.peakRssMb;
        }
        r.reference = QStringLiteral("RapidJSON SAX, no-op");
        r.ratio = m.ok && rapid.ok ? QString::number(rapid.seconds / m.seconds, 'f', 2) : QStringLiteral("failed");
        r.target = QStringLiteral(">= 0.5");
        r.met = m.ok && rapid.ok && rapid.seconds / m.seconds >= 0.5;
        return r;
    };
    row(QStringLiteral("HAR parse (importer only)"), ours).print();
    row(QStringLiteral("HAR import into investigation"), stored).print();
    ResultRow ref = row(QStringLiteral("  (ref) RapidJSON SAX, no-op"), rapid);
    ref.reference.clear();
    ref.ratio.clear();
    ref.target.clear();
    ref.judged = false;
    ref.print();
    return ours.ok && stored.ok && rapid.ok ? 0 : 1;
}
