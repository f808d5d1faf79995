#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make run [SCRIPT=/abs/path]: build what is missing, start the SoC
# daemon (cores 1 and 2 started before Linux, as the board has them),
# boot the test kernel on the UML AMP SoC with the tree's modules loaded
# and run the demo (kunit/amp/demo.sh), or SCRIPT as root inside UML.
# Then power off and stop the daemon; no process or file of the SoC is
# left.  The exit status is the demo's or the script's.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=kunit/amp-lib.sh
. "$TREE/kunit/amp-lib.sh"

harness_lock
script=$TREE/kunit/amp/demo.sh
if [ -n "${SCRIPT:-}" ]; then
	case $SCRIPT in
	/*) [ -x "$SCRIPT" ] || die "SCRIPT=$SCRIPT is not an executable file" ;;
	*) die "SCRIPT must be an absolute path" ;;
	esac
	script=$SCRIPT
fi
"$TREE/kunit/kernel.sh" test > /dev/null
amp_build || exit 1
: > "$AMP_OUT/socd.log"
trap 'amp_stop || true' EXIT
amp_start -p "1:$AMP_FW/fw-preboot.elf" -p "2:$AMP_FW/fw-preboot.elf:respawn" || exit 1
out=$RPS_OUT/run
rc=0
# shellcheck disable=SC2046
amp_boot "$out" "${TIMEOUT:-600}" "$TREE/kunit/init/run-job.sh" "$script" \
	$(amp_modules) || rc=$?
# The console without the kernel's boot messages.
sed -n '/^rps: /s/^rps: //p' "$out/console.log"
amp_stop || rc=1
trap - EXIT
say "console: $out/console.log; SoC daemon and cores: $AMP_OUT/socd.log"
[ -n "${SCRIPT:-}" ] && say "$SCRIPT exited with status $rc"
exit $rc
