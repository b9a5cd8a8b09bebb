// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// device.advertising_id, device.hardware_id, network.carrier, device.fingerprint and device.installed_apps
// (research §7).
#include "detectorcontext.h"

#include <QSet>

namespace Detect {

using Decode::NodeType;

namespace {

QByteArray compactHex(const QByteArray& v)
{
    QByteArray out;
    for (char c : v) {
        if (c != '-' && c != ':' && c != '.')
            out.append(c >= 'A' && c <= 'F' ? static_cast<char>(c + 32) : c);
    }
    return out;
}

void advertisingIds(DetectorContext& c)
{
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        const quint64 cls = c.tokenClass[i];
        if (!(cls & Keys::AdId) || (cls & Keys::RequestId))
            continue;
        const QByteArray v = t.value.trimmed();
        if (!Shapes::isUuid(v) && !Shapes::isHex(v, 32))
            continue;
        const QByteArray hex = compactHex(v);
        if (hex.count('0') == hex.size()) {
            c.add(t, "device.advertising_id", Confidence::Medium, "ad-id-zeroed",
                QStringLiteral("the advertising ID field \"%1\" is present but zeroed: the user limited ad tracking "
                               "(Android) or denied App Tracking Transparency (iOS)")
                    .arg(QString::fromUtf8(t.key)),
                "zeroed");
            continue;
        }
        c.add(t, "device.advertising_id", Confidence::Medium, "ad-id",
            QStringLiteral("an advertising ID (UUID) under the key \"%1\"").arg(QString::fromUtf8(t.key)), hex);
    }
}

void hardwareIds(DetectorContext& c)
{
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        const quint64 cls = c.tokenClass[i];
        const Decode::Node& n = c.node(t.node);
        if (n.type != NodeType::String && n.type != NodeType::Number)
            continue;
        const QByteArray v = t.value.trimmed();
        const QString key = QString::fromUtf8(t.key);
        if (cls & Keys::Imei) {
            if (v.size() == 15 && Shapes::luhn(v))
                c.add(t, "device.hardware_id", Confidence::Medium, "imei",
                    QStringLiteral("an IMEI (15 digits, valid check digit) under the key \"%1\"").arg(key));
            else if (v.size() == 16 && Shapes::isDigits(v))
                c.add(t, "device.hardware_id", Confidence::Medium, "imei",
                    QStringLiteral("an IMEISV (16 digits) under the key \"%1\"").arg(key));
            else if (v.size() == 14 && Shapes::isHex(v))
                c.add(t, "device.hardware_id", Confidence::Medium, "meid",
                    QStringLiteral("a MEID (14 hex digits) under the key \"%1\"").arg(key), v.toLower());
            continue;
        }
        if ((cls & Keys::Imsi) && (v.size() == 14 || v.size() == 15) && Shapes::isDigits(v) && v[0] >= '2'
            && v[0] <= '7') {
            c.add(t, "device.hardware_id", Confidence::Medium, "imsi",
                QStringLiteral("an IMSI (SIM subscriber id) under the key \"%1\"").arg(key));
            continue;
        }
        if ((cls & Keys::Iccid) && v.size() >= 18 && v.size() <= 20 && v.startsWith("89") && Shapes::isDigits(v)) {
            c.add(t, "device.hardware_id", Confidence::Medium, "iccid",
                QStringLiteral("a SIM card number (ICCID) under the key \"%1\"").arg(key));
            continue;
        }
        if ((cls & Keys::Serial) && v.size() >= 6 && v.size() <= 32 && v.toLower() != "unknown") {
            bool alnum = true;
            for (char x : v)
                alnum &= (x >= '0' && x <= '9') || (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z');
            if (alnum)
                c.add(t, "device.hardware_id", Confidence::Medium, "serial",
                    QStringLiteral("a device serial number under the key \"%1\"").arg(key));
            continue;
        }
        if ((cls & Keys::Mac) && !(cls & Keys::Bssid) && Shapes::isMac(v, true)) {
            if (!Shapes::isPlaceholderMac(v))
                c.add(t, "device.hardware_id", Confidence::Medium, "mac",
                    QStringLiteral("a MAC address under the key \"%1\"").arg(key), compactHex(v));
            continue;
        }
        if ((cls & (Keys::AndroidId | Keys::DeviceId)) && Shapes::isHex(v, 16) && compactHex(v).count('0') != 16) {
            c.add(t, "device.hardware_id", Confidence::Medium, "android-id",
                QStringLiteral("an Android ID (16 hex digits) under the key \"%1\"").arg(key), v.toLower());
            continue;
        }
        if ((cls & Keys::VendorId) && Shapes::isUuid(v)) {
            c.add(t, "device.hardware_id", Confidence::Medium, "vendor-id",
                QStringLiteral("a per-vendor device identifier (IDFV / App Set ID) under the key \"%1\"").arg(key),
                compactHex(v));
            continue;
        }
        // An unlabelled MAC address with separators is still distinctive.
        if (!(cls & (Keys::Bssid | Keys::Version)) && v.size() == 17 && Shapes::isMac(v, false)
            && !Shapes::isPlaceholderMac(v) && !t.location.startsWith("url-path")) {
            c.add(t, "device.hardware_id", Confidence::Low, "mac",
                QStringLiteral("a MAC address without a key naming it"), compactHex(v));
        }
    }
}

void carrier(DetectorContext& c)
{
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        const quint64 cls = c.tokenClass[i];
        if (!(cls & (Keys::CarrierName | Keys::MccMnc | Keys::SimCountry)))
            continue;
        const QByteArray v = t.value.trimmed();
        const QByteArray lower = v.toLower();
        if (v.isEmpty() || v.size() > 48 || lower == "unknown" || lower == "null" || lower == "none" || lower == "--"
            || lower == "0")
            continue;
        const QString key = QString::fromUtf8(t.key);
        const QByteArray k = Keys::normalize(t.key);
        if (Shapes::isDigits(v)) {
            if ((cls & Keys::MccMnc)
                && (((k == "mcc" || k == "mnc") && v.size() <= 3) || v.size() == 5 || v.size() == 6))
                c.add(t, "network.carrier", Confidence::Medium, "mcc-mnc",
                    QStringLiteral("a mobile network code (MCC/MNC) under the key \"%1\"").arg(key));
            continue;
        }
        if (cls & Keys::SimCountry) {
            if (v.size() == 2)
                c.add(t, "network.carrier", Confidence::Medium, "sim-country",
                    QStringLiteral("the SIM's country under the key \"%1\"").arg(key), lower);
            continue;
        }
        if ((cls & Keys::CarrierName) && !(cls & Keys::Phone))
            c.add(t, "network.carrier", Confidence::Medium, "carrier",
                QStringLiteral("a mobile carrier name under the key \"%1\"").arg(key), lower);
    }
}

