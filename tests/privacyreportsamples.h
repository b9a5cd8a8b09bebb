// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An App Privacy Report written by hand for tst_appprivacyreportimporter (kept out of the test's .cpp: moc does
// not read raw string literals).

#include "testutils.h"

#include <QFile>

namespace PrivacyReportSamples {

// An App Privacy Report as iOS 17 saves it (App_Privacy_Report_v4_2026-01-01T10_00_00.ndjson): data-access records
// first, then network activity. Keys in the order iOS writes them.
inline const QByteArray kReport =
    R"({"accessor":{"identifierType":"bundleID","identifier":"com.vidzy.ios"},"category":"photos","identifier":"9A5B1C3D-5E6F-4A7B-8C9D-0E1F2A3B4C5D","kind":"intervalBegin","timeStamp":"2026-01-01T10:00:01.512+01:00","type":"access"})"
    "\n"
    R"({"accessor":{"identifierType":"bundleID","identifier":"com.vidzy.ios"},"category":"photos","identifier":"9A5B1C3D-5E6F-4A7B-8C9D-0E1F2A3B4C5D","kind":"intervalEnd","timeStamp":"2026-01-01T10:00:09.001+01:00","type":"access"})"
    "\n"
    R"({"domain":"graph.vidzy.example","firstTimeStamp":"2026-01-01T10:00:02.125+01:00","context":"","timeStamp":"2026-01-01T10:05:44.900+01:00","domainType":2,"initiatedType":"AppInitiated","hits":37,"type":"networkActivity","domainOwner":"","bundleID":"com.vidzy.ios"})"
    "\n"
    R"({"domain":"app-measurement.com","firstTimeStamp":"2026-01-01T10:00:03.000+01:00","context":"","timeStamp":"2026-01-01T10:04:00.000+01:00","domainType":2,"initiatedType":"AppInitiated","hits":4,"type":"networkActivity","domainOwner":"Google LLC","bundleID":"com.vidzy.ios"})"
    "\n"
    R"({"domain":"news.example","firstTimeStamp":"2026-01-01T10:02:00.000+01:00","context":"news.example","timeStamp":"2026-01-01T10:02:00.000+01:00","domainType":1,"initiatedType":"NonAppInitiated","hits":1,"type":"networkActivity","domainOwner":"","bundleID":"com.vidzy.ios"})"
    "\n";

inline QString write(const TestUtils::Scratch& scratch, const QByteArray& content)
{
    QFile f(scratch.path(QStringLiteral("App_Privacy_Report.ndjson")));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

} // namespace PrivacyReportSamples
