// SPDX-License-Identifier: GPL-2.0
/*
 * Every factor and every child rule under both policies.  Each scenario
 * starts two identical copies of its processes at once (so both have the
 * same age); a global OOM (sysrq-f: one selection over every task, one
 * kill) is forced under vm.oom_badness_policy=0 while the second copy is
 * hidden at oom_score_adj -1000, then under 1 with the first copy hidden.
 * Each copy must lose exactly the victim the scenario names for its policy.
 * The copies stay small: while one is hidden, a real OOM could find
 * nothing to kill.
 */
#include "oom_fixture.h"

#define NPROCS 4

struct victim {
	int proc;	/* index in procs[] */
	int child;	/* -1: the process itself */
};

FIXTURE_VARIANT(oom) {
	struct oom_spec procs[NPROCS];
	int nprocs;
	int age_first_ms;	/* procs[0] is this old when the others start */
	int cpu_unit_ms;	/* 0: CPU time ignored */
	const char *sysctl;	/* one more setting, for both copies */
	int sysctl_value;
	struct victim stock, classic;
};

#define SUP(m, k) { .name = "supervisor", .mib = (m), .nchildren = 1, .child_mib = (k) }

FIXTURE_VARIANT_ADD(oom, age) {
	.procs = { { .name = "old", .mib = 90 }, { .name = "young", .mib = 80 } },
	.nprocs = 2, .age_first_ms = 17000,
	.stock = { 0, -1 }, .classic = { 1, -1 },
};

FIXTURE_VARIANT_ADD(oom, cpu_time) {
	/* small: faulting memory in costs CPU time too (see oom_badness_test) */
	.procs = { { .name = "busy", .mib = 18, .cpu_ms = 1600 },
		   { .name = "idle", .mib = 16 } },
	.nprocs = 2, .cpu_unit_ms = 100,
	.stock = { 0, -1 }, .classic = { 1, -1 },
};

FIXTURE_VARIANT_ADD(oom, root_divisor) {
	.procs = { { .name = "admin", .mib = 100, .creds = OOM_ADMIN },
		   { .name = "user", .mib = 40 } },
	.nprocs = 2,
	.stock = { 0, -1 }, .classic = { 1, -1 },
};

FIXTURE_VARIANT_ADD(oom, rawio_divisor) {
	.procs = { { .name = "rawio", .mib = 100, .creds = OOM_RAWIO },
		   { .name = "user", .mib = 40 } },
	.nprocs = 2,
	.stock = { 0, -1 }, .classic = { 1, -1 },
};

FIXTURE_VARIANT_ADD(oom, children_share) {
	.procs = { { .name = "parent", .mib = 50, .nchildren = 2, .child_mib = 30 },
		   { .name = "lone", .mib = 70 } },
	.nprocs = 2,
	.sysctl = "oom_prefer_children", .sysctl_value = 0,
	.stock = { 1, -1 }, .classic = { 0, -1 },
};

FIXTURE_VARIANT_ADD(oom, adj_minus_1000) {
	.procs = { { .name = "protected", .mib = 100, .adj = -1000 },
		   { .name = "small", .mib = 10 } },
	.nprocs = 2,
	.stock = { 1, -1 }, .classic = { 1, -1 },
};

FIXTURE_VARIANT_ADD(oom, adj_plus_1000) {
	.procs = { { .name = "big", .mib = 100 },
		   { .name = "doomed", .mib = 10, .adj = 1000 } },
	.nprocs = 2,
	.stock = { 1, -1 }, .classic = { 1, -1 },
};

FIXTURE_VARIANT_ADD(oom, big_child_sacrificed) {
	.procs = { SUP(100, 50) },
	.nprocs = 1,
	.stock = { 0, -1 }, .classic = { 0, 0 },
};

FIXTURE_VARIANT_ADD(oom, tiny_children_ignored) {
	.procs = { { .name = "spawner", .mib = 160, .nchildren = 20, .child_mib = 1 } },
	.nprocs = 1,
	.stock = { 0, -1 }, .classic = { 0, -1 },
};

FIXTURE_VARIANT_ADD(oom, highest_badness_child) {
	.procs = { { .name = "parent", .mib = 100, .nchildren = 3,
		     .child_mibs = { 20, 40, 30 } } },
	.nprocs = 1,
	.stock = { 0, -1 }, .classic = { 0, 1 },
};

