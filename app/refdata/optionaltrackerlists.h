// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

/// The non-commercial tracker lists a user chose to download (DuckDuckGo's app tracker blocklist, Disconnect's
/// services, Ghostery's TrackerDB). Never shipped; read from the per-user data folder when present. They
/// only fill in an owner for hosts the project's own entity list does not know, and the answer always says
/// which list it came from, so a report can tell CC0 facts from NC-licensed ones.
class OptionalTrackerLists
{
public:
    struct Owner
    {
        QString name;
        QString category;
        QString country; ///< Ghostery gives one for some companies
        QString list; ///< "DuckDuckGo", "Disconnect", "Ghostery"
    };

    /// Reads whichever of the three files exist in `dir`; returns the names of the lists loaded.
    QStringList load(const QString& dir);
    bool loadDuckDuckGo(const QByteArray& json);
    bool loadDisconnect(const QByteArray& json);
    bool loadGhostery(const QByteArray& json);

    /// The owner by the longest listed suffix of `host`, or nullptr.
    const Owner* lookup(const QString& host) const;
    bool isEmpty() const
    {
        return m_owners.isEmpty();
    }

private:
    void add(const QString& domain, const Owner& owner);
    QHash<QString, Owner> m_owners;
};
