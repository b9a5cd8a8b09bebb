// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QByteArray>
#include <QString>

/// A raw HTTP/1-style message as proxies store it (Burp items, Fiddler's NN_c.txt/NN_s.txt): start line,
/// headers, empty line, body. Burp and Fiddler also write HTTP/2 exchanges this way ("HTTP/2 200 OK").
///
/// Written by hand rather than with a library: the messages are complete and in memory, and what matters is
/// tolerance of what exporters do to them (bare LF line ends after XML normalisation, bodies shorter than their
/// Content-Length, broken chunking), which strict parsers such as llhttp treat as fatal.
namespace HttpMessage {

enum class Kind
{
    Request,
    Response
};

struct Parsed
{
    bool ok = false; ///< a start line was found
    QString error; ///< why the message is not usable, or a problem with its body
    QByteArray method; ///< requests
    QByteArray target; ///< requests: origin form ("/a?b"), absolute form, or authority form (CONNECT)
    QByteArray version; ///< "HTTP/1.1", "HTTP/2"
    int status = 0; ///< responses
    QByteArray reason;
    Data::Headers headers;
    Data::Headers trailers; ///< chunked trailers
    QByteArray body; ///< after de-chunking, still Content-Encoded
    bool chunked = false;
    /// The body is shorter than the headers announce (Content-Length, or an unfinished chunked body).
    bool shortBody = false;
    qint64 declaredLength = -1; ///< Content-Length, or -1
};

/// Parses `raw`. Headers keep their order and duplicates; obsolete line folding is unfolded.
Parsed parse(QByteArrayView raw, Kind kind);

/// Removes chunked transfer coding. Returns false (and leaves `out` with what could be decoded) when the
/// chunk framing is broken or ends early.
bool dechunk(QByteArrayView in, QByteArray& out, Data::Headers* trailers = nullptr);

} // namespace HttpMessage
