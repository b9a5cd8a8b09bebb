// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records.h"

#include <QList>
#include <QStringList>

namespace Data {

/// What the user is looking at: the one filter every page, the export and the report respect (STYLE.md 8).
/// Empty members mean "no restriction".
struct Filter
{
    QList<qint64> appIds;
    QList<qint64> captureIds;
    Timestamp from = 0; ///< inclusive, UTC µs; 0 = open
    Timestamp to = 0; ///< exclusive; 0 = open
    QStringList countries; ///< ISO 3166 alpha-2 of the server (GeoIP)
    QStringList companies; ///< entity ids
    QStringList hosts;
    QStringList categories; ///< TAXONOMY.md ids
    QString minConfidence; ///< low, medium, high; empty = all
    QString text; ///< free-text search

    bool isEmpty() const
    {
        return appIds.isEmpty() && captureIds.isEmpty() && from == 0 && to == 0 && countries.isEmpty()
            && companies.isEmpty() && hosts.isEmpty() && categories.isEmpty() && minConfidence.isEmpty() && text.isEmpty();
    }
    bool operator==(const Filter& o) const
    {
        return appIds == o.appIds && captureIds == o.captureIds && from == o.from && to == o.to && countries == o.countries
            && companies == o.companies && hosts == o.hosts && categories == o.categories
            && minConfidence == o.minConfidence && text == o.text;
    }
    bool operator!=(const Filter& o) const
    {
        return !(*this == o);
    }
};

} // namespace Data

Q_DECLARE_METATYPE(Data::Filter)
