#!/bin/bash
# Boot a kernel variant under QEMU and run one job of the initramfs.
#
#   vm.sh VARIANT JOB [-t SECONDS] [-m MIB] [-q] [-- extra kernel args]
#
# The console (kernel log) goes to build/logs/JOB-VARIANT.console.log, the
# job's own output (second serial port) to build/logs/JOB-VARIANT.out and,
# unless -q, to stdout as it arrives.  TCG by default; QEMU_ACCEL=kvm opts in.
# The machine has two NUMA nodes so that cpuset- and mempolicy-constrained
# OOMs can happen: node 0 has both CPUs and three quarters of the memory,
# node 1 is memory only (a CPU of its own would split the CPUs' shared
# cache across nodes, which the kernel warns about).  VM_NODES=1 gives a
# single node.
# Exit status: 0 when the job ran to its end and returned 0; 1 otherwise
# (job failure, panic, hang, timeout).  A splat in the console log is
# reported by check-splats.sh, not here.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=$1 job=$2
shift 2
timeout=${VM_TIMEOUT:-600} mem=${VM_MEM:-1024} quiet=0 tag=
while [ $# -gt 0 ]; do
	case $1 in
	-t) timeout=$2; shift 2 ;;
	-m) mem=$2; shift 2 ;;
	-q) quiet=1; shift ;;
	-n) tag=-$2; shift 2 ;;
	--) shift; break ;;
	*) die "vm.sh: unknown option $1" ;;
	esac
done
extra="$*"

img=${VM_IMAGE:-$(image "$variant")}
[ -f "$img" ] || die "no $variant image at $img: run 'make kernel VARIANT=$variant'"
[ -f "$BUILD/initramfs.cpio" ] || die "no initramfs: run tooling/mkinitramfs.sh"
mkdir -p "$LOGS"
console=$LOGS/$job-$variant$tag.console.log
results=$LOGS/$job-$variant$tag.out
: >"$console"
: >"$results"

accel=${QEMU_ACCEL:-tcg}
case $accel in
tcg) accel_args=(-accel tcg -cpu max) ;;
kvm) accel_args=(-accel kvm -cpu host) ;;
*) die "QEMU_ACCEL must be tcg or kvm" ;;
esac

# NUMA topology: node 1 gets a quarter of the memory and no CPU
numa_args=()
if [ "${VM_NODES:-2}" = 2 ]; then
	n1=$((mem / 4))
	numa_args=(-object "memory-backend-ram,id=m0,size=$((mem - n1))M"
		-numa "node,nodeid=0,cpus=0-1,memdev=m0"
		-object "memory-backend-ram,id=m1,size=${n1}M"
		-numa "node,nodeid=1,memdev=m1")
fi

cmdline="console=ttyS0 panic=-1 oops=panic loglevel=6 oomkit.job=$job $extra"
t0=$(now)
timeout -k 5 "$timeout" qemu-system-x86_64 "${accel_args[@]}" -smp 2 -m "$mem" \
	"${numa_args[@]}" \
	-nodefaults -display none -no-reboot \
	-kernel "$img" -initrd "$BUILD/initramfs.cpio" -append "$cmdline" \
	-serial "file:$console" -serial "file:$results" </dev/null &
qpid=$!

if [ $quiet -eq 0 ]; then
	tail -n +1 -F --pid=$qpid "$results" 2>/dev/null | tr -d '\r' | grep -v '^OOMKIT-' || true
fi
set +e
wait $qpid
qrc=$?
set -e
tr -d '\r' <"$results" >"$results.tmp" && mv "$results.tmp" "$results"
secs=$(elapsed "$t0")

if [ $qrc -eq 124 ] || [ $qrc -eq 137 ]; then
	log "$job on $variant: TIMEOUT after ${timeout}s (console: $console)"
	exit 1
fi
if grep -q "Kernel panic" "$console"; then
	log "$job on $variant: KERNEL PANIC (console: $console)"
	grep -A3 "Kernel panic" "$console" | head -5 >&2
	exit 1
fi
if ! grep -q '^OOMKIT-END' "$results"; then
	log "$job on $variant: the VM stopped before the job ended, qemu rc=$qrc (console: $console)"
	exit 1
fi
rc=$(sed -n 's/^OOMKIT-END rc=//p' "$results" | tail -1)
log "$job on $variant: job rc=$rc in ${secs}s ($accel)"
[ "$rc" = 0 ]
