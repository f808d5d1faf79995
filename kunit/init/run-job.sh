#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-job.sh SCRIPT MODULE.ko...  (run inside UML by kunit/run.sh)
# Load the modules, then run SCRIPT, or, if SCRIPT is "-", show what
# loaded.  Lines for the user are prefixed "rps: " on the console.
script=$1
shift
[ "$script" = - ] && script=
"$(dirname "$0")/kunit-modules.sh" "$@" 2>&1 | sed 's/^/rps: /'
if [ -s "$RPS_OUT/problems" ]; then
	sed 's/^/rps: problem: /' "$RPS_OUT/problems"
	exit 1
fi
if [ -n "$script" ]; then
	{ "$script"; echo $? > /run/script-status; } 2>&1 | sed 's/^/rps: /'
	exit "$(cat /run/script-status)"
fi
echo "rps: kernel $(uname -r), modules of the tree now loaded:"
sed 's/ .*//; s/^/rps:   /' /proc/modules
grep -h '^ok\|^not ok' /sys/kernel/debug/kunit/*/results 2>/dev/null |
	sed 's/^\(.*\) 1 \(.*\)/rps: KUnit suite \2: \1/'
