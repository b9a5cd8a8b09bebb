#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the release preset and runs the benchmark suite (bench/), printing one table: each row a benchmark, its
# input size, throughput, the peak RSS of the process that did the work, and its ratio against a reference
# measured in the same run on the same input (tshark, a bare libpcap loop, RapidJSON SAX, mitmdump, memchr).
# bench/RESULTS.md holds the latest table and how to read it.
#
#   scripts/bench.sh [--size MB] [--flows N] [--preset NAME] [--only a,b,…]
#
#   --size MB    size of each generated input (default 100: a few minutes on 2 cores; 2048 for the full run)
#   --flows N    flows in the UI benchmark's investigation (default 200000; 1000000 when --size >= 1024)
#   --preset     CMake preset to build and run (default release; dev to reuse a development build)
#   --only       a comma-separated subset of: pcap,pcapng,har,mitmproxy,detect,ui,facets
#
# Inputs go to a temporary folder under $TMPDIR (a 2 GB run needs about 10 GB free); the full log of every
# benchmark is kept next to the table in build/<preset>/bench-results.txt. To profile one benchmark, run its
# child mode under perf, e.g.
#   perf record -g build/release/bin/bench_pcapimport --run-store /tmp/x.pcap && perf report
set -eu
cd "$(dirname "$0")/.."
size=100
flows=""
preset=release
only="pcap,pcapng,har,mitmproxy,detect,ui,facets"
while [ $# -gt 0 ]; do
    case "$1" in
    --size) size="$2"; shift 2 ;;
    --flows) flows="$2"; shift 2 ;;
    --preset) preset="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "usage: scripts/bench.sh [--size MB] [--flows N] [--preset NAME] [--only a,b,...]" >&2; exit 2 ;;
    esac
done
if [ -z "$flows" ]; then
    if [ "$size" -ge 1024 ]; then flows=1000000; else flows=200000; fi
fi

# Only what the suite runs: the command line and the benchmarks (not the tests).
[ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
cmake --build "build/$preset" -j "$(nproc)" --target leakscope bench_pcapimport bench_har bench_mitmproxy \
    bench_detect bench_ui bench_facets >/dev/null
bin="build/$preset/bin"
work=$(mktemp -d "${TMPDIR:-/tmp}/leakscope-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
log="build/$preset/bench-results.txt"
: >"$log"

wanted() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
run() { # name, command…: runs one benchmark, keeps its output in the log, its rows in $work/rows
    name="$1"; shift
    echo "== $name: $*" | tee -a "$log" >&2
    start=$(date +%s)
    if ! TMPDIR="$work" "$@" >"$work/out.txt" 2>&1; then
        echo "   ($name exited with an error; see $log)" >&2
    fi
    cat "$work/out.txt" >>"$log"
    grep '^@row' "$work/out.txt" | cut -f2- >>"$work/rows" || true
    echo "   $(( $(date +%s) - start )) s" >&2
}

: >"$work/rows"
wanted pcap && run pcap "$bin/bench_pcapimport" --size "$size" --format pcap
wanted pcapng && run pcapng "$bin/bench_pcapimport" --size "$size" --format pcapng
wanted har && run har "$bin/bench_har" --size "$size"
wanted mitmproxy && run mitmproxy "$bin/bench_mitmproxy" --size "$size"
wanted detect && run detect "$bin/bench_detect" 64 60
wanted ui && run ui env QT_QPA_PLATFORM=offscreen "$bin/bench_ui" --flows "$flows" --import-mb 32
wanted facets && run facets "$bin/bench_facets" --flows "$flows"

{
    echo
    echo "Leakscope benchmarks, preset $preset, --size $size MB, UI on $flows flows, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM"
    echo
    {
        printf 'benchmark\tinput MB\tMB/s\tflows/s\tpeak RSS MB\treference\tratio\ttarget\tmet?\n'
        cat "$work/rows"
    } | column -t -s "$(printf '\t')"
} | tee -a "$log"
