// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

/// Hosts that the EasyPrivacy (tracking) and EasyList (advertising) filter lists block outright, for a
/// generic "known tracker / ad server" flag. Only whole-host rules (`||host^`, with options that do not limit
/// them to some sites) are kept: path rules and cosmetic filters say nothing about a destination as a whole.
/// No ownership comes from these lists; that is the entity list's job.
class TrackerHostList
{
public:
    enum Flag : quint8
    {
        Tracking = 1,
        Advertising = 2
    };

    /// Extracts the host rules of one Adblock Plus list into `flag`; `@@||host^` exceptions remove a host.
    /// Returns how many host rules were taken.
    int addAdblockList(const QByteArray& list, Flag flag);

    /// The compact text form shipped in resources/data (one `host<TAB>flags` line per host, flags "T", "A" or
    /// "TA"), with `#` comment lines first.
    QByteArray serialize(const QByteArray& headerComment) const;
    bool load(const QString& path, QString* error);
    bool loadBytes(const QByteArray& text, QString* error);

    /// Flags of the host and of its listed parent domains (`||example.com^` also covers sub-hosts).
    /// `host` must be lowercase ACE; 0 when not listed.
    quint8 lookup(const QString& host) const;
    /// "tracking", "advertising", "advertising, tracking" or an empty string.
    static QString categoryName(quint8 flags);

    qsizetype size() const
    {
        return m_hosts.size();
    }

private:
    QHash<QString, quint8> m_hosts;
    QHash<QString, quint8> m_exceptions;
};
