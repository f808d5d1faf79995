#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end: every module of the tree unloads and loads again, as users
# do on boards.  Runs inside UML after kunit-modules.sh loaded them;
# arguments are the .ko files in load order.  Prints KTAP.
echo "KTAP version 1"
echo "1..3"

names=
for ko in "$@"; do
	names="$(basename "$ko" .ko) $names"
done

# Unload in reverse order.
ok=ok
for n in $names; do
	rmmod "$n" || { echo "# rmmod $n failed"; ok="not ok"; }
done
echo "$ok 1 every module unloads"

left=0
for n in $names; do
	grep -q "^$n " /proc/modules && { echo "# $n still loaded"; left=1; }
done
[ $left = 0 ] && echo "ok 2 no module is left loaded" ||
	echo "not ok 2 no module is left loaded"

ok=ok
for ko in "$@"; do
	insmod "$ko" || { echo "# insmod $ko failed"; ok="not ok"; }
done
echo "$ok 3 every module loads again"
