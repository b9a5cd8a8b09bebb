// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pipeline/analysispass.h"

#include <QString>

#include <vector>

class Database;

/// The index behind the text filter: every three-character sequence of the flows' URLs, hosts and headers and of
/// the findings' searched columns (SQLite FTS5's trigram tokenizer, detail=none: which rows contain a sequence,
/// not where). Without it a search read every URL and header of the file: 0.9–2.6 s on a million flows
/// (bench_ui). With it, the rows holding all of a text's sequences are found from the index and only those are
/// tested. It holds no text of its own ("contentless"); on a million generated flows it added 17 % to the file
/// (1 070 → 1 253 MB) and 21–25 s to the analysis.
class TextIndexPass : public AnalysisPass
{
public:
    QString id() const override
    {
        return QStringLiteral("search");
    }
    QString displayName() const override
    {
        return QStringLiteral("Search index");
    }
    QStringList dependsOn() const override
    {
        return { QStringLiteral("detect") }; // indexes the findings
    }
    int schemaVersion() const override
    {
        return 1;
    }
    QStringList tables() const override;
    void createTables(Database& db) override;
    /// An index without content cannot be emptied by DELETE: FTS5's 'delete-all' command does it.
    void clearTables(Database& db) override;
    bool run(Investigation& investigation, const ProgressCallback& progress) override;
};

namespace TextSearch {

/// The rows a text filter keeps, ids ascending.
struct Matches
{
    std::vector<qint64> flows; ///< URL, host, request or response headers contain the text
    std::vector<qint64> findings; ///< host, category, key, evidence or known identifier contain the text
};

/// The flows and findings containing `text`, exactly as FilterSql's text conditions select them (LIKE: ASCII
/// letters in either case). Uses the index when the search pass is current and the text has three characters
/// or more; otherwise reads every row, as the SQL filters do. Throws StoreError.
Matches find(Database& db, const QString& text);

/// The FTS5 query for `text`: its three-character sequences, all required ("abc" AND "bcd" …); at most `limit`
/// of them, spread over the text (fewer only let more candidates through to the exact test). Empty for texts
/// shorter than three characters.
QString indexQuery(const QString& text, int limit = 24);

} // namespace TextSearch
