// SPDX-License-Identifier: GPL-2.0
/*
 * Which process does the OOM killer choose?  Each test starts real
 * processes with a known footprint, CPU time, age, credentials and
 * oom_score_adj, forces a global OOM (sysrq-f, which walks every task) or a
 * memcg OOM (memory.max lowered below the usage), and checks who died.
 *
 * Units are scaled for a VM by the fixture: 1 s of age per unit, so 16 s
 * of age halve a score; tests about CPU time use 100 ms units, so 400 ms
 * of CPU halve a score.
 */
#include "oom_fixture.h"

#define AGE_MS 17000	/* 17 one-second units: fourth root 2 */

/* Sleep until @p has been running for AGE_MS. */
static void age(struct oom_proc *p, long started)
{
	long left = started + AGE_MS - now_ms();

	(void)p;
	if (left > 0)
		msleep(left);
}

/* Which of @a and @b died (0 if neither or both). */
static pid_t one_of(pid_t a, pid_t b)
{
	if (pid_alive(a) == pid_alive(b))
		return 0;
	return pid_alive(a) ? b : a;
}

static bool logged(struct _test_data_oom *self, const char *fmt, pid_t pid)
{
	char needle[128];

	snprintf(needle, sizeof(needle), fmt, pid);
	return log_has(self, needle);
}

/*
 * The acceptance case: a young, smaller process is chosen over an older,
 * CPU-heavy, larger one under the classic policy; flipping the policy to
 * the footprint makes the next OOM choose the larger one.
 */
TEST_F_TIMEOUT(oom, global_classic_picks_young_hog_then_flip_picks_biggest, 120)
{
	struct oom_proc *old, *young1, *young2;
	pid_t all[3], dead;
	long t0 = now_ms();

	ASSERT_EQ(0, set_sysctl("oom_badness_cputime_unit_ms", TEST_CPU_UNIT_MS));
	old = START(.name = "old-busy", .mib = 100, .cpu_ms = 1600);
	age(old, t0);
	young1 = START(.name = "young1", .mib = 60);
	young2 = START(.name = "young2", .mib = 60);
	all[0] = old->pid;
	all[1] = young1->pid;
	all[2] = young2->pid;

	/* 100 MiB / sqrt(>= 16 CPU units) / 4th root(17 s) <= 12.5 MiB */
	EXPECT_GT(read_oom_score(young1->pid), read_oom_score(old->pid));
	ASSERT_EQ(0, global_oom());
	EXPECT_EQ(1, wait_dead(all, 3, 1, 20000));
	dead = one_of(young1->pid, young2->pid);
	ASSERT_NE(0, dead);
	EXPECT_TRUE(pid_alive(old->pid));
	EXPECT_TRUE(logged(self, "oom-badness: selected %d (young", dead));

	/* Flip: the next OOM takes the biggest. */
	ASSERT_EQ(0, set_sysctl("oom_badness_policy", 0));
	EXPECT_GT(read_oom_score(old->pid), read_oom_score(dead == young1->pid ?
						   young2->pid : young1->pid));
	ASSERT_EQ(0, global_oom());
	EXPECT_EQ(2, wait_dead(all, 3, 2, 20000));
	EXPECT_FALSE(pid_alive(old->pid));
	EXPECT_EQ(old->pid, killed_pid(kmsg_read(&self->log), 1));
	EXPECT_TRUE(pid_alive(1));
}

