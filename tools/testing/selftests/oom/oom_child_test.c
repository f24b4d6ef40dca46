// SPDX-License-Identifier: GPL-2.0
/*
 * The child-before-parent rule of the classic policy and its guard: a big
 * enough child dies for its parent, tiny children are ignored, and a
 * parent selected again soon after a sacrifice dies itself.
 */
#include "oom_fixture.h"

static bool logged(struct _test_data_oom *self, const char *needle)
{
	return log_has(self, needle);
}

static bool logged_pid(struct _test_data_oom *self, const char *fmt, pid_t a,
		       pid_t b)
{
	char needle[160];

	snprintf(needle, sizeof(needle), fmt, a, b);
	return logged(self, needle);
}

/* Acceptance: a supervisor loses a worker half its size and survives. */
TEST_F(oom, memcg_big_child_is_sacrificed_and_supervisor_survives)
{
	const char *cg = CGROUP("oomt-sup");
	struct oom_proc *sup;

	sup = START(.name = "supervisor", .mib = 100, .cgroup = cg,
		    .nchildren = 1, .child_mib = 50);
	/* one kill, and the usage fits again */
	ASSERT_EQ(1, cg_squeeze(cg, 30));
	EXPECT_DEAD(1, sup->children[0]);
	EXPECT_EQ(1, cg_key(cg, "memory.events", "oom_kill"));
	EXPECT_TRUE(logged_pid(self, "oom-badness: sacrificing child %d (supervisor-c0)",
			       sup->children[0], 0));
	EXPECT_EQ(sup->children[0], killed_pid(kmsg_read(&self->log), 0));
}

TEST_F(oom, global_big_child_is_sacrificed)
{
	struct oom_proc *sup;

	sup = START(.name = "supervisor", .mib = 100, .nchildren = 1,
		    .child_mib = 50);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, sup->children[0]);
	EXPECT_TRUE(logged_pid(self, "for parent %d (supervisor)", sup->pid, 0));
	/* the summary line names the task that is really killed */
	EXPECT_TRUE(logged_pid(self, "task=supervisor-c0,pid=%d,", sup->children[0], 0));
}

/*
 * Acceptance: a parent of 160 MiB with twenty 1 MiB children dies at the
 * first OOM kill, and that one kill relieves the pressure.
 */
TEST_F(oom, memcg_tiny_children_are_ignored_and_one_kill_is_enough)
{
	const char *cg = CGROUP("oomt-tiny");
	struct oom_proc *parent;
	int i;

	parent = START(.name = "parent", .mib = 160, .cgroup = cg,
		       .nchildren = 20, .child_mib = 1);
	ASSERT_EQ(20, parent->nchildren);
	ASSERT_EQ(1, cg_squeeze(cg, 20));
	EXPECT_DEAD(1, parent->pid);
	EXPECT_EQ(1, cg_key(cg, "memory.events", "oom_kill"));
	for (i = 0; i < parent->nchildren; i++)
		EXPECT_TRUE(pid_alive(parent->children[i]));
	EXPECT_TRUE(logged(self, "sacrificed: 20 children considered, 20 eligible ones below 10%"));
	EXPECT_EQ(1, count_lines(kmsg_read(&self->log), "Killed process"));
}

TEST_F(oom, global_second_selection_kills_the_parent)
{
	struct oom_proc *parent;
	pid_t first;

	parent = START(.name = "parent", .mib = 100, .nchildren = 3,
		       .child_mibs = { 20, 25, 15 });
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, parent->children[1]);
	first = parent->children[1];

	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(2, first, parent->pid);
	EXPECT_TRUE(logged_pid(self,
			       "killing parent %d (parent) itself: its child %d was",
			       parent->pid, first));
	EXPECT_EQ(parent->pid, killed_pid(kmsg_read(&self->log), 1));
}

TEST_F(oom, guard_window_expires)
{
	struct oom_proc *parent;

	ASSERT_EQ(0, set_sysctl("oom_child_guard_secs", 1));
	parent = START(.name = "parent", .mib = 100, .nchildren = 2,
		       .child_mibs = { 30, 20 });
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, parent->children[0]);
	msleep(2500);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(2, parent->children[0], parent->children[1]);
	EXPECT_FALSE(logged(self, "itself"));
}

