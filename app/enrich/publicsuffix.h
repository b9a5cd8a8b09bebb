// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

struct psl_ctx_st;

/// The Public Suffix List through libpsl (research/reference-data.md §6). Two answers, on purpose:
/// - registrableDomain(): ICANN + PRIVATE rules, for grouping what a person sees as one site
///   (x.s3.amazonaws.com stays x.s3.amazonaws.com, a.b.github.io → b.github.io);
/// - ownerDomain(): ICANN rules only, for ownership (x.s3.amazonaws.com → amazonaws.com, a.b.github.io →
///   github.io), so hosting platforms reach the company that runs them.
/// IP literals never go through libpsl (it would call "113.5" the registrable part of 203.0.113.5).
/// Hosts come back as lowercase ACE (xn--…), the form entity lists and captures use.
class PublicSuffix
{
public:
    PublicSuffix();
    ~PublicSuffix();
    PublicSuffix(const PublicSuffix&) = delete;
    PublicSuffix& operator=(const PublicSuffix&) = delete;

    /// Loads a public_suffix_list.dat; when `path` is empty or unreadable, libpsl's newest built-in or
    /// distribution list is used (and `error` says why). Returns true when a list is available at all.
    bool load(const QString& path, QString* error);
    bool isLoaded() const
    {
        return m_ctx != nullptr;
    }
    /// "VERSION" of the list's header, or the file date.
    QString version() const
    {
        return m_version;
    }

    QString registrableDomain(const QString& host) const;
    QString ownerDomain(const QString& host) const;
    /// What to group a host under: its registrable domain, or the host itself (normalised) when it has none
    /// (an IP address, "localhost", a bare public suffix).
    QString siteOf(const QString& host) const;
    /// True when `suffix` (lowercase, no leading dot) is itself a rule of the list, without wildcard guessing:
    /// "com", "co.uk" are; "png", "2x", "local" are not (email validation uses it).
    bool isPublicSuffix(QByteArrayView suffix) const;

    /// True for IPv4/IPv6 literals, with or without brackets.
    static bool isIpLiteral(const QString& host);
    /// Lowercase ACE without a trailing dot, brackets or port; empty for something that is not a host name.
    static QString normalizeHost(const QString& host);

private:
    psl_ctx_st* m_ctx = nullptr;
    QString m_version;
};