TEST_F_TIMEOUT(oom, memcg_classic_picks_young_hog_then_flip_picks_biggest, 120)
{
	const char *cg = CGROUP("oomt-age");
	struct oom_proc *old, *young1, *young2;
	pid_t all[3];
	long t0 = now_ms();

	ASSERT_EQ(0, set_sysctl("oom_badness_cputime_unit_ms", TEST_CPU_UNIT_MS));
	old = START(.name = "old-busy", .mib = 100, .cpu_ms = 1600, .cgroup = cg);
	age(old, t0);
	young1 = START(.name = "young1", .mib = 60, .cgroup = cg);
	young2 = START(.name = "young2", .mib = 60, .cgroup = cg);
	all[0] = old->pid;
	all[1] = young1->pid;
	all[2] = young2->pid;

	ASSERT_EQ(1, cg_squeeze(cg, 20));
	EXPECT_EQ(1, wait_dead(all, 3, 1, 20000));
	EXPECT_NE(0, one_of(young1->pid, young2->pid));
	EXPECT_TRUE(pid_alive(old->pid));
	EXPECT_EQ(1, cg_key(cg, "memory.events", "oom_kill"));

	ASSERT_EQ(0, set_sysctl("oom_badness_policy", 0));
	ASSERT_EQ(1, cg_squeeze(cg, 20));
	EXPECT_EQ(2, wait_dead(all, 3, 2, 20000));
	EXPECT_FALSE(pid_alive(old->pid));
	EXPECT_EQ(2, cg_key(cg, "memory.events", "oom_kill"));
}

TEST_F(oom, cpu_time_protects_busy_process)
{
	struct oom_proc *busy, *idle;

	/*
	 * Small sizes: faulting memory in costs CPU time of its own, a lot
	 * of it under emulation with KASAN, and the idle one must stay
	 * below a few units.  18 MiB / sqrt(16 units) < 16 MiB.
	 */
	ASSERT_EQ(0, set_sysctl("oom_badness_cputime_unit_ms", TEST_CPU_UNIT_MS));
	busy = START(.name = "busy", .mib = 18, .cpu_ms = 1600);
	idle = START(.name = "idle", .mib = 16);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, idle->pid);
	EXPECT_TRUE(pid_alive(busy->pid));
	EXPECT_TRUE(logged(self, "selected %d (idle) policy=classic", idle->pid));
}

TEST_F(oom, cputime_unit_zero_ignores_cpu_time)
{
	struct oom_proc *busy;

	ASSERT_EQ(0, set_sysctl("oom_badness_cputime_unit_ms", 0));
	busy = START(.name = "busy", .mib = 18, .cpu_ms = 1600);
	START(.name = "idle", .mib = 16);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, busy->pid);
	EXPECT_TRUE(logged(self, "selected %d (busy) policy=classic points=", busy->pid));
	/* the CPU time (1.6 s and more) is shown, but divides nothing */
	EXPECT_TRUE(log_has(self, "s/1 age="));
	EXPECT_FALSE(log_has(self, "cpu=0."));
}

TEST_F_TIMEOUT(oom, runtime_unit_switches_age_protection, 120)
{
	struct oom_proc *old, *young1, *young2;
	long t0 = now_ms();
	pid_t all[3];

	old = START(.name = "old", .mib = 90);
	age(old, t0);
	young1 = START(.name = "young1", .mib = 80);
	young2 = START(.name = "young2", .mib = 80);

	/* 90 MiB / 4th root(17) = 45 MiB < 80 MiB */
	all[0] = old->pid;
	all[1] = young1->pid;
	all[2] = young2->pid;
	ASSERT_EQ(0, global_oom());
	EXPECT_EQ(1, wait_dead(all, 3, 1, 20000));
	EXPECT_NE(0, one_of(young1->pid, young2->pid));
	EXPECT_TRUE(log_has(self, "age="));

	/* Unit 0: age is ignored, the biggest goes. */
	ASSERT_EQ(0, set_sysctl("oom_badness_runtime_unit_secs", 0));
	ASSERT_EQ(0, global_oom());
	EXPECT_EQ(2, wait_dead(all, 3, 2, 20000));
	EXPECT_FALSE(pid_alive(old->pid));
}

