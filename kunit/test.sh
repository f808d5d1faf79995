#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test.sh [--only check|uml|kunit]
# Everything `make test` runs.  Each kernel build, check, boot and KUnit
# case is one result; the last line is "N passed, N failed, N skipped".
# Results: $RPS_OUT/results.txt; logs: $RPS_OUT/.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

harness_lock
only=
[ "${1:-}" = --only ] && only=$2
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

: > "$RPS_RESULTS"

# The kernels each part needs: check (test, arm64), uml (test, upstream).
declare -A built
for k in test upstream arm64; do
	case $k in
	test) want check || want uml || continue ;;
	upstream) want uml || continue ;;
	arm64) want check || continue ;;
	esac
	step "kernel: build $k" "$TREE/kunit/kernel.sh" "$k" > /dev/null &&
		built[$k]=1
done

if want check; then
	"$TREE/kunit/check.sh" || result FAIL "check: harness error"
	if [ -n "${built[test]:-}" ]; then
		"$TREE/kunit/vendor-compat.sh" ||
			result FAIL "vendor: harness error"
	fi
fi

if want uml; then
	if [ -n "${built[test]:-}" ]; then
		"$TREE/kunit/selftest.sh" || result FAIL "harness: self-test error"
	fi
	for k in test upstream; do
		if [ -n "${built[$k]:-}" ]; then
			"$TREE/kunit/uml-tests.sh" "$k" ||
				result FAIL "uml($k): harness error"
		else
			result FAIL "uml($k): no $k kernel"
		fi
	done
	if [ -n "${built[test]:-}" ]; then
		"$TREE/kunit/amp-tests.sh" || result FAIL "amp: harness error"
	fi
fi

if want kunit; then
	"$TREE/kunit/kunit-intree.sh" || result FAIL "kunit(in-tree): harness error"
fi

pass=$(grep -c '^PASS ' "$RPS_RESULTS" || true)
fail=$(grep -c '^FAIL ' "$RPS_RESULTS" || true)
skip=$(grep -c '^SKIP ' "$RPS_RESULTS" || true)
if [ "$fail" -gt 0 ]; then
	say ""
	say "failed:"
	grep '^FAIL ' "$RPS_RESULTS" | sed 's/^FAIL /  /' >&2
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
