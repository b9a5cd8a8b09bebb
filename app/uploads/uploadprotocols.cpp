// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/httputil.h"
#include "common/numbers.h"
#include "decode/magic.h"
#include "decode/multipart.h"
#include "uploadrequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <cmath>

namespace Uploads {

QString protocolId(Protocol p)
{
    switch (p) {
    case Protocol::ContentRange:
        return QStringLiteral("content-range");
    case Protocol::Tus:
        return QStringLiteral("tus");
    case Protocol::GoogleResumable:
        return QStringLiteral("google-resumable");
    case Protocol::Rupload:
        return QStringLiteral("rupload");
    case Protocol::S3Multipart:
        return QStringLiteral("s3-multipart");
    case Protocol::MultipartForm:
        return QStringLiteral("multipart-form");
    case Protocol::Plain:
        break;
    }
    return QStringLiteral("plain");
}

std::optional<Protocol> protocolFromId(const QString& id)
{
    for (Protocol p : { Protocol::ContentRange, Protocol::Tus, Protocol::GoogleResumable, Protocol::Rupload,
             Protocol::S3Multipart, Protocol::MultipartForm, Protocol::Plain }) {
        if (protocolId(p) == id)
            return p;
    }
    return std::nullopt;
}

QString protocolName(Protocol p)
{
    switch (p) {
    case Protocol::ContentRange:
        return QStringLiteral("Content-Range chunks");
    case Protocol::Tus:
        return QStringLiteral("tus resumable upload");
    case Protocol::GoogleResumable:
        return QStringLiteral("Google resumable upload");
    case Protocol::Rupload:
        return QStringLiteral("rupload (offset headers)");
    case Protocol::S3Multipart:
        return QStringLiteral("S3 multipart upload");
    case Protocol::MultipartForm:
        return QStringLiteral("multipart/form-data file");
    case Protocol::Plain:
        break;
    }
    return QStringLiteral("single request body");
}

namespace {

QByteArray header(const Request& r, const char* name)
{
    return HttpUtil::headerValue(r.requestHeaders, QByteArrayView(name)).trimmed();
}
QByteArray responseHeader(const Request& r, const char* name)
{
    return HttpUtil::headerValue(r.responseHeaders, QByteArrayView(name)).trimmed();
}

qint64 number(const QByteArray& text)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    return ok && v >= 0 && v <= Numbers::kMaxPlausibleBytes ? v : -1; // beyond: sums of offsets could overflow
}

bool isWrite(const QString& method)
{
    return method == u"POST" || method == u"PUT" || method == u"PATCH";
}

/// The query parameters clients change from chunk to chunk; dropped from session keys.
bool isPerChunkParameter(const QString& name)
{
    static const QStringList names = { QStringLiteral("part"), QStringLiteral("chunk"), QStringLiteral("chunk_index"),
        QStringLiteral("chunkindex"), QStringLiteral("chunk_number"), QStringLiteral("offset"), QStringLiteral("seq"),
        QStringLiteral("sequence"), QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("range"),
        QStringLiteral("retry"), QStringLiteral("attempt"), QStringLiteral("upload_offset"), QStringLiteral("_") };
    return names.contains(name.toLower());
}

struct ContentRange
{
    qint64 first = -1;
    qint64 last = -1;
    qint64 total = -1;
    bool query = false; ///< "bytes */total": how much did you get?
};

std::optional<ContentRange> parseContentRange(const QByteArray& value)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*bytes[ =]\s*(?:(\d+)\s*-\s*(\d+)|(\*))\s*/\s*(\d+|\*)\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(QString::fromLatin1(value));
    if (!m.hasMatch())
        return std::nullopt;
    ContentRange r;
    if (!m.captured(3).isEmpty()) {
        r.query = true;
    } else {
        r.first = number(m.captured(1).toLatin1());
        r.last = number(m.captured(2).toLatin1());
        if (r.first < 0 || r.last < r.first)
            return std::nullopt;
    }
    if (m.captured(4) != u"*" && (r.total = number(m.captured(4).toLatin1())) < 0)
        return std::nullopt;
    return r;
}

