#!/bin/bash
# make deb [KCONFIG=/boot/config-...]: Debian packages of the patched kernel
# (make bindeb-pkg) in build/deb/.  Without KCONFIG, from the QEMU test
# kernel's configuration, and the packaged image is then booted under QEMU
# to check that it is the patched kernel (the policy sysctls are there).
# With KCONFIG, from that configuration (olddefconfig fills in the new
# options; Debian's signing-key paths are cleared), which takes a few hours
# on two cores for a distribution config.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$TOP"
# dh_listpackages (debhelper) is what bindeb-pkg needs beyond the build deps
if ! command -v dh_listpackages >/dev/null; then
	[ "$(id -u)" -eq 0 ] || die "install debhelper (as root): apt-get install debhelper"
	log "installing debhelper"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debhelper >/dev/null
fi

bo=$BUILD/out/deb
mkdir -p "$bo" "$BUILD/deb"
if [ -n "${KCONFIG:-}" ]; then
	[ -f "$KCONFIG" ] || die "KCONFIG=$KCONFIG: no such file"
	cp "$KCONFIG" "$bo/.config"
	"$SRC/scripts/config" --file "$bo/.config" --set-str SYSTEM_TRUSTED_KEYS "" \
		--set-str SYSTEM_REVOCATION_KEYS "" --undefine DEBUG_INFO_BTF
	what="from $KCONFIG"
else
	tooling/build-kernel.sh test >/dev/null
	cp "$(out_dir test)/.config" "$bo/.config"
	what="from the QEMU test configuration"
fi
make -s -C "$SRC" O="$bo" olddefconfig
grep -q '^CONFIG_OOM_BADNESS_CLASSIC=y' "$bo/.config" ||
	log "note: CONFIG_OOM_BADNESS_CLASSIC is off in this configuration: policy 0 at boot"
ver=$(make -s -C "$SRC" O="$bo" kernelversion)
t0=$(now)
log "building Debian packages $what (make bindeb-pkg, -j$JOBS)"
rm -f "$BUILD"/out/linux-*.deb "$BUILD"/out/linux-upstream_* "$BUILD"/out/*.buildinfo "$BUILD"/out/*.changes
if ! make -C "$SRC" O="$bo" -j"$JOBS" LOCALVERSION=-oomkit \
	KDEB_PKGVERSION="$ver-oomkit1" bindeb-pkg >"$LOGS/deb.log" 2>&1; then
	tail -20 "$LOGS/deb.log" >&2
	die "bindeb-pkg failed (build/logs/deb.log)"
fi
rm -f "$BUILD"/deb/*.deb
mv "$BUILD"/out/linux-*.deb "$BUILD/deb/"
rm -f "$BUILD"/out/*.buildinfo "$BUILD"/out/*.changes
log "packages built in $(elapsed "$t0")s:"
ls -l "$BUILD"/deb/*.deb | awk '{ print "  " $5 "  " $NF }'

# Boot the packaged image: it must be the patched kernel.
[ -z "${KCONFIG:-}" ] || [ "${DEB_BOOT:-0}" = 1 ] || {
	log "not booting a KCONFIG build (DEB_BOOT=1 tries it with the test initramfs)"
	exit 0
}
x=$BUILD/deb/extract
rm -rf "$x"
dpkg-deb -x "$(ls "$BUILD"/deb/linux-image-*.deb | grep -v dbg | head -1)" "$x"
img=$(ls "$x"/boot/vmlinuz-* | head -1)
make -s initramfs >/dev/null
VM_IMAGE=$img tooling/vm.sh deb -q -t 300 -- sysctls
out=$LOGS/sysctls-deb.out
rel=$(sed -n 's/^OOMKIT-BEGIN .* kernel=//p' "$out")
n=$(grep -c '^vm/oom_badness_\|^vm/oom_prefer_children\|^vm/oom_child_' "$out" || true)
policy=$(awk '$1 == "vm/oom_badness_policy" { print $3 }' "$out")
if [ "$n" -eq 11 ] && [ "$rel" = "$ver-oomkit" ]; then
	log "the packaged kernel $rel boots under QEMU with the 11 policy sysctls (vm.oom_badness_policy=$policy)"
else
	cat "$out" >&2
	die "the packaged kernel ($rel) does not show the policy sysctls ($n of 11)"
fi
