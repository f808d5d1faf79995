#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# First process of a harness UML instance (see kunit/uml.sh).  Mounts
# what jobs need, runs the job given on the command line, records its
# exit status and a kmemleak scan in $RPS_OUT, and powers off.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t debugfs debugfs /sys/kernel/debug
mount -t devtmpfs devtmpfs /dev
# The host's /tmp stays visible (read-only, like the rest of the host):
# the tree or a job may live there.  Scratch space is on /run.
mount -t tmpfs tmpfs /run
mkdir -p /run/tmp
TMPDIR=/run/tmp
export TMPDIR
# The output directory is the only writable place on the host.
mount -t hostfs -o "$RPS_OUT" hostfs "$RPS_OUT"

leaks=/sys/kernel/debug/kmemleak
# Only leaks from here on count.
[ -w $leaks ] && echo clear > $leaks

"$@"
echo $? > "$RPS_OUT/exit-status.tmp"

if [ -w $leaks ]; then
	# kmemleak reports objects older than 5 s, seen unreferenced twice.
	sleep 6
	echo scan > $leaks
	echo scan > $leaks
	cat $leaks > "$RPS_OUT/kmemleak.txt"
fi
dmesg > "$RPS_OUT/dmesg.txt" 2>/dev/null
mv "$RPS_OUT/exit-status.tmp" "$RPS_OUT/exit-status"
sync
echo o > /proc/sysrq-trigger
sleep 10
