// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "burpimporter.h"

#include "bytesource.h"
#include "common/contentcoding.h"
#include "common/httputil.h"
#include "common/ipaddress.h"
#include "httpmessage.h"
#include "javadate.h"
#include "xmlfeed.h"

#include <QMap>
#include <QUrl>
#include <QXmlStreamReader>

namespace {

constexpr qsizetype kMaxFieldBytes = qsizetype(1) << 30; // one base64 request or response

struct Item
{
    QMap<QString, QByteArray> fields;
    QMap<QString, QString> attributes; ///< "request.base64", "host.ip", …
    QStringList cut; ///< fields longer than kMaxFieldBytes
};

struct ZoneUse
{
    QMap<QString, QString> ambiguous; ///< abbreviation → the meaning used
    QMap<QString, int> unknown; ///< abbreviation → items
};

class ItemConverter
{
public:
    ItemConverter(CaptureSink& sink, ZoneUse& zones)
        : m_sink(sink)
        , m_zones(zones)
    { }

    void convert(const Item& item, qint64 index)
    {
        m_index = index;
        Data::Flow f;
        f.sourceRef = QStringLiteral("burp:item[%1]").arg(index);
        f.transport = QStringLiteral("tcp");
        const auto field = [&](const char* name) {
            return QString::fromUtf8(item.fields.value(QLatin1String(name))).trimmed();
        };

        const JavaDate::Parsed time = JavaDate::parse(field("time"));
        f.tsStart = time.ts;
        if (time.ts == 0 && !field("time").isEmpty())
            warn(QStringLiteral("has an unreadable time \"%1\"").arg(field("time").left(40)));
        if (!time.zoneText.isEmpty()) {
            if (!time.zone)
                m_zones.unknown[time.zoneText] += 1;
            else if (time.zone->ambiguous)
                m_zones.ambiguous.insert(time.zoneText, time.zone->meaning);
        }

        f.url = field("url");
        f.scheme = field("protocol").toLower();
        const HttpUtil::UrlParts url = HttpUtil::splitUrl(f.url);
        f.host = !url.host.isEmpty() ? url.host : field("host").toLower();
        if (f.scheme.isEmpty())
            f.scheme = url.scheme;
        const QString ip = item.attributes.value(QStringLiteral("host.ip"));
        if (IpAddress::isLiteral(ip))
            f.serverIp = IpAddress::normalise(ip);
        else if (IpAddress::isLiteral(field("host")))
            f.serverIp = IpAddress::normalise(field("host"));
        f.serverPort = field("port").toInt();
        if (f.serverPort == 0)
            f.serverPort = url.port;
        f.method = field("method").toUpper();
        f.comment = field("comment");
        for (const QString& name : item.cut)
            warn(QStringLiteral("has a %1 longer than 1 GiB; only its start was read").arg(name));

        bool lossy = false;
        const QByteArray request = bytesOf(item, QStringLiteral("request"), lossy);
        if (!request.isEmpty()) {
            const HttpMessage::Parsed r = HttpMessage::parse(request, HttpMessage::Kind::Request);
            if (!r.ok) {
                warn(QStringLiteral("has a request that cannot be read: %1").arg(r.error));
            } else {
                if (f.method.isEmpty())
                    f.method = QString::fromLatin1(r.method);
                f.httpVersion = HttpUtil::normaliseHttpVersion(QString::fromLatin1(r.version));
                f.requestHeaders = r.headers;
                f.requestContentType = QString::fromUtf8(HttpUtil::headerValue(r.headers, "content-type"));
                fillBody(f.requestBody, r, f.requestContentType, lossy, f.flags, "request");
                if (f.url.isEmpty())
                    f.url = QString::fromUtf8(r.target);
                if (f.host.isEmpty())
                    f.host = QString::fromUtf8(HttpUtil::headerValue(r.headers, "host")).section(u':', 0, 0).toLower();
                if (r.method == "CONNECT")
                    f.flags |= Data::Tunnel;
            }
        } else {
            warn(QStringLiteral("has no request"));
        }

        lossy = false;
        const QByteArray response = bytesOf(item, QStringLiteral("response"), lossy);
        if (!response.isEmpty()) {
            const HttpMessage::Parsed r = HttpMessage::parse(response, HttpMessage::Kind::Response);
            if (!r.ok) {
                warn(QStringLiteral("has a response that cannot be read: %1").arg(r.error));
            } else {
                f.status = r.status;
                f.reason = QString::fromUtf8(r.reason);
                f.responseHeaders = r.headers;
                f.responseContentType = QString::fromUtf8(HttpUtil::headerValue(r.headers, "content-type"));
                if (f.httpVersion.isEmpty())
                    f.httpVersion = HttpUtil::normaliseHttpVersion(QString::fromLatin1(r.version));
                fillBody(f.responseBody, r, f.responseContentType, lossy, f.flags, "response");
            }
        }
        if (f.status == 0)
            f.status = field("status").toInt();
        if (response.isEmpty())
            f.flags |= Data::Incomplete;
        m_sink.addFlow(std::move(f));
    }

