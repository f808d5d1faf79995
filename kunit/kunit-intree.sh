#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make kunit: overlay the tree into a private copy of the pristine 6.12
# source with tools/rproc-overlay.sh, and run the suites built in with
# the kernel's own tools/testing/kunit/kunit.py.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

ktree=$RPS_CACHE/kunit-tree
out=$RPS_OUT/kunit-intree
mkdir -p "$out"
if "$TREE/tools/rproc-overlay.sh" --from "$(kernel_source pristine)" "$ktree" \
	> "$out/overlay.log" 2>&1; then
	result PASS "kunit(in-tree): overlay the tree into a kernel source tree"
else
	result FAIL "kunit(in-tree): overlay the tree into a kernel source tree" \
		"see $out/overlay.log"
	exit 1
fi

rc=0
(cd "$ktree" && python3 tools/testing/kunit/kunit.py run \
	--kunitconfig="$TREE/kunit/configs/intree.kunitconfig" \
	--build_dir="$RPS_CACHE/build-kunit" --jobs="$RPS_JOBS" \
	--timeout=600 --json="$out/results.json") > "$out/kunit.log" 2>&1 || rc=$?
if [ -s "$out/results.json" ]; then
	kunit_results "kunit(in-tree)" "$out/results.json"
fi
if [ $rc -ne 0 ] && ! grep -q '^FAIL kunit(in-tree): ' "$RPS_RESULTS"; then
	result FAIL "kunit(in-tree): kunit.py run" "exit $rc; see $out/kunit.log"
fi
exit 0
