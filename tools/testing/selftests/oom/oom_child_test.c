// SPDX-License-Identifier: GPL-2.0
/*
 * The child-before-parent rule of the classic policy, its guard and OOM
 * episodes, as the kernel explains them in its log.  Who dies in which
 * family shape, under both policies and on vanilla, is oom_scenarios_test;
 * this file checks the decisions' details: the log lines, the counts, the
 * guard and episode windows, memory.oom.group, and the children's share.
 */
#include "oom_fixture.h"

static bool logged_pid(struct oom_test *t, const char *fmt, pid_t a,
		       pid_t b)
{
	char needle[200];

	snprintf(needle, sizeof(needle), fmt, a, b);
	return log_has(t, needle);
}

/* The selected line's children= field, in kB, or -1. */
static long selected_children_kb(struct oom_test *t, pid_t pid)
{
	const char *p = selected_field(t, pid, " children=");

	return p ? strtol(p, NULL, 10) : -1;
}

/*
 * @kb is what the kernel counted for @mib MiB touched by @n processes: the
 * pages themselves, plus at most 2 MiB each of page tables, stack and data.
 */
#define EXPECT_MIB_KB(mib, n, kb) do {					\
	long __kb = (kb), __mib = (mib);				\
	EXPECT_GE(__kb, __mib << 10);					\
	EXPECT_LE(__kb, (__mib + 2 * (n)) << 10);			\
} while (0)

/* A 100 MiB parent with one child of @child_mib MiB, and a global OOM. */
static struct oom_proc *one_child_oom(struct __test_metadata *_metadata,
				      struct _test_data_oom *self,
				      const char *name, int child_mib)
{
	struct oom_proc *p;

	p = START(.name = name, .mib = 100, .nchildren = 1,
		  .child_mib = child_mib);
	ASSERT_EQ(0, oom_global());
	return p;
}

/* A supervisor loses a worker half its size and survives, in one kill. */
TEST_F_TIMEOUT(oom, memcg_big_child_is_sacrificed_and_supervisor_survives,
	       OOM_TIMEOUT)
{
	const char *cg = CGROUP("oomt-sup");
	struct oom_proc *sup;

	sup = START(.name = "supervisor", .mib = 100, .cgroup = cg,
		    .nchildren = 1, .child_mib = 50);
	ASSERT_EQ(1, oom_cg_squeeze(cg, 30));
	EXPECT_DEAD(1, sup->children[0]);
	EXPECT_EQ(1, oom_cg_key(cg, "memory.events", "oom_kill"));
	EXPECT_TRUE(logged_pid(&self->t, "oom-badness: sacrificing child %d (supervisor-c0)",
			       sup->children[0], 0));
	EXPECT_EQ(sup->children[0], oom_killed_pid(oom_kmsg_read(&self->t.log), 0));
	/* the child's own score, 50 MiB at adj 0, is the share's base */
	EXPECT_MIB_KB(50, 1, selected_children_kb(&self->t, sup->pid));
}

TEST_F_TIMEOUT(oom, global_big_child_is_sacrificed, OOM_TIMEOUT)
{
	struct oom_proc *sup;

	sup = one_child_oom(_metadata, self, "supervisor", 50);
	EXPECT_DEAD(1, sup->children[0]);
	EXPECT_TRUE(logged_pid(&self->t, "for parent %d (supervisor)", sup->pid, 0));
	/* the summary line names the task that is really killed */
	EXPECT_TRUE(logged_pid(&self->t, "task=supervisor-c0,pid=%d,", sup->children[0], 0));
	EXPECT_TRUE(log_has(&self->t, "freeable="));
}

/* A parent of 160 MiB with twenty 1 MiB children dies at the first kill. */
TEST_F_TIMEOUT(oom, memcg_tiny_children_are_ignored_and_one_kill_is_enough,
	       OOM_TIMEOUT)
{
	const char *cg = CGROUP("oomt-tiny");
	struct oom_proc *parent;
	int i;

	parent = START(.name = "parent", .mib = 160, .cgroup = cg,
		       .nchildren = 20, .child_mib = 1, .zombies = 2);
	ASSERT_EQ(20, parent->nchildren);
	ASSERT_EQ(1, oom_cg_squeeze(cg, 20));
	EXPECT_DEAD(1, parent->pid);
	EXPECT_EQ(1, oom_cg_key(cg, "memory.events", "oom_kill"));
	for (i = 0; i < parent->nchildren; i++)
		EXPECT_TRUE(oom_pid_alive(parent->children[i]));
	/* the two zombies have no memory: not considered */
	EXPECT_TRUE(log_has(&self->t,
			    "sacrificed: 20 children considered, 20 eligible ones below 10%"));
	EXPECT_EQ(1, oom_count_lines(oom_kmsg_read(&self->t.log), "Killed process"));
}

