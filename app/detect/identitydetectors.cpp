// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// identity.email, identity.phone, identity.credentials and key-named identity.account_id (research §7).
#include "decode/textcodecs.h"
#include "detectorcontext.h"
#include "enrich/referencedata.h"
#include "phonenumbers.h"

namespace Detect {

using Decode::NodeType;

namespace {

const QRegularExpression& emailPattern()
{
    static const QRegularExpression re(QStringLiteral("(?i)(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@(?:[a-z0-9](?:[a-z0-9-"
                                                      "]{0,61}[a-z0-9])?\\.)+[a-z]{2,24}(?![a-z0-9-])"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

/// File extensions that regexes take for top-level domains ("icon@2x.png"); some are real TLDs (.mov, .zip).
bool isFileExtension(const QString& tld)
{
    static const char* const ext[] = { "png", "jpg", "jpeg", "gif", "webp", "svg", "js", "css", "json", "mp4", "mov",
        "heic", "mp3", "m4a", "wav", "ico", "bmp", "tiff", "pdf", "zip", "gz", "xml", "html", "htm", "txt", "ttf",
        "otf", "woff", "woff2", "map", "ts", "tsx", "jsx", "webm", "avif", "apk", "ipa", "so", "dylib", "dll", "exe",
        "bin", "dat", "db", "plist", "yaml", "yml", "lottie", "riv", "m3u8", "mpd", "aac", "ogg", "opus" };
    for (const char* e : ext) {
        if (tld == QLatin1String(e))
            return true;
    }
    return false;
}

/// The valid email addresses in a text: shape, a real top-level domain (PSL), and none of the known traps.
std::vector<QByteArray> emailsIn(const QByteArray& value)
{
    std::vector<QByteArray> out;
    if (!value.contains('@') || value.size() > 64 * 1024)
        return out;
    const QString text = QString::fromUtf8(value);
    auto it = emailPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString email = m.captured(0);
        const qsizetype at = email.lastIndexOf(u'@');
        const QString domain = email.mid(at + 1).toLower();
        const QString tld = domain.mid(domain.lastIndexOf(u'.') + 1);
        if (isFileExtension(tld) || !ReferenceData::shared()->publicSuffix().isPublicSuffix(tld.toUtf8()))
            continue;
        // URL user-info ("https://user@host") and "user:pass@host" are not addresses.
        const QStringView before = QStringView(text).first(m.capturedStart(0));
        if (before.endsWith(u"//") || before.endsWith(u':'))
            continue;
        const QString local = email.left(at);
        if (local.startsWith(u'.') || local.endsWith(u'.') || local.contains(QStringLiteral("..")))
            continue;
        // Retina asset names ("icon@2x") and scoped versions ("lib@1.2.3") cannot reach here: their "TLD" is a
        // file extension or digits. Scaled image names with a real TLD-like suffix still look like "x@2x.".
        if (domain.startsWith(QStringLiteral("2x.")) || domain.startsWith(QStringLiteral("3x.")))
            continue;
        out.push_back(email.toUtf8());
    }
    return out;
}

/// Digits and an optional leading '+' of a phone-like value, or empty when it is not phone-shaped.
QByteArray phoneCandidate(const QByteArray& value)
{
    const QByteArray v = value.trimmed();
    if (v.size() < 7 || v.size() > 24)
        return {};
    QByteArray digits;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c >= '0' && c <= '9')
            digits.append(c);
        else if (c == '+' && i == 0)
            digits.append(c);
        else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.')
            return {};
    }
    const qsizetype n = digits.size() - (digits.startsWith('+') ? 1 : 0);
    if (n < 7 || n > 15)
        return {};
    const QByteArray bare = digits.startsWith('+') ? digits.mid(1) : digits;
    // Millisecond timestamps and IMEIs have the right length too.
    if (Shapes::looksLikeTimestamp(bare) || (bare.size() == 15 && Shapes::luhn(bare)))
        return {};
    return digits;
}

/// True inside a contact list or social graph (an array under such a key): other people's numbers and addresses,
/// reported as the list.
bool aboutOthers(const DetectorContext& c, int node)
{
    for (int n = c.node(node).parent; n >= 0;) {
        const Decode::Node& x = c.node(n);
        if (x.type == NodeType::Array && x.childCount >= 2 && (c.ownClass(n) & (Keys::Contacts | Keys::SocialGraph)))
            return true;
        if (x.parent >= 0) {
            n = x.parent;
        } else {
            n = c.d.layers[static_cast<size_t>(x.layer)].parentNode;
        }
    }
    return false;
}

void emails(DetectorContext& c)
{
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        const quint64 cls = c.tokenClass[i];
        if (cls & (Keys::Version | Keys::RequestId))
            continue;
        const Decode::Node& n = c.node(t.node);
        if (n.type != NodeType::String || aboutOthers(c, t.node))
            continue;
        for (const QByteArray& email : emailsIn(t.value)) {
            const bool keyed = cls & Keys::Email;
            Hit h = c.hitFor(t.node, "identity.email", keyed ? Confidence::Medium : Confidence::Low, "email",
                keyed ? QStringLiteral("an email address (real top-level domain) under the key \"%1\"")
                            .arg(QString::fromUtf8(t.key))
                      : QStringLiteral("an email address (real top-level domain) without a key naming it"));
            h.value = email;
            h.normalized = email.toLower();
            c.add(std::move(h));
        }
        // A digest under a key that says it is a hashed email (Meta "em", "hashed_email").
        if ((cls & Keys::HashedEmail) && Shapes::isHashLike(t.value.trimmed()) && !(cls & Keys::Contacts)) {
            const QString what =
                Shapes::isHex(t.value.trimmed()) ? Shapes::hashName(t.value.trimmed()) : QStringLiteral("base64 hash");
            c.add(t, "identity.email", Confidence::Medium, "hashed-email",
                QStringLiteral("a %1 under the key \"%2\", which names a hashed email address")
                    .arg(what, QString::fromUtf8(t.key)),
                t.value.trimmed().toLower());
        }
    }
}

void phones(DetectorContext& c)
{
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        const quint64 cls = c.tokenClass[i];
        if (!(cls & (Keys::Phone | Keys::HashedPhone)) || (cls & Keys::Contacts) || aboutOthers(c, t.node))
            continue;
        const Decode::Node& n = c.node(t.node);
        if (n.type != NodeType::String && n.type != NodeType::Number)
            continue;
        if ((cls & Keys::HashedPhone) && Shapes::isHashLike(t.value.trimmed())) {
            c.add(t, "identity.phone", Confidence::Medium, "hashed-phone",
                QStringLiteral("a %1 under the key \"%2\", which names a hashed phone number")
                    .arg(Shapes::hashName(t.value.trimmed()), QString::fromUtf8(t.key)),
                t.value.trimmed().toLower());
            continue;
        }
        if (!(cls & Keys::Phone))
            continue;
        const QByteArray candidate = phoneCandidate(t.value);
        if (candidate.isEmpty())
            continue;
        const auto parsed = PhoneNumbers::parseValid(candidate, c.options.phoneRegion);
        if (!parsed)
            continue;
        c.add(t, "identity.phone", Confidence::Medium, "phone",
            QStringLiteral("a phone number valid in %1 (libphonenumber) under the key \"%2\"")
                .arg(parsed->region, QString::fromUtf8(t.key)),
            parsed->e164);
    }
}

