// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamanalyzer.h"

namespace Packet {

StreamAnalyzer::~StreamAnalyzer() = default;

} // namespace Packet
