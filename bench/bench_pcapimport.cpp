// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Packet-capture import throughput, against tshark extracting the same facts and against a bare libpcap read
// loop, measured in the same run (STYLE.md: ratios, not absolute times).
//
//   bench_pcapimport [--size MB] [--keep FILE]   generate a capture, measure, print a table
//   bench_pcapimport --dump FILE [KEYLOG]         print what the importer reads from FILE (a debugging aid)
//
// The capture is generated deterministically: interleaved conversations of DNS lookups, TLS connections
// (ClientHello with SNI, then opaque records), cleartext HTTP/1.1 keep-alive exchanges and opaque UDP, the
// mix of a phone capture. Each measurement runs in a child process so its peak RSS is its own.
#include "ingest/bytesource.h"
#include "ingest/captureformat.h"
#include "ingest/captureimporter.h"
#include "packet/capturebuilder.h"
#include "packet/linklayer.h"
#include "pipeline/captureimport.h"
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
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace Packet;

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

// ---------------------------------------------------------------------------------------------------------
// The capture generator

class Random
{
public:
    explicit Random(uint64_t seed)
        : m_s(seed)
    { }
    uint64_t next()
    {
        m_s ^= m_s << 13;
        m_s ^= m_s >> 7;
        m_s ^= m_s << 17;
        return m_s;
    }
    int range(int lo, int hi)
    {
        return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1));
    }

private:
    uint64_t m_s;
};

Address v4(uint32_t a)
{
    const uint8_t b[4] = { uint8_t(a >> 24), uint8_t(a >> 16), uint8_t(a >> 8), uint8_t(a) };
    return Address::v4(b);
}

/// One conversation that yields its packets one at a time.
class Script
{
public:
    virtual ~Script() = default;
    /// The next packet, or an empty array when the conversation is over.
    virtual QByteArray next(Random& r) = 0;
};

QByteArray noise(Random& r, int n)
{
    // Slices of one pseudo-random block: realistic entropy without generating every byte.
    static QByteArray block = [] {
        QByteArray b(1 << 16, '\0');
        Random g(42);
        for (char& c : b)
            c = static_cast<char>(g.next());
        return b;
    }();
    const int at = r.range(0, static_cast<int>(block.size()) - n - 1);
    return block.mid(at, n);
}

class DnsScript : public Script
{
public:
    DnsScript(Address client, uint16_t port, Address server, QByteArray name, Address answer)
        : m_client(client)
        , m_port(port)
        , m_server(server)
        , m_name(std::move(name))
        , m_answer(answer)
    { }
    QByteArray next(Random&) override
    {
        if (m_step++ == 0) {
            QByteArray q = Build::dnsResponse(m_port, m_name, m_answer);
            q[2] = 0x01; // the query: same question, flagged as a query, answers dropped
            q[3] = 0x00;
            q[7] = 0x00;
            q.truncate(12 + m_name.size() + 2 + 4);
            return Build::ethernet(Build::ip(m_client, m_server, 17, Build::udp(m_port, 53, q)));
        }
        if (m_step == 2)
            return Build::ethernet(Build::ip(m_server, m_client, 17,
                Build::udp(53, m_port, Build::dnsResponse(m_port, m_name, m_answer, "edge." + m_name))));
        return {};
    }

private:
    Address m_client;
    uint16_t m_port;
    Address m_server;
    QByteArray m_name;
    Address m_answer;
    int m_step = 0;
};

class TlsScript : public Script
{
public:
    TlsScript(Address client, uint16_t port, Address server, QByteArray sni, Random& r)
        : m_tcp(client, port, server, 443, static_cast<uint32_t>(r.next()), static_cast<uint32_t>(r.next()))
        , m_sni(std::move(sni))
        , m_down(r.range(2, 60))
        , m_up(r.range(1, 6))
    { }
    QByteArray next(Random& r) override
    {
        const int step = m_step++;
        if (step < 3)
            return Build::ethernet(m_tcp.handshake(step));
        if (step == 3)
            return Build::ethernet(m_tcp.send(true, Build::tlsClientHello(m_sni, { "h2", "http/1.1" }, noise(r, 32))));
        if (step == 4)
            return Build::ethernet(m_tcp.send(false, QByteArray::fromHex("160303007a02000076") + noise(r, 1200)));
        if (m_up > 0 && (step % 3 == 0)) {
            --m_up;
            return Build::ethernet(m_tcp.send(true, QByteArray::fromHex("1703030200") + noise(r, r.range(100, 900))));
        }
        if (m_down > 0) {
            --m_down;
            return Build::ethernet(m_tcp.send(false, QByteArray::fromHex("170303059c") + noise(r, 1443)));
        }
        if (m_fin++ < 2)
            return Build::ethernet(m_tcp.fin(m_fin == 1));
        return {};
    }

private:
    TcpConversation m_tcp;
    QByteArray m_sni;
    int m_step = 0;
    int m_down;
    int m_up;
    int m_fin = 0;
};

