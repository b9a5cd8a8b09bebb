// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

/// Writes RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it holds a
/// comma, a double quote, CR or LF (or starts/ends with a space, which some readers trim), and double quotes
/// inside a quoted field doubled. Output is always valid UTF-8: strings from captures may hold lone
/// surrogates (from broken UTF-16 escapes) or NULs, which become U+FFFD so that no reader chokes on them.
/// Values are written as they are (no spreadsheet-formula escaping): the files are data, and a prefixed
/// quote would change the values a script reads.
/// Hand-written rather than a library: Qt has no CSV writer and the format is a dozen lines.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice& device);

    void field(const QString& value);
    void field(qint64 value);
    void field(bool value);
    /// ISO 8601 UTC ("2026-11-20T14:03:05.250000Z"), or an empty field for an unknown (0) time.
    void timestamp(Data::Timestamp ts);
    /// A list in one field, items separated by a space (hosts, countries and ids contain none).
    void list(const QStringList& values);
    void endRow();
    void row(const QStringList& fields);
    /// Writes what is buffered; call once at the end. Returns ok().
    bool finish();

    /// False when a write to the device failed.
    bool ok() const
    {
        return m_ok;
    }
    qint64 rows() const
    {
        return m_rows;
    }

    /// One field as it appears in the file (quoted and escaped when needed), as UTF-8.
    static QByteArray escape(const QString& value);

private:
    void raw(const QByteArray& bytes);

    QIODevice& m_device;
    QByteArray m_buffer;
    bool m_firstField = true;
    bool m_ok = true;
    qint64 m_rows = 0;
};
