// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Packet-capture import throughput, against tshark extracting the same facts and against a bare libpcap read
// loop, measured in the same run on the same file (STYLE.md: ratios, not absolute times), and the peak memory of
// a whole `leakscope import` (import into an investigation, then analysis) of that file.
//
//   bench_pcapimport [--size MB] [--format pcap|pcapng] [--keep FILE] [--input FILE]
//   bench_pcapimport --dump FILE [KEYLOG]         print what the importer reads from FILE (a debugging aid)
//
// The capture comes from kit/capturegen (the mix of a phone capture). Each measurement runs in a child process
// so its peak RSS is its own. Rows for scripts/bench.sh are the lines starting with "@row".
#include "capturegen.h"
#include "ingest/bytesource.h"
#include "ingest/captureformat.h"
#include "ingest/captureimporter.h"
#include "measure.h"
#include "pipeline/captureimport.h"
#include "resultrow.h"
#include "store/investigation.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <pcap/pcap.h>

using namespace BenchKit;

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

// ---------------------------------------------------------------------------------------------------------
// The measured runs (each in a child process)

class CountingSink : public CaptureSink
{
public:
    void setInfo(const Data::CaptureInfo&) override { }
    void addFlow(Data::Flow&& f) override
    {
        ++flows;
        urls.insert(f.url);
    }
    void addConnection(Data::Connection&& c) override
    {
        ++connections;
        if (c.nameSource.endsWith(QStringLiteral("-sni")))
            snis.insert(c.name);
    }
    void addDnsAnswer(const Data::DnsAnswer& a) override
    {
        dns.insert(a.name);
    }
    void addWarning(const QString&) override { }
    qint64 flows = 0;
    qint64 connections = 0;
    QSet<QString> snis, dns, urls;
};

int runImport(const QString& path)
{
    const SniffResult s = CaptureFormats::sniff(path);
    auto importer = CaptureFormats::createImporter(s.format);
    QString error;
    auto source = ByteSource::open(path, &error);
    if (!importer || !source)
        return 1;
    CountingSink sink;
    if (!importer->read(ImportInput { *source, path, {} }, sink, {}))
        return 1;
    out() << "facts " << sink.connections << " " << sink.flows << " " << sink.snis.size() << " " << sink.dns.size()
          << " " << sink.urls.size() << "\n";
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
    out() << "stored " << o.connections << " " << o.flows << "\n";
    return 0;
}

int runLibpcap(const QString& path)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t* p = pcap_open_offline(QFile::encodeName(path).constData(), errbuf);
    if (!p)
        return 1;
    pcap_pkthdr* h;
    const u_char* d;
    uint64_t sum = 0, n = 0;
    while (pcap_next_ex(p, &h, &d) == 1) {
        sum += d[h->caplen / 2]; // touch the packet so the loop reads it
        ++n;
    }
    pcap_close(p);
    out() << "read " << n << " " << sum << "\n";
    return 0;
}

struct TsharkFacts
{
    qsizetype snis = 0, dns = 0, urls = 0;
};
TsharkFacts countTsharkFacts(const QString& file)
{
    QFile f(file);
    TsharkFacts t;
    if (!f.open(QIODevice::ReadOnly))
        return t;
    QSet<QByteArray> snis, dns, urls;
    while (!f.atEnd()) {
        QByteArray line = f.readLine();
        if (line.endsWith('\n'))
            line.chop(1);
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() < 4)
            continue;
        if (!fields[0].isEmpty())
            snis.insert(fields[0]);
        if (!fields[1].isEmpty() && !fields[2].isEmpty())
            dns.insert(fields[1].split(',').first());
        if (!fields[3].isEmpty())
            urls.insert(fields[3]);
    }
    t.snis = snis.size();
    t.dns = dns.size();
    t.urls = urls.size();
    return t;
}

// ---------------------------------------------------------------------------------------------------------

