#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end on the AMP SoC: the user interfaces of a remote processor,
# as mainline defines them, on core 0 with fw-trace.elf (a trace buffer
# in its table): the sysfs attributes with their strings and errors, the
# character device with its shutdown-on-release ioctls, debugfs (the
# table, the carveouts, the trace ring and the saved trace of a crash,
# crash, recovery), and the ELF crash dump handed to devcoredump.
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

r=$(rproc 0)
dev=/dev/$(basename "$r")
dbg=$(echo /sys/kernel/debug/remoteproc*/"$(basename "$r")")
w() { rproc-test write "$@"; }
nl=$(printf '\nx')
nl=${nl%x}
is() {
	v=$(cat "$1")
	[ "$v" = "$2" ] && return 0
	echo "$1 reads '$v', expected '$2'"
	return 1
}

offline_errors() {
	is "$r/state" offline && is "$r/name" remoteproc-core0 && is "$r/mode" full &&
	w "$r/state" bogus EINVAL && w "$r/state" stop EINVAL &&
	w "$r/state" detach EINVAL && w "$r/firmware" "$nl" EINVAL &&
	w "$r/firmware" fw-trace.elf && is "$r/firmware" fw-trace.elf
}
# Two starts count two users: the first stop leaves the core running.
refcount() {
	w "$r/state" start && wait_state 0 running && w "$r/state" start &&
	w "$r/firmware" fw-echo.elf EBUSY && is "$r/firmware" fw-trace.elf &&
	w "$r/state" stop && is "$r/state" running && w "$r/state" detach EINVAL &&
	w "$r/state" stop && is "$r/state" offline
}
settings() {
	is "$r/recovery" enabled && w "$r/recovery" disabled && is "$r/recovery" disabled &&
	w "$r/recovery" bogus EINVAL && w "$r/recovery" enabled &&
	is "$r/coredump" disabled && w "$r/coredump" inline && is "$r/coredump" inline &&
	w "$r/coredump" bogus EINVAL && w "$r/coredump" enabled && is "$r/coredump" enabled
}
cdev() {
	w "$dev" start && wait_state 0 running && w "$dev" start &&
	w "$dev" bogus EINVAL && w "$dev" stop && is "$r/state" running &&
	w "$dev" stop && is "$r/state" offline && w "$dev" stop EINVAL
}
release() { rproc-test release "$dev" && wait_state 0 offline; }
boot() { boot_core 0 fw-trace.elf; }
debugfs() {
	if ! grep -q "Entry 0 is of type vdev" "$dbg/resource_table" ||
	   ! grep -q "Entry 1 is of type trace" "$dbg/resource_table" ||
	   ! grep -q "Name trace0" "$dbg/resource_table"; then
		cat "$dbg/resource_table"
		return 1
	fi
	if ! grep -q "Name: vdev0buffer" "$dbg/carveout_memories" ||
	   ! grep -q "Name: firmware" "$dbg/carveout_memories"; then
		cat "$dbg/carveout_memories"
		return 1
	fi
	is "$dbg/name" remoteproc-core0 && is "$dbg/recovery" enabled &&
	is "$dbg/coredump" enabled
}
# The ring holds the last lines the core wrote, oldest first: the line
# it cut may be partial, every other one follows its predecessor.
in_order() {
	if tail -n 1 "$1" | grep -qx "trace line $2" &&
	   tail -n +2 "$1" | awk '!/^trace line [0-9]+$/ || (NR > 1 && $3 != p + 1) { bad = 1; exit }
		{ p = $3 } END { exit bad || NR < 100 }'; then
		return 0
	fi
	echo "$1:"
	head -n 3 "$1"
	echo ...
	tail -n 3 "$1"
	return 1
}
trace_ring() {
	grep -q "crash: core 0, table v1" "$dbg/trace0" || { cat "$dbg/trace0"; return 1; }
	v=$(rpmsg-test cmd "$(wait_ept 0 rpmsg-raw)" "trace 400")
	[ "$v" = ok ] || { echo "trace 400: $v"; return 1; }
	in_order "$dbg/trace0" 399 && ! grep -q "table v1" "$dbg/trace0"
}
dumps() { ls -d /sys/class/devcoredump/devcd* 2> /dev/null; }
# A crash reported through debugfs: recovery reloads the core, the trace
# of before the crash stays readable, the dump is an ELF64 x86-64 core.
crash_recover() {
	for d in $(dumps); do echo 1 > "$d/data"; done
	echo 2 > "$dbg/crash" && wait_for 10 test -f "$dbg/trace0_last" &&
	wait_state 0 running && wait_ept 0 rpmsg-raw > /dev/null &&
	in_order "$dbg/trace0_last" 399 && grep -q "table v1" "$dbg/trace0" &&
	! grep -q "trace line" "$dbg/trace0" &&
	wait_for 5 dumps && d=$(dumps | head -n 1) &&
	case $(readlink -f "$d/failing_device") in
	*/"$(basename "$r")") ;;
	*) echo "dump of $(readlink -f "$d/failing_device")"; false ;;
	esac &&
	rproc-test elf "$d/data" 64 62 && echo 1 > "$d/data"
}
# Without recovery the core stays crashed until "recover".
crashed_recover() {
	w "$r/recovery" disabled && echo 2 > "$dbg/crash" && wait_state 0 crashed &&
	w "$r/coredump" disabled EBUSY && w "$r/firmware" fw-echo.elf EBUSY &&
	w "$r/recovery" recover && wait_state 0 running && w "$r/recovery" enabled &&
	rpmsg-test ping "$(wait_ept 0 rpmsg-raw)"
}

plan 11
check "sysfs: strings and errors of an offline core" offline_errors
check "sysfs: two starts count two users; firmware busy while running" refcount
check "sysfs: recovery and coredump settings" settings
check "/dev/remoteprocN: start, stop, errors" cdev
check "/dev/remoteprocN: shutdown on release" release
check "boot fw-trace.elf" boot
check "debugfs: resource table, carveouts, name, recovery, coredump" debugfs
check "debugfs: trace0 reads the ring oldest first after it wrapped" trace_ring
check "crash from debugfs: recovered, trace0_last kept, ELF64 x86-64 dump" crash_recover
check "recovery disabled: stays crashed, settings busy; recover" crashed_recover
check "stop" stop_core 0