bool isPlaceholder(const QByteArray& v)
{
    const QByteArray l = v.trimmed().toLower();
    // Template placeholders a tag manager did not fill in: "%UID%", "{{user_id}}", "${uid}", "[uid]".
    if ((l.startsWith('%') && l.endsWith('%')) || l.contains("{{") || l.contains("${")
        || (l.startsWith('[') && l.endsWith(']')))
        return true;
    return l.isEmpty() || l == "null" || l == "undefined" || l == "none" || l == "unknown" || l == "0" || l == "-1"
        || l == "false" || l == "true" || l == "n/a" || l == "anonymous" || l.count('*') == l.size()
        || l.count('0') == l.size();
}

void credentials(DetectorContext& c)
{
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        const quint64 cls = c.tokenClass[i];
        const Decode::Node& n = c.node(t.node);
        if (n.type != NodeType::String)
            continue;
        const QByteArray v = t.value.trimmed();
        if (t.location == "header:authorization" && c.d.layers[static_cast<size_t>(n.layer)].parentNode < 0) {
            const qsizetype sp = v.indexOf(' ');
            const QByteArray scheme = sp > 0 ? v.left(sp) : QByteArray("credentials");
            const QByteArray token = sp > 0 ? v.mid(sp + 1).trimmed() : v;
            if (token.size() >= 8) {
                Hit h = c.hitFor(t.node, "identity.credentials", Confidence::High, "authorization",
                    QStringLiteral("an Authorization header (%1)").arg(QString::fromUtf8(scheme.left(20))));
                h.value = token;
                h.normalized = token;
                c.add(std::move(h));
            }
            continue;
        }
        if ((cls & Keys::Password) && !isPlaceholder(v) && v.size() <= 256) {
            c.add(t, "identity.credentials", Confidence::Medium, "password",
                QStringLiteral("a password under the key \"%1\"").arg(QString::fromUtf8(t.key)));
            continue;
        }
        const bool cookie = t.location.startsWith("cookie:");
        if ((cls & Keys::SessionToken) && v.size() >= 8 && !isPlaceholder(v) && !v.contains(' ')) {
            c.add(t, "identity.credentials", Confidence::Medium, "session-token",
                cookie
                    ? QStringLiteral("a session cookie \"%1\"").arg(QString::fromUtf8(t.key))
                    : QStringLiteral("a session or access token under the key \"%1\"").arg(QString::fromUtf8(t.key)));
        }
    }
    // JWTs that name a subject: whoever holds them acts as the user.
    for (size_t l = 0; l < c.d.layers.size(); ++l) {
        const Decode::Layer& layer = c.d.layers[l];
        if (layer.format != "jwt" || layer.root < 0 || layer.parentNode < 0)
            continue;
        const int payload = c.d.child(layer.root, "payload");
        if (payload < 0)
            continue;
        QByteArray subject;
        for (const char* claim : { "sub", "email", "uid", "user_id", "userId", "username", "upn", "oid" }) {
            const int s = c.d.child(payload, claim);
            if (s >= 0 && !c.node(s).value.isEmpty()) {
                subject = claim;
                break;
            }
        }
        if (subject.isEmpty())
            continue;
        Hit h = c.hitFor(layer.parentNode, "identity.credentials", Confidence::High, "jwt",
            QStringLiteral("a JSON Web Token whose payload names a subject (\"%1\")").arg(QString::fromUtf8(subject)));
        h.value = layer.data;
        h.normalized = layer.data;
        if (h.location == "header:authorization") {
            // Same token as the Authorization hit; keep one.
            h.normalized = layer.data;
        }
        c.add(std::move(h));
    }
}

