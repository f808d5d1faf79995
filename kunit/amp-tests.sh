#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# amp-tests.sh: the end-to-end tests on the UML AMP SoC (part of make
# test).  One UML boot runs the guest-side tests of kunit/amp/ in turn,
# then the host restarts Linux while a core keeps running.  Each test
# has a time limit; the SoC's processes are gone afterwards, or that is
# a failure too.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=kunit/amp-lib.sh
. "$TREE/kunit/amp-lib.sh"

# Guest-side tests, in order (each leaves the cores as it found them).
# AMP_TESTS="a.sh b.sh" runs only those, and not the reboot test.
TESTS="${AMP_TESTS:-boot.sh cdev.sh user.sh attach.sh rpmsg-only.sh crash.sh malformed.sh misbehave.sh}"
LIMIT=300

trap 'amp_stop || true' EXIT
mkdir -p "$AMP_OUT"
: > "$AMP_OUT/socd.log"
if ! amp_build; then
	result FAIL "amp: build the SoC, firmware and programs" "see $AMP_OUT/build.log"
	exit 0
fi
result PASS "amp: build the SoC, firmware and programs"
# The remote library's host tests and each firmware image's checks.
if make -C "$TREE/tools/remote" O="$AMP_OUT/remote-check" check \
	> "$AMP_OUT/remote-check.log" 2>&1; then
	say "remote: $(grep -c '^ok ' "$AMP_OUT/remote-check.log") host checks passed"
	result PASS "remote: library and firmware host tests"
else
	grep '^not ok' "$AMP_OUT/remote-check.log" >&2 || tail -n 5 "$AMP_OUT/remote-check.log" >&2
	result FAIL "remote: library and firmware host tests" "see $AMP_OUT/remote-check.log"
fi
"$TREE/kunit/amp/mkbad.sh" "$AMP_FW" > "$AMP_OUT/mkbad.log" 2>&1 ||
	result FAIL "amp: make the malformed firmware files" "see $AMP_OUT/mkbad.log"

# The modules, built once for every boot here.
if ! amp_modules > /dev/null; then
	result FAIL "amp: build the modules" "see $RPS_OUT/modules-test.log"
	exit 0
fi

# One boot for the guest-side tests.
out=$AMP_OUT/uml
if amp_start -p "1:$AMP_FW/fw-preboot.elf" -p "2:$AMP_FW/fw-preboot.elf:respawn"; then
	rc=0
	# shellcheck disable=SC2046,SC2086
	amp_boot "$out" 1800 "$TREE/kunit/amp/job.sh" "$LIMIT" \
		"$(echo $TESTS | tr ' ' ,)" $(amp_modules) || rc=$?
	if [ $rc -eq 0 ]; then
		result PASS "amp: boot on the SoC, no kernel reports"
	else
		result FAIL "amp: boot on the SoC, no kernel reports" \
			"exit $rc; see $out/console.log, $out/reports.txt"
	fi
	for t in $TESTS; do
		ktap_results "e2e: ${t%.sh}" "$out/e2e/${t%.sh}.ktap" "$out/console.log"
	done
	step "amp: no process of the SoC is left" amp_stop || true
else
	result FAIL "amp: start the SoC daemon" "see $AMP_OUT/socd.log"
fi

# Linux restarts while core 1 keeps running: each boot attaches to it.
[ -n "${AMP_TESTS:-}" ] ||
	"$TREE/kunit/amp/reboot.sh" || result FAIL "e2e: reboot: harness error"
