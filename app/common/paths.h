// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// Where Leakscope finds its shipped files (reference data, demo captures), whether it runs from the
/// build tree or from an installed prefix, on any platform.
namespace Paths {

/// The folder holding `data/` (reference data) and `demo/`. Looked up in order: $LEAKSCOPE_DATA_DIR, the
/// install prefix relative to the executable (../share/leakscope, or Resources on macOS, or the exe folder on
/// Windows), and, for an executable that runs from the build tree only, the source tree's resources/ folder.
QString resourceDir();

/// resourceDir() + "/" + relative, or an empty string when the file does not exist.
QString resource(const QString& relative);

/// The per-user reference data folder that the opt-in updater writes (it creates it when it first writes):
/// $LEAKSCOPE_USER_DATA_DIR, else the platform's app data location + "/data". Its files win over the shipped
/// ones, except when LEAKSCOPE_DATA_DIR pins the data (tests, reproducible runs) and no
/// LEAKSCOPE_USER_DATA_DIR is set: then only the pinned folder is used.
QString userDataDir();

/// A reference data file by name ("geo-whois-asn-country.mmdb"): the per-user updated copy when there is
/// one (see userDataDir()), else the shipped resourceDir()/data copy, else an empty string.
QString dataFile(const QString& name);

/// A writable per-user cache folder (created on demand), e.g. for the built demo investigation.
QString cacheDir();

} // namespace Paths
