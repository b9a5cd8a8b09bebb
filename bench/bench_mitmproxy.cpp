// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reads a large generated mitmproxy dump with Leakscope's reader and with mitmdump, in the same run, and prints
// time, throughput and peak memory (RSS) of both, and their ratio. The point is the memory: the reader must
// stay bounded whatever the file size (a 2 GB dump, say), so run it at two sizes and compare the RSS.
//
//   bench_mitmproxy [--size-mb N] [--keep FILE] [--no-mitmdump]
//
// The dump is generated deterministically in the format Debian's mitmdump reads (flow format 17, mitmproxy 8),
// from the flows of tests/data/mitm/generated__mitmproxy8.mitm used as templates: HTTP flows with bodies of
// many sizes (some gzip), a few 12 MB uploads (larger than the reader's in-memory limit), WebSocket, TCP and DNS
// flows, and some flows written twice (appended dumps), as real dumps have.

#include "ingest/bytesource.h"
#include "ingest/captureimporter.h"
#include "ingest/mitmproxyimporter.h"
#include "ingest/tnetstring.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>
#include <zlib.h>

extern char** environ;

namespace {

/// xorshift64*: the same file on every machine.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 2685821657736338717ULL;
    }
    int below(int n)
    {
        return static_cast<int>(next() % static_cast<quint64>(n));
    }

private:
    quint64 m_state;
};

QByteArray gzip(const QByteArray& data)
{
    z_stream zs {};
    deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

QByteArray text(Random& r, int size)
{
    static const char* const words[] = { "device_id", "session", "lat", "lon", "user", "event", "screen", "tap",
        "ad_id", "locale", "\"value\"", "{", "}", ":", ",", "12345", "true" };
    QByteArray out;
    out.reserve(size + 16);
    while (out.size() < size) {
        out += words[r.below(17)];
        out += ' ';
    }
    out.truncate(size);
    return out;
}

QByteArray binary(Random& r, qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i + 8 <= size; i += 8) {
        const quint64 v = r.next();
        memcpy(out.data() + i, &v, 8);
    }
    return out;
}

QByteArray uuid(Random& r)
{
    const QByteArray hex = QByteArray::number(r.next(), 16).rightJustified(16, '0')
        + QByteArray::number(r.next(), 16).rightJustified(16, '0');
    return hex.mid(0, 8) + '-' + hex.mid(8, 4) + "-4" + hex.mid(13, 3) + '-' + hex.mid(16, 4) + '-' + hex.mid(20, 12);
}

void setBytes(TnValue& dict, const char* key, QByteArray value)
{
    if (TnValue* v = dict.get(key)) {
        const TnValue::Type type = v->type == TnValue::String ? TnValue::String : TnValue::Bytes;
        *v = TnValue::makeBytes(std::move(value), type);
    }
}

void setHeader(TnValue& message, const QByteArray& name, const QByteArray& value)
{
    TnValue* headers = message.get("headers");
    for (TnValue& h : headers->items) {
        if (h.at(0).bytes.compare(name, Qt::CaseInsensitive) == 0) {
            h.items[1] = TnValue::makeBytes(value);
            return;
        }
    }
    headers->items.push_back(TnValue::makeList({ TnValue::makeBytes(name), TnValue::makeBytes(value) }));
}

struct Templates
{
    TnValue http, websocket, tcp, dns;
};

bool loadTemplates(Templates& t)
{
    const QString path = QStringLiteral(LEAKSCOPE_SOURCE_DIR "/tests/data/mitm/generated__mitmproxy8.mitm");
    QString error;
    auto source = ByteSource::open(path, &error);
    if (!source) {
        fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(error));
        return false;
    }
    BufferedInput in(*source);
    TnetstringReader reader(in);
    while (!reader.atEnd()) {
        TnValue f;
        if (!reader.next(f))
            return false;
        const QByteArray type = f.value("type")->bytes;
        if (type == "tcp")
            t.tcp = f;
        else if (type == "dns")
            t.dns = f;
        else if (f.value("websocket"))
            t.websocket = f;
        else if (f.value("response") && t.http.isNull())
            t.http = f;
    }
    return !t.http.isNull() && !t.websocket.isNull() && !t.tcp.isNull() && !t.dns.isNull();
}

