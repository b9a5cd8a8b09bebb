// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "categories.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace Detect {

/// One detection in one decoded message, before it is stored as a finding. `value` is the matched value as
/// found; it is never stored: findings keep a masked excerpt and a hash.
struct Hit
{
    QString category; ///< TAXONOMY.md id
    int confidence = Confidence::Low;
    QString detector; ///< which rule found it: "email", "known-identifier", "server-id" …
    QByteArray location; ///< url-path, query, header:<name>, cookie:<name>, body
    QByteArray key;
    QByteArray chain; ///< encoding_chain
    QByteArray value; ///< the matched value (masked before storing)
    QByteArray normalized; ///< the value in a canonical form, for deduplication ("+16505550142", lowercase email)
    QString evidence; ///< an excerpt to store instead of masking `value` (summaries of lists); empty: mask value
    QString reason; ///< why it counts, in words
    QString knownLabel; ///< label of the matched known identifier
    qint64 knownId = 0;
    QString variant; ///< which variant of the known identifier matched ("SHA-256 of the normalised email")
    int node = -1; ///< the node of the decoded message it was found in, or -1
    int layer = -1;
    qint32 offset = -1; ///< byte offset in `layer` when found by the raw scan
    qint32 length = 0;
};

/// Where a message went and which side of the exchange it is.
struct MessageInfo
{
    bool request = true;
    QString host;
    QString registrableDomain;
    QString url;
    QString method;
    QByteArray contentType;
};

/// "zq7.•••.org": the start and end of a value with the middle masked; at most a quarter of the value (and
/// never more than four characters) shows at each end, control characters are escaped.
QString maskValue(const QByteArray& value);

/// `key: masked value`, or the masked value alone.
QString evidenceExcerpt(const QByteArray& key, const QByteArray& value);

/// A short hash of a category and a normalised value, for deduplication across flows without storing the
/// value.
QByteArray valueHash(const QString& category, const QByteArray& normalized);

} // namespace Detect
