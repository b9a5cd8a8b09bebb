#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the release .deb and installs it for real, the way a user does, then checks the installed program.
# Meant for a clean Debian bookworm machine or container (CI), as root or with sudo:
#
#   installer/linux/check-deb.sh            build, install, check, then remove the package again
#   installer/linux/check-deb.sh --keep     ... and leave it installed
#   installer/linux/check-deb.sh --deb FILE install and check an already built package
#
# Steps: scripts/install-deps.sh (build dependencies), `cmake --preset release` + build (tests and benchmarks
# off), `cpack -G DEB`, `apt-get install ./leakscope_*.deb` (which pulls in exactly the Depends that
# dpkg-shlibdeps computed), then as an unprivileged user (nobody) in a scratch HOME: `leakscope --version`,
# import + export + summary of a fixture, the demo; desktop-file-validate and appstreamcli validate on the
# installed files, and that the dpkg triggers registered the MIME type and the desktop entry.
# tests/tst_install.cpp makes the same checks on an unpacked package from the build tree.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
keep=no
deb=""
while [ $# -gt 0 ]; do
    case "$1" in
    --keep) keep=yes ;;
    --deb) deb=$(realpath "$2"); shift ;;
    -h | --help) sed -n '4,18p' "$0"; exit 0 ;;
    *) echo "check-deb.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n== %s\n' "$*"; }
fail() { echo "check-deb.sh: FAILED: $*" >&2; exit 1; }

if [ -z "$deb" ]; then
    step "build dependencies"
    "$repo/scripts/install-deps.sh"
    step "release build"
    cd "$repo"
    cmake --preset release -DLEAKSCOPE_BUILD_TESTS=OFF -DLEAKSCOPE_BUILD_BENCH=OFF >/dev/null
    cmake --build build/release -j"$(nproc)"
    step "package"
    (cd build/release && rm -f leakscope_*.deb && cpack -G DEB)
    deb=$(ls "$repo"/build/release/leakscope_*.deb)
fi
dpkg-deb --info "$deb"

step "apt-get install $deb"
# The validators are not on a clean system; they are what the check uses, not what Leakscope needs.
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends desktop-file-utils appstream shared-mime-info >/dev/null
$SUDO apt-get install -y --no-install-recommends "$deb"
if [ "$keep" = no ]; then
    trap '$SUDO apt-get purge -y -qq leakscope >/dev/null' EXIT
fi

step "files"
test -x /usr/bin/leakscope || fail "/usr/bin/leakscope is missing"
for f in /usr/share/applications/org.leakscope.Leakscope.desktop \
    /usr/share/metainfo/org.leakscope.Leakscope.metainfo.xml \
    /usr/share/mime/packages/org.leakscope.Leakscope.xml \
    /usr/share/icons/hicolor/scalable/apps/org.leakscope.Leakscope.svg \
    /usr/share/icons/hicolor/48x48/apps/org.leakscope.Leakscope.png \
    /usr/share/man/man1/leakscope.1.gz /usr/share/doc/leakscope/copyright \
    /usr/share/leakscope/demo/manifest.json; do
    test -f "$f" || fail "$f is missing"
done
# The shared-mime-info trigger compiled the type into the database.
test -f /usr/share/mime/application/x-leakscope.xml || fail "the MIME database does not know application/x-leakscope"
# The desktop-file-utils trigger listed Leakscope as a handler of its type.
grep -q 'application/x-leakscope=.*org.leakscope.Leakscope.desktop' /usr/share/applications/mimeinfo.cache ||
    fail "mimeinfo.cache does not list Leakscope for application/x-leakscope"

step "validate"
desktop-file-validate /usr/share/applications/org.leakscope.Leakscope.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.leakscope.Leakscope.metainfo.xml

step "run as an unprivileged user"
scratch=$(mktemp -d)
cp "$repo/tests/data/har/httpolice__firefox_gif.har" "$scratch/"
chown -R nobody:nogroup "$scratch"
as_nobody() {
    # A login-like environment with nothing from this shell: no display, HOME in the scratch folder.
    setpriv --reuid=nobody --regid=nogroup --clear-groups \
        env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$scratch/home" "$@"
}
cd "$scratch"
as_nobody leakscope --version
as_nobody leakscope import -i case.leakscope --app Vidzy httpolice__firefox_gif.har |
    grep -qx 'capture 1: httpolice__firefox_gif.har (har): 8 flows, 0 connections, 0 warnings' || fail "import"
as_nobody leakscope export -i case.leakscope --json case.json
grep -q '"leakscope-export/1"' case.json || fail "export"
as_nobody leakscope summary -i case.leakscope | grep -q 'Captures (1):' || fail "summary"
as_nobody leakscope --demo | grep -q 'Demo investigation' || fail "demo"
test -f "$scratch/home/.cache/Leakscope/leakscope/vidzy-demo.leakscope" || fail "the demo is not in the XDG cache"
if command -v man >/dev/null; then
    as_nobody man -l /usr/share/man/man1/leakscope.1.gz >/dev/null || fail "man page"
fi
cd /
rm -rf "$scratch"

step "OK: $(basename "$deb") installs, validates and runs"
