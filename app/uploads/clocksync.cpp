// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clocksync.h"

#include "store/database.h"

#include <QUrl>

#include <algorithm>

namespace ClockSync {

std::vector<Sighting> find(Database& db, qint64 captureId, const QString& beacon)
{
    std::vector<Sighting> out;
    const QString needle = beacon.trimmed().toLower();
    if (needle.size() < 4)
        return out;
    QString host = needle;
    if (needle.contains(u"://"))
        host = QUrl(needle).host().toLower();
    {
        Statement st(db.handle(),
            "SELECT id, coalesce(ts_start, 0), coalesce(method, ''), coalesce(url, '') FROM flows WHERE capture_id = "
            "?1 AND ts_start IS NOT NULL AND (instr(lower(url), ?2) > 0 OR lower(host) = ?3) ORDER BY ts_start LIMIT "
            "50");
        st.bind(1, captureId).bind(2, needle).bind(3, host);
        while (st.step())
            out.push_back({ st.int64(1), QStringLiteral("%1 %2").arg(st.text(2), st.text(3).left(200)), st.int64(0) });
    }
    if (!host.isEmpty()) {
        Statement st(db.handle(),
            "SELECT coalesce(ts, 0), name FROM dns_answers WHERE capture_id = ?1 AND ts IS NOT NULL AND "
            "(lower(name) = ?2 OR instr(lower(name), ?2) > 0) ORDER BY ts LIMIT 50");
        st.bind(1, captureId).bind(2, host);
        while (st.step())
            out.push_back({ st.int64(0), QStringLiteral("DNS answer for %1").arg(st.text(1).left(200)), 0 });
        Statement conn(db.handle(),
            "SELECT coalesce(first_seen, 0), name FROM connections WHERE capture_id = ?1 AND first_seen IS NOT NULL "
            "AND instr(lower(name), ?2) > 0 ORDER BY first_seen LIMIT 50");
        conn.bind(1, captureId).bind(2, host);
        while (conn.step())
            out.push_back({ conn.int64(0), QStringLiteral("connection to %1").arg(conn.text(1).left(200)), 0 });
    }
    std::stable_sort(out.begin(), out.end(), [](const Sighting& a, const Sighting& b) { return a.ts < b.ts; });
    return out;
}

std::optional<qint64> offsetFromBeacon(
    Database& db, qint64 captureId, const QString& beacon, Data::Timestamp openedAt, QString* error, Sighting* used)
{
    const std::vector<Sighting> seen = find(db, captureId, beacon);
    if (seen.empty()) {
        *error =
            QStringLiteral("the capture shows no request, DNS answer or connection for \"%1\"").arg(beacon.left(200));
        return std::nullopt;
    }
    if (used)
        *used = seen.front();
    return offsetFor(openedAt, seen.front().ts);
}

} // namespace ClockSync
