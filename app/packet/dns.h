// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// DNS messages (RFC 1035) as far as naming servers needs: the question and the A/AAAA answers, with CNAME
// chains followed (research/formats-and-detection.md §4.6). Used for DNS over UDP and TCP, mDNS and LLMNR.

#include "common/records.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace Packet::Dns {

enum class ParseResult
{
    Ok,
    NotResponse,
    Malformed
};

/// Parses one DNS message. For responses, appends one DnsAnswer per A/AAAA record (ts left 0 for the
/// caller): `name` is the question the chain starts from (the record's own name when there is no question
/// leading to it, as in mDNS announcements). `includeAdditional` also reads the additional section (mDNS
/// puts addresses there). Names are lowercased. Compression pointers are followed with a hop limit, so a
/// hostile message cannot loop.
ParseResult parse(const uint8_t* data, size_t length, bool includeAdditional, std::vector<Data::DnsAnswer>& out);

enum class NameResult
{
    Ok,
    TooLong,
    Bad
};
/// Reads a possibly compressed name at `offset` (moved past it) into `name` (dotted, lowercase). A name over
/// 255 bytes is TooLong but still skipped correctly, so the records after it can be read.
NameResult readName(const uint8_t* message, size_t length, size_t& offset, QByteArray& name);

} // namespace Packet::Dns