/*
 * A parent of three children, 20, 25 and 15 MiB: the first OOM takes the
 * 25 MiB child, the second the parent, whose kill frees more than any
 * child's (by the guard or by the episode).  Returns the parent; *@first
 * is the child the first OOM killed.
 */
static struct oom_proc *child_then_parent(struct __test_metadata *_metadata,
					  struct _test_data_oom *self,
					  pid_t *first)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = 3,
		       .child_mibs = { 20, 25, 15 });
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, parent->children[1]);
	*first = parent->children[1];

	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(2, *first, parent->pid);
	return parent;
}

/*
 * No episodes: at the second selection the guard fires, and the parent,
 * whose kill frees more than its biggest child's, dies itself.
 */
TEST_F_TIMEOUT(oom, guard_kills_a_parent_that_frees_more, OOM_TIMEOUT)
{
	struct oom_proc *parent;
	pid_t first;

	ASSERT_EQ(0, oom_set_sysctl("oom_badness_episode_secs", 0));
	parent = child_then_parent(_metadata, self, &first);
	EXPECT_TRUE(logged_pid(&self->t,
			       "killing parent %d (parent) itself: its child %d was",
			       parent->pid, first));
	EXPECT_EQ(parent->pid, oom_killed_pid(oom_kmsg_read(&self->t.log), 1));
}

/*
 * A pre-fork master of 20 MiB and its 60 MiB workers: the guard fires at
 * the second selection, but a worker frees more than the master, so a
 * worker dies again and the master lives.
 */
TEST_F_TIMEOUT(oom, guard_spares_a_parent_that_frees_less, OOM_TIMEOUT)
{
	struct oom_proc *master;
	pid_t w[4];
	int i, dead = 0;

	ASSERT_EQ(0, oom_set_sysctl("oom_badness_episode_secs", 0));
	master = START(.name = "master", .mib = 20, .nchildren = 4,
		       .child_mib = 60);
	for (i = 0; i < 4; i++)
		w[i] = master->children[i];
	ASSERT_EQ(0, oom_global());
	oom_wait_dead(w, 4, 1, 20000);
	oom_msleep(1000);
	ASSERT_EQ(0, oom_global());
	EXPECT_EQ(2, oom_wait_dead(w, 4, 2, 20000));
	for (i = 0; i < 4; i++)
		dead += !oom_pid_alive(w[i]);
	EXPECT_EQ(2, dead);
	EXPECT_TRUE(oom_pid_alive(master->pid));
	EXPECT_TRUE(log_has(&self->t, "but the parent's kill frees less than this child's"));
	EXPECT_NOT_LOGGED("killing parent");
}

/*
 * Episodes: the second kill of one ranks by what a kill frees, ahead of the
 * guard, and says which kill came first.
 */
TEST_F_TIMEOUT(oom, second_kill_of_an_episode_ranks_by_frees, OOM_TIMEOUT)
{
	struct oom_proc *parent;
	pid_t first;

	parent = child_then_parent(_metadata, self, &first);
	EXPECT_TRUE(logged_pid(&self->t, "kill 2 of an OOM episode: %d (parent-c1) was killed",
			       first, 0));
	EXPECT_TRUE(logged_pid(&self->t, "selected %d (parent) policy=classic order=freeable",
			       parent->pid, 0));
	EXPECT_NOT_LOGGED("killing parent");
}

/* Writing the window ends the episode at once: the next kill is a first. */
TEST_F_TIMEOUT(oom, writing_the_episode_window_ends_the_episode, OOM_TIMEOUT)
{
	struct oom_proc *a, *b;

	a = START(.name = "first", .mib = 60);
	b = START(.name = "second", .mib = 40);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, a->pid);
	ASSERT_EQ(0, oom_set_sysctl("oom_badness_episode_secs", 10));
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(2, a->pid, b->pid);
	EXPECT_NOT_LOGGED("of an OOM episode");
}

