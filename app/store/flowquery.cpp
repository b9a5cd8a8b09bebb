// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "flowquery.h"

#include "bodystore.h"
#include "common/contentcoding.h"
#include "database.h"
#include "filtersql.h"
#include "idorder.h"

#include <unordered_map>
#include <unordered_set>

namespace FlowQuery {

namespace {

const char* orderColumn(SortKey key)
{
    switch (key) {
    case SortKey::Id:
        return "f.id";
    case SortKey::Time:
        return "f.ts_start";
    case SortKey::App:
        return "(SELECT name FROM apps WHERE id = f.app_id)";
    case SortKey::Method:
        return "f.method";
    case SortKey::Host:
        return "f.host";
    case SortKey::Url:
        return "f.url";
    case SortKey::Status:
        return "f.status";
    case SortKey::ContentType:
        return "coalesce(f.resp_content_type, f.req_content_type)";
    case SortKey::Sent:
        return "coalesce(f.req_size, f.req_wire_size)";
    case SortKey::Received:
        return "coalesce(f.resp_size, f.resp_wire_size)";
    case SortKey::Note:
        return "(SELECT bookmarked * 2 + (note IS NOT NULL) FROM flow_notes WHERE flow_id = f.id)";
    }
    return "f.id";
}

} // namespace

std::vector<qint64> ids(Database& db, const Data::Filter& filter, SortKey key, bool descending)
{
    const FilterSql where(filter, FilterSql::Table::Flows, "f");
    const QByteArray direction = descending ? " DESC" : " ASC";
    const QByteArray sql = "SELECT f.id FROM flows f WHERE 1" + where.conditions() + " ORDER BY " + orderColumn(key)
        + direction + ", f.id" + direction;
    Statement st(db.handle(), sql.constData());
    where.bind(st);
    std::vector<qint64> out;
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

std::vector<qint64> idsSearchingBodies(
    Database& db, const Data::Filter& filter, SortKey key, bool descending, const std::function<bool()>& cancelled)
{
    if (filter.text.isEmpty())
        return ids(db, filter, key, descending);
    const std::vector<qint64> metadataMatches = ids(db, filter, key, descending);
    const std::unordered_set<qint64> matched(metadataMatches.begin(), metadataMatches.end());
    Data::Filter withoutText = filter;
    withoutText.text.clear();
    const QByteArray needle = filter.text.toUtf8().toLower();
    constexpr qint64 kMaxSearched = 32 * 1024 * 1024;
    std::vector<qint64> out;
    Statement& bodies =
        db.prepare("SELECT req_body_id, req_encoding, resp_body_id, resp_encoding FROM flows WHERE id = ?1");
    for (qint64 id : ids(db, withoutText, key, descending)) {
        if (cancelled && cancelled())
            break;
        if (matched.count(id)) {
            out.push_back(id);
            continue;
        }
        bodies.bind(1, id);
        if (!bodies.step()) {
            bodies.reset();
            continue;
        }
        const std::pair<qint64, QByteArray> parts[] = { { bodies.int64(0), bodies.blob(1) },
            { bodies.int64(2), bodies.blob(3) } };
        bodies.reset();
        for (const auto& [bodyId, encoding] : parts) {
            if (!bodyId)
                continue;
            QByteArray data = BodyStore::get(db, bodyId, kMaxSearched);
            if (!encoding.isEmpty())
                data = ContentCoding::decode(data, encoding, kMaxSearched).data;
            if (data.toLower().contains(needle)) {
                out.push_back(id);
                break;
            }
        }
    }
    return out;
}

std::vector<Data::FlowRow> rows(Database& db, const std::vector<qint64>& ids)
{
    if (ids.empty())
        return {};
    const QByteArray sql =
        "SELECT f.id, f.capture_id, f.ts_start, a.name, f.method, f.host, f.url, f.status, "
        "coalesce(f.resp_content_type, f.req_content_type), coalesce(f.req_size, f.req_wire_size), "
        "coalesce(f.resp_size, f.resp_wire_size), f.flags, f.l7, n.bookmarked, n.note FROM flows f "
        "LEFT JOIN apps a ON a.id = f.app_id LEFT JOIN flow_notes n ON n.flow_id = f.id WHERE f.id IN ("
        + IdOrder::sqlList(ids) + ")";
    Statement st(db.handle(), sql.constData());
    std::unordered_map<qint64, Data::FlowRow> byId;
    while (st.step()) {
        Data::FlowRow r;
        r.id = st.int64(0);
        r.captureId = st.int64(1);
        r.ts = st.int64(2);
        r.app = st.text(3);
        r.method = st.text(4);
        r.host = st.text(5);
        r.url = st.text(6);
        r.status = static_cast<int>(st.int64(7));
        r.contentType = st.text(8);
        r.sent = st.isNull(9) ? -1 : st.int64(9);
        r.received = st.isNull(10) ? -1 : st.int64(10);
        r.flags = static_cast<quint32>(st.int64(11));
        r.l7 = st.text(12);
        r.bookmarked = st.int64(13) != 0;
        r.note = st.text(14);
        byId.emplace(r.id, std::move(r));
    }
    return IdOrder::inOrder(byId, ids);
}

} // namespace FlowQuery
