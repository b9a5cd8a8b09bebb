// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <unordered_map>
#include <vector>

/// Helpers for the "rows of these ids, in this order" reads behind the paged lists.
namespace IdOrder {

/// "1,2,3": the ids for an `IN (…)` list (numbers, so nothing to quote).
inline QByteArray sqlList(const std::vector<qint64>& ids)
{
    QByteArray list;
    for (size_t i = 0; i < ids.size(); ++i)
        list += (i ? "," : "") + QByteArray::number(ids[i]);
    return list;
}

/// The rows of `byId` in the order of `ids`; an id without a row (removed meanwhile) gives a default row with
/// only its id set, so a list stays aligned with its ids.
template <typename Row> std::vector<Row> inOrder(std::unordered_map<qint64, Row>& byId, const std::vector<qint64>& ids)
{
    std::vector<Row> out;
    out.reserve(ids.size());
    for (qint64 id : ids) {
        auto it = byId.find(id);
        if (it != byId.end()) {
            out.push_back(std::move(it->second));
        } else {
            out.emplace_back();
            out.back().id = id;
        }
    }
    return out;
}

} // namespace IdOrder
