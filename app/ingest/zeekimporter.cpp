// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "zeekimporter.h"

#include "bytesource.h"
#include "common/httputil.h"
#include "common/ipaddress.h"
#include "common/numbers.h"
#include "common/timeutil.h"
#include "zeeklog.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace {

constexpr qsizetype kMaxJoinRows = 5'000'000; // per companion log: about 1 GB of join data at most

const QStringList kReadable { QStringLiteral("conn"), QStringLiteral("http"), QStringLiteral("dns"),
    QStringLiteral("ssl"), QStringLiteral("quic"), QStringLiteral("files") };

/// The log of the same set as `path` whose kind is `other`, if it is there.
QString companionOf(const QString& path, const QString& kind, const QString& other)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    static const QRegularExpression token(QStringLiteral("(^|[._-])(open_)?(conn|http|dns|ssl|quic|files)(?=[._-]|$)"));
    QRegularExpressionMatchIterator it = token.globalMatch(name);
    QRegularExpressionMatch found;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.captured(3) == kind)
            found = m;
    }
    if (!found.hasMatch())
        return {};
    QString sibling = name;
    sibling.replace(found.capturedStart(3), found.capturedLength(3), other);
    const QString candidate = info.dir().filePath(sibling);
    return QFileInfo(candidate).isFile() ? candidate : QString();
}

Data::Timestamp timeOf(const ZeekRow& row, bool& bad)
{
    const QByteArray ts = row.value("ts");
    bad = false;
    if (ts.isEmpty())
        return 0;
    bool ok = false;
    const double seconds = ts.toDouble(&ok);
    if (ok && seconds > 0 && seconds < 1e11)
        return TimeUtil::fromEpochSeconds(seconds);
    if (const auto iso = TimeUtil::parseIso8601(QString::fromUtf8(ts)))
        return *iso;
    bad = true;
    return 0;
}

struct TlsInfo
{
    QString sni;
    QString alpn;
    QString version;
};

struct HttpInfo
{
    QString host;
    bool cleartextRequest = false; ///< a request other than CONNECT: the payload was seen
};

struct FileInfo
{
    QString mime;
    qint64 size = -1;
};

/// What the companion logs add, keyed by connection uid or file id.
struct Joins
{
    QHash<QByteArray, TlsInfo> ssl;
    QHash<QByteArray, TlsInfo> quic;
    QHash<QByteArray, HttpInfo> http;
    QHash<QByteArray, FileInfo> files;
    QStringList used; ///< "ssl.log (x_ssl.log)"
    QStringList problems;
};

/// Reads a companion log into the join tables; a companion that cannot be read is reported, not fatal.
void readCompanion(const QString& path, const QString& kind, Joins& joins)
{
    QString error;
    auto source = ByteSource::open(path, &error);
    const QString name = QFileInfo(path).fileName();
    if (!source) {
        joins.problems.append(QStringLiteral("%1 (next to this file) could not be read: %2").arg(name, error));
        return;
    }
    ZeekLogReader reader(*source);
    if (!reader.open() || reader.kind() != kind) {
        joins.problems.append(
            QStringLiteral("%1 (next to this file) is not a Zeek %2 log; not joined").arg(name, kind));
        return;
    }
    ZeekRow row;
    qsizetype rows = 0;
    while (reader.next(row) && rows < kMaxJoinRows) {
        ++rows;
        const QByteArray uid = row.value("uid");
        if (kind == u"ssl" || kind == u"quic") {
            if (uid.isEmpty())
                continue;
            TlsInfo t;
            t.sni = row.text("server_name");
            t.alpn = kind == u"ssl" ? row.text("next_protocol") : row.text("client_protocol");
            t.version = row.text("version");
            (kind == u"ssl" ? joins.ssl : joins.quic).insert(uid, t);
        } else if (kind == u"http") {
            if (uid.isEmpty())
                continue;
            HttpInfo& h = joins.http[uid];
            if (h.host.isEmpty())
                h.host = row.text("host").section(u':', 0, 0).toLower();
            if (row.value("method") != "CONNECT")
                h.cleartextRequest = true;
        } else if (kind == u"files") {
            const QByteArray fuid = row.value("fuid");
            if (fuid.isEmpty())
                continue;
            FileInfo f;
            f.mime = row.text("mime_type");
            f.size = row.number("seen_bytes", row.number("total_bytes"));
            joins.files.insert(fuid, f);
        }
    }
    if (rows >= kMaxJoinRows)
        joins.problems.append(
            QStringLiteral("%1 has more than %2 rows; only the first %2 were joined").arg(name).arg(kMaxJoinRows));
    joins.used.append(QStringLiteral("%1.log (%2)").arg(kind, name));
}

