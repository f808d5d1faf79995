#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# uml-tests.sh test|upstream: the tests that run inside UML.
#  test      the KUnit suites as modules and the end-to-end tests of
#            kunit/e2e/ on the test kernel (KASAN, UBSAN, lockdep,
#            kmemleak and debugobjects on);
#  upstream  the tree's modules loaded beside mainline's remoteproc and
#            rpmsg on the upstream kernel.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

kind=${1:?usage: uml-tests.sh test|upstream}
if ! mods=$("$TREE/kunit/modules.sh" "$kind" W=1); then
	result FAIL "uml($kind): build modules" "see $RPS_OUT/modules-$kind.log"
	exit 0
fi
result PASS "uml($kind): build modules"

if [ "$kind" = test ]; then
	what="boot, load every module, no kernel reports"
	load=$(printf '%s\n' "$mods" | module_load_order)
	job=$TREE/kunit/init/test-job.sh
else
	job=$TREE/kunit/init/kunit-modules.sh
	what="modules load beside mainline remoteproc/rpmsg"
	load=$(printf '%s\n' "$mods" | { grep -v '_kunit\.ko$' || true; } |
		module_load_order)
fi
out=$RPS_OUT/uml-$kind
# Reserved memory for the carveout tests (kunit/dts/kunit.dts).
dtc -q -O dtb -o "$RPS_OUT/kunit.dtb" "$TREE/kunit/dts/kunit.dts" ||
	die "dtc kunit/dts/kunit.dts failed"
rc=0
# shellcheck disable=SC2086
"$TREE/kunit/uml.sh" --kernel "$kind" --out "$out" --timeout 600 \
	--dtb "$RPS_OUT/kunit.dtb" -- "$job" $load || rc=$?
if [ $rc -eq 0 ] && [ -f "$out/problems" ] && [ ! -s "$out/problems" ]; then
	result PASS "uml($kind): $what"
else
	result FAIL "uml($kind): $what" \
		"exit $rc; see $out/console.log, $out/problems, $out/reports.txt"
	[ -s "$out/problems" ] && cat "$out/problems" >&2
fi
[ "$kind" = test ] || exit 0

ktap_results "kunit(module)" "$out/results.ktap" "$out/console.log"
for t in "$TREE"/kunit/e2e/*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	ktap_results "e2e: ${name%.*}" "$out/e2e/${name%.*}.ktap" "$out/console.log"
done
