// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QString>

#include <vector>

class Database;

namespace Data {
/// The investigator's note and bookmark on one flow (shown in the window and the report).
struct FlowNote
{
    qint64 flowId = 0;
    QString note;
    bool bookmarked = false;
    Timestamp updatedAt = 0;
};
} // namespace Data

/// Typed reads and writes of flow notes and bookmarks (user work: never recomputed, never lost on re-analysis).
namespace FlowNotes {
Data::FlowNote get(Database& db, qint64 flowId);
/// Saves the note and bookmark; an empty note without a bookmark removes the row.
void set(Database& db, const Data::FlowNote& note);
/// Every flow with a note or a bookmark, in flow order.
std::vector<Data::FlowNote> all(Database& db);
} // namespace FlowNotes
