// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records.h"

#include <QByteArrayView>
#include <QString>

/// Small HTTP helpers shared by importers, decoders and detectors.
namespace HttpUtil {

/// The first header with this name (case-insensitive), or a null QByteArray.
QByteArray headerValue(const Data::Headers& headers, QByteArrayView name);
bool hasHeader(const Data::Headers& headers, QByteArrayView name);

/// True for media types whose bodies are text (text/*, JSON, XML, JavaScript, forms, GraphQL, …).
bool isTextualMimeType(QStringView mimeType);

/// "application/json; charset=utf-8" → "application/json" (lowercase).
QString essence(QStringView contentType);

/// Normalises the many spellings producers use: "HTTP/2.0", "http/2.0", "h2", "HTTP/2" → "HTTP/2"; "h3" → "HTTP/3".
QString normaliseHttpVersion(QStringView version);
/// http1, h2 or h3 for the l7 column.
QString l7ForVersion(QStringView normalisedVersion);

/// Splits a URL into scheme, host (lowercase, no brackets) and port (the scheme default when absent).
struct UrlParts
{
    QString scheme;
    QString host;
    int port = 0;
};
UrlParts splitUrl(const QString& url);

/// "application/x-www-form-urlencoded" encoding of name=value pairs (for HAR postData.params).
QByteArray formEncode(const std::vector<std::pair<QByteArray, QByteArray>>& params);

} // namespace HttpUtil
