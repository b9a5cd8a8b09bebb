// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrichstore.h"

#include "common/timeutil.h"
#include "store/database.h"

namespace EnrichStore {

std::vector<AppAttribution::Rule> appRules(Database& db)
{
    std::vector<AppAttribution::Rule> rules;
    Statement& st = db.prepare("SELECT host_pattern, app_name, app_package FROM app_rules ORDER BY id");
    while (st.step())
        rules.push_back({ st.text(0), st.text(1), st.text(2) });
    st.reset();
    return rules;
}

void addAppRule(Database& db, const AppAttribution::Rule& rule)
{
    Statement& st = db.prepare("INSERT INTO app_rules (host_pattern, app_name, app_package) VALUES (?1, ?2, ?3)");
    st.bind(1, rule.hostPattern.trimmed())
        .bind(2, rule.appName.trimmed())
        .bind(3, rule.appPackage.isNull() ? QStringLiteral("") : rule.appPackage);
    st.run();
}

std::optional<FirstParty::Override> ownerOverride(Database& db, const QString& appName, const QString& appPackage)
{
    Statement& st = db.prepare(
        "SELECT entity_id, first_party_domains FROM app_owner_overrides WHERE app_name = ?1 AND app_package = ?2");
    st.bind(1, appName).bind(2, appPackage.isNull() ? QStringLiteral("") : appPackage);
    std::optional<FirstParty::Override> out;
    if (st.step())
        out = FirstParty::Override { st.text(0), st.text(1).split(u' ', Qt::SkipEmptyParts) };
    st.reset();
    return out;
}

void setOwnerOverride(
    Database& db, const QString& appName, const QString& appPackage, const FirstParty::Override& value)
{
    const QString package = appPackage.isNull() ? QStringLiteral("") : appPackage;
    if (value.entityId.isEmpty() && value.domains.isEmpty()) {
        Statement& del = db.prepare("DELETE FROM app_owner_overrides WHERE app_name = ?1 AND app_package = ?2");
        del.bind(1, appName).bind(2, package);
        del.run();
        return;
    }
    Statement& st = db.prepare(
        "INSERT INTO app_owner_overrides (app_name, app_package, entity_id, first_party_domains, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (app_name, app_package) DO UPDATE SET "
        "entity_id = excluded.entity_id, first_party_domains = excluded.first_party_domains, "
        "updated_at = excluded.updated_at");
    st.bind(1, appName).bind(2, package).bind(3, value.entityId.isEmpty() ? QString() : value.entityId);
    st.bind(4, value.domains.join(u' ')).bind(5, TimeUtil::now());
    st.run();
}

} // namespace EnrichStore
