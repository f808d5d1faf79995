#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kunit-modules.sh MODULE.ko[:PARAM=VALUE]...  (run inside UML by
# kunit/uml.sh)
# Load the tree's modules in the order given, with their parameters;
# for every *_kunit.ko check that it registered a suite.  Writes $RPS_OUT/results.ktap (all suites
# merged into one KTAP document) and $RPS_OUT/problems (one line per
# module that failed to load or reported no suite).
out=$RPS_OUT
kdir=/sys/kernel/debug/kunit
: > "$out/problems"

nsuites() { find $kdir -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l; }

for arg in "$@"; do
	ko=${arg%%:*}
	params=
	[ "$ko" = "$arg" ] || params=${arg#*:}
	name=$(basename "$ko" .ko)
	before=$(nsuites)
	# shellcheck disable=SC2086 # one word per parameter
	if ! insmod "$ko" $params 2> "$out/insmod.err"; then
		echo "$name: insmod failed: $(cat "$out/insmod.err")" >> "$out/problems"
		continue
	fi
	echo "loaded $name"
	case $name in
	*_kunit)
		[ "$(nsuites)" -gt "$before" ] ||
			echo "$name: registered no KUnit suite" >> "$out/problems"
		;;
	esac
done
rm -f "$out/insmod.err"

# One document: each debugfs results file is a whole KTAP document of
# one suite numbered 1; renumber and concatenate.
n=$(nsuites)
{
	echo "KTAP version 1"
	echo "1..$n"
	i=0
	for d in "$kdir"/*/; do
		[ -f "$d/results" ] || continue
		i=$((i + 1))
		tail -n +3 "$d/results" |
			sed -E "\$s/^(not ok|ok) 1 /\\1 $i /"
	done
} > "$out/results.ktap"
echo "$n suites"