QString l7ForService(const QString& service, bool tls, bool quic)
{
    const QStringList services = service.toLower().split(u',', Qt::SkipEmptyParts);
    // Zeek lists "ssl" for QUIC connections too (their handshake is TLS): QUIC first.
    if (quic || services.contains(u"quic"))
        return QStringLiteral("quic");
    if (tls || services.contains(u"ssl"))
        return QStringLiteral("tls");
    if (services.isEmpty())
        return {};
    if (services.first() == u"http")
        return QStringLiteral("http1");
    return services.first();
}

class Converter
{
public:
    Converter(CaptureSink& sink, const Joins& joins)
        : m_sink(sink)
        , m_joins(joins)
    { }

    void endpoints(const ZeekRow& row, QString& clientIp, int& clientPort, QString& serverIp, int& serverPort)
    {
        clientIp = IpAddress::normalise(row.text("id.orig_h"));
        clientPort = static_cast<int>(row.number("id.orig_p", 0));
        serverIp = IpAddress::normalise(row.text("id.resp_h"));
        serverPort = static_cast<int>(row.number("id.resp_p", 0));
    }

    void connection(const ZeekRow& row)
    {
        Data::Connection c;
        c.transport = row.text("proto").toLower();
        if (c.transport != u"tcp" && c.transport != u"udp") {
            ++m_otherTransport;
            return;
        }
        const QByteArray uid = row.value("uid");
        c.sourceRef = QStringLiteral("zeek:uid=%1").arg(QString::fromUtf8(uid));
        endpoints(row, c.clientIp, c.clientPort, c.serverIp, c.serverPort);
        bool bad = false;
        c.firstSeen = timeOf(row, bad);
        m_badTimes += bad ? 1 : 0;
        bool okDuration = false;
        const double duration = row.value("duration").toDouble(&okDuration);
        const auto us = okDuration ? TimeUtil::durationUs(duration * 1e6) : std::nullopt;
        c.lastSeen = c.firstSeen && us ? c.firstSeen + *us : c.firstSeen;
        c.bytesUp = std::max<qint64>(0, row.number("orig_bytes", 0));
        c.bytesDown = std::max<qint64>(0, row.number("resp_bytes", 0));
        c.packetsUp = std::max<qint64>(0, row.number("orig_pkts", 0));
        c.packetsDown = std::max<qint64>(0, row.number("resp_pkts", 0));
        const auto ssl = m_joins.ssl.constFind(uid);
        const auto quic = m_joins.quic.constFind(uid);
        const auto http = m_joins.http.constFind(uid);
        const bool hasSsl = ssl != m_joins.ssl.cend();
        const bool hasQuic = quic != m_joins.quic.cend();
        const QString service = row.text("service");
        c.l7 = l7ForService(service, hasSsl, hasQuic);
        if (hasSsl && !ssl->sni.isEmpty()) {
            c.name = ssl->sni;
            c.nameSource = QStringLiteral("tls-sni");
        } else if (hasQuic && !quic->sni.isEmpty()) {
            c.name = quic->sni;
            c.nameSource = QStringLiteral("quic-sni");
        } else if (http != m_joins.http.cend() && !http->host.isEmpty()) {
            c.name = http->host;
            c.nameSource = QStringLiteral("http-host");
        }
        c.alpn = hasSsl ? ssl->alpn : (hasQuic ? quic->alpn : QString());
        // Encrypted: the connection was TLS or QUIC and Zeek saw no cleartext request in it (a proxy's CONNECT
        // does not count: what followed it was still encrypted).
        const bool encryptedService = hasSsl || hasQuic || c.l7 == u"tls" || c.l7 == u"quic";
        if (encryptedService && !(http != m_joins.http.cend() && http->cleartextRequest))
            c.flags |= Data::Encrypted;
        m_sink.addConnection(std::move(c));
        ++m_records;
    }

