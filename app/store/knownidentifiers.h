// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <vector>

class Database;

namespace Data {

/// A value the investigator knows is theirs (or planted as a canary): EXPORT.md "Known identifiers JSON".
struct KnownIdentifier
{
    qint64 id = 0;
    QString label;
    QString category; ///< TAXONOMY.md id
    QString value; ///< for location.precise: "lat,lon"
};

} // namespace Data

/// The `known_identifiers` table (schema migration 2): typed reads and writes.
namespace KnownIdentifierStore {

std::vector<Data::KnownIdentifier> list(Database& db);

struct MergeResult
{
    int added = 0;
    int updated = 0; ///< same category and value: the label was replaced
    int unchanged = 0;
};

/// Adds identifiers; one with the same category and value as a stored one updates its label. Runs in one
/// transaction.
MergeResult merge(Database& db, const std::vector<Data::KnownIdentifier>& identifiers);

/// Replaces every stored identifier by `identifiers` (the editor's "apply"), in one transaction.
void replaceAll(Database& db, const std::vector<Data::KnownIdentifier>& identifiers);

/// Removes one identifier.
void remove(Database& db, qint64 id);

} // namespace KnownIdentifierStore
