#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# uml-tests.sh test|upstream: the tests that run inside UML.
#  test      the KUnit suites as modules on the test kernel (KASAN,
#            UBSAN, lockdep, kmemleak and debugobjects on);
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
else
	what="modules load beside mainline remoteproc/rpmsg"
	load=$(printf '%s\n' "$mods" | { grep -v '_kunit\.ko$' || true; } |
		module_load_order)
fi
out=$RPS_OUT/uml-$kind
rc=0
# shellcheck disable=SC2086
"$TREE/kunit/uml.sh" --kernel "$kind" --out "$out" --timeout 600 \
	-- "$TREE/kunit/init/kunit-modules.sh" $load || rc=$?
if [ $rc -eq 0 ] && [ -f "$out/problems" ] && [ ! -s "$out/problems" ]; then
	result PASS "uml($kind): $what"
else
	result FAIL "uml($kind): $what" \
		"exit $rc; see $out/console.log, $out/problems, $out/reports.txt"
	[ -s "$out/problems" ] && cat "$out/problems" >&2
fi
[ "$kind" = test ] || exit 0

if [ ! -s "$out/results.ktap" ]; then
	result FAIL "kunit(module): no KTAP results" "see $out/console.log"
	exit 0
fi
python3 "$(kernel_source patched)/tools/testing/kunit/kunit.py" parse \
	"$out/results.ktap" --json="$out/results.json" > "$out/parse.log" 2>&1 || true
if [ -s "$out/results.json" ]; then
	kunit_results "kunit(module)" "$out/results.json"
else
	result FAIL "kunit(module): KTAP did not parse" "see $out/parse.log"
fi
