// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "appattribution.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace AppAttribution {

namespace {

constexpr int kMaxEvidence = 120;

QString quoted(const QString& header, const QString& value)
{
    const QString v = value.size() > kMaxEvidence ? value.left(kMaxEvidence) + QStringLiteral("…") : value;
    return QStringLiteral("%1: %2").arg(header, v);
}

/// Product tokens of HTTP clients, libraries, engines and platforms: they say how a request was made, not
/// which app made it.
bool isGenericProduct(const QString& token)
{
    static const QSet<QString> generic = [] {
        QSet<QString> s;
        for (const char* t :
            { "mozilla", "okhttp", "okhttp3", "dalvik", "cronet", "cfnetwork", "darwin", "curl", "libcurl", "wget",
                "python-requests", "python-urllib", "python", "aiohttp", "httpx", "java", "apache-httpclient",
                "go-http-client", "grpc-java-okhttp", "grpc-java-netty", "grpc-c", "grpc-objc", "grpc-dart", "grpc-go",
                "grpc-node", "dart", "dart:io", "applewebkit", "safari", "chrome", "chromium", "version", "mobile",
                "gecko", "firefox", "edge", "edg", "opr", "samsungbrowser", "ucbrowser", "android", "linux", "iphone",
                "ipad", "ios", "ipados", "macos", "mac", "windows", "unity", "unityplayer", "unitywebrequest",
                "restsharp", "axios", "node-fetch", "node", "undici", "retrofit", "volley", "alamofire", "afnetworking",
                "urlsession", "nsurlsession", "reactnative", "react-native", "expo", "flutter", "electron",
                "httpclient", "microsoft", "winhttp", "wininet", "gzip", "deflate", "br", "build", "postmanruntime",
                "insomnia", "k6", "jakarta", "ktor-client", "ktor", "cpp-httplib", "boost.beast", "qt", "qtnetwork",
                "libwww-perl", "ruby", "faraday", "guzzlehttp", "php", "mediaplayer", "exoplayer", "exoplayerlib",
                "stagefright", "applecoremedia", "appletv", "watchos", "tvos", "ttnetversion", "fbandroidsdk",
                "fbiossdk", "appsflyer", "adjust", "branch", "firebase", "gmp", "googlemobileads", "afma", "unityads",
                "ironsource", "applovin", "mopub", "tiktok-sdk", "pangle", "sdk" })
            s.insert(QString::fromLatin1(t));
        return s;
    }();
    return generic.contains(token.toLower());
}

const QRegularExpression& packagePattern()
{
    // Reverse-DNS ids: a known first label, then at least two more labels starting with a letter.
    static const QRegularExpression re(QStringLiteral(
        "(?<![\\w.])((?:com|org|net|io|tv|me|app|co|de|fr|jp|cn|kr|ru|uk|in|br|us|ai|so|gg|fm|ly|it|es|nl|se|ch|at|be|"
        "pl|mobi|info|biz|vn|id|tw|hk|sg|au|ca|mx|tr|ir|eu)(?:\\.[A-Za-z][A-Za-z0-9_]*){2,})(?![\\w.])"));
    return re;
}

/// Library namespaces that appear in User-Agents but are not apps.
bool isLibraryNamespace(const QString& package)
{
    static const char* const libraries[] = { "com.squareup.", "com.android.okhttp", "org.apache.", "io.grpc", "io.ktor",
        "com.google.firebase", "com.facebook.sdk", "com.appsflyer.", "com.adjust.sdk", "io.branch.", "com.unity3d.",
        "com.bytedance.sdk", "org.chromium." };
    for (const char* l : libraries) {
        if (package.startsWith(QLatin1String(l)))
            return true;
    }
    return false;
}

QString firstPackageIn(const QString& text)
{
    auto it = packagePattern().globalMatch(text);
    while (it.hasNext()) {
        const QString candidate = it.next().captured(1);
        if (!isLibraryNamespace(candidate))
            return candidate;
    }
    return {};
}

/// The name of the first product token ("Vidzy" of "Vidzy/4.2.0 (…)", "Instagram" of "Instagram 309.0 (…)"),
/// with percent-encoding removed (iOS sends "My%20App/1 CFNetwork/…").
QString firstProduct(const QString& ua)
{
    static const QRegularExpression slashForm(QStringLiteral("^\\s*([A-Za-z0-9][^\\s/()\\[\\];]*)/[^\\s]+"));
    static const QRegularExpression spaceForm(
        QStringLiteral("^\\s*([A-Za-z][A-Za-z0-9._%-]*(?: [A-Za-z][A-Za-z0-9._-]*){0,2}) v?\\d+(?:\\.\\d+)+"));
    QRegularExpressionMatch m = slashForm.match(ua);
    if (!m.hasMatch())
        m = spaceForm.match(ua);
    if (!m.hasMatch())
        return {};
    return QUrl::fromPercentEncoding(m.captured(1).toUtf8()).trimmed();
}

bool isUsableAppName(const QString& name)
{
    if (name.size() < 2 || name.size() > 60 || isGenericProduct(name))
        return false;
    // SDK tokens usually say so ("FBAndroidSDK.18.0.0", "TikTokBusinessSDK").
    const QString lower = name.toLower();
    if (lower.contains(QLatin1String("sdk")) || lower.startsWith(QLatin1String("grpc"))
        || lower.startsWith(QLatin1String("okhttp")))
        return false;
    bool hasLetter = false;
    for (const QChar c : name)
        hasLetter = hasLetter || c.isLetter();
    return hasLetter;
}

QString headerValue(const Data::Headers& headers, const char* name)
{
    for (const Data::Header& h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(h.value).trimmed();
    }
    return {};
}

} // namespace

