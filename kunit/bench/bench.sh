#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench [RUNS=N]: the tree's stack against mainline 6.12's on the
# UML AMP SoC, side by side.  Both run on non-debug UML kernels built from
# the same source (kunit/bench/patches on top of the harness's): "bench"
# with the tree's modules, "bench-upstream" with mainline's remoteproc,
# virtio_rpmsg_bus, rpmsg_char and rpmsg_ctrl built in and the same
# uml_rproc.c compiled against mainline's API.  Same firmware, same
# programs; the stacks alternate run by run, RUNS (3) runs each, UML on
# CPU 0 and the SoC daemon with its cores on CPU 1 when there are two.
# Prints the table and writes it, the machine and every raw sample to
# out/bench/results.txt, the reStructuredText table to
# out/bench/table.rst and the throughput plot to out/bench/throughput.svg.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=kunit/amp-lib.sh
. "$TREE/kunit/amp-lib.sh"

runs=${RUNS:-3}
bench=$RPS_OUT/bench
harness_lock
rm -rf "$bench"
mkdir -p "$bench" "$AMP_OUT"

"$TREE/kunit/kernel.sh" bench-upstream > /dev/null
"$TREE/kunit/kernel.sh" bench > /dev/null
amp_build || exit 1

# The tree's modules against the bench kernel.
ours=$("$TREE/kunit/modules.sh" bench | { grep -v '_kunit\.ko$' || true; } |
	module_load_order) || die "building the modules against the bench kernel failed"
# uml_rproc.c alone against mainline's remoteproc in bench-upstream.
ml=$RPS_CACHE/mod-bench-mainline
mkdir -p "$ml"
cp "$TREE/drivers/remoteproc/uml_rproc.c" "$TREE/kunit/bench/mainline-shim.h" \
	"$(kernel_source bench)/drivers/remoteproc/remoteproc_internal.h" "$ml/"
# shellcheck disable=SC2016 # make expands $(src)
printf '%s\n' 'obj-m := uml_rproc.o' \
	'ccflags-y := -include $(src)/mainline-shim.h' > "$ml/Kbuild"
make -C "$(kernel_builddir bench-upstream)" M="$ml" ARCH=um SUBARCH=x86_64 \
	modules > "$bench/mainline-module.log" 2>&1 ||
	die "building uml_rproc.c against mainline failed, see $bench/mainline-module.log"

# The first two CPUs this process may use.
read -r cpu0 cpu1 _ < <(python3 -c 'import os; print(*sorted(os.sched_getaffinity(0)))')
if [ -n "${cpu1:-}" ]; then
	export AMP_UML_CPUS=$cpu0 AMP_SOC_CPUS=$cpu1
	pinned="UML on CPU $cpu0; the SoC daemon and its cores on CPU $cpu1"
else
	pinned="not pinned: one CPU"
fi

# run STACK N: one boot of STACK; its figures land in $bench/STACK-N.
run() {
	local stack=$1 n=$2 kernel glob rc=0
	local -a mods
	if [ "$stack" = ours ]; then
		kernel=bench glob='/dev/rpmsg-staging[0-9]*'
		# shellcheck disable=SC2207,SC2086 # one module per word
		mods=($(printf '%s\n' $ours | grep -v '/uml_rproc\.ko$')
		      "$(printf '%s\n' $ours | grep '/uml_rproc\.ko$')")
	else
		kernel=bench-upstream glob='/dev/rpmsg[0-9]*'
		mods=("$ml/uml_rproc.ko")
	fi
	amp_start -p "0:$AMP_FW/fw-echo-big.elf" || return 1
	# The platform driver, last, is told where the daemon is.
	mods[-1]+=":soc_socket=$AMP_DIR/ctl.sock"
	AMP_KERNEL=$kernel amp_boot "$bench/$stack-$n" 600 "$TREE/kunit/bench/guest.sh" \
		"$glob" "${mods[@]}" || rc=$?
	amp_stop || rc=1
	[ $rc -eq 0 ] || say "bench: $stack run $n failed ($rc), see $bench/$stack-$n/"
	return $rc
}

fails=0
for n in $(seq "$runs"); do
	# Alternate which stack goes first.
	if [ $((n % 2)) -eq 1 ]; then stacks="ours mainline"; else stacks="mainline ours"; fi
	for stack in $stacks; do
		say "bench: run $n of $runs, $stack"
		run "$stack" "$n" || fails=$((fails + 1))
	done
done

{
	echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs," \
		"$(free -g | awk '/^Mem:/ { print $2 }') GiB; $(uname -sr) host"
	echo "pinning: $pinned"
	echo "runs: $runs per stack, alternating; failed runs: $fails"
	echo "command: make bench RUNS=$runs"
} > "$bench/machine.txt"
python3 "$TREE/kunit/bench/report.py" "$bench" "$ours" "$(kernel_builddir bench-upstream)" ||
	die "bench: report failed"
[ $fails -eq 0 ]
