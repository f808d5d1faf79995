#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# reboot-job.sh N MODULE.ko...  (run inside UML by reboot.sh)
# The Nth Linux on the SoC, core 1 running fw-misbehave64.elf since
# before the first.  Linux 1 and 2: core 1 is attached, answers, and
# counted N attaches; Linux 2 also tells it to write garbage into its
# table when Linux goes.  Linux 3: the attach is refused with a message
# naming the table, and Linux runs on.  Each Linux then powers off,
# detaching from the core.
n=$1
shift
"$(dirname "$0")/../init/kunit-modules.sh" "$@" > /dev/null || exit 1
[ -s "$RPS_OUT/problems" ] && exit 1
# shellcheck source=kunit/amp/guest-lib.sh
. "$(dirname "$0")/guest-lib.sh"

if [ "$n" = 3 ]; then
	sleep 2
	st=$(state 1)
	echo "core 1 is $st"
	[ "$st" = detached ] || exit 1
	dmesg | grep "remoteproc-staging1: bad resource table" || exit 1
	exit 0
fi
wait_state 1 attached || exit 1
dev=$(wait_ept 1 rpmsg-raw) || exit 1
rpmsg-test ping "$dev" || exit 1
stats=$(rpmsg-test cmd "$dev" stats) || exit 1
echo "core 1 says: $stats"
[ "$stats" = "attaches $n" ] || exit 1
if [ "$n" = 2 ]; then
	[ "$(rpmsg-test cmd "$dev" badtable)" = ok ] || exit 1
fi
exit 0
