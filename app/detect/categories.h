// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

/// The data categories of TAXONOMY.md: stable ids (part of the export contract) and their display names.
namespace Categories {

struct Category
{
    const char* id;
    const char* displayName;
    const char* description;
};

/// Every category, in TAXONOMY.md order.
const std::vector<Category>& all();
QStringList ids();
bool isKnown(const QString& id);
/// The display name of an id ("identity.email" → "Email address"); the id itself when unknown.
QString displayName(const QString& id);
QString description(const QString& id);

} // namespace Categories

/// Confidence of a finding (TAXONOMY.md): stored as 0, 1, 2 so that "at least medium" is a comparison.
namespace Confidence {
enum Level
{
    Low = 0,
    Medium = 1,
    High = 2
};
QString name(int level); ///< "low", "medium", "high"
/// -1 for an unknown name; an empty name means "all" and gives Low.
int fromName(const QString& name);
} // namespace Confidence
