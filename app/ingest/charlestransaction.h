// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QStringList>

#include <optional>
#include <rapidjson/document.h>

/// One Charles transaction in its JSON form (an element of a .chlsj array, or a .chlz member's meta JSON;
/// research/formats-and-detection.md §3.2) to Leakscope's flow record.
namespace CharlesTransaction {

struct Bodies
{
    /// Body bytes stored outside the JSON (.chlz keeps them in their own members), as they are in that file.
    std::optional<QByteArray> request;
    std::optional<QByteArray> response;
};

/// Converts `t`. `notes` collects per-transaction problems for warnings (without the position).
Data::Flow toFlow(const rapidjson::Value& t, const Bodies& external, QStringList& notes, bool& lossyText);

/// True when the object has the shape of a Charles transaction (what the sniffer also looks for).
bool looksLikeTransaction(const rapidjson::Value& t);

} // namespace CharlesTransaction
