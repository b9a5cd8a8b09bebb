// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// Light and dark palettes (View → Theme), remembered between sessions.
namespace Theme {
/// "system", "light" or "dark".
QString current();
void apply(const QString& mode);
/// Applies the remembered choice; called once at start-up.
void applySaved();
} // namespace Theme
