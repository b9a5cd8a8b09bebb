// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QIODevice>
#include <QString>

#include <rapidjson/prettywriter.h>

/// Streaming JSON output (RapidJSON) onto a QIODevice, with the conventions of EXPORT.md: ISO-8601 UTC
/// timestamps, integers for byte counts, null for unknown values.
class JsonWriter
{
public:
    explicit JsonWriter(QIODevice& device);
    ~JsonWriter();

    void startObject()
    {
        m_writer.StartObject();
    }
    void endObject()
    {
        m_writer.EndObject();
    }
    void startArray()
    {
        m_writer.StartArray();
    }
    void endArray()
    {
        m_writer.EndArray();
    }
    void key(const char* name)
    {
        m_writer.Key(name);
    }
    void key(const QString& name);
    void null()
    {
        m_writer.Null();
    }
    void value(const QString& s); ///< a null QString writes null
    void value(const char* s)
    {
        m_writer.String(s);
    }
    void value(qint64 v)
    {
        m_writer.Int64(v);
    }
    void value(int v)
    {
        m_writer.Int(v);
    }
    void value(double v)
    {
        m_writer.Double(v);
    }
    void value(bool v)
    {
        m_writer.Bool(v);
    }
    /// ISO-8601 UTC, or null for an unknown (0) timestamp.
    void timestamp(Data::Timestamp ts);
    /// The string, or null when empty.
    void stringOrNull(const QString& s)
    {
        value(s.isEmpty() ? QString() : s);
    }
    void stringArray(const QStringList& list);

    bool flush();

private:
    struct DeviceStream
    {
        typedef char Ch;
        QIODevice* device;
        QByteArray buffer;
        bool ok = true;
        void Put(char c)
        {
            buffer.append(c);
            if (buffer.size() >= 1 << 16)
                Flush();
        }
        void Flush()
        {
            if (!buffer.isEmpty() && device->write(buffer) != buffer.size())
                ok = false;
            buffer.clear();
        }
    };
    DeviceStream m_stream;
    rapidjson::PrettyWriter<DeviceStream> m_writer;
};
