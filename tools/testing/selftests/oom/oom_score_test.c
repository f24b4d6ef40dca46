// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/<pid>/oom_score under the footprint policy is the stock 6.12 value:
 *
 *   badness = rss + swap entries + page tables (pages)
 *             + oom_score_adj * (totalpages / 1000)
 *   oom_score = (1000 + badness * 1000 / totalpages) * 2 / 3
 *
 * with totalpages = RAM + swap.  The test recomputes it from /proc/<pid>/stat,
 * /proc/<pid>/status and /proc/meminfo, which report the same counters,
 * and also runs on an unpatched kernel, where it checks the oracle itself.
 * The test VM has no swap, whose counter /proc only reports exactly.
 * Each process is printed as an "oomscore" line so that runs on two
 * kernels can be compared side by side.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "oom_util.h"

static long status_kb(pid_t pid, const char *key)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	return oom_read_key(path, key);
}

/*
 * Resident pages as the OOM killer counts them: field 24 of /proc/<pid>/stat
 * is get_mm_rss(), the same per-cpu-approximate sum oom_badness() reads
 * (VmRSS in /proc/<pid>/status is the exact sum and may differ by the
 * per-cpu batches).
 */
static long stat_rss_pages(pid_t pid)
{
	char buf[1024];
	const char *p = oom_stat_field(pid, 24, buf, sizeof(buf));

	return p ? strtol(p, NULL, 10) : -1;
}

static long stock_oom_score(pid_t pid, int adj)
{
	long page_kb = getpagesize() / 1024;
	long total = (oom_read_key("/proc/meminfo", "MemTotal") +
		      oom_read_key("/proc/meminfo", "SwapTotal")) / page_kb;
	long badness = stat_rss_pages(pid) +
		       (status_kb(pid, "VmSwap") + status_kb(pid, "VmPTE")) / page_kb;

	badness += (long)adj * (long)(total / 1000);
	return (1000 + badness * 1000 / total) * 2 / 3;
}

/* 4 s on the test kernel; the harness's default 30 s is too close */
FIXTURE(global) {};
FIXTURE_SETUP(global) {}
FIXTURE_TEARDOWN(global) {}

TEST_F_TIMEOUT(global, footprint_oom_score_matches_the_stock_formula, 120)
{
	static const struct { const char *name; int mib, adj; } roles[] = {
		{ "small", 10, 0 }, { "medium", 50, 0 }, { "large", 120, 0 },
		{ "boosted", 30, 300 }, { "shielded", 80, -500 },
		{ "first", 5, 1000 }, { "never", 60, -1000 },
	};
	struct oom_proc procs[7] = { };
	bool patched = oom_have_sysctl("oom_badness_policy");
	long saved = patched ? oom_get_sysctl("oom_badness_policy") : -1;
	unsigned int i;

	if (getuid() != 0)
		SKIP(return, "must run as root");
	ASSERT_EQ(0, oom_write_file("/proc/self/oom_score_adj", "-1000\n"));
	if (patched)
		ASSERT_EQ(0, oom_set_sysctl("oom_badness_policy", 0));

	for (i = 0; i < 7; i++) {
		procs[i].spec = (struct oom_spec){ .name = roles[i].name,
			.mib = roles[i].mib, .adj = roles[i].adj };
		ASSERT_EQ(0, oom_start(&procs[i]));
	}
	oom_msleep(200);
	for (i = 0; i < 7; i++) {
		long got = oom_read_score(procs[i].pid);
		long want = roles[i].adj == -1000 ? 0 :
			    stock_oom_score(procs[i].pid, roles[i].adj);

		printf("oomscore role=%s kernel=%s rss_kb=%ld pte_kb=%ld adj=%d",
		       roles[i].name, patched ? "patched-policy0" : "vanilla",
		       stat_rss_pages(procs[i].pid) * (getpagesize() / 1024),
		       status_kb(procs[i].pid, "VmPTE"), roles[i].adj);
		printf(" memtotal_kb=%ld oom_score=%ld formula=%ld\n",
		       oom_read_key("/proc/meminfo", "MemTotal"), got, want);
		EXPECT_EQ(want, got) TH_LOG("%s", roles[i].name);
	}
	for (i = 0; i < 7; i++)
		oom_stop(&procs[i]);
	oom_reap_zombies();
	if (patched)
		oom_set_sysctl("oom_badness_policy", saved);
}

TEST_HARNESS_MAIN
