// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpflowsink.h"

namespace Packet {

HttpFlowSink::~HttpFlowSink() = default;

void releaseBodies(BodyBudget* budget, const Data::Flow& flow)
{
    if (!budget)
        return;
    qint64 n = flow.requestBody.data.size() + flow.responseBody.data.size();
    for (const auto& m : flow.webSocketMessages)
        n += m.data.size();
    budget->give(n);
}

} // namespace Packet