TEST_F_TIMEOUT(oom, guard_window_expires, OOM_TIMEOUT)
{
	struct oom_proc *parent;

	ASSERT_EQ(0, oom_set_sysctl("oom_badness_episode_secs", 0));
	ASSERT_EQ(0, oom_set_sysctl("oom_child_guard_secs", 1));
	parent = START(.name = "parent", .mib = 100, .nchildren = 2,
		       .child_mibs = { 30, 20 });
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, parent->children[0]);
	oom_msleep(2500);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(2, parent->children[0], parent->children[1]);
	EXPECT_NOT_LOGGED("itself");
}

/*
 * A parent whose children may not die for it, because of their
 * oom_score_adj: the parent dies alone, and they add nothing to its share.
 */
static void parent_dies_alone(struct __test_metadata *_metadata,
			      struct _test_data_oom *self, int nchildren,
			      int child_mib, int child_adj)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = nchildren,
		       .child_mib = child_mib, .child_adj = child_adj);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, parent->pid);
	EXPECT_NOT_LOGGED("sacrificing");
	EXPECT_EQ(0, selected_children_kb(&self->t, parent->pid));
}

/* -1000 children are never eligible */
TEST_F_TIMEOUT(oom, no_eligible_child_means_the_parent_dies, OOM_TIMEOUT)
{
	parent_dies_alone(_metadata, self, 2, 30, -1000);
}

/*
 * A child an administrator protected below its parent's oom_score_adj is
 * never killed for it, and adds only its own score, adj applied, to the
 * parent's share: 0 here.
 */
TEST_F_TIMEOUT(oom, protected_child_is_kept_and_adds_its_own_score, OOM_TIMEOUT)
{
	parent_dies_alone(_metadata, self, 1, 120, -500);
	EXPECT_TRUE(log_has(&self->t, "1 kept for their oom_score_adj or for freeing nothing"));
}

TEST_F_TIMEOUT(oom, clone_vm_child_is_never_chosen, OOM_TIMEOUT)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = 2,
		       .child_clone_vm = true);
	ASSERT_EQ(0, oom_global());
	/*
	 * The clones share the parent's mm: no candidates for a sacrifice,
	 * nothing in the share, and the kill takes all who share the mm.
	 */
	EXPECT_DEAD(3, parent->pid, parent->children[0], parent->children[1]);
	EXPECT_NOT_LOGGED("sacrificing");
	EXPECT_EQ(1, oom_count_lines(oom_kmsg_read(&self->t.log), "Killed process"));
	EXPECT_EQ(0, selected_children_kb(&self->t, parent->pid));
}

/* The share counts the children of every thread. */
TEST_F_TIMEOUT(oom, share_counts_children_of_every_thread, OOM_TIMEOUT)
{
	struct oom_proc *p;

	ASSERT_EQ(0, oom_set_sysctl("oom_prefer_children", 0));
	p = START(.name = "threaded", .mib = 60, .nchildren = 1,
		  .child_mib = 40, .child_from_thread = true);
	START(.name = "lone", .mib = 70);
	/* 60 + 40 / 2 = 80 MiB against 70 */
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->pid);
	EXPECT_MIB_KB(40, 1, selected_children_kb(&self->t, p->pid));
}

/*
 * ...and only children: the grandchildren of a 30 MiB process count for
 * their own parent (20 + 60 / 2 = 50 MiB), not for him (30 + 20 / 2 = 40).
 */
TEST_F_TIMEOUT(oom, share_counts_children_not_grandchildren, OOM_TIMEOUT)
{
	struct oom_proc *q;

	ASSERT_EQ(0, oom_set_sysctl("oom_prefer_children", 0));
	q = START(.name = "grandpa", .mib = 30, .nchildren = 1, .child_mib = 20,
		  .grandchildren = 2, .grand_mib = 30);
	ASSERT_EQ(2, q->ngrand);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, q->children[0]);
	EXPECT_MIB_KB(60, 2, selected_children_kb(&self->t, q->children[0]));
}

/* A child that has children of its own dies alone for its parent. */
TEST_F_TIMEOUT(oom, child_with_children_is_sacrificed_alone, OOM_TIMEOUT)
{
	struct oom_proc *p;

	p = START(.name = "parent", .mib = 100, .nchildren = 1, .child_mib = 40,
		  .grandchildren = 2, .grand_mib = 10);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->children[0]);
	EXPECT_TRUE(logged_pid(&self->t, "sacrificing child %d (parent-c0)",
			       p->children[0], 0));
}

/*
 * A child whose 40 MiB its own children share copy-on-write: its kill frees
 * nothing, so its own score is 0 and it is not sacrificed; the parent dies.
 */
