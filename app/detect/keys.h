// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

/// Key-name evidence (research §7 "KEY"): a member name, lowercased with '_', '-', '.' and spaces removed
/// (so camelCase and snake_case fold together), classified into what it says its value is.
namespace Detect::Keys {

enum Class : quint64
{
    Email = 1ull << 0,
    HashedEmail = 1ull << 1,
    Phone = 1ull << 2,
    HashedPhone = 1ull << 3,
    Lat = 1ull << 4,
    Lon = 1ull << 5,
    LatLon = 1ull << 6,
    LatE7 = 1ull << 7,
    LonE7 = 1ull << 8,
    Geohash = 1ull << 9,
    City = 1ull << 10,
    Zip = 1ull << 11,
    Region = 1ull << 12,
    Country = 1ull << 13,
    Timezone = 1ull << 14,
    AdId = 1ull << 15,
    VendorId = 1ull << 16, ///< IDFV, App Set ID
    AndroidId = 1ull << 17,
    Imei = 1ull << 18,
    Imsi = 1ull << 19,
    Iccid = 1ull << 20,
    Serial = 1ull << 21,
    Mac = 1ull << 22,
    Ip = 1ull << 23,
    CarrierName = 1ull << 24,
    MccMnc = 1ull << 25,
    SimCountry = 1ull << 26,
    Ssid = 1ull << 27,
    Bssid = 1ull << 28,
    Cell = 1ull << 29,
    AccountId = 1ull << 30,
    PushToken = 1ull << 31,
    Password = 1ull << 32,
    SessionToken = 1ull << 33,
    Contacts = 1ull << 34,
    SocialGraph = 1ull << 35,
    Face = 1ull << 36,
    FaceAngle = 1ull << 37, ///< yaw/pitch/roll: face pose only next to other face keys
    Embedding = 1ull << 38,
    Voice = 1ull << 39,
    Clipboard = 1ull << 40,
    InstalledApps = 1ull << 41,
    Keystrokes = 1ull << 42,
    Events = 1ull << 43,
    EventName = 1ull << 44,
    EventTime = 1ull << 45,
    FpModel = 1ull << 46,
    FpOs = 1ull << 47,
    FpScreen = 1ull << 48,
    FpLocale = 1ull << 49,
    FpBattery = 1ull << 50,
    FpStorage = 1ull << 51,
    FpMemory = 1ull << 52,
    FpCpu = 1ull << 53,
    FpRooted = 1ull << 54,
    FpBuild = 1ull << 55,
    FpManufacturer = 1ull << 56,
    PersonName = 1ull << 57,
    DeviceId = 1ull << 58, ///< "device_id": Android ID when 16 hex digits, else a service-assigned id
    Version = 1ull << 59, ///< version/build strings: never IPs or emails
    RequestId = 1ull << 60, ///< request/trace/correlation ids: never ad ids
};

/// "gps_adid" → "gpsadid", "advertiserId" → "advertiserid", "X-Device-ID" → "xdeviceid".
QByteArray normalize(QByteArrayView key);

/// The classes a normalised key belongs to (0 when none).
quint64 classify(const QByteArray& normalizedKey);

inline quint64 classOf(QByteArrayView key)
{
    return classify(normalize(key));
}

/// The fingerprint attribute classes, for counting how many kinds travel together.
constexpr quint64 FingerprintClasses = FpModel | FpOs | FpScreen | FpLocale | FpBattery | FpStorage | FpMemory | FpCpu
    | FpRooted | FpBuild | FpManufacturer | Timezone | CarrierName;

} // namespace Detect::Keys
