// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Detection throughput (research §6.3, issue "Performance"): MB of decoded body per second, on one core, on a
// generated corpus, for
//   1. the known-identifier pass (every variant of many identifiers, one pass over the bytes),
//   2. the whole request analysis (decode + category detectors + known identifiers) of JSON messages,
// each against a memchr scan of the same bytes in the same run (the speed of merely touching the bytes).
// Target: at least 100 MB/s per core for the known-identifier pass.
//
// Usage: bench_detect [MEGABYTES] [IDENTIFIERS]     (defaults 64 and 60)

#include "decode/decoder.h"
#include "detect/categorydetector.h"
#include "detect/identifiermatcher.h"
#include "resultrow.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <cstring>
#include <vector>

namespace {

class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    QByteArray hex(int n)
    {
        QByteArray out;
        while (out.size() < n)
            out += QByteArray::number(next(), 16);
        return out.left(n);
    }
    QByteArray word()
    {
        static const char* const words[] = { "screen_view", "session", "user", "event", "timestamp", "device", "model",
            "feed", "scroll", "tap", "video", "like", "comment", "share", "android", "locale", "en_US" };
        return words[next() % (sizeof(words) / sizeof(*words))];
    }

private:
    quint64 m_state;
};

/// A JSON analytics message of about `size` bytes: keys, words, numbers, ids, hashes and base64 blobs, the
/// kind of text the matcher scans after decoding.
QByteArray message(Random& r, int size)
{
    QByteArray m = "{\"events\":[";
    int i = 0;
    while (m.size() < size) {
        if (i++)
            m += ',';
        m += "{\"name\":\"" + r.word()
            + "\",\"ts\":" + QByteArray::number(1763647300000LL + static_cast<qint64>(r.next() % 100000)) + ",\"id\":\""
            + r.hex(8) + '-' + r.hex(4) + '-' + r.hex(4) + '-' + r.hex(4) + '-' + r.hex(12) + "\",\"sig\":\""
            + r.hex(64) + "\",\"blob\":\"" + r.hex(48).toBase64()
            + "\",\"v\":" + QByteArray::number(static_cast<double>(r.next() % 100000) / 1000.0) + ",\"label\":\""
            + r.word() + ' ' + r.word() + "\"}";
    }
    return m + "]}";
}

std::vector<Data::KnownIdentifier> identifiers(int n, Random& r)
{
    std::vector<Data::KnownIdentifier> out;
    for (int i = 0; i < n; ++i) {
        Data::KnownIdentifier k;
        k.id = i + 1;
        k.label = QStringLiteral("identifier %1").arg(i);
        switch (i % 6) {
        case 0:
            k.category = QStringLiteral("identity.email");
            k.value = QStringLiteral("person%1.%2@example.org").arg(i).arg(QString::fromLatin1(r.hex(6)));
            break;
        case 1:
            k.category = QStringLiteral("identity.phone");
            k.value = QStringLiteral("+1 650-555-01%1").arg(10 + i % 90);
            break;
        case 2: {
            k.category = QStringLiteral("device.advertising_id");
            const QByteArray h = r.hex(32);
            k.value = QString::fromLatin1(
                h.left(8) + '-' + h.mid(8, 4) + '-' + h.mid(12, 4) + '-' + h.mid(16, 4) + '-' + h.mid(20));
            break;
        }
        case 3:
            k.category = QStringLiteral("device.hardware_id");
            k.value = QString::fromLatin1(r.hex(16));
            break;
        case 4:
            k.category = QStringLiteral("location.wifi_cell");
            k.value = QStringLiteral("canary-ssid-%1").arg(QString::fromLatin1(r.hex(6)));
            break;
        default:
            k.category = QStringLiteral("content.draft_text");
            k.value = QStringLiteral("canary caption %1 %2").arg(i).arg(QString::fromLatin1(r.hex(8)));
            break;
        }
        out.push_back(k);
    }
    return out;
}

