#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# test-job.sh MODULE.ko...  (run inside UML by kunit/uml-tests.sh)
# Load the modules and run their KUnit suites (kunit-modules.sh), then
# every end-to-end test in kunit/e2e/, each given the module list; each
# test's KTAP goes to $RPS_OUT/e2e/NAME.ktap.
dir=$(dirname "$0")
"$dir/kunit-modules.sh" "$@"
mkdir -p "$RPS_OUT/e2e"
for t in "$dir"/../e2e/*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	name=${name%.*}
	echo "e2e: $name"
	"$t" "$@" > "$RPS_OUT/e2e/$name.ktap" 2>&1
done