TEST_F(oom, no_eligible_child_means_the_parent_dies)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = 2,
		       .child_mib = 30, .child_adj = -1000);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, parent->pid);
	EXPECT_FALSE(logged(self, "sacrificing"));
}

TEST_F(oom, minus_1000_child_is_never_chosen)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = 2,
		       .child_mibs = { 60, 15 }, .child_adjs = { -1000, 0 });
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, parent->children[1]);
	EXPECT_TRUE(pid_alive(parent->children[0]));
}

TEST_F(oom, clone_vm_child_is_never_chosen)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = 2,
		       .child_clone_vm = true);
	ASSERT_EQ(0, global_oom());
	/*
	 * The clones share the parent's mm: they are no candidates for a
	 * sacrifice, and whichever of the three is selected, the kill takes
	 * everything that shares the mm.
	 */
	EXPECT_DEAD(3, parent->pid, parent->children[0], parent->children[1]);
	EXPECT_FALSE(logged(self, "sacrificing"));
	EXPECT_EQ(1, count_lines(kmsg_read(&self->log), "Killed process"));
}

TEST_F(oom, memcg_oom_never_kills_a_child_outside_the_memcg)
{
	const char *in = CGROUP("oomt-in");
	const char *out = CGROUP("oomt-out");
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .cgroup = in,
		       .nchildren = 1, .child_mib = 60, .child_cgroup = out);
	ASSERT_EQ(1, cg_squeeze(in, 20));
	EXPECT_DEAD(1, parent->pid);
	EXPECT_EQ(0, cg_key(out, "memory.events", "oom_kill"));
}

TEST_F(oom, prefer_children_off_kills_the_parent)
{
	struct oom_proc *sup;

	ASSERT_EQ(0, set_sysctl("oom_prefer_children", 0));
	sup = START(.name = "supervisor", .mib = 100, .nchildren = 1,
		    .child_mib = 50);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, sup->pid);
	EXPECT_FALSE(logged(self, "sacrificing"));
}

TEST_F(oom, footprint_policy_kills_the_parent)
{
	struct oom_proc *sup;

	ASSERT_EQ(0, set_sysctl("oom_badness_policy", 0));
	sup = START(.name = "supervisor", .mib = 100, .nchildren = 1,
		    .child_mib = 50);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, sup->pid);
	EXPECT_EQ(0, count_lines(kmsg_read(&self->log), "oom-badness:"));
}

TEST_F(oom, child_min_percent_10_takes_a_15_percent_child)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = 1,
		       .child_mib = 15);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, parent->children[0]);
}

TEST_F(oom, child_min_percent_20_spares_a_15_percent_child)
{
	struct oom_proc *parent;

	ASSERT_EQ(0, set_sysctl("oom_child_min_percent", 20));
	parent = START(.name = "parent", .mib = 100, .nchildren = 1,
		       .child_mib = 15);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, parent->pid);
	EXPECT_TRUE(logged(self, "1 children considered, 1 eligible ones below 20%"));
}

TEST_F(oom, the_child_with_the_highest_badness_is_chosen)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = 3,
		       .child_mibs = { 20, 40, 30 });
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, parent->children[1]);
}

TEST_F(oom, children_of_every_thread_are_considered)
{
	struct oom_proc *parent;

	parent = START(.name = "parent", .mib = 100, .nchildren = 1,
		       .child_mib = 50, .child_from_thread = true);
	ASSERT_EQ(0, global_oom());
	EXPECT_DEAD(1, parent->children[0]);
}

TEST_F(oom, memory_oom_group_kills_the_whole_group)
{
	const char *cg = CGROUP("oomt-group");
	struct oom_proc *parent;

	ASSERT_EQ(0, cg_write(cg, "memory.oom.group", "1"));
	parent = START(.name = "parent", .mib = 100, .cgroup = cg,
		       .nchildren = 1, .child_mib = 50);
	/* one OOM: the victim, then every member (the victim counts twice) */
	ASSERT_LE(2, cg_squeeze(cg, 20));
	EXPECT_DEAD(2, parent->pid, parent->children[0]);
	EXPECT_TRUE(logged(self, "are going to be killed due to memory.oom.group set"));
	EXPECT_FALSE(logged(self, "sacrificing"));
	EXPECT_EQ(1, cg_key(cg, "memory.events", "oom_group_kill"));
}

TEST_HARNESS_MAIN
