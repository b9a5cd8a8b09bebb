// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appattribution.h"
#include "firstparty.h"

#include <optional>
#include <vector>

class Database;

/// Typed reads and writes of the investigator's enrichment choices (primary data: app_rules, migration 2;
/// app_owner_overrides, migration 3).
namespace EnrichStore {

std::vector<AppAttribution::Rule> appRules(Database& db);
void addAppRule(Database& db, const AppAttribution::Rule& rule);

std::optional<FirstParty::Override> ownerOverride(Database& db, const QString& appName, const QString& appPackage);
/// Sets (or, with an empty entity and no domains, removes) the override for one app.
void setOwnerOverride(
    Database& db, const QString& appName, const QString& appPackage, const FirstParty::Override& value);

} // namespace EnrichStore
