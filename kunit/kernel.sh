#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel.sh KIND: build one of the harness's kernels in the cache, unless
# its stamp (source, patches, config fragments) is unchanged.  Prints the
# build directory.
#   test      UML, mainline remoteproc/rpmsg off, debug checkers on
#   upstream  UML, mainline remoteproc/rpmsg built in, no debug checkers
#   bench     UML, mainline remoteproc/rpmsg off, no debug checkers, and
#             kunit/bench/patches applied
#   bench-upstream  as upstream, with kunit/bench/patches applied
#   arm64     arm64 defconfig prepared for external modules
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

kind=${1:?usage: kernel.sh test|upstream|bench|bench-upstream|arm64}
cfgdir=$TREE/kunit/configs
case $kind in
test)     frags="$cfgdir/uml-base.config $cfgdir/test.config" ;;
upstream) frags="$cfgdir/uml-base.config $cfgdir/upstream.config" ;;
bench)    frags="$cfgdir/uml-base.config $cfgdir/bench.config" ;;
bench-upstream) frags="$cfgdir/uml-base.config $cfgdir/upstream.config" ;;
arm64)    frags="$cfgdir/arm64.config" ;;
*) die "unknown kernel kind '$kind'" ;;
esac

case $kind in
bench*) src=$(kernel_source bench) ;;
*)      src=$(kernel_source patched) ;;
esac
srckey=$(cat "$src/.stamp")
out=$(kernel_builddir "$kind")
# shellcheck disable=SC2086
stamp=$(content_hash "$srckey" $frags "$0")
if [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
	printf '%s\n' "$out"
	exit 0
fi

log=$RPS_OUT/kernel-$kind.log
say "building the $kind kernel in $out (log: $log)"
# Objects of an earlier configuration are kept, make rebuilds what the
# new one changes; a new source (other patches) starts from scratch, as
# a reverted file would look older than its object.
if [ "$(cat "$out/.srckey" 2>/dev/null)" != "$srckey" ]; then
	rm -rf "$out"
fi
# The bench kernel differs from the bench-upstream one in two options:
# start from its objects, and make rebuilds only what those touch.
seed=$(kernel_builddir bench-upstream)
if [ "$kind" = bench ] && [ ! -d "$out" ] &&
   [ "$(cat "$seed/.srckey" 2>/dev/null)" = "$srckey" ]; then
	cp -a "$seed" "$out"
fi
mkdir -p "$out"
rm -f "$out/.stamp"
printf '%s\n' "$srckey" > "$out/.srckey"
if [ "$kind" = arm64 ]; then
	mk=(make -C "$src" O="$out" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
	    -j"$RPS_JOBS")
	base=defconfig
else
	mk=(make -C "$src" O="$out" ARCH=um SUBARCH=x86_64 -j"$RPS_JOBS")
	base=
fi

{
	if [ -n "$base" ]; then
		"${mk[@]}" "$base"
	else
		: > "$out/.config"
	fi
	# shellcheck disable=SC2086
	cat $frags >> "$out/.config"
	"${mk[@]}" olddefconfig
} > "$log" 2>&1 || die "configuring the $kind kernel failed, see $log"

# Every line of the fragments must have taken effect.
missing=0
# shellcheck disable=SC2086
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF "$line" "$out/.config" || {
			say "$kind kernel: '$line' did not take effect"
			missing=1
		}
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		if grep -q "^$sym=" "$out/.config"; then
			say "$kind kernel: $sym is set but must be off"
			missing=1
		fi
		;;
	esac
done < <(cat $frags)
[ "$missing" = 0 ] || die "$kind kernel config incomplete (fragments: $frags)"

if [ "$kind" = arm64 ]; then
	target=modules_prepare
else
	target=all
fi
"${mk[@]}" "$target" >> "$log" 2>&1 ||
	{ tail -n 40 "$log" >&2; die "building the $kind kernel failed, see $log"; }
printf '%s\n' "$stamp" > "$out/.stamp"
printf '%s\n' "$out"