    int lossyBodies() const
    {
        return m_lossy;
    }

private:
    void warn(const QString& what)
    {
        m_sink.addWarning(QStringLiteral("item %1 %2").arg(m_index).arg(what));
    }

    QByteArray bytesOf(const Item& item, const QString& name, bool& lossy)
    {
        const QByteArray raw = item.fields.value(name);
        if (item.attributes.value(name + QStringLiteral(".base64")) == u"true") {
            auto decoded = QByteArray::fromBase64Encoding(
                QByteArray(raw).replace('\n', "").replace('\r', "").trimmed(), QByteArray::AbortOnBase64DecodingErrors);
            if (decoded)
                return std::move(*decoded);
            warn(QStringLiteral("has a %1 marked base64 that is not valid base64; read as text").arg(name));
        }
        // Plain text went through XML: CR LF became LF and binary bytes could not survive.
        lossy = !raw.isEmpty();
        return raw;
    }

    void fillBody(Data::Body& body, const HttpMessage::Parsed& r, const QString& contentType, bool lossyText,
        quint32& flags, const char* what)
    {
        body.data = r.body;
        body.present = true;
        // Plain-text exports lose bytes (CR LF → LF), so a short body there is expected, not a truncation.
        if (r.shortBody && !lossyText) {
            flags |= Data::BodyTruncated;
            warn(QStringLiteral("has a %1 body that is %2")
                     .arg(QLatin1String(what),
                         r.chunked ? QStringLiteral("chunked and cut short")
                                   : QStringLiteral("shorter than its Content-Length")));
        }
        if (lossyText && !body.data.isEmpty() && (r.shortBody || !HttpUtil::isTextualMimeType(contentType))) {
            flags |= Data::BodyLossyText;
            ++m_lossy;
        }
        const QString problem = ContentCoding::describeWireBody(body, r.headers);
        if (!problem.isEmpty() && !lossyText)
            warn(QStringLiteral("has a %1 body that %2").arg(QLatin1String(what), problem));
    }

    CaptureSink& m_sink;
    ZoneUse& m_zones;
    qint64 m_index = 0;
    int m_lossy = 0;
};

} // namespace