TEST_F_TIMEOUT(oom, child_whose_memory_its_children_share_is_kept, OOM_TIMEOUT)
{
	struct oom_proc *p;

	p = START(.name = "parent", .mib = 100, .nchildren = 1, .child_mib = 40,
		  .grandchildren = 2, .grand_mib = 10, .grand_cow = true);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, p->pid);
	EXPECT_NOT_LOGGED("sacrificing");
	/* what it frees, its stack and page tables, is below 10% of 100 MiB */
	EXPECT_TRUE(log_has(&self->t,
			    "sacrificed: 1 children considered, 1 eligible ones below 10%"));
}

TEST_F_TIMEOUT(oom, memcg_oom_never_kills_a_child_outside_the_memcg, OOM_TIMEOUT)
{
	const char *in = CGROUP("oomt-in");
	const char *out = CGROUP("oomt-out");
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .cgroup = in,
		       .nchildren = 1, .child_mib = 60, .child_cgroup = out);
	ASSERT_EQ(1, oom_cg_squeeze(in, 20));
	EXPECT_DEAD(1, parent->pid);
	EXPECT_EQ(0, oom_cg_key(out, "memory.events", "oom_kill"));
	/* nor counts it: the child is out of this OOM's scope */
	EXPECT_EQ(0, selected_children_kb(&self->t, parent->pid));
}

TEST_F_TIMEOUT(oom, child_min_percent_10_takes_a_15_percent_child, OOM_TIMEOUT)
{
	struct oom_proc *parent;

	parent = one_child_oom(_metadata, self, "parent", 15);
	EXPECT_DEAD(1, parent->children[0]);
}

TEST_F_TIMEOUT(oom, child_min_percent_20_spares_a_15_percent_child, OOM_TIMEOUT)
{
	struct oom_proc *parent;

	ASSERT_EQ(0, oom_set_sysctl("oom_child_min_percent", 20));
	parent = one_child_oom(_metadata, self, "parent", 15);
	EXPECT_DEAD(1, parent->pid);
	EXPECT_TRUE(log_has(&self->t, "1 children considered, 1 eligible ones below 20%"));
}

/*
 * The pick takes the child with the highest classic score, which is not the
 * largest here: the smaller child's oom_score_adj of +100 outweighs 10 MiB.
 */
TEST_F_TIMEOUT(oom, the_child_with_the_highest_score_is_chosen, OOM_TIMEOUT)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = 2,
		       .child_mibs = { 40, 30 }, .child_adjs = { 0, 100 });
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(1, parent->children[1]);
}

TEST_F_TIMEOUT(oom, memory_oom_group_kills_the_whole_group, OOM_TIMEOUT)
{
	const char *cg = CGROUP("oomt-group");
	struct oom_proc *parent;

	ASSERT_EQ(0, oom_cg_write(cg, "memory.oom.group", "1"));
	parent = START(.name = "parent", .mib = 100, .cgroup = cg,
		       .nchildren = 1, .child_mib = 50);
	/* one OOM: the victim, then every member (the victim counts twice) */
	ASSERT_LE(2, oom_cg_squeeze(cg, 20));
	EXPECT_DEAD(2, parent->pid, parent->children[0]);
	EXPECT_TRUE(log_has(&self->t, "are going to be killed due to memory.oom.group set"));
	EXPECT_NOT_LOGGED("sacrificing");
	EXPECT_EQ(1, oom_cg_key(cg, "memory.events", "oom_group_kill"));
}

/*
 * A child sacrificed for its parent lives in a cgroup with memory.oom.group
 * set: the question is asked again for the child, and its whole group goes.
 */
TEST_F_TIMEOUT(oom, sacrificed_child_in_an_oom_group_takes_its_group, OOM_TIMEOUT)
{
	const char *grp = CGROUP("oomt-grp");
	struct oom_proc *parent, *peer;

	ASSERT_EQ(0, oom_cg_write(grp, "memory.oom.group", "1"));
	parent = START(.name = "parent", .mib = 100, .nchildren = 1,
		       .child_mib = 50, .child_cgroup = grp);
	peer = START(.name = "peer", .mib = 5, .cgroup = grp);
	ASSERT_EQ(0, oom_global());
	EXPECT_DEAD(2, parent->children[0], peer->pid);
	EXPECT_TRUE(logged_pid(&self->t, "sacrificing child %d (parent-c0)",
			       parent->children[0], 0));
	EXPECT_TRUE(log_has(&self->t, "are going to be killed due to memory.oom.group set"));
}

TEST_HARNESS_MAIN