class PrintSink : public CaptureSink
{
public:
    void setInfo(const Data::CaptureInfo& i) override
    {
        out() << "info: " << i.producer << " | " << i.notes << "\n";
    }
    void addFlow(Data::Flow&& f) override
    {
        out() << "flow " << f.sourceRef << " " << f.method << " " << f.url << " " << f.status << " flags=" << f.flags
              << " req=" << f.requestBody.wireSize << " resp=" << f.responseBody.wireSize << " app=" << f.app.name
              << " ws=" << f.webSocketMessages.size()
              << (f.error.isEmpty() ? QString() : QStringLiteral(" err=") + f.error) << "\n";
    }
    void addConnection(Data::Connection&& c) override
    {
        out() << "conn " << c.sourceRef << " " << c.clientIp << ":" << c.clientPort << " -> " << c.serverIp << ":"
              << c.serverPort << " " << c.l7 << " name=" << c.name << " (" << c.nameSource << ") alpn=" << c.alpn
              << " up=" << c.bytesUp << "/" << c.packetsUp << " down=" << c.bytesDown << "/" << c.packetsDown
              << " flags=" << c.flags << " app=" << c.app.name << "\n";
    }
    void addDnsAnswer(const Data::DnsAnswer& a) override
    {
        out() << "dns " << a.name << " " << a.address << " " << a.cnameChain << "\n";
    }
    void addWarning(const QString& w) override
    {
        out() << "warning: " << w << "\n";
    }
};

