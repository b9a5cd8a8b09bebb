#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of the Destinations and Map pages on the demo investigation, under Xvfb (xvfb-run, xdotool and
# ImageMagick's import), into docs/screenshots/.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-"$ROOT/build/dev"}/bin/leakscope
OUT="$ROOT/docs/screenshots"
mkdir -p "$OUT"
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT

# The entity list may be given as a second argument (e.g. a fixture while resources/data has none yet).
if [ -n "${2:-}" ]; then
    mkdir -p "$HOME_DIR/userdata"
    cp "$2" "$HOME_DIR/userdata/entities.json"
    export LEAKSCOPE_USER_DATA_DIR="$HOME_DIR/userdata"
fi

# One X session: start the window on the demo, switch pages with the View shortcuts, grab the screen.
HOME="$HOME_DIR" XDG_CONFIG_HOME="$HOME_DIR/.config" LEAKSCOPE_DATA_DIR="$ROOT/resources" \
xvfb-run -a -s "-screen 0 1400x900x24" sh -c "
    '$BIN' --demo & app=\$!
    sleep 8
    win=\$(xdotool search --sync --onlyvisible --name Leakscope | head -n 1)
    xdotool windowmove \$win 0 0 windowsize \$win 1400 900
    sleep 1
    # No window manager under Xvfb to focus the window for shortcuts: click the page list instead.
    xdotool mousemove 40 55 click 1
    sleep 3
    xdotool mousemove 330 151 click 1
    sleep 1
    import -window root '$OUT/destinations.png'
    xdotool mousemove 16 69 click 1
    sleep 3
    xdotool mousemove 1200 400
    sleep 1
    import -window root '$OUT/map.png'
    kill \$app
"
echo "Wrote $OUT/destinations.png and $OUT/map.png" >&2