    void tlsConnection(const ZeekRow& row, bool quic)
    {
        Data::Connection c;
        const QByteArray uid = row.value("uid");
        c.sourceRef = QStringLiteral("zeek:uid=%1").arg(QString::fromUtf8(uid));
        c.transport = quic ? QStringLiteral("udp") : QStringLiteral("tcp");
        endpoints(row, c.clientIp, c.clientPort, c.serverIp, c.serverPort);
        bool bad = false;
        c.firstSeen = c.lastSeen = timeOf(row, bad);
        m_badTimes += bad ? 1 : 0;
        c.l7 = quic ? QStringLiteral("quic") : QStringLiteral("tls");
        c.name = row.text("server_name");
        if (!c.name.isEmpty())
            c.nameSource = quic ? QStringLiteral("quic-sni") : QStringLiteral("tls-sni");
        c.alpn = quic ? row.text("client_protocol") : row.text("next_protocol");
        c.flags = Data::Encrypted;
        m_sink.addConnection(std::move(c));
        ++m_records;
    }

    void request(const ZeekRow& row)
    {
        Data::Flow f;
        const QByteArray uid = row.value("uid");
        f.sourceRef =
            QStringLiteral("zeek:uid=%1,trans_depth=%2").arg(QString::fromUtf8(uid)).arg(row.number("trans_depth", 0));
        f.sourceId = QString::fromUtf8(uid);
        f.transport = QStringLiteral("tcp");
        endpoints(row, f.clientIp, f.clientPort, f.serverIp, f.serverPort);
        bool bad = false;
        f.tsStart = timeOf(row, bad);
        m_badTimes += bad ? 1 : 0;
        f.method = row.text("method").toUpper();
        const QString host = row.text("host");
        const QString uri = row.text("uri");
        f.host = host.section(u':', 0, 0).toLower();
        if (f.method == u"CONNECT") {
            f.flags |= Data::Tunnel;
            f.url = uri.isEmpty() ? host : uri;
            if (f.host.isEmpty())
                f.host = f.url.section(u':', 0, 0).toLower();
        } else if (uri.startsWith(u"http://", Qt::CaseInsensitive)
            || uri.startsWith(u"https://", Qt::CaseInsensitive)) {
            f.url = uri; // a request to a proxy
            if (f.host.isEmpty())
                f.host = HttpUtil::splitUrl(uri).host;
        } else {
            // Zeek sees cleartext HTTP only, so the scheme is http; the port is the server's.
            const QString h = host.isEmpty() ? f.serverIp : host;
            const bool defaultPort = f.serverPort == 80 || host.contains(u':');
            f.url = QStringLiteral("http://%1%2%3")
                        .arg(h, defaultPort || f.serverPort == 0 ? QString() : QStringLiteral(":%1").arg(f.serverPort),
                            uri);
        }
        f.scheme = QStringLiteral("http");
        if (const QString v = row.text("version"); !v.isEmpty())
            f.httpVersion = HttpUtil::normaliseHttpVersion(QStringLiteral("HTTP/%1").arg(v));
        f.status = static_cast<int>(row.number("status_code", 0));
        f.reason = row.text("status_msg");
        // The header values Zeek logs verbatim.
        if (!host.isEmpty())
            f.requestHeaders.push_back({ "Host", host.toUtf8() });
        for (const auto& [field, header] : { std::pair<const char*, const char*> { "user_agent", "User-Agent" },
                 { "referrer", "Referer" }, { "origin", "Origin" } }) {
            const QByteArray v = row.value(field);
            if (!v.isEmpty())
                f.requestHeaders.push_back({ header, v });
        }
        if (const QString user = row.text("username"); !user.isEmpty())
            f.comment = QStringLiteral("Zeek logged HTTP authentication for the user \"%1\"%2")
                            .arg(user, row.has("password") ? QStringLiteral(" and its password") : QString());
        // Bodies: sizes only, decoded ("uncompressed") as Zeek counts them.
        f.requestBody.decodedSize = row.number("request_body_len");
        f.responseBody.decodedSize = row.number("response_body_len");
        f.requestContentType = QString::fromUtf8(row.values("orig_mime_types").value(0));
        f.responseContentType = QString::fromUtf8(row.values("resp_mime_types").value(0));
        if (f.responseContentType.isEmpty() || f.responseBody.decodedSize < 0) {
            for (const QByteArray& fuid : row.values("resp_fuids")) {
                const auto it = m_joins.files.constFind(fuid);
                if (it == m_joins.files.cend())
                    continue;
                if (f.responseContentType.isEmpty())
                    f.responseContentType = it->mime;
                if (f.responseBody.decodedSize < 0)
                    f.responseBody.decodedSize = it->size;
                break;
            }
        }
        f.flags |= Data::HeadersOnly;
        if (f.status == 0)
            f.flags |= Data::Incomplete;
        m_sink.addFlow(std::move(f));
        ++m_records;
    }

