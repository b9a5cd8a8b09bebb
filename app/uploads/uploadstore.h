// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"
#include "mediafingerprint.h"

#include <QStringList>

#include <optional>
#include <vector>

class Database;

namespace Data {

/// One upload session as stored by the uploads pass, with its classification against the markers (empty
/// until the classification pass ran).
struct UploadSession
{
    qint64 id = 0;
    qint64 captureId = 0;
    qint64 appId = 0;
    QString app;
    QString captureFile;
    QString protocol; ///< Uploads::protocolId()
    QString sessionKey;
    QString uploadId;
    QString host;
    QString registrableDomain;
    QString url;
    QString method;
    QString mediaType; ///< MIME type: sniffed from the bytes, else what the client declared
    QString mediaClass; ///< video, image, audio or empty
    QString partName; ///< multipart form field / file name
    qint64 bytes = 0; ///< distinct bytes sent
    qint64 bytesSent = 0; ///< incl. retries
    qint64 total = 0;
    int chunks = 0; ///< requests that carried bytes (retries included)
    int retries = 0;
    double coverage = 0;
    bool complete = false;
    Timestamp started = 0;
    Timestamp finished = 0;
    QString sha256; ///< of the reassembled payload; empty when incomplete or not kept
    Uploads::MediaFingerprint fingerprint;
    qint64 createFlowId = 0;
    qint64 finalizeFlowId = 0;
    bool serverConfirmed = false;
    qint64 publishFlowId = 0;
    Timestamp publishTs = 0;
    QString publishEvidence;
    qint64 cancelFlowId = 0;
    Timestamp cancelTs = 0;
    QStringList notes;
    qint64 firstFlowId = 0;

    // Classification (research §8.4).
    bool classified = false;
    QString classification; ///< before_post, after_post, unknown
    QString beforeMarker;
    QString afterMarker;
    Timestamp postTs = 0; ///< the tapped_post marker the upload is compared with, in capture time (0: none)
    qint64 postDeltaUs = 0; ///< postTs − started (positive: the upload started before Post)
    qint64 bytesBeforePost = 0;
    double shareBeforePost = 0;
    bool fullyBeforePost = false;
    bool uncertain = false; ///< started within the clock tolerance of tapped_post
    bool discardedDraft = false; ///< uploaded in a run the user discarded, with no publish call
    Timestamp discardTs = 0;
    int cancelAfterDiscard = -1; ///< 1 a cancel/delete followed Discard, 0 none, -1 not a discarded run
    bool publishHasCaption = false;
    QString referenceMedia; ///< file name of the best-matching reference media
    qint64 referenceMediaId = 0;
    QString mediaMatch; ///< exact, structural, none; empty when no reference media exists
    QString matchReason;
    QStringList classificationNotes;
};

struct UploadChunk
{
    qint64 sessionId = 0;
    int seq = 0;
    qint64 flowId = 0;
    Timestamp tsStart = 0;
    Timestamp tsEnd = 0;
    int status = 0;
    qint64 offset = 0;
    qint64 length = 0;
    int partNumber = 0;
    bool kept = false;
    bool retry = false;
};

/// Outbound bytes on encrypted connections, grouped per host and time (research §8.6): circumstantial
/// evidence only, for captures the app's pinning kept encrypted.
struct UploadBurst
{
    qint64 id = 0;
    qint64 captureId = 0;
    qint64 appId = 0;
    QString host;
    QString registrableDomain;
    Timestamp started = 0;
    Timestamp finished = 0;
    qint64 bytesUp = 0;
    qint64 payloadEstimate = 0; ///< bytesUp minus an estimate of the TLS record overhead
    int connections = 0;
    // Classification.
    QString beforeMarker;
    QString afterMarker;
    QString classification; ///< before_post, after_post, unknown
    bool betweenMediaAndPost = false; ///< between media_selected (or tapped_next) and tapped_post/discarded
};

} // namespace Data

/// The derived tables of the uploads passes and their typed reads (STYLE.md: SQL in store functions).
namespace UploadStore {

QStringList sessionTables();
void createSessionTables(Database& db);
QStringList classificationTables();
void createClassificationTables(Database& db);
/// True when the session tables exist.
bool exists(Database& db);

/// Inserts a session (not its classification); returns its id.
qint64 insertSession(Database& db, const Data::UploadSession& session);
void insertChunk(Database& db, const Data::UploadChunk& chunk);
qint64 insertBurst(Database& db, const Data::UploadBurst& burst);
void insertClassification(Database& db, const Data::UploadSession& session);
void insertBurstClassification(Database& db, const Data::UploadBurst& burst);

/// Sessions matching the filter, by capture and start: captures, apps and hosts on the session, the time range on
/// its span; server countries, companies, categories, confidence and text when one of its requests matches them
/// (as the Flows page lists requests).
std::vector<Data::UploadSession> sessions(Database& db, const Data::Filter& filter = {});
std::optional<Data::UploadSession> session(Database& db, qint64 id);
std::vector<Data::UploadChunk> chunks(Database& db, qint64 sessionId);
/// Encrypted bursts matching the filter: as sessions for captures, apps, hosts and time; a text in the host;
/// countries and companies through the connections of the burst's destination in its capture; none under a
/// category or confidence filter (what a burst carried was not seen).
std::vector<Data::UploadBurst> bursts(Database& db, const Data::Filter& filter = {});
/// The flows that belong to upload sessions (chunks and control requests), for the flows page.
std::vector<qint64> sessionFlows(Database& db, qint64 sessionId);

} // namespace UploadStore
