// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decoded.h"

#include <QByteArrayView>

/// The structured-format readers of the decoder chain. Each parses one layer's bytes into nodes of a
/// Decoded and returns the root node, or -1 (leaving no nodes behind) when the bytes are not that format.
/// All are bounded by Limits (nesting, node count) and never read outside their input.
namespace Decode::Parsers {

/// JSON or, with `allowNdjson`, newline-delimited JSON (several top-level values, returned as one array;
/// `*ndjson` says which). A document broken after a useful prefix (a truncated capture) keeps that prefix and
/// says so in `*brokenAt` (byte offset, else -1). Nodes carry byte spans of their values.
int json(Decoded& d, int layer, QByteArrayView data, const Limits& limits, bool allowNdjson, bool* ndjson,
    qsizetype* brokenAt = nullptr);

/// application/x-www-form-urlencoded (also query strings): an object of the decoded names and values, with
/// repeated names kept in order.
int form(Decoded& d, int layer, QByteArrayView data, const Limits& limits);

/// URL path segments ("/v2/users/u_123/feed" → ["v2","users","u_123","feed"]), percent-decoded.
int urlPath(Decoded& d, int layer, QByteArrayView path, const Limits& limits);

/// XML as a tree of elements (attributes as "@name", mixed text as "#text"); an Apple XML property list
/// becomes the dictionaries and arrays it describes.
int xml(Decoded& d, int layer, QByteArrayView data, const Limits& limits);

/// Apple binary property list ("bplist00").
int binaryPlist(Decoded& d, int layer, QByteArrayView data, const Limits& limits);

/// Schema-less protobuf (research §6.1 4): accepted only when the bytes parse to the exact end with valid
/// field numbers and wire types. Field n becomes member "#n"; LEN fields become nested messages, strings or
/// bytes; I64/I32 carry their double/float readings, varints their zigzag reading. With `strict` (sniffing a
/// body of unknown type) small or implausible messages are refused.
int protobuf(Decoded& d, int layer, QByteArrayView data, const Limits& limits, bool strict);

} // namespace Decode::Parsers
