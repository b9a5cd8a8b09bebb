// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serveridtracker.h"

#include "evidence.h"
#include "keys.h"

#include <QSet>

#include <algorithm>

namespace Detect {

namespace {

/// Values that can be identifiers: long enough, no spaces, not a word, a time, a URL or a placeholder.
bool identifierShaped(const QByteArray& v)
{
    if (v.size() < 6 || v.size() > 512 || v.contains(' ') || v.contains("://") || v.contains('\n'))
        return false;
    const QByteArray lower = v.toLower();
    if (lower == "null" || lower == "undefined" || lower == "true" || lower == "false" || lower == "anonymous")
        return false;
    bool digit = false, alpha = false, allDigits = true;
    for (char c : v) {
        const bool d = c >= '0' && c <= '9';
        digit |= d;
        alpha |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        allDigits &= d;
    }
    if (allDigits) {
        // Times and small counters are not ids.
        if (v.size() == 10 || v.size() == 13 || v.size() == 16)
            return false;
        return v.size() >= 7;
    }
    return digit || (alpha && v.size() >= 16);
}

bool sessionLike(const QByteArray& normalizedKey)
{
    return normalizedKey.contains("sess") || normalizedKey.contains("token") || normalizedKey.contains("auth")
        || normalizedKey == "sid" || normalizedKey.contains("jwt") || normalizedKey.contains("remember");
}

/// "user_uuid", "installationToken", "guestKey": an id of the user, account, install or device, not of a
/// content item ("video_id", "post_id") that the app naturally sends back.
bool aboutTheUser(const QByteArray& k)
{
    if (!(k.endsWith("id") || k.endsWith("token") || k.endsWith("uuid") || k.endsWith("key") || k.endsWith("guid")))
        return false;
    for (const char* who : { "user", "account", "member", "customer", "install", "device", "session", "visitor",
             "client", "profile", "anon", "guest", "person", "player", "subscriber", "owner" }) {
        if (k.contains(who))
            return true;
    }
    return false;
}

/// An opaque token: no separators that structured values use (':' '&' '%' ' '), digits and letters mixed or a
/// long run of hex or digits. Cookies named vaguely ("d", "u", "ac") count only when their value is one.
bool opaqueValue(const QByteArray& v)
{
    if (v.size() < 16 || v.size() > 256)
        return false;
    int digits = 0, letters = 0;
    for (char c : v) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            ++letters;
        else if (c != '-' && c != '_' && c != '.' && c != '=' && c != '+' && c != '/' && c != '|')
            return false;
    }
    return digits >= 2 && (letters >= 2 || digits >= 12);
}

} // namespace

void ServerIdTracker::learn(
    const Decode::Decoded& response, qint64 flowId, const QString& host, const QString& registrableDomain)
{
    for (const Decode::Token& t : response.leaves()) {
        const Decode::Node& n = response.nodes[static_cast<size_t>(t.node)];
        if (n.type != Decode::NodeType::String && n.type != Decode::NodeType::Number)
            continue;
        const QByteArray value = t.value.trimmed();
        const QByteArray k = Keys::normalize(t.key);
        const quint64 cls = Keys::classify(k);
        const bool cookie = t.location.startsWith("cookie:");
        if (cls & (Keys::RequestId | Keys::Version))
            continue;
        const bool idKey =
            (cls & (Keys::AccountId | Keys::DeviceId | Keys::PushToken | Keys::SessionToken)) || aboutTheUser(k);
        if (!(idKey || (cookie && opaqueValue(value))) || !identifierShaped(value) || m_assigned.contains(value))
            continue;
        // Only the value as the server wrote it, not what the decoder unpacked from it.
        if (response.layers[static_cast<size_t>(t.layer)].parentNode >= 0 && cookie)
            continue;
        Assigned a;
        a.flowId = flowId;
        a.host = host;
        a.registrableDomain = registrableDomain;
        a.key = t.key;
        a.cookie = cookie;
        a.credential = sessionLike(k) || (cls & Keys::SessionToken);
        m_assigned.insert(value, a);
    }
}

