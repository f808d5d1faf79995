#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end on the AMP SoC: core 0 crashes (fw-crash.elf, on command)
# while an application talks to it; the application gets ECONNRESET,
# the core is recovered, the application opens the channel again and
# goes on.  Then 100 crash and recovery cycles; the kmemleak scan at the
# end of the boot must stay clean.
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

# The application asks for the crash itself after 500 messages, then
# goes on talking: it must see ECONNRESET (exit status 3).
during_traffic() {
	rpmsg-test traffic "$(wait_ept 0 rpmsg-raw)" 20 500
	rc=$?
	[ $rc = 3 ] || { echo "traffic ended with $rc, not 3 (ECONNRESET)"; return 1; }
}

plan 5
check "boot fw-crash.elf" boot_core 0 fw-crash.elf
check "crash during traffic: the application sees ECONNRESET" during_traffic
check "recovered: the application reopens the channel and talks" rpmsg-test cycles 0 0
check "100 crash and recovery cycles" rpmsg-test cycles 0 100
check "stop" stop_core 0
