// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "captureimporter.h"

CaptureSink::~CaptureSink() = default;
CaptureImporter::~CaptureImporter() = default;
