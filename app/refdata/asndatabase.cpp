// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "asndatabase.h"

#include "common/compression.h"
#include "common/ipaddress.h"

#include <QFile>
#include <QtEndian>

#include <algorithm>
#include <map>

namespace {

constexpr char kMagic[8] = { 'L', 'S', 'A', 'S', 'N', 1, 0, 0 };
constexpr qint64 kMaxFile = 256ll << 20; // far above the real ≈ 12 MB; refuses absurd inputs

/// Splits one CSV line (RFC 4180 quoting) into at most `max` fields.
QList<QByteArray> splitCsv(const QByteArray& line)
{
    QList<QByteArray> fields;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.append(field);
            field.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

void putU32(QByteArray& out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

quint32 getU32(const char* p)
{
    return qFromLittleEndian<quint32>(p);
}

} // namespace

bool AsnDatabase::Builder::addCsv(const QByteArray& csv, QString* error)
{
    std::map<quint32, QByteArray> orgs;
    for (const auto& [asn, name] : m_orgs)
        orgs.emplace(asn, name);
    qsizetype pos = 0;
    qint64 lineNo = 0;
    while (pos < csv.size()) {
        qsizetype end = csv.indexOf('\n', pos);
        if (end < 0)
            end = csv.size();
        const QByteArray line = csv.mid(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> f = splitCsv(line);
        bool asnOk = false;
        const quint32 asn = f.size() >= 3 ? f[2].trimmed().toUInt(&asnOk) : 0;
        const auto first = IpAddress::parse(QString::fromLatin1(f.value(0).trimmed()));
        const auto last = IpAddress::parse(QString::fromLatin1(f.value(1).trimmed()));
        if (f.size() < 3 || !asnOk || !first || !last || first->v4 != last->v4) {
            *error = QStringLiteral("line %1: expected start,end,asn,\"organisation\"").arg(lineNo);
            return false;
        }
        if (asn == 0)
            continue; // "not routed": nothing to say about it
        if (first->v4)
            m_v4.push_back({ first->v4Value(), last->v4Value(), asn });
        else
            m_v6.push_back({ first->bytes, last->bytes, asn });
        const QByteArray org = f.value(3).trimmed();
        if (!org.isEmpty())
            orgs[asn] = org; // the last spelling wins; the sources agree on one name per AS
    }
    m_orgs.assign(orgs.begin(), orgs.end());
    return true;
}

QByteArray AsnDatabase::Builder::build(int level)
{
    std::sort(m_v4.begin(), m_v4.end(), [](const V4& a, const V4& b) { return a.first < b.first; });
    std::sort(m_v6.begin(), m_v6.end(), [](const V6& a, const V6& b) { return a.first < b.first; });
    // Adjacent ranges of one AS become one (the published CSVs are already merged; other sources may not be).
    std::vector<V4> v4;
    for (const V4& r : m_v4) {
        if (!v4.empty() && v4.back().asn == r.asn && v4.back().last != 0xffffffffu && v4.back().last + 1 == r.first)
            v4.back().last = r.last;
        else
            v4.push_back(r);
    }
    QByteArray raw(kMagic, sizeof kMagic);
    QByteArray strings;
    putU32(raw, static_cast<quint32>(v4.size()));
    putU32(raw, static_cast<quint32>(m_v6.size()));
    putU32(raw, static_cast<quint32>(m_orgs.size()));
    for (const auto& [asn, name] : m_orgs)
        strings += name;
    putU32(raw, static_cast<quint32>(strings.size()));
    for (const V4& r : v4) {
        putU32(raw, r.first);
        putU32(raw, r.last);
        putU32(raw, r.asn);
    }
    for (const V6& r : m_v6) {
        raw.append(reinterpret_cast<const char*>(r.first.data()), 16);
        raw.append(reinterpret_cast<const char*>(r.last.data()), 16);
        putU32(raw, r.asn);
    }
    quint32 offset = 0;
    for (const auto& [asn, name] : m_orgs) {
        putU32(raw, asn);
        putU32(raw, offset);
        putU32(raw, static_cast<quint32>(name.size()));
        offset += static_cast<quint32>(name.size());
    }
    raw += strings;
    return Compression::zstdCompress(raw, level);
}

bool AsnDatabase::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray compressed = file.read(kMaxFile);
    const auto raw = Compression::decompress(Compression::Codec::Zstd, compressed, kMaxFile);
    if (!raw.ok || raw.limitReached) {
        *error = QStringLiteral("%1: not a zstd-compressed ASN file (%2)").arg(path, raw.error);
        return false;
    }
    if (!loadBytes(raw.data, error)) {
        *error = QStringLiteral("%1: %2").arg(path, *error);
        return false;
    }
    return true;
}

bool AsnDatabase::loadBytes(const QByteArray& raw, QString* error)
{
    m_v4.clear();
    m_v6.clear();
    m_orgs.clear();
    constexpr qsizetype header = sizeof kMagic + 16;
    if (raw.size() < header || !raw.startsWith(QByteArray(kMagic, sizeof kMagic))) {
        *error = QStringLiteral("not a Leakscope ASN file (wrong magic)");
        return false;
    }
    const char* p = raw.constData() + sizeof kMagic;
    const quint64 n4 = getU32(p), n6 = getU32(p + 4), nOrg = getU32(p + 8), nStr = getU32(p + 12);
    const quint64 need = header + n4 * 12 + n6 * 36 + nOrg * 12 + nStr;
    if (need != static_cast<quint64>(raw.size())) {
        *error = QStringLiteral("damaged ASN file (%1 bytes, the header announces %2)").arg(raw.size()).arg(need);
        return false;
    }
    p = raw.constData() + header;
    m_v4.resize(n4);
    for (quint64 i = 0; i < n4; ++i, p += 12)
        m_v4[i] = { getU32(p), getU32(p + 4), getU32(p + 8) };
    m_v6.resize(n6);
    for (quint64 i = 0; i < n6; ++i, p += 36) {
        std::copy(p, p + 16, m_v6[i].first.begin());
        std::copy(p + 16, p + 32, m_v6[i].last.begin());
        m_v6[i].asn = getU32(p + 32);
    }
    m_orgs.resize(nOrg);
    for (quint64 i = 0; i < nOrg; ++i, p += 12) {
        m_orgs[i] = { getU32(p), getU32(p + 4), getU32(p + 8) };
        if (quint64(m_orgs[i].offset) + m_orgs[i].length > nStr) {
            *error = QStringLiteral("damaged ASN file (organisation %1 points outside the names)").arg(i);
            m_v4.clear();
            m_v6.clear();
            m_orgs.clear();
            return false;
        }
    }
    m_strings = QByteArray(p, static_cast<qsizetype>(nStr));
    return true;
}

QString AsnDatabase::organisation(quint32 asn) const
{
    const auto it =
        std::lower_bound(m_orgs.begin(), m_orgs.end(), asn, [](const Org& o, quint32 a) { return o.asn < a; });
    if (it == m_orgs.end() || it->asn != asn)
        return {};
    return QString::fromUtf8(m_strings.constData() + it->offset, it->length);
}

AsnDatabase::Result AsnDatabase::lookup(const QString& text) const
{
    Result r;
    const auto input = IpAddress::parse(text); // also unwraps ::ffff:a.b.c.d
    if (!input || !input->isGlobal())
        return r;
    if (input->v4) {
        const quint32 v4 = input->v4Value();
        const auto it =
            std::upper_bound(m_v4.begin(), m_v4.end(), v4, [](quint32 a, const V4& x) { return a < x.first; });
        if (it != m_v4.begin() && v4 <= std::prev(it)->last)
            r.asn = std::prev(it)->asn;
    } else {
        const auto& key = input->bytes;
        const auto it = std::upper_bound(
            m_v6.begin(), m_v6.end(), key, [](const std::array<quint8, 16>& a, const V6& x) { return a < x.first; });
        if (it != m_v6.begin() && key <= std::prev(it)->last)
            r.asn = std::prev(it)->asn;
    }
    if (r.asn)
        r.organisation = organisation(r.asn);
    return r;
}
