#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end on the AMP SoC: malformed firmware files (see mkbad.sh) are
# refused with a message naming what is wrong, core 0 stays offline, and
# good firmware boots afterwards.
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

r=$(rproc 0)
refused() {
	mark
	echo "$1" > "$r/firmware" || return 1
	if echo start > "$r/state" 2>/dev/null; then
		echo "start of $1 succeeded"
		return 1
	fi
	[ "$(state 0)" = offline ] || { echo "core 0 is $(state 0)"; return 1; }
	dmesg_has "$2" || { echo "no message like '$2'"; dmesg | tail -n 5; return 1; }
}
good() { boot_core 0 fw-echo.elf && rpmsg-test ping "$(ept 0 rpmsg-raw)" && stop_core 0; }

plan 6
check "truncated ELF refused" refused bad-truncated.elf "bad firmware image"
check "ELF of another machine refused" refused bad-machine.elf "ELF machine 40"
check "segment outside the core's memory refused" refused bad-segment.elf "outside the processor's memory"
check "resource table of an unknown version refused" refused bad-table.elf "unsupported version 7"
check "vdev with 200 vrings refused" refused bad-vrings.elf "bad resource table: entry 0"
check "good firmware boots after all that" good
