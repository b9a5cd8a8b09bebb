// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

/// The project's CC0 entity list (resources/data/entities.json): the companies behind domains, their parent,
/// headquarters country and legal domicile, and a category. A host belongs to the entity that lists the
/// longest suffix of it (x.s3.amazonaws.com → amazonaws.com → Amazon).
class EntityList
{
public:
    struct Entity
    {
        QString id;
        QString displayName;
        QString legalName;
        QString parent; ///< entity id, or empty
        QString hqCountry; ///< ISO 3166-1 alpha-2
        QString legalDomicile; ///< ISO 3166-1 alpha-2
        QString category; ///< an id of categories()
        QStringList domains;
        QString sourceNote;
    };

    /// Reads the file; returns false with `error` naming the entity or position when it is malformed.
    bool load(const QString& path, QString* error);
    bool loadBytes(const QByteArray& json, QString* error);

    QString name() const
    {
        return m_name;
    }
    QString version() const
    {
        return m_version;
    }
    QString license() const
    {
        return m_license;
    }
    const QHash<QString, QString>& categories() const
    {
        return m_categories;
    }
    QString categoryText(const QString& id) const
    {
        return m_categories.value(id, id);
    }
    const std::vector<Entity>& entities() const
    {
        return m_entities;
    }
    bool isEmpty() const
    {
        return m_entities.empty();
    }

    /// The entity owning `host` (lowercase ACE) by longest suffix match, or nullptr.
    const Entity* forHost(const QString& host) const;
    /// The suffix of `host` that matched (for explanations), or empty.
    QString matchedDomain(const QString& host) const;
    const Entity* byId(const QString& id) const;
    /// The top of the parent chain (the entity itself when it has no parent); cycles are cut.
    const Entity* root(const Entity* entity) const;

private:
    QString m_name;
    QString m_version;
    QString m_license;
    QHash<QString, QString> m_categories;
    std::vector<Entity> m_entities;
    QHash<QString, int> m_byDomain;
    QHash<QString, int> m_byId;
};
