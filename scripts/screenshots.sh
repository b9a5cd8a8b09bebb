#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of every page of the window on the demo investigation, under Xvfb (xvfb-run, xdotool and
# ImageMagick's import), into docs/screenshots/. Usage: scripts/screenshots.sh [BUILD_DIR] [PAGE...]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-"$ROOT/build/dev"}
[ $# -gt 0 ] && shift
BIN="$BUILD/bin/leakscope"
OUT="$ROOT/docs/screenshots"
PAGES=${*:-"overview flows captures destinations map data uploads compare"}
mkdir -p "$OUT"
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT

# Each page in its own run of the window (--page), so no click depends on where the page list puts it.
# $1 page, $2 the file name, $3 xdotool commands run before the grab (selecting a row …).
shoot() {
    HOME="$HOME_DIR" XDG_CONFIG_HOME="$HOME_DIR/.config" LEAKSCOPE_DATA_DIR="$ROOT/resources" \
    xvfb-run -a -s "-screen 0 1400x900x24" sh -c "
        '$BIN' --demo --page '$1' & app=\$!
        win=\$(xdotool search --sync --onlyvisible --name Leakscope | head -n 1)
        xdotool windowmove \$win 0 0 windowsize \$win 1400 900
        sleep 7
        $3
        xdotool mousemove 1390 890
        sleep 1
        import -window root '$OUT/$2.png'
        kill \$app
    "
    echo "Wrote $OUT/$2.png" >&2
}

for page in $PAGES; do
    case $page in
    flows) shoot Flows flows "xdotool mousemove 600 140 click 1; sleep 2" ;;
    destinations) shoot Destinations destinations "xdotool mousemove 330 151 click 1; sleep 1" ;;
    uploads) shoot Uploads uploads-timeline "" ;;
    *) shoot "$page" "$page" "" ;;
    esac
done
