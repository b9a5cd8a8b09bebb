// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzztargets.h"

#include "fuzzinput.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace Fuzz {

void violated(const char* what)
{
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
}

} // namespace Fuzz

namespace FuzzTargets {

const std::vector<Target>& all()
{
    static const std::vector<Target> targets = [] {
        std::vector<Target> out;
        for (auto group : { ingestTargets, packetTargets, decodeTargets, detectTargets }) {
            const std::vector<Target> g = group();
            out.insert(out.end(), g.begin(), g.end());
        }
        return out;
    }();
    return targets;
}

Entry find(const char* name)
{
    for (const Target& t : all())
        if (std::strcmp(t.name, name) == 0)
            return t.run;
    return nullptr;
}

} // namespace FuzzTargets