const QRegularExpression& buildFingerprint()
{
    static const QRegularExpression re(
        QStringLiteral("^[\\w.-]+/[\\w.-]+/[\\w.-]+:\\d+(?:\\.\\d+)*/[\\w.-]+/[\\w.-]+:\\w+/[\\w,.-]+$"));
    return re;
}

void fingerprint(DetectorContext& c)
{
    // Attributes that are harmless alone identify a device together (research §7 "Device model / OS").
    quint64 seen = 0;
    QByteArrayList keys;
    QByteArrayList values;
    int anchor = -1;
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        quint64 cls = c.tokenClass[i] & Keys::FingerprintClasses;
        if (t.location.startsWith("header:") || t.location.startsWith("cookie:"))
            continue;
        if (!cls && t.value.size() < 200 && t.value.count('/') >= 4 && t.value.contains(':')
            && buildFingerprint().match(QString::fromUtf8(t.value)).hasMatch())
            cls = Keys::FpBuild;
        if (!cls || t.value.trimmed().isEmpty() || t.value.size() > 200)
            continue;
        // Each kind counts once; the first value of each kind is the evidence.
        const quint64 fresh = cls & ~seen;
        if (!fresh)
            continue;
        seen |= cls;
        keys << t.key;
        values << t.value.trimmed();
        if (anchor < 0)
            anchor = t.node;
    }
    const int kinds = __builtin_popcountll(seen);
    if (kinds < 4)
        return;
    Hit h = c.hitFor(anchor, "device.fingerprint", Confidence::Medium, "fingerprint",
        QStringLiteral("%1 kinds of device attributes sent together (%2)")
            .arg(kinds)
            .arg(QString::fromUtf8(keys.join(", "))));
    h.key = keys.join(',');
    h.value = values.join(" | ");
    h.normalized = h.value.toLower();
    h.evidence = QStringLiteral("%1 attributes: %2").arg(keys.size()).arg(QString::fromUtf8(keys.join(", ").left(200)));
    c.add(std::move(h));
}