/// Writes about `targetBytes` of flows; returns the number of distinct flows.
qint64 generate(const QString& path, qint64 targetBytes, const Templates& templates)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return -1;
    Random r(0x1EA45C0BE);
    static const char* const hosts[] = { "api.vidzy.example", "graph.facebook.com", "app-measurement.com",
        "firebaselogging-pa.googleapis.com", "cdn.vidzy.example", "t.appsflyer.com", "upload.vidzy.example",
        "ads.example.net" };
    // Bodies are drawn from a pool, so generation is fast; the reader cannot tell.
    std::vector<QByteArray> plain, gzipped;
    for (int i = 0; i < 48; ++i) {
        const int size = 200 << (i % 11); // 200 B … 200 KB
        plain.push_back(i % 3 == 0 ? binary(r, size) : text(r, size));
        gzipped.push_back(gzip(text(r, size * 2)));
    }
    const QByteArray upload = binary(r, 12 << 20);
    std::vector<TnValue> recent;
    qint64 written = 0, flows = 0;
    double ts = 1767225600.0;
    while (written < targetBytes) {
        TnValue f;
        const int kind = r.below(100);
        ts += 0.05 + r.below(1000) / 1000.0;
        if (kind < 2 && !recent.empty()) {
            f = recent[static_cast<size_t>(r.below(static_cast<int>(recent.size())))]; // saved again later
            setBytes(f, "comment", "saved again");
        } else if (kind < 8) {
            f = templates.tcp;
            f.get("messages")->items = { TnValue::makeList({ TnValue::makeBool(true),
                                             TnValue::makeBytes(plain[static_cast<size_t>(r.below(48))]),
                                             TnValue::makeFloat(ts) }),
                TnValue::makeList({ TnValue::makeBool(false),
                    TnValue::makeBytes(plain[static_cast<size_t>(r.below(48))]), TnValue::makeFloat(ts + 0.1) }) };
            ++flows;
        } else if (kind < 10) {
            f = templates.dns;
            ++flows;
        } else if (kind < 13) {
            f = templates.websocket;
            ++flows;
        } else {
            f = templates.http;
            TnValue* req = f.get("request");
            TnValue* resp = f.get("response");
            const QByteArray host = hosts[r.below(8)];
            setBytes(*req, "host", host);
            setHeader(*req, "Host", host);
            const bool bigUpload = kind == 13 && r.below(4) == 0;
            if (bigUpload || kind < 40) {
                setBytes(*req, "method", "POST");
                setBytes(*req, "content", bigUpload ? upload : plain[static_cast<size_t>(r.below(20))]);
            } else {
                setBytes(*req, "method", "GET");
                setBytes(*req, "content", QByteArray());
            }
            const bool gz = r.below(3) == 0;
            setBytes(*resp, "content",
                gz ? gzipped[static_cast<size_t>(r.below(48))] : plain[static_cast<size_t>(r.below(48))]);
            setHeader(*resp, "content-encoding", gz ? "gzip" : "identity");
            setBytes(*req, "path", "/v1/events?n=" + QByteArray::number(flows));
            *req->get("timestamp_start") = TnValue::makeFloat(ts);
            *resp->get("timestamp_end") = TnValue::makeFloat(ts + 0.2);
            ++flows;
        }
        if (!(kind < 2 && !recent.empty())) {
            setBytes(f, "id", uuid(r));
            if (recent.size() < 64)
                recent.push_back(f);
            else
                recent[static_cast<size_t>(r.below(64))] = f;
        }
        const QByteArray bytes = f.serialise();
        if (out.write(bytes) != bytes.size())
            return -1;
        written += bytes.size();
    }
    return flows;
}

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

