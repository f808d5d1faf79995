#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dt-schema.sh KSRC WORKDIR BINDING.yaml...
# Validate the tree's DT bindings with Debian's dt-schema, against the
# kernel's bindings overlaid with ours: yamllint, dt-doc-validate,
# dt-mk-schema, and each binding's examples through dt-validate.  The
# tools' exit codes miss errors (dt-validate exits 0 on them), so any
# output counts as a finding.
# shellcheck source=kunit/lib.sh
. "$(dirname "$0")/lib.sh"

ksrc=$1 work=$2
shift 2
kb=$ksrc/Documentation/devicetree/bindings
rm -rf "$work"
mkdir -p "$work"
cp -rs "$kb" "$work/bindings"
for y in "$@"; do
	rel=${y#Documentation/devicetree/bindings/}
	mkdir -p "$work/bindings/$(dirname "$rel")"
	rm -f "$work/bindings/$rel"
	cp "$TREE/$y" "$work/bindings/$rel"
done

schema_ok=1
if ! dt-mk-schema -j "$work/bindings" > "$work/processed-schema.json" \
	2> "$work/mk.log"; then
	schema_ok=0
fi
for y in "$@"; do
	name=$(basename "$y")
	log=$work/$name.log
	(
		set +e
		yamllint -f parsable -c "$kb/.yamllint" "$TREE/$y"
		dt-doc-validate -u "$work/bindings" "$work/bindings/${y#Documentation/devicetree/bindings/}"
		# The tool warns about kernel schemas it is too old for.
		grep -F "$name" "$work/mk.log"
		[ $schema_ok = 1 ] || echo "dt-mk-schema failed: $(tail -n 3 "$work/mk.log")"
		dt-extract-example "$TREE/$y" > "$work/$name.dts" &&
		cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
			-I "$ksrc/scripts/dtc/include-prefixes" -I "$TREE/include" \
			"$work/$name.dts" -o "$work/$name.tmp" &&
		dtc -q -O dtb -o "$work/$name.dtb" -b 0 \
			-Wno-avoid_unnecessary_addr_size -Wno-graph_child_address \
			-Wno-interrupt_provider -Wno-unique_unit_address \
			-Wunique_unit_address_if_enabled "$work/$name.tmp" &&
		dt-validate -s "$work/processed-schema.json" "$work/$name.dtb"
	) > "$log" 2>&1
	if [ -s "$log" ]; then
		sed 's/^/    /' "$log" | head -n 30 >&2
		result FAIL "dt-schema: $y" "see $log"
	else
		result PASS "dt-schema: $y"
	fi
done