    void answers(const ZeekRow& row)
    {
        const QString query = row.text("query").toLower();
        if (query.isEmpty())
            return;
        bool bad = false;
        const Data::Timestamp ts = timeOf(row, bad);
        m_badTimes += bad ? 1 : 0;
        const QList<QByteArray> answers = row.values("answers");
        const QList<QByteArray> ttls = row.values("TTLs");
        // Answers mix CNAME targets and addresses in the order the response listed them.
        QStringList chain { query };
        for (qsizetype i = 0; i < answers.size(); ++i) {
            const QString a = QString::fromUtf8(answers[i]).trimmed();
            if (IpAddress::isLiteral(a)) {
                Data::DnsAnswer d;
                d.ts = ts;
                d.name = query;
                d.address = IpAddress::normalise(a);
                d.ttl = Numbers::toInteger<qint64>(QString::fromUtf8(ttls.value(i)).toDouble()).value_or(0);
                if (chain.size() > 1)
                    d.cnameChain = chain.join(u'>');
                m_sink.addDnsAnswer(d);
                ++m_records;
            } else if (!a.isEmpty() && !a.contains(u' ')) {
                chain.append(a.toLower()); // a CNAME (TXT and other records contain spaces)
            }
        }
    }

    qint64 records() const
    {
        return m_records;
    }
    qint64 badTimes() const
    {
        return m_badTimes;
    }
    qint64 otherTransport() const
    {
        return m_otherTransport;
    }

private:
    CaptureSink& m_sink;
    const Joins& m_joins;
    qint64 m_records = 0;
    qint64 m_badTimes = 0;
    qint64 m_otherTransport = 0;
};

/// Columns each log needs to say anything at all.
QStringList missingColumns(const QString& kind, const QList<QByteArray>& columns, bool json)
{
    QStringList required;
    if (kind == u"conn")
        required = { QStringLiteral("id.orig_h"), QStringLiteral("id.resp_h"), QStringLiteral("proto") };
    else if (kind == u"http")
        required = { QStringLiteral("id.resp_h"), QStringLiteral("method") };
    else if (kind == u"dns")
        required = { QStringLiteral("query") };
    else if (kind == u"ssl" || kind == u"quic")
        required = { QStringLiteral("id.resp_h") };
    else if (kind == u"files")
        required = { QStringLiteral("fuid") };
    if (json)
        return {}; // JSON rows leave out unset fields: a missing column in the first row proves nothing
    QStringList missing;
    for (const QString& r : required) {
        if (!columns.contains(r.toUtf8()))
            missing.append(r);
    }
    return missing;
}

QString columnList(const QList<QByteArray>& columns)
{
    QStringList names;
    for (const QByteArray& c : columns)
        names.append(QString::fromUtf8(c));
    return names.join(QStringLiteral(", "));
}

} // namespace

