// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mitmgen.h"

#include "ingest/bytesource.h"
#include "ingest/tnetstring.h"

#include <QFile>

#include <cstdio>
#include <cstring>
#include <vector>
#include <zlib.h>

namespace BenchKit {
namespace {

/// xorshift64*: the same file on every machine.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 2685821657736338717ULL;
    }
    int below(int n)
    {
        return static_cast<int>(next() % static_cast<quint64>(n));
    }

private:
    quint64 m_state;
};

QByteArray gzip(const QByteArray& data)
{
    z_stream zs {};
    deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

QByteArray text(Random& r, int size)
{
    static const char* const words[] = { "device_id", "session", "lat", "lon", "user", "event", "screen", "tap",
        "ad_id", "locale", "\"value\"", "{", "}", ":", ",", "12345", "true" };
    QByteArray out;
    out.reserve(size + 16);
    while (out.size() < size) {
        out += words[r.below(17)];
        out += ' ';
    }
    out.truncate(size);
    return out;
}

QByteArray binary(Random& r, qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i + 8 <= size; i += 8) {
        const quint64 v = r.next();
        memcpy(out.data() + i, &v, 8);
    }
    return out;
}

QByteArray uuid(Random& r)
{
    const QByteArray hex = QByteArray::number(r.next(), 16).rightJustified(16, '0')
        + QByteArray::number(r.next(), 16).rightJustified(16, '0');
    return hex.mid(0, 8) + '-' + hex.mid(8, 4) + "-4" + hex.mid(13, 3) + '-' + hex.mid(16, 4) + '-' + hex.mid(20, 12);
}

void setBytes(TnValue& dict, const char* key, QByteArray value)
{
    if (TnValue* v = dict.get(key)) {
        const TnValue::Type type = v->type == TnValue::String ? TnValue::String : TnValue::Bytes;
        *v = TnValue::makeBytes(std::move(value), type);
    }
}

void setHeader(TnValue& message, const QByteArray& name, const QByteArray& value)
{
    TnValue* headers = message.get("headers");
    for (TnValue& h : headers->items) {
        if (h.at(0).bytes.compare(name, Qt::CaseInsensitive) == 0) {
            h.items[1] = TnValue::makeBytes(value);
            return;
        }
    }
    headers->items.push_back(TnValue::makeList({ TnValue::makeBytes(name), TnValue::makeBytes(value) }));
}

struct Templates
{
    TnValue http, websocket, tcp, dns;
};

bool loadTemplates(Templates& t)
{
    const QString path = QStringLiteral(LEAKSCOPE_SOURCE_DIR "/tests/data/mitm/generated__mitmproxy8.mitm");
    QString error;
    auto source = ByteSource::open(path, &error);
    if (!source) {
        fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(error));
        return false;
    }
    BufferedInput in(*source);
    TnetstringReader reader(in);
    while (!reader.atEnd()) {
        TnValue f;
        if (!reader.next(f))
            return false;
        const QByteArray type = f.value("type")->bytes;
        if (type == "tcp")
            t.tcp = f;
        else if (type == "dns")
            t.dns = f;
        else if (f.value("websocket"))
            t.websocket = f;
        else if (f.value("response") && t.http.isNull())
            t.http = f;
    }
    return !t.http.isNull() && !t.websocket.isNull() && !t.tcp.isNull() && !t.dns.isNull();
}

/// Writes about `targetBytes` of flows; returns the number of distinct flows.
qint64 generateDump(const QString& path, qint64 targetBytes, const Templates& templates)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return -1;
    Random r(0x1EA45C0BE);
    static const char* const hosts[] = { "api.vidzy.example", "graph.facebook.com", "app-measurement.com",
        "firebaselogging-pa.googleapis.com", "cdn.vidzy.example", "t.appsflyer.com", "upload.vidzy.example",
        "ads.example.net" };
    // Bodies are drawn from a pool, so generation is fast; the reader cannot tell.
    std::vector<QByteArray> plain, gzipped;
    for (int i = 0; i < 48; ++i) {
        const int size = 200 << (i % 11); // 200 B … 200 KB
        plain.push_back(i % 3 == 0 ? binary(r, size) : text(r, size));
        gzipped.push_back(gzip(text(r, size * 2)));
    }
    const QByteArray upload = binary(r, 12 << 20);
    std::vector<TnValue> recent;
    qint64 written = 0, flows = 0;
    double ts = 1767225600.0;
    while (written < targetBytes) {
        TnValue f;
        const int kind = r.below(100);
        ts += 0.05 + r.below(1000) / 1000.0;
        if (kind < 2 && !recent.empty()) {
            f = recent[static_cast<size_t>(r.below(static_cast<int>(recent.size())))]; // saved again later
            setBytes(f, "comment", "saved again");
        } else if (kind < 8) {
            f = templates.tcp;
            f.get("messages")->items = { TnValue::makeList({ TnValue::makeBool(true),
                                             TnValue::makeBytes(plain[static_cast<size_t>(r.below(48))]),
                                             TnValue::makeFloat(ts) }),
                TnValue::makeList({ TnValue::makeBool(false),
                    TnValue::makeBytes(plain[static_cast<size_t>(r.below(48))]), TnValue::makeFloat(ts + 0.1) }) };
            ++flows;
        } else if (kind < 10) {
            f = templates.dns;
            ++flows;
        } else if (kind < 13) {
            f = templates.websocket;
            ++flows;
        } else {
            f = templates.http;
            TnValue* req = f.get("request");
            TnValue* resp = f.get("response");
            const QByteArray host = hosts[r.below(8)];
            setBytes(*req, "host", host);
            setHeader(*req, "Host", host);
            const bool bigUpload = kind == 13 && r.below(4) == 0;
            if (bigUpload || kind < 40) {
                setBytes(*req, "method", "POST");
                setBytes(*req, "content", bigUpload ? upload : plain[static_cast<size_t>(r.below(20))]);
            } else {
                setBytes(*req, "method", "GET");
                setBytes(*req, "content", QByteArray());
            }
            const bool gz = r.below(3) == 0;
            setBytes(*resp, "content",
                gz ? gzipped[static_cast<size_t>(r.below(48))] : plain[static_cast<size_t>(r.below(48))]);
            setHeader(*resp, "content-encoding", gz ? "gzip" : "identity");
            setBytes(*req, "path", "/v1/events?n=" + QByteArray::number(flows));
            *req->get("timestamp_start") = TnValue::makeFloat(ts);
            *resp->get("timestamp_end") = TnValue::makeFloat(ts + 0.2);
            ++flows;
        }
        if (!(kind < 2 && !recent.empty())) {
            setBytes(f, "id", uuid(r));
            if (recent.size() < 64)
                recent.push_back(f);
            else
                recent[static_cast<size_t>(r.below(64))] = f;
        }
        const QByteArray bytes = f.serialise();
        if (out.write(bytes) != bytes.size())
            return -1;
        written += bytes.size();
    }
    return flows;
}
} // namespace

qint64 generateMitmproxyDump(const QString& path, qint64 targetBytes)
{
    Templates templates;
    if (!loadTemplates(templates)) {
        fprintf(stderr, "cannot read the flow templates\n");
        return -1;
    }
    return generateDump(path, targetBytes, templates);
}

} // namespace BenchKit
