# Shared settings and helpers of the oomkit tooling.  Sourced, never executed.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLING=$TOP/tooling
BUILD=${BUILD:-$TOP/build}
SRC=$BUILD/linux                 # prepared tree: base + patches/ + overlay
VANILLA_SRC=$BUILD/linux-vanilla # git worktree of the base commit
LOGS=$BUILD/logs
INITRAMFS=$BUILD/initramfs.cpio
JOBS=${JOBS:-$(nproc)}
ARCH=x86_64
export ARCH

# Fixed identity and dates so that rebuilding the tree's history is
# deterministic: an unchanged series gives the same commit ids.
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-oomkit}
export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-oomkit@localhost}
export GIT_COMMITTER_NAME=oomkit
export GIT_COMMITTER_EMAIL=oomkit@localhost

log()  { printf '[oomkit] %s\n' "$*" >&2; }
die()  { printf '[oomkit] FATAL: %s\n' "$*" >&2; exit 1; }

# out_dir VARIANT -> build output directory of a kernel variant
out_dir() { printf '%s/out/%s\n' "$BUILD" "$1"; }

# src_dir VARIANT -> source tree a variant is built from
src_dir() {
	case $1 in
	vanilla*) printf '%s\n' "$VANILLA_SRC" ;;
	*) printf '%s\n' "$SRC" ;;
	esac
}

# image VARIANT -> path of the bootable image
image() { printf '%s/arch/x86/boot/bzImage\n' "$(out_dir "$1")"; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# memory of the stress VM: small, so that the global OOMs come quickly
STRESS_MEM=${STRESS_MEM:-512}
