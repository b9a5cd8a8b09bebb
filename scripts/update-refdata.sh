#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates the reference data shipped in resources/data/ from pinned upstream packages, verifying each
# download's SHA-256 before it is used, and writes resources/data/refdata.json (name, version, licence, file,
# sha256 of every data set). Sources and licences: resources/data/NOTICE and README.md.
#
#   scripts/update-refdata.sh [BUILD_DIR]     (default build/dev; leakscope-refdata is built when missing)
#
# Needs npm and apt-get (the registries only; nothing else is contacted). To move to newer data, change a
# version and its checksum below, run the script, and review the diff of refdata.json and the test results.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-"$ROOT/build/dev"}
OUT="$ROOT/resources/data"

GEOIP_PKG="@ip-location-db/geo-whois-asn-country-mmdb"
GEOIP_VERSION="2.3.2026061719"
GEOIP_SHA256="91757a1b06cdcd1955f292e4c4cfc54e091204f998e159a3187f7a2ef3724be0"
ASN_PKG="@ip-location-db/asn"
ASN_VERSION="2.3.2026061719"
ASN_SHA256="b9425daf2f011c28f8586685d4f89166e77627e2c15fd93c6262c3e2dead6153"
ATLAS_PKG="world-atlas"
ATLAS_VERSION="2.0.2"
ATLAS_SHA256="032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
UBO_DEB="webext-ublock-origin-firefox"
UBO_VERSION="1.67.0+dfsg-1~deb12u1"
UBO_SHA256="9e9449b2ed66eca001a1effe7d3b98eedd5293e6ffca0d6cd7792ba14b570039"
ISO_DEB="iso-codes"
ISO_VERSION="4.15.0-1"
ISO_SHA256="b1beb869303229c38288d4ddacfd582c91f594759b5767c9cecebd87f16ff70e"

TOOL="$BUILD/bin/leakscope-refdata"
if [ ! -x "$TOOL" ]; then
    cmake --build "$BUILD" --target leakscope-refdata
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

verify() { # FILE SHA256
    actual=$(sha256sum "$1" | cut -d' ' -f1)
    if [ "$actual" != "$2" ]; then
        echo "error: $1: SHA-256 is $actual, expected $2; refusing to use it" >&2
        exit 1
    fi
}

npm_fetch() { # PACKAGE VERSION SHA256 → unpacks into ./NAME/package
    name=$(echo "$1" | tr -d '@' | tr '/' '-')
    npm pack --silent "$1@$2" >/dev/null
    verify "$name-$2.tgz" "$3"
    mkdir -p "$name" && tar xzf "$name-$2.tgz" -C "$name"
}

deb_fetch() { # PACKAGE VERSION SHA256 → unpacks into ./PACKAGE
    apt-get download "$1=$2" >/dev/null 2>&1 || { apt-get update -qq && apt-get download "$1=$2" >/dev/null; }
    deb=$(ls "$1"_*.deb)
    verify "$deb" "$3"
    dpkg-deb -x "$deb" "$1"
}

echo "Downloading pinned packages…" >&2
npm_fetch "$GEOIP_PKG" "$GEOIP_VERSION" "$GEOIP_SHA256"
npm_fetch "$ASN_PKG" "$ASN_VERSION" "$ASN_SHA256"
npm_fetch "$ATLAS_PKG" "$ATLAS_VERSION" "$ATLAS_SHA256"
deb_fetch "$UBO_DEB" "$UBO_VERSION" "$UBO_SHA256"
deb_fetch "$ISO_DEB" "$ISO_VERSION" "$ISO_SHA256"

UBO_ASSETS=$(find "$UBO_DEB" -type d -name assets -path '*uBlock0@raymondhill.net*' | head -n 1)

echo "Converting…" >&2
cp ip-location-db-geo-whois-asn-country-mmdb/package/geo-whois-asn-country.mmdb "$OUT/geo-whois-asn-country.mmdb"
"$TOOL" asn "$OUT/asn.bin.zst" ip-location-db-asn/package/asn-ipv4.csv ip-location-db-asn/package/asn-ipv6.csv
"$TOOL" hosts "$OUT/tracker-hosts.txt" "$UBO_VERSION" \
    "$UBO_ASSETS/thirdparties/easylist/easyprivacy.txt" "$UBO_ASSETS/thirdparties/easylist/easylist.txt"
