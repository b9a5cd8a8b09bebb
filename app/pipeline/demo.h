// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/captureimporter.h"

#include <QString>

/// The bundled demo investigation ("Vidzy", synthetic data): built from resources/demo/manifest.json and the
/// captures next to it, with the same steps a user would take (import, markers, identifiers, media).
namespace Demo {

/// The demo's cached investigation file, built first when it is missing or older than the bundled inputs.
/// Returns an empty string and sets `error` when the demo files cannot be found or imported.
QString ensureInvestigation(QString* error, const ProgressCallback& progress = {});

/// Builds the demo investigation at `path` (replacing it). Used by ensureInvestigation() and the tests.
bool build(const QString& path, QString* error, const ProgressCallback& progress = {});

/// A fingerprint of the demo inputs and this build; the cached demo is rebuilt when it changes.
QString inputsFingerprint();

} // namespace Demo
