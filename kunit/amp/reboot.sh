#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, driven from the host: core 1 runs before Linux boots and
# keeps running while Linux is restarted (a new UML instance) twice; the
# first two Linux attach to it and talk to it, and the core counts the
# attaches.  Then the core writes garbage into its table while Linux is
# away: the third Linux refuses to attach, says why, and runs on.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=kunit/amp-lib.sh
. "$TREE/kunit/amp-lib.sh"

trap 'amp_stop || true' EXIT
n=0
t() {
	n=$((n + 1))
	if "${@:2}"; then
		result PASS "e2e: reboot: $1"
	else
		result FAIL "e2e: reboot: $1"
	fi
}

pid_of_core1() { pgrep -f "rps-core $AMP_DIR/core1.mem" || true; }

boot() {
	# shellcheck disable=SC2046 # one argument per module
	amp_boot "$AMP_OUT/reboot-$1" 300 "$TREE/kunit/amp/reboot-job.sh" "$1" \
		$(amp_modules)
}

amp_start -p "1:$AMP_FW/fw-misbehave64.elf" || { result FAIL "e2e: reboot: start the SoC"; exit 0; }
before=$(pid_of_core1)
t "first Linux attaches to the running core 1 and talks to it" boot 1
t "core 1 kept running through Linux's shutdown" test -n "$before" -a "$(pid_of_core1)" = "$before"
t "second Linux attaches to it again and talks to it" boot 2
t "third Linux refuses the garbage core 1 left in its table, and runs on" boot 3
t "core 1 is the same process after three Linux lifetimes" test "$(pid_of_core1)" = "$before"
t "no process of the SoC is left" amp_stop
