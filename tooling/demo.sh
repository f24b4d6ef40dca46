#!/bin/bash
# make demo: build if needed, boot the patched kernel under QEMU and watch
# the OOM killer choose.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$TOP"
tooling/prepare.sh
tooling/build-kernel.sh test
tooling/build-selftests.sh
tooling/mkinitramfs.sh
log "booting the patched kernel (QEMU ${QEMU_ACCEL:-tcg}); the job's output follows"
tooling/vm.sh test demo -t 900
