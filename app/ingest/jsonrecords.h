// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>
#include <rapidjson/document.h>

class BufferedInput;

/// Streams the records of a JSON capture one at a time, with RapidJSON's SAX reader like the HAR importer:
/// the elements of a top-level array (Charles .chlsj), or a sequence of top-level objects (newline-delimited
/// JSON: Zeek's JSON logs, Apple's App Privacy Report, a Charles session saved one object per line). Only the
/// current record is held in memory.
class JsonRecordReader
{
public:
    struct Position
    {
        qint64 index = 0; ///< 0-based record number
        qint64 line = 1; ///< 1-based line where the record starts
    };
    /// Returns false to stop reading.
    using Callback = std::function<bool(const rapidjson::Value& record, const Position& where)>;

    explicit JsonRecordReader(BufferedInput& input);

    /// Reads every record. False on broken JSON (error() names line and column) or when the callback stopped.
    bool read(const Callback& callback);

    QString error() const
    {
        return m_error;
    }
    bool stopped() const
    {
        return m_stopped;
    }
    /// The document was a top-level array (else a sequence of objects).
    bool sawArray() const
    {
        return m_sawArray;
    }
    qint64 records() const
    {
        return m_records;
    }
    /// Top-level values that were neither objects nor arrays of objects (skipped).
    qint64 skippedValues() const
    {
        return m_skipped;
    }
    int repairedSurrogates() const
    {
        return m_repaired;
    }

private:
    BufferedInput& m_in;
    QString m_error;
    bool m_stopped = false;
    bool m_sawArray = false;
    qint64 m_records = 0;
    qint64 m_skipped = 0;
    int m_repaired = 0;
};
