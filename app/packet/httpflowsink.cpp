// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpflowsink.h"

namespace Packet {

HttpFlowSink::~HttpFlowSink() = default;

} // namespace Packet
