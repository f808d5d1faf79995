# SPDX-License-Identifier: GPL-2.0
# The UML AMP SoC on the host: build its parts, run its daemon, boot UML
# on it.  Sourced by run.sh and amp-tests.sh after lib.sh.
# shellcheck shell=bash

AMP_OUT=$RPS_OUT/amp
AMP_BIN=$AMP_OUT/bin
AMP_FW=$AMP_OUT/firmware
AMP_DTB=$AMP_OUT/uml-amp.dtb
# The board's cores: CORE:DA:SIZE, as dts/uml-amp.dts has them.
AMP_CORES=(0:0x10000000:96M 1:0x800000000:96M 2:0x800000000:96M)
AMP_DIR=
AMP_PID=

# amp_build: the daemon, the core runner, the firmware, the user-space
# programs and the board's device tree, into $AMP_OUT.
amp_build() {
	local log=$AMP_OUT/build.log
	mkdir -p "$AMP_BIN" "$AMP_FW"
	{
		make -C "$TREE/tools/uml-soc" O="$AMP_BIN" &&
		make -C "$TREE/tools/rpmsg" O="$AMP_BIN" &&
		make -C "$TREE/tools/remoteproc" O="$AMP_BIN" &&
		make -C "$TREE/tools/remote" O="$AMP_FW" &&
		dtc -q -O dtb -o "$AMP_DTB" "$TREE/dts/uml-amp.dts"
	} > "$log" 2>&1 || { tail -n 30 "$log" >&2; say "building the AMP SoC failed, see $log"; return 1; }
}

# amp_start [DAEMON ARGS...]: start the SoC daemon on a fresh directory
# (short, for the socket's path), with the board's cores; more arguments
# (-p CORE:ELF[:respawn]) are passed on.  Its log is $AMP_OUT/socd.log.
# With AMP_SOC_CPUS set, it and its cores run on those CPUs.
amp_start() {
	local c _
	local -a args=()
	AMP_DIR=$(mktemp -d /tmp/rps-soc.XXXXXX)
	for c in "${AMP_CORES[@]}"; do args+=(-c "$c"); done
	PATH=$AMP_BIN:$PATH setsid ${AMP_SOC_CPUS:+taskset -c "$AMP_SOC_CPUS"} \
		"$AMP_BIN/rps-socd" -d "$AMP_DIR" \
		-r "$AMP_BIN/rps-core" "${args[@]}" "$@" \
		>> "$AMP_OUT/socd.log" 2>&1 < /dev/null &
	AMP_PID=$!
	for _ in $(seq 100); do
		grep -q "ready on $AMP_DIR/ctl.sock" "$AMP_OUT/socd.log" 2>/dev/null && return 0
		kill -0 "$AMP_PID" 2>/dev/null || break
		sleep 0.1
	done
	say "the SoC daemon did not start, see $AMP_OUT/socd.log"
	tail -n 5 "$AMP_OUT/socd.log" >&2
	amp_stop
	return 1
}

# amp_stop: stop the daemon and its cores, remove its directory; fails
# if a process of the SoC is left.
amp_stop() {
	local _
	[ -n "$AMP_PID" ] || return 0
	kill -TERM "$AMP_PID" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 "$AMP_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$AMP_PID" 2>/dev/null || true
	wait "$AMP_PID" 2>/dev/null || true
	# Cores of a daemon that did not stop them.
	pkill -KILL -f "rps-core $AMP_DIR/" 2>/dev/null || true
	sleep 0.2
	rm -rf "$AMP_DIR"
	AMP_PID=
	if pgrep -f "rps-(core|socd).*$AMP_DIR" > /dev/null; then
		say "processes of the SoC are left: $(pgrep -af "rps-(core|socd).*$AMP_DIR")"
		return 1
	fi
}

# amp_modules: the tree's modules (no KUnit suites) in load order, the
# platform driver told where the daemon is.  They are built once per
# harness run: AMP_MODS keeps the list for the scripts it starts.
amp_modules() {
	if [ -z "${AMP_MODS:-}" ]; then
		AMP_MODS=$("$TREE/kunit/modules.sh" test W=1 |
			{ grep -v '_kunit\.ko$' || true; } | module_load_order) || return 1
		export AMP_MODS
	fi
	printf '%s\n' "$AMP_MODS" | tr ' ' '\n' | grep . |
		sed "s#/uml_rproc\\.ko\$#/uml_rproc.ko:soc_socket=$AMP_DIR/ctl.sock#" | tr '\n' ' '
}

# amp_boot OUT TIMEOUT JOB [ARGS...]: boot the test kernel (or the kind
# AMP_KERNEL names) on the SoC and run JOB inside it (see uml.sh), on the
# CPUs AMP_UML_CPUS lists if set; the exit status is JOB's.
amp_boot() {
	local out=$1 limit=$2 c n
	local -a args=(--arg "RPS_AMP_BIN=$AMP_BIN")
	shift 2
	for c in "${AMP_CORES[@]}"; do
		n=${c%%:*}
		args+=(--arg "iomem=rproc$n,$AMP_DIR/core$n.mem")
	done
	[ -z "${AMP_UML_CPUS:-}" ] || args+=(--cpus "$AMP_UML_CPUS")
	"$TREE/kunit/uml.sh" --kernel "${AMP_KERNEL:-test}" --out "$out" --timeout "$limit" \
		--dtb "$AMP_DTB" --fw "$AMP_FW" "${args[@]}" -- "$@"
}
