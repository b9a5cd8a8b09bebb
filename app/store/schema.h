// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class Database;

/// The investigation file's schema: versioned with PRAGMA user_version and upgraded by migrations, each in
/// its own transaction (STYLE.md 14). Analysis results live in derived tables that each pass creates itself
/// (see DerivedTables) and are recomputed rather than migrated.
namespace Schema {

/// 'LSCP': marks a SQLite file as a Leakscope investigation (PRAGMA application_id).
constexpr int ApplicationId = 0x4C534350;

/// The version this build writes. Files with a higher version come from a newer Leakscope and are refused.
int currentVersion();

/// Brings a file from its version up to `target` (currentVersion() by default). A fresh file starts at 0.
/// Throws StoreError; a failed step leaves the file at the last good version.
void migrate(Database& db, int target = -1);

/// The only virtual tables a file may hold: the search index's (TextIndexPass), exactly as created here, with
/// SQLite's built-in FTS5 module and trigram tokenizer and no content table (they read no other table).
extern const char* const FlowTextIndexSql;
extern const char* const FindingTextIndexSql;

/// Refuses files that are not ours or that carry objects we never create (triggers, views, virtual tables other
/// than the two above): an investigation from a stranger must not be able to run anything. Throws StoreError.
void verify(Database& db, const QString& fileName);

} // namespace Schema
