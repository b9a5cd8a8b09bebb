// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sazimporter.h"

#include "bytesource.h"
#include "common/contentcoding.h"
#include "common/httputil.h"
#include "common/ipaddress.h"
#include "common/timeutil.h"
#include "httpmessage.h"
#include "ziparchive.h"

#include <QMap>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <map>

namespace {

constexpr qint64 kMaxPartBytes = qint64(1) << 30;

const QString kPasswordMessage = QStringLiteral(
    "this Fiddler archive is password-protected, and Leakscope does not ask for archive passwords. Open it in "
    "Fiddler and save it again without a password (File → Save → All Sessions, leaving the password empty), or "
    "export the sessions as HAR, then import that file");

struct Session
{
    QByteArray request, response, metadata;
    bool requestCut = false, responseCut = false;
    int partsExpected = 0;
    int partsRead = 0;
};

struct Metadata
{
    QString sid;
    QMap<QString, QString> timers;
    QMap<QString, QString> flags;
};

Metadata readMetadata(const QByteArray& xml)
{
    Metadata m;
    QXmlStreamReader r(xml);
    while (!r.atEnd()) {
        if (r.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (r.name() == u"Session") {
            m.sid = r.attributes().value(QStringLiteral("SID")).toString();
        } else if (r.name() == u"SessionTimers") {
            for (const QXmlStreamAttribute& a : r.attributes())
                m.timers.insert(a.name().toString(), a.value().toString());
        } else if (r.name() == u"SessionFlag") {
            m.flags.insert(r.attributes().value(QStringLiteral("N")).toString().toLower(),
                r.attributes().value(QStringLiteral("V")).toString());
        }
    }
    return m;
}

/// .NET DateTimeOffset text; Fiddler leaves timers it did not reach at 0001-01-01.
Data::Timestamp timer(const Metadata& m, const char* name)
{
    const QString t = m.timers.value(QLatin1String(name));
    if (t.isEmpty() || t.startsWith(u"0001-"))
        return 0;
    return TimeUtil::parseIso8601(t).value_or(0);
}

/// Fiddler's https-client-version values ("Tls12", "Tls13", "Ssl3") as the names other importers use.
QString tlsVersionName(const QString& fiddler)
{
    static const QMap<QString, QString> names { { QStringLiteral("ssl2"), QStringLiteral("SSLv2") },
        { QStringLiteral("ssl3"), QStringLiteral("SSLv3") }, { QStringLiteral("tls"), QStringLiteral("TLSv1") },
        { QStringLiteral("tls11"), QStringLiteral("TLSv1.1") }, { QStringLiteral("tls12"), QStringLiteral("TLSv1.2") },
        { QStringLiteral("tls13"), QStringLiteral("TLSv1.3") } };
    return names.value(fiddler.trimmed().toLower(), fiddler.trimmed());
}

class SessionConverter
{
public:
    explicit SessionConverter(CaptureSink& sink)
        : m_sink(sink)
    { }

    void convert(int number, const Session& s)
    {
        m_number = number;
        Data::Flow f;
        f.sourceRef = QStringLiteral("saz:session=%1").arg(number);
        f.transport = QStringLiteral("tcp");
        const Metadata meta = readMetadata(s.metadata);
        f.sourceId = meta.sid;

        const HttpMessage::Parsed req = HttpMessage::parse(s.request, HttpMessage::Kind::Request);
        if (!req.ok) {
            warn(s.request.isEmpty()
                    ? QStringLiteral("has no request; skipped")
                    : QStringLiteral("has a request that cannot be read (%1); skipped").arg(req.error));
            return;
        }
        f.method = QString::fromLatin1(req.method);
        f.httpVersion = HttpUtil::normaliseHttpVersion(QString::fromLatin1(req.version));
        f.requestHeaders = req.headers;
        const QString target = QString::fromUtf8(req.target);
        const QString hostHeader = QString::fromUtf8(HttpUtil::headerValue(req.headers, "host"));
        if (req.method == "CONNECT") {
            // A tunnel as the client opened it; the decrypted requests inside are sessions of their own.
            f.flags |= Data::Tunnel;
            f.url = target;
            f.host = target.section(u':', 0, 0).toLower();
            f.serverPort = target.section(u':', 1).toInt();
        } else if (target.startsWith(u"http://", Qt::CaseInsensitive)
            || target.startsWith(u"https://", Qt::CaseInsensitive)) {
            f.url = target;
        } else {
            const bool tls = meta.flags.contains(QStringLiteral("https-client-version"));
            f.url = QStringLiteral("%1://%2%3")
                        .arg(tls ? QStringLiteral("https") : QStringLiteral("http"), hostHeader, target);
        }
        if (!(f.flags & Data::Tunnel)) {
            const HttpUtil::UrlParts u = HttpUtil::splitUrl(f.url);
            f.scheme = u.scheme;
            f.host = u.host;
            f.serverPort = u.port;
        }
        f.requestContentType = QString::fromUtf8(HttpUtil::headerValue(req.headers, "content-type"));
        fillBody(f.requestBody, req, s.requestCut, f.flags, "request");

        if (!s.response.isEmpty()) {
            const HttpMessage::Parsed resp = HttpMessage::parse(s.response, HttpMessage::Kind::Response);
            if (resp.ok) {
                f.status = resp.status;
                f.reason = QString::fromUtf8(resp.reason);
                f.responseHeaders = resp.headers;
                f.responseContentType = QString::fromUtf8(HttpUtil::headerValue(resp.headers, "content-type"));
                fillBody(f.responseBody, resp, s.responseCut, f.flags, "response");
            } else {
                warn(QStringLiteral("has a response that cannot be read (%1)").arg(resp.error));
            }
        }
        if (f.status == 0)
            f.flags |= Data::Incomplete;

        f.tsStart = timer(meta, "ClientBeginRequest");
        if (f.tsStart == 0)
            f.tsStart = timer(meta, "ClientConnected");
        f.tsEnd = timer(meta, "ClientDoneResponse");
        if (f.tsEnd == 0)
            f.tsEnd = timer(meta, "ServerDoneResponse");
        const QString clientIp = meta.flags.value(QStringLiteral("x-clientip"));
        if (IpAddress::isLiteral(clientIp))
            f.clientIp = IpAddress::normalise(clientIp);
        f.clientPort = meta.flags.value(QStringLiteral("x-clientport")).toInt();
        const QString hostIp = meta.flags.value(QStringLiteral("x-hostip"));
        if (IpAddress::isLiteral(hostIp))
            f.serverIp = IpAddress::normalise(hostIp);
        if (const QString tls = meta.flags.value(QStringLiteral("https-client-version")); !tls.isEmpty())
            f.tlsVersion = tlsVersionName(tls);
        f.comment = meta.flags.value(QStringLiteral("ui-comments"));

        // "msedge:12140": the process that opened the connection (Fiddler Classic, desktop captures only).
        const QString process = meta.flags.value(QStringLiteral("x-processinfo"));
        const qsizetype colon = process.lastIndexOf(u':');
        const QString processName = (colon >= 0 ? process.left(colon) : process).trimmed();
        if (!processName.isEmpty()) {
            f.app.name = processName;
            f.app.source = QStringLiteral("fiddler-x-processinfo");
            f.app.reason = colon >= 0
                ? QStringLiteral("Fiddler recorded the process %1 (PID %2)").arg(processName, process.mid(colon + 1))
                : QStringLiteral("Fiddler recorded the process %1").arg(processName);
        }
        m_sink.addFlow(std::move(f));
    }

private:
    void warn(const QString& what)
    {
        m_sink.addWarning(QStringLiteral("session %1 %2").arg(m_number).arg(what));
    }

    void fillBody(Data::Body& body, const HttpMessage::Parsed& m, bool cut, quint32& flags, const char* what)
    {
        body.data = m.body;
        body.present = true;
        if (cut || m.shortBody) {
            flags |= Data::BodyTruncated;
            warn(cut ? QStringLiteral("has a %1 larger than 1 GiB; only its start was read").arg(QLatin1String(what))
                     : QStringLiteral("has a %1 body that is cut short").arg(QLatin1String(what)));
        }
        if (const QString problem = ContentCoding::describeWireBody(body, m.headers); !problem.isEmpty())
            warn(QStringLiteral("has a %1 body that %2").arg(QLatin1String(what), problem));
    }

    CaptureSink& m_sink;
    int m_number = 0;
};

/// "raw/12_c.txt" → (12, 'c'); anything else → (-1, 0).
std::pair<int, char> partOf(const QString& name)
{
    static const QRegularExpression re(
        QStringLiteral("^raw/(\\d{1,9})_([a-z])\\.(txt|xml)$"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(name);
    if (!m.hasMatch())
        return { -1, 0 };
    return { m.captured(1).toInt(), m.captured(2).toLower().at(0).toLatin1() };
}

} // namespace

bool SazImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    if (input.path.isEmpty())
        return fail(QStringLiteral("a Fiddler archive can only be read from a file"));
    const qint64 total = input.stream.fileSize();

    // Pass 1: the member list (data skipped), so each session can be handed over as soon as it is complete.
    std::map<int, Session> sessions;
    int webSocketParts = 0;
    {
        ZipArchive zip;
        if (!zip.open(input.path))
            return fail(QStringLiteral("not a readable zip archive: %1").arg(zip.error()));
        ZipArchive::Entry e;
        while (zip.next(e)) {
            if (e.encrypted)
                return fail(kPasswordMessage);
            const auto [number, kind] = partOf(e.name);
            if (number < 0 || e.isDirectory)
                continue;
            if (kind == 'c' || kind == 's' || kind == 'm')
                ++sessions[number].partsExpected;
            else if (kind == 'w')
                ++webSocketParts;
        }
        if (!zip.error().isEmpty())
            return fail(QStringLiteral("the zip archive is damaged: %1").arg(zip.error()));
    }
    if (sessions.empty())
        return fail(QStringLiteral("not a Fiddler archive: the zip has no raw/N_c.txt sessions"));

    // Pass 2: read the parts, convert each session when its last part arrives.
    ZipArchive zip;
    if (!zip.open(input.path))
        return fail(QStringLiteral("not a readable zip archive: %1").arg(zip.error()));
    ProgressThrottle throttle(progress, total);
    SessionConverter converter(sink);
    ZipArchive::Entry e;
    int converted = 0;
    while (zip.next(e)) {
        const auto [number, kind] = partOf(e.name);
        if (number < 0 || (kind != 'c' && kind != 's' && kind != 'm'))
            continue;
        Session& s = sessions[number];
        QByteArray& target = kind == 'c' ? s.request : (kind == 's' ? s.response : s.metadata);
        bool cut = false;
        if (!zip.readData(target, kMaxPartBytes, &cut)) {
            if (zip.error().contains(QStringLiteral("assphrase")) || zip.error().contains(QStringLiteral("ncrypt")))
                return fail(kPasswordMessage);
            return fail(QStringLiteral("the zip archive is damaged at %1: %2").arg(e.name, zip.error()));
        }
        if (kind == 'c')
            s.requestCut = cut;
        else if (kind == 's')
            s.responseCut = cut;
        if (++s.partsRead == s.partsExpected) {
            converter.convert(number, s);
            sessions.erase(number);
            ++converted;
        }
        if (!throttle.update(zip.position()))
            return cancel();
    }
    if (!zip.error().isEmpty())
        return fail(QStringLiteral("the zip archive is damaged: %1").arg(zip.error()));

    Data::CaptureInfo info;
    info.producer = QStringLiteral("Fiddler");
    info.notes = QStringLiteral("%1 sessions").arg(converted);
    sink.setInfo(info);
    if (webSocketParts > 0)
        sink.addWarning(QStringLiteral("%1 WebSocket message files (raw/N_w.txt) were not read: Leakscope does not "
                                       "know their layout")
                            .arg(webSocketParts));
    if (!throttle.finish())
        return cancel();
    return true;
}
