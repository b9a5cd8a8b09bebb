// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

/// "Copy as curl": a shell command that repeats the request (POSIX shell quoting; binary bodies in bash's
/// $'…' form). Pseudo-headers (:authority, …) and hop-by-hop headers are left out.
namespace CurlCommand {
QString fromFlow(const Data::Flow& flow, const QByteArray& requestBody);
}
