#!/bin/sh
# The kernel log of this boot, for kunit.py parse: the KUnit suites built
# into the kernel ran before userspace started.
dmesg
