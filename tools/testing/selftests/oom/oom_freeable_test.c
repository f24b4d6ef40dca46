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
	const char *p = selected_field(t, pid, " freeable=");
	long kb;

	if (!p)
		return -1;
	kb = strtol(p, (char **)&p, 10);
	if (how && sscanf(p, "kB(%63[^)])", how) != 1)
		snprintf(how, size, "?");
	return kb;
}

/*
 * 100 MiB a fork cloned, then the child (unkillable) wrote all of it: the
 * parent's pages are its own again, 25,600 entries for a walk to find.
 * The OOM kills the parent; its freeable= in kB, and into @how its how.
 */
static long kill_cloned(struct __test_metadata *_metadata,
			struct _test_data_oom *self, char *how, size_t size)
{
	struct oom_proc *p;

	p = START(.name = "cloned", .mib = 100, .share = OOM_COW,
		  .rewrite = true, .nchildren = 1, .child_adj = -1000);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->pid);
	return selected_freeable_kb(&self->t, p->pid, how, size);
}

/*
 * Page-table entries the OOM's walks visited, from its log, and into @mms
 * how many mms they walked and into @excl how many VMAs no fork shared
 * they left alone; -1 if it has no such line.
 */
static long walked_entries(struct oom_test *t, int *mms, int *excl)
{
	const char *p = strstr(oom_kmsg_read(&t->log),
			       "oom-badness: freeable estimate: ");
	long n;

	*mms = -1;
	*excl = -1;
	if (!p || sscanf(p,
			 "oom-badness: freeable estimate: %d mms walked, %ld page-table entries in %*uus, %*u fell back to the counters, budget %*u, %d VMAs",
			 mms, &n, excl) != 3)
		return -1;
	return n;
}

/*
 * The OOM's "fell back to the counters" line: into @contended and @budget
 * its counts, and the pid of the largest candidate it names; -1 without one.
 */
static pid_t fell_back(struct oom_test *t, int *contended, int *budget)
{
	const char *p = strstr(oom_kmsg_read(&t->log),
			       "oom-badness: fell back to the counters: ");
	int pid;

	if (!p || sscanf(p,
			 "oom-badness: fell back to the counters: %d with the mmap lock contended, %d with the walk budget spent; the largest of them %d (",
			 contended, budget, &pid) != 3)
		return -1;
	return pid;
}

/*
 * Memory mapped after the last fork is this process's alone: the estimate
 * is complete ("walked") without a walk of its PTEs (60 MiB would be 15,360
 * of them), and what that memory holds counts in full.
 */
TEST_F_TIMEOUT(oom, a_private_process_is_walked_and_frees_its_memory, OOM_TIMEOUT)
{
	struct oom_proc *p;
	char how[64];
	long kb, n;
	int mms, excl;

	p = START(.name = "private", .mib = 60);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->pid);
	kb = selected_freeable_kb(&self->t, p->pid, how, sizeof(how));
	EXPECT_STREQ("walked", how);
	EXPECT_GE(kb, 60 << 10);
	EXPECT_LE(kb, 62 << 10);
	EXPECT_NOT_LOGGED("oom-badness: ranked again");
	n = walked_entries(&self->t, &mms, &excl);
	TH_LOG("%d mms, %ld page-table entries walked, %d VMAs left", mms, n,
	       excl);
	EXPECT_EQ(1, mms);
	EXPECT_GE(excl, 1);
	EXPECT_GE(n, 1);
	EXPECT_LT(n, 4096);
}

/*
 * The first pass ranks on the counters and walks only its choice: three
 * 20 MiB processes, each the best so far when met, are not walked once
 * the 60 MiB one comes.
 */
TEST_F_TIMEOUT(oom, only_the_chosen_is_walked, OOM_TIMEOUT)
{
	struct oom_proc *a, *b, *c, *big;
	int mms, excl;

	a = START(.name = "mid-a", .mib = 20);
	b = START(.name = "mid-b", .mib = 20);
	c = START(.name = "mid-c", .mib = 20);
	big = START(.name = "big", .mib = 60);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, big->pid);
	walked_entries(&self->t, &mms, &excl);
	EXPECT_EQ(1, mms);
	EXPECT_NOT_LOGGED("oom-badness: ranked again");
	EXPECT_TRUE(oom_pid_alive(a->pid));
	EXPECT_TRUE(oom_pid_alive(b->pid));
	EXPECT_TRUE(oom_pid_alive(c->pid));
}

/*
 * Nor does the first pass ask for capabilities: three 20 MiB root
 * processes met first (the first of them the best so far) lose to the
 * 60 MiB one met last, and the choice stands without a second pass.
 */
TEST_F_TIMEOUT(oom, roots_met_first_need_no_second_pass, OOM_TIMEOUT)
{
	struct oom_proc *a, *b, *c, *big;

	a = START(.name = "root-a", .mib = 20, .creds = OOM_ROOT);
	b = START(.name = "root-b", .mib = 20, .creds = OOM_ROOT);
	c = START(.name = "root-c", .mib = 20, .creds = OOM_ROOT);
	big = START(.name = "big", .mib = 60);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, big->pid);
	EXPECT_NOT_LOGGED("oom-badness: ranked again");
	EXPECT_TRUE(oom_pid_alive(a->pid));
	EXPECT_TRUE(oom_pid_alive(b->pid));
	EXPECT_TRUE(oom_pid_alive(c->pid));
}

