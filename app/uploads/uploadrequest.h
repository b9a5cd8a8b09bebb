// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

/// Upload protocols (research/formats-and-detection.md §8.3): which requests carry an upload, which upload
/// they belong to and where their bytes go in it.
namespace Uploads {

enum class Protocol
{
    ContentRange, ///< PUT/POST with Content-Range: bytes a-b/total (TikTok's public API, many CDNs)
    Tus, ///< tus 1.0: creation POST, PATCH with Upload-Offset
    GoogleResumable, ///< X-Goog-Upload-Command start/upload/finalize
    Rupload, ///< Instagram-style /rupload_*: Offset, X-Entity-Length, X-Instagram-Rupload-Params
    S3Multipart, ///< ?uploadId=&partNumber=
    MultipartForm, ///< one multipart/form-data request, a file part
    Plain, ///< one request with a large or media body and no upload protocol
};
/// Stable id used in the store and the export: content-range, tus, google-resumable, rupload, s3-multipart,
/// multipart-form, plain.
QString protocolId(Protocol protocol);
std::optional<Protocol> protocolFromId(const QString& id);
/// "Content-Range chunks", "tus", … for people.
QString protocolName(Protocol protocol);

/// One request as the upload analysis sees it (read from the flows table).
struct Request
{
    qint64 flowId = 0;
    qint64 captureId = 0;
    qint64 appId = 0;
    Data::Timestamp tsStart = 0;
    Data::Timestamp tsEnd = 0;
    QString method; ///< upper case
    QString url;
    QString host;
    int status = 0;
    Data::Headers requestHeaders;
    Data::Headers responseHeaders;
    QString contentType; ///< of the request
    QByteArray contentEncoding; ///< encodings still applied to the stored request body
    qint64 bodyId = 0; ///< stored request body, 0 when the capture did not keep it
    qint64 bodySize = -1; ///< bytes of the request body (stored or declared), -1 unknown
    QByteArray bodyHead; ///< its first bytes, for magic sniffing
    QByteArray responseText; ///< a short textual response body (ids, upload URLs), empty otherwise
    quint32 flags = 0;
};

/// Where a chunk's bytes are. Usually a slice of the stored request body (read piece by piece); bodies with
/// a content encoding or a transfer-encoded multipart part are decoded in memory, within limits.
struct PayloadSource
{
    qint64 bodyId = 0;
    qint64 offset = 0; ///< where the payload starts in the stored body
    qint64 length = -1; ///< payload bytes in the stored body; -1 = to its end
    bool decode = false; ///< the stored bytes must be decoded (content encoding, multipart in an encoded body)
    QByteArray contentEncoding;
    QByteArray contentType; ///< of the whole body, when a multipart part must be found after decoding
    int part = -1; ///< multipart part index, with `decode`
};

/// What one request does in an upload.
struct Step
{
    enum class Role
    {
        Data, ///< carries bytes of the upload
        Create, ///< opens an upload (tus creation, Google start, S3 initiate, an init call handing out a URL)
        Finalize, ///< completes it without bytes (S3 CompleteMultipartUpload, Google finalize)
        Query, ///< asks how far it got (tus HEAD, Google query, Content-Range bytes */total)
        Cancel, ///< aborts it (tus/S3 DELETE, Google cancel)
    };
    Protocol protocol = Protocol::Plain;
    Role role = Role::Data;
    QString key; ///< groups the requests of one upload
    QString link; ///< Create: the URL the following requests use (normalised like keys)
    qint64 offset = -1; ///< Data: byte offset of this chunk; -1 when only the part number is known
    qint64 length = -1; ///< Data: payload bytes declared (Content-Range) or sent
    qint64 total = -1; ///< size of the whole upload when declared
    int partNumber = 0; ///< S3 part number
    bool finalizes = false; ///< the request completes the upload
    QString uploadId; ///< an id the protocol gives the upload
    qint64 confirmedOffset = -1; ///< bytes the server says it has after this request (tus Upload-Offset)
    QString mediaTypeHint; ///< what the client said the payload is (X-Entity-Type, the part's Content-Type …)
    QString partName; ///< multipart: form field and file name
    PayloadSource payload;
};

/// Options of the recognition.
struct RecognitionOptions
{
    /// A request body at least this large counts as an upload even without a protocol or media magic
    /// (research §8.3: T = 50 KB).
    qint64 largeBodyThreshold = 50 * 1024;
    /// Multipart bodies up to this size are split to find their file parts; larger ones count as a whole.
    qint64 maxMultipartSplit = 64 * 1024 * 1024;
};

/// The upload steps of one request (several for a multipart body with several files); empty when the
/// request is not part of an upload. `body(maxBytes)` returns up to maxBytes of the stored request body
/// as stored; it is called only for multipart bodies.
std::vector<Step> recognise(
    const Request& request, const std::function<QByteArray(qint64)>& body, const RecognitionOptions& options = {});

/// The URL as a session key: scheme, host, path and query without the per-chunk parameters clients add
/// (part, chunk, offset …), so the chunks of one upload share it.
QString normaliseUploadUrl(const QString& url);
/// `location` resolved against `base` and normalised (tus Location, Google X-Goog-Upload-URL).
QString resolveUploadUrl(const QString& base, const QString& location);

} // namespace Uploads
