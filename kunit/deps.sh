#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages the harness needs, if any is missing.
# The list is documented in README.md; keep both in step.
set -euo pipefail

pkgs=(
	linux-source-6.12 linux-headers-6.12-amd64
	build-essential bc bison flex libelf-dev libssl-dev kmod cpio rsync xz-utils
	python3 python3-docutils sparse device-tree-compiler dt-schema yamllint
	shellcheck codespell gnuplot-nox
	gcc-aarch64-linux-gnu
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
	"${missing[@]}" >&2