class HttpScript : public Script
{
public:
    HttpScript(Address client, uint16_t port, Address server, QByteArray host, Random& r)
        : m_tcp(client, port, server, 80, static_cast<uint32_t>(r.next()), static_cast<uint32_t>(r.next()))
        , m_host(std::move(host))
        , m_requests(r.range(1, 3))
    { }
    QByteArray next(Random& r) override
    {
        if (m_step < 3)
            return Build::ethernet(m_tcp.handshake(m_step++));
        if (m_bodyLeft > 0) {
            const int n = std::min(m_bodyLeft, 1448);
            m_bodyLeft -= n;
            return Build::ethernet(m_tcp.send(false, noise(r, n)));
        }
        if (m_requests > 0) {
            if (!m_asked) {
                m_asked = true;
                const QByteArray path =
                    "/api/v1/events?id=" + QByteArray::number(static_cast<qulonglong>(r.next() % 100000));
                return Build::ethernet(m_tcp.send(true,
                    "POST " + path + " HTTP/1.1\r\nHost: " + m_host
                        + "\r\nUser-Agent: bench/1\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n"
                        + QByteArray(64, 'j')));
            }
            m_asked = false;
            --m_requests;
            m_bodyLeft = r.range(200, 20000);
            return Build::ethernet(m_tcp.send(false,
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + QByteArray::number(m_bodyLeft) + "\r\n\r\n"));
        }
        if (m_fin++ < 2)
            return Build::ethernet(m_tcp.fin(m_fin == 1));
        return {};
    }

private:
    TcpConversation m_tcp;
    QByteArray m_host;
    int m_step = 0;
    int m_requests;
    bool m_asked = false;
    int m_bodyLeft = 0;
    int m_fin = 0;
};

class UdpScript : public Script
{
public:
    UdpScript(Address client, uint16_t port, Address server, Random& r)
        : m_client(client)
        , m_port(port)
        , m_server(server)
        , m_left(r.range(2, 30))
    { }
    QByteArray next(Random& r) override
    {
        if (m_left-- <= 0)
            return {};
        const bool up = r.next() & 1;
        // Short-header-like datagrams: opaque, not a QUIC Initial.
        const QByteArray payload = QByteArray(1, '\x40') + noise(r, r.range(40, 1200));
        return Build::ethernet(up ? Build::ip(m_client, m_server, 17, Build::udp(m_port, 443, payload))
                                  : Build::ip(m_server, m_client, 17, Build::udp(443, m_port, payload)));
    }

private:
    Address m_client;
    uint16_t m_port;
    Address m_server;
    int m_left;
};

struct Generated
{
    qint64 packets = 0;
    qint64 bytes = 0;
};

