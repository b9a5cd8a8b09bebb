// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloader.h"

#include "common/hashing.h"

#include <curl/curl.h>
#include <mutex>

namespace Downloader {

namespace {

struct Transfer
{
    QByteArray data;
    qint64 maxBytes = 0;
    bool tooLarge = false;
    bool cancelled = false;
    const std::function<bool(qint64, qint64)>* progress = nullptr;
};

size_t onData(char* ptr, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    if (t->data.size() + static_cast<qint64>(n) > t->maxBytes) {
        t->tooLarge = true;
        return 0; // makes curl stop with CURLE_WRITE_ERROR
    }
    t->data.append(ptr, static_cast<qsizetype>(n));
    return n;
}

int onProgress(void* user, curl_off_t total, curl_off_t done, curl_off_t, curl_off_t)
{
    auto* t = static_cast<Transfer*>(user);
    if (t->progress && *t->progress && !(*t->progress)(static_cast<qint64>(done), static_cast<qint64>(total))) {
        t->cancelled = true;
        return 1;
    }
    return 0;
}

} // namespace

QString checkProxy(const QString& proxy)
{
    if (proxy.trimmed().isEmpty())
        return {};
    const QUrl url(proxy.trimmed());
    static const QStringList schemes { QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("socks4"),
        QStringLiteral("socks4a"), QStringLiteral("socks5"), QStringLiteral("socks5h") };
    if (!url.isValid() || url.host().isEmpty() || !schemes.contains(url.scheme().toLower()))
        return QStringLiteral(
            "\"%1\" is not a proxy address (expected e.g. socks5h://127.0.0.1:9050 or http://proxy:3128)")
            .arg(proxy);
    return {};
}

QString verifyChecksum(const QByteArray& data, const QString& expected)
{
    const QString e = expected.trimmed();
    if (e.startsWith(QLatin1String("sha512-"))) {
        const QByteArray want = QByteArray::fromBase64(e.mid(7).toLatin1());
        const QByteArray got = Digest::hash(data, Digest::Sha512);
        return got == want ? QString()
                           : QStringLiteral("checksum mismatch: SHA-512 is %1, expected %2")
                                 .arg(QString::fromLatin1(got.toBase64()), e.mid(7));
    }
    if (e.startsWith(QLatin1String("sha256-"))) {
        const QByteArray want = QByteArray::fromBase64(e.mid(7).toLatin1());
        const QByteArray got = Digest::hash(data, Digest::Sha256);
        return got == want ? QString()
                           : QStringLiteral("checksum mismatch: SHA-256 is %1, expected %2")
                                 .arg(QString::fromLatin1(got.toBase64()), e.mid(7));
    }
    if (e.size() == 64) {
        const QString got = QString::fromLatin1(Digest::sha256Hex(data));
        return got.compare(e, Qt::CaseInsensitive) == 0
            ? QString()
            : QStringLiteral("checksum mismatch: SHA-256 is %1, expected %2").arg(got, e.toLower());
    }
    return QStringLiteral("no usable checksum (\"%1\")").arg(e.left(20));
}

Result fetch(const QUrl& url, const Options& options)
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    Result r;
    const QString where = url.toString(QUrl::RemoveUserInfo);
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) {
        r.error = QStringLiteral("%1: only http and https addresses are fetched").arg(where);
        return r;
    }
    if (const QString bad = checkProxy(options.proxy); !bad.isEmpty()) {
        r.error = bad;
        return r;
    }
    CURL* curl = curl_easy_init();
    if (!curl) {
        r.error = QStringLiteral("%1: libcurl could not start").arg(where);
        return r;
    }
    Transfer t;
    t.maxBytes = options.maxBytes;
    t.progress = &options.progress;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray urlBytes = url.toEncoded();
    const QByteArray proxy = options.proxy.trimmed().toUtf8();
    curl_easy_setopt(curl, CURLOPT_URL, urlBytes.constData());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onData);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connectTimeoutSeconds));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.stallSeconds));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "Leakscope/" LEAKSCOPE_VERSION " (reference data update)");
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, ""); // gzip on the wire where the server offers it
    // An empty string switches off the environment's proxy variables: only the proxy the user set is used.
    curl_easy_setopt(curl, CURLOPT_PROXY, proxy.constData());
    const CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.httpStatus);
    curl_easy_cleanup(curl);
    if (t.cancelled) {
        r.cancelled = true;
        r.error = QStringLiteral("%1: cancelled").arg(where);
        return r;
    }
    if (t.tooLarge) {
        r.error = QStringLiteral("%1: larger than %2 MiB; refused").arg(where).arg(options.maxBytes >> 20);
        return r;
    }
    if (code != CURLE_OK) {
        const QString detail =
            errorBuffer[0] ? QString::fromUtf8(errorBuffer) : QString::fromUtf8(curl_easy_strerror(code));
        r.error = QStringLiteral("%1: %2").arg(where, detail);
        return r;
    }
    r.ok = true;
    r.data = std::move(t.data);
    return r;
}

} // namespace Downloader
