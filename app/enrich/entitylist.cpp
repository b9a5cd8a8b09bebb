// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "entitylist.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

bool EntityList::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    if (!loadBytes(file.read(32 << 20), error)) {
        *error = QStringLiteral("%1: %2").arg(path, *error);
        return false;
    }
    return true;
}

bool EntityList::loadBytes(const QByteArray& json, QString* error)
{
    m_entities.clear();
    m_byDomain.clear();
    m_byId.clear();
    m_categories.clear();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("%1 at byte offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return false;
    }
    const QJsonObject root = doc.object();
    m_name = root.value(QStringLiteral("name")).toString();
    m_version = root.value(QStringLiteral("version")).toVariant().toString();
    m_license = root.value(QStringLiteral("license")).toString();
    const QJsonObject categories = root.value(QStringLiteral("categories")).toObject();
    for (auto it = categories.begin(); it != categories.end(); ++it)
        m_categories.insert(it.key(), it.value().toString());
    const QJsonArray list = root.value(QStringLiteral("entities")).toArray();
    m_entities.reserve(static_cast<size_t>(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list[i].toObject();
        Entity e;
        e.id = o.value(QStringLiteral("id")).toString();
        if (e.id.isEmpty()) {
            *error = QStringLiteral("entity %1 has no id").arg(i);
            return false;
        }
        if (m_byId.contains(e.id)) {
            *error = QStringLiteral("entity %1: the id \"%2\" is used twice").arg(i).arg(e.id);
            return false;
        }
        e.displayName = o.value(QStringLiteral("display_name")).toString(e.id);
        e.legalName = o.value(QStringLiteral("legal_name")).toString();
        e.parent = o.value(QStringLiteral("parent")).toString();
        e.hqCountry = o.value(QStringLiteral("hq_country")).toString().toUpper();
        e.legalDomicile = o.value(QStringLiteral("legal_domicile")).toString().toUpper();
        e.category = o.value(QStringLiteral("category")).toString();
        e.sourceNote = o.value(QStringLiteral("source_note")).toString();
        const QJsonArray domains = o.value(QStringLiteral("domains")).toArray();
        const int index = static_cast<int>(m_entities.size());
        for (const QJsonValue& dv : domains) {
            // Stored as lowercase ACE, the form hosts have in captures.
            const QString domain = QString::fromLatin1(QUrl::toAce(dv.toString().trimmed().toLower()));
            if (domain.isEmpty())
                continue;
            e.domains.append(domain);
            // The first entity to claim a domain keeps it; a list that claims one twice is still usable.
            if (!m_byDomain.contains(domain))
                m_byDomain.insert(domain, index);
        }
        m_byId.insert(e.id, index);
        m_entities.push_back(std::move(e));
    }
    return true;
}

QString EntityList::matchedDomain(const QString& host) const
{
    QStringView h(host);
    while (!h.isEmpty()) {
        if (m_byDomain.contains(h.toString()))
            return h.toString();
        const qsizetype dot = h.indexOf(u'.');
        if (dot < 0)
            break;
        h = h.mid(dot + 1);
    }
    return {};
}

const EntityList::Entity* EntityList::forHost(const QString& host) const
{
    const QString domain = matchedDomain(host);
    return domain.isEmpty() ? nullptr : &m_entities[static_cast<size_t>(m_byDomain.value(domain))];
}

const EntityList::Entity* EntityList::byId(const QString& id) const
{
    const auto it = m_byId.constFind(id);
    return it == m_byId.cend() ? nullptr : &m_entities[static_cast<size_t>(it.value())];
}

const EntityList::Entity* EntityList::root(const Entity* entity) const
{
    const Entity* e = entity;
    for (int depth = 0; e && !e->parent.isEmpty() && depth < 16; ++depth) {
        const Entity* parent = byId(e->parent);
        if (!parent || parent == entity)
            break;
        e = parent;
    }
    return e;
}
