// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

class Database;

namespace Data {

/// How much of the captured traffic Leakscope could read: what the overview's coverage line reports.
struct Coverage
{
    qint64 connections = 0; ///< TCP/UDP conversations (packet captures, Zeek, PCAPdroid)
    qint64 encryptedOnly = 0; ///< encrypted conversations no request was read from
    qint64 encryptedOnlyBytesSent = 0;
    qint64 decrypted = 0; ///< encrypted conversations whose requests were read (key log, proxy)
    qint64 flows = 0; ///< requests
    qint64 bodiesMissing = 0; ///< requests whose body the capturing tool did not keep
};

} // namespace Data

namespace CoverageQuery {
Data::Coverage measure(Database& db, const Data::Filter& filter);
}
