// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Crafted captures for the uploads tests: flows written straight into an investigation through the store's
// capture writer, as an importer would.

#include "common/timeutil.h"
#include "store/capturewriter.h"
#include "store/investigation.h"

#include <QFile>
#include <QUrl>

namespace UploadFixtures {

inline Data::Timestamp at(double seconds)
{
    return *TimeUtil::parseIso8601(u"2026-11-20T14:00:00Z") + static_cast<qint64>(seconds * 1e6);
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// One crafted request.
struct Req
{
    double at = 0; ///< seconds after 14:00:00Z
    QString method = QStringLiteral("POST");
    QString url;
    Data::Headers headers;
    QByteArray body;
    bool bodyMissing = false; ///< the capture did not keep the bytes (declared size only)
    QByteArray contentEncoding;
    int status = 200;
    Data::Headers responseHeaders;
    QByteArray responseBody;
};

inline Data::Header h(const char* name, const QByteArray& value)
{
    return { QByteArray(name), value };
}

/// Writes the requests as one capture and returns its id.
inline qint64 writeCapture(Investigation& inv, const std::vector<Req>& requests,
    const QString& name = QStringLiteral("crafted.har"), const std::vector<Data::Connection>& connections = {})
{
    CaptureFileInfo info;
    info.fileName = name;
    info.fileSize = 1;
    info.sha256 = QString::number(qHash(name) + inv.captures().size()).repeated(4);
    info.format = QStringLiteral("har");
    info.appHint = QStringLiteral("TestApp");
    CaptureWriter writer(inv.db(), info);
    int index = 0;
    for (const Req& r : requests) {
        Data::Flow f;
        f.sourceRef = QStringLiteral("test:%1").arg(index++);
        f.tsStart = at(r.at);
        f.tsEnd = at(r.at) + 200000;
        f.method = r.method;
        f.url = r.url;
        f.host = QUrl(r.url).host();
        f.scheme = QUrl(r.url).scheme();
        f.httpVersion = QStringLiteral("HTTP/2");
        f.status = r.status;
        f.requestHeaders = r.headers;
        for (const auto& x : r.headers) {
            if (x.name.compare("content-type", Qt::CaseInsensitive) == 0)
                f.requestContentType = QString::fromLatin1(x.value);
        }
        f.responseHeaders = r.responseHeaders;
        f.requestBody.data = r.bodyMissing ? QByteArray() : r.body;
        f.requestBody.present = !r.bodyMissing && !r.body.isNull();
        f.requestBody.contentEncoding = r.contentEncoding;
        f.requestBody.wireSize = r.body.size();
        if (r.bodyMissing)
            f.flags |= Data::BodyMissing;
        f.responseBody.data = r.responseBody;
        f.responseBody.present = !r.responseBody.isNull();
        f.responseBody.wireSize = r.responseBody.size();
        writer.addFlow(std::move(f));
    }
    for (Data::Connection c : connections)
        writer.addConnection(std::move(c));
    return writer.commit();
}

} // namespace UploadFixtures
