#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kreports.sh CONSOLE_LOG [KMEMLEAK_REPORT]
# Print every KASAN, UBSAN, lockdep, debugobjects, kmemleak or other
# kernel bug report found; exit 1 if there is one.
set -u
pat='BUG: |WARNING: |UBSAN: |KASAN: |ODEBUG: |Oops|Kernel panic|general protection|'
pat+='possible circular locking|possible recursive locking|inconsistent lock state|'
pat+='suspicious RCU usage|lock held when returning|DEBUG_LOCKS_WARN_ON|'
pat+='unreferenced object|kmemleak: .*(suspected|error)'
found=0
if grep -E -n "$pat" "$1"; then
	found=1
fi
if [ $# -ge 2 ] && [ -s "$2" ]; then
	echo "kmemleak:"
	cat "$2"
	found=1
fi
exit $found
