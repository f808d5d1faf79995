#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rproc-overlay.sh [--from SRC] KERNEL_TREE
#
# Overlay this tree into a kernel source tree, so that it builds as part
# of the kernel (e.g. to rebase it into a vendor kernel):
#  - drivers/, include/ and Documentation/ are copied to the same paths,
#    replacing the kernel's files of the same name;
#  - Kbuild and Kconfig are copied to rproc-staging/ in the kernel tree,
#    and the kernel's top-level Kbuild and Kconfig include them (once).
# Then configure (e.g. CONFIG_RPROC_CORE=y) and build as usual.
#
# With --from SRC, KERNEL_TREE is first made an exact copy of the kernel
# source SRC (rsync, so unchanged files keep their timestamps and
# objects), which keeps SRC pristine.
set -euo pipefail

tree=$(cd "$(dirname "$0")/.." && pwd)
from=
if [ "${1:-}" = --from ]; then
	from=$2
	shift 2
fi
[ $# -eq 1 ] || { sed -n 's/^# \{0,1\}//; 3,16p' "$0" >&2; exit 2; }
kdir=$1

if [ -n "$from" ]; then
	[ -f "$from/Kbuild" ] || { echo "not a kernel source tree: $from" >&2; exit 1; }
	mkdir -p "$kdir"
	rsync -a --delete --exclude=/.stamp "$from/" "$kdir/"
fi
if [ ! -f "$kdir/Kbuild" ] || [ ! -f "$kdir/Kconfig" ]; then
	echo "not a kernel source tree: $kdir" >&2
	exit 1
fi

for d in drivers include Documentation; do
	[ -d "$tree/$d" ] && rsync -a "$tree/$d/" "$kdir/$d/"
done
mkdir -p "$kdir/rproc-staging"
cp -p "$tree/Kbuild" "$tree/Kconfig" "$kdir/rproc-staging/"

# append_once FILE LINE
append_once() {
	grep -qxF "$2" "$1" || printf '\n%s\n' "$2" >> "$1"
}
# shellcheck disable=SC2016 # make expands it
append_once "$kdir/Kbuild" 'include $(srctree)/rproc-staging/Kbuild'
append_once "$kdir/Kconfig" 'source "rproc-staging/Kconfig"'
echo "overlaid $tree onto $kdir"