void installedApps(DetectorContext& c)
{
    for (size_t i = 0; i < c.d.nodes.size(); ++i) {
        const Decode::Node& n = c.d.nodes[i];
        const quint64 cls = c.ownClass(static_cast<int>(i));
        QSet<QByteArray> packages;
        if (n.type == NodeType::Array) {
            for (int ch = n.firstChild; ch >= 0; ch = c.node(ch).nextSibling) {
                const Decode::Node& e = c.node(ch);
                if (e.type == NodeType::String && Shapes::isPackageName(e.value.trimmed())) {
                    packages.insert(e.value.trimmed());
                } else if (e.type == NodeType::Object) {
                    // [{"package": "com.x", "version": 3}, …]
                    for (int f = e.firstChild; f >= 0; f = c.node(f).nextSibling) {
                        if (c.node(f).type == NodeType::String && Shapes::isPackageName(c.node(f).value.trimmed())) {
                            packages.insert(c.node(f).value.trimmed());
                            break;
                        }
                    }
                }
            }
        } else if (n.type == NodeType::Object && (cls & Keys::InstalledApps)) {
            // {"com.x": "1.2", …}
            for (int ch = n.firstChild; ch >= 0; ch = c.node(ch).nextSibling) {
                if (Shapes::isPackageName(c.node(ch).key))
                    packages.insert(c.node(ch).key);
            }
        } else if (n.type == NodeType::String && (cls & Keys::InstalledApps)) {
            for (const QByteArray& p : n.value.split(',')) {
                if (Shapes::isPackageName(p.trimmed()))
                    packages.insert(p.trimmed());
            }
        }
        const bool keyed = cls & Keys::InstalledApps;
        if (packages.size() < (keyed ? 3 : 10))
            continue;
        QByteArrayList sorted(packages.cbegin(), packages.cend());
        std::sort(sorted.begin(), sorted.end());
        Hit h = c.hitFor(static_cast<int>(i), "device.installed_apps", keyed ? Confidence::Medium : Confidence::Low,
            "installed-apps",
            keyed ? QStringLiteral("a list of %1 app package names under the key \"%2\"")
                        .arg(packages.size())
                        .arg(QString::fromUtf8(n.key))
                  : QStringLiteral("a list of %1 app package names").arg(packages.size()));
        h.value = sorted.join(',');
        h.normalized = h.value;
        h.evidence = QStringLiteral("%1 packages, e.g. %2")
                         .arg(packages.size())
                         .arg(QString::fromUtf8(sorted.mid(0, 3).join(", ")));
        c.add(std::move(h));
    }
}

} // namespace

void detectDevice(DetectorContext& c)
{
    advertisingIds(c);
    hardwareIds(c);
    carrier(c);
    fingerprint(c);
    installedApps(c);
}

} // namespace Detect