/*
 * A choice its capability divides loses its place: 60 MiB with
 * CAP_SYS_ADMIN ranks first on its bound, scores 15 MiB once divided by
 * 4, and the second pass kills the 30 MiB process of a user instead.
 */
TEST_F_TIMEOUT(oom, a_capability_sends_the_choice_to_a_second_pass, OOM_TIMEOUT)
{
	/* from "oom-badness: ranked again, ...: the first pass's choice, ..." */
	const char *why = "scores less than another candidate might with its capabilities";
	struct oom_proc *admin, *user;

	admin = START(.name = "admin", .mib = 60, .creds = OOM_ADMIN);
	user = START(.name = "user", .mib = 30);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, user->pid);
	EXPECT_TRUE(log_has(&self->t, why));
	EXPECT_TRUE(oom_pid_alive(admin->pid));
}

/* Only a walk can tell that the cloned pages are the parent's own again. */
TEST_F_TIMEOUT(oom, memory_a_fork_cloned_is_walked, OOM_TIMEOUT)
{
	char how[64];
	long kb, n;
	int mms, excl;

	kb = kill_cloned(_metadata, self, how, sizeof(how));
	EXPECT_STREQ("walked", how);
	EXPECT_GE(kb, 98 << 10);
	n = walked_entries(&self->t, &mms, &excl);
	TH_LOG("%ld page-table entries walked", n);
	EXPECT_EQ(1, mms);
	EXPECT_GE(n, 25600 * 3 / 5);
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
	/* the server's share counts children big enough to walk */
	EXPECT_TRUE(log_has(&self->t, "oom-badness: ranked again"));
}

/*
 * The first pass chooses the consumer, then the server displaces it on its
 * counters; the server's walk finds its 100 MiB shared with its (-1000)
 * child, below the consumer it displaced: a second pass, and the consumer
 * dies.
 */
TEST_F_TIMEOUT(oom, a_displaced_choice_still_wins_after_the_walk, OOM_TIMEOUT)
{
	struct oom_proc *server, *consumer;

	consumer = START(.name = "consumer", .mib = 40);
	server = START(.name = "server", .mib = 100, .share = OOM_COW,
		       .nchildren = 1, .child_adj = -1000);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, consumer->pid);
	EXPECT_TRUE(oom_pid_alive(server->pid));
	EXPECT_TRUE(log_has(&self->t, "oom-badness: ranked again"));
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
	char how[64];
	long kb;

	/*
	 * 100 MiB a fork cloned are 25,600 entries to walk (private memory
	 * would need none): 4096 cover 16 MiB of them.
	 */
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_walk_budget", 4096));
	kb = kill_cloned(_metadata, self, how, sizeof(how));
	EXPECT_STREQ("partly walked", how);
	/* what was not walked counts by the counters */
	EXPECT_GE(kb, 100 << 10);
}

TEST_F_TIMEOUT(oom, a_spent_budget_falls_back_to_the_counters, OOM_TIMEOUT)
{
	struct oom_proc *a, *b;
	int contended, budget;
	char how[64];

	/*
	 * The first candidate takes all of it, the second gets none.  Both
	 * hold memory a fork cloned, which must be walked: the first's is
	 * still shared with its child (its walk finds ~30 MiB of 110 not yet
	 * seen), the second's was rewritten by its child (100 MiB by the
	 * counters).
	 */
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_walk_budget", 20000));
	/* the order is the point: the CPU time of touching must not change it */
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_cputime_unit_ms", 0));
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_runtime_unit_secs", 0));
	a = START(.name = "first", .mib = 110, .share = OOM_COW,
		  .nchildren = 1, .child_adj = -1000);
	b = START(.name = "second", .mib = 100, .share = OOM_COW,
		  .rewrite = true, .nchildren = 1, .child_adj = -1000);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, b->pid);
	selected_freeable_kb(&self->t, b->pid, how, sizeof(how));
	EXPECT_STREQ("counters: walk budget spent", how);
	/* the first pass chose a on its counters, its walk spent the budget */
	EXPECT_TRUE(log_has(&self->t, "oom-badness: ranked again"));
	EXPECT_TRUE(oom_pid_alive(a->pid));
	/* the log names the one that fell back, and why */
	EXPECT_EQ(b->pid, fell_back(&self->t, &contended, &budget));
	EXPECT_EQ(0, contended);
	EXPECT_EQ(1, budget);
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
	int contended, budget;
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
	EXPECT_EQ(p->pid, fell_back(&self->t, &contended, &budget));
	EXPECT_GE(contended, 1);
	EXPECT_EQ(0, budget);
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

/* AnonHugePages of @pid, in kB; -1 if unknown. */
static long anon_huge_kb(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", pid);
	return oom_read_key(path, "AnonHugePages");
}

