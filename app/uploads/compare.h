// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QStringList>

#include <vector>

class Investigation;
class JsonWriter;

namespace Data {

/// One capture of a comparison.
struct CompareSide
{
    qint64 captureId = 0;
    QString fileName;
    QString label;
    QString sha256;
    /// What the run was, from its markers (else its label): "posted", "discarded", "saved_draft" or empty.
    QString condition;
    Timestamp firstSeen = 0;
    Timestamp lastSeen = 0;
    qint64 flows = 0;
    qint64 clockOffsetUs = 0;
    std::vector<std::pair<Timestamp, QString>> markers; ///< in capture time
    qint64 uploadSessions = 0;
    qint64 uploadBytes = 0;
    qint64 uploadBytesBeforePost = 0;
    /// "the posted run", "the discarded run", else "run A" / "run B": how the summary names it.
    QString name;
};

struct CompareDestination
{
    QString host;
    QString registrableDomain;
    QString entity; ///< empty when unknown
    bool inA = false;
    bool inB = false;
    qint64 bytesSentA = 0;
    qint64 bytesSentB = 0;
    qint64 requestsA = 0;
    qint64 requestsB = 0;
    bool encryptedOnly = false; ///< seen only as encrypted connections
};

struct CompareCategory
{
    QString category;
    bool inA = false;
    bool inB = false;
    qint64 findingsA = 0;
    qint64 findingsB = 0;
};

/// The upload sessions to one host in each run.
struct CompareUpload
{
    QString host;
    QString registrableDomain;
    QString entity;
    QString mediaClass; ///< of the largest session
    qint64 sessionsA = 0;
    qint64 sessionsB = 0;
    qint64 bytesA = 0;
    qint64 bytesB = 0;
    qint64 bytesBeforePostA = 0;
    qint64 bytesBeforePostB = 0;
    /// How this host's uploads in A and B relate: exact, structural, none (both have uploads, no match) or
    /// empty (only one run uploaded here).
    QString mediaMatch;
    QString referenceMatchA; ///< best match with the reference media: exact, structural, none, or empty
    QString referenceMatchB;
    qint64 publishFlowA = 0;
    qint64 publishFlowB = 0;
    QString publishUrlA;
    QString publishUrlB;
    bool publishCaptionA = false;
    bool publishCaptionB = false;
    qint64 cancelFlowA = 0;
    qint64 cancelFlowB = 0;
    QList<qint64> sessionIdsA;
    QList<qint64> sessionIdsB;
};

/// The same media uploaded in both runs.
struct CompareMedia
{
    qint64 sessionA = 0;
    qint64 sessionB = 0;
    QString hostA;
    QString hostB;
    QString match; ///< exact or structural
    QString reason;
    QString description; ///< the fingerprint of A's upload
};

/// Encrypted outbound bursts to one host (circumstantial evidence).
struct CompareBurst
{
    QString host;
    qint64 bytesA = 0;
    qint64 bytesB = 0;
    bool beforePostA = false; ///< a burst between media selection and Post/Discard
    bool beforePostB = false;
};

struct Comparison
{
    CompareSide a;
    CompareSide b;
    std::vector<CompareDestination> destinations;
    std::vector<CompareCategory> categories;
    std::vector<CompareUpload> uploads;
    std::vector<CompareMedia> media;
    std::vector<CompareBurst> bursts;
    QStringList summary; ///< plain-language sentences
};

} // namespace Data

/// Draft vs posted (research §8.5), or any A vs B: what both runs did (behaviour regardless of posting: the
/// pre-upload), what only one did (publish-specific, discard/cancel handling), and whether the same media
/// reached the same host in both.
namespace Compare {

constexpr const char* SchemaId = "leakscope-compare/1";

/// Throws StoreError; `a` and `b` are capture ids.
Data::Comparison build(Investigation& investigation, qint64 a, qint64 b);

/// The comparison as JSON (EXPORT.md "Compare JSON", schema leakscope-compare/1).
void write(const Data::Comparison& comparison, JsonWriter& w);

/// "384.0 KB" (the report's and the summary's style).
QString sizeText(qint64 bytes);

} // namespace Compare
