// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class ByteSource;
class BufferedInput;

/// One row of a Zeek log, whatever the writer: unset fields are absent, sets and vectors are lists, booleans
/// are "T"/"F" as in the TSV form, and nested JSON objects are flattened to the dotted names of the TSV
/// header ("id.orig_h").
struct ZeekRow
{
    QHash<QByteArray, QList<QByteArray>> fields;
    qint64 line = 0;

    bool has(const QByteArray& name) const
    {
        return fields.contains(name);
    }
    /// The (first) value, or a null QByteArray when unset.
    QByteArray value(const QByteArray& name) const
    {
        const auto it = fields.constFind(name);
        return it == fields.cend() || it->isEmpty() ? QByteArray() : it->first();
    }
    QList<QByteArray> values(const QByteArray& name) const
    {
        return fields.value(name);
    }
    QString text(const QByteArray& name) const
    {
        return QString::fromUtf8(value(name));
    }
    qint64 number(const QByteArray& name, qint64 fallback = -1) const;
};

/// Reads a Zeek log (docs.zeek.org ASCII writer; research/formats-and-detection.md §3.4) row by row: the TSV form
/// with its "#fields"/"#types" header (any "#separator", escapes decoded), or the JSON form, one object per line.
/// Column positions are never assumed: the header (or each JSON object) names them.
class ZeekLogReader
{
public:
    explicit ZeekLogReader(ByteSource& source);
    ~ZeekLogReader();

    /// Reads the header (TSV) or the first object (JSON) and works out which log this is. False when the file
    /// is not a Zeek log (error() says why).
    bool open();
    /// The next row. False at the end, or on a read error (error() set).
    bool next(ZeekRow& row);

    /// conn, http, dns, ssl, quic, files, … from "#path" / "_path" ("open_conn" counts as conn), or worked out from
    /// the columns when the log does not say. Empty when unknown.
    QString kind() const
    {
        return m_kind;
    }
    /// "#path" or "_path" as written, if any.
    QString declaredPath() const
    {
        return m_path;
    }
    /// The columns: the TSV "#fields", or the keys of the first JSON object.
    QList<QByteArray> columns() const
    {
        return m_columns;
    }
    bool isJson() const
    {
        return m_json;
    }
    QString error() const
    {
        return m_error;
    }
    /// Lines that were skipped, with why ("line 7: 12 of 21 fields; the file may end mid-record").
    QStringList problems() const
    {
        return m_problems;
    }
    qint64 skippedLines() const
    {
        return m_skipped;
    }
    qint64 position() const;

    /// Which log a set of columns belongs to (conn, http, dns, ssl, quic, files), empty when none fits.
    static QString kindFromColumns(const QList<QByteArray>& columns);

private:
    bool readLine(QByteArray& line);
    bool parseTsvRow(const QByteArray& line, ZeekRow& row);
    bool parseJsonRow(const QByteArray& line, ZeekRow& row);
    void problem(const QString& what);

    ByteSource& m_source;
    std::unique_ptr<BufferedInput> m_in;
    bool m_json = false;
    QByteArray m_separator = "\t";
    QByteArray m_setSeparator = ",";
    QByteArray m_emptyField = "(empty)";
    QByteArray m_unsetField = "-";
    QList<QByteArray> m_columns;
    QList<bool> m_isList; ///< by column: set[...] / vector[...] types
    QString m_kind;
    QString m_path;
    QString m_error;
    QStringList m_problems;
    qint64 m_skipped = 0;
    qint64 m_line = 0;
    bool m_havePending = false;
    QByteArray m_pending; ///< the first data line, read while looking at the header
    qint64 m_pendingLine = 0;
};
