#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end on the AMP SoC: a remote that misbehaves (fw-misbehave.elf,
# on command).  Linux says why, drops what is wrong, and keeps talking.
# (Garbage in a running remote's table is reboot.sh's.)
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

# bad CMD PATTERN: after CMD, the kernel says PATTERN and the channel works.
bad() {
	mark
	dev=$(wait_ept 0 rpmsg-raw) || return 1
	rpmsg-test cmd "$dev" "$1" > /dev/null 2>&1
	wait_for 5 dmesg_has "$2" || { echo "no message like '$2'"; dmesg | tail -n 5; return 1; }
	rpmsg-test ping "$(wait_ept 0 rpmsg-raw)"
}

plan 8
check "boot fw-misbehave.elf" boot_core 0 fw-misbehave.elf
check "used length beyond the buffer" bad badlen "the remote says it wrote"
check "header length beyond what was written" bad badhdr "dropped a message: payload of"
check "message to an unknown address" bad baddst "no endpoint at"
check "announcement with an unterminated name" bad badns-name "name is not terminated"
check "announcement of a reserved address" bad badns-addr "at reserved address"
check "announcement of the wrong size" bad badns-size "name service: message of"
check "stop" stop_core 0
