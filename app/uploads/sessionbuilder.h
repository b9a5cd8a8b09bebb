// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uploadrequest.h"

#include <QHash>
#include <QStringList>

namespace Uploads {

/// One request that carried bytes of an upload.
struct Chunk
{
    qint64 flowId = 0;
    Data::Timestamp tsStart = 0;
    Data::Timestamp tsEnd = 0;
    int status = 0;
    qint64 offset = -1; ///< byte offset in the upload
    qint64 length = 0; ///< bytes this request sent (declared by Content-Range or counted)
    int partNumber = 0;
    PayloadSource source;
    bool kept = false; ///< the capture kept this chunk's bytes
    bool retry = false; ///< the same range was sent again and the other attempt is the one used
    bool failed() const
    {
        return status == 0 || (status >= 400 && status != 0);
    }
};

/// The requests of one upload, grouped across chunks and retries.
struct Session
{
    Protocol protocol = Protocol::Plain;
    QString key;
    QString uploadId;
    QString mediaTypeHint;
    QString partName;
    qint64 captureId = 0;
    qint64 appId = 0;
    QString host;
    QString url; ///< of the first data request
    QString method;
    qint64 declaredTotal = -1;
    std::vector<Chunk> chunks; ///< ordered by offset (then time) after finish()
    std::vector<qint64> controlFlows; ///< create, query and finalize requests
    qint64 createFlowId = 0;
    qint64 finalizeFlowId = 0;
    bool serverConfirmed = false; ///< a response said the upload is complete
    qint64 confirmedBytes = -1; ///< the most bytes a response said the server has
    qint64 cancelFlowId = 0;
    Data::Timestamp cancelTs = 0;
    QStringList refs; ///< strings that name this upload (ids, its URL's last segment), for publish detection
    qint64 publishFlowId = 0; ///< the later request that names this upload (publishdetector.h)
    Data::Timestamp publishTs = 0;
    QString publishEvidence; ///< what tied it to the upload, e.g. "names upload id 17634…"

    // Computed by SessionBuilder::finish().
    qint64 total = 0; ///< the upload's size: declared, else the end of the furthest chunk
    qint64 bytes = 0; ///< distinct bytes sent (retries and overlaps counted once)
    qint64 bytesSent = 0; ///< every attempt counted
    int retries = 0;
    bool complete = false; ///< bytes [0, total) were all sent
    bool reassemblable = false; ///< complete, and the capture kept every byte of it
    Data::Timestamp started = 0; ///< first data request
    Data::Timestamp finished = 0; ///< end of the last data request
    QStringList notes;

    /// Chunks that count (not superseded retries), in offset order.
    std::vector<const Chunk*> effectiveChunks() const;
    double coverage() const
    {
        return total > 0 ? std::min(1.0, double(bytes) / double(total)) : 0.0;
    }
};

/// Groups the upload steps of one capture's requests (fed in time order) into sessions: a tus creation and its
/// PATCHes, a Google start and its upload commands, the Content-Range chunks of one upload URL, the parts of
/// an S3 multipart upload, a URL handed out by an earlier response and the chunks sent to it.
class SessionBuilder
{
public:
    void add(const Request& request, const std::vector<Step>& steps);
    /// Notes upload URLs and ids an earlier response handed out ({"upload_url": …, "upload_id": …}), so the
    /// init call joins the session that later uses the URL.
    void addResponseLinks(const Request& request);
    /// Orders chunks, marks retries, computes coverage; sessions without any bytes are dropped.
    std::vector<Session> finish();

private:
    struct Pending
    {
        qint64 flowId = 0;
        QString uploadId;
    };
    int sessionFor(const Step& step, const Request& request, bool create);

    std::vector<Session> m_sessions;
    QHash<QString, int> m_byKey;
    QHash<QString, Pending> m_pendingLinks;
};

/// Whether a chunk's status means the bytes were accepted (2xx, 308 Resume Incomplete, tus 204).
bool accepted(int status);

} // namespace Uploads
