// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

/// ISO 3166-1 codes and English names (from Debian iso-codes, shipped as data/countries.tsv): GeoIP speaks
/// alpha-2, the world map's shapes carry numeric ids, people read names.
class CountryTable
{
public:
    struct Country
    {
        QString alpha2;
        QString alpha3;
        QString numeric; ///< three digits, "" when none (Kosovo)
        QString name;
    };

    /// Lines `alpha2<TAB>alpha3<TAB>numeric<TAB>name`; `#` lines are comments.
    bool load(const QString& path, QString* error);
    bool loadBytes(const QByteArray& text, QString* error);

    const Country* byAlpha2(const QString& alpha2) const;
    const Country* byNumeric(const QString& numeric) const;
    /// The name, or the code itself when unknown (never empty for a non-empty code).
    QString name(const QString& alpha2) const;
    qsizetype size() const
    {
        return m_countries.size();
    }

private:
    QHash<QString, Country> m_countries; ///< by alpha-2
    QHash<QString, QString> m_numeric; ///< numeric → alpha-2
};