void accountIdsByKey(DetectorContext& c)
{
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        const quint64 cls = c.tokenClass[i];
        if (!(cls & (Keys::AccountId | Keys::PushToken | Keys::DeviceId)) || (cls & (Keys::RequestId | Keys::Version)))
            continue;
        const Decode::Node& n = c.node(t.node);
        if (n.type != NodeType::String && n.type != NodeType::Number)
            continue;
        const QByteArray v = t.value.trimmed();
        if (isPlaceholder(v) || v.size() < 4 || v.size() > 512 || v.contains(' '))
            continue;
        // A 16-hex "device_id" is an Android ID: the device detectors report it as a hardware id.
        if ((cls & Keys::DeviceId) && !(cls & Keys::AccountId) && Shapes::isHex(v, 16))
            continue;
        if (t.location.startsWith("url-path"))
            continue;
        QString what = (cls & Keys::PushToken) ? QStringLiteral("a push-notification token")
            : (cls & Keys::DeviceId)           ? QStringLiteral("a device or install identifier")
                                               : QStringLiteral("a user or install identifier");
        c.add(t, "identity.account_id", Confidence::Medium, "account-key",
            QStringLiteral("%1 under the key \"%2\"").arg(what, QString::fromUtf8(t.key)));
    }
}

} // namespace

void detectIdentity(DetectorContext& c)
{
    emails(c);
    phones(c);
    credentials(c);
    accountIdsByKey(c);
}

/// Exposed for the contacts detector: valid emails and phone numbers anywhere in a message.
std::vector<QByteArray> emailAddressesIn(const QByteArray& value)
{
    return emailsIn(value);
}

std::vector<QByteArray> validPhonesIn(const QByteArray& value, const QString& region)
{
    // Numbers standing on their own: not digit runs inside hex ids or words.
    static const QRegularExpression candidate(QStringLiteral("(?<![\\w+])\\+?\\d[\\d\\s().-]{6,18}\\d(?![\\w])"));
    std::vector<QByteArray> out;
    if (value.size() > 64 * 1024)
        return out;
    auto it = candidate.globalMatch(QString::fromUtf8(value));
    while (it.hasNext()) {
        const QByteArray phone = validPhoneIn(it.next().captured(0).toUtf8(), region);
        if (!phone.isEmpty())
            out.push_back(phone);
    }
    return out;
}

QByteArray validPhoneIn(const QByteArray& value, const QString& region)
{
    const QByteArray candidate = phoneCandidate(value);
    if (candidate.isEmpty())
        return {};
    const auto parsed = PhoneNumbers::parseValid(candidate, region);
    return parsed ? parsed->e164 : QByteArray();
}

} // namespace Detect
