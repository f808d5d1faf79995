#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The harness tests itself: each kind of kernel report, a failing KUnit
# case and a hanging boot must fail a run.  Uses the test kernel and
# kunit/selftest/rps_selftest.ko.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

kbuild=$(kernel_builddir test)
src=$RPS_CACHE/mod-selftest
mkdir -p "$src"
rsync -a --delete "$TREE/kunit/selftest/" "$src/"
if ! make -C "$kbuild" M="$src" ARCH=um SUBARCH=x86_64 modules \
	> "$RPS_OUT/selftest-build.log" 2>&1; then
	result FAIL "harness: build the self-test module" \
		"see $RPS_OUT/selftest-build.log"
	exit 0
fi
ko=$src/rps_selftest.ko

# expect_report FAULT PATTERN: loading with fault=FAULT must fail the
# run with a report matching PATTERN.
expect_report() {
	local out=$RPS_OUT/selftest-$1 rc=0
	"$TREE/kunit/uml.sh" --kernel test --out "$out" --timeout 300 \
		-- "$TREE/kunit/init/kunit-modules.sh" "$ko:fault=$1" \
		2> "$out.log" || rc=$?
	if [ $rc -eq 126 ] && grep -qE "$2" "$out/reports.txt"; then
		result PASS "harness: a $1 report fails the run"
	else
		result FAIL "harness: a $1 report fails the run" \
			"exit $rc, expected 126 and /$2/ in $out/reports.txt"
	fi
}

expect_report kasan 'BUG: KASAN: slab-out-of-bounds'
expect_report ubsan 'UBSAN: array-index-out-of-bounds'
expect_report leak 'unreferenced object'
expect_report lockdep 'possible circular locking'

# A failing KUnit case is counted as a failure.
out=$RPS_OUT/selftest-kunit
rc=0
"$TREE/kunit/uml.sh" --kernel test --out "$out" --timeout 300 \
	-- "$TREE/kunit/init/kunit-modules.sh" "$ko:fault=kunit" \
	2> "$out.log" || rc=$?
cases=
ktap_parse "$out/results.ktap" &&
	cases=$(python3 "$TREE/kunit/kunit_json.py" selftest "$out/results.json" 2>/dev/null)
if [ $rc -eq 0 ] &&
	printf '%s\n' "$cases" | grep -qx 'FAIL selftest: rps_harness_selftest.rps_selftest_case'; then
	result PASS "harness: a failing KUnit case is reported as failed"
else
	result FAIL "harness: a failing KUnit case is reported as failed" \
		"see $out/results.ktap"
fi

# A boot that hangs is stopped at its time limit, console kept.
out=$RPS_OUT/selftest-hang
rc=0
"$TREE/kunit/uml.sh" --kernel test --out "$out" --timeout 20 \
	-- /bin/sleep 1000 2> "$out.log" || rc=$?
if [ $rc -eq 124 ] && grep -q 'Run .* as init process' "$out/console.log" &&
	! pgrep -f "uml_dir=$out/uml" > /dev/null; then
	result PASS "harness: a hanging boot is stopped at its time limit"
else
	result FAIL "harness: a hanging boot is stopped at its time limit" \
		"exit $rc, expected 124; see $out/console.log"
fi
