// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

/// Every fuzz entry point, by name. The libFuzzer executables (fuzz/fuzzmain.cpp, one per name) and the
/// regression test (tests/tst_fuzzregressions.cpp, which replays tests/data/fuzz-regressions/<name>/) call the
/// same functions, so a crash found by the fuzzer stays fixed in the normal test suite.
namespace FuzzTargets {

using Entry = void (*)(const uint8_t* data, size_t size);

struct Target
{
    const char* name;
    Entry run;
};

const std::vector<Target>& all();
/// nullptr when no target has that name.
Entry find(const char* name);

// One group per module (fuzz/targets_<module>.cpp); all() lists them.
std::vector<Target> ingestTargets();
std::vector<Target> packetTargets();
std::vector<Target> decodeTargets();
std::vector<Target> detectTargets();

} // namespace FuzzTargets
