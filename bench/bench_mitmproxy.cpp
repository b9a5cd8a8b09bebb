// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reads a large generated mitmproxy dump with Leakscope's reader and with `mitmdump -nr`, in the same run, and
// prints time, throughput and peak memory (RSS) of both, and their ratio (target: at least 20x faster). The
// reader must also stay bounded in memory whatever the file size. The dump comes from kit/mitmgen.
//
//   bench_mitmproxy [--size MB] [--keep FILE] [--no-mitmdump]
//
// Rows for scripts/bench.sh are the lines starting with "@row".

#include "ingest/bytesource.h"
#include "ingest/captureimporter.h"
#include "ingest/mitmproxyimporter.h"
#include "measure.h"
#include "mitmgen.h"
#include "resultrow.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

using namespace BenchKit;

namespace {

/// Counts what the importer hands over, and drops it: the benchmark measures reading, not the store.
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

int importOnly(const QString& path)
{
    QString error;
    auto source = ByteSource::open(path, &error);
    if (!source) {
        fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    MitmproxyImporter importer;
    CountingSink sink;
    if (!importer.read({ *source, path, {} }, sink, {})) {
        fprintf(stderr, "%s\n", qPrintable(importer.errorString()));
        return 1;
    }
    printf("%lld %lld\n", static_cast<long long>(sink.flows), static_cast<long long>(sink.bodyBytes));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    setvbuf(stdout, nullptr, _IOLBF, 0); // progress lines appear as they are written, also into a file
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1] == u"--import-only")
        return importOnly(args[2]);

    qint64 sizeMb = 256;
    QString keep;
    bool withMitmdump = true;
    for (int i = 1; i < args.size(); ++i) {
        if ((args[i] == u"--size" || args[i] == u"--size-mb") && i + 1 < args.size())
            sizeMb = args[++i].toLongLong();
        else if (args[i] == u"--keep" && i + 1 < args.size())
            keep = args[++i];
        else if (args[i] == u"--no-mitmdump")
            withMitmdump = false;
        else {
            fprintf(stderr, "usage: bench_mitmproxy [--size MB] [--keep FILE] [--no-mitmdump]\n");
            return 2;
        }
    }
    QTemporaryDir dir;
    const QString dump = keep.isEmpty() ? dir.filePath(QStringLiteral("bench.mitm")) : keep;
    QElapsedTimer timer;
    timer.start();
    const qint64 flows = generateMitmproxyDump(dump, sizeMb << 20);
    if (flows < 0) {
        fprintf(stderr, "cannot write %s\n", qPrintable(dump));
        return 1;
    }
    const double fileMb = static_cast<double>(QFileInfo(dump).size()) / (1 << 20);
    printf("generated %s: %.0f MiB, %lld flows (%.1f s)\n", qPrintable(dump), fileMb, static_cast<long long>(flows),
        static_cast<double>(timer.elapsed()) / 1000);

    const Measured ours = measure({ self(), QStringLiteral("--import-only"), dump });
    if (!ours.ok) {
        fprintf(stderr, "the Leakscope reader failed\n");
        return 1;
    }
    printf("%-22s %10s %12s %14s %s\n", "reader", "time s", "MiB/s", "peak RSS MiB", "flows");
    printf("%-22s %10.2f %12.1f %14.1f %s", "Leakscope", ours.seconds, fileMb / ours.seconds, ours.peakRssMb,
        ours.output.constData());

    ResultRow row;
    row.benchmark = QStringLiteral("mitmproxy dump read (importer only)");
    row.inputMb = fileMb;
    row.mbPerSecond = fileMb / ours.seconds;
    row.flowsPerSecond = static_cast<double>(flows) / ours.seconds;
    row.peakRssMb = ours.peakRssMb;
    row.reference = QStringLiteral("mitmdump -nr");
    row.target = QStringLiteral(">= 20x");

    const QString mitmdump = QStandardPaths::findExecutable(QStringLiteral("mitmdump"));
    if (!withMitmdump || mitmdump.isEmpty()) {
        printf("mitmdump %s: no comparison\n", mitmdump.isEmpty() ? "is not installed" : "skipped");
        row.ratio = mitmdump.isEmpty() ? QStringLiteral("not installed") : QStringLiteral("skipped");
        row.print();
        return 0;
    }
    // An addon that counts what mitmdump read, so both sides are known to have read the same flows.
    const QString counter = dir.filePath(QStringLiteral("count.py"));
    QFile script(counter);
    if (!script.open(QIODevice::WriteOnly))
        return 1;
    script.write("import mitmproxy.ctx\n"
                 "class Count:\n"
                 "    n = 0\n"
                 "    def requestheaders(self, f): self.n += 1\n"
                 "    def tcp_start(self, f): self.n += 1\n"
                 "    def dns_request(self, f): self.n += 1\n"
                 "    def done(self): print(self.n, 'records', flush=True)\n"
                 "addons = [Count()]\n");
    script.close();
    const Measured ref = measure({ mitmdump, QStringLiteral("-q"), QStringLiteral("-n"), QStringLiteral("-r"), dump,
        QStringLiteral("-s"), counter });
    printf("%-22s %10.2f %12.1f %14.1f %s", "mitmdump (reference)", ref.seconds, fileMb / ref.seconds, ref.peakRssMb,
        ref.ok ? ref.output.constData() : "failed\n");
    if (ref.ok) {
        printf("throughput ratio Leakscope / mitmdump: %.1fx\n", ref.seconds / ours.seconds);
        printf("peak RSS ratio Leakscope / mitmdump: %.2f\n", ours.peakRssMb / ref.peakRssMb);
    }
    printf("Leakscope peak RSS / file size: %.3f\n", ours.peakRssMb / fileMb);
    row.ratio = ref.ok ? times(ref.seconds / ours.seconds) : QStringLiteral("mitmdump failed");
    row.met = ref.ok && ref.seconds / ours.seconds >= 20;
    row.print();
    ResultRow r;
    r.benchmark = QStringLiteral("  (ref) mitmdump -nr");
    r.inputMb = fileMb;
    r.mbPerSecond = ref.ok ? fileMb / ref.seconds : 0;
    r.flowsPerSecond = ref.ok ? static_cast<double>(flows) / ref.seconds : 0;
    r.peakRssMb = ref.peakRssMb;
    r.judged = false;
    r.print();
    return 0;
}
