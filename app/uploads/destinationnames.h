// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

class Database;

/// Names a host for the timeline lanes and the comparison: the company behind it when the enrich pass's
/// `destinations` table exists and knows it, else the registrable domain (libpsl). Built once per query.
class DestinationNames
{
public:
    explicit DestinationNames(Database& db);
    /// The owning company, or an empty string when unknown (or no destinations table).
    QString entity(const QString& host) const;
    QString registrableDomain(const QString& host) const;
    /// entity(), else registrableDomain().
    QString lane(const QString& host) const;
    bool hasEntities() const
    {
        return !m_entities.isEmpty();
    }

private:
    QHash<QString, QString> m_entities;
    mutable QHash<QString, QString> m_domains;
};