QString queryValue(const QUrl& url, const QString& name)
{
    const QUrlQuery q(url);
    for (const auto& [k, v] : q.queryItems(QUrl::FullyDecoded)) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool hasQueryKey(const QUrl& url, const QString& name)
{
    const QUrlQuery q(url);
    for (const auto& item : q.queryItems(QUrl::FullyDecoded)) {
        if (item.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isMediaHead(QByteArrayView head)
{
    return Decode::Magic::sniff(head).media != Decode::Magic::MediaClass::None;
}

/// The file part of a multipart body that carries the upload, as a payload slice; nullopt when none.
struct FilePart
{
    PayloadSource source;
    QString contentType;
    QString name;
    qint64 size = 0;
};

std::vector<FilePart> fileParts(const Request& r, const QByteArray& body, qint64 threshold, bool onlyLargest)
{
    std::vector<FilePart> out;
    const QByteArray boundary = Decode::Multipart::boundary(r.contentType.toLatin1());
    if (boundary.isEmpty() || body.isEmpty())
        return out;
    const auto parts = Decode::Multipart::split(body, boundary, 1000);
    if (!parts)
        return out;
    for (size_t i = 0; i < parts->size(); ++i) {
        const Decode::Multipart::Part& p = (*parts)[i];
        const QString type = HttpUtil::essence(QString::fromLatin1(p.contentType));
        const bool media = type.startsWith(u"image/") || type.startsWith(u"video/") || type.startsWith(u"audio/")
            || type == u"application/octet-stream"
            || isMediaHead(QByteArrayView(p.data).first(std::min<qsizetype>(p.data.size(), 64)));
        if (!(media || !p.fileName.isEmpty() || p.data.size() >= threshold))
            continue;
        FilePart f;
        f.contentType = type;
        f.name = QString::fromUtf8(p.fileName.isEmpty() ? p.name : p.name + "; " + p.fileName).left(200);
        f.size = p.data.size();
        f.source.bodyId = r.bodyId;
        if (!p.transferEncoding.isEmpty() && p.transferEncoding != "binary" && p.transferEncoding != "8bit"
            && p.transferEncoding != "7bit") {
            f.source.decode = true;
            f.source.contentType = r.contentType.toLatin1();
            f.source.part = static_cast<int>(i);
        } else {
            f.source.offset = p.offset;
            f.source.length = p.data.size();
        }
        out.push_back(std::move(f));
    }
    if (onlyLargest && out.size() > 1) {
        auto largest = std::max_element(
            out.begin(), out.end(), [](const FilePart& a, const FilePart& b) { return a.size < b.size; });
        FilePart keep = *largest;
        out.clear();
        out.push_back(std::move(keep));
    }
    return out;
}

bool isMultipart(const Request& r)
{
    return HttpUtil::essence(r.contentType).startsWith(u"multipart/");
}

/// The payload of a protocol request: the whole body, or its file part when the body is multipart.
PayloadSource payloadOf(const Request& r, const std::function<QByteArray(qint64)>& body,
    const RecognitionOptions& options, qint64* size, QString* mediaType)
{
    PayloadSource s;
    s.bodyId = r.bodyId;
    *size = r.bodySize;
    if (!r.contentEncoding.isEmpty()) {
        s.decode = true;
        s.contentEncoding = r.contentEncoding;
        return s;
    }
    if (isMultipart(r) && r.bodyId && r.bodySize <= options.maxMultipartSplit) {
        const auto parts = fileParts(r, body(options.maxMultipartSplit), 0, true);
        if (!parts.empty()) {
            *size = parts.front().size;
            if (!parts.front().contentType.isEmpty())
                *mediaType = parts.front().contentType;
            return parts.front().source;
        }
    }
    return s;
}

QString ruploadParamsId(const QByteArray& params)
{
    const QJsonObject o = QJsonDocument::fromJson(params).object();
    const QJsonValue v = o.value(QStringLiteral("upload_id"));
    if (v.isString())
        return v.toString();
    // A number beyond qint64 (from a stranger's JSON) cannot be converted to one: keep its digits instead.
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d))
        return {};
    const std::optional<qint64> integer = Numbers::toInteger<qint64>(d);
    return integer ? QString::number(*integer) : QString::number(d, 'f', 0);
}

} // namespace

QString normaliseUploadUrl(const QString& text)
{
    QUrl url(text);
    if (!url.isValid())
        return text;
    url.setFragment(QString());
    url.setUserInfo(QString());
    url.setHost(url.host().toLower());
    if ((url.scheme() == u"https" && url.port() == 443) || (url.scheme() == u"http" && url.port() == 80))
        url.setPort(-1);
    if (url.hasQuery()) {
        QUrlQuery q(url);
        QUrlQuery kept;
        for (const auto& [k, v] : q.queryItems(QUrl::FullyEncoded)) {
            if (!isPerChunkParameter(QUrl::fromPercentEncoding(k.toLatin1())))
                kept.addQueryItem(k, v);
        }
        url.setQuery(kept.isEmpty() ? QString() : kept.query(QUrl::FullyEncoded), QUrl::StrictMode);
        if (kept.isEmpty())
            url.setQuery(QString());
    }
    return url.toString(QUrl::FullyEncoded);
}

QString resolveUploadUrl(const QString& base, const QString& location)
{
    return normaliseUploadUrl(QUrl(base).resolved(QUrl(location.trimmed())).toString());
}

std::vector<Step> recognise(
    const Request& r, const std::function<QByteArray(qint64)>& body, const RecognitionOptions& options)
{
    std::vector<Step> out;
    if (r.flags & (Data::Encrypted | Data::Tunnel | Data::Replayed))
        return out;
    const QUrl url(r.url);
    const QString key = normaliseUploadUrl(r.url);
    const bool write = isWrite(r.method);
    auto dataStep = [&](Protocol protocol, const QString& sessionKey) {
        Step s;
        s.protocol = protocol;
        s.role = Step::Role::Data;
        s.key = sessionKey;
        qint64 size = -1;
        QString mediaType = HttpUtil::essence(r.contentType);
        s.payload = payloadOf(r, body, options, &size, &mediaType);
        s.length = size;
        s.mediaTypeHint = mediaType;
        return s;
    };

    // tus 1.0 (https://tus.io/protocols/resumable-upload): every request carries Tus-Resumable.
    if (!header(r, "Tus-Resumable").isNull()) {
        const qint64 length = number(header(r, "Upload-Length"));
        if (r.method == u"POST") {
            Step create;
            create.protocol = Protocol::Tus;
            create.role = Step::Role::Create;
            create.total = length;
            const QByteArray location = responseHeader(r, "Location");
            create.key = location.isEmpty() ? QStringLiteral("tus-create:%1").arg(r.flowId)
                                            : resolveUploadUrl(r.url, QString::fromUtf8(location));
            create.link = location.isEmpty() ? QString() : create.key;
            create.uploadId = create.link.section(u'/', -1);
            create.mediaTypeHint = QString::fromUtf8(header(r, "Upload-Metadata")).left(200);
            out.push_back(create);
            // Creation with upload: the first bytes travel in the creation request.
            if (r.bodySize > 0 && !location.isEmpty()) {
                Step data = dataStep(Protocol::Tus, create.key);
                data.offset = 0;
                data.total = length;
                data.finalizes = length >= 0 && number(responseHeader(r, "Upload-Offset")) == length;
                out.push_back(data);
            }
            return out;
        }
        if (r.method == u"PATCH") {
            Step data = dataStep(Protocol::Tus, key);
            data.offset = number(header(r, "Upload-Offset"));
            data.total = length;
            const qint64 confirmed = number(responseHeader(r, "Upload-Offset"));
            data.finalizes = confirmed >= 0 && length >= 0 && confirmed == length;
            if (r.status >= 200 && r.status < 300)
                data.confirmedOffset = confirmed;
            out.push_back(data);
            return out;
        }
        Step other;
        other.protocol = Protocol::Tus;
        other.key = key;
        other.total = number(responseHeader(r, "Upload-Length"));
        other.role = r.method == u"DELETE" ? Step::Role::Cancel : Step::Role::Query;
        out.push_back(other);
        return out;
    }

    // Google resumable uploads: X-Goog-Upload-Command start / upload / query / finalize / cancel.
    const QByteArray googCommand = header(r, "X-Goog-Upload-Command").toLower();
    if (!googCommand.isNull() || header(r, "X-Goog-Upload-Protocol").toLower() == "resumable") {
        const QList<QByteArray> commands = googCommand.split(',');
        auto has = [&](const char* c) {
            for (const QByteArray& x : commands) {
                if (x.trimmed() == c)
                    return true;
            }
            return false;
        };
        qint64 total = number(header(r, "X-Goog-Upload-Header-Content-Length"));
        if (total < 0)
            total = number(header(r, "X-Goog-Upload-Raw-Size"));
        const QString uploadId = queryValue(url, QStringLiteral("upload_id"));
        if (has("start") || googCommand.isNull()) {
            Step create;
            create.protocol = Protocol::GoogleResumable;
            create.role = Step::Role::Create;
            create.total = total;
            const QByteArray location = responseHeader(r, "X-Goog-Upload-URL");
            create.key = location.isEmpty() ? QStringLiteral("google-start:%1").arg(r.flowId)
                                            : resolveUploadUrl(r.url, QString::fromUtf8(location));
            create.link = location.isEmpty() ? QString() : create.key;
            create.uploadId = queryValue(QUrl(create.link), QStringLiteral("upload_id"));
            create.mediaTypeHint = QString::fromLatin1(header(r, "X-Goog-Upload-Header-Content-Type"));
            out.push_back(create);
            if (has("upload") && r.bodySize > 0) {
                Step data = dataStep(Protocol::GoogleResumable, create.key);
                data.offset = std::max<qint64>(0, number(header(r, "X-Goog-Upload-Offset")));
                data.total = total;
                data.finalizes = has("finalize");
                out.push_back(data);
            }
            return out;
        }
        if (has("upload")) {
            Step data = dataStep(Protocol::GoogleResumable, key);
            data.offset = number(header(r, "X-Goog-Upload-Offset"));
            data.total = total;
            data.uploadId = uploadId;
            data.finalizes = has("finalize");
            out.push_back(data);
            return out;
        }
        Step other;
        other.protocol = Protocol::GoogleResumable;
        other.key = key;
        other.uploadId = uploadId;
        other.role = has("cancel") ? Step::Role::Cancel : has("finalize") ? Step::Role::Finalize : Step::Role::Query;
        out.push_back(other);
        return out;
    }

    // Instagram-style rupload: /rupload_igphoto/<name>, /rupload_igvideo/<name>, offset headers.
    const QByteArray ruploadParams = header(r, "X-Instagram-Rupload-Params");
    const QByteArray entityName = header(r, "X-Entity-Name");
    if (url.path().contains(u"/rupload_") || !ruploadParams.isNull()
        || (!entityName.isNull() && !header(r, "Offset").isNull())) {
        const QString ruploadKey = QStringLiteral("rupload:%1%2").arg(url.host().toLower(), url.path());
        const QString uploadId = ruploadParamsId(ruploadParams);
        if (write) {
            Step data = dataStep(Protocol::Rupload, ruploadKey);
            qint64 offset = number(header(r, "Offset"));
            const qint64 segmentStart = number(header(r, "Segment-Start-Offset"));
            if (offset < 0)
                offset = 0;
            data.offset = offset + std::max<qint64>(0, segmentStart);
            data.total = number(header(r, "X-Entity-Length"));
            data.uploadId = uploadId.isEmpty() ? QString::fromUtf8(entityName) : uploadId;
            const QByteArray entityType = header(r, "X-Entity-Type");
            if (!entityType.isEmpty())
                data.mediaTypeHint = QString::fromLatin1(entityType);
            data.finalizes = data.total >= 0 && data.length >= 0 && offset + data.length >= data.total
                && r.status >= 200 && r.status < 300;
            out.push_back(data);
        } else {
            Step query;
            query.protocol = Protocol::Rupload;
            query.key = ruploadKey;
            query.uploadId = uploadId;
            query.role = r.method == u"DELETE" ? Step::Role::Cancel : Step::Role::Query;
            out.push_back(query);
        }
        return out;
    }

    // S3 multipart: POST ?uploads, PUT ?partNumber=&uploadId=, POST ?uploadId= (complete), DELETE (abort).
    const QString s3UploadId = queryValue(url, QStringLiteral("uploadId"));
    if (!s3UploadId.isEmpty()) {
        const QString s3Key = QStringLiteral("s3:%1%2?uploadId=%3").arg(url.host().toLower(), url.path(), s3UploadId);
        const qint64 part = number(queryValue(url, QStringLiteral("partNumber")).toLatin1());
        Step s;
        s.protocol = Protocol::S3Multipart;
        s.key = s3Key;
        s.uploadId = s3UploadId;
        if (r.method == u"PUT" && part > 0) {
            s = dataStep(Protocol::S3Multipart, s3Key);
            s.uploadId = s3UploadId;
            s.partNumber = static_cast<int>(std::min<qint64>(part, 100000));
        } else if (r.method == u"POST") {
            s.role = Step::Role::Finalize;
            s.finalizes = true;
        } else if (r.method == u"DELETE") {
            s.role = Step::Role::Cancel;
        } else {
            s.role = Step::Role::Query;
        }
        out.push_back(s);
        return out;
    }
    if (r.method == u"POST" && hasQueryKey(url, QStringLiteral("uploads"))) {
        // Initiate: the response XML names the upload.
        static const QRegularExpression re(QStringLiteral("<UploadId>\\s*([^<\\s]+)\\s*</UploadId>"));
        const auto m = re.match(QString::fromUtf8(r.responseText));
        Step create;
        create.protocol = Protocol::S3Multipart;
        create.role = Step::Role::Create;
        create.uploadId = m.hasMatch() ? m.captured(1) : QString();
        create.key = create.uploadId.isEmpty()
            ? QStringLiteral("s3-initiate:%1").arg(r.flowId)
            : QStringLiteral("s3:%1%2?uploadId=%3").arg(url.host().toLower(), url.path(), create.uploadId);
        create.mediaTypeHint = HttpUtil::essence(r.contentType);
        out.push_back(create);
        return out;
    }

    // Content-Range chunks (and the resumable sessions that hand out their URL in a Location header).
    const QByteArray contentRange = header(r, "Content-Range");
    if (!contentRange.isNull() && (write || r.method == u"DELETE")) {
        const auto range = parseContentRange(contentRange);
        if (range && !range->query && write) {
            Step data = dataStep(Protocol::ContentRange, key);
            data.offset = range->first;
            data.total = range->total;
            const qint64 declared = range->last - range->first + 1;
            if (data.length < 0 || data.length > declared || data.payload.decode)
                data.length = declared;
            data.uploadId = queryValue(url, QStringLiteral("upload_id"));
            if (data.uploadId.isEmpty())
                data.uploadId = queryValue(url, QStringLiteral("uploadId"));
            data.finalizes = range->total >= 0 && range->last + 1 == range->total && r.status >= 200 && r.status < 300;
            out.push_back(data);
            return out;
        }
        if (range) {
            Step query;
            query.protocol = Protocol::ContentRange;
            query.key = key;
            query.total = range->total;
            query.role = r.method == u"DELETE" ? Step::Role::Cancel : Step::Role::Query;
            out.push_back(query);
            return out;
        }
    }
    if (write
        && (queryValue(url, QStringLiteral("uploadType")) == u"resumable"
            || !header(r, "X-Upload-Content-Length").isNull())
        && !responseHeader(r, "Location").isEmpty()) {
        Step create;
        create.protocol = Protocol::ContentRange;
        create.role = Step::Role::Create;
        create.key = resolveUploadUrl(r.url, QString::fromUtf8(responseHeader(r, "Location")));
        create.link = create.key;
        create.total = number(header(r, "X-Upload-Content-Length"));
        create.uploadId = queryValue(QUrl(create.link), QStringLiteral("upload_id"));
        create.mediaTypeHint = QString::fromLatin1(header(r, "X-Upload-Content-Type"));
        out.push_back(create);
        return out;
    }

    if (!write || (r.bodySize <= 0 && r.bodyHead.isEmpty()))
        return out;

    // One multipart/form-data request: each file part is an upload of its own.
    if (isMultipart(r)) {
        if (r.bodyId && r.bodySize <= options.maxMultipartSplit && r.contentEncoding.isEmpty()) {
            const QByteArray whole = body(options.maxMultipartSplit);
            const auto parts = fileParts(r, whole, options.largeBodyThreshold, false);
            for (size_t i = 0; i < parts.size(); ++i) {
                Step s;
                s.protocol = Protocol::MultipartForm;
                s.key = QStringLiteral("form:%1:%2").arg(r.flowId).arg(i);
                s.offset = 0;
                s.length = parts[i].size;
                s.total = parts[i].size;
                s.finalizes = true;
                s.mediaTypeHint = parts[i].contentType;
                s.partName = parts[i].name;
                s.payload = parts[i].source;
                out.push_back(s);
            }
            if (!out.empty())
                return out;
        }
        if (r.bodySize < options.largeBodyThreshold)
            return out;
    }

    // A plain request with a large or media body.
    if (r.bodySize >= options.largeBodyThreshold || isMediaHead(r.bodyHead)) {
        Step s = dataStep(Protocol::Plain, QStringLiteral("plain:%1").arg(r.flowId));
        s.offset = 0;
        s.total = s.length;
        s.finalizes = true;
        out.push_back(s);
    }
    return out;
}

} // namespace Uploads
