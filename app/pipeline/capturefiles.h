// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QStringList>

/// Turns what the user dropped or named (files and folders) into the list of captures to import, pairing
/// TLS key logs with the packet captures they belong to.
namespace CaptureFiles {

struct Expanded
{
    QStringList captures; ///< files to import, in a stable order
    QHash<QString, QString> keyLogFor; ///< capture path → key log path
    QStringList skipped; ///< "name: why" for files inside folders that are not captures
    QStringList errors; ///< "name: why" for named paths that do not exist
};

Expanded expand(const QStringList& paths);

} // namespace CaptureFiles
