// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

#include <QString>

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
};

} // namespace Data

/// The flow list queries behind the Flows page: first the ordered ids that match the filter (run off the UI
/// thread; cheap even for a million flows), then the rows for the part of the list on screen.
namespace FlowQuery {

enum class SortKey { Id, Time, App, Method, Host, Url, Status, ContentType, Sent, Received };

std::vector<qint64> ids(Database& db, const Data::Filter& filter, SortKey key = SortKey::Time, bool descending = false);
std::vector<Data::FlowRow> rows(Database& db, const std::vector<qint64>& ids);

} // namespace FlowQuery
