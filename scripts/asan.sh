#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (the `asan` preset). Extra
# arguments go to ctest. tst_pcaptshark is left out: it compares against tshark over the whole corpus, is slow,
# and what it exercises of ours (the packet path) is fuzzed and covered by the other tests under ASan.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh asan
ctest --preset asan -j "$(nproc)" -E '^tst_pcaptshark$' "$@"