TEST_F(oom, root_divisor_protects_cap_sys_admin)
{
	struct oom_proc *admin, *user;

	admin = START(.name = "admin", .mib = 100, .creds = OOM_ADMIN);
	user = START(.name = "user", .mib = 40);
	/* 100 MiB / 4 = 25 MiB < 40 MiB */
	EXPECT_LT(read_oom_score(admin->pid), read_oom_score(user->pid));
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, user->pid);
	EXPECT_TRUE(pid_alive(admin->pid));
}

TEST_F(oom, root_divisor_one_removes_protection)
{
	struct oom_proc *admin;

	ASSERT_EQ(0, set_sysctl("oom_badness_root_divisor", 1));
	admin = START(.name = "admin", .mib = 100, .creds = OOM_ADMIN);
	START(.name = "user", .mib = 40);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, admin->pid);
	EXPECT_TRUE(logged(self, "selected %d (admin) policy=classic", admin->pid));
	EXPECT_TRUE(log_has(self, "root=1/1 rawio=0/1"));
}

TEST_F(oom, rawio_divisor_protects_cap_sys_rawio_holder)
{
	struct oom_proc *rawio, *user;

	rawio = START(.name = "rawio", .mib = 100, .creds = OOM_RAWIO);
	user = START(.name = "user", .mib = 40);
	EXPECT_LT(read_oom_score(rawio->pid), read_oom_score(user->pid));
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, user->pid);
	EXPECT_TRUE(pid_alive(rawio->pid));
}

/* CAP_SYS_RAWIO alone is not root: the root divisor does not apply. */
TEST_F(oom, rawio_divisor_one_removes_protection)
{
	struct oom_proc *rawio;

	ASSERT_EQ(0, set_sysctl("oom_badness_rawio_divisor", 1));
	ASSERT_EQ(0, set_sysctl("oom_badness_root_divisor", 1024));
	rawio = START(.name = "rawio", .mib = 100, .creds = OOM_RAWIO);
	START(.name = "user", .mib = 40);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, rawio->pid);
	EXPECT_TRUE(log_has(self, "root=0/1 rawio=1/1"));
}

TEST_F(oom, children_share_selects_the_family)
{
	struct oom_proc *parent, *lone;

	ASSERT_EQ(0, set_sysctl("oom_prefer_children", 0));
	/* 50 MiB + 50% of 2 x 30 MiB = 80 MiB > 70 MiB */
	parent = START(.name = "parent", .mib = 50, .nchildren = 2,
		       .child_mib = 30);
	lone = START(.name = "lone", .mib = 70);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, parent->pid);
	EXPECT_TRUE(pid_alive(lone->pid));
	EXPECT_TRUE(logged(self, "selected %d (parent) policy=classic", parent->pid));
}

TEST_F(oom, children_percent_zero_ignores_children)
{
	struct oom_proc *lone;

	ASSERT_EQ(0, set_sysctl("oom_prefer_children", 0));
	ASSERT_EQ(0, set_sysctl("oom_badness_children_percent", 0));
	START(.name = "parent", .mib = 50, .nchildren = 2, .child_mib = 30);
	lone = START(.name = "lone", .mib = 70);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, lone->pid);
}

TEST_F(oom, adj_minus_1000_is_never_killed)
{
	struct oom_proc *big, *small;
	int policy;

	for (policy = 1; policy >= 0; policy--) {
		ASSERT_EQ(0, set_sysctl("oom_badness_policy", policy));
		big = START(.name = "protected", .mib = 200, .adj = -1000);
		small = START(.name = "small", .mib = 10);
		EXPECT_EQ(0, read_oom_score(big->pid));
		ASSERT_EQ(0, global_oom());
		wait_dead(&small->pid, 1, 1, 20000);
		EXPECT_FALSE(pid_alive(small->pid));
		/* nothing else to kill: sysrq-f gives up, -1000 survives */
		ASSERT_EQ(0, global_oom());
		msleep(500);
		EXPECT_TRUE(pid_alive(big->pid));
		oom_stop(big);
	}
}

