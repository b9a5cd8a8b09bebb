// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

#include <QByteArray>
#include <QVariant>

#include <vector>

class Statement;

/// Turns a Data::Filter into SQL conditions with bound parameters, so every query (pages, export, report)
/// applies the same filter the same way.
class FilterSql
{
public:
    /// Findings: the detect pass's `findings` table (alias columns app_id, capture_id, ts, host, category,
    /// confidence). For Flows, a category or confidence filter keeps flows with such a finding.
    enum class Table
    {
        Flows,
        Connections,
        Findings
    };

    /// How many rows the conditions will test. Many (a page's query over a table): a server country, company or
    /// category becomes the list of matching ids, made once. Few (an upload's requests, a burst's connections):
    /// each row's link or findings are looked up by its id instead, rather than listing every flow of a country.
    enum class Rows
    {
        Many,
        Few
    };

    /// `alias` is the table alias used in the query ("f" for flows, "c" for connections).
    FilterSql(const Data::Filter& filter, Table table, const char* alias, Rows rows = Rows::Many);

    /// " AND …" conditions (empty when the filter does not restrict this table), with ?NNN placeholders
    /// numbered from `firstParameter`.
    QByteArray conditions(int firstParameter = 100) const;
    /// Binds the parameters of conditions() to a statement prepared from it.
    void bind(Statement& statement, int firstParameter = 100) const;
    /// The stored confidence a filter's minimum confidence ("low", "medium", "high") means.
    static int confidenceRank(const QString& name);

private:
    void build();
    void addIn(const QByteArray& column, const QList<qint64>& values);
    void addTextIn(const QByteArray& column, const QStringList& values);
    /// "($, $, …)" for the values, which are appended to the parameters.
    QByteArray placeholders(const QStringList& values);
    void buildFindings();
    /// Country and company conditions on `id` through the enrich pass's link table (`link`.`linkId`).
    void destinationConditions(const QByteArray& id, const QByteArray& link, const QByteArray& linkId);
    /// " AND alias.category IN (…) AND alias.confidence >= …" for the filter's categories and confidence.
    QByteArray findingConditions(const QByteArray& alias);

    Data::Filter m_filter;
    Table m_table;
    QByteArray m_alias;
    Rows m_rows;
    QList<QByteArray> m_parts; ///< conditions with '$' where the next parameter number goes
    std::vector<QVariant> m_params;
};