FIXTURE_VARIANT_ADD(oom, minus_1000_child_skipped) {
	.procs = { { .name = "parent", .mib = 100, .nchildren = 2,
		     .child_mibs = { 60, 15 }, .child_adjs = { -1000, 0 } } },
	.nprocs = 1,
	.stock = { 0, -1 }, .classic = { 0, 1 },
};

FIXTURE_VARIANT_ADD(oom, child_of_a_thread) {
	.procs = { { .name = "parent", .mib = 100, .nchildren = 1,
		     .child_mib = 50, .child_from_thread = true } },
	.nprocs = 1,
	.stock = { 0, -1 }, .classic = { 0, 0 },
};

FIXTURE_VARIANT_ADD(oom, child_below_min_percent) {
	.procs = { SUP(100, 15) },
	.nprocs = 1,
	.sysctl = "oom_child_min_percent", .sysctl_value = 20,
	.stock = { 0, -1 }, .classic = { 0, -1 },
};

FIXTURE_VARIANT_ADD(oom, prefer_children_off) {
	.procs = { SUP(100, 50) },
	.nprocs = 1,
	.sysctl = "oom_prefer_children", .sysctl_value = 0,
	.stock = { 0, -1 }, .classic = { 0, -1 },
};

/* Give a copy its own oom_score_adj values, or hide it at -1000. */
static int set_adj_of(struct oom_proc **copy,
		      const struct _fixture_variant_oom *variant, bool hide)
{
	char path[64];
	int i, j, err = 0;

	/* the dead of the first round stay dead */
	for (i = 0; i < variant->nprocs; i++) {
		const struct oom_spec *s = &copy[i]->spec;

		snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", copy[i]->pid);
		if (pid_alive(copy[i]->pid))
			err |= write_file(path, "%d\n", hide ? -1000 : s->adj);
		for (j = 0; j < copy[i]->nchildren; j++) {
			int adj = s->child_adjs[j] ? s->child_adjs[j] : s->child_adj;

			snprintf(path, sizeof(path), "/proc/%d/oom_score_adj",
				 copy[i]->children[j]);
			if (pid_alive(copy[i]->children[j]))
				err |= write_file(path, "%d\n", hide ? -1000 : adj);
		}
	}
	return err;
}

TEST_F_TIMEOUT(oom, stock_and_classic_victims, 120)
{
	struct oom_proc *copy[2][NPROCS];
	long t0 = now_ms();
	int c, i, j;

	ASSERT_EQ(0, set_sysctl("oom_badness_cputime_unit_ms", variant->cpu_unit_ms));
	if (variant->sysctl)
		ASSERT_EQ(0, set_sysctl(variant->sysctl, variant->sysctl_value));
	for (i = 0; i < variant->nprocs; i++) {
		for (c = 0; c < 2; c++) {
			copy[c][i] = spawn(_metadata, self, variant->procs[i]);
			ASSERT_NE(NULL, copy[c][i]);
		}
		if (i == 0 && variant->age_first_ms)
			msleep(variant->age_first_ms - (now_ms() - t0));
	}

	for (c = 0; c < 2; c++) {
		struct victim v = c ? variant->classic : variant->stock;
		pid_t want, all[OOM_MAX_PROCS];
		int n = 0;

		for (i = 0; i < variant->nprocs; i++) {
			all[n++] = copy[c][i]->pid;
			for (j = 0; j < copy[c][i]->nchildren; j++)
				all[n++] = copy[c][i]->children[j];
		}
		want = v.child < 0 ? copy[c][v.proc]->pid :
				     copy[c][v.proc]->children[v.child];
		ASSERT_EQ(0, set_adj_of(copy[!c], variant, true));
		ASSERT_EQ(0, set_adj_of(copy[c], variant, false));
		ASSERT_EQ(0, set_sysctl("oom_badness_policy", c));
		kmsg_read(&self->log);
		self->log.len = 0;
		self->log.text[0] = '\0';
		ASSERT_EQ(0, global_oom());
		EXPECT_EQ(1, wait_dead(all, n, 1, 20000));
		EXPECT_FALSE(pid_alive(want))
			TH_LOG("policy %d: pid %d should have died\n%s", c,
			       want, kmsg_read(&self->log));
		EXPECT_EQ(want, killed_pid(kmsg_read(&self->log), 0));
	}
	EXPECT_TRUE(pid_alive(1));
}

TEST_HARNESS_MAIN
