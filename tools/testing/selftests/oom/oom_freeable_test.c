// SPDX-License-Identifier: GPL-2.0
/*
 * The estimate of what a kill frees, as the kernel explains it: walked,
 * partly walked, or the counters (estimate off, walk budget spent, mmap
 * lock busy); /proc/<pid>/oom_score never walking; pages charged to another
 * memcg.  Who dies in the copy-on-write, shmem, tmpfs and memfd shapes is
 * oom_scenarios_test.
 */
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "oom_fixture.h"

/* The freeable= field of the selected line of @pid, in kB, and its how. */
static long selected_freeable_kb(struct oom_test *t, pid_t pid,
				 char *how, size_t size)
{
	char needle[64];
	const char *p;
	long kb;

	snprintf(needle, sizeof(needle), "oom-badness: selected %d (", pid);
	p = strstr(oom_kmsg_read(&t->log), needle);
	if (p)
		p = strstr(p, " freeable=");
	if (!p)
		return -1;
	p += strlen(" freeable=");
	kb = strtol(p, (char **)&p, 10);
	if (how && sscanf(p, "kB(%63[^)])", how) != 1)
		snprintf(how, size, "?");
	return kb;
}

TEST_F_TIMEOUT(oom, a_private_process_is_walked_and_frees_its_memory, OOM_TIMEOUT)
{
	struct oom_proc *p;
	char how[64];
	long kb;

	p = START(.name = "private", .mib = 60);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->pid);
	kb = selected_freeable_kb(&self->t, p->pid, how, sizeof(how));
	EXPECT_STREQ("walked", how);
	EXPECT_GE(kb, 60 << 10);
	EXPECT_LE(kb, 62 << 10);
	EXPECT_TRUE(log_has(&self->t, "oom-badness: freeable estimate: "));
}

/*
 * Copy-on-write: the server's 100 MiB are its workers' too.  oom_score, from
 * the counters, ranks the server first; the kill goes to the consumer,
 * whose kill frees its 40 MiB.
 */
TEST_F_TIMEOUT(oom, oom_score_counts_what_the_walk_finds_shared, OOM_TIMEOUT)
{
	struct oom_proc *server, *consumer;

	server = START(.name = "server", .mib = 100, .share = OOM_COW,
		       .nchildren = 3);
	consumer = START(.name = "consumer", .mib = 40);
	EXPECT_GT(oom_read_score(server->pid), oom_read_score(consumer->pid));
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, consumer->pid);
}

TEST_F_TIMEOUT(oom, budget_0_turns_the_estimate_off, OOM_TIMEOUT)
{
	struct oom_proc *p;
	char how[64];

	ASSERT_EQ(0, oom_set_sysctl("oom_badness_walk_budget", 0));
	p = START(.name = "private", .mib = 60);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->pid);
	selected_freeable_kb(&self->t, p->pid, how, sizeof(how));
	EXPECT_STREQ("counters", how);
	EXPECT_NOT_LOGGED("oom-badness: freeable estimate: ");
}

TEST_F_TIMEOUT(oom, a_small_budget_leaves_a_partly_walked_estimate, OOM_TIMEOUT)
{
	struct oom_proc *p;
	char how[64];
	long kb;

	/* 100 MiB are 51200 entries: 4096 cover 8 MiB of them */
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_walk_budget", 4096));
	p = START(.name = "private", .mib = 100);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->pid);
	kb = selected_freeable_kb(&self->t, p->pid, how, sizeof(how));
	EXPECT_STREQ("partly walked", how);
	/* what was not walked counts by the counters */
	EXPECT_GE(kb, 100 << 10);
}

TEST_F_TIMEOUT(oom, a_spent_budget_falls_back_to_the_counters, OOM_TIMEOUT)
{
	struct oom_proc *a, *b;
	char how[64];

	/* the first candidate takes all of it, the second gets none */
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_walk_budget", 20000));
	a = START(.name = "first", .mib = 100);
	b = START(.name = "second", .mib = 110);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, b->pid);
	selected_freeable_kb(&self->t, b->pid, how, sizeof(how));
	EXPECT_STREQ("counters: walk budget spent", how);
	EXPECT_TRUE(oom_pid_alive(a->pid));
}

/*
 * The mmap lock of a candidate is busy: the estimate falls back to the
 * counters, says so, and the OOM goes on.  The kernel's fault injection
 * (CONFIG_FAULT_INJECTION_DEBUG_FS, /sys/kernel/debug/fail_oom_walk) makes
 * every mmap_read_trylock() of the estimate fail.
 */
TEST_F_TIMEOUT(oom, a_busy_mmap_lock_falls_back_to_the_counters, OOM_TIMEOUT)
{
	const char *fi = "/sys/kernel/debug/fail_oom_walk";
	struct oom_proc *p;
	char path[128], how[64];
	long t0;

	if (access(fi, F_OK)) {
		mkdir("/sys/kernel/debug", 0755);
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	}
	if (access(fi, F_OK))
		SKIP(return, "no %s (CONFIG_FAULT_INJECTION_DEBUG_FS)", fi);
	snprintf(path, sizeof(path), "%s/verbose", fi);
	ASSERT_EQ(0, oom_write_file(path, "0"));
	snprintf(path, sizeof(path), "%s/times", fi);
	ASSERT_EQ(0, oom_write_file(path, "-1"));
	snprintf(path, sizeof(path), "%s/probability", fi);
	ASSERT_EQ(0, oom_write_file(path, "100"));

	p = START(.name = "locked", .mib = 60);
	t0 = oom_now_ms();
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->pid);
	oom_write_file(path, "0");
	selected_freeable_kb(&self->t, p->pid, how, sizeof(how));
	EXPECT_STREQ("counters: mmap lock contended", how);
	TH_LOG("the OOM took %ld ms with every trylock failing", oom_now_ms() - t0);
}

/*
 * Pages stay charged to the memcg that first touched them.  A process that
 * moved on holds 80 MiB charged elsewhere and 10 MiB here: in this memcg's
 * OOM its kill frees 10 MiB, less than the consumer's 40.
 */
TEST_F_TIMEOUT(oom, memcg_counts_only_pages_charged_to_it, OOM_TIMEOUT)
{
	const char *old = CGROUP("oomt-old");
	const char *cg = CGROUP("oomt-new");
	struct oom_proc *mover, *consumer;

	mover = START(.name = "mover", .mib = 80, .cgroup = old,
		      .cgroup_after = cg);
	consumer = START(.name = "consumer", .mib = 40, .cgroup = cg);
	ASSERT_EQ(1, oom_cg_squeeze(cg, 20));
	EXPECT_DEAD(1, consumer->pid);
	EXPECT_TRUE(oom_pid_alive(mover->pid));
}

TEST_HARNESS_MAIN
