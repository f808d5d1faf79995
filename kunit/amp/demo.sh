#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The demo of `make run`, inside UML on the AMP SoC: boot core 0 with the
# echo firmware through sysfs, talk to it from user space through its
# rpmsg endpoint device, show the cores, stop core 0.
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

say() { echo "$*"; }
for n in 0 1 2; do
	d=$(rproc "$n")
	say "core $n: $d, state $(state "$n")"
done

r=$(rproc 0)
say "booting core 0: echo fw-echo.elf > $r/firmware; echo start > $r/state"
echo fw-echo.elf > "$r/firmware" || exit 1
echo start > "$r/state" || exit 1
wait_state 0 running || exit 1
dev=$(wait_ept 0 rpmsg-raw) || exit 1
say "core 0 is $(state 0); its echo service is $dev (MTU $(mtu "$dev") bytes)"
say "sending 'hello' with rpmsg-test cmd $dev hello:"
reply=$(rpmsg-test cmd "$dev" hello) || exit 1
say "  the core answered '$reply'"
say "echoing every payload size from 1 to $(mtu "$dev") bytes:"
rpmsg-test echo "$dev" "$(mtu "$dev")" | sed 's/^/  /' || exit 1
for n in 1 2; do
	e=$(ept "$n" rpmsg-raw) && say "core $n ($(state "$n")) answers a ping on $e: $(rpmsg-test ping "$e" && echo yes)"
done
say "stopping core 0"
echo stop > "$r/state" || exit 1
wait_state 0 offline || exit 1
say "core 0 is $(state 0)"