bool ZeekImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    ZeekLogReader reader(input.stream);
    if (!reader.open())
        return fail(reader.error());
    const QString kind = reader.kind();
    if (kind.isEmpty())
        return fail(
            QStringLiteral("a Zeek log with the columns %1, which is not one of the logs Leakscope reads (conn, "
                           "http, dns, ssl, quic, files)")
                .arg(columnList(reader.columns())));
    if (!kReadable.contains(kind))
        return fail(
            QStringLiteral("a Zeek %1 log, which holds no connections, requests or DNS answers; Leakscope reads "
                           "Zeek conn, http, dns, ssl, quic and files logs")
                .arg(kind));
    if (const QStringList missing = missingColumns(kind, reader.columns(), reader.isJson()); !missing.isEmpty())
        return fail(QStringLiteral("the Zeek %1 log has no %2 column%3 (its columns are: %4)")
                        .arg(kind, missing.join(QStringLiteral(", ")),
                            missing.size() > 1 ? QStringLiteral("s") : QString(), columnList(reader.columns())));

    Joins joins;
    const QString path = input.path;
    auto join = [&](const QString& other) {
        const QString companion = path.isEmpty() ? QString() : companionOf(path, kind, other);
        if (!companion.isEmpty())
            readCompanion(companion, other, joins);
        return !companion.isEmpty();
    };
    bool explained = false;
    if (kind == u"conn") {
        join(QStringLiteral("ssl"));
        join(QStringLiteral("quic"));
        join(QStringLiteral("http"));
    } else if (kind == u"http") {
        join(QStringLiteral("files"));
    } else if ((kind == u"ssl" || kind == u"quic") && !path.isEmpty()
        && !companionOf(path, kind, QStringLiteral("conn")).isEmpty()) {
        sink.addWarning(
            QStringLiteral("this %1 log describes connections of %2, next to it: its server names are joined "
                           "into that file's connections (by uid) when it is imported, so nothing is added "
                           "from this file on its own")
                .arg(kind, QFileInfo(companionOf(path, kind, QStringLiteral("conn"))).fileName()));
        explained = true;
    } else if (kind == u"files") {
        const QString http = path.isEmpty() ? QString() : companionOf(path, kind, QStringLiteral("http"));
        sink.addWarning(http.isEmpty()
                ? QStringLiteral("a files log describes the bodies of requests logged elsewhere (http.log); "
                                 "on its own it adds no connections or requests")
                : QStringLiteral("this files log adds MIME types and sizes to the requests of %1, next to it, "
                                 "when that file is imported; nothing is added from this file on its own")
                      .arg(QFileInfo(http).fileName()));
        explained = true;
    }

    ProgressThrottle throttle(progress, input.stream.fileSize());
    Converter convert(sink, joins);
    ZeekRow row;
    qint64 rows = 0;
    while (reader.next(row)) {
        ++rows;
        if (kind == u"conn")
            convert.connection(row);
        else if (kind == u"http")
            convert.request(row);
        else if (kind == u"dns")
            convert.answers(row);
        else if ((kind == u"ssl" || kind == u"quic") && !explained)
            convert.tlsConnection(row, kind == u"quic");
        if (!throttle.update(reader.position()))
            return cancel();
    }
    if (!reader.error().isEmpty())
        return fail(reader.error());

    Data::CaptureInfo info;
    info.producer =
        QStringLiteral("Zeek (%1 log, %2)").arg(kind, reader.isJson() ? QStringLiteral("JSON") : QStringLiteral("TSV"));
    info.notes = joins.used.isEmpty()
        ? QStringLiteral("%1 rows").arg(rows)
        : QStringLiteral("%1 rows, joined with %2").arg(rows).arg(joins.used.join(QStringLiteral(", ")));
    sink.setInfo(info);
    for (const QString& p : joins.problems)
        sink.addWarning(p);
    for (const QString& p : reader.problems())
        sink.addWarning(p);
    if (reader.skippedLines() > reader.problems().size())
        sink.addWarning(QStringLiteral("%1 lines in all were skipped").arg(reader.skippedLines()));
    if (convert.badTimes() > 0)
        sink.addWarning(
            QStringLiteral("%1 rows have an unreadable time (\"ts\"); their time is unknown").arg(convert.badTimes()));
    if (convert.otherTransport() > 0)
        sink.addWarning(QStringLiteral("%1 connections that are neither TCP nor UDP (ICMP) were skipped")
                            .arg(convert.otherTransport()));
    if (kind == u"dns" && convert.records() == 0 && rows > 0)
        sink.addWarning(QStringLiteral("none of the %1 DNS rows has an address in its answers").arg(rows));
    if (!throttle.finish())
        return cancel();
    return true;
}
