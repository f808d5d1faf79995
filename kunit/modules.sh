#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# modules.sh KIND [MAKE ARGS...]
# Build the tree's modules against one of the harness's kernels:
#   test, upstream, bench, bench-upstream, arm64
#                           the harness's build trees (kunit/kernel.sh)
#   headers                 Debian's linux-headers-6.12-amd64 (compile only)
# The sources are mirrored into the cache first, so the clone stays clean
# and each kernel keeps its own objects.  Compiler and modpost warnings
# fail the build; they are printed with the clone's paths.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

kind=${1:?usage: modules.sh test|upstream|bench|bench-upstream|arm64|headers [make args]}
shift
mk=()
case $kind in
test|upstream|bench|bench-upstream)
	kdir=$(kernel_builddir "$kind")
	mk=(ARCH=um SUBARCH=x86_64)
	;;
arm64)
	kdir=$(kernel_builddir arm64)
	mk=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- KBUILD_MODPOST_WARN=1)
	;;
headers)
	kdir=$(find /usr/src -maxdepth 1 -name 'linux-headers-6.12*-amd64' | sort -V |
		tail -n 1)
	[ -n "$kdir" ] || die "linux-headers-6.12-amd64 is not installed"
	# A distribution kernel without OF, REMOTEPROC or KUNIT: nothing to
	# link against, so this is a compile check.
	mk=(KBUILD_MODPOST_WARN=1 DTC=/usr/bin/dtc)
	;;
*) die "unknown kernel kind '$kind'" ;;
esac
[ -f "$kdir/Makefile" ] || die "no $kind kernel tree at $kdir"

src=$RPS_CACHE/mod-$kind
mkdir -p "$src"
rsync -a --delete --include=/Kbuild --include='/drivers/***' \
	--include='/include/***' --exclude='*' "$TREE/" "$src/"

log=$RPS_OUT/modules-$kind.log
rc=0
make -C "$kdir" M="$src" "${mk[@]}" -j"$RPS_JOBS" "$@" modules > "$log.raw" 2>&1 || rc=$?
sed "s#$src/#$TREE/#g" "$log.raw" > "$log"
rm -f "$log.raw"
# Warnings of the compiler, sparse, kernel-doc and modpost, but not the
# "undefined symbol" ones a compile-only build must expect.
warn=$(grep -E 'warning:|error:|^WARNING:' "$log" |
	{ if [ "$kind" = headers ] || [ "$kind" = arm64 ]; then
		grep -v 'modpost: .*undefined!\|Module.symvers is missing\|modpost: suppressed [0-9]* unresolved symbol warnings'
	  else cat; fi; } |
	grep -v 'Symbol.* was not found\|is missing; modules will have no dependencies' || true)
if [ $rc -ne 0 ] || [ -n "$warn" ]; then
	[ -n "$warn" ] && printf '%s\n' "$warn" >&2
	[ $rc -ne 0 ] && tail -n 30 "$log" >&2
	die "building the modules against the $kind kernel failed (log: $log)"
fi
find "$src" -name '*.ko' | sort
