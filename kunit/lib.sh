# SPDX-License-Identifier: GPL-2.0
# Shared settings of the test harness; sourced by the kunit/*.sh scripts.
# shellcheck shell=bash

set -euo pipefail

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Kernels and tools are built in a cache outside the clone.
HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
RPS_CACHE=${RPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rproc-staging}
# Logs and results of the last run.
RPS_OUT=${RPS_OUT:-$TREE/out}
RPS_JOBS=${RPS_JOBS:-$(nproc)}
KSRC_TAR=${KSRC_TAR:-/usr/src/linux-source-6.12.tar.xz}

# One line per result: "PASS|FAIL|SKIP name".
RPS_RESULTS=${RPS_RESULTS:-$RPS_OUT/results.txt}
export TREE RPS_CACHE RPS_OUT RPS_JOBS KSRC_TAR RPS_RESULTS

mkdir -p "$RPS_CACHE" "$RPS_OUT"

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Content hash of files (their contents, not their paths) and strings,
# for rebuild stamps: two clones of the tree share the cache.
content_hash() {
	local f
	for f in "$@"; do
		if [ -f "$f" ]; then
			sha256sum < "$f"
		else
			printf '%s\n' "$f"
		fi
	done | sha256sum | cut -c1-16
}

# kernel_source patched|bench|pristine: the extracted 6.12 source, with
# the harness patches applied (bench: and the benchmark kernels' too) or
# without them.  Its path is stable; its
# .stamp holds the key (tarball and patch set) it was made from, and it
# is made anew, never edited, when the key changes.
kernel_source() {
	local kind=${1:?kernel_source patched|bench|pristine} key dir patches=
	[ "$kind" = pristine ] ||
		patches=$(find "$TREE/kunit/patches" -name '*.patch' | sort)
	# The benchmark kernels carry kunit/bench/patches on top.
	[ "$kind" != bench ] ||
		patches="$patches $(find "$TREE/kunit/bench/patches" -name '*.patch' | sort)"
	# shellcheck disable=SC2086
	key=$(content_hash "$(stat -c '%s %Y' "$KSRC_TAR")" $patches)
	dir=$RPS_CACHE/src-$kind
	if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$key" ]; then
		say "extracting $(basename "$KSRC_TAR") into $dir"
		rm -rf "$dir" "$dir.tmp"
		mkdir -p "$dir.tmp"
		tar -xf "$KSRC_TAR" -C "$dir.tmp" --strip-components=1
		local p
		for p in $patches; do
			patch -s -p1 -d "$dir.tmp" < "$p" ||
				die "harness patch $(basename "$p") does not apply"
		done
		printf '%s\n' "$key" > "$dir.tmp/.stamp"
		mv "$dir.tmp" "$dir"
	fi
	printf '%s\n' "$dir"
}

# Where a kernel of the given kind is built.
kernel_builddir() { printf '%s\n' "$RPS_CACHE/build-$1"; }

# result STATUS NAME [DETAIL]: record one result of `make test`.
result() {
	printf '%s %s\n' "$1" "$2" >> "$RPS_RESULTS"
	case $1 in
	PASS) say "ok      $2" ;;
	SKIP) say "skip    $2${3:+: $3}" ;;
	*) say "FAILED  $2${3:+: $3}" ;;
	esac
}

# step NAME CMD...: run CMD as one result named NAME.
step() {
	local name=$1
	shift
	if "$@"; then
		result PASS "$name"
	else
		result FAIL "$name"
		return 1
	fi
}

# ktap_parse KTAP: parse a KTAP document with the kernel's kunit.py into
# a .json (and .parse.log) beside it; fails if it did not parse.
ktap_parse() {
	python3 "$(kernel_source patched)/tools/testing/kunit/kunit.py" parse \
		"$1" --json="${1%.ktap}.json" > "${1%.ktap}.parse.log" 2>&1 || true
	[ -s "${1%.ktap}.json" ]
}

# kunit_results PREFIX JSON: record every test case of a kunit.py JSON
# report, and fail if the report has none.
kunit_results() {
	python3 "$TREE/kunit/kunit_json.py" "$1" "$2" >> "$RPS_RESULTS" ||
		result FAIL "$1: no test results"
}

# ktap_results PREFIX KTAP LOG: record the results of one KTAP document;
# a missing or unparsable one is a failure pointing at LOG.
ktap_results() {
	if [ ! -s "$2" ]; then
		result FAIL "$1: no KTAP results" "see $3"
		return
	fi
	if ktap_parse "$2"; then
		kunit_results "$1" "${2%.ktap}.json"
	else
		result FAIL "$1: KTAP did not parse" "see ${2%.ktap}.parse.log"
	fi
}

# module_load_order: the .ko paths on stdin, on one line: the tree's
# modules first, each after the tree's modules it depends on, then the
# KUnit test modules (which may need a driver they do not link against).
module_load_order() {
	local -A path=() loaded=()
	local -a order=()
	local m n
	while read -r m; do
		[ -n "$m" ] || continue
		n=$(basename "$m" .ko)
		path[$n]=$m
	done
	_mlo_group "$(printf '%s\n' "${!path[@]}" | grep -v '_kunit$' | sort)"
	_mlo_group "$(printf '%s\n' "${!path[@]}" | grep '_kunit$' | sort)"
	printf '%s ' "${order[@]}"
	echo
}

# _mlo_group NAMES: append NAMES to order (module_load_order's), each
# after those of the tree's modules it depends on.
_mlo_group() {
	local -a pending next
	local n d ok progress
	mapfile -t pending < <(printf '%s\n' "$1" | grep .)
	while [ ${#pending[@]} -gt 0 ]; do
		progress=0
		next=()
		for n in "${pending[@]}"; do
			ok=1
			for d in $(/usr/sbin/modinfo -F depends "${path[$n]}" | tr ',' ' '); do
				if [ -n "${path[$d]:-}" ] && [ -z "${loaded[$d]:-}" ]; then
					ok=0
				fi
			done
			if [ $ok = 1 ]; then
				order+=("${path[$n]}")
				loaded[$n]=1
				progress=1
			else
				next+=("$n")
			fi
		done
		# A dependency cycle: keep the rest in order, insmod will say.
		if [ $progress = 0 ]; then
			for n in "${next[@]}"; do order+=("${path[$n]}"); done
			return
		fi
		pending=("${next[@]}")
	done
}

# harness_lock: one harness run at a time per cache; called by the entry
# points (test.sh, run.sh), whose children inherit the lock.
harness_lock() {
	exec 9> "$RPS_CACHE/.lock"
	flock -n 9 || die "another make test or make run is using $RPS_CACHE"
}
