// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cdnnetworks.h"

#include <QObject>

#include <algorithm>
#include <iterator>

namespace {

struct Network
{
    quint32 asn;
    const char* name;
};

// Operators' own AS numbers, from their peering records (PeeringDB) and RIR registrations; sorted by ASN.
// Large clouds are listed only where their edge/CDN runs in the same AS (Amazon CloudFront shares AS16509
// with EC2; Google's front ends share AS15169): the flag then means "may be an edge", as the caveat says.
constexpr Network kNetworks[] = {
    { 8068, "Microsoft (Azure Front Door)" },
    { 8075, "Microsoft (Azure Front Door)" },
    { 12222, "Akamai" },
    { 13335, "Cloudflare" },
    { 14618, "Amazon (CloudFront)" },
    { 15133, "Edgio (Edgecast)" },
    { 15169, "Google" },
    { 16509, "Amazon (CloudFront)" },
    { 16625, "Akamai" },
    { 16702, "Akamai" },
    { 18680, "Akamai" },
    { 18717, "Akamai" },
    { 20189, "Akamai" },
    { 20446, "StackPath (Highwinds)" },
    { 20940, "Akamai" },
    { 21342, "Akamai" },
    { 21357, "Akamai" },
    { 21399, "Akamai" },
    { 22822, "Edgio (Limelight)" },
    { 23454, "Akamai" },
    { 23455, "Akamai" },
    { 24319, "Akamai" },
    { 26008, "Akamai" },
    { 30675, "Akamai" },
    { 31107, "Akamai" },
    { 31108, "Akamai" },
    { 31109, "Akamai" },
    { 31110, "Akamai" },
    { 31377, "Akamai" },
    { 32787, "Akamai (Prolexic)" },
    { 32934, "Meta" },
    { 33047, "Akamai (Instart)" },
    { 33438, "StackPath" },
    { 33905, "Akamai" },
    { 34164, "Akamai" },
    { 34850, "Akamai" },
    { 35204, "Akamai" },
    { 35993, "Akamai" },
    { 35994, "Akamai" },
    { 36183, "Akamai" },
    { 36408, "CDNetworks" },
    { 37963, "Alibaba Cloud" },
    { 38107, "CDNetworks" },
    { 39836, "Akamai" },
    { 43639, "Akamai" },
    { 45102, "Alibaba Cloud" },
    { 54113, "Fastly" },
    { 54994, "Tencent Cloud" },
    { 55409, "Akamai" },
    { 55770, "Akamai" },
    { 60068, "CDN77 (DataCamp)" },
    { 132203, "Tencent Cloud" },
    { 133478, "ByteDance (BytePlus edge)" },
    { 138699, "ByteDance (TikTok edge)" },
    { 199524, "G-Core Labs" },
    { 200325, "Bunny.net" },
    { 209242, "Cloudflare" },
    { 393560, "Akamai" },
    { 396982, "Google Cloud" },
    { 396986, "ByteDance (edge)" },
};

} // namespace

namespace CdnNetworks {

QString operatorFor(quint32 asn)
{
    const auto it = std::lower_bound(
        std::begin(kNetworks), std::end(kNetworks), asn, [](const Network& n, quint32 a) { return n.asn < a; });
    return it != std::end(kNetworks) && it->asn == asn ? QString::fromLatin1(it->name) : QString();
}

bool isCdnCategory(const QString& categoryId)
{
    return categoryId.contains(QLatin1String("cdn"), Qt::CaseInsensitive)
        || categoryId.contains(QLatin1String("hosting"), Qt::CaseInsensitive);
}

QString caveat()
{
    return QObject::tr("anycast/CDN network: the country is where the address block is registered; the server that "
                       "answered was probably closer to the device");
}

} // namespace CdnNetworks
