#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make run [SCRIPT=/abs/path]: build what is missing, boot the test
# kernel, load every module of the tree and show what loaded; or, with
# SCRIPT, run that script as root inside UML once the modules are loaded.
# The exit status is the script's.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

harness_lock
if [ -n "${SCRIPT:-}" ]; then
	case $SCRIPT in
	/*) [ -x "$SCRIPT" ] || die "SCRIPT=$SCRIPT is not an executable file" ;;
	*) die "SCRIPT must be an absolute path" ;;
	esac
fi
"$TREE/kunit/kernel.sh" test > /dev/null
mods=$("$TREE/kunit/modules.sh" test W=1)
load=$(printf '%s\n' "$mods" | module_load_order)
out=$RPS_OUT/run
rc=0
# shellcheck disable=SC2086
"$TREE/kunit/uml.sh" --kernel test --out "$out" --timeout "${TIMEOUT:-600}" \
	-- "$TREE/kunit/init/run-job.sh" "${SCRIPT:--}" $load || rc=$?
# The console without the kernel's boot messages.
sed -n '/^rps: /s/^rps: //p' "$out/console.log"
say "console: $out/console.log"
[ -n "${SCRIPT:-}" ] && say "$SCRIPT exited with status $rc"
exit $rc
