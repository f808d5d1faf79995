# SPDX-License-Identifier: GPL-2.0
# Helpers of the scripts that run inside UML on the AMP SoC (sourced).
# The environment has RPS_AMP_BIN, where the user-space programs are.
# shellcheck shell=sh

PATH=$RPS_AMP_BIN:$PATH

# rproc N: the sysfs directory of core N's remote processor.
rproc() {
	for d in /sys/class/remoteproc*/*; do
		[ "$(cat "$d/name" 2>/dev/null)" = "remoteproc-core$1" ] && { echo "$d"; return 0; }
	done
	return 1
}

# state N: core N's state.
state() { cat "$(rproc "$1")/state"; }

# ept N SERVICE: the endpoint device of core N's channel SERVICE (an
# "rpmsg-raw" channel gets one), or nothing.
ept() {
	for d in /sys/class/rpmsg*/rpmsg*; do
		[ -f "$d/name" ] || continue
		[ "$(cat "$d/name")" = "$2" ] || continue
		case $(readlink -f "$d") in
		*/remoteproc-core"$1"/*) echo "/dev/$(basename "$d")"; return 0 ;;
		esac
	done
	return 1
}

# ctrl N: core N's rpmsg control device.
ctrl() {
	for d in /sys/class/rpmsg*/rpmsg*ctrl*; do
		case $(readlink -f "$d") in
		*/remoteproc-core"$1"/*) echo "/dev/$(basename "$d")"; return 0 ;;
		esac
	done
	return 1
}

# mtu DEV: the MTU of an endpoint device.
mtu() { cat /sys/class/rpmsg*/"$(basename "$1")"/mtu; }

# boot_core N FIRMWARE: boot core N with FIRMWARE through sysfs; waits
# until it runs and its "rpmsg-raw" channel has its device.
boot_core() {
	_r=$(rproc "$1") || return 1
	echo "$2" > "$_r/firmware" && echo start > "$_r/state" &&
	wait_state "$1" running && wait_ept "$1" rpmsg-raw > /dev/null
}

# stop_core N: stop core N through sysfs; waits until it is offline.
stop_core() {
	_r=$(rproc "$1") || return 1
	echo stop > "$_r/state" && wait_state "$1" offline
}

# wait_for SECONDS CMD...: until CMD succeeds; fails after SECONDS.
wait_for() {
	_n=$(($1 * 10))
	shift
	while [ $_n -gt 0 ]; do
		"$@" > /dev/null 2>&1 && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}

# wait_state N STATE [SECONDS]
wait_state() {
	_i=$(( ${3:-10} * 10 ))
	while [ $_i -gt 0 ]; do
		[ "$(state "$1")" = "$2" ] && return 0
		sleep 0.1
		_i=$((_i - 1))
	done
	echo "# core $1 is $(state "$1"), not $2"
	return 1
}

# wait_ept N SERVICE [SECONDS]: until the device exists; prints it.
wait_ept() {
	_i=$(( ${3:-10} * 10 ))
	while [ $_i -gt 0 ]; do
		_d=$(ept "$1" "$2") && [ -c "$_d" ] && { echo "$_d"; return 0; }
		sleep 0.1
		_i=$((_i - 1))
	done
	echo "# no endpoint device for core $1's $2" >&2
	return 1
}

# KTAP output: plan N, then ok/nok NAME per test.
_t=0
plan() { echo "KTAP version 1"; echo "1..$1"; }
ok() { _t=$((_t + 1)); echo "ok $_t $*"; }
nok() { _t=$((_t + 1)); echo "not ok $_t $*"; }
# check NAME CMD...: one test, ok if CMD succeeds (its output as comments).
check() {
	_name=$1
	shift
	if _o=$("$@" 2>&1); then
		[ -n "$_o" ] && echo "$_o" | sed 's/^/# /'
		ok "$_name"
	else
		echo "$_o" | sed 's/^/# /'
		nok "$_name"
	fi
}
# dmesg_has PATTERN: the kernel said PATTERN since the last mark.
mark() { dmesg | wc -l > /run/dmesg.mark; }
dmesg_has() { dmesg | tail -n +"$(($(cat /run/dmesg.mark 2>/dev/null || echo 0) + 1))" | grep -q -- "$1"; }
