#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: static checks, each finding with file and line.
#  checkpatch --strict (every C/H file), kernel-doc -Wall (headers; W=1
#  covers the C files), sparse C=2 and W=1 against the test kernel,
#  compile checks against Debian's linux-headers-6.12-amd64 and the arm64
#  tree, dtc on every DT source, dt-schema on every binding, docutils on
#  every reStructuredText document, shellcheck.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

ksrc=$(kernel_source patched)
out=$RPS_OUT/check
mkdir -p "$out"
cd "$TREE" || exit 1

# check_files NAME LOG CMD...: CMD's output is the findings.
check_out() {
	local name=$1 log=$2
	shift 2
	if "$@" > "$log" 2>&1 && [ ! -s "$log" ]; then
		result PASS "$name"
	else
		sed 's/^/    /' "$log" | head -n 30 >&2
		result FAIL "$name" "see $log"
	fi
}

tracked() { git ls-files --cached --others --exclude-standard -- "$@" 2>/dev/null; }

# --- checkpatch (with codespell's dictionary) ---
spell=$(dpkg -L codespell | grep '/dictionary\.txt$' | head -n 1)
[ -f "$spell" ] || die "codespell's dictionary.txt not found"
for f in $(tracked 'drivers/*.[ch]' 'include/*.h' 'kunit/*.[ch]'); do
	log=$out/checkpatch-$(echo "$f" | tr / _).log
	# shellcheck disable=SC2016 # expanded by the inner shell
	check_out "checkpatch: $f" "$log" sh -c \
		'perl "$1/scripts/checkpatch.pl" --no-tree --strict --terse \
		 --show-types --quiet --codespell --codespellfile "$3" -f "$2" |
		 sed "/^total: 0 errors, 0 warnings, 0 checks/d"' \
		- "$ksrc" "$f" "$spell"
done

# --- kernel-doc on headers ---
for f in $(tracked 'include/*.h' 'drivers/*.h'); do
	check_out "kernel-doc: $f" "$out/kdoc-$(echo "$f" | tr / _).log" \
		perl "$ksrc/scripts/kernel-doc" -none -Wall "$f"
done

# --- builds ---
step "sparse C=2 and W=1: modules against the test kernel" \
	"$TREE/kunit/modules.sh" test W=1 C=2 > /dev/null || true
step "compile: modules against linux-headers-6.12-amd64" \
	"$TREE/kunit/modules.sh" headers W=1 > /dev/null || true
step "compile: modules against the arm64 tree" \
	"$TREE/kunit/modules.sh" arm64 W=1 > /dev/null || true

# --- device tree sources ---
# shellcheck disable=SC2317 # called through check_out
dtc_one() {
	cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		-I "$ksrc/scripts/dtc/include-prefixes" -I "$TREE/include" "$1" |
		dtc -@ -I dts -O dtb -o /dev/null -
}
for f in $(tracked '*.dts' '*.dtso'); do
	check_out "dtc: $f" "$out/dtc-$(echo "$f" | tr / _).log" dtc_one "$f"
done

# --- DT bindings ---
bindings=$(tracked 'Documentation/devicetree/bindings/*.yaml')
if [ -n "$bindings" ]; then
	# shellcheck disable=SC2086 # one argument per binding
	"$TREE/kunit/dt-schema.sh" "$ksrc" "$out/dt-schema" $bindings || true
fi
# The boards against the bindings (the schema dt-schema.sh processed).
# shellcheck disable=SC2317 # called through check_out
dtv_one() {
	dtc -q -O dtb -o "$out/board.dtb" "$1" &&
	dt-validate -s "$out/dt-schema/processed-schema.json" "$out/board.dtb"
}
for f in $(tracked 'dts/*.dts'); do
	check_out "dt-validate: $f" "$out/dtv-$(basename "$f").log" dtv_one "$f"
done

# --- documentation: reStructuredText errors and warnings ---
# shellcheck disable=SC2317 # called through check_out
rst_one() {
	/usr/bin/python3 -c 'import sys, docutils.core
docutils.core.publish_string(open(sys.argv[1]).read(), source_path=sys.argv[1],
	writer_name="null", settings_overrides={"report_level": 2})' "$1"
}
for f in $(tracked 'Documentation/*.rst'); do
	check_out "rst: $f" "$out/rst-$(echo "$f" | tr / _).log" rst_one "$f"
done

# --- shell scripts ---
for f in $(tracked '*.sh' .ci/run); do
	check_out "shellcheck: $f" "$out/shellcheck-$(echo "$f" | tr / _).log" \
		shellcheck -x -f gcc "$f"
done
exit 0
