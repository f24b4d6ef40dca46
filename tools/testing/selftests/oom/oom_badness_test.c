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
	long left = started + AGE_MS - oom_now_ms();

	(void)p;
	if (left > 0)
		oom_msleep(left);
}

/* Which of @a and @b died (0 if neither or both). */
static pid_t one_of(pid_t a, pid_t b)
{
	if (oom_pid_alive(a) == oom_pid_alive(b))
		return 0;
	return oom_pid_alive(a) ? b : a;
}

static bool logged(struct oom_test *t, const char *fmt, pid_t pid)
{
	char needle[128];

	snprintf(needle, sizeof(needle), fmt, pid);
	return log_has(t, needle);
}

/* An aged process, two young ones, and which young one the first OOM took. */
struct old_and_young {
	pid_t all[3];		/* old, young1, young2 */
	pid_t dead, survivor;
};

/*
 * Start @old, let it age AGE_MS, start two young processes of @young_mib
 * beside it and force a global OOM: the old one scoring below the young
 * ones, one young process dies, and only one.
 */
static void kill_a_young_one(struct __test_metadata *_metadata,
			     struct _test_data_oom *self, struct oom_spec old,
			     int young_mib, struct old_and_young *f)
{
	static const char * const young[] = { "young1", "young2" };
	long t0 = oom_now_ms();
	struct oom_proc *p;
	int i;

	for (i = 0; i < 3; i++) {
		if (i)
			old = (struct oom_spec){ .name = young[i - 1],
						 .mib = young_mib };
		p = oom_spawn(&self->t, old);
		ASSERT_NE(NULL, p);
		f->all[i] = p->pid;
		if (!i)
			age(p, t0);
	}
	EXPECT_GT(oom_read_score(f->all[1]), oom_read_score(f->all[0]));
	ASSERT_EQ(0, oom_global());
	EXPECT_EQ(1, oom_wait_dead(f->all, 3, 1, 20000));
	f->dead = one_of(f->all[1], f->all[2]);
	ASSERT_NE(0, f->dead);
	f->survivor = f->dead == f->all[1] ? f->all[2] : f->all[1];
	EXPECT_TRUE(oom_pid_alive(f->all[0]));
	EXPECT_TRUE(logged(&self->t, "oom-badness: selected %d (young", f->dead));
}

/* Its protection switched off, the old one outscores the survivor and dies. */
static void then_the_old_one(struct __test_metadata *_metadata,
			     struct _test_data_oom *self, struct old_and_young *f)
{
	EXPECT_GT(oom_read_score(f->all[0]), oom_read_score(f->survivor));
	ASSERT_EQ(0, oom_global());
	EXPECT_EQ(2, oom_wait_dead(f->all, 3, 2, 20000));
	EXPECT_FALSE(oom_pid_alive(f->all[0]));
	EXPECT_EQ(f->all[0], oom_killed_pid(oom_kmsg_read(&self->t.log), 1));
}

/*
 * The acceptance case: a young, smaller process is chosen over an older,
 * CPU-heavy, larger one under the classic policy; flipping the policy to
 * the footprint makes the next OOM choose the larger one.
 */
TEST_F_TIMEOUT(oom, global_classic_picks_young_hog_then_flip_picks_biggest, OOM_TIMEOUT_LONG)
{
	struct old_and_young f;

	ASSERT_EQ(0, oom_set_sysctl("oom_badness_cputime_unit_ms", OOM_TEST_CPU_UNIT_MS));
	/* 100 MiB / sqrt(>= 16 CPU units) / 4th root(17 s) <= 12.5 MiB */
	kill_a_young_one(_metadata, self, (struct oom_spec){
		.name = "old-busy", .mib = 100, .cpu_ms = 1600 }, 60, &f);
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_policy", 0));
	then_the_old_one(_metadata, self, &f);
}

TEST_F_TIMEOUT(oom, cputime_unit_zero_ignores_cpu_time, OOM_TIMEOUT)
{
	struct oom_proc *busy;

	ASSERT_EQ(0, oom_set_sysctl("oom_badness_cputime_unit_ms", 0));
	busy = START(.name = "busy", .mib = 18, .cpu_ms = 1600);
	START(.name = "idle", .mib = 16);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, busy->pid);
	EXPECT_TRUE(logged(&self->t, "selected %d (busy) policy=classic points=", busy->pid));
	/* the CPU time (1.6 s and more) is shown, but divides nothing */
	EXPECT_TRUE(log_has(&self->t, "s/1 age="));
	EXPECT_FALSE(log_has(&self->t, "cpu=0."));
}

