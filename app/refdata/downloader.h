// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>

/// One HTTP(S) download with libcurl, for the opt-in reference data update only: nothing else in Leakscope
/// opens a network connection. Bounded (size, time, redirects), cancellable, through an explicit proxy or
/// none (environment proxies are ignored, so what the dialog shows is what happens).
namespace Downloader {

struct Options
{
    /// "" = direct; else http://, https://, socks4a://, socks5:// or socks5h:// (Tor: socks5h://127.0.0.1:9050,
    /// which resolves names through the proxy, so no DNS query leaves the machine).
    QString proxy;
    qint64 maxBytes = 256ll << 20;
    int connectTimeoutSeconds = 30;
    int stallSeconds = 60; ///< abort when fewer than 1 byte/s arrive for this long
    /// Progress in bytes (total 0 when unknown); returning false cancels.
    std::function<bool(qint64 done, qint64 total)> progress;
};

struct Result
{
    bool ok = false;
    bool cancelled = false;
    QByteArray data;
    long httpStatus = 0;
    QString error; ///< one line naming the URL
};

Result fetch(const QUrl& url, const Options& options);

/// Empty when the proxy setting is usable, else why not.
QString checkProxy(const QString& proxy);

/// Checks an npm/SRI integrity string ("sha512-<base64>") or a plain SHA-256 hex digest against data.
/// Returns an empty string when it matches, else the reason.
QString verifyChecksum(const QByteArray& data, const QString& expected);

} // namespace Downloader
