#!/bin/bash
# Install (as root) or name (otherwise) every Debian package the tooling needs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS=(
	linux-source-6.12
	build-essential bc bison flex libelf-dev libssl-dev cpio xz-utils kmod
	git perl python3 python3-ply python3-git python3-jsonschema rsync
	qemu-system-x86 busybox-static
	gnuplot-nox ccache
)

missing=()
for p in "${PKGS[@]}"; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	die "missing packages: ${missing[*]}
  install them as root:  apt-get install ${missing[*]}"
fi

log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
	apt-get update
	apt-get install -y --no-install-recommends "${missing[@]}"
fi
