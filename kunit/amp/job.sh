#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# job.sh LIMIT TESTS MODULE.ko...  (run inside UML by amp-tests.sh)
# Load the modules, then run each end-to-end test script of kunit/amp/
# named in TESTS (comma-separated) with a time limit of LIMIT seconds;
# each test's KTAP goes to $RPS_OUT/e2e/NAME.ktap.
dir=$(dirname "$0")
limit=$1
tests=$(echo "$2" | tr , ' ')
shift 2
"$dir/../init/kunit-modules.sh" "$@"
mkdir -p "$RPS_OUT/e2e"
for t in $tests; do
	name=$(basename "$t" .sh)
	echo "e2e: $name"
	timeout -k 5 "$limit" "$dir/$t" > "$RPS_OUT/e2e/$name.ktap" 2>&1 ||
		echo "# $name exited with status $? (124: over its ${limit}s limit)" \
			>> "$RPS_OUT/e2e/$name.ktap"
done
