// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionbuilder.h"

namespace Uploads {

/// A request outside every upload session, as the publish detector reads it.
struct OtherRequest
{
    qint64 flowId = 0;
    Data::Timestamp ts = 0;
    QString method;
    QString url;
    QByteArray text; ///< the URL, then the (content-decoded, bounded) request body
};

/// The two-phase protocol of research §8.1: bytes first, then a separate call that publishes them (Instagram's
/// media/configure with the caption and the upload_id) or cancels them. For each session, the first later
/// request that names the upload (one of Session::refs, or its URL) is its publish call (POST/PUT/PATCH) or its
/// cancel call (DELETE, or a path that says cancel/abort/discard/delete/remove). `others` must be in time
/// order. The caption check is left to the classification (it needs the known identifiers).
void detectPublishAndCancel(std::vector<Session>& sessions, const std::vector<OtherRequest>& others);

/// True for a request that cancels something: DELETE, or a path segment such as "cancel" or "abort".
bool isCancelRequest(const QString& method, const QString& url);

} // namespace Uploads