#define THP_ENABLED "/sys/kernel/mm/transparent_hugepage/enabled"

/*
 * A memcg OOM looks at every page's memcg, so it walks even memory no fork
 * shared; a PMD-mapped huge page is one entry of the walk, not 512.  60 MiB
 * in huge pages are 30 entries and free 60 MiB.
 */
TEST_F_TIMEOUT(oom, a_huge_page_is_one_entry_of_the_walk, OOM_TIMEOUT)
{
	const char *cg = CGROUP("oomt-thp");
	struct oom_proc *p;
	int mms, excl;
	long kb, huge, n;
	char how[64];

	if (access(THP_ENABLED, F_OK))
		SKIP(return, "no transparent huge pages (CONFIG_TRANSPARENT_HUGEPAGE)");
	p = START(.name = "huge", .mib = 60, .thp = true, .cgroup = cg);
	huge = anon_huge_kb(p->pid);
	if (huge < 30 << 10)
		SKIP(return, "only %ld kB of the 60 MiB in huge pages", huge);
	ASSERT_EQ(1, oom_cg_squeeze(cg, 20));
	EXPECT_DEAD(1, p->pid);
	kb = selected_freeable_kb(&self->t, p->pid, how, sizeof(how));
	EXPECT_STREQ("walked", how);
	EXPECT_GE(kb, 60 << 10);
	EXPECT_LE(kb, 62 << 10);
	n = walked_entries(&self->t, &mms, &excl);
	TH_LOG("%ld kB in huge pages, %ld entries walked", huge, n);
	/* one per huge page, 512 per PTE table of the rest, one per VMA */
	EXPECT_LE(n, 30 + (60 - huge / 1024) * 256 + 512 + 64);
}

/*
 * A fork maps the parent's huge pages in the child too, PMD for PMD: the
 * huge page is mapped shared, and the parent's kill frees none of it.
 */
TEST_F_TIMEOUT(oom, huge_pages_a_fork_shares_are_not_freeable, OOM_TIMEOUT)
{
	struct oom_proc *server, *consumer;
	long huge;

	if (access(THP_ENABLED, F_OK))
		SKIP(return, "no transparent huge pages (CONFIG_TRANSPARENT_HUGEPAGE)");
	server = START(.name = "server", .mib = 100, .share = OOM_COW, .thp = true,
		       .nchildren = 1, .child_adj = -1000);
	huge = anon_huge_kb(server->pid);
	if (huge < 50 << 10)
		SKIP(return, "only %ld kB of the 100 MiB in huge pages", huge);
	consumer = START(.name = "consumer", .mib = 40);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, consumer->pid);
	EXPECT_TRUE(oom_pid_alive(server->pid));
	EXPECT_TRUE(log_has(&self->t, "oom-badness: ranked again"));
}

#define NR_HUGEPAGES "/proc/sys/vm/nr_hugepages"

/*
 * hugetlb pages go back to their pool, not to the OOM: the walk passes
 * their VMA by (its walk could sleep) and counts none of it.  Nor does the
 * VMA hide the rest: a private hugetlb mapping has an anon_vma, but its
 * pages are not in the anonymous counter that stands in for the 60 MiB no
 * fork shared.
 */
TEST_F_TIMEOUT(oom, hugetlb_pages_are_not_walked_nor_freeable, OOM_TIMEOUT)
{
	struct oom_proc *p;
	long kb, n, pool, end;
	int mms, excl;
	char how[64];

	if (access(NR_HUGEPAGES, F_OK))
		SKIP(return, "no hugetlb pages (CONFIG_HUGETLBFS)");
	pool = oom_read_long(NR_HUGEPAGES);
	ASSERT_EQ(0, oom_write_file(NR_HUGEPAGES, "%ld\n", pool + 50));
	if (oom_read_long(NR_HUGEPAGES) < pool + 50)
		SKIP(return, "the pool did not fill");
	p = START(.name = "hugetlb", .mib = 60, .hugetlb_mib = 100);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->pid);
	kb = selected_freeable_kb(&self->t, p->pid, how, sizeof(how));
	EXPECT_STREQ("walked", how);
	EXPECT_GE(kb, 60 << 10);
	EXPECT_LE(kb, 62 << 10);
	n = walked_entries(&self->t, &mms, &excl);
	TH_LOG("%ld entries walked, %d VMAs counted from the counters", n, excl);
	EXPECT_GE(excl, 1);
	/* the pool gets its pages back once the victim's mm is gone */
	oom_reap_zombies();
	for (end = oom_now_ms() + 10000; oom_now_ms() < end; oom_msleep(50))
		if (oom_read_key("/proc/meminfo", "HugePages_Free") ==
		    oom_read_key("/proc/meminfo", "HugePages_Total"))
			break;
	EXPECT_EQ(oom_read_key("/proc/meminfo", "HugePages_Total"),
		  oom_read_key("/proc/meminfo", "HugePages_Free"));
	EXPECT_EQ(0, oom_write_file(NR_HUGEPAGES, "%ld\n", pool));
	EXPECT_EQ(pool, oom_read_long(NR_HUGEPAGES));
}

TEST_HARNESS_MAIN
