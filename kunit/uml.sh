#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# uml.sh [options] -- JOB [ARGS...]
# Boot a harness UML kernel on a read-only hostfs root, run JOB (a script
# on the host's file system) as root inside it, and power off.  The exit
# status of JOB is this script's.  Console, dmesg and kmemleak report land
# in the output directory; any sanitizer report fails the run.
#   --kernel KIND            which kernel of kernel.sh (default test)
#   --out DIR                writable output directory (default $RPS_OUT/uml)
#   --timeout SECONDS        time limit of the whole boot (default 300)
#   --dtb FILE               board device tree
#   --fw DIR                 firmware_class.path
#   --mem SIZE               memory (default 1G)
#   --arg ARG                one more kernel argument (repeatable)
#   --cpus LIST              run UML (and so its processes) on these CPUs
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

kind='test'
out=$RPS_OUT/uml
limit=300
dtb=
fw=
mem=1G
extra=()
pin=()
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kind=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--timeout) limit=$2; shift 2 ;;
	--dtb) dtb=$2; shift 2 ;;
	--fw) fw=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--arg) extra+=("$2"); shift 2 ;;
	--cpus) pin=(taskset -c "$2"); shift 2 ;;
	--) shift; break ;;
	*) die "uml.sh: unknown option $1" ;;
	esac
done
[ $# -ge 1 ] || die "uml.sh: no job given"
job=$(realpath "$1")
shift

kbuild=$(kernel_builddir "$kind")
[ -x "$kbuild/linux" ] || die "no $kind kernel in $kbuild; run kunit/kernel.sh $kind"
out=$(realpath -m "$out")
rm -rf "$out"
mkdir -p "$out/uml"

# shellcheck disable=SC2054 # the commas belong to UML options
args=(mem="$mem" umid="rps$$" uml_dir="$out/uml"
      root=/dev/root rootfstype=hostfs rootflags=/ ro
      con=null con0=null,fd:1 console=tty0 printk.time=1
      log_buf_len=4M panic=-1
      init="$TREE/kunit/init/guest-init.sh"
      RPS_OUT="$out" RPS_TREE="$TREE" RPS_KERNEL="$kind")
[ -n "$dtb" ] && args+=(dtb="$(realpath "$dtb")")
[ -n "$fw" ] && args+=(firmware_class.path="$(realpath "$fw")")
args+=("${extra[@]}")

# timeout signals the whole process group, so UML's helper processes
# go with it.
rc=0
timeout --kill-after=10 "$limit" "${pin[@]}" "$kbuild/linux" "${args[@]}" -- "$job" "$@" \
	> "$out/console.log" 2>&1 < /dev/null || rc=$?
# Leftover helpers of a killed instance.
pkill -KILL -f "umid=rps$$ " 2>/dev/null || true
rm -rf "$out/uml"

if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	say "UML ($kind) timed out after ${limit}s running $(basename "$job"); console: $out/console.log"
	exit 124
fi
if [ ! -f "$out/exit-status" ]; then
	say "UML ($kind) stopped before $(basename "$job") finished; console: $out/console.log"
	tail -n 20 "$out/console.log" >&2
	exit 125
fi

status=$(cat "$out/exit-status")
# Sanitizer, lockdep, kmemleak and other kernel reports fail the run.
if "$TREE/kunit/kreports.sh" "$out/console.log" "$out/kmemleak.txt" > "$out/reports.txt"; then
	:
else
	say "kernel reports found in $out/console.log:"
	head -n 40 "$out/reports.txt" >&2
	[ "$status" = 0 ] && status=126
fi
exit "$status"
