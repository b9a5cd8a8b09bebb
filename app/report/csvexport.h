// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"
#include "ingest/captureimporter.h"

#include <QString>
#include <QStringList>

#include <array>

class Investigation;
class QIODevice;

/// CSV files for data journalists (issue 9): destinations, findings, uploads and flows, one file each. RFC
/// 4180 (CsvWriter), UTF-8, a header row, ISO 8601 UTC timestamps, byte counts as integers, lists in one
/// field separated by spaces. Each table follows the filter exactly as the JSON export does; the columns of
/// destinations, findings and uploads are named like the JSON export's fields (EXPORT.md).
namespace CsvExport {

enum class Table
{
    Destinations,
    Findings,
    Uploads,
    Flows
};
constexpr std::array<Table, 4> allTables { Table::Destinations, Table::Findings, Table::Uploads, Table::Flows };

/// "destinations.csv", …
QString fileName(Table table);
/// The header row of a table.
QStringList columns(Table table);

/// Writes one table to `out`. Returns the number of data rows, or -1 with `error` set (a store error or a
/// failed write). `progress` is polled between blocks of rows and may cancel.
qint64 write(Investigation& investigation, Table table, QIODevice& out, const Data::Filter& filter, QString* error,
    const ProgressCallback& progress = {});

struct Result
{
    bool ok = false;
    QString error;
    QStringList files; ///< absolute paths written
    qint64 rows[4] = { 0, 0, 0, 0 }; ///< data rows per table, in allTables order
};

/// Writes the four files into `directory` (created when missing). Each file is written to a temporary file
/// and renamed, so a failure never leaves half a file; files written before a failure stay.
Result writeAll(Investigation& investigation, const QString& directory, const Data::Filter& filter,
    const ProgressCallback& progress = {});

} // namespace CsvExport
