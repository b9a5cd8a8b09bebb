// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonwriter.h"

#include "common/timeutil.h"

#include <QStringList>

JsonWriter::JsonWriter(QIODevice& device)
    : m_stream { &device, {}, true }
    , m_writer(m_stream)
{
    m_writer.SetIndent(' ', 2);
}

JsonWriter::~JsonWriter()
{
    m_stream.Flush();
}

void JsonWriter::key(const QString& name)
{
    const QByteArray utf8 = name.toUtf8();
    m_writer.Key(utf8.constData(), static_cast<rapidjson::SizeType>(utf8.size()), true);
}

void JsonWriter::value(const QString& s)
{
    if (s.isNull()) {
        m_writer.Null();
        return;
    }
    const QByteArray utf8 = s.toUtf8();
    m_writer.String(utf8.constData(), static_cast<rapidjson::SizeType>(utf8.size()), true);
}

void JsonWriter::timestamp(Data::Timestamp ts)
{
    if (ts == 0)
        m_writer.Null();
    else
        value(TimeUtil::formatIsoUtc(ts));
}

void JsonWriter::stringArray(const QStringList& list)
{
    startArray();
    for (const QString& s : list)
        value(s);
    endArray();
}

bool JsonWriter::flush()
{
    m_stream.Flush();
    return m_stream.ok;
}
