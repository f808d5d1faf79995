#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end on the AMP SoC: the rpmsg character devices' user ABI from
# user space against a real remote: the control device's ioctls
# (CREATE_EPT, DESTROY_EPT, CREATE_DEV, RELEASE_DEV), the flow-control
# ioctls and EPOLLOUT on core 0's echo firmware; then a flood of
# messages from the remote, small and as large as the MTU.
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

floods() {
	dev=$(wait_ept 0 rpmsg-raw) || return 1
	rpmsg-test flood "$dev" 1000 16 && rpmsg-test flood "$dev" 64 "$(mtu "$dev")"
}

plan 6
check "boot fw-echo.elf" boot_core 0 fw-echo.elf
check "control device ioctls, flow control, EPOLLOUT" rpmsg-test ioctls 0 1025 496
check "stop" stop_core 0
check "boot fw-flood.elf" boot_core 0 fw-flood.elf
check "a flood from the remote arrives whole and in order" floods
check "stop again" stop_core 0
