#!/bin/bash
# Boot a kernel variant under QEMU and run one job of the initramfs in it.
#
#   vm.sh VARIANT [-t SECONDS] [-m MIB] [-n TAG] [-q] [-k KPARAM]... -- JOB [ARG...]
#
# The job is tooling/initramfs/jobs/JOB.sh, run with ARGs (no spaces or
# commas in them) by the init, its output on the second serial port:
# build/logs/JOB-VARIANT[-TAG].out, and on stdout as it arrives unless -q.
# The console (kernel log) goes to build/logs/JOB-VARIANT[-TAG].console.log.
# -k adds a kernel command line parameter.  TCG by default; QEMU_ACCEL=kvm
# opts in; QEMU_ICOUNT=shift=0,sleep=on (TCG) makes the guest's clock count
# its instructions, a nanosecond each.  Two NUMA nodes (VM_NODES=1 for one): node 0 has both CPUs and
# three quarters of the memory, node 1 is memory only.
# Exit status: 0 when the job ran to its end and returned 0; 1 otherwise
# (job failure, panic, hang, timeout).  Splats are for splats.sh to find.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: vm.sh VARIANT [options] -- JOB [ARG...]"
variant=$1
shift
timeout=${VM_TIMEOUT:-600} mem=${VM_MEM:-1024} quiet=0 tag= kparams=()
while [ $# -gt 0 ]; do
	case $1 in
	-t) timeout=$2; shift 2 ;;
	-m) mem=$2; shift 2 ;;
	-q) quiet=1; shift ;;
	-n) tag=-$2; shift 2 ;;
	-k) kparams+=("$2"); shift 2 ;;
	--) shift; break ;;
	*) die "vm.sh: unknown option $1" ;;
	esac
done
[ $# -ge 1 ] || die "vm.sh: no job after --"
job=$1
shift
args=$(IFS=,; echo "$*")

img=${VM_IMAGE:-$(image "$variant")}
[ -f "$img" ] || die "no $variant image at $img: run 'make kernel VARIANT=$variant'"
[ -f "$INITRAMFS" ] || die "no initramfs: run 'make initramfs'"
mkdir -p "$LOGS"
console=$LOGS/$job-$variant$tag.console.log
results=$LOGS/$job-$variant$tag.out
: >"$console"
: >"$results"

accel=${QEMU_ACCEL:-tcg}
case $accel in
tcg) accel_args=(-accel tcg -cpu max ${QEMU_ICOUNT:+-icount "$QEMU_ICOUNT"}) ;;
kvm) accel_args=(-accel kvm -cpu host) ;;
*) die "QEMU_ACCEL must be tcg or kvm" ;;
esac

numa_args=()
if [ "${VM_NODES:-2}" = 2 ]; then
	n1=$((mem / 4))
	numa_args=(-object "memory-backend-ram,id=m0,size=$((mem - n1))M"
		-numa "node,nodeid=0,cpus=0-1,memdev=m0"
		-object "memory-backend-ram,id=m1,size=${n1}M"
		-numa "node,nodeid=1,memdev=m1")
fi

cmdline="console=ttyS0 panic=-1 oops=panic loglevel=6 log_buf_len=1M oomkit.job=$job"
[ -z "$args" ] || cmdline+=" oomkit.args=$args"
[ ${#kparams[@]} -eq 0 ] || cmdline+=" ${kparams[*]}"
t0=$(now)
for boot in 1 2; do
	timeout -k 5 "$timeout" qemu-system-x86_64 "${accel_args[@]}" -smp 2 -m "$mem" \
		"${numa_args[@]}" \
		-nodefaults -display none -no-reboot \
		-kernel "$img" -initrd "$INITRAMFS" -append "$cmdline" \
		-serial "file:$console" -serial "file:$results" </dev/null &
	qpid=$!

	if [ $quiet -eq 0 ]; then
		tail -n +1 -F --pid=$qpid "$results" 2>/dev/null | tr -d '\r' |
			grep -v '^OOMKIT-\|^# oomkit-time-ms ' || true
	fi
	set +e
	wait $qpid
	qrc=$?
	set -e
	# A kernel that dies while booting, before the job's first line, ran
	# none of our code in a test: the emulated machine's early boot has
	# races of its own (seen: an IO-APIC interrupt during its setup under
	# TCG on a loaded host).  Boot once more, keep that console, and say so.
	if [ "$boot" = 1 ] && grep -q "Kernel panic" "$console" &&
	   ! grep -q '^OOMKIT-BEGIN' "$results"; then
		cp "$console" "$console.boot1"
		log "$job on $variant: the kernel died while booting, before the job began; booting again (first console: $console.boot1)"
		grep -m1 -B1 "BUG:\|Kernel panic" "$console" >&2 || true
		: >"$console"
		: >"$results"
		continue
	fi
	break
done
tr -d '\r' <"$results" >"$results.tmp" && mv "$results.tmp" "$results"
secs=$(elapsed "$t0")
echo "OOMKIT-WALL $secs" >>"$results"

if [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
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
