// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Headlines::encode/decode: a Summary as bytes, for the copy the overview pass keeps in the investigation.
// QDataStream with a version of our own in front: the bytes never leave the file they were computed for, and a
// copy from another layout is recomputed rather than read.
#include "headlines.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>

namespace Headlines {

namespace {

constexpr quint32 kMagic = 0x4c534f56; // "LSOV"
constexpr quint16 kLayout = 1;
// A stored summary holds one receiver per company or domain and a few dozen categories and headlines; more than
// this is a damaged or crafted file, and the caller recomputes.
constexpr quint32 kMaxItems = 10'000'000;

template <typename Map> void writeMap(QDataStream& out, const Map& map)
{
    out << static_cast<quint32>(map.size());
    for (const auto& [key, value] : map)
        out << key << static_cast<qint64>(value);
}

template <typename Map> bool readMap(QDataStream& in, Map& map)
{
    quint32 n = 0;
    in >> n;
    if (n > kMaxItems)
        return false;
    for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        QString key;
        qint64 value = 0;
        in >> key >> value;
        map[key] = static_cast<typename Map::mapped_type>(value);
    }
    return in.status() == QDataStream::Ok;
}

template <typename T, typename Read> bool readVector(QDataStream& in, std::vector<T>& items, Read read)
{
    quint32 n = 0;
    in >> n;
    if (n > kMaxItems)
        return false;
    for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i)
        read(items.emplace_back());
    return in.status() == QDataStream::Ok;
}

} // namespace

QByteArray encode(const Summary& s)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << kMagic << kLayout;
    out << static_cast<quint32>(s.receivers.size());
    for (const Receiver& r : s.receivers)
        out << r.name << r.knownCompany << r.entityId << r.hqCountry << r.legalDomicile << qint32(r.firstParty)
            << r.tracker << r.bytesSent << r.requests << qint32(r.hosts);
    out << qint32(s.companies) << qint32(s.thirdParties) << qint32(s.unknownOwners);
    writeMap(out, s.serverCountries);
    writeMap(out, s.hqCountries);
    out << static_cast<quint32>(s.categories.size());
    for (const CategoryShare& c : s.categories)
        out << c.category << c.findings << qint32(c.maxConfidence) << c.receivers << qint32(c.thirdPartyReceivers)
            << c.thirdPartyNames;
    out << qint32(s.uploadsBeforePost) << s.earliestBeforePostUs << s.earliestBeforePostClass
        << qint32(s.discardedDraftUploads) << qint32(s.encryptedBursts);
    const Data::Coverage& c = s.coverage;
    out << c.connections << c.encryptedOnly << c.encryptedOnlyBytesSent << c.decrypted << c.flows << c.bodiesMissing;
    out << static_cast<quint32>(s.headlines.size());
    for (const Headline& h : s.headlines)
        out << h.text << h.explanation << qint32(h.evidence) << h.categories << h.warning;
    return bytes;
}

std::optional<Summary> decode(const QByteArray& bytes)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0;
    quint16 layout = 0;
    in >> magic >> layout;
    if (magic != kMagic || layout != kLayout)
        return std::nullopt;
    Summary s;
    qint32 a = 0, b = 0, c = 0;
    bool ok = readVector(in, s.receivers, [&in](Receiver& r) {
        qint32 firstParty = 0, hosts = 0;
        in >> r.name >> r.knownCompany >> r.entityId >> r.hqCountry >> r.legalDomicile >> firstParty >> r.tracker
            >> r.bytesSent >> r.requests >> hosts;
        r.firstParty = firstParty;
        r.hosts = hosts;
    });
    in >> a >> b >> c;
    s.companies = a;
    s.thirdParties = b;
    s.unknownOwners = c;
    ok = ok && readMap(in, s.serverCountries) && readMap(in, s.hqCountries);
    ok = ok && readVector(in, s.categories, [&in](CategoryShare& share) {
        qint32 confidence = 0, thirdParties = 0;
        in >> share.category >> share.findings >> confidence >> share.receivers >> thirdParties
            >> share.thirdPartyNames;
        share.maxConfidence = confidence;
        share.thirdPartyReceivers = thirdParties;
    });
    in >> a >> s.earliestBeforePostUs >> s.earliestBeforePostClass >> b >> c;
    s.uploadsBeforePost = a;
    s.discardedDraftUploads = b;
    s.encryptedBursts = c;
    Data::Coverage& cov = s.coverage;
    in >> cov.connections >> cov.encryptedOnly >> cov.encryptedOnlyBytesSent >> cov.decrypted >> cov.flows
        >> cov.bodiesMissing;
    ok = ok && readVector(in, s.headlines, [&in](Headline& h) {
        qint32 evidence = 0;
        in >> h.text >> h.explanation >> evidence >> h.categories >> h.warning;
        h.evidence = static_cast<Evidence>(std::clamp<qint32>(
            evidence, static_cast<qint32>(Evidence::Destinations), static_cast<qint32>(Evidence::Captures)));
    });
    if (!ok || in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    return s;
}

} // namespace Headlines
