// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class Database;

/// Masks what a published report must not reveal: the investigator's own known identifiers (in the forms
/// they were entered, lower-cased and URL-encoded), bearer tokens and JWTs, the values of session, token and
/// password parameters in URLs and cookie-like strings, and long opaque tokens. "zq7.reporter@example.org"
/// becomes "zq•••rg": enough to recognise, not enough to reuse.
class Redactor
{
public:
    /// A disabled redactor passes everything through (the "include secrets" option for internal use).
    Redactor(Database& db, bool enabled);
    explicit Redactor(const QStringList& secrets, bool enabled = true);

    QString apply(const QString& text) const;
    bool isEnabled() const
    {
        return m_enabled;
    }

    /// The mask of one value: its first and last two characters around "•••" (only "•••" when short).
    static QString mask(const QString& value);

private:
    QStringList m_secrets; ///< longest first, so a value is masked before any part of it
    bool m_enabled;
};
