// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "filtersql.h"

#include "database.h"

#include <iterator>

FilterSql::FilterSql(const Data::Filter& filter, Table table, const char* alias, Rows rows)
    : m_filter(filter)
    , m_table(table)
    , m_alias(alias)
    , m_rows(rows)
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
    const bool findings = m_table == Table::Findings;
    addIn("app_id", m_filter.appIds);
    addIn("capture_id", m_filter.captureIds);
    if (findings) {
        buildFindings();
        return;
    }
    if (flows && (!m_filter.categories.isEmpty() || !m_filter.minConfidence.isEmpty())) {
        // Flows that carry personal data of these categories (the detect pass's findings). A list, not a correlated
        // EXISTS: for that, SQLite (without statistics) searched the findings by category once per flow, reading
        // every finding of the category each time (over a minute on a million flows).
        QByteArray part;
        if (m_rows == Rows::Few) // by the flow's own findings (the index on flow_id, not the one on category)
            part = "EXISTS (SELECT 1 FROM findings x INDEXED BY findings_flow WHERE x.flow_id = " + m_alias
                + ".id AND x.direction = 'request'";
        else
            part = m_alias + ".id IN (SELECT x.flow_id FROM findings x WHERE x.direction = 'request'";
        part += findingConditions("x");
        m_parts.append(part + ')');
    }
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
    destinationConditions(
        m_alias + ".id", flows ? "flow_destinations" : "connection_destinations", flows ? "flow_id" : "connection_id");
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

void FilterSql::destinationConditions(const QByteArray& id, const QByteArray& link, const QByteArray& linkId)
{
    // Countries and companies come from the enrich pass: the server country of the address each flow or
    // connection used, and the entity (or its parent company) behind its host.
    // Many rows: the list of matching ids, made once. Few rows: each row's link looked up by its key.
    const bool few = m_rows == Rows::Few;
    const QByteArray head = few ? QByteArray("EXISTS (SELECT 1") : QByteArray(id + " IN (SELECT l." + linkId);
    const QByteArray tail = few ? QByteArray(" AND l." + linkId + " = " + id + ')') : QByteArray(")");
    if (!m_filter.countries.isEmpty()) {
        QStringList upper;
        for (const QString& c : m_filter.countries)
            upper.append(c.toUpper());
        m_parts.append(head + " FROM " + link + " l WHERE l.country IN " + placeholders(upper) + tail);
    }
    if (!m_filter.companies.isEmpty()) {
        QByteArray part = head + " FROM " + link
            + " l JOIN destinations d ON d.id = l.destination_id WHERE (d.entity_id IN "
            + placeholders(m_filter.companies);
        part += " OR d.root_entity_id IN " + placeholders(m_filter.companies) + ")" + tail;
        m_parts.append(part);
    }
}

int FilterSql::confidenceRank(const QString& name)
{
    const QString n = name.trimmed().toLower();
    return n == u"high" ? 2 : n == u"medium" ? 1 : 0;
}

QByteArray FilterSql::findingConditions(const QByteArray& alias)
{
    QByteArray out;
    if (!m_filter.categories.isEmpty()) {
        out += " AND " + alias + ".category IN (";
        for (qsizetype i = 0; i < m_filter.categories.size(); ++i) {
            out += (i ? ", $" : "$");
            m_params.emplace_back(m_filter.categories[i]);
        }
        out += ')';
    }
    if (!m_filter.minConfidence.isEmpty()) {
        out += " AND " + alias + ".confidence >= $";
        m_params.emplace_back(static_cast<qint64>(confidenceRank(m_filter.minConfidence)));
    }
    return out;
}

void FilterSql::buildFindings()
{
    const QByteArray ts = m_alias + ".ts";
    if (m_filter.from != 0) {
        m_parts.append(ts + " >= $");
        m_params.emplace_back(m_filter.from);
    }
    if (m_filter.to != 0) {
        m_parts.append(ts + " < $");
        m_params.emplace_back(m_filter.to);
    }
    addTextIn(m_alias + ".host", m_filter.hosts);
    destinationConditions(m_alias + ".flow_id", "flow_destinations", "flow_id");
    const QByteArray extra = findingConditions(m_alias);
    if (!extra.isEmpty())
        m_parts.append(extra.mid(5)); // without the leading " AND "
    if (!m_filter.text.isEmpty()) {
        QString pattern = m_filter.text;
        pattern.replace(QLatin1String("\\"), QLatin1String("\\\\"))
            .replace(QLatin1String("%"), QLatin1String("\\%"))
            .replace(QLatin1String("_"), QLatin1String("\\_"));
        QByteArray part = "(";
        const char* columns[] = { ".host", ".category", ".key", ".evidence", ".known_identifier" };
        for (size_t i = 0; i < std::size(columns); ++i) {
            part += (i ? " OR " : "") + m_alias + columns[i] + " LIKE $ ESCAPE '\\'";
            m_params.emplace_back(QLatin1Char('%') + pattern + QLatin1Char('%'));
        }
        m_parts.append(part + ')');
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
