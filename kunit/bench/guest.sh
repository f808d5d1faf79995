#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh GLOB MODULE.ko[:PARAMS]...  (run inside UML by bench.sh)
# One benchmark run on one stack.  The SoC daemon started core 0 with
# fw-echo-big.elf before Linux.  Loads every module but the last, then
# times the last (the platform driver) from insmod until a path matches
# GLOB (the endpoint device of core 0's "rpmsg-raw" channel); then the
# round trip and throughput through that channel, and firmware loads of
# 1 MiB and 16 MiB on core 0.  Each figure goes to $RPS_OUT/NAME.txt;
# a failed step is a line "error: ..." in $RPS_OUT/errors.txt.
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/../amp/guest-lib.sh"

out=$RPS_OUT
glob=$1
shift
err() { echo "error: $*" | tee -a "$out/errors.txt"; }
# bench NAME CMD...: run CMD, its output appended to NAME.txt.
bench() {
	name=$1
	shift
	"$@" >> "$out/$name.txt" 2>&1 || { err "$name: $* failed: $(tail -n 1 "$out/$name.txt")"; return 1; }
}

# module MODULE.ko[:PARAMS]: sets ko and params.
module() {
	ko=${1%%:*}
	params=
	[ "$ko" = "$1" ] || params=${1#*:}
}
while [ $# -gt 1 ]; do
	module "$1"
	# shellcheck disable=SC2086 # one word per parameter
	insmod "$ko" $params || err "insmod $1"
	shift
done
module "$1"
# shellcheck disable=SC2086
bench attach rpmsg-bench until "$glob" 30 insmod "$ko" $params || exit 1
wait_state 0 attached || { err "core 0 is $(state 0)"; exit 1; }
dev=$(wait_ept 0 rpmsg-raw) || { err "no rpmsg-raw device"; exit 1; }
# Mainline's endpoint devices have no mtu attribute: 512-byte buffers.
m=$(mtu "$dev" 2> /dev/null) || m=496
echo "$m" > "$out/mtu.txt"

bench rtt rpmsg-bench rtt "$dev" 5000 16 "$out/rtt.raw"
for size in 16 496 4K 64K; do
	bench "tput-$size" rpmsg-bench tput "$dev" "$size" "$m" 2
done

r=$(rproc 0)
stop_core 0 || err "stop core 0"
load() {
	echo "$1" > "$r/firmware" && bench "load-$1" rpmsg-bench write "$r/state" start &&
	wait_state 0 running && stop_core 0
}
for fw in fw-big-1m.elf fw-big-16m.elf fw-big-1m.elf fw-big-16m.elf fw-big-1m.elf \
	fw-big-16m.elf; do
	load "$fw" || err "load $fw"
done
for size in 1M 16M; do
	bench "memcpy-$size" rpmsg-bench memcpy "$size"
done
# What the file system gives the loader (the firmware path is hostfs).
for fw in fw-big-1m.elf fw-big-16m.elf; do
	bench "read-$fw" rpmsg-bench read "$(sed 's/.*firmware_class.path=\([^ ]*\).*/\1/' /proc/cmdline)/$fw"
done
[ ! -s "$out/errors.txt" ]
