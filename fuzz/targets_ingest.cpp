// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Capture importers, fed the way the app feeds them: an in-memory ByteSource where the importer streams, a
// temporary file where it needs random access (zip archives: SAZ, Charles .chlz) or libpcap.
#include "fuzzsink.h"
#include "fuzztargets.h"
#include "ingest/bytesource.h"
#include "ingest/captureformat.h"
#include "ingest/httpmessage.h"
#include "ingest/tnetstring.h"

#include <QDir>
#include <QFile>

#include <unistd.h>

namespace {

QByteArray bytesOf(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

/// One scratch file per process, rewritten for each input (libFuzzer runs inputs one after another).
QString scratchFile(const QByteArray& bytes)
{
    static const QString path =
        QDir::temp().filePath(QStringLiteral("leakscope-fuzz-%1.bin").arg(static_cast<qint64>(::getpid())));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        Fuzz::violated("cannot write the scratch file");
    return path;
}

void import(CaptureFormat format, const uint8_t* data, size_t size, bool throughFile)
{
    std::unique_ptr<CaptureImporter> importer = CaptureFormats::createImporter(format);
    if (!importer)
        Fuzz::violated("no importer for the format");
    Fuzz::Sink sink;
    const QByteArray bytes = bytesOf(data, size);
    std::unique_ptr<ByteSource> source;
    QString path;
    if (throughFile) {
        path = scratchFile(bytes);
        QString error;
        source = ByteSource::open(path, &error);
        if (!source)
            Fuzz::violated("cannot open the scratch file");
    } else {
        source = ByteSource::fromBuffer(bytes);
    }
    const ImportInput input { *source, path, {} };
    const bool ok = importer->read(input, sink, {});
    if (!ok && importer->errorString().isEmpty())
        Fuzz::violated("an importer failed without saying why");
}

void har(const uint8_t* d, size_t n)
{
    import(CaptureFormat::Har, d, n, false);
}
void mitmproxy(const uint8_t* d, size_t n)
{
    import(CaptureFormat::Mitmproxy, d, n, false);
}
void pcap(const uint8_t* d, size_t n)
{
    import(CaptureFormat::Pcap, d, n, false);
}
void pcapng(const uint8_t* d, size_t n)
{
    import(CaptureFormat::Pcapng, d, n, false);
}
void burp(const uint8_t* d, size_t n)
{
    import(CaptureFormat::BurpXml, d, n, false);
}
void charles(const uint8_t* d, size_t n)
{
    import(CaptureFormat::CharlesJson, d, n, false);
}
void charlesArchive(const uint8_t* d, size_t n)
{
    import(CaptureFormat::CharlesArchive, d, n, true);
}
void saz(const uint8_t* d, size_t n)
{
    import(CaptureFormat::FiddlerSaz, d, n, true);
}
void zeek(const uint8_t* d, size_t n)
{
    // One reader for both Zeek layouts (TSV with #fields, JSON lines): it decides from the content.
    import(CaptureFormat::ZeekTsv, d, n, false);
}
void pcapdroidCsv(const uint8_t* d, size_t n)
{
    import(CaptureFormat::PcapdroidCsv, d, n, false);
}
void appPrivacyReport(const uint8_t* d, size_t n)
{
    import(CaptureFormat::AppPrivacyReport, d, n, false);
}

/// The tnetstring reader alone (mitmproxy's container), with small limits so the streamed paths for big
/// values are reached by small inputs; every value read must re-serialise.
void tnetstring(const uint8_t* d, size_t n)
{
    Fuzz::Input in(d, n);
    TnetstringReader::Limits limits;
    limits.inMemory = 64 + in.byte() * 4;
    limits.maxBytes = 16 + in.byte() * 16;
    limits.maxDepth = 1 + in.byte() % 64;
    const bool shallow = in.byte() & 1;
    std::unique_ptr<ByteSource> source = ByteSource::fromBuffer(in.rest().toByteArray());
    BufferedInput buffered(*source, 256);
    TnetstringReader reader(buffered, limits);
    reader.setSkipKey([](int depth, QByteArrayView key) { return depth == 1 && key.startsWith("skip"); });
    for (int i = 0; i < 1000 && !reader.atEnd(); ++i) {
        TnValue v;
        const bool ok =
            shallow ? reader.nextShallow(v, [](QByteArrayView key) { return !key.startsWith("x"); }) : reader.next(v);
        if (!ok) {
            if (reader.error().isEmpty())
                Fuzz::violated("tnetstring: failed without an error");
            break;
        }
        Fuzz::touch(v.serialise());
        (void)v.text();
        (void)v.toDouble();
    }
}

/// The raw HTTP/1 message parser the SAZ, Burp and Charles readers use.
void httpMessage(const uint8_t* d, size_t n)
{
    Fuzz::Input in(d, n);
    const auto kind = (in.byte() & 1) ? HttpMessage::Kind::Response : HttpMessage::Kind::Request;
    const QByteArrayView raw = in.rest();
    const HttpMessage::Parsed p = HttpMessage::parse(raw, kind);
    Fuzz::touch(p.body);
    QByteArray out;
    Data::Headers trailers;
    HttpMessage::dechunk(raw, out, &trailers);
    Fuzz::touch(out);
}

/// Opening a capture: the compression sniffing layer (gzip, zlib, zstd) and the format sniffer.
void byteSource(const uint8_t* d, size_t n)
{
    const QByteArray bytes = bytesOf(d, n);
    (void)CaptureFormats::sniffBytes(bytes.left(4096));
    const QString path = scratchFile(bytes);
    (void)CaptureFormats::sniff(path);
    QString error;
    std::unique_ptr<ByteSource> source = ByteSource::open(path, &error);
    if (!source)
        Fuzz::violated("cannot open the scratch file");
    char buffer[4096];
    qint64 total = 0;
    for (;;) {
        const qint64 got = source->read(buffer, sizeof buffer);
        if (got <= 0)
            break;
        total += got;
        Fuzz::touch(QByteArrayView(buffer, got));
        if (total > (qint64(64) << 20))
            break; // a bomb: the importers stop at their own limits; the stream itself just keeps going
    }
}

} // namespace

namespace FuzzTargets {

std::vector<Target> ingestTargets()
{
    return {
        { "har", har },
        { "mitmproxy", mitmproxy },
        { "tnetstring", tnetstring },
        { "pcap", pcap },
        { "pcapng", pcapng },
        { "burp", burp },
        { "charles", charles },
        { "charles_archive", charlesArchive },
        { "saz", saz },
        { "zeek", zeek },
        { "pcapdroid_csv", pcapdroidCsv },
        { "app_privacy_report", appPrivacyReport },
        { "http_message", httpMessage },
        { "byte_source", byteSource },
    };
}

} // namespace FuzzTargets