template <typename F> double bestSeconds(int runs, F&& f)
{
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        best = std::min(best, static_cast<double>(t.nsecsElapsed()) / 1e9);
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int megabytes = argc > 1 ? std::max(1, atoi(argv[1])) : 64;
    const int identifierCount = argc > 2 ? std::max(1, atoi(argv[2])) : 60;
    Random r(0xBE4C11);
    const auto known = identifiers(identifierCount, r);
    const Detect::IdentifierMatcher matcher(known, QStringLiteral("US"));

    // The corpus: messages of 4–64 KB, a few of which carry an identifier (so matches are verified too).
    std::vector<QByteArray> corpus;
    qint64 total = 0;
    int planted = 0;
    while (total < qint64(megabytes) * 1024 * 1024) {
        QByteArray m = message(r, 4096 + static_cast<int>(r.next() % 61440));
        if (corpus.size() % 50 == 0) {
            m.insert(m.size() / 2,
                "\"x\":\"" + known[static_cast<size_t>(planted++ % identifierCount)].value.toUtf8() + "\",");
        }
        total += m.size();
        corpus.push_back(std::move(m));
    }
    const double mb = static_cast<double>(total) / (1024.0 * 1024.0);

    // Baseline: memchr over the same bytes for a byte that never occurs.
    volatile size_t sink = 0;
    const double memchrSeconds = bestSeconds(5, [&] {
        for (const QByteArray& m : corpus)
            sink = sink + (memchr(m.constData(), '\x01', static_cast<size_t>(m.size())) != nullptr);
    });
    // 1. The known-identifier pass over the decoded bytes.
    qint64 matches = 0;
    const double matchSeconds = bestSeconds(3, [&] {
        matches = 0;
        for (const QByteArray& m : corpus)
            matcher.scanBytes(m, [&](int, const QString&, qsizetype, qsizetype) { ++matches; });
    });
    // 2. The whole analysis of a request (decoder chain, category detectors, known identifiers), on a sample.
    const size_t sample = std::min<size_t>(corpus.size(), 400);
    qint64 sampleBytes = 0;
    for (size_t i = 0; i < sample; ++i)
        sampleBytes += corpus[i].size();
    const Detect::CategoryDetector detector;
    qint64 hits = 0;
    const double fullSeconds = bestSeconds(2, [&] {
        hits = 0;
        for (size_t i = 0; i < sample; ++i) {
            const Decode::Decoded d = Decode::decodeBody(corpus[i], "application/json");
            Detect::MessageInfo info;
            std::vector<Detect::Coordinate> coordinates;
            hits += static_cast<qint64>(detector.scan(d, info, &coordinates).size());
            hits += static_cast<qint64>(matcher.match(d, coordinates).size());
        }
    });
    const double sampleMb = static_cast<double>(sampleBytes) / (1024.0 * 1024.0);
    const double memchrRate = mb / memchrSeconds;
    const double matchRate = mb / matchSeconds;
    const double fullRate = sampleMb / fullSeconds;

    printf("corpus: %.1f MB in %zu messages, %d known identifiers -> %d search patterns, %d planted\n", mb,
        corpus.size(), identifierCount, matcher.patternCount(), planted);
    printf("memchr baseline:             %9.1f MB/s\n", memchrRate);
    printf("known-identifier pass:       %9.1f MB/s  (%.3f of memchr; %lld matches)\n", matchRate,
        matchRate / memchrRate, static_cast<long long>(matches));
    printf("full request analysis:       %9.1f MB/s  (%.4f of memchr; %lld hits on %.1f MB)\n", fullRate,
        fullRate / memchrRate, static_cast<long long>(hits), sampleMb);
    printf("target >= 100 MB/s per core for the known-identifier pass: %s\n", matchRate >= 100.0 ? "met" : "NOT met");

    BenchKit::ResultRow row;
    row.benchmark = QStringLiteral("known-identifier pass (%1 ids)").arg(identifierCount);
    row.inputMb = mb;
    row.mbPerSecond = matchRate;
    row.reference = QStringLiteral("memchr scan %1 MB/s").arg(memchrRate, 0, 'f', 0);
    row.ratio = QString::number(matchRate / memchrRate, 'f', 3);
    row.target = QStringLiteral(">= 100 MB/s");
    row.met = matchRate >= 100.0;
    row.print();
    row.benchmark = QStringLiteral("request analysis (decode+detect)");
    row.inputMb = sampleMb;
    row.mbPerSecond = fullRate;
    row.ratio = QString::number(fullRate / memchrRate, 'f', 4);
    row.judged = false;
    row.target.clear();
    row.print();
    return matches >= planted ? 0 : 1;
}
