// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "flownotes.h"

#include "common/timeutil.h"
#include "database.h"

namespace FlowNotes {

Data::FlowNote get(Database& db, qint64 flowId)
{
    Data::FlowNote n;
    n.flowId = flowId;
    Statement& st = db.prepare("SELECT note, bookmarked, updated_at FROM flow_notes WHERE flow_id = ?1");
    st.bind(1, flowId);
    if (st.step()) {
        n.note = st.text(0);
        n.bookmarked = st.int64(1) != 0;
        n.updatedAt = st.int64(2);
    }
    st.reset();
    return n;
}

void set(Database& db, const Data::FlowNote& n)
{
    if (n.note.trimmed().isEmpty() && !n.bookmarked) {
        Statement& del = db.prepare("DELETE FROM flow_notes WHERE flow_id = ?1");
        del.bind(1, n.flowId);
        del.run();
        return;
    }
    Statement& st =
        db.prepare("INSERT INTO flow_notes (flow_id, note, bookmarked, updated_at) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (flow_id) DO UPDATE SET note = excluded.note, bookmarked = excluded.bookmarked, "
                   "updated_at = excluded.updated_at");
    st.bind(1, n.flowId)
        .bind(2, n.note.trimmed().isEmpty() ? QString() : n.note)
        .bind(3, n.bookmarked ? 1 : 0)
        .bind(4, TimeUtil::now());
    st.run();
}

std::vector<Data::FlowNote> all(Database& db)
{
    std::vector<Data::FlowNote> out;
    Statement& st = db.prepare("SELECT flow_id, note, bookmarked, updated_at FROM flow_notes ORDER BY flow_id");
    while (st.step())
        out.push_back({ st.int64(0), st.text(1), st.int64(2) != 0, st.int64(3) });
    st.reset();
    return out;
}

} // namespace FlowNotes
