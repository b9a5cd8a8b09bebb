// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// One libFuzzer executable per target: CMake builds this file once per name with LEAKSCOPE_FUZZ_TARGET set.
#include "fuzztargets.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const FuzzTargets::Entry entry = [] {
        const FuzzTargets::Entry e = FuzzTargets::find(LEAKSCOPE_FUZZ_TARGET);
        if (!e) {
            std::fprintf(stderr, "no fuzz target named %s\n", LEAKSCOPE_FUZZ_TARGET);
            std::abort();
        }
        return e;
    }();
    entry(data, size);
    return 0;
}
