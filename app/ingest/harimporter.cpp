// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "harimporter.h"

#include "bytesource.h"
#include "common/base64.h"
#include "common/httputil.h"
#include "common/numbers.h"
#include "common/timeutil.h"
#include "jsonstream.h"

#include <cmath>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <vector>

namespace {

using Value = rapidjson::Value;

QString str(const Value& v)
{
    return v.IsString() ? QString::fromUtf8(v.GetString(), static_cast<qsizetype>(v.GetStringLength())) : QString();
}

QByteArray bytes(const Value& v)
{
    return v.IsString() ? QByteArray(v.GetString(), static_cast<qsizetype>(v.GetStringLength())) : QByteArray();
}

const Value* member(const Value& object, const char* name)
{
    if (!object.IsObject())
        return nullptr;
    const auto it = object.FindMember(name);
    return it == object.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

QString strMember(const Value& object, const char* name)
{
    const Value* v = member(object, name);
    return v ? str(*v) : QString();
}

/// Numbers in HAR are sometimes written as strings ("1234") by hand-made exporters.
std::optional<double> numMember(const Value& object, const char* name)
{
    const Value* v = member(object, name);
    if (!v)
        return std::nullopt;
    if (v->IsNumber())
        return v->GetDouble();
    if (v->IsString()) {
        bool ok = false;
        const double d = str(*v).toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

/// Headers as [{name, value}] (the spec) or [[name, value]] (Slack's exporter).
Data::Headers readHeaders(const Value* array)
{
    Data::Headers out;
    if (!array || !array->IsArray())
        return out;
    out.reserve(array->Size());
    for (const auto& h : array->GetArray()) {
        if (h.IsObject()) {
            const Value* n = member(h, "name");
            const Value* v = member(h, "value");
            if (n)
                out.push_back({ bytes(*n),
                    v ? (v->IsString() ? bytes(*v) : QByteArray::number(v->IsNumber() ? v->GetDouble() : 0))
                      : QByteArray() });
        } else if (h.IsArray() && h.Size() >= 2 && h[0].IsString()) {
            out.push_back({ bytes(h[0]), bytes(h[1]) });
        }
    }
    return out;
}

bool decodeBase64(const Value& text, QByteArray* out)
{
    return text.IsString()
        && Base64::decode(QByteArrayView(text.GetString(), static_cast<qsizetype>(text.GetStringLength())), out);
}

class EntryConverter
{
public:
    explicit EntryConverter(CaptureSink& sink)
        : m_sink(sink)
    { }

    void convert(const Value& e, qint64 index)
    {
        m_index = index;
        Data::Flow f;
        f.sourceRef = QStringLiteral("har:entries[%1]").arg(index);
        f.transport = QStringLiteral("tcp");

        const Value* request = member(e, "request");
        const Value* response = member(e, "response");
        if (!request || !request->IsObject()) {
            warn(QStringLiteral("has no request object; kept with what it has"));
        }
        const QString started = strMember(e, "startedDateTime");
        if (const auto ts = TimeUtil::parseIso8601(started)) {
            f.tsStart = *ts;
            const auto time = numMember(e, "time");
            f.tsEnd = f.tsStart + (time ? TimeUtil::durationUs(*time * 1000.0).value_or(0) : 0);
        } else {
            warn(started.isEmpty() ? QStringLiteral("has no startedDateTime")
                                   : QStringLiteral("has an unreadable startedDateTime \"%1\"").arg(started.left(40)));
        }
        f.serverIp = strMember(e, "serverIPAddress");
        if (f.serverIp.startsWith(u'[') && f.serverIp.endsWith(u']'))
            f.serverIp = f.serverIp.mid(1, f.serverIp.size() - 2);
        f.comment = strMember(e, "comment");
        if (const QString err = strMember(e, "_error"); !err.isEmpty())
            f.error = err;

        if (request && request->IsObject())
            readRequest(*request, f);
        if (response && response->IsObject())
            readResponse(*response, f);
        if (const auto port = numMember(e, "_serverPort"); port && *port >= 0 && *port <= 65535)
            f.serverPort = static_cast<int>(*port);

        if (strMember(e, "_resourceType") == u"websocket" || member(e, "_webSocketMessages"))
            readWebSocket(e, f);
        if (f.status == 0)
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
        m_sink.addWarning(QStringLiteral("entry %1 %2").arg(m_index).arg(what));
    }

    void readRequest(const Value& r, Data::Flow& f)
    {
        f.method = strMember(r, "method").toUpper();
        f.url = strMember(r, "url");
        if (f.url.isEmpty())
            warn(QStringLiteral("has no request URL"));
        const HttpUtil::UrlParts parts = HttpUtil::splitUrl(f.url);
        f.scheme = parts.scheme;
        f.host = parts.host;
        f.serverPort = parts.port;
        f.httpVersion = HttpUtil::normaliseHttpVersion(strMember(r, "httpVersion"));
        f.requestHeaders = readHeaders(member(r, "headers"));
        if (f.host.isEmpty()) {
            QByteArray host = HttpUtil::headerValue(f.requestHeaders, ":authority");
            if (host.isNull())
                host = HttpUtil::headerValue(f.requestHeaders, "host");
            f.host = QString::fromUtf8(host).section(u':', 0, 0).toLower();
        }
        f.requestContentType = QString::fromUtf8(HttpUtil::headerValue(f.requestHeaders, "content-type"));

        Data::Body& body = f.requestBody;
        if (const auto size = numMember(r, "bodySize"); size && *size >= 0)
            body.wireSize = Numbers::toInteger<qint64>(*size).value_or(body.wireSize);

        const Value* postData = member(r, "postData");
        if (postData && postData->IsObject() && f.requestContentType.isEmpty())
            f.requestContentType = strMember(*postData, "mimeType");

        // Preference order of research §1.3: HTTP Toolkit's byte-exact _content, then base64 postData
        // (PCAPdroid, HAR 1.3), then postData.text (lossy unless textual), then params rebuilt as a form.
        const Value* content = member(r, "_content");
        if (content && content->IsObject() && member(*content, "text")) {
            const Value& text = *member(*content, "text");
            if (strMember(*content, "encoding") == u"base64") {
                if (!decodeBase64(text, &body.data)) {
                    warn(QStringLiteral("has a request body marked base64 that is not valid base64; kept as text"));
                    body.data = bytes(text);
                    f.flags |= Data::BodyLossyText;
                }
            } else {
                body.data = bytes(text);
            }
            body.present = true;
        } else if (postData && postData->IsObject()) {
            const Value* text = member(*postData, "text");
            if (text && text->IsString()) {
                if (strMember(*postData, "encoding") == u"base64") {
                    if (!decodeBase64(*text, &body.data)) {
                        warn(QStringLiteral("has a request body marked base64 that is not valid base64; kept as text"));
                        body.data = bytes(*text);
                        f.flags |= Data::BodyLossyText;
                    }
                } else {
                    body.data = bytes(*text);
                    const QString mime = strMember(*postData, "mimeType");
                    if (!HttpUtil::isTextualMimeType(mime.isEmpty() ? f.requestContentType : mime)
                        && !body.data.isEmpty()) {
                        f.flags |= Data::BodyLossyText;
                        ++m_lossy;
                    }
                }
                body.present = true;
            } else if (const Value* params = member(*postData, "params"); params && params->IsArray()) {
                std::vector<std::pair<QByteArray, QByteArray>> pairs;
                for (const auto& p : params->GetArray()) {
                    if (const Value* name = member(p, "name")) {
                        const Value* value = member(p, "value");
                        pairs.emplace_back(bytes(*name), value ? bytes(*value) : QByteArray());
                    }
                }
                body.data = HttpUtil::formEncode(pairs);
                body.present = true;
                f.flags |= Data::BodyLossyText; // rebuilt from parsed parameters, not the original bytes
            }
        }
        const QString status = strMember(r, "_requestBodyStatus");
        if (status.startsWith(u"discarded")) {
            if (!body.present || body.data.isEmpty()) {
                body.present = false;
                f.flags |= Data::BodyMissing;
            }
        }
        if (!body.present && body.wireSize > 0)
            f.flags |= Data::BodyMissing;
        body.decodedSize = body.present ? body.data.size() : body.wireSize;
    }

    void readResponse(const Value& r, Data::Flow& f)
    {
        if (const auto status = numMember(r, "status"))
            f.status = Numbers::toInteger<int>(*status).value_or(0);
        f.reason = strMember(r, "statusText");
        f.responseHeaders = readHeaders(member(r, "headers"));
        if (f.httpVersion.isEmpty())
            f.httpVersion = HttpUtil::normaliseHttpVersion(strMember(r, "httpVersion"));
        if (const QString err = strMember(r, "_error"); !err.isEmpty() && f.error.isEmpty())
            f.error = err;
        f.responseContentType = QString::fromUtf8(HttpUtil::headerValue(f.responseHeaders, "content-type"));

        Data::Body& body = f.responseBody;
        const auto bodySize = numMember(r, "bodySize");
        const auto transfer = numMember(r, "_transferSize");
        const auto headersSize = numMember(r, "headersSize");
        if (bodySize && *bodySize >= 0)
            body.wireSize = Numbers::toInteger<qint64>(*bodySize).value_or(body.wireSize);
        else if (transfer && headersSize && *transfer >= 0 && *headersSize >= 0 && *transfer >= *headersSize)
            body.wireSize = Numbers::toInteger<qint64>(*transfer - *headersSize).value_or(body.wireSize);

        const Value* content = member(r, "content");
        if (!content || !content->IsObject())
            return;
        if (f.responseContentType.isEmpty())
            f.responseContentType = strMember(*content, "mimeType");
        const auto size = numMember(*content, "size");
        if (size && *size >= 0)
            body.decodedSize = Numbers::toInteger<qint64>(*size).value_or(body.decodedSize);
        const Value* text = member(*content, "text");
        if (text && text->IsString()) {
            if (strMember(*content, "encoding") == u"base64") {
                if (!decodeBase64(*text, &body.data)) {
                    warn(QStringLiteral("has a response body marked base64 that is not valid base64; kept as text"));
                    body.data = bytes(*text);
                    f.flags |= Data::BodyLossyText;
                }
            } else {
                body.data = bytes(*text);
                if (!body.data.isEmpty() && !HttpUtil::isTextualMimeType(strMember(*content, "mimeType"))
                    && !HttpUtil::isTextualMimeType(f.responseContentType) && !looksLikeText(body.data)) {
                    f.flags |= Data::BodyLossyText;
                    ++m_lossy;
                }
            }
            body.present = true;
            if (body.decodedSize >= 0 && body.data.size() < body.decodedSize && !(f.flags & Data::BodyLossyText))
                f.flags |= Data::BodyTruncated;
            if (body.decodedSize < 0)
                body.decodedSize = body.data.size();
        } else if (body.decodedSize > 0) {
            f.flags |= Data::BodyMissing; // Firefox drops image bodies, Chrome drops cached ones
        }
    }

    static bool looksLikeText(const QByteArray& data)
    {
        // Text bodies under a generic type (application/octet-stream, none) are common; only binary ones lose
        // bytes when exported as text, and those show replacement characters or control bytes.
        const qsizetype n = std::min<qsizetype>(data.size(), 4096);
        for (qsizetype i = 0; i < n; ++i) {
            const unsigned char c = static_cast<unsigned char>(data[i]);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                || (c == 0xEF && i + 2 < n && data[i + 1] == '\xBF' && data[i + 2] == '\xBD'))
                return false;
        }
        return true;
    }

    void readWebSocket(const Value& e, Data::Flow& f)
    {
        f.l7 = QStringLiteral("ws");
        const Value* messages = member(e, "_webSocketMessages");
        if (!messages || !messages->IsArray())
            return;
        for (const auto& m : messages->GetArray()) {
            if (!m.IsObject())
                continue;
            Data::WebSocketMessage msg;
            const QString type = strMember(m, "type");
            msg.fromClient = type == u"send" || type == u"outgoing";
            if (const auto t = numMember(m, "time"))
                msg.ts = TimeUtil::fromEpochSeconds(*t);
            if (const auto op = numMember(m, "opcode"))
                msg.opcode = Numbers::toInteger<int>(*op).value_or(msg.opcode);
            const Value* data = member(m, "data");
            if (data && data->IsString()) {
                // Binary frames are base64 in Chrome's and mitmproxy's exports.
                if (msg.opcode == 2 && decodeBase64(*data, &msg.data)) {
                } else {
                    msg.data = bytes(*data);
                }
            }
            f.webSocketMessages.push_back(std::move(msg));
        }
    }

    CaptureSink& m_sink;
    qint64 m_index = 0;
    int m_lossy = 0;
};

/// SAX handler that walks the top of the document (log.creator, log.entries) itself and lets a RapidJSON
/// document collect one entry at a time.
class HarHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, HarHandler>
{
public:
    HarHandler(CaptureSink& sink, ProgressThrottle& progress, ByteSource& source)
        : m_sink(sink)
        , m_progress(progress)
        , m_source(source)
        , m_converter(sink)
    { }

    // In an entry, every event goes to the entry document; elsewhere we track where we are.
    bool Null()
    {
        return m_depthInEntry ? m_entry.Null() : scalar();
    }
    bool Bool(bool b)
    {
        return m_depthInEntry ? m_entry.Bool(b) : scalar();
    }
    bool Int(int i)
    {
        return m_depthInEntry ? m_entry.Int(i) : scalar();
    }
    bool Uint(unsigned i)
    {
        return m_depthInEntry ? m_entry.Uint(i) : scalar();
    }
    bool Int64(int64_t i)
    {
        return m_depthInEntry ? m_entry.Int64(i) : scalar();
    }
    bool Uint64(uint64_t i)
    {
        return m_depthInEntry ? m_entry.Uint64(i) : scalar();
    }
    bool Double(double d)
    {
        return m_depthInEntry ? m_entry.Double(d) : scalar();
    }
    bool String(const char* s, rapidjson::SizeType n, bool copy)
    {
        if (m_depthInEntry)
            return m_entry.String(s, n, true);
        if (m_path.size() == 3 && m_path[2] == "creator" && (m_key == "name" || m_key == "version"))
            (m_key == "name" ? m_creatorName : m_creatorVersion) = QString::fromUtf8(s, static_cast<qsizetype>(n));
        if (m_path.size() == 2 && m_key == "version")
            m_harVersion = QString::fromUtf8(s, static_cast<qsizetype>(n));
        return scalar();
    }
    bool Key(const char* s, rapidjson::SizeType n, bool copy)
    {
        if (m_depthInEntry)
            return m_entry.Key(s, n, true);
        m_key.assign(s, n);
        return true;
    }
    bool StartObject()
    {
        if (m_depthInEntry) {
            ++m_depthInEntry;
            return m_entry.StartObject();
        }
        if (inEntries()) {
            m_depthInEntry = 1;
            return m_entry.StartObject();
        }
        if (m_path.empty())
            m_sawRootObject = true;
        m_path.push_back(m_path.empty() ? std::string("$") : m_key);
        if (m_path.size() == 2 && m_path[1] == "log")
            m_sawLog = true;
        return true;
    }
    bool EndObject(rapidjson::SizeType members)
    {
        if (m_depthInEntry) {
            m_entry.EndObject(members);
            if (--m_depthInEntry == 0)
                return finishEntry();
            return true;
        }
        m_path.pop_back();
        return true;
    }
    bool StartArray()
    {
        if (m_depthInEntry) {
            ++m_depthInEntry;
            return m_entry.StartArray();
        }
        if (m_path.size() == 2 && m_path[1] == "log" && m_key == "entries") {
            m_inEntriesArray = true;
            m_sawEntries = true;
        }
        m_path.push_back(m_path.empty() ? std::string("$") : m_key);
        return true;
    }
    bool EndArray(rapidjson::SizeType elements)
    {
        if (m_depthInEntry) {
            --m_depthInEntry;
            return m_entry.EndArray(elements);
        }
        if (inEntries())
            m_inEntriesArray = false;
        m_path.pop_back();
        return true;
    }

    qint64 entryCount() const
    {
        return m_entryIndex;
    }
    bool cancelled() const
    {
        return m_cancelled;
    }
    bool sawRootObject() const
    {
        return m_sawRootObject;
    }
    bool sawLog() const
    {
        return m_sawLog;
    }
    bool sawEntries() const
    {
        return m_sawEntries;
    }
    QString creator() const
    {
        return m_creatorVersion.isEmpty() ? m_creatorName : m_creatorName + QLatin1Char(' ') + m_creatorVersion;
    }
    QString harVersion() const
    {
        return m_harVersion;
    }
    int lossyBodies() const
    {
        return m_converter.lossyBodies();
    }

private:
    bool inEntries() const
    {
        return m_inEntriesArray && m_path.size() == 3;
    }
    bool scalar()
    {
        if (inEntries()) { // an entry that is not an object
            m_sink.addWarning(QStringLiteral("entry %1 is not an object; skipped").arg(m_entryIndex));
            ++m_entryIndex;
        }
        return true;
    }
    bool finishEntry()
    {
        // The entry's events were pushed onto the document's stack; Populate() with a generator that adds
        // nothing moves that finished value into the document root (RapidJSON's public API for SAX → DOM).
        auto nothingMore = [](rapidjson::Document&) { return true; };
        m_entry.Populate(nothingMore);
        m_converter.convert(m_entry, m_entryIndex++);
        m_entry.SetNull();
        m_entry.GetAllocator().Clear();
        if (!m_progress.update(m_source.filePosition())) {
            m_cancelled = true;
            return false;
        }
        return true;
    }

    CaptureSink& m_sink;
    ProgressThrottle& m_progress;
    ByteSource& m_source;
    EntryConverter m_converter;
    rapidjson::Document m_entry;
    std::vector<std::string> m_path;
    std::string m_key;
    int m_depthInEntry = 0;
    bool m_inEntriesArray = false;
    bool m_sawRootObject = false;
    bool m_sawLog = false;
    bool m_sawEntries = false;
    bool m_cancelled = false;
    qint64 m_entryIndex = 0;
    QString m_creatorName;
    QString m_creatorVersion;
    QString m_harVersion;
};

/// Line and column of a byte offset, found by reading the file again: cheaper than counting lines while
/// parsing, since it is only needed when the file is broken.
std::pair<qint64, qint64> lineAndColumn(const QString& path, qint64 offset)
{
    QString error;
    auto source = ByteSource::open(path, &error);
    if (!source)
        return { 0, 0 };
    BufferedInput in(*source);
    qint64 line = 1, column = 1;
    for (qint64 i = 0; i < offset; ++i) {
        const int c = in.get();
        if (c < 0)
            break;
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return { line, column };
}

} // namespace

bool HarImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    BufferedInput buffered(input.stream);
    // A UTF-8 byte order mark is allowed by the spec (and written by Fiddler): skip it.
    if (buffered.fill(3) >= 3 && memcmp(buffered.data(), "\xEF\xBB\xBF", 3) == 0)
        buffered.consume(3);
    JsonInputStream stream(buffered);
    ProgressThrottle throttle(progress, input.stream.fileSize());
    HarHandler handler(sink, throttle, input.stream);
    rapidjson::Reader reader;
    const rapidjson::ParseResult ok =
        reader.Parse<rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNanAndInfFlag>(stream, handler);

    if (handler.cancelled())
        return cancel();
    if (buffered.failed())
        return fail(QStringLiteral("cannot read the file: %1").arg(input.stream.errorString()));
    if (!ok) {
        const auto [line, column] = lineAndColumn(input.path, static_cast<qint64>(ok.Offset()));
        QString where = line > 0 ? QStringLiteral("line %1, column %2").arg(line).arg(column)
                                 : QStringLiteral("byte offset %1").arg(ok.Offset());
        if (handler.sawEntries())
            where += QStringLiteral(" (in or after entry %1)").arg(handler.entryCount());
        const QString what = ok.Code() == rapidjson::kParseErrorDocumentEmpty
            ? QStringLiteral("the file is empty")
            : QString::fromUtf8(rapidjson::GetParseError_En(ok.Code())).remove(u'.').toLower();
        if (ok.Code() == rapidjson::kParseErrorDocumentEmpty)
            return fail(QStringLiteral("not a HAR file: the file is empty"));
        return fail(QStringLiteral("broken JSON at %1: %2").arg(where, what));
    }
    if (!handler.sawRootObject() || !handler.sawLog())
        return fail(QStringLiteral("not a HAR file: the JSON has no \"log\" object"));
    if (!handler.sawEntries())
        return fail(QStringLiteral("not a HAR file: \"log\" has no \"entries\" array"));

    Data::CaptureInfo info;
    info.producer = handler.creator();
    if (!handler.harVersion().isEmpty())
        info.notes = QStringLiteral("HAR %1").arg(handler.harVersion());
    sink.setInfo(info);
    if (stream.repairedSurrogates() > 0)
        sink.addWarning(QStringLiteral("%1 broken Unicode escapes (lone surrogates) were replaced by U+FFFD; the "
                                       "bodies that held them are text renderings of binary data")
                            .arg(stream.repairedSurrogates()));
    if (handler.lossyBodies() > 0)
        sink.addWarning(QStringLiteral("%1 binary bodies were exported as text by the producing tool and may not "
                                       "be byte-exact; they are flagged as lossy")
                            .arg(handler.lossyBodies()));
    if (!throttle.finish())
        return cancel();
    return true;
}