int dump(const QString& path, const QString& keyLog)
{
    const SniffResult s = CaptureFormats::sniff(path);
    auto importer = CaptureFormats::createImporter(s.format);
    QString error;
    auto source = ByteSource::open(path, &error);
    if (!importer || !source) {
        out() << "ERROR: " << (source ? QStringLiteral("not a capture") : error) << "\n";
        return 1;
    }
    PrintSink sink;
    if (!importer->read(ImportInput { *source, path, keyLog }, sink, {})) {
        out() << "ERROR: " << importer->errorString() << "\n";
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args[1] == u"--dump")
        return dump(args[2], args.size() > 3 ? args[3] : QString());
    if (args.size() >= 3 && args[1] == u"--run-import")
        return runImport(args[2]);
    if (args.size() >= 3 && args[1] == u"--run-store")
        return runStore(args[2]);
    if (args.size() >= 3 && args[1] == u"--run-libpcap")
        return runLibpcap(args[2]);

    qint64 sizeMb = 200;
    QString keep, input;
    PacketFormat format = PacketFormat::Pcap;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--size" && i + 1 < args.size())
            sizeMb = args[++i].toLongLong();
        else if (args[i] == u"--keep" && i + 1 < args.size())
            keep = args[++i];
        else if (args[i] == u"--input" && i + 1 < args.size())
            input = args[++i];
        else if (args[i] == u"--format" && i + 1 < args.size())
            format = args[++i] == u"pcapng" ? PacketFormat::Pcapng : PacketFormat::Pcap;
        else {
            fprintf(
                stderr, "usage: bench_pcapimport [--size MB] [--format pcap|pcapng] [--keep FILE] [--input FILE]\n");
            return 2;
        }
    }
    const QString kind = format == PacketFormat::Pcapng ? QStringLiteral("pcapng") : QStringLiteral("pcap");
    QTemporaryDir dir;
    QString capture = input;
    if (capture.isEmpty()) {
        capture = keep.isEmpty() ? dir.filePath(QStringLiteral("bench.") + kind) : keep;
        QElapsedTimer timer;
        timer.start();
        const GeneratedCapture g = generateCapture(capture, sizeMb << 20, format);
        out() << QStringLiteral("generated %1: %2 packets, %3 conversations in %4 s\n")
                     .arg(capture)
                     .arg(g.packets)
                     .arg(g.conversations)
                     .arg(timer.elapsed() / 1000.0, 0, 'f', 1);
        out().flush();
    }
    const double mb = QFileInfo(capture).size() / 1048576.0;

    const Measured ours = measure({ self(), QStringLiteral("--run-import"), capture });
    const Measured stored = measure({ self(), QStringLiteral("--run-store"), capture });
    const Measured libpcap = measure({ self(), QStringLiteral("--run-libpcap"), capture });
    const QString investigation = dir.filePath(QStringLiteral("full.leakscope"));
    const Measured full = measure({ QCoreApplication::applicationDirPath() + QStringLiteral("/leakscope"),
        QStringLiteral("import"), QStringLiteral("-i"), investigation, capture });
    const QString tsharkOut = dir.filePath(QStringLiteral("tshark.txt"));
    const Measured tshark =
        measure({ QStringLiteral("tshark"), QStringLiteral("-n"), QStringLiteral("-r"), capture, QStringLiteral("-T"),
                    QStringLiteral("fields"), QStringLiteral("-E"), QStringLiteral("separator=/t"),
                    QStringLiteral("-e"), QStringLiteral("tls.handshake.extensions_server_name"), QStringLiteral("-e"),
                    QStringLiteral("dns.qry.name"), QStringLiteral("-e"), QStringLiteral("dns.a"), QStringLiteral("-e"),
                    QStringLiteral("http.request.full_uri"), QStringLiteral("-e"), QStringLiteral("tcp.stream"),
                    QStringLiteral("-e"), QStringLiteral("tcp.len"), QStringLiteral("-e"), QStringLiteral("udp.stream"),
                    QStringLiteral("-e"), QStringLiteral("udp.length") },
            tsharkOut);

    // "facts CONNECTIONS FLOWS SNIS DNS URLS" from the parse-only child.
    const QList<QByteArray> facts = ours.output.trimmed().split(' ');
    const double conversations = facts.size() == 6 ? facts[1].toDouble() : 0;
    out() << QStringLiteral(
        "%1 MiB; seconds: parse %2, import %3, leakscope import+analysis %4, libpcap %5, tshark %6\n")
                 .arg(mb, 0, 'f', 1)
                 .arg(ours.seconds, 0, 'f', 2)
                 .arg(stored.seconds, 0, 'f', 2)
                 .arg(full.seconds, 0, 'f', 2)
                 .arg(libpcap.seconds, 0, 'f', 2)
                 .arg(tshark.seconds, 0, 'f', 2);
    if (facts.size() == 6 && tshark.ok) {
        const TsharkFacts t = countTsharkFacts(tsharkOut);
        out() << QStringLiteral("facts (unique): SNIs %1 (tshark %2), DNS names %3 (tshark %4), HTTP URLs %5 (tshark "
                                "%6); %7 connections, %8 flows\n")
                     .arg(QString::fromLatin1(facts[3]))
                     .arg(t.snis)
                     .arg(QString::fromLatin1(facts[4]))
                     .arg(t.dns)
                     .arg(QString::fromLatin1(facts[5]))
                     .arg(t.urls)
                     .arg(QString::fromLatin1(facts[1]))
                     .arg(QString::fromLatin1(facts[2]));
    }
    out().flush();

    auto row = [&](const QString& name, const Measured& m) {
        ResultRow r;
        r.benchmark = name;
        r.inputMb = mb;
        if (m.ok) {
            r.mbPerSecond = mb / m.seconds;
            r.flowsPerSecond = conversations / m.seconds;
            r.peakRssMb = m.peakRssMb;
        }
        return r;
    };
    const QString failed = QStringLiteral("failed");
    {
        ResultRow r = row(kind + QStringLiteral(" parse (importer only)"), ours);
        r.reference = QStringLiteral("tshark -T fields");
        r.ratio = ours.ok && tshark.ok ? times(tshark.seconds / ours.seconds) : failed;
        r.target = QStringLiteral(">= 10x");
        r.met = ours.ok && tshark.ok && tshark.seconds / ours.seconds >= 10;
        r.print();
        r.reference = QStringLiteral("libpcap read loop");
        r.ratio = ours.ok && libpcap.ok ? QString::number(libpcap.seconds / ours.seconds, 'f', 2) : failed;
        r.target = QStringLiteral(">= 0.3");
        r.met = ours.ok && libpcap.ok && libpcap.seconds / ours.seconds >= 0.3;
        r.print();
    }
    {
        ResultRow r = row(kind + QStringLiteral(" import into investigation"), stored);
        r.reference = QStringLiteral("tshark -T fields");
        r.ratio = stored.ok && tshark.ok ? times(tshark.seconds / stored.seconds) : failed;
        r.target = QStringLiteral(">= 10x");
        r.met = stored.ok && tshark.ok && tshark.seconds / stored.seconds >= 10;
        r.print();
    }
    {
        ResultRow r = row(kind + QStringLiteral(" leakscope import (+analysis)"), full);
        r.reference = QStringLiteral("peak RSS");
        r.ratio = full.ok ? QStringLiteral("%1 MB").arg(full.peakRssMb, 0, 'f', 0) : failed;
        r.target = QStringLiteral("<= 300 MB");
        r.met = full.ok && full.peakRssMb <= 300;
        r.print();
    }
    for (const auto& [name, m] : { std::pair { QStringLiteral("libpcap read loop"), libpcap },
             std::pair { QStringLiteral("tshark -T fields"), tshark } }) {
        ResultRow r = row(QStringLiteral("  (ref) ") + name, m);
        r.judged = false;
        r.print();
    }
    return ours.ok && stored.ok && full.ok ? 0 : 1;
}
