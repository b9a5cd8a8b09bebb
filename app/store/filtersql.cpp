// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "filtersql.h"

#include "database.h"

FilterSql::FilterSql(const Data::Filter& filter, Table table, const char* alias)
    : m_filter(filter)
    , m_table(table)
    , m_alias(alias)
{
    build();
}

void FilterSql::addIn(const QByteArray& column, const QList<qint64>& values)
{
    if (values.isEmpty())
        return;
    QByteArray part = m_alias + '.' + column + " IN (";
    for (qsizetype i = 0; i < values.size(); ++i) {
        part += (i ? ", $" : "$");
        m_params.emplace_back(values[i]);
    }
    m_parts.append(part + ')');
}

void FilterSql::addTextIn(const QByteArray& column, const QStringList& values)
{
    if (values.isEmpty())
        return;
    QByteArray part = column + " IN (";
    for (qsizetype i = 0; i < values.size(); ++i) {
        part += (i ? ", $" : "$");
        m_params.emplace_back(values[i]);
    }
    m_parts.append(part + ')');
}

QByteArray FilterSql::placeholders(const QStringList& values)
{
    QByteArray list = "(";
    for (qsizetype i = 0; i < values.size(); ++i) {
        list += (i ? ", $" : "$");
        m_params.emplace_back(values[i]);
    }
    return list + ')';
}

void FilterSql::build()
{
    const bool flows = m_table == Table::Flows;
    addIn("app_id", m_filter.appIds);
    addIn("capture_id", m_filter.captureIds);
    const QByteArray start = m_alias + (flows ? ".ts_start" : ".first_seen");
    if (m_filter.from != 0) {
        // A conversation overlapping the range counts: it ends at or after `from`.
        m_parts.append("coalesce(" + m_alias + (flows ? ".ts_end" : ".last_seen") + ", " + start + ") >= $");
        m_params.emplace_back(m_filter.from);
    }
    if (m_filter.to != 0) {
        m_parts.append(start + " < $");
        m_params.emplace_back(m_filter.to);
    }
    addTextIn(m_alias + (flows ? ".host" : ".name"), m_filter.hosts);
    // Countries and companies come from the enrich pass: the server country of the address each flow or
    // connection used, and the entity (or its parent company) behind its host.
    const QByteArray link = flows ? "flow_destinations" : "connection_destinations";
    const QByteArray linkId = flows ? "flow_id" : "connection_id";
    if (!m_filter.countries.isEmpty()) {
        QStringList upper;
        for (const QString& c : m_filter.countries)
            upper.append(c.toUpper());
        m_parts.append(m_alias + ".id IN (SELECT " + linkId + " FROM " + link + " WHERE country IN " + placeholders(upper) + ")");
    }
    if (!m_filter.companies.isEmpty()) {
        QByteArray part = m_alias + ".id IN (SELECT l." + linkId + " FROM " + link
            + " l JOIN destinations d ON d.id = l.destination_id WHERE d.entity_id IN " + placeholders(m_filter.companies);
        part += " OR d.root_entity_id IN " + placeholders(m_filter.companies) + ")";
        m_parts.append(part);
    }
    if (!m_filter.text.isEmpty() && flows) {
        // URL, host and both header lists; bodies are compressed inside the file and searched separately.
        QByteArray any;
        for (const char* column : { ".url", ".host", ".req_headers", ".resp_headers" })
            any += (any.isEmpty() ? "(" : " OR ") + m_alias + column + " LIKE $ ESCAPE '\\'";
        m_parts.append(any + ')');
        QString pattern = m_filter.text;
        pattern.replace(QLatin1String("\\"), QLatin1String("\\\\"))
            .replace(QLatin1String("%"), QLatin1String("\\%"))
            .replace(QLatin1String("_"), QLatin1String("\\_"));
        for (int i = 0; i < 4; ++i)
            m_params.emplace_back(QLatin1Char('%') + pattern + QLatin1Char('%'));
    }
}

QByteArray FilterSql::conditions(int firstParameter) const
{
    QByteArray out;
    int n = firstParameter;
    for (const QByteArray& part : m_parts) {
        QByteArray p;
        for (char c : part) {
            if (c == '$')
                p += '?' + QByteArray::number(n++);
            else
                p += c;
        }
        out += " AND " + p;
    }
    return out;
}

void FilterSql::bind(Statement& statement, int firstParameter) const
{
    int n = firstParameter;
    for (const QVariant& v : m_params) {
        if (v.typeId() == QMetaType::QString)
            statement.bind(n++, v.toString());
        else
            statement.bind(n++, v.toLongLong());
    }
}
