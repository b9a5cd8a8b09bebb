// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "entitylist.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

/// First party or third party: is a destination run by the app's own company? The company is inferred,
/// in order, from the investigator's override, the package name (com.facebook.katana → facebook.com → Meta),
/// the app's name matching a contacted domain (Vidzy → vidzy.example), and finally the company the app
/// talks to most when it is not an advertising/analytics company. Each answer says why.
namespace FirstParty {

/// One destination of the app, as the inference sees it.
struct Contact
{
    QString ownerDomain; ///< ICANN registrable domain
    const EntityList::Entity* entity = nullptr;
    qint64 requests = 0;
    bool tracker = false; ///< on EasyPrivacy/EasyList
};

struct Override
{
    QString entityId;
    QStringList domains;
};

struct Owner
{
    QString entityId; ///< the app's company, or empty when none is known
    QString rootEntityId;
    QStringList domains; ///< registrable domains that are first party even without an entity
    QString source; ///< override, package, name, most-contacted, or empty (unknown)
    QString reason;
    bool isKnown() const
    {
        return !entityId.isEmpty() || !domains.isEmpty();
    }
};

/// Distinctive words of an app's name and package ("Vidzy", "com.vidzy.android" → vidzy).
QStringList nameTokens(const QString& appName, const QString& package);

Owner infer(const QString& appName, const QString& package, const std::vector<Contact>& contacts,
    const EntityList& entities, const std::optional<Override>& userOverride);

/// Whether a destination belongs to the owner: one of its domains, or an entity of the same parent company.
bool isFirstParty(
    const Owner& owner, const QString& ownerDomain, const EntityList::Entity* entity, const EntityList& entities);

} // namespace FirstParty