cp "$UBO_ASSETS/thirdparties/publicsuffix.org/list/effective_tld_names.dat" "$OUT/public_suffix_list.dat"
cp world-atlas/package/countries-50m.json "$OUT/countries-50m.json"
"$TOOL" countries "$OUT/countries.tsv" "$ISO_DEB/usr/share/iso-codes/json/iso_3166-1.json"

PSL_VERSION=$(sed -n 's|^// VERSION: *||p' "$OUT/public_suffix_list.dat" | head -n 1)
GEOIP_DATE=$(echo "$GEOIP_VERSION" | sed 's/^2\.3\.\([0-9]\{4\}\)\([0-9]\{2\}\)\([0-9]\{2\}\).*/\1-\2-\3/')
sha() { sha256sum "$OUT/$1" | cut -d' ' -f1; }

# One entry per data set; the app records name, version and licence in every investigation that uses it.
entry() { # ID NAME VERSION LICENSE ATTRIBUTION FILE SOURCE
    printf '    {"id": "%s", "name": "%s", "version": "%s", "license": "%s",\n     "attribution": "%s",\n     "file": "%s", "sha256": "%s", "source": "%s"}' \
        "$1" "$2" "$3" "$4" "$5" "$6" "$(sha "$6")" "$7"
}
{
    echo '{'
    echo '  "datasets": ['
    entry geoip-country "ip-location-db geo-whois-asn-country" "$GEOIP_VERSION ($GEOIP_DATE)" "CC-BY-4.0" \
        "IP geolocation by ip-location-db (sapics), from RIR data (c) NRO, CC BY 4.0" geo-whois-asn-country.mmdb \
        "npm $GEOIP_PKG@$GEOIP_VERSION"; echo ','
    entry asn "ip-location-db asn" "$ASN_VERSION ($GEOIP_DATE)" "CC-BY-4.0" \
        "ASN data by ip-location-db (sapics): RouteViews, DB-IP.com (IP to ASN Lite), NRO; CC BY 4.0; converted to Leakscope's format" \
        asn.bin.zst "npm $ASN_PKG@$ASN_VERSION"; echo ','
    entry public-suffix-list "Public Suffix List" "$PSL_VERSION" "MPL-2.0" \
        "Public Suffix List, Mozilla Foundation, MPL 2.0" public_suffix_list.dat "Debian $UBO_DEB $UBO_VERSION"; echo ','
    entry tracker-hosts "EasyPrivacy + EasyList host rules" "$UBO_VERSION" "GPL-3.0-or-later OR CC-BY-SA-3.0" \
        "EasyPrivacy and EasyList, The EasyList authors (easylist.to); whole-host rules extracted" tracker-hosts.txt \
        "Debian $UBO_DEB $UBO_VERSION"; echo ','
    entry world-map "world-atlas countries-50m (Natural Earth)" "$ATLAS_VERSION (Natural Earth 4.1.0)" "ISC AND public-domain" \
        "world-atlas (c) Michael Bostock, ISC; made with Natural Earth (public domain)" countries-50m.json \
        "npm $ATLAS_PKG@$ATLAS_VERSION"; echo ','
    entry country-codes "ISO 3166-1 codes (Debian iso-codes)" "$ISO_VERSION" "LGPL-2.1-or-later" \
        "iso-codes, Debian and the iso-codes authors, LGPL 2.1 or later" countries.tsv "Debian $ISO_DEB $ISO_VERSION"
    if [ -f "$OUT/entities.json" ]; then
        echo ','
        entry entities "Leakscope entity list" "$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$OUT/entities.json" | head -n 1)" \
            "CC0-1.0" "Leakscope entity list, the Leakscope authors, CC0" entities.json "resources/data/entities.json"
    fi
    echo
    echo '  ]'
    echo '}'
} > "$OUT/refdata.json"

"$TOOL" check "$OUT" 8.8.8.8 >/dev/null
du -ch "$OUT"/* | tail -n 1 >&2
echo "Wrote $OUT/refdata.json" >&2
