// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvwriter.h"

#include "common/timeutil.h"

#include <QIODevice>

CsvWriter::CsvWriter(QIODevice& device)
    : m_device(device)
{ }

QByteArray CsvWriter::escape(const QString& value)
{
    // Valid UTF-8 whatever the string holds: lone surrogates and NUL become U+FFFD.
    QString clean;
    const QString* text = &value;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        const bool pair = c.isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate();
        if (pair) {
            if (!clean.isNull())
                clean += c, clean += value.at(i + 1);
            ++i;
            continue;
        }
        const bool bad = c.isSurrogate() || c.unicode() == 0;
        if (bad && clean.isNull()) {
            clean = value.left(i);
            text = &clean;
        }
        if (!clean.isNull())
            clean += bad ? QChar(QChar::ReplacementCharacter) : c;
    }
    QByteArray bytes = text->toUtf8();
    bool quote = bytes.startsWith(' ') || bytes.endsWith(' ');
    for (const char ch : bytes) {
        if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
            quote = true;
            break;
        }
    }
    if (!quote)
        return bytes;
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

void CsvWriter::raw(const QByteArray& bytes)
{
    m_buffer += bytes;
}

void CsvWriter::field(const QString& value)
{
    if (!m_firstField)
        raw(QByteArrayLiteral(","));
    m_firstField = false;
    raw(escape(value));
}

void CsvWriter::field(qint64 value)
{
    field(QString::number(value));
}

void CsvWriter::field(bool value)
{
    field(value ? QStringLiteral("true") : QStringLiteral("false"));
}

void CsvWriter::timestamp(Data::Timestamp ts)
{
    field(ts ? TimeUtil::formatIsoUtc(ts) : QString());
}

void CsvWriter::list(const QStringList& values)
{
    field(values.join(QLatin1Char(' ')));
}

void CsvWriter::endRow()
{
    raw(QByteArrayLiteral("\r\n"));
    m_firstField = true;
    ++m_rows;
    // Written in blocks of whole rows, so a failing device is noticed early.
    if (m_buffer.size() >= (1 << 15))
        finish();
}

bool CsvWriter::finish()
{
    if (!m_buffer.isEmpty() && m_device.write(m_buffer) != m_buffer.size())
        m_ok = false;
    m_buffer.clear();
    return m_ok;
}

void CsvWriter::row(const QStringList& fields)
{
    for (const QString& f : fields)
        field(f);
    endRow();
}
