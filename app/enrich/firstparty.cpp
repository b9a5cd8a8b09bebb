// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "firstparty.h"

#include <QObject>
#include <QRegularExpression>
#include <QSet>

#include <map>

namespace FirstParty {

namespace {

bool isGenericWord(const QString& w)
{
    static const QSet<QString> generic = [] {
        QSet<QString> s;
        for (const char* t :
            { "com", "org", "net", "app", "apps", "android", "ios", "mobile", "client", "prod", "release", "debug",
                "free", "pro", "lite", "main", "www", "beta", "full", "the", "and", "for", "official", "plus", "hd",
                "tv", "go", "new", "my", "mobileapp", "application", "store", "play", "inc" })
            s.insert(QString::fromLatin1(t));
        return s;
    }();
    return w.size() < 3 || generic.contains(w);
}

/// Advertising, analytics and attribution companies are never assumed to be the app's owner just because the
/// app talks to them most.
bool isTrackingCategory(const QString& category)
{
    static const char* const kinds[] = { "advert", "analytic", "attribution", "marketing", "tracking", "measurement" };
    for (const char* k : kinds) {
        if (category.contains(QLatin1String(k), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString firstLabel(const QString& domain)
{
    return domain.section(u'.', 0, 0);
}

} // namespace

QStringList nameTokens(const QString& appName, const QString& package)
{
    QStringList tokens;
    auto add = [&](const QString& t) {
        const QString w = t.toLower();
        if (!isGenericWord(w) && !tokens.contains(w))
            tokens.append(w);
    };
    QString joined;
    for (const QString& word : appName.split(QRegularExpression(QStringLiteral("[^\\w]+")), Qt::SkipEmptyParts)) {
        add(word);
        joined += word;
    }
    add(joined);
    const QStringList labels = package.split(u'.', Qt::SkipEmptyParts);
    for (qsizetype i = 1; i < labels.size(); ++i)
        add(labels[i]);
    return tokens;
}

Owner infer(const QString& appName, const QString& package, const std::vector<Contact>& contacts,
    const EntityList& entities, const std::optional<Override>& userOverride)
{
    Owner owner;
    auto setEntity = [&](const EntityList::Entity* e) {
        owner.entityId = e ? e->id : QString();
        const EntityList::Entity* root = e ? entities.root(e) : nullptr;
        owner.rootEntityId = root ? root->id : owner.entityId;
    };
    if (userOverride && (!userOverride->entityId.isEmpty() || !userOverride->domains.isEmpty())) {
        setEntity(entities.byId(userOverride->entityId));
        if (owner.entityId.isEmpty())
            owner.entityId = owner.rootEntityId = userOverride->entityId;
        owner.domains = userOverride->domains;
        owner.source = QStringLiteral("override");
        owner.reason = QObject::tr("set by you");
        return owner;
    }
    // com.facebook.katana → facebook.com: developers name packages after a domain they own.
    const QStringList labels = package.split(u'.', Qt::SkipEmptyParts);
    if (labels.size() >= 2) {
        const QString domain = labels[1].toLower() + u'.' + labels[0].toLower();
        if (const EntityList::Entity* e = entities.forHost(domain)) {
            setEntity(e);
            owner.domains.append(domain);
            owner.source = QStringLiteral("package");
            owner.reason = QObject::tr("package %1 → %2 (%3)").arg(package, domain, e->displayName);
            return owner;
        }
    }
    // The app's name is a contacted domain's name: Vidzy → vidzy.example.
    const QStringList tokens = nameTokens(appName, package);
    const EntityList::Entity* named = nullptr;
    for (const Contact& c : contacts) {
        if (c.ownerDomain.isEmpty() || c.tracker || !tokens.contains(firstLabel(c.ownerDomain)))
            continue;
        if (!owner.domains.contains(c.ownerDomain))
            owner.domains.append(c.ownerDomain);
        if (!named && c.entity && !isTrackingCategory(c.entity->category))
            named = c.entity;
    }
    if (!owner.domains.isEmpty()) {
        setEntity(named);
        owner.source = QStringLiteral("name");
        owner.reason = QObject::tr("the app's name matches %1").arg(owner.domains.join(QStringLiteral(", ")));
        return owner;
    }
    // The company the app talks to most, when it carries at least 40% of the app's requests.
    std::map<const EntityList::Entity*, qint64> perRoot;
    qint64 total = 0;
    for (const Contact& c : contacts) {
        total += c.requests;
        if (c.entity && !c.tracker && !isTrackingCategory(c.entity->category))
            perRoot[entities.root(c.entity)] += c.requests;
    }
    const EntityList::Entity* best = nullptr;
    qint64 bestRequests = 0;
    for (const auto& [e, n] : perRoot) {
        if (n > bestRequests || (n == bestRequests && best && e->id < best->id)) {
            best = e;
            bestRequests = n;
        }
    }
    if (best && total > 0 && bestRequests * 10 >= total * 4) {
        setEntity(best);
        owner.source = QStringLiteral("most-contacted");
        owner.reason = QObject::tr("most contacted company (%1% of requests)").arg(bestRequests * 100 / total);
    }
    return owner;
}

bool isFirstParty(
    const Owner& owner, const QString& ownerDomain, const EntityList::Entity* entity, const EntityList& entities)
{
    if (!ownerDomain.isEmpty() && owner.domains.contains(ownerDomain))
        return true;
    if (!entity || owner.rootEntityId.isEmpty())
        return false;
    const EntityList::Entity* root = entities.root(entity);
    return (root ? root->id : entity->id) == owner.rootEntityId || entity->id == owner.entityId;
}

} // namespace FirstParty