bool looksLikePackage(const QString& token)
{
    const QRegularExpressionMatch m = packagePattern().match(token);
    return m.hasMatch() && m.capturedLength(1) == token.size() && !isLibraryNamespace(token);
}

bool ruleMatches(const QString& pattern, const QString& host)
{
    const QString p = pattern.trimmed().toLower();
    const QString h = host.toLower();
    if (p.isEmpty() || h.isEmpty())
        return false;
    if (p.contains(u'*') || p.contains(u'?')) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(p));
        return re.match(h).hasMatch();
    }
    return h == p || h.endsWith(u'.' + p);
}

std::optional<Data::AppIdentity> fromRequestedWith(const QString& value)
{
    const QString v = value.trimmed();
    if (!looksLikePackage(v))
        return std::nullopt;
    return Data::AppIdentity { v, v, -1, QStringLiteral("x-requested-with"),
        quoted(QStringLiteral("X-Requested-With"), v) };
}

std::optional<Data::AppIdentity> fromUserAgent(const QString& userAgent)
{
    const QString ua = userAgent.trimmed();
    if (ua.isEmpty())
        return std::nullopt;
    const QString package = firstPackageIn(ua);
    QString name = firstProduct(ua);
    // A reverse-DNS token is a package (handled above) or a library namespace, never a display name.
    const QRegularExpressionMatch packageLike = packagePattern().match(name);
    if (!isUsableAppName(name) || (packageLike.hasMatch() && packageLike.capturedLength(1) == name.size()))
        name.clear();
    if (package.isEmpty() && name.isEmpty())
        return std::nullopt;
    Data::AppIdentity app;
    // A product token and a package together ("Vidzy/4.2.0 (com.vidzy.android; …)") give both; a package alone
    // stands for the app's name too, as Android shows it before the label is known.
    app.name = name.isEmpty() ? package : name;
    app.package = package;
    app.source = QStringLiteral("user-agent");
    app.reason = quoted(QStringLiteral("User-Agent"), ua);
    return app;
}

std::optional<Data::AppIdentity> attribute(
    const QString& host, const Data::Headers& requestHeaders, const std::vector<Rule>& rules)
{
    for (const Rule& r : rules) {
        if (!r.appName.isEmpty() && ruleMatches(r.hostPattern, host)) {
            return Data::AppIdentity { r.appName, r.appPackage, -1, QStringLiteral("rule"),
                QStringLiteral("your rule: %1 → %2").arg(r.hostPattern, r.appName) };
        }
    }
    if (auto app = fromRequestedWith(headerValue(requestHeaders, "x-requested-with")))
        return app;
    return fromUserAgent(headerValue(requestHeaders, "user-agent"));
}

} // namespace AppAttribution
