#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures (once) and builds the given preset (default: dev). Quick when nothing changed.
set -eu
cd "$(dirname "$0")/.."
preset="${1:-dev}"
if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset" >/dev/null
fi
cmake --build "build/$preset" -j "$(nproc)"