struct Measured
{
    bool ok = false;
    double seconds = 0;
    long peakRssKb = 0;
    QByteArray output;
};

/// Runs a program and measures its wall time and peak resident memory (wait4's rusage of that child alone).
Measured measure(const QStringList& argv)
{
    Measured m;
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return m;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    std::vector<QByteArray> args;
    for (const QString& a : argv)
        args.push_back(a.toLocal8Bit());
    std::vector<char*> raw;
    for (QByteArray& a : args)
        raw.push_back(a.data());
    raw.push_back(nullptr);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, raw[0], &actions, nullptr, raw.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    if (rc != 0) {
        close(pipeFds[0]);
        return m;
    }
    char buf[4096];
    ssize_t n;
    while ((n = read(pipeFds[0], buf, sizeof buf)) > 0)
        m.output.append(buf, static_cast<qsizetype>(n));
    close(pipeFds[0]);
    int status = 0;
    struct rusage usage
    {
    };
    wait4(pid, &status, 0, &usage);
    m.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    m.peakRssKb = usage.ru_maxrss;
    m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return m;
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
        if (args[i] == u"--size-mb" && i + 1 < args.size())
            sizeMb = args[++i].toLongLong();
        else if (args[i] == u"--keep" && i + 1 < args.size())
            keep = args[++i];
        else if (args[i] == u"--no-mitmdump")
            withMitmdump = false;
        else {
            fprintf(stderr, "usage: bench_mitmproxy [--size-mb N] [--keep FILE] [--no-mitmdump]\n");
            return 2;
        }
    }
    Templates templates;
    if (!loadTemplates(templates)) {
        fprintf(stderr, "cannot read the flow templates\n");
        return 1;
    }
    QTemporaryDir dir;
    const QString dump = keep.isEmpty() ? dir.filePath(QStringLiteral("bench.mitm")) : keep;
    QElapsedTimer timer;
    timer.start();
    const qint64 flows = generate(dump, sizeMb << 20, templates);
    if (flows < 0) {
        fprintf(stderr, "cannot write %s\n", qPrintable(dump));
        return 1;
    }
    const double fileMb = static_cast<double>(QFileInfo(dump).size()) / (1 << 20);
    printf("generated %s: %.0f MiB, %lld flows (%.1f s)\n", qPrintable(dump), fileMb, static_cast<long long>(flows),
        static_cast<double>(timer.elapsed()) / 1000);

    const Measured ours = measure({ app.applicationFilePath(), QStringLiteral("--import-only"), dump });
    if (!ours.ok) {
        fprintf(stderr, "the Leakscope reader failed\n");
        return 1;
    }
    printf("%-22s %10s %12s %14s %s\n", "reader", "time s", "MiB/s", "peak RSS MiB", "flows");
    printf("%-22s %10.2f %12.1f %14.1f %s", "Leakscope", ours.seconds, fileMb / ours.seconds,
        static_cast<double>(ours.peakRssKb) / 1024, ours.output.constData());

    const QString mitmdump = QStandardPaths::findExecutable(QStringLiteral("mitmdump"));
    if (!withMitmdump || mitmdump.isEmpty()) {
        printf("mitmdump %s: no comparison\n", mitmdump.isEmpty() ? "is not installed" : "skipped");
        return 0;
    }
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
    printf("%-22s %10.2f %12.1f %14.1f %s", "mitmdump (reference)", ref.seconds, fileMb / ref.seconds,
        static_cast<double>(ref.peakRssKb) / 1024, ref.ok ? ref.output.constData() : "failed\n");
    if (ref.ok) {
        printf("throughput ratio Leakscope / mitmdump: %.1fx\n", ref.seconds / ours.seconds);
        printf("peak RSS ratio Leakscope / mitmdump: %.2f\n",
            static_cast<double>(ours.peakRssKb) / static_cast<double>(ref.peakRssKb));
    }
    printf("Leakscope peak RSS / file size: %.3f\n", static_cast<double>(ours.peakRssKb) / 1024 / fileMb);
    return 0;
}
