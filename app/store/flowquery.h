// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

#include <QString>

#include <functional>
#include <vector>

class Database;

namespace Data {

/// What the flow table shows per row.
struct FlowRow
{
    qint64 id = 0;
    qint64 captureId = 0;
    Timestamp ts = 0;
    QString app;
    QString method;
    QString host;
    QString url;
    int status = 0;
    QString contentType;
    qint64 sent = -1;
    qint64 received = -1;
    quint32 flags = 0;
    QString l7;
    bool bookmarked = false;
    QString note;
};

} // namespace Data

/// The flow list queries behind the Flows page: first the ordered ids that match the filter (run off the UI
/// thread; cheap even for a million flows), then the rows for the part of the list on screen.
namespace FlowQuery {

enum class SortKey
{
    Id,
    Time,
    App,
    Method,
    Host,
    Url,
    Status,
    ContentType,
    Sent,
    Received,
    Note
};

std::vector<qint64> ids(Database& db, const Data::Filter& filter, SortKey key = SortKey::Time, bool descending = false);

/// Like ids(), but the filter's text also matches inside request and response bodies (content encoding
/// removed, case-insensitive). Reads every candidate body, so it runs off the UI thread; `cancelled` is polled
/// and stops the scan early.
std::vector<qint64> idsSearchingBodies(Database& db, const Data::Filter& filter, SortKey key, bool descending,
    const std::function<bool()>& cancelled = {});
std::vector<Data::FlowRow> rows(Database& db, const std::vector<qint64>& ids);

} // namespace FlowQuery