bool BurpImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    QXmlStreamReader xml;
    XmlFeed feed(input.stream, xml);
    ProgressThrottle throttle(progress, input.stream.fileSize());
    ZoneUse zones;
    ItemConverter converter(sink, zones);
    Data::CaptureInfo info;

    bool sawItems = false;
    bool inItem = false;
    Item item;
    QString field; // the item child element being read
    qint64 index = 0;
    int depth = 0;
    feed.feed();
    while (true) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (xml.hasError()) {
            if (xml.error() == QXmlStreamReader::PrematureEndOfDocumentError && feed.feed()) {
                if (!throttle.update(input.stream.filePosition()))
                    return cancel();
                continue;
            }
            if (!feed.error().isEmpty())
                return fail(QStringLiteral("cannot read the file: %1").arg(feed.error()));
            if (xml.error() == QXmlStreamReader::PrematureEndOfDocumentError && !sawItems)
                return fail(QStringLiteral("not a Burp Suite export: the file ends before an <items> element"));
            return fail(QStringLiteral("broken XML at line %1, column %2%3: %4")
                            .arg(xml.lineNumber())
                            .arg(xml.columnNumber())
                            .arg(sawItems ? QStringLiteral(" (in or after item %1)").arg(index) : QString())
                            .arg(xml.errorString().remove(u'.').toLower()));
        }
        if (token == QXmlStreamReader::EndDocument)
            break;
        if (token == QXmlStreamReader::DTD) {
            // The internal subset Burp writes is harmless; anything fetched from elsewhere is not (XXE).
            if (!xml.dtdSystemId().isEmpty() || !xml.dtdPublicId().isEmpty())
                return fail(QStringLiteral("the file refers to an external DTD (%1); Leakscope does not load external "
                                           "definitions (XXE protection)")
                                .arg(xml.dtdSystemId().isEmpty() ? xml.dtdPublicId().toString()
                                                                 : xml.dtdSystemId().toString()));
            for (const QXmlStreamEntityDeclaration& e : xml.entityDeclarations()) {
                if (!e.systemId().isEmpty() || !e.publicId().isEmpty())
                    return fail(QStringLiteral("the file declares the external entity \"%1\" (%2); Leakscope refuses "
                                               "external entities (XXE protection)")
                                    .arg(e.name().toString(),
                                        e.systemId().isEmpty() ? e.publicId().toString() : e.systemId().toString()));
            }
            continue;
        }
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            const QStringView name = xml.name();
            if (depth == 1) {
                if (name != u"items")
                    return fail(QStringLiteral("not a Burp Suite export: the document is <%1>, not <items>")
                                    .arg(name.toString()));
                sawItems = true;
                const QString version = xml.attributes().value(QStringLiteral("burpVersion")).toString();
                info.producer =
                    version.isEmpty() ? QStringLiteral("Burp Suite") : QStringLiteral("Burp Suite %1").arg(version);
                const QString exported = xml.attributes().value(QStringLiteral("exportTime")).toString();
                if (!exported.isEmpty())
                    info.notes = QStringLiteral("exported %1").arg(exported);
            } else if (depth == 2 && name == u"item") {
                inItem = true;
                item = Item();
            } else if (depth == 3 && inItem) {
                field = name.toString();
                item.fields.insert(field, QByteArray());
                for (const QXmlStreamAttribute& a : xml.attributes())
                    item.attributes.insert(field + u'.' + a.name().toString(), a.value().toString());
            }
            continue;
        }
        if (token == QXmlStreamReader::Characters && inItem && depth == 3 && !field.isEmpty()) {
            QByteArray& value = item.fields[field];
            if (value.size() < kMaxFieldBytes) {
                value += xml.text().toUtf8();
                if (value.size() >= kMaxFieldBytes) {
                    value.truncate(kMaxFieldBytes);
                    item.cut.append(field);
                }
            }
            continue;
        }
        if (token == QXmlStreamReader::EndElement) {
            if (depth == 3)
                field.clear();
            if (depth == 2 && inItem) {
                inItem = false;
                converter.convert(item, index++);
                item = Item();
                if (!throttle.update(input.stream.filePosition()))
                    return cancel();
            }
            --depth;
        }
    }
    if (!sawItems)
        return fail(QStringLiteral("not a Burp Suite export: no <items> element"));
    sink.setInfo(info);
    for (auto it = zones.ambiguous.cbegin(); it != zones.ambiguous.cend(); ++it)
        sink.addWarning(QStringLiteral("times carry the zone abbreviation \"%1\", which names several zones; they were "
                                       "read as %2")
                            .arg(it.key(), it.value()));
    for (auto it = zones.unknown.cbegin(); it != zones.unknown.cend(); ++it)
        sink.addWarning(
            QStringLiteral("%1 items carry the unknown zone abbreviation \"%2\"; their times were read as UTC")
                .arg(it.value())
                .arg(it.key()));
    if (feed.repairedBytes() > 0)
        sink.addWarning(QStringLiteral("%1 bytes that XML cannot hold (NUL and other control bytes, or bytes that are "
                                       "not UTF-8) were replaced by U+FFFD; export with \"Base64-encode requests and "
                                       "responses\" to keep bodies byte-exact")
                            .arg(feed.repairedBytes()));
    if (converter.lossyBodies() > 0)
        sink.addWarning(QStringLiteral("%1 bodies were exported as plain text rather than base64 and may not be "
                                       "byte-exact; they are flagged as lossy")
                            .arg(converter.lossyBodies()));
    if (!throttle.finish())
        return cancel();
    return true;
}
