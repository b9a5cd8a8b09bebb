// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "optionaltrackerlists.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(128ll << 20) : QByteArray();
}

} // namespace

void OptionalTrackerLists::add(const QString& domain, const Owner& owner)
{
    const QString d = domain.trimmed().toLower();
    if (!d.isEmpty() && !owner.name.isEmpty() && !m_owners.contains(d))
        m_owners.insert(d, owner);
}

bool OptionalTrackerLists::loadDuckDuckGo(const QByteArray& json)
{
    // {"trackers": {"domain": {"owner": {"name", "displayName"}, "categories": [...]}}}
    const QJsonObject trackers = QJsonDocument::fromJson(json).object().value(QStringLiteral("trackers")).toObject();
    for (auto it = trackers.begin(); it != trackers.end(); ++it) {
        const QJsonObject t = it.value().toObject();
        const QJsonObject owner = t.value(QStringLiteral("owner")).toObject();
        const QString name =
            owner.value(QStringLiteral("displayName")).toString(owner.value(QStringLiteral("name")).toString());
        add(it.key(),
            { name, t.value(QStringLiteral("categories")).toArray().first().toString(), QString(),
                QStringLiteral("DuckDuckGo") });
    }
    return !trackers.isEmpty();
}

bool OptionalTrackerLists::loadDisconnect(const QByteArray& json)
{
    // {"categories": {"Advertising": [{"Company": {"https://company.example/": ["domain", …]}}]}}
    const QJsonObject categories =
        QJsonDocument::fromJson(json).object().value(QStringLiteral("categories")).toObject();
    for (auto c = categories.begin(); c != categories.end(); ++c) {
        for (const QJsonValue& entry : c.value().toArray()) {
            const QJsonObject companies = entry.toObject();
            for (auto company = companies.begin(); company != companies.end(); ++company) {
                const QJsonObject sites = company.value().toObject();
                for (auto site = sites.begin(); site != sites.end(); ++site) {
                    for (const QJsonValue& domain : site.value().toArray())
                        add(domain.toString(),
                            { company.key(), c.key().toLower(), QString(), QStringLiteral("Disconnect") });
                }
            }
        }
    }
    return !categories.isEmpty();
}

bool OptionalTrackerLists::loadGhostery(const QByteArray& json)
{
    // {"organizations": {id: {"name", "country"}}, "patterns": {id: {"category", "organization", "domains": [...]}}}
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const QJsonObject organizations = root.value(QStringLiteral("organizations")).toObject();
    const QJsonObject patterns = root.value(QStringLiteral("patterns")).toObject();
    for (auto it = patterns.begin(); it != patterns.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        const QJsonObject org = organizations.value(p.value(QStringLiteral("organization")).toString()).toObject();
        const QString name = org.value(QStringLiteral("name")).toString(p.value(QStringLiteral("name")).toString());
        for (const QJsonValue& domain : p.value(QStringLiteral("domains")).toArray())
            add(domain.toString(),
                { name, p.value(QStringLiteral("category")).toString(),
                    org.value(QStringLiteral("country")).toString().toUpper(), QStringLiteral("Ghostery") });
    }
    return !patterns.isEmpty();
}

QStringList OptionalTrackerLists::load(const QString& dir)
{
    QStringList loaded;
    if (dir.isEmpty())
        return loaded;
    if (loadDuckDuckGo(readAll(dir + QStringLiteral("/ddg-android-tds.json"))))
        loaded.append(QStringLiteral("DuckDuckGo app tracker blocklist"));
    if (loadDisconnect(readAll(dir + QStringLiteral("/disconnect-services.json"))))
        loaded.append(QStringLiteral("Disconnect tracking protection list"));
    if (loadGhostery(readAll(dir + QStringLiteral("/ghostery-trackerdb.json"))))
        loaded.append(QStringLiteral("Ghostery TrackerDB"));
    return loaded;
}

const OptionalTrackerLists::Owner* OptionalTrackerLists::lookup(const QString& host) const
{
    QStringView h(host);
    while (!h.isEmpty()) {
        const auto it = m_owners.constFind(h.toString());
        if (it != m_owners.cend())
            return &it.value();
        const qsizetype dot = h.indexOf(u'.');
        if (dot < 0)
            break;
        h = h.mid(dot + 1);
    }
    return nullptr;
}
