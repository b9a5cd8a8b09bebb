#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's "run" command: installs what is missing, builds, and opens the window on the bundled demo
# investigation. Without a display it says so and prints a text summary of the demo instead.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh dev
exec build/dev/bin/leakscope --demo "$@"