std::vector<Hit> ServerIdTracker::echoes(const Decode::Decoded& request, const MessageInfo& info) const
{
    std::vector<Hit> hits;
    if (m_assigned.isEmpty())
        return hits;
    for (const Decode::Token& t : request.leaves()) {
        const Decode::Node& n = request.nodes[static_cast<size_t>(t.node)];
        if (n.type != Decode::NodeType::String && n.type != Decode::NodeType::Number)
            continue;
        const QByteArray value = t.value.trimmed();
        const auto it = m_assigned.constFind(value);
        if (it == m_assigned.cend())
            continue;
        const Assigned& a = it.value();
        const bool thirdParty = !a.registrableDomain.isEmpty() && a.registrableDomain != info.registrableDomain;
        Hit h;
        h.category = a.credential ? QStringLiteral("identity.credentials") : QStringLiteral("identity.account_id");
        h.confidence = thirdParty ? Confidence::High : Confidence::Medium;
        h.detector = QStringLiteral("server-assigned");
        h.node = t.node;
        h.layer = t.layer;
        h.location = t.location;
        h.key = t.key;
        h.chain = request.chain(t.node);
        h.value = value;
        h.normalized = value;
        const QString origin =
            QStringLiteral("%1 %2 \"%3\" in its response to flow %4")
                .arg(a.host, a.cookie ? QStringLiteral("set the cookie") : QStringLiteral("assigned it as"),
                    QString::fromUtf8(a.key.left(60)))
                .arg(a.flowId);
        h.reason = thirdParty
            ? QStringLiteral("an identifier the service assigned (%1), sent on to a third party (%2)")
                  .arg(origin, info.registrableDomain)
            : QStringLiteral("an identifier the service assigned (%1), sent back with this request").arg(origin);
        hits.push_back(std::move(h));
    }
    // A value found again inside its own decoding (a cookie and its base64 content) is one echo.
    QSet<int> nodes;
    for (const Hit& h : hits)
        nodes.insert(h.node);
    hits.erase(std::remove_if(hits.begin(), hits.end(),
                   [&](const Hit& h) {
                       for (int l = h.layer; l >= 0;) {
                           const Decode::Layer& layer = request.layers[static_cast<size_t>(l)];
                           if (layer.parentNode >= 0) {
                               if (nodes.contains(layer.parentNode))
                                   return true;
                               l = request.nodes[static_cast<size_t>(layer.parentNode)].layer;
                           } else {
                               l = layer.parentLayer;
                           }
                       }
                       return false;
                   }),
        hits.end());
    return hits;
}

DraftPrefixTracker::DraftPrefixTracker(std::vector<Canary> canaries)
    : m_canaries(std::move(canaries))
    , m_seen(m_canaries.size())
{ }

void DraftPrefixTracker::observe(const Decode::Decoded& request, qint64 flowId)
{
    if (m_canaries.empty())
        return;
    for (const Decode::Token& t : request.leaves()) {
        if (request.nodes[static_cast<size_t>(t.node)].type != Decode::NodeType::String)
            continue;
        const QByteArray v = t.value.trimmed().toLower();
        if (v.size() < 3)
            continue;
        for (size_t i = 0; i < m_canaries.size(); ++i) {
            const Canary& c = m_canaries[i];
            if (v.size() >= c.lowerValue.size() || !c.lowerValue.startsWith(v))
                continue;
            Hit h;
            h.category = QStringLiteral("behavior.keystrokes");
            h.confidence = Confidence::High;
            h.detector = QStringLiteral("draft-prefix");
            h.knownLabel = c.label;
            h.knownId = c.identifierId;
            h.variant = QStringLiteral("the first %1 of %2 characters of the draft canary")
                            .arg(v.size())
                            .arg(c.lowerValue.size());
            h.node = t.node;
            h.layer = t.layer;
            h.location = t.location;
            h.key = t.key;
            h.chain = request.chain(t.node);
            h.value = t.value.trimmed();
            h.normalized = "prefix:" + QByteArray::number(c.identifierId) + ':' + v;
            FindingStore::Display display = Evidence::displayOf(request, h);
            m_seen[i].push_back({ flowId, std::move(h), std::move(display) });
        }
    }
}

std::vector<DraftPrefixTracker::Sighting> DraftPrefixTracker::take()
{
    std::vector<Sighting> out;
    for (size_t i = 0; i < m_seen.size(); ++i) {
        QSet<qsizetype> lengths;
        QSet<qint64> flows;
        for (const Sighting& s : m_seen[i]) {
            lengths.insert(s.hit.value.size());
            flows.insert(s.flowId);
        }
        // Three or more different prefix lengths in two or more requests: typed, not pasted.
        if (lengths.size() >= 3 && flows.size() >= 2) {
            for (Sighting& s : m_seen[i]) {
                s.hit.reason = QStringLiteral(
                    "the draft canary \"%1\" left the device as it was typed: %2 growing prefixes in %3 requests")
                                   .arg(m_canaries[i].label)
                                   .arg(lengths.size())
                                   .arg(flows.size());
                out.push_back(std::move(s));
            }
        }
        m_seen[i].clear();
    }
    return out;
}

} // namespace Detect
