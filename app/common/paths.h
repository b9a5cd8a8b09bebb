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

/// A writable per-user cache folder (created on demand), e.g. for the built demo investigation.
QString cacheDir();

} // namespace Paths