TEST_F(oom, adj_plus_1000_is_killed_first)
{
	struct oom_proc *small;
	int policy;

	for (policy = 1; policy >= 0; policy--) {
		ASSERT_EQ(0, set_sysctl("oom_badness_policy", policy));
		START(.name = "big", .mib = 200);
		small = START(.name = "doomed", .mib = 10, .adj = 1000);
		ASSERT_EQ(0, global_oom());
		wait_dead(&small->pid, 1, 1, 20000);
		EXPECT_FALSE(pid_alive(small->pid));
		EXPECT_TRUE(pid_alive(self->procs[self->nprocs - 2].pid));
		oom_stop(&self->procs[self->nprocs - 2]);
	}
}

TEST_F(oom, memcg_oom_kills_only_inside_the_memcg)
{
	const char *cg = CGROUP("oomt-inside");
	struct oom_proc *outside, *in1;

	/* big victims: a small one exits fast enough for the kernel's retry
	 * to kill again (see cg_oom_once())
	 */
	outside = START(.name = "outside", .mib = 150);
	in1 = START(.name = "inside1", .mib = 70, .cgroup = cg);
	START(.name = "inside2", .mib = 50, .cgroup = cg);
	ASSERT_EQ(1, cg_squeeze(cg, 10));
	EXPECT_DEAD(1, in1->pid);
	EXPECT_TRUE(pid_alive(outside->pid));
	EXPECT_EQ(1, cg_key(cg, "memory.events", "oom_kill"));
	EXPECT_TRUE(log_has(self,
			    "Memory cgroup out of memory: Killed process"));
}

TEST_F(oom, footprint_policy_logs_no_explanation)
{
	struct oom_proc *big;

	ASSERT_EQ(0, set_sysctl("oom_badness_policy", 0));
	big = START(.name = "big", .mib = 60);
	START(.name = "small", .mib = 20);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, big->pid);
	EXPECT_EQ(0, count_lines(kmsg_read(&self->log), "oom-badness:"));
	EXPECT_EQ(1, count_lines(kmsg_read(&self->log), "Out of memory: Killed process"));
}

TEST_F(oom, oom_score_follows_the_policy)
{
	struct oom_proc *admin, *user;
	long a, u;

	admin = START(.name = "admin", .mib = 100, .creds = OOM_ROOT);
	user = START(.name = "user", .mib = 100);
	/* root holds CAP_SYS_ADMIN and CAP_SYS_RAWIO: 100 MiB / 16 */
	a = read_oom_score(admin->pid);
	u = read_oom_score(user->pid);
	EXPECT_LT(a, u);
	ASSERT_EQ(0, set_sysctl("oom_badness_policy", 0));
	a = read_oom_score(admin->pid);
	u = read_oom_score(user->pid);
	EXPECT_LE(labs(a - u), 1);
	EXPECT_GT(a, 0);
	EXPECT_LE(a, 2000);
}

/* oom_kill_allocating_task still kills the allocator, whatever the policy. */
TEST_F_TIMEOUT(oom, oom_kill_allocating_task_kills_the_allocator, 120)
{
	struct oom_proc *idle;
	long memtotal;
	pid_t hog;
	int status;

	memtotal = read_key("/proc/meminfo", "MemTotal") >> 10;
	ASSERT_GT(memtotal, 256);
	ASSERT_EQ(0, set_sysctl("oom_kill_allocating_task", 1));
	idle = START(.name = "idle-big", .mib = memtotal * 6 / 10);
	hog = fork();
	ASSERT_GE(hog, 0);
	if (hog == 0) {
		set_name("allocator");
		set_adj(0);
		touch_mib(memtotal);
		_exit(0);
	}
	ASSERT_EQ(hog, waitpid(hog, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	EXPECT_TRUE(pid_alive(idle->pid));
	EXPECT_TRUE(log_has(self,
			    "Out of memory (oom_kill_allocating_task): Killed process"));
}

TEST_HARNESS_MAIN
