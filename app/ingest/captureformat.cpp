// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "captureformat.h"

#include "bytesource.h"

#include <QByteArrayView>
#include <QList>
#include <QRegularExpression>

namespace CaptureFormats {

QString id(CaptureFormat f)
{
    switch (f) {
    case CaptureFormat::Unknown:
        return QStringLiteral("unknown");
    case CaptureFormat::Har:
        return QStringLiteral("har");
    case CaptureFormat::Mitmproxy:
        return QStringLiteral("mitmproxy");
    case CaptureFormat::Pcap:
        return QStringLiteral("pcap");
    case CaptureFormat::Pcapng:
        return QStringLiteral("pcapng");
    case CaptureFormat::BurpXml:
        return QStringLiteral("burp-xml");
    case CaptureFormat::CharlesJson:
        return QStringLiteral("charles-json");
    case CaptureFormat::CharlesArchive:
        return QStringLiteral("charles-chlz");
    case CaptureFormat::CharlesBinary:
        return QStringLiteral("charles-chls");
    case CaptureFormat::FiddlerSaz:
        return QStringLiteral("fiddler-saz");
    case CaptureFormat::ZeekTsv:
        return QStringLiteral("zeek-tsv");
    case CaptureFormat::ZeekJson:
        return QStringLiteral("zeek-json");
    case CaptureFormat::PcapdroidCsv:
        return QStringLiteral("pcapdroid-csv");
    case CaptureFormat::AppPrivacyReport:
        return QStringLiteral("app-privacy-report");
    case CaptureFormat::KeyLog:
        return QStringLiteral("tls-keylog");
    }
    return QStringLiteral("unknown");
}

QString displayName(CaptureFormat f)
{
    switch (f) {
    case CaptureFormat::Unknown:
        return QStringLiteral("unknown format");
    case CaptureFormat::Har:
        return QStringLiteral("HTTP Archive (HAR)");
    case CaptureFormat::Mitmproxy:
        return QStringLiteral("mitmproxy flow dump");
    case CaptureFormat::Pcap:
        return QStringLiteral("pcap packet capture");
    case CaptureFormat::Pcapng:
        return QStringLiteral("pcapng packet capture");
    case CaptureFormat::BurpXml:
        return QStringLiteral("Burp Suite XML export");
    case CaptureFormat::CharlesJson:
        return QStringLiteral("Charles JSON session (.chlsj)");
    case CaptureFormat::CharlesArchive:
        return QStringLiteral("Charles 5 session archive (.chlz)");
    case CaptureFormat::CharlesBinary:
        return QStringLiteral("Charles binary session (.chls)");
    case CaptureFormat::FiddlerSaz:
        return QStringLiteral("Fiddler session archive (SAZ)");
    case CaptureFormat::ZeekTsv:
        return QStringLiteral("Zeek log (TSV)");
    case CaptureFormat::ZeekJson:
        return QStringLiteral("Zeek log (JSON)");
    case CaptureFormat::PcapdroidCsv:
        return QStringLiteral("PCAPdroid connections CSV");
    case CaptureFormat::AppPrivacyReport:
        return QStringLiteral("Apple App Privacy Report (NDJSON)");
    case CaptureFormat::KeyLog:
        return QStringLiteral("TLS key log (SSLKEYLOGFILE)");
    }
    return {};
}

QString unsupportedReason(CaptureFormat f)
{
    switch (f) {
    case CaptureFormat::CharlesBinary:
        return QStringLiteral("this is a binary Charles session (.chls), which only Charles can read. Convert it "
                              "with \"charles convert session.chls session.chlsj\", or in Charles use File → Export "
                              "Session… → JSON Session File (.chlsj) or HTTP Archive (.har), then import that file");
    case CaptureFormat::KeyLog:
        return QStringLiteral("this is a TLS key log, not a capture. Import it together with the packet capture it "
                              "belongs to (it is used to decrypt TLS)");
    default:
        return {};
    }
}

namespace {

bool startsWith(QByteArrayView h, QByteArrayView magic, qsizetype at = 0)
{
    return h.size() >= at + magic.size() && h.sliced(at, magic.size()) == magic;
}

QByteArrayView skipBomAndSpace(QByteArrayView h)
{
    if (startsWith(h, "\xEF\xBB\xBF"))
        h = h.sliced(3);
    while (!h.isEmpty() && (h[0] == ' ' || h[0] == '\t' || h[0] == '\r' || h[0] == '\n'))
        h = h.sliced(1);
    return h;
}

/// mitmproxy's tnetstring stream: "<digits>:<payload><tag>", a flow being a dict of tnetstrings.
bool looksLikeTnetstring(QByteArrayView h)
{
    qsizetype i = 0;
    while (i < h.size() && i < 13 && h[i] >= '0' && h[i] <= '9')
        ++i;
    if (i == 0 || i > 12 || i >= h.size() || h[i] != ':')
        return false;
    // The first element of the top-level dict is itself a tnetstring ("7:version;" etc.).
    qsizetype j = i + 1;
    const qsizetype digitsStart = j;
    while (j < h.size() && j - digitsStart < 13 && h[j] >= '0' && h[j] <= '9')
        ++j;
    if (j == digitsStart || j >= h.size() || h[j] != ':')
        return false;
    const qint64 total = h.first(i).toLongLong();
    return total > 0 && (total + i + 1 >= h.size() || h[i + 1 + total] == '}');
}

bool containsAll(QByteArrayView h, std::initializer_list<const char*> needles)
{
    for (const char* n : needles) {
        if (!h.contains(QByteArrayView(n)))
            return false;
    }
    return true;
}

/// A zip file's member names are in its local headers; the first few are enough to tell SAZ from .chlz.
CaptureFormat sniffZip(QByteArrayView h)
{
    if (h.contains("raw/") && (h.contains("_c.txt") || h.contains("_m.xml") || h.contains("_s.txt")))
        return CaptureFormat::FiddlerSaz;
    if (h.contains("-meta.json") || h.contains("-req.") || h.contains("-res."))
        return CaptureFormat::CharlesArchive;
    return CaptureFormat::Unknown;
}

/// The first line that is not a BTest comment ("### BTest baseline data …", which Zeek's test baselines start with).
QByteArrayView skipBtestLines(QByteArrayView t)
{
    while (startsWith(t, "###")) {
        const qsizetype nl = t.indexOf('\n');
        if (nl < 0)
            return {};
        t = t.sliced(nl + 1);
    }
    return t;
}

/// Zeek connection ids: "C" and 14 to 20 base62 characters.
bool looksLikeZeekUid(QByteArrayView v)
{
    if (v.size() < 15 || v.size() > 21 || v[0] != 'C')
        return false;
    for (char c : v.sliced(1)) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
    }
    return true;
}

/// Zeek rows without the header that names their columns: the top of a log cut off, or a zeek-cut extract.
QString describeZeekFragment(QByteArrayView t)
{
    t = skipBtestLines(t);
    const qsizetype nl = t.indexOf('\n');
    const QByteArrayView first = nl < 0 ? t : t.first(nl);
    QByteArrayView second;
    if (nl >= 0) {
        second = t.sliced(nl + 1);
        if (const qsizetype nl2 = second.indexOf('\n'); nl2 >= 0)
            second = second.first(nl2);
    }
    auto uidIn = [](QByteArrayView line) {
        const QList<QByteArray> fields = line.toByteArray().split('\t');
        return fields.size() >= 2 && looksLikeZeekUid(fields[1]);
    };
    if (uidIn(first))
        return QStringLiteral("Zeek log rows without the #fields header (the top of the log is missing), so their "
                              "columns are unknown; import the complete log");
    if (startsWith(first, "ts\tuid\t") && uidIn(second))
        return QStringLiteral("a table of Zeek columns without the Zeek header lines (#separator, #fields, #types); "
                              "import the log Zeek wrote");
    return {};
}

QString describe(QByteArrayView h)
{
    if (h.isEmpty())
        return QStringLiteral("an empty file");
    if (startsWith(h, "SQLite format 3"))
        return QStringLiteral(
            "a SQLite database (if it is a Leakscope investigation, open it instead of importing it)");
    if (startsWith(h, "%PDF"))
        return QStringLiteral("a PDF document");
    if (startsWith(h, "PK\x03\x04"))
        return QStringLiteral("a zip archive that is neither a Fiddler SAZ nor a Charles .chlz");
    if (startsWith(h, "\x89PNG") || startsWith(h, "\xFF\xD8\xFF") || startsWith(h, "GIF8"))
        return QStringLiteral("an image");
    if (startsWith(h, "ftyp", 4))
        return QStringLiteral("an MP4/QuickTime media file");
    if (startsWith(h,
            "\x7F"
            "ELF"))
        return QStringLiteral("a program (ELF executable)");
    const QByteArrayView t = skipBomAndSpace(h);
    if (startsWith(t, "<") && t.contains("<charles-session"))
        return QStringLiteral("a Charles XML session, which Leakscope does not read; in Charles, export the session as "
                              "JSON Session File (.chlsj) or HTTP Archive (.har) and import that file");
    if (startsWith(t, "<"))
        return QStringLiteral("an XML or HTML document");
    if (const QString zeek = describeZeekFragment(t); !zeek.isEmpty())
        return zeek;
    if (startsWith(t, "{") || startsWith(t, "["))
        return QStringLiteral("a JSON document of an unrecognised shape");
    int printable = 0;
    const qsizetype n = std::min<qsizetype>(h.size(), 512);
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(h[i]);
        if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t')
            ++printable;
    }
    return printable > n * 9 / 10 ? QStringLiteral("a text file") : QStringLiteral("binary data");
}

} // namespace

