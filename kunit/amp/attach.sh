#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end on the AMP SoC: core 1 runs before Linux (the daemon
# started fw-preboot.elf); Linux attaches to it at boot, detaches and
# attaches again, through sysfs and through its character device; then
# stops it and boots it with its own firmware.
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

r=$(rproc 1)
talk() { rpmsg-test ping "$(wait_ept 1 rpmsg-raw)"; }
# attaches N: the core counted N attaches of Linux.
attaches() {
	s=$(rpmsg-test cmd "$(wait_ept 1 rpmsg-raw)" stats) || return 1
	[ "$s" = "attaches $1" ] || { echo "core 1 says '$s'"; return 1; }
}
detach() {
	echo detach > "$r/state" && wait_state 1 detached && ! wait_for 2 ept 1 rpmsg-raw
}
attach() { echo start > "$r/state" && wait_state 1 attached && talk && attaches 2; }
# The same through the character device; the core counts a third attach.
cdev_cycle() {
	d=/dev/$(basename "$r")
	rproc-test write "$d" detach && wait_state 1 detached &&
	rproc-test write "$d" start && wait_state 1 attached && talk && attaches 3
}
reload() {
	echo stop > "$r/state" && wait_state 1 offline &&
	echo start > "$r/state" && wait_state 1 running && talk
}

plan 8
check "core 1 is attached at boot" wait_state 1 attached
check "talk to it" talk
check "it saw one attach" attaches 1
check "detach: the channels go, the core runs on" detach
check "attach again, talk; it saw two attaches" attach
check "detach and attach through /dev/remoteprocN; it saw three attaches" cdev_cycle
check "stop it, boot it with fw-echo64.elf, talk" reload
check "stop it" stop_core 1
