// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dns.h"

#include "address.h"
#include "bytes.h"

#include <QHash>

namespace Packet::Dns {

NameResult readName(const uint8_t* msg, size_t length, size_t& offset, QByteArray& name)
{
    name.clear();
    size_t pos = offset;
    bool jumped = false;
    bool tooLong = false;
    int hops = 0;
    for (;;) {
        if (pos >= length)
            return NameResult::Bad;
        const uint8_t l = msg[pos];
        if (l == 0) {
            if (!jumped)
                offset = pos + 1;
            break;
        }
        if ((l & 0xC0) == 0xC0) {
            if (pos + 1 >= length || ++hops > 64)
                return NameResult::Bad;
            const size_t target = (size_t(l & 0x3F) << 8) | msg[pos + 1];
            if (!jumped)
                offset = pos + 2;
            jumped = true;
            if (target >= length)
                return NameResult::Bad;
            pos = target;
            continue;
        }
        if (l & 0xC0)
            return NameResult::Bad; // extended label types (RFC 6891 §5) are obsolete
        if (pos + 1 + l > length)
            return NameResult::Bad;
        if (!tooLong) {
            if (!name.isEmpty())
                name += '.';
            for (size_t i = 0; i < l; ++i) {
                const char c = static_cast<char>(msg[pos + 1 + i]);
                name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
            }
            if (name.size() > 255) {
                tooLong = true;
                name.clear();
            }
        }
        pos += 1 + l;
    }
    return tooLong ? NameResult::TooLong : NameResult::Ok;
}

namespace {

struct Record
{
    QByteArray owner;
    uint16_t type = 0;
    uint32_t ttl = 0;
    QByteArray cnameTarget;
    Address address;
    bool valid = true;
};

bool readRecord(const uint8_t* msg, size_t length, size_t& offset, Record& r)
{
    const NameResult owner = readName(msg, length, offset, r.owner);
    if (owner == NameResult::Bad)
        return false;
    r.valid = owner == NameResult::Ok && !r.owner.isEmpty();
    if (offset + 10 > length)
        return false;
    r.type = be16(msg + offset);
    r.ttl = be32(msg + offset + 4);
    const size_t rdlength = be16(msg + offset + 8);
    offset += 10;
    if (offset + rdlength > length)
        return false;
    r.address = {};
    r.cnameTarget.clear();
    if (r.type == 1 && rdlength == 4) {
        r.address = Address::v4(msg + offset);
    } else if (r.type == 28 && rdlength == 16) {
        r.address = Address::v6(msg + offset);
    } else if (r.type == 5) {
        size_t at = offset;
        if (readName(msg, length, at, r.cnameTarget) != NameResult::Ok)
            r.cnameTarget.clear();
    }
    offset += rdlength;
    return true;
}

} // namespace

ParseResult parse(const uint8_t* msg, size_t length, bool includeAdditional, std::vector<Data::DnsAnswer>& out)
{
    if (length < 12)
        return ParseResult::Malformed;
    const uint16_t flags = be16(msg + 2);
    if (!(flags & 0x8000))
        return ParseResult::NotResponse;
    if ((flags >> 11) & 0xF) // opcode: only standard queries carry answers we want
        return ParseResult::NotResponse;
    const uint16_t qdcount = be16(msg + 4);
    const uint16_t ancount = be16(msg + 6);
    const uint16_t nscount = be16(msg + 8);
    const uint16_t arcount = be16(msg + 10);
    size_t offset = 12;
    QByteArray question;
    for (uint16_t i = 0; i < qdcount; ++i) {
        QByteArray name;
        if (readName(msg, length, offset, name) == NameResult::Bad || offset + 4 > length)
            return ParseResult::Malformed;
        offset += 4;
        if (i == 0)
            question = name;
    }
    std::vector<Record> records;
    QHash<QByteArray, QByteArray> cnames; // owner → target
    const uint32_t total = uint32_t(ancount) + (includeAdditional ? uint32_t(nscount) + arcount : 0);
    bool truncated = false;
    for (uint32_t i = 0; i < total; ++i) {
        Record r;
        if (!readRecord(msg, length, offset, r)) {
            truncated = true; // keep what came before a broken record
            break;
        }
        if (i >= ancount && i < uint32_t(ancount) + nscount)
            continue; // authority section
        if (!r.valid)
            continue;
        if (r.type == 5 && !r.cnameTarget.isEmpty())
            cnames.insert(r.owner, r.cnameTarget);
        else if (r.address.family)
            records.push_back(std::move(r));
    }
    for (const Record& r : records) {
        Data::DnsAnswer a;
        a.address = r.address.toString();
        a.ttl = r.ttl;
        // Follow the chain from the question to this record's owner.
        QByteArray chain;
        QByteArray at = question;
        bool reached = !question.isEmpty() && question == r.owner;
        for (int hop = 0; !reached && !at.isEmpty() && hop < 16; ++hop) {
            const auto it = cnames.constFind(at);
            if (it == cnames.cend())
                break;
            chain += (chain.isEmpty() ? at : QByteArray()) + '>' + *it;
            at = *it;
            reached = at == r.owner;
        }
        if (reached) {
            a.name = QString::fromUtf8(question);
            a.cnameChain = QString::fromUtf8(chain);
        } else {
            a.name = QString::fromUtf8(r.owner);
        }
        out.push_back(std::move(a));
    }
    return truncated && records.empty() ? ParseResult::Malformed : ParseResult::Ok;
}

} // namespace Packet::Dns
