// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "hargen.h"

#include "random.h"

#include <QDateTime>
#include <QFile>

#include <vector>

namespace BenchKit {
namespace {

const char* const kHosts[] = { "api.vidzy.example", "graph.facebook.com", "app-measurement.com",
    "firebaselogging-pa.googleapis.com", "cdn.vidzy.example", "t.appsflyer.com", "upload.vidzy.example",
    "ads.example.net", "img.cdn.example.org", "events.tracker.example" };
constexpr int kHostCount = sizeof(kHosts) / sizeof(*kHosts);

QByteArray header(const QByteArray& name, const QByteArray& value)
{
    return "{\"name\":\"" + name + "\",\"value\":\"" + value + "\"}";
}

QByteArray jsonBody(Random& r, int approx)
{
    QByteArray b = "{\"events\":[";
    for (int i = 0; b.size() < approx; ++i) {
        if (i)
            b += ',';
        b += "{\"name\":\"screen_view\",\"ts\":" + QByteArray::number(1767225600000LL + r.below(1000000))
            + ",\"device_id\":\"" + QByteArray::number(r.next(), 16) + "\",\"lat\":52."
            + QByteArray::number(r.below(99999)) + ",\"lon\":13." + QByteArray::number(r.below(99999))
            + ",\"locale\":\"de_DE\"}";
    }
    return b + "]}";
}

/// JSON-escapes `s` for a string literal (the bodies are ASCII; quotes and backslashes need escaping).
QByteArray escaped(const QByteArray& s)
{
    QByteArray out;
    out.reserve(s.size() + 16);
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace

qint64 generateHar(const QString& path, qint64 targetBytes)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return -1;
    Random r(0x4A8B0D1E5ULL);
    // Bodies come from a pool, so generating gigabytes stays quick; the importer cannot tell.
    std::vector<QByteArray> media; // base64
    for (int i = 0; i < 24; ++i)
        media.push_back(noise(r, 10000 << (i % 9)).toBase64()); // 10 KB … 2.5 MB before encoding
    const QByteArray upload = [&r] {
        QByteArray u;
        while (u.size() < (6 << 20))
            u += noise(r, 1 << 19);
        return u.toBase64();
    }();
    std::vector<QByteArray> json;
    for (int i = 0; i < 32; ++i)
        json.push_back(escaped(jsonBody(r, 300 << (i % 7))));

    qint64 written = 0, entries = 0;
    auto write = [&](const QByteArray& b) {
        if (out.write(b) != b.size())
            return false;
        written += b.size();
        return true;
    };
    if (!write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Leakscope bench\",\"version\":\"1\"},"
               "\"pages\":[],\"entries\":[\n"))
        return -1;
    qint64 ms = 1767225600000LL;
    while (written < targetBytes) {
        const int kind = r.below(100);
        const QByteArray host = kHosts[r.below(kHostCount)];
        ms += r.range(5, 3000);
        const QByteArray started = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
        QByteArray method = "GET", url, requestBody, mime = "application/json", responseText, responseEncoding;
        qint64 responseSize = 0;
        if (kind < 45) { // an API call with a JSON body both ways
            method = "POST";
            url = "https://" + host + "/v1/collect?app=vidzy&n=" + QByteArray::number(entries);
            requestBody = "\"postData\":{\"mimeType\":\"application/json\",\"text\":\""
                + json[static_cast<size_t>(r.below(32))] + "\"},";
            responseText = json[static_cast<size_t>(r.below(8))];
            responseSize = responseText.size();
        } else if (kind < 55) { // a form post
            method = "POST";
            url = "https://" + host + "/track";
            requestBody = "\"postData\":{\"mimeType\":\"application/x-www-form-urlencoded\",\"params\":[],\"text\":\""
                          "event=open&advertising_id="
                + QByteArray::number(r.next(), 16) + "&lat=48.85&lon=2.35\"},";
            responseText = "{\\\"ok\\\":true}";
            responseSize = 11;
        } else if (kind < 98) { // an image or clip, base64 in the response
            url = "https://" + host + "/media/" + QByteArray::number(r.next() % 100000) + ".jpg";
            mime = "image/jpeg";
            responseText = media[static_cast<size_t>(r.below(24))];
            responseEncoding = "\"encoding\":\"base64\",";
            responseSize = responseText.size() / 4 * 3;
        } else { // a video upload, base64 in the request
            method = "POST";
            url = "https://upload.vidzy.example/upload?part=" + QByteArray::number(entries);
            requestBody =
                "\"postData\":{\"mimeType\":\"video/mp4\",\"encoding\":\"base64\",\"text\":\"" + upload + "\"},";
            responseText = "{\\\"id\\\":1}";
            responseSize = 8;
        }
        QByteArray e = (entries ? ",\n" : "") + QByteArray("{\"startedDateTime\":\"") + started
            + "\",\"time\":" + QByteArray::number(r.range(10, 900)) + ",\"serverIPAddress\":\"192.0.2."
            + QByteArray::number(r.range(1, 254)) + "\",\"connection\":\"" + QByteArray::number(r.range(1000, 9999))
            + "\",\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url
            + "\",\"httpVersion\":\"HTTP/2\",\"cookies\":[],\"headers\":[" + header(":authority", host) + ','
            + header("user-agent", "Vidzy/5.2 (Android 14; Pixel 8)") + ',' + header("accept", "*/*") + ','
            + header("cookie", "sid=" + QByteArray::number(r.next(), 16)) + "],\"queryString\":[]," + requestBody
            + "\"headersSize\":-1,\"bodySize\":-1},\"response\":{\"status\":200,"
            + "\"statusText\":\"OK\",\"httpVersion\":\"HTTP/2\",\"cookies\":[],\"headers\":["
            + header("content-type", mime) + ',' + header("cache-control", "no-store") + "],\"content\":{\"size\":"
            + QByteArray::number(responseSize) + ",\"mimeType\":\"" + mime + "\"," + responseEncoding + "\"text\":\"";
        if (!write(e) || !write(responseText))
            return -1;
        if (!write("\"},\"redirectURL\":\"\",\"headersSize\":-1,\"bodySize\":-1},\"cache\":{},\"timings\":{\"send\":1,"
                   "\"wait\":20,\"receive\":5}}"))
            return -1;
        ++entries;
    }
    if (!write("\n]}}\n") || !out.flush())
        return -1;
    return entries;
}

} // namespace BenchKit
