#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what Leakscope needs from Debian (bookworm) packages, and nothing when it is all there already.
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also what the test suite uses (Xvfb, tshark, mitmproxy, pdftotext, …)
# Runs apt-get as root, or through sudo when not root.
set -eu

BUILD="build-essential cmake ninja-build pkg-config
qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
libsqlite3-dev rapidjson-dev zlib1g-dev libzstd-dev libbrotli-dev libssl-dev libpcap-dev libpsl-dev publicsuffix
libmaxminddb-dev libnghttp2-dev libarchive-dev libphonenumber-dev libprotobuf-dev libcurl4-openssl-dev
qt6-qpa-plugins fonts-dejavu-core"
TEST="xvfb xauth poppler-utils tshark mitmproxy desktop-file-utils appstream shared-mime-info dpkg-dev file
clang libclang-rt-14-dev python3"

want="$BUILD"
if [ "${1:-}" = "--test" ]; then
    want="$BUILD $TEST"
fi

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "Installing Debian packages:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "error: need root (or sudo) to install:$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer for it.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections 2>/dev/null || true
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
