#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's "test" command: installs what is missing (build and test dependencies), builds, and runs the
# whole test suite. Extra arguments go to ctest (e.g. -R har).
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh dev
cd build/dev
ctest --output-on-failure -j "$(nproc)" "$@"
