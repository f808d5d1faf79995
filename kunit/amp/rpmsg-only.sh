#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end on the AMP SoC: core 2 is rpmsg-only.  Linux attaches to
# it, talks, refuses to stop it or change its firmware, and when the
# core restarts by itself (the daemon starts it again after it exits)
# Linux attaches again once its table is valid.
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

r=$(rproc 2)
talk() { rpmsg-test ping "$(wait_ept 2 rpmsg-raw)"; }
refused() {
	if sh -c "echo $1 > $r/$2" 2>/dev/null; then
		echo "writing $1 to $2 succeeded"
		return 1
	fi
	[ "$(state 2)" = attached ]
}
restart() {
	mark
	# Its "ok" may be lost in the reset that follows.
	rpmsg-test cmd "$(wait_ept 2 rpmsg-raw)" "exit 3" > /dev/null
	wait_for 10 dmesg_has "exited with status 3" || { echo "no crash report"; return 1; }
	wait_state 2 attached 20 && talk
}

plan 5
check "core 2 is attached at boot" wait_state 2 attached
check "talk to it" talk
check "stop is refused" refused stop state
check "a firmware change is refused" refused fw-echo.elf firmware
check "it restarts by itself: Linux attaches again and talks" restart
