// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

/// Which app sent a request, for captures that do not say (HAR, most proxies): feature-anchors gap 8.
/// Evidence, strongest first: the investigator's own rules (host pattern → app), Android WebView's
/// `X-Requested-With: <package>`, then the User-Agent (a package name in it, a custom app product token such
/// as "Vidzy/4.2.0", iOS's "App/1 CFNetwork/… Darwin/…"). Library and browser tokens (okhttp, Dalvik,
/// Cronet, Mozilla …) never name an app by themselves. Every answer carries its reason, quoting the evidence.
namespace AppAttribution {

/// A user rule from the app_rules table.
struct Rule
{
    QString hostPattern; ///< "*.vidzy.example" (glob), or "vidzy.example" (that host and its subdomains)
    QString appName;
    QString appPackage;
};

/// Sources this module writes into flows.app_source; the enrich pass re-derives exactly these on each run.
inline const QStringList& inferredSources()
{
    static const QStringList s { QStringLiteral("rule"), QStringLiteral("x-requested-with"),
        QStringLiteral("user-agent"), QStringLiteral("connection") };
    return s;
}

bool ruleMatches(const QString& pattern, const QString& host);

/// An Android package name in X-Requested-With ("XMLHttpRequest", jQuery's marker, is not one).
std::optional<Data::AppIdentity> fromRequestedWith(const QString& value);

/// The app a User-Agent names, if it names one.
std::optional<Data::AppIdentity> fromUserAgent(const QString& userAgent);

/// True for a plausible Android/iOS package or bundle id ("com.vidzy.android").
bool looksLikePackage(const QString& token);

/// Everything together, for one request.
std::optional<Data::AppIdentity> attribute(
    const QString& host, const Data::Headers& requestHeaders, const std::vector<Rule>& rules);

} // namespace AppAttribution
