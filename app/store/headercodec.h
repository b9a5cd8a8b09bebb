// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

/// Headers are stored as a JSON array of [name, value] pairs: order and duplicates kept, readable with
/// SQLite's JSON functions, and searchable as text.
namespace HeaderCodec {
QByteArray encode(const Data::Headers& headers);
Data::Headers decode(const QByteArray& json);
} // namespace HeaderCodec
