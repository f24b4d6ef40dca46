# oomkit: the classic OOM badness policy for Linux 6.12, as a kernel-tree
# overlay.  This Makefile is the only entry point; the work is done by the
# scripts in tooling/.  "make help" lists the targets.

SHELL := /bin/bash
VARIANT ?= test
JOB ?= smoke
T := tooling

.PHONY: help deps prepare kernel kernels selftests initramfs kunit test demo \
	bench stress series deb apply run sync reset-tree checkpatch clean distclean

help:
	@echo "make demo       build, boot under QEMU and watch the OOM killer choose"
	@echo "make test       KUnit, selftests in QEMU (test + debug kernels), vanilla"
	@echo "                comparison, checkpatch; ends with 'N passed, N failed'"
	@echo "make bench      victim-selection cost and recovery vs vanilla 6.12"
	@echo "make stress     10 minutes of OOMs on the debug kernel, then the sysctl fuzz"
	@echo "make series     upstream patch series in build/series/, every step built"
	@echo "make deb        Debian packages of the patched kernel (KCONFIG=... for your config)"
	@echo "make apply      apply the change to your own 6.12.y tree: KSRC=/path/to/linux"
	@echo "make deps       install the Debian packages that are missing (as root)"
	@echo "make prepare    build/linux = Debian linux-source-6.12 + patches/ + overlay"
	@echo "make kernel     build one kernel: VARIANT=test (default), debug or vanilla"
	@echo "make kunit      run the KUnit suite (UML) in build/linux"
	@echo "make run        boot VARIANT and run JOB (a script of tooling/initramfs/jobs)"
	@echo "make sync       write edits made in build/linux back to the overlay and patches/"
	@echo "make reset-tree drop edits made in build/linux"
	@echo "make checkpatch checkpatch --strict on patches/ and the new files"
	@echo "make clean      remove build outputs but keep the prepared tree"
	@echo "make distclean  remove build/ entirely"

deps:
	@$(T)/deps.sh

prepare: deps
	@$(T)/prepare.sh

kernel: prepare
	@$(T)/build-kernel.sh $(VARIANT)

selftests: prepare
	@$(T)/build-selftests.sh

initramfs: selftests
	@$(T)/mkinitramfs.sh

kunit: prepare
	@$(T)/kunit.sh

run: kernel initramfs
	@$(T)/vm.sh $(VARIANT) $(JOB)

test: deps
	@$(T)/test.sh

demo: deps
	@$(T)/demo.sh

bench: deps
	@$(T)/bench.sh

stress: deps
	@$(T)/stress.sh

series: deps
	@$(T)/series.sh

deb: deps
	@$(T)/deb.sh

apply:
	@$(T)/apply.sh

sync:
	@python3 $(T)/sync.py

reset-tree:
	@git -C build/linux reset -q --hard refs/oomkit/prepared && \
		git -C build/linux clean -qfdx -e .kunit && echo "build/linux reset"

checkpatch: prepare
	@$(T)/checkpatch.sh

clean:
	rm -rf build/out build/kunit build/kunit-series build/kselftest build/progs \
		build/initramfs build/initramfs.cpio build/logs build/series build/deb

distclean:
	rm -rf build