SniffResult sniffBytes(const QByteArray& head, const QString& compression)
{
    SniffResult r;
    r.compression = compression;
    const QByteArrayView h(head);
    auto found = [&](CaptureFormat f) {
        r.format = f;
        return r;
    };
    if (startsWith(h, "\xD4\xC3\xB2\xA1") || startsWith(h, "\xA1\xB2\xC3\xD4") || startsWith(h, "\x4D\x3C\xB2\xA1")
        || startsWith(h, "\xA1\xB2\x3C\x4D") || startsWith(h, "\x34\xCD\xB2\xA1") || startsWith(h, "\xA1\xB2\xCD\x34"))
        return found(CaptureFormat::Pcap);
    if (startsWith(h, "\x0A\x0D\x0D\x0A"))
        return found(CaptureFormat::Pcapng);
    if (startsWith(h, "PK\x03\x04")) {
        const CaptureFormat f = sniffZip(h);
        if (f != CaptureFormat::Unknown)
            return found(f);
    }
    if (startsWith(h, "\xAC\xED\x00\x05"))
        return found(CaptureFormat::CharlesBinary);
    if (looksLikeTnetstring(h))
        return found(CaptureFormat::Mitmproxy);

    const QByteArrayView t = skipBomAndSpace(h);
    if (const QByteArrayView z = skipBtestLines(t); startsWith(z, "#separator") || startsWith(z, "#fields"))
        return found(CaptureFormat::ZeekTsv);
    if (startsWith(t, "IPProto,SrcIP,SrcPort,DstIp,DstPort") || startsWith(t, "\"IPProto\",\"SrcIP\""))
        return found(CaptureFormat::PcapdroidCsv);
    static const QRegularExpression keyLogLine(QStringLiteral(
        "^(?:#[^\\n]*\\n|\\s*\\n)*(CLIENT_RANDOM|CLIENT_HANDSHAKE_TRAFFIC_SECRET|SERVER_HANDSHAKE_TRAFFIC_"
        "SECRET|CLIENT_TRAFFIC_SECRET_0|SERVER_TRAFFIC_SECRET_0|EXPORTER_SECRET|CLIENT_EARLY_TRAFFIC_"
        "SECRET|RSA) [0-9a-fA-F]+ [0-9a-fA-F]+"));
    if (keyLogLine.match(QString::fromLatin1(t.first(std::min<qsizetype>(t.size(), 600)))).hasMatch())
        return found(CaptureFormat::KeyLog);
    if (startsWith(t, "<")) {
        if (t.contains("<items") && (t.contains("burpVersion") || t.contains("<item>")))
            return found(CaptureFormat::BurpXml);
    }
    if (startsWith(t, "{") || startsWith(t, "[")) {
        // HAR: an object with log.entries. Checked first: mitmproxy also reads any leading '{' as HAR.
        if (containsAll(t, { "\"log\"" })
            && (t.contains("\"entries\"") || t.contains("\"creator\"") || t.contains("\"version\"")
                || t.contains("\"pages\"")))
            return found(CaptureFormat::Har);
        if (startsWith(t, "[")
            && (t.contains("\"actualPort\"") || t.contains("\"remoteAddress\"")
                || containsAll(t, { "\"protocolVersion\"", "\"times\"" })
                || containsAll(t, { "\"status\"", "\"tunnel\"", "\"method\"" })))
            return found(CaptureFormat::CharlesJson);
        if (startsWith(t, "{") && (t.contains("\"actualPort\"") || t.contains("\"remoteAddress\""))
            && containsAll(t, { "\"method\"", "\"host\"" }))
            return found(CaptureFormat::CharlesJson); // Charles JSON saved as NDJSON / single object
        if (t.contains("\"id.orig_h\"") || (t.contains("\"uid\"") && t.contains("\"ts\"") && t.contains("\"id.resp_"))
            || (t.contains("\"uid\"") && t.contains("\"ts\"") && t.contains("\"orig_h\""))) // nested "id" objects
            return found(CaptureFormat::ZeekJson);
        // App Privacy Report: "networkActivity" records carry bundleID and domain; "access" records (which can
        // fill the first lines) carry accessor and category.
        if (t.contains("\"timeStamp\"")
            && ((t.contains("\"bundleID\"") && (t.contains("\"networkActivity\"") || t.contains("\"domain\"")))
                || (t.contains("\"accessor\"") && t.contains("\"category\"") && t.contains("\"access\""))))
            return found(CaptureFormat::AppPrivacyReport);
    }
    r.looksLike = describe(h);
    return r;
}

SniffResult sniff(const QString& path)
{
    QString error;
    auto source = ByteSource::open(path, &error);
    if (!source) {
        SniffResult r;
        r.error = error;
        return r;
    }
    QByteArray head;
    head.resize(64 * 1024);
    qint64 got = 0;
    while (got < head.size()) {
        const qint64 n = source->read(head.data() + got, head.size() - got);
        if (n <= 0)
            break;
        got += n;
    }
    head.resize(got);
    if (got == 0 && !source->errorString().isEmpty()) {
        SniffResult r;
        r.error = source->errorString();
        r.compression = source->compression();
        return r;
    }
    return sniffBytes(head, source->compression());
}

} // namespace CaptureFormats
