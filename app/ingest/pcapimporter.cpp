// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapimporter.h"

#include "bytesource.h"
#include "common/timeutil.h"
#include "packet/linklayer.h"
#include "packet/packetpipeline.h"
#include "packetimport.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <pcap/pcap.h>

// Why libpcap, fed through a FILE* cookie: libpcap already knows every classic-pcap variant (both byte
// orders, µs and ns timestamps, the modified Kuznetzov/Nokia headers, snaplen and link-type quirks, the
// pseudo-headers it byte-swaps) and reads from any FILE*. fopencookie() (funopen() on BSD and macOS) makes
// our ByteSource that FILE*, so .gz and .zst captures stream through without a temporary copy. libpcap
// hands out each packet from its own reusable buffer, so nothing is allocated per packet; the cost over a
// hand-written record reader is one copy per packet, which bench/ measures as a small share of the import.

namespace {

/// The packet's time in µs. The seconds are whatever the file says (libpcap does not check them, and scales the
/// ones of files with other resolutions).
int64_t toMicroseconds(const timeval& tv)
{
    return TimeUtil::fromEpochParts(tv.tv_sec, tv.tv_usec);
}

struct Cookie
{
    ByteSource* source = nullptr;
    QString error;
    unsigned char head[4] = {};
    qint64 read = 0;
};

qint64 readCookie(Cookie* c, char* buffer, size_t size)
{
    const qint64 n = c->source->read(buffer, static_cast<qint64>(size));
    if (n < 0) {
        c->error = c->source->errorString();
        errno = EIO;
        return -1;
    }
    for (qint64 i = 0; i < n && c->read + i < 4; ++i)
        c->head[c->read + i] = static_cast<unsigned char>(buffer[i]);
    c->read += n;
    return n;
}

#if defined(__GLIBC__)
ssize_t cookieRead(void* cookie, char* buffer, size_t size)
{
    return static_cast<ssize_t>(readCookie(static_cast<Cookie*>(cookie), buffer, size));
}
FILE* openCookie(Cookie* cookie)
{
    cookie_io_functions_t io {};
    io.read = cookieRead;
    return fopencookie(cookie, "rb", io);
}
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
int cookieRead(void* cookie, char* buffer, int size)
{
    return static_cast<int>(readCookie(static_cast<Cookie*>(cookie), buffer, static_cast<size_t>(size)));
}
FILE* openCookie(Cookie* cookie)
{
    return funopen(cookie, cookieRead, nullptr, nullptr, nullptr);
}
#else
FILE* openCookie(Cookie*)
{
    return nullptr;
}
#endif

QString describeHeader(const Cookie& c, pcap_t* p)
{
    const bool nano = (c.head[0] == 0x4D && c.head[1] == 0x3C) || (c.head[2] == 0x3C && c.head[3] == 0x4D);
    const bool bigEndian = c.head[0] == 0xA1;
    return QStringLiteral("pcap %1.%2 (%3 timestamps, %4, %5)")
        .arg(pcap_major_version(p))
        .arg(pcap_minor_version(p))
        .arg(nano ? QStringLiteral("nanosecond") : QStringLiteral("microsecond"),
            bigEndian ? QStringLiteral("big-endian") : QStringLiteral("little-endian"),
            Packet::LinkLayer::name(pcap_datalink(p)));
}

} // namespace

bool PcapImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    Cookie cookie;
    cookie.source = &input.stream;
    FILE* file = openCookie(&cookie);
    if (!file)
        return fail(QStringLiteral("cannot read pcap files on this platform"));
    setvbuf(file, nullptr, _IOFBF, 1 << 20);
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    // Timestamps are asked for in microseconds: libpcap scales nanosecond files for us.
    pcap_t* pcap = pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!pcap) {
        fclose(file);
        if (!cookie.error.isEmpty())
            return fail(cookie.error);
        return fail(QStringLiteral("not a readable pcap file: %1").arg(QString::fromLocal8Bit(errbuf)));
    }
    struct Closer
    {
        pcap_t* p;
        ~Closer()
        {
            pcap_close(p); // also closes the cookie FILE*
        }
    } closer { pcap };

    // An unsupported link type is reported by the pipeline, with the number of packets skipped.
    const int linkType = pcap_datalink(pcap);
    Packet::PacketPipeline pipeline(sink, QStringLiteral("pcap"));
    PacketImport::loadKeyLog(input, pipeline);
    ProgressThrottle throttle(progress, input.stream.fileSize());

    Packet::PacketRecord record;
    record.linkType = linkType;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    qint64 offset = 24;
    int rc;
    while ((rc = pcap_next_ex(pcap, &header, &data)) == 1) {
        ++record.frame;
        record.ts = toMicroseconds(header->ts);
        record.data = data;
        record.length = header->caplen;
        record.originalLength = header->len;
        pipeline.packet(record);
        offset += 16 + header->caplen;
        if ((record.frame & 255) == 0 && !throttle.update(input.stream.filePosition()))
            return cancel();
    }
    if (rc == -1) {
        const QString libpcapError = QString::fromLocal8Bit(pcap_geterr(pcap));
        QString why;
        if (!cookie.error.isEmpty())
            why = cookie.error;
        else if (libpcapError.startsWith(QStringLiteral("truncated dump file")))
            why = QStringLiteral("the file ends in the middle of packet %1 (the capture was cut off)")
                      .arg(record.frame + 1);
        else
            why = QStringLiteral("packet %1 is unreadable (%2)").arg(record.frame + 1).arg(libpcapError);
        if (record.frame == 0)
            return fail(QStringLiteral("%1: %2").arg(PacketImport::at(offset), why));
        sink.addWarning(QStringLiteral("%1: %2; the %3 packets before it were imported")
                            .arg(PacketImport::at(offset), why)
                            .arg(record.frame));
    }
    if (!PacketImport::finish(input, pipeline, sink, describeHeader(cookie, pcap), {}, progress))
        return cancel();
    if (!throttle.finish())
        return cancel();
    return true;
}
