# oomkit: the classic OOM badness policy for Linux 6.12, as a kernel-tree
# overlay.  This Makefile is the dependency graph and the only entry point;
# the steps are the scripts in tooling/.  "make help" lists the targets.

SHELL := /bin/bash
VARIANT ?= test
JOB ?= smoke
ARGS ?=
T := tooling
BUILD := build

# What the prepared tree is made of: the series, the overlay, our entry.
PREPARED := $(BUILD)/.prepared
TREE_INPUTS := $(wildcard $(shell git ls-files -co --exclude-standard patches mm include \
		 Documentation tools MAINTAINERS 2>/dev/null)) \
	       $(T)/prepare.sh $(T)/maintainers.py
image = $(BUILD)/out/$(1)/arch/x86/boot/bzImage
INITRAMFS := $(BUILD)/initramfs.cpio
TESTS := $(BUILD)/kselftest/.built

.PHONY: help deps prepare kernel selftests initramfs kunit test demo bench \
	stress mutants series deb apply run sync reset-tree checkpatch clean \
	distclean FORCE

help:
	@echo "make demo       build, boot under QEMU and watch the OOM killer choose"
	@echo "make test       every check, ending with 'N passed, N failed'"
	@echo "make bench      selection cost, lock holds and the walk vs vanilla 6.12"
	@echo "make stress     10 minutes of OOMs on the debug kernel, then the sysctl fuzz"
	@echo "make mutants    deliberate bugs in the policy: the tests must catch each"
	@echo "make series     upstream patch series in build/series/, every step built"
	@echo "make deb        Debian packages of the patched kernel (KCONFIG=... for your config)"
	@echo "make apply      apply the change to your own 6.12.y tree: KSRC=/path/to/linux"
	@echo "make deps       install the Debian packages that are missing (as root)"
	@echo "make prepare    build/linux = Debian linux-source-6.12 + patches/ + overlay"
	@echo "make kernel     build one kernel: VARIANT=test (default), debug or vanilla"
	@echo "make initramfs  the selftests, helper programs and the VM's initramfs"
	@echo "make kunit      run the KUnit suite under UML with kunit.py"
	@echo "make run        boot VARIANT and run JOB with ARGS (tooling/initramfs/jobs)"
	@echo "make sync       write edits made in build/linux back to the overlay and patches/"
	@echo "make reset-tree drop edits made in build/linux"
	@echo "make checkpatch checkpatch --strict on patches/ and the new files"
	@echo "make clean      remove build outputs but keep the prepared tree"
	@echo "make distclean  remove build/ entirely"

deps:
	@$(T)/deps.sh

$(PREPARED): $(TREE_INPUTS) | deps
	@$(T)/prepare.sh && touch $@

prepare: $(PREPARED)

# kbuild knows what a kernel depends on: always ask it, it is incremental.
$(call image,%): $(PREPARED) FORCE
	@$(T)/build-kernel.sh $*

kernel: $(call image,$(VARIANT))

# make -C of the selftests and of tooling/progs is incremental: ask it.
$(TESTS): $(PREPARED) FORCE
	@$(T)/build-tests.sh

selftests: $(TESTS)

$(INITRAMFS): $(TESTS) FORCE
	@$(T)/mkinitramfs.sh

initramfs: $(INITRAMFS)

kunit: $(PREPARED)
	@$(T)/kunit.sh

run: $(call image,$(VARIANT)) $(INITRAMFS)
	@$(T)/vm.sh $(VARIANT) -- $(JOB) $(ARGS)

# test.sh asks make for the same targets (prepare, each image, initramfs)
# itself, in stages: each kernel builds in the background, beside the VMs of
# the one before it, and each build is counted as a check of its own.
test: deps
	@$(T)/test.sh

demo: deps $(call image,test) $(INITRAMFS)
	@$(T)/vm.sh test -t 900 -- demo

bench: deps $(call image,test) $(call image,vanilla) $(call image,debug) $(INITRAMFS)
	@$(T)/bench.sh

stress: deps $(call image,debug) $(INITRAMFS)
	@$(T)/stress.sh

mutants: deps $(PREPARED)
	@python3 $(T)/mutants.py

series: deps $(PREPARED)
	@$(T)/series.sh

deb: deps $(PREPARED)
	@$(T)/deb.sh

apply:
	@$(T)/apply.sh

sync:
	@python3 $(T)/sync.py

reset-tree:
	@git -C $(BUILD)/linux reset -q --hard refs/oomkit/prepared && \
		git -C $(BUILD)/linux clean -qfdx -e .kunit && echo "build/linux reset"

checkpatch: $(PREPARED)
	@$(T)/checkpatch.sh

clean:
	rm -rf $(BUILD)/out $(BUILD)/kunit $(BUILD)/kunit-series $(BUILD)/kselftest \
		$(BUILD)/progs $(BUILD)/initramfs $(INITRAMFS) $(BUILD)/logs \
		$(BUILD)/series $(BUILD)/deb $(BUILD)/mutants

distclean:
	rm -rf $(BUILD)
