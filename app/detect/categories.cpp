// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "categories.h"

#include <vector>

namespace Categories {

const std::vector<Category>& all()
{
    static const std::vector<Category> list = {
        { "identity.email", "Email address", "An email address, or a hash of one" },
        { "identity.phone", "Phone number", "A phone number (valid for some region), or a hash of one" },
        { "identity.name", "Personal name", "A person's name, found through a known identifier" },
        { "identity.account_id", "Account / user identifier",
            "A user, account, install or device id the service assigned" },
        { "identity.credentials", "Credentials / session tokens",
            "Passwords, bearer tokens, session cookies, JWTs carrying a subject" },
        { "contacts.address_book", "Contacts (address book)",
            "Several people's phone numbers, emails or names in one payload" },
        { "contacts.social_graph", "Social graph", "Friend or follower lists" },
        { "location.precise", "Precise location", "Coordinates with about 100 m precision or better" },
        { "location.coarse", "Coarse location", "City, postal code, region, or coordinates coarser than about 1 km" },
        { "location.wifi_cell", "Wi-Fi / cell identifiers", "SSID, BSSID, cell id, LAC, MCC-MNC (location proxies)" },
        { "network.ip_address", "IP address in payload", "A client IP address written inside the payload" },
        { "network.carrier", "Carrier / SIM", "Carrier name, MCC/MNC, SIM country" },
        { "device.advertising_id", "Advertising identifier",
            "GAID, AAID or IDFA, including the zeroed \"limited\" value" },
        { "device.hardware_id", "Hardware identifier",
            "IMEI, MEID, IMSI, ICCID, MAC address, serial number, Android ID" },
        { "device.fingerprint", "Device fingerprint",
            "Model, OS build, screen, locale, timezone, battery … sent together" },
        { "device.installed_apps", "Installed apps", "A list of other installed app packages" },
        { "biometric.face", "Face / biometric data", "Face landmarks, geometry, embeddings or liveness payloads" },
        { "biometric.voice", "Voice print", "Voice embeddings or voiceprint payloads" },
        { "media.video", "Video upload", "Video bytes leaving the device" },
        { "media.image", "Image upload", "Image bytes leaving the device" },
        { "media.audio", "Audio upload", "Audio bytes leaving the device" },
        { "content.draft_text", "Draft text", "Text typed but not posted, found through a known identifier" },
        { "content.clipboard", "Clipboard content", "Clipboard text" },
        { "behavior.usage_events", "Usage analytics", "Event streams describing what the user did" },
        { "behavior.keystrokes", "Keystroke telemetry", "Typing cadence or per-key events" },
    };
    return list;
}

QStringList ids()
{
    QStringList out;
    for (const Category& c : all())
        out.append(QString::fromLatin1(c.id));
    return out;
}

bool isKnown(const QString& id)
{
    for (const Category& c : all()) {
        if (id == QLatin1String(c.id))
            return true;
    }
    return false;
}

QString displayName(const QString& id)
{
    for (const Category& c : all()) {
        if (id == QLatin1String(c.id))
            return QString::fromUtf8(c.displayName);
    }
    return id;
}

QString description(const QString& id)
{
    for (const Category& c : all()) {
        if (id == QLatin1String(c.id))
            return QString::fromUtf8(c.description);
    }
    return {};
}

} // namespace Categories

namespace Confidence {

QString name(int level)
{
    switch (level) {
    case High:
        return QStringLiteral("high");
    case Medium:
        return QStringLiteral("medium");
    default:
        return QStringLiteral("low");
    }
}

int fromName(const QString& n)
{
    const QString s = n.trimmed().toLower();
    if (s.isEmpty() || s == u"low")
        return Low;
    if (s == u"medium")
        return Medium;
    if (s == u"high")
        return High;
    return -1;
}

} // namespace Confidence