Generated generate(const QString& path, qint64 targetBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    PcapWriter writer(file, LinkType::Ethernet);
    Random r(20261120);
    std::vector<QByteArray> hosts;
    for (int i = 0; i < 600; ++i)
        hosts.push_back("svc" + QByteArray::number(i)
            + (i % 3 == 0        ? ".tracker.example"
                    : i % 3 == 1 ? ".cdn.example.net"
                                 : ".api.example.org"));
    std::vector<std::unique_ptr<Script>> active;
    int64_t ts = 1763640000000000;
    uint16_t nextPort = 20000;
    Generated g;
    constexpr size_t kConcurrent = 200;
    while (g.bytes < targetBytes) {
        while (active.size() < kConcurrent) {
            const Address phone = v4(0x0ad7ad00 + static_cast<uint32_t>(r.range(1, 8)));
            const int h = r.range(0, static_cast<int>(hosts.size()) - 1);
            const Address server = v4(0xc0000000 + static_cast<uint32_t>(h) * 7 + 1000);
            const uint16_t port = nextPort++;
            if (nextPort > 60000)
                nextPort = 20000;
            const int kind = r.range(0, 99);
            if (kind < 25)
                active.push_back(
                    std::make_unique<DnsScript>(phone, port, v4(0x08080808), hosts[static_cast<size_t>(h)], server));
            else if (kind < 75)
                active.push_back(std::make_unique<TlsScript>(phone, port, server, hosts[static_cast<size_t>(h)], r));
            else if (kind < 90)
                active.push_back(std::make_unique<HttpScript>(phone, port, server, hosts[static_cast<size_t>(h)], r));
            else
                active.push_back(std::make_unique<UdpScript>(phone, port, server, r));
        }
        const size_t i = static_cast<size_t>(r.next() % active.size());
        const QByteArray packet = active[i]->next(r);
        if (packet.isEmpty()) {
            active[i] = std::move(active.back());
            active.pop_back();
            continue;
        }
        ts += r.range(1, 400);
        writer.packet(ts, packet);
        ++g.packets;
        g.bytes += 16 + packet.size();
    }
    return g;
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

struct Measured
{
    double seconds = 0;
    double peakRssMb = 0;
    QByteArray output;
    bool ok = false;
};

/// Runs `argv` in a child process; its stdout goes to `outputFile` (or is read back when empty).
Measured measure(const std::vector<QByteArray>& argv, const QString& outputFile = {})
{
    Measured m;
    QTemporaryDir dir;
    const QString capture = outputFile.isEmpty() ? dir.filePath(QStringLiteral("out.txt")) : outputFile;
    QElapsedTimer timer;
    timer.start();
    const pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(QFile::encodeName(capture).constData(), "w", stdout))
            _exit(127);
        if (!freopen("/dev/null", "w", stderr))
            _exit(127);
        std::vector<char*> args;
        for (const QByteArray& a : argv)
            args.push_back(const_cast<char*>(a.constData()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    rusage usage {};
    wait4(pid, &status, 0, &usage);
    m.seconds = timer.nsecsElapsed() / 1e9;
    m.peakRssMb = usage.ru_maxrss / 1024.0;
    m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    QFile f(capture);
    if (f.open(QIODevice::ReadOnly))
        m.output = outputFile.isEmpty() ? f.readAll() : QByteArray();
    return m;
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
    QString keep;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--size")
            sizeMb = args[i + 1].toLongLong();
        else if (args[i] == u"--keep")
            keep = args[i + 1];
    }
    QTemporaryDir dir;
    const QString capture = keep.isEmpty() ? dir.filePath(QStringLiteral("bench.pcap")) : keep;
    QElapsedTimer timer;
    timer.start();
    const Generated g = generate(capture, sizeMb << 20);
    const double mb = QFileInfo(capture).size() / 1048576.0;
    out() << QStringLiteral("generated %1: %2 MiB, %3 packets in %4 s\n")
                 .arg(capture)
                 .arg(mb, 0, 'f', 1)
                 .arg(g.packets)
                 .arg(timer.elapsed() / 1000.0, 0, 'f', 1);
    out().flush();

    const QByteArray self = QFile::encodeName(QCoreApplication::applicationFilePath());
    const QByteArray file = QFile::encodeName(capture);
    struct Row
    {
        QString name;
        Measured m;
    };
    std::vector<Row> rows;
    const Measured ours = measure({ self, "--run-import", file });
    rows.push_back({ QStringLiteral("leakscope importer (parse, no store)"), ours });
    rows.push_back(
        { QStringLiteral("leakscope import into an investigation"), measure({ self, "--run-store", file }) });
    rows.push_back({ QStringLiteral("libpcap read loop (baseline)"), measure({ self, "--run-libpcap", file }) });
    const QString tsharkOut = dir.filePath(QStringLiteral("tshark.txt"));
    const Measured tshark = measure(
        { "tshark", "-n", "-r", file, "-T", "fields", "-E", "separator=/t", "-e",
            "tls.handshake.extensions_server_name", "-e", "dns.qry.name", "-e", "dns.a", "-e", "http.request.full_uri",
            "-e", "tcp.stream", "-e", "tcp.len", "-e", "udp.stream", "-e", "udp.length" },
        tsharkOut);
    rows.push_back({ QStringLiteral("tshark -T fields (same facts)"), tshark });

    out() << QStringLiteral("\n%1 %2 %3 %4 %5\n")
                 .arg(QStringLiteral("run"), -42)
                 .arg(QStringLiteral("seconds"), 9)
                 .arg(QStringLiteral("MB/s"), 9)
                 .arg(QStringLiteral("packets/s"), 12)
                 .arg(QStringLiteral("peak RSS MB"), 12);
    for (const Row& r : rows) {
        if (!r.m.ok) {
            out() << QStringLiteral("%1 failed (is tshark installed?)\n").arg(r.name, -42);
            continue;
        }
        out() << QStringLiteral("%1 %2 %3 %4 %5\n")
                     .arg(r.name, -42)
                     .arg(r.m.seconds, 9, 'f', 2)
                     .arg(mb / r.m.seconds, 9, 'f', 1)
                     .arg(g.packets / r.m.seconds, 12, 'f', 0)
                     .arg(r.m.peakRssMb, 12, 'f', 1);
    }
    if (ours.ok && tshark.ok)
        out() << QStringLiteral("\nleakscope importer vs tshark: %1x faster (target: at least 10x)\n")
                     .arg(tshark.seconds / ours.seconds, 0, 'f', 1);
    if (ours.ok && rows[2].m.ok)
        out() << QStringLiteral("leakscope importer vs bare libpcap loop: %1x the time of reading the packets alone\n")
                     .arg(ours.seconds / rows[2].m.seconds, 0, 'f', 1);
    const QList<QByteArray> facts = ours.output.trimmed().split(' ');
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
    return 0;
}
