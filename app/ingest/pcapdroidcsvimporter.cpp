// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapdroidcsvimporter.h"

#include "bytesource.h"
#include "common/ipaddress.h"
#include "common/timeutil.h"

#include <QHash>
#include <QStringList>

#include <cstring>

namespace {

constexpr qsizetype kMaxLine = 1 << 20;

/// One CSV record. PCAPdroid writes no quotes (ConnectionsAdapter.dumpConnectionsCsv), but a file re-saved by a
/// spreadsheet has RFC 4180 quoting, so both are read.
QStringList splitCsv(const QString& line)
{
    QStringList out;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < line.size() && line[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == u'"' && field.isEmpty()) {
            quoted = true;
        } else if (c == u',') {
            out.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    out.append(field);
    return out;
}

bool quotesBalanced(const QString& line)
{
    return line.count(u'"') % 2 == 0;
}

QString l7For(const QString& proto)
{
    const QString p = proto.trimmed().toUpper();
    if (p == u"TLS" || p == u"HTTPS" || p.startsWith(u"TLS"))
        return QStringLiteral("tls");
    if (p == u"QUIC" || p == u"HTTP/3")
        return QStringLiteral("quic");
    if (p == u"HTTP")
        return QStringLiteral("http1");
    return p.toLower();
}

QString transportFor(const QString& ipProto)
{
    const QString p = ipProto.trimmed().toUpper();
    if (p == u"6" || p == u"TCP")
        return QStringLiteral("tcp");
    if (p == u"17" || p == u"UDP")
        return QStringLiteral("udp");
    return {};
}

} // namespace

bool PcapdroidCsvImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    BufferedInput in(input.stream);
    if (in.fill(3) >= 3 && memcmp(in.data(), "\xEF\xBB\xBF", 3) == 0)
        in.consume(3);
    qint64 lineNumber = 0;
    auto readLine = [&](QString& line) -> bool {
        QByteArray bytes;
        for (;;) {
            const qsizetype have = in.available() > 0 ? in.available() : in.fill(1);
            if (have == 0)
                break;
            const char* p = in.data();
            const char* nl = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(have)));
            const qsizetype take = nl ? nl - p : have;
            if (bytes.size() + take > kMaxLine)
                return false;
            bytes.append(p, take);
            in.consume(nl ? take + 1 : take);
            if (nl)
                break;
        }
        if (bytes.isEmpty() && in.atEnd())
            return false;
        ++lineNumber;
        if (bytes.endsWith('\r'))
            bytes.chop(1);
        line = QString::fromUtf8(bytes);
        return true;
    };

    QString headerLine;
    if (!readLine(headerLine))
        return fail(in.failed() ? QStringLiteral("cannot read the file: %1").arg(input.stream.errorString())
                                : QStringLiteral("not a PCAPdroid connections export: the file is empty"));
    QHash<QString, int> column;
    const QStringList header = splitCsv(headerLine);
    for (int i = 0; i < header.size(); ++i)
        column.insert(header[i].trimmed().toLower(), i);
    for (const char* required : { "ipproto", "srcip", "dstip", "dstport", "uid" }) {
        if (!column.contains(QLatin1String(required)))
            return fail(QStringLiteral("not a PCAPdroid connections export: the header has no \"%1\" column")
                            .arg(QLatin1String(required)));
    }
    const int appColumn = column.value(QStringLiteral("app"), -1);

    ProgressThrottle throttle(progress, input.stream.fileSize());
    qint64 connections = 0, skipped = 0, nonIp = 0, malicious = 0, badTimes = 0;
    QString line;
    while (readLine(line)) {
        const qint64 at = lineNumber;
        while (!quotesBalanced(line)) { // a quoted field with a line break, from a spreadsheet
            QString more;
            if (!readLine(more))
                break;
            line += u'\n' + more;
        }
        if (line.trimmed().isEmpty())
            continue;
        QStringList f = splitCsv(line);
        // App labels are free text and PCAPdroid does not quote them: a comma in a label shifts the columns.
        if (f.size() > header.size() && appColumn >= 0) {
            const int extra = static_cast<int>(f.size() - header.size());
            f[appColumn] = f.mid(appColumn, extra + 1).join(u',');
            f.erase(f.begin() + appColumn + 1, f.begin() + appColumn + 1 + extra);
        }
        if (f.size() < header.size() - 1) { // "Malicious" may be missing at the end
            ++skipped;
            sink.addWarning(
                QStringLiteral("line %1 has %2 of %3 columns; skipped").arg(at).arg(f.size()).arg(header.size()));
            continue;
        }
        auto get = [&](const char* name) { return f.value(column.value(QLatin1String(name), -1)).trimmed(); };
        Data::Connection c;
        c.sourceRef = QStringLiteral("csv:line=%1").arg(at);
        c.transport = transportFor(get("ipproto"));
        if (c.transport.isEmpty()) {
            ++nonIp;
            continue;
        }
        c.clientIp = IpAddress::normalise(get("srcip"));
        c.clientPort = get("srcport").toInt();
        c.serverIp = IpAddress::normalise(get("dstip"));
        c.serverPort = get("dstport").toInt();
        const QString proto = get("proto");
        c.l7 = l7For(proto);
        const QString info = get("info");
        // Info is the SNI, the HTTP host or the DNS query: the server's name except for DNS, where it is the
        // name that was asked about (and the server is the resolver).
        if (!info.isEmpty() && c.l7 != u"dns") {
            c.name = info;
            c.nameSource = c.l7 == u"tls"
                ? QStringLiteral("tls-sni")
                : (c.l7 == u"quic" ? QStringLiteral("quic-sni")
                                   : (c.l7 == u"http1" ? QStringLiteral("http-host") : QStringLiteral("log")));
        }
        c.bytesUp = get("bytessent").toLongLong();
        c.bytesDown = get("bytesrcvd").toLongLong();
        c.packetsUp = get("pktssent").toLongLong();
        c.packetsDown = get("pktsrcvd").toLongLong();
        const QString first = get("firstseen"), last = get("lastseen");
        c.firstSeen = TimeUtil::parseIso8601(first).value_or(0);
        c.lastSeen = TimeUtil::parseIso8601(last).value_or(0);
        if ((c.firstSeen == 0 && !first.isEmpty()) || (c.lastSeen == 0 && !last.isEmpty()))
            ++badTimes;
        if (c.l7 == u"tls" || c.l7 == u"quic")
            c.flags |= Data::Encrypted;
        bool okUid = false;
        c.app.uid = get("uid").toInt(&okUid);
        if (!okUid)
            c.app.uid = -1;
        c.app.name = get("app");
        c.app.package = get("packagename");
        if (!c.app.isEmpty() || c.app.uid >= 0) {
            c.app.source = QStringLiteral("pcapdroid-csv");
            c.app.reason = QStringLiteral("PCAPdroid attributed the connection to Android UID %1").arg(c.app.uid);
            if (c.app.isEmpty())
                c.app.name = QStringLiteral("UID %1").arg(c.app.uid);
        }
        if (get("malicious").compare(u"yes", Qt::CaseInsensitive) == 0)
            ++malicious;
        sink.addConnection(std::move(c));
        ++connections;
        if (!throttle.update(input.stream.filePosition()))
            return cancel();
    }
    if (in.failed())
        return fail(QStringLiteral("cannot read the file: %1").arg(input.stream.errorString()));
    if (!in.atEnd())
        return fail(QStringLiteral("line %1 is longer than 1 MiB; this is not a PCAPdroid connections export")
                        .arg(lineNumber + 1));
    Data::CaptureInfo info;
    info.producer = QStringLiteral("PCAPdroid");
    info.notes =
        QStringLiteral("connections export (CSV), %1 connections, %2 lines skipped").arg(connections).arg(skipped);
    sink.setInfo(info);
    if (nonIp > 0)
        sink.addWarning(QStringLiteral("%1 connections that are neither TCP nor UDP (ICMP) were skipped").arg(nonIp));
    if (badTimes > 0)
        sink.addWarning(QStringLiteral("%1 lines have a first or last seen time that cannot be read").arg(badTimes));
    if (malicious > 0)
        sink.addWarning(QStringLiteral("PCAPdroid's malware detection flagged %1 of these connections as malicious")
                            .arg(malicious));
    if (!throttle.finish())
        return cancel();
    return true;
}
