#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vendor-compat.sh: do mainline 6.12's own remoteproc drivers still
# compile against the tree's core?
#
# Every vendor driver of the pristine source's drivers/remoteproc/ (not
# the core's remoteproc_*.c) is compiled twice against the test kernel,
# unchanged:
#   mainline  with the kernel's own headers: the drivers that build
#             under COMPILE_TEST for UML/x86 at all;
#   tree      with the tree's headers first and the out-of-tree symbol
#             prefix, as a driver built with the tree's Kbuild is, and
#             the tree's drivers/remoteproc/remoteproc_internal.h in place
#             of mainline's (as it is in a kernel tree the tree overlays).
# Each driver that compiles with mainline's headers is one result: it
# must compile with the tree's too, without a warning more.  The counts
# go to $RPS_OUT/vendor-compat.txt.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

src=$(kernel_source pristine)/drivers/remoteproc
kdir=$(kernel_builddir test)
work=$RPS_CACHE/vendor-compat
report=$RPS_OUT/vendor-compat.txt
mk=(ARCH=um SUBARCH=x86_64 KBUILD_MODPOST_WARN=1)

drivers=()
for f in "$src"/*.c; do
	case ${f##*/} in remoteproc_*) ;; *) drivers+=("${f##*/}") ;; esac
done
[ ${#drivers[@]} -gt 0 ] || die "no vendor drivers in $src"

# prepare DIR KIND: a module directory with every driver and its headers.
prepare() {
	local dir=$1 kind=$2 d exports
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$src"/*.h "$dir/"
	for d in "${drivers[@]}"; do cp "$src/$d" "$dir/"; done
	{
		printf 'obj-m += %s\n' "${drivers[@]/%.c/.o}"
		if [ "$kind" = tree ]; then
			exports=$(sed -En 's/^EXPORT_SYMBOL[A-Z_]*[(]([A-Za-z0-9_]+)[)].*/\1/p' \
				"$TREE"/drivers/*/*.c | sort -u)
			printf 'NOSTDINC_FLAGS += -I%s/include -I%s/include/uapi\n' \
				"$TREE" "$TREE"
			for s in $exports; do
				printf 'ccflags-y += -D%s=rps_%s\n' "$s" "$s"
			done
		fi
	} > "$dir/Kbuild"
	if [ "$kind" = tree ]; then
		cp "$TREE/drivers/remoteproc/remoteproc_internal.h" "$dir/"
	fi
}

# compiled DIR KIND: build every object, keep going; list what compiled.
compiled() {
	local dir=$1 d
	make -k -C "$kdir" M="$dir" "${mk[@]}" -j"$RPS_JOBS" \
		"${drivers[@]/%.c/.o}" > "$dir/build.log" 2>&1 || true
	for d in "${drivers[@]}"; do
		[ -f "$dir/${d%.c}.o" ] && printf '%s\n' "${d%.c}"
	done
}

rm -f "$RPS_OUT"/vendor-compat-*.log
prepare "$work/mainline" mainline
prepare "$work/tree" tree
mapfile -t base < <(compiled "$work/mainline")
mapfile -t ours < <(compiled "$work/tree")

{
	echo "mainline 6.12 vendor drivers in drivers/remoteproc: ${#drivers[@]}"
	echo "compile for UML/x86 with mainline's headers: ${#base[@]} (${base[*]})"
	echo "do not, even with mainline's headers: $(printf '%s\n' "${drivers[@]%.c}" |
		grep -vxF -f <(printf '%s\n' "${base[@]}") | tr '\n' ' ')"
	echo "of those, compile against the tree's core: $(comm -12 \
		<(printf '%s\n' "${base[@]}") <(printf '%s\n' "${ours[@]}") | grep -c .)"
} > "$report"
cat "$report" >&2

# warnings DIR DRIVER: how many warnings the compiler gave for DRIVER.
warnings() {
	grep -c "/$2\.c:[0-9]*:[0-9]*: warning:" "$1/build.log" || true
}

for d in "${base[@]}"; do
	name="vendor: $d compiles against the core"
	log=$RPS_OUT/vendor-compat-$d.log
	if ! printf '%s\n' "${ours[@]}" | grep -qx "$d"; then
		grep -A3 "/$d\.c:[0-9]*:[0-9]*: error" "$work/tree/build.log" > "$log" || true
		result FAIL "$name" "see $log"
	elif [ "$(warnings "$work/tree" "$d")" -gt "$(warnings "$work/mainline" "$d")" ]; then
		grep -A3 "/$d\.c:[0-9]*:[0-9]*: warning" "$work/tree/build.log" > "$log" || true
		result FAIL "$name" "more warnings than with mainline's headers; see $log"
	else
		result PASS "$name"
	fi
done
