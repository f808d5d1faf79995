#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end on the AMP SoC: boot core 0 through sysfs, echo every
# payload size up to the MTU from user space, with 512-byte and with big
# buffers, through a channel's device and through an endpoint of the
# control device; stop; boot it again with other firmware.
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

boot_fw() { boot_core 0 "$1"; }
stopped() { stop_core 0 && ! wait_for 2 ept 0 rpmsg-raw; }
echo_all() {
	dev=$(wait_ept 0 rpmsg-raw) || return 1
	m=$(mtu "$dev")
	[ "$m" = "$1" ] || { echo "MTU $m, expected $1"; return 1; }
	rpmsg-test echo "$dev" "$m"
}

plan 9
check "core 0 is offline at boot" test "$(state 0)" = offline
check "boot fw-echo.elf" boot_fw fw-echo.elf
check "echo of every size up to the MTU, 512-byte buffers" echo_all 496
check "endpoint of the control device (CREATE_EPT_FD) to the OpenAMP echo service" \
	rpmsg-test ctrl-ept "$(ctrl 0)" rpmsg-openamp-demo-channel 1025 496
check "stop: the core is offline, its channels are gone" stopped
check "boot again with fw-echo-big.elf" boot_fw fw-echo-big.elf
check "echo of every size up to the MTU, 64 KiB buffers" echo_all 65520
check "stop again" stopped
again() { boot_fw fw-echo.elf && echo_all 496 && stopped; }
check "boot fw-echo.elf again, echo, stop" again
