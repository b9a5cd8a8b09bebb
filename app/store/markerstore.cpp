// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "markerstore.h"

#include "common/timeutil.h"
#include "database.h"

namespace MarkerStore {

const QStringList& knownLabels()
{
    static const QStringList labels = { QStringLiteral("app_opened"), QStringLiteral("consent_shown"),
        QStringLiteral("consent_accepted"), QStringLiteral("consent_declined"), QStringLiteral("account_created"),
        QStringLiteral("logged_in"), QStringLiteral("opened_composer"), QStringLiteral("media_selected"),
        QStringLiteral("tapped_next"), QStringLiteral("caption_started"), QStringLiteral("caption_done"),
        QStringLiteral("tapped_save_draft"), QStringLiteral("tapped_post"), QStringLiteral("discarded"),
        QStringLiteral("app_backgrounded"), QStringLiteral("app_closed") };
    return labels;
}

namespace {

Data::Marker read(const Statement& st)
{
    Data::Marker m;
    m.id = st.int64(0);
    m.captureId = st.int64(1);
    m.ts = st.int64(2);
    m.label = st.text(3);
    m.note = st.text(4);
    m.createdAt = st.int64(5);
    return m;
}

} // namespace

std::vector<Data::Marker> list(Database& db, qint64 captureId)
{
    std::vector<Data::Marker> out;
    Statement& st =
        db.prepare("SELECT id, capture_id, ts, label, coalesce(note, ''), coalesce(created_at, 0) FROM markers "
                   "WHERE capture_id = ?1 ORDER BY ts, id");
    st.bind(1, captureId);
    while (st.step())
        out.push_back(read(st));
    st.reset();
    return out;
}

std::vector<Data::Marker> all(Database& db)
{
    std::vector<Data::Marker> out;
    Statement& st = db.prepare("SELECT id, capture_id, ts, label, coalesce(note, ''), coalesce(created_at, 0) "
                               "FROM markers ORDER BY capture_id, ts, id");
    while (st.step())
        out.push_back(read(st));
    st.reset();
    return out;
}

std::optional<Data::Marker> marker(Database& db, qint64 id)
{
    Statement& st = db.prepare("SELECT id, capture_id, ts, label, coalesce(note, ''), coalesce(created_at, 0) "
                               "FROM markers WHERE id = ?1");
    st.bind(1, id);
    std::optional<Data::Marker> out;
    if (st.step())
        out = read(st);
    st.reset();
    return out;
}

qint64 add(Database& db, const Data::Marker& m)
{
    Statement& st =
        db.prepare("INSERT INTO markers (id, capture_id, ts, label, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (m.id > 0)
        st.bind(1, m.id);
    else
        st.bindNull(1);
    st.bind(2, m.captureId).bind(3, m.ts).bind(4, m.label);
    st.bind(5, m.note.isEmpty() ? QString() : m.note);
    st.bind(6, m.createdAt ? m.createdAt : TimeUtil::now());
    st.run();
    return db.lastInsertId();
}

std::vector<qint64> addAll(Database& db, qint64 captureId, const std::vector<Data::Marker>& markers)
{
    std::vector<qint64> ids;
    Transaction tx(db);
    for (Data::Marker m : markers) {
        m.id = 0;
        m.captureId = captureId;
        ids.push_back(add(db, m));
    }
    tx.commit();
    return ids;
}

bool update(Database& db, const Data::Marker& m)
{
    Statement& st = db.prepare("UPDATE markers SET ts = ?1, label = ?2, note = ?3 WHERE id = ?4");
    st.bind(1, m.ts).bind(2, m.label).bind(3, m.note.isEmpty() ? QString() : m.note).bind(4, m.id);
    st.run();
    return db.changes() > 0;
}

bool remove(Database& db, qint64 id)
{
    Statement& st = db.prepare("DELETE FROM markers WHERE id = ?1");
    st.bind(1, id);
    st.run();
    return db.changes() > 0;
}

int removeAll(Database& db, qint64 captureId)
{
    Statement& st = db.prepare("DELETE FROM markers WHERE capture_id = ?1");
    st.bind(1, captureId);
    st.run();
    return db.changes();
}

qint64 clockOffset(Database& db, qint64 captureId)
{
    Statement& st = db.prepare("SELECT clock_offset_us FROM captures WHERE id = ?1");
    st.bind(1, captureId);
    const qint64 v = st.step() ? st.int64(0) : 0;
    st.reset();
    return v;
}

void setClockOffset(Database& db, qint64 captureId, qint64 offsetUs)
{
    Statement& st = db.prepare("UPDATE captures SET clock_offset_us = ?1 WHERE id = ?2");
    st.bind(1, offsetUs).bind(2, captureId);
    st.run();
}

} // namespace MarkerStore