TEST_F_TIMEOUT(oom, runtime_unit_switches_age_protection, OOM_TIMEOUT_LONG)
{
	struct old_and_young f;

	/* 90 MiB / 4th root(17) = 45 MiB < 80 MiB */
	kill_a_young_one(_metadata, self, (struct oom_spec){
		.name = "old", .mib = 90 }, 80, &f);
	/*
	 * Unit 0: age is ignored, the biggest goes.  A new episode, or its
	 * second kill would go to the biggest anyway.
	 */
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_runtime_unit_secs", 0));
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_episode_secs", 10));
	then_the_old_one(_metadata, self, &f);
}

TEST_F_TIMEOUT(oom, root_divisor_one_removes_protection, OOM_TIMEOUT)
{
	struct oom_proc *admin;

	ASSERT_EQ(0, oom_set_sysctl("oom_badness_root_divisor", 1));
	admin = START(.name = "admin", .mib = 100, .creds = OOM_ADMIN);
	START(.name = "user", .mib = 40);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, admin->pid);
	EXPECT_TRUE(logged(&self->t, "selected %d (admin) policy=classic", admin->pid));
	EXPECT_TRUE(log_has(&self->t, "root=1/1 rawio=0/1"));
}

/* CAP_SYS_RAWIO alone is not root: the root divisor does not apply. */
TEST_F_TIMEOUT(oom, rawio_divisor_one_removes_protection, OOM_TIMEOUT)
{
	struct oom_proc *rawio;

	ASSERT_EQ(0, oom_set_sysctl("oom_badness_rawio_divisor", 1));
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_root_divisor", 1024));
	rawio = START(.name = "rawio", .mib = 100, .creds = OOM_RAWIO);
	START(.name = "user", .mib = 40);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, rawio->pid);
	EXPECT_TRUE(log_has(&self->t, "root=0/1 rawio=1/1"));
}

TEST_F_TIMEOUT(oom, footprint_policy_logs_no_explanation, OOM_TIMEOUT)
{
	struct oom_proc *big;

	ASSERT_EQ(0, oom_set_sysctl("oom_badness_policy", 0));
	big = START(.name = "big", .mib = 60);
	START(.name = "small", .mib = 20);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, big->pid);
	EXPECT_EQ(0, oom_count_lines(oom_kmsg_read(&self->t.log), "oom-badness:"));
	EXPECT_EQ(1, oom_count_lines(oom_kmsg_read(&self->t.log), "Out of memory: Killed process"));
}

TEST_F_TIMEOUT(oom, oom_score_follows_the_policy, OOM_TIMEOUT)
{
	struct oom_proc *admin, *user;
	long a, u;

	admin = START(.name = "admin", .mib = 100, .creds = OOM_ROOT);
	user = START(.name = "user", .mib = 100);
	/* root holds CAP_SYS_ADMIN and CAP_SYS_RAWIO: 100 MiB / 16 */
	a = oom_read_score(admin->pid);
	u = oom_read_score(user->pid);
	EXPECT_LT(a, u);
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_policy", 0));
	a = oom_read_score(admin->pid);
	u = oom_read_score(user->pid);
	EXPECT_LE(labs(a - u), 1);
	EXPECT_GT(a, 0);
	EXPECT_LE(a, 2000);
}

/* oom_kill_allocating_task still kills the allocator, whatever the policy. */
TEST_F_TIMEOUT(oom, oom_kill_allocating_task_kills_the_allocator, OOM_TIMEOUT_LONG)
{
	struct oom_proc *idle;
	long memtotal;
	pid_t hog;
	int status;

	memtotal = oom_read_key("/proc/meminfo", "MemTotal") >> 10;
	ASSERT_GT(memtotal, 256);
	ASSERT_EQ(0, oom_set_sysctl("oom_kill_allocating_task", 1));
	idle = START(.name = "idle-big", .mib = memtotal * 6 / 10);
	hog = fork();
	ASSERT_GE(hog, 0);
	if (hog == 0) {
		oom_set_name("allocator");
		oom_set_adj(0);
		oom_touch_mib(memtotal);
		_exit(0);
	}
	ASSERT_EQ(hog, waitpid(hog, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	EXPECT_TRUE(oom_pid_alive(idle->pid));
	EXPECT_TRUE(log_has(&self->t,
			    "Out of memory (oom_kill_allocating_task): Killed process"));
}

TEST_HARNESS_MAIN
