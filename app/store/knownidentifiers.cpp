// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "knownidentifiers.h"

#include "common/timeutil.h"
#include "database.h"

namespace KnownIdentifierStore {

std::vector<Data::KnownIdentifier> list(Database& db)
{
    std::vector<Data::KnownIdentifier> out;
    Statement& st = db.prepare("SELECT id, label, category, value FROM known_identifiers ORDER BY id");
    while (st.step())
        out.push_back({ st.int64(0), st.text(1), st.text(2), st.text(3) });
    st.reset();
    return out;
}

namespace {

bool insertOrUpdate(Database& db, const Data::KnownIdentifier& k, MergeResult* r)
{
    Statement& find = db.prepare("SELECT id, label FROM known_identifiers WHERE category = ?1 AND value = ?2");
    find.bind(1, k.category).bind(2, k.value);
    if (find.step()) {
        const qint64 id = find.int64(0);
        const QString label = find.text(1);
        find.reset();
        if (label == k.label) {
            ++r->unchanged;
            return false;
        }
        Statement& up = db.prepare("UPDATE known_identifiers SET label = ?1 WHERE id = ?2");
        up.bind(1, k.label).bind(2, id);
        up.run();
        ++r->updated;
        return true;
    }
    find.reset();
    Statement& ins =
        db.prepare("INSERT INTO known_identifiers (label, category, value, created_at) VALUES (?1, ?2, ?3, ?4)");
    ins.bind(1, k.label).bind(2, k.category).bind(3, k.value).bind(4, TimeUtil::now());
    ins.run();
    ++r->added;
    return true;
}

} // namespace

MergeResult merge(Database& db, const std::vector<Data::KnownIdentifier>& identifiers)
{
    MergeResult r;
    Transaction tx(db);
    for (const auto& k : identifiers)
        insertOrUpdate(db, k, &r);
    tx.commit();
    return r;
}

void replaceAll(Database& db, const std::vector<Data::KnownIdentifier>& identifiers)
{
    Transaction tx(db);
    db.exec("DELETE FROM known_identifiers");
    MergeResult r;
    for (const auto& k : identifiers)
        insertOrUpdate(db, k, &r);
    tx.commit();
}

void remove(Database& db, qint64 id)
{
    Statement& st = db.prepare("DELETE FROM known_identifiers WHERE id = ?1");
    st.bind(1, id);
    st.run();
}

} // namespace KnownIdentifierStore
