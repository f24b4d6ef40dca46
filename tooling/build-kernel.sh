#!/bin/bash
# Build one kernel variant:
#   test     prepared tree (base + patches + overlay), configs/test.config,
#            mm.config (swap, NUMA, KSM, ext2, THP, hugetlb, debugfs, fault
#            injection: what every variant shares) and oom.config
#   debug    as test, plus configs/debug.config (KASAN, lockdep, PROVE_RCU, ...)
#   vanilla  the base tree without our series, configs/test.config + mm.config
# The image lands in build/out/VARIANT/arch/x86/boot/bzImage.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:-test}
case $variant in
test) frags=(test.config mm.config oom.config) ;;
debug) frags=(test.config mm.config oom.config debug.config) ;;
vanilla) frags=(test.config mm.config) ;;
*) die "unknown VARIANT '$variant' (test, debug, vanilla)" ;;
esac

# ccache when it is installed (tooling/deps.sh installs it): the cache is
# the machine's, not the clone's, so a fresh clone compiles only what no
# earlier build of the same source and config compiled.  Paths under
# build/ are hashed relative to it, so any clone's objects match.
# OOMKIT_CCACHE=0 builds without it.
cc=gcc
if [ "${OOMKIT_CCACHE:-1}" != 0 ] && command -v ccache >/dev/null; then
	export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/oomkit/ccache}
	export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
	export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-6G}
	cc="ccache gcc"
	ccache -z >/dev/null 2>&1 || true
fi

src=$(src_dir "$variant")
out=$(out_dir "$variant")
mkdir -p "$out" "$LOGS"

if [ "$variant" = vanilla ] && [ ! -d "$VANILLA_SRC" ]; then
	log "creating the vanilla worktree at the base commit"
	git -C "$SRC" worktree add -q --detach "$VANILLA_SRC" base
fi

# Generate the .config on the side and install it only when it changed, so
# an unchanged configuration never forces a rebuild.
kc=$BUILD/out/.kconfig-$variant
mkdir -p "$kc"
paths=()
for f in "${frags[@]}"; do paths+=("$TOOLING/configs/$f"); done
# the oom selftests say what they need; the patched kernels have it
case $variant in vanilla) ;; *) paths+=("$TOP/tools/testing/selftests/oom/config") ;; esac
make -s -C "$src" O="$kc" CC="$cc" tinyconfig >"$kc/log" 2>&1 || { cat "$kc/log"; die "tinyconfig failed"; }
"$src/scripts/kconfig/merge_config.sh" -m -O "$kc" "$kc/.config" "${paths[@]}" >>"$kc/log" 2>&1 ||
	{ cat "$kc/log"; die "merge_config failed"; }
make -s -C "$src" O="$kc" CC="$cc" olddefconfig >>"$kc/log" 2>&1 || { cat "$kc/log"; die "olddefconfig failed"; }

# Every line of every fragment must survive olddefconfig: a typo or an
# unmet dependency is an error, not a silently different kernel.
bad=0
for p in "${paths[@]}"; do
	while IFS= read -r l; do
		case $l in
		CONFIG_*=*) grep -qxF -- "$l" "$kc/.config" || { log "config: $l requested by $(basename "$p") but got: $(grep -E "^(# )?${l%%=*}[= ]" "$kc/.config" || echo unset)"; bad=1; } ;;
		"# CONFIG_"*" is not set") grep -qxF -- "$l" "$kc/.config" || grep -q "^${l:2:-11}=" "$kc/.config" && { grep -q "^${l:2:-11}=" "$kc/.config" && { log "config: $l requested by $(basename "$p") but it is set"; bad=1; }; true; } ;;
		esac
	done <"$p"
done
[ $bad -eq 0 ] || die "configuration for $variant does not match its fragments"

if ! cmp -s "$kc/.config" "$out/.config"; then
	cp "$kc/.config" "$out/.config"
	log "$variant: new .config installed"
fi

t0=$(now)
log "building $variant kernel ($src -> $out, -j$JOBS)"
if ! make -C "$src" O="$out" CC="$cc" -j"$JOBS" bzImage >"$LOGS/build-$variant.log" 2>&1; then
	grep -E "error|Error" "$LOGS/build-$variant.log" | head -30 >&2
	tail -20 "$LOGS/build-$variant.log" >&2
	die "$variant kernel build failed (full log: build/logs/build-$variant.log)"
fi
secs=$(elapsed "$t0")
hits=
if [ "$cc" != gcc ]; then
	hits=$(ccache --print-stats 2>/dev/null | awk -F'\t' '
		$1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { h += $2 }
		$1 == "cache_miss" { m += $2 }
		END { if (h + m) printf ", ccache %d of %d hits", h, h + m }')
fi
grep -E "warning:" "$LOGS/build-$variant.log" | sort -u | head -20 >&2 || true
log "$variant kernel built in ${secs}s${hits}: $(image "$variant")"
printf '%s %s %s\n' "$(date -u +%FT%TZ)" "$variant" "$secs" >>"$BUILD/build-times.log"
