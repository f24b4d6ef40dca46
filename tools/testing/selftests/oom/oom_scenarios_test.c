// SPDX-License-Identifier: GPL-2.0
/*
 * Who dies, and how many kills it takes: every scenario of the suite about
 * a victim choice, once, as a table with the expected victims and kills per
 * policy.  The same binary runs on an unpatched kernel, where the stock
 * expectations meet the real stock killer, and on the patched one, under
 * vm.oom_badness_policy=0 and =1.  Each run prints one line
 *
 *   # outcome policy=vanilla|0|1 kills=N dead=role:adj,...
 *
 * after the harness's "RUN scn.NAME.victims_and_kills" line, which
 * tooling/compare-scenarios.py sets side by side: policy 0 must do
 * exactly what vanilla does, and policy 1 may kill what vanilla spares, or
 * kill more often, only in the scenarios the admin guide lists as classic
 * wins, with their reasons.
 *
 * An episode is driven to its end: memcg scenarios squeeze the cgroup
 * until NEED MiB are back (memory.max, one kill at a time), global ones
 * trigger sysrq-f until MemFree grew by NEED MiB; a leaking role makes its
 * own OOMs until it dies.  With two policies, two copies of the processes
 * start together (so they age alike): the copy not under test is hidden
 * at oom_score_adj -1000 (global) or sits in cgroups of its own (memcg).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "oom_util.h"

#define NPROCS		5
#define NCG		4	/* per copy: the OOM's, its "in" and "sub", "out" */
/* 3x the slowest on the debug kernel (shmem_family_5, 67 s), and more */
#define TIMEOUT		300
/*
 * CPU unit of the CPU-time scenarios: a fifth of the CPU time the least
 * busy of the busy roles has, so it has five units (divisor 2) and an idle
 * role, whose faults alone cost a machine-dependent CPU time, fewer than 4.
 */
#define CPU_AUTO	-1

/* What a run holds; the helpers take it rather than the fixture. */
struct scn_state {
	struct oom_proc procs[2][NPROCS];
	int ncopies;
	char cg[2][NCG][256];
	struct oom_kmsg log;
	bool patched;
};

FIXTURE(scn) {
	struct scn_state s;
};

/*
 * Expected outcome under one policy: exactly the roles of @dead die, or,
 * with @dead NULL, @kills kills (-1: any; below -1: at most -@kills), all
 * the roles of @among among the dead, and none of the roles of @spared.
 */
struct expect {
	const char *dead;	/* roles (comm), comma-separated, "" none */
	int kills;
	const char *spared;
	const char *among;
};

FIXTURE_VARIANT(scn) {
	bool memcg;			/* a memcg OOM, else global */
	struct oom_spec procs[NPROCS];	/* .cgroup: "in", "out" or "sub" */
	int nprocs;
	int age_first_ms;		/* procs[0] is this old when the rest start */
	int cpu_unit_ms;		/* 0: CPU time ignored; CPU_AUTO */
	const char *sysctl;		/* one more setting, for policy 1 */
	int value;
	int need_mib;			/* the episode ends when this is back */
	int rounds;			/* episodes, @gap_ms apart */
	int gap_ms;
	int headroom_mib;		/* a leaker's memcg: this above its usage */
	struct expect stock, classic;
};

/* ------------------------------------------------------- the scenarios */

#define P(...) { __VA_ARGS__ }

/* The factors of the classic score, one at a time */
FIXTURE_VARIANT_ADD(scn, age) {
	.procs = { P(.name = "old", .mib = 90), P(.name = "young", .mib = 80) },
	.nprocs = 2, .age_first_ms = 17000, .need_mib = 40,
	.stock = { "old", 1 }, .classic = { "young", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_age) {
	.memcg = true,
	.procs = { P(.name = "old", .mib = 90, .cgroup = "in"),
		   P(.name = "young", .mib = 80, .cgroup = "in") },
	.nprocs = 2, .age_first_ms = 17000, .need_mib = 40,
	.stock = { "old", 1 }, .classic = { "young", 1 },
};

FIXTURE_VARIANT_ADD(scn, cpu_time) {
	/* small: faulting memory in costs CPU time too */
	.procs = { P(.name = "busy", .mib = 18, .cpu_ms = 1600),
		   P(.name = "idle", .mib = 16) },
	.nprocs = 2, .cpu_unit_ms = CPU_AUTO, .need_mib = 8,
	.stock = { "busy", 1 }, .classic = { "idle", 1 },
};

FIXTURE_VARIANT_ADD(scn, cpu_time_of_threads) {
	/* the time is in four live threads, none in the leader */
	.procs = { P(.name = "threads", .mib = 18, .cpu_ms = 500, .threads = 4),
		   P(.name = "idle", .mib = 16) },
	.nprocs = 2, .cpu_unit_ms = CPU_AUTO, .need_mib = 8,
	.stock = { "threads", 1 }, .classic = { "idle", 1 },
};

FIXTURE_VARIANT_ADD(scn, cap_sys_admin) {
	.procs = { P(.name = "admin", .mib = 100, .creds = OOM_ADMIN),
		   P(.name = "user", .mib = 40) },
	.nprocs = 2, .need_mib = 20,
	.stock = { "admin", 1 }, .classic = { "user", 1 },
};

FIXTURE_VARIANT_ADD(scn, cap_sys_resource) {
	.procs = { P(.name = "resource", .mib = 100, .creds = OOM_RESOURCE),
		   P(.name = "user", .mib = 40) },
	.nprocs = 2, .need_mib = 20,
	.stock = { "resource", 1 }, .classic = { "user", 1 },
};

FIXTURE_VARIANT_ADD(scn, cap_sys_rawio) {
	.procs = { P(.name = "rawio", .mib = 100, .creds = OOM_RAWIO),
		   P(.name = "user", .mib = 40) },
	.nprocs = 2, .need_mib = 20,
	.stock = { "rawio", 1 }, .classic = { "user", 1 },
};

FIXTURE_VARIANT_ADD(scn, root_of_a_user_namespace) {
	/* root in a namespace anyone can create protects nothing */
	.procs = { P(.name = "nsroot", .mib = 100, .creds = OOM_USERNS_ROOT),
		   P(.name = "user", .mib = 40) },
	.nprocs = 2, .need_mib = 20,
	.stock = { "nsroot", 1 }, .classic = { "nsroot", 1 },
};

FIXTURE_VARIANT_ADD(scn, adj_minus_1000) {
	.procs = { P(.name = "protected", .mib = 100, .adj = -1000),
		   P(.name = "small", .mib = 10) },
	.nprocs = 2, .need_mib = 5,
	.stock = { "small", 1 }, .classic = { "small", 1 },
};

FIXTURE_VARIANT_ADD(scn, adj_plus_1000) {
	.procs = { P(.name = "big", .mib = 100), P(.name = "doomed", .mib = 10,
						   .adj = 1000) },
	.nprocs = 2, .need_mib = 5,
	.stock = { "doomed", 1 }, .classic = { "doomed", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_kills_inside_only) {
	.memcg = true,
	.procs = { P(.name = "outside", .mib = 150, .cgroup = "out"),
		   P(.name = "inside1", .mib = 70, .cgroup = "in"),
		   P(.name = "inside2", .mib = 50, .cgroup = "in") },
	.nprocs = 3, .need_mib = 10,
	.stock = { "inside1", 1 }, .classic = { "inside1", 1 },
};

/* The children's share and the child-before-parent rule */
FIXTURE_VARIANT_ADD(scn, children_share) {
	/* the lone one first: the parent's share grows after its visit */
	.procs = { P(.name = "lone", .mib = 70),
		   P(.name = "parent", .mib = 50, .nchildren = 2, .child_mib = 30) },
	.nprocs = 2, .need_mib = 20,
	.sysctl = "oom_prefer_children", .value = 0,
	.stock = { "lone", 1 }, .classic = { "parent", 1 },
};

FIXTURE_VARIANT_ADD(scn, children_percent_zero) {
	.procs = { P(.name = "lone", .mib = 70),
		   P(.name = "parent", .mib = 50, .nchildren = 2, .child_mib = 30) },
	.nprocs = 2, .need_mib = 20,
	.sysctl = "oom_badness_children_percent", .value = 0,
	.stock = { "lone", 1 }, .classic = { "lone", 1 },
};

FIXTURE_VARIANT_ADD(scn, big_child_sacrificed) {
	.procs = { P(.name = "sup", .mib = 100, .nchildren = 1, .child_mib = 50) },
	.nprocs = 1, .need_mib = 30,
	.stock = { "sup", 1 }, .classic = { "sup-c0", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_big_child_sacrificed) {
	.memcg = true,
	.procs = { P(.name = "sup", .mib = 100, .cgroup = "in", .nchildren = 1,
		     .child_mib = 50) },
	.nprocs = 1, .need_mib = 30,
	.stock = { "sup", 1 }, .classic = { "sup-c0", 1 },
};

FIXTURE_VARIANT_ADD(scn, child_in_a_descendant_memcg) {
	.memcg = true,
	.procs = { P(.name = "sup", .mib = 100, .cgroup = "in", .nchildren = 1,
		     .child_mib = 50, .child_cgroup = "sub") },
	.nprocs = 1, .need_mib = 30,
	.stock = { "sup", 1 }, .classic = { "sup-c0", 1 },
};

FIXTURE_VARIANT_ADD(scn, tiny_children_ignored) {
	.procs = { P(.name = "spawner", .mib = 160, .nchildren = 20, .child_mib = 1) },
	.nprocs = 1, .need_mib = 40,
	.stock = { "spawner", 1 }, .classic = { "spawner", 1 },
};

FIXTURE_VARIANT_ADD(scn, highest_badness_child) {
	.procs = { P(.name = "parent", .mib = 100, .nchildren = 3,
		     .child_mibs = { 20, 40, 30 }) },
	.nprocs = 1, .need_mib = 10,
	.stock = { "parent", 1 }, .classic = { "parent-c1", 1 },
};

FIXTURE_VARIANT_ADD(scn, raised_child) {
	/* the +100 child outranks its parent in both policies */
	.procs = { P(.name = "parent", .mib = 100, .nchildren = 3,
		     .child_mibs = { 20, 40, 30 }, .child_adjs = { 0, 0, 100 }) },
	.nprocs = 1, .need_mib = 10,
	.stock = { "parent-c2", 1 }, .classic = { "parent-c2", 1 },
};

FIXTURE_VARIANT_ADD(scn, minus_1000_child_skipped) {
	.procs = { P(.name = "parent", .mib = 100, .nchildren = 2,
		     .child_mibs = { 60, 15 }, .child_adjs = { -1000, 0 }) },
	.nprocs = 1, .need_mib = 10,
	.stock = { "parent", 1 }, .classic = { "parent-c1", 1 },
};

FIXTURE_VARIANT_ADD(scn, child_of_a_thread) {
	.procs = { P(.name = "parent", .mib = 100, .nchildren = 1,
		     .child_mib = 50, .child_from_thread = true) },
	.nprocs = 1, .need_mib = 30,
	.stock = { "parent", 1 }, .classic = { "parent-c0", 1 },
};

FIXTURE_VARIANT_ADD(scn, child_below_min_percent) {
	.procs = { P(.name = "sup", .mib = 100, .nchildren = 1, .child_mib = 15) },
	.nprocs = 1, .need_mib = 10,
	.sysctl = "oom_child_min_percent", .value = 20,
	.stock = { "sup", 1 }, .classic = { "sup", 1 },
};

FIXTURE_VARIANT_ADD(scn, prefer_children_off) {
	.procs = { P(.name = "sup", .mib = 100, .nchildren = 1, .child_mib = 50) },
	.nprocs = 1, .need_mib = 30,
	.sysctl = "oom_prefer_children", .value = 0,
	.stock = { "sup", 1 }, .classic = { "sup", 1 },
};

/* Family rules that must never do worse than stock */
FIXTURE_VARIANT_ADD(scn, admin_protected_child) {
	.procs = { P(.name = "shell", .mib = 5, .nchildren = 1, .child_mib = 200,
		     .child_adj = -900),
		   P(.name = "hog", .mib = 80) },
	.nprocs = 2, .need_mib = 40,
	.stock = { "hog", 1 }, .classic = { "hog", 1 },
};

FIXTURE_VARIANT_ADD(scn, admin_protected_child_smaller) {
	.procs = { P(.name = "shell", .mib = 20, .nchildren = 1, .child_mib = 120,
		     .child_adj = -500),
		   P(.name = "hog", .mib = 50) },
	.nprocs = 2, .need_mib = 30,
	.stock = { "hog", 1 }, .classic = { "hog", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_child_in_another_memcg) {
	.memcg = true,
	.procs = { P(.name = "parent", .mib = 10, .cgroup = "in", .nchildren = 1,
		     .child_mib = 150, .child_cgroup = "out"),
		   P(.name = "hog", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 20,
	.stock = { "hog", 1 }, .classic = { "hog", 1 },
};

FIXTURE_VARIANT_ADD(scn, prefork_master) {
	.procs = { P(.name = "master", .mib = 20, .nchildren = 4, .child_mib = 60) },
	.nprocs = 1, .need_mib = 40, .rounds = 2, .gap_ms = 3000,
	.stock = { NULL, 2, "master" }, .classic = { NULL, 2, "master" },
};

FIXTURE_VARIANT_ADD(scn, prefork_master_guard) {
	/* no episodes: the guard decides the second kill */
	.procs = { P(.name = "master", .mib = 20, .nchildren = 4, .child_mib = 60) },
	.nprocs = 1, .need_mib = 40, .rounds = 2, .gap_ms = 3000,
	.sysctl = "oom_badness_episode_secs", .value = 0,
	.stock = { NULL, 2, "master" }, .classic = { NULL, 2, "master" },
};

FIXTURE_VARIANT_ADD(scn, plus_1000_parent) {
	.procs = { P(.name = "parent", .mib = 30, .adj = 1000, .nchildren = 1,
		     .child_mib = 100) },
	.nprocs = 1, .need_mib = 10,
	.stock = { "parent", 1 }, .classic = { "parent", 1 },
};

FIXTURE_VARIANT_ADD(scn, minus_500_child) {
	.procs = { P(.name = "parent", .mib = 100, .nchildren = 1,
		     .child_mib = 120, .child_adj = -500) },
	.nprocs = 1, .need_mib = 30,
	.stock = { "parent", 1 }, .classic = { "parent", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_child_in_a_sibling_memcg) {
	.memcg = true,
	.procs = { P(.name = "parent", .mib = 30, .cgroup = "in", .nchildren = 1,
		     .child_mib = 100, .child_cgroup = "out"),
		   P(.name = "hog", .mib = 50, .cgroup = "in") },
	.nprocs = 2, .need_mib = 20,
	.stock = { "hog", 1 }, .classic = { "hog", 1 },
};

/* The same family rules in a memcg OOM, and other sizes */
FIXTURE_VARIANT_ADD(scn, memcg_admin_protected_child) {
	.memcg = true,
	.procs = { P(.name = "shell", .mib = 8, .cgroup = "in", .nchildren = 1,
		     .child_mib = 150, .child_adj = -900),
		   P(.name = "hog", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 30,
	.stock = { "hog", 1 }, .classic = { "hog", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_prefork_master) {
	.memcg = true,
	.procs = { P(.name = "master", .mib = 16, .cgroup = "in", .nchildren = 3,
		     .child_mib = 50) },
	.nprocs = 1, .need_mib = 30, .rounds = 2, .gap_ms = 3000,
	.stock = { NULL, 2, "master" }, .classic = { NULL, 2, "master" },
};

FIXTURE_VARIANT_ADD(scn, prefork_master_six_workers) {
	.procs = { P(.name = "master", .mib = 12, .nchildren = 6, .child_mib = 35) },
	.nprocs = 1, .need_mib = 25, .rounds = 2, .gap_ms = 3000,
	.stock = { NULL, 2, "master" }, .classic = { NULL, 2, "master" },
};

FIXTURE_VARIANT_ADD(scn, memcg_minus_500_child) {
	.memcg = true,
	.procs = { P(.name = "parent", .mib = 80, .cgroup = "in", .nchildren = 1,
		     .child_mib = 100, .child_adj = -500) },
	.nprocs = 1, .need_mib = 25,
	.stock = { "parent", 1 }, .classic = { "parent", 1 },
};

/* What a kill frees */
#define COW(n)	P(.name = "server", .mib = 150, .share = OOM_COW, .nchildren = (n))

FIXTURE_VARIANT_ADD(scn, cow_family_6) {
	.procs = { COW(6), P(.name = "consumer", .mib = 60) },
	.nprocs = 2, .need_mib = 40,
	.stock = { "server,server-c0,server-c1,server-c2,server-c3,server-c4,server-c5", 7 },
	.classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_cow_family_6) {
	.memcg = true,
	.procs = { P(.name = "server", .mib = 150, .share = OOM_COW, .nchildren = 6,
		     .cgroup = "in"),
		   P(.name = "consumer", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 40,
	.stock = { "server,server-c0,server-c1,server-c2,server-c3,server-c4,server-c5", 7 },
	.classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, cow_family_20) {
	.procs = { COW(20), P(.name = "consumer", .mib = 60) },
	.nprocs = 2, .need_mib = 40,
	.stock = { NULL, 21 },
	.classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, cow_family_50) {
	/*
	 * The walk budget runs out: at most one kill in vain.  Stock kills
	 * members until their page tables and stacks add up to 40 MiB.
	 */
	.procs = { COW(50), P(.name = "consumer", .mib = 60) },
	.nprocs = 2, .need_mib = 40,
	.stock = { NULL, -1 },
	.classic = { NULL, -2, NULL, "consumer" },
};

FIXTURE_VARIANT_ADD(scn, memcg_cow_family_20) {
	.memcg = true,
	.procs = { P(.name = "server", .mib = 150, .share = OOM_COW, .nchildren = 20,
		     .cgroup = "in"),
		   P(.name = "consumer", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 40,
	.stock = { NULL, 21 },
	.classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_cow_family_50) {
	/* as globally: 51 mms of 38,400 entries, about 1.9 times the budget */
	.memcg = true,
	.procs = { P(.name = "server", .mib = 150, .share = OOM_COW, .nchildren = 50,
		     .cgroup = "in"),
		   P(.name = "consumer", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 40,
	.stock = { NULL, -1 },
	.classic = { NULL, -2, NULL, "consumer" },
};

FIXTURE_VARIANT_ADD(scn, cow_family_budget_0) {
	/* no estimate: the counters, as before it existed */
	.procs = { COW(6), P(.name = "consumer", .mib = 60) },
	.nprocs = 2, .need_mib = 40,
	.sysctl = "oom_badness_walk_budget", .value = 0,
	.stock = { "server,server-c0,server-c1,server-c2,server-c3,server-c4,server-c5", 7 },
	.classic = { "server,server-c0,server-c1,server-c2,server-c3,server-c4,server-c5", 7 },
};

FIXTURE_VARIANT_ADD(scn, shmem_family_5) {
	.procs = { P(.name = "db", .mib = 130, .share = OOM_SHMEM, .nchildren = 5),
		   P(.name = "consumer", .mib = 60) },
	.nprocs = 2, .need_mib = 40,
	.stock = { "db,db-c0,db-c1,db-c2,db-c3,db-c4", 6 },
	.classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_shmem_family_5) {
	.memcg = true,
	.procs = { P(.name = "db", .mib = 130, .share = OOM_SHMEM, .nchildren = 5,
		     .cgroup = "in"),
		   P(.name = "consumer", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 40,
	.stock = { "db,db-c0,db-c1,db-c2,db-c3,db-c4", 6 },
	.classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, shmem_family_20) {
	.procs = { P(.name = "db", .mib = 130, .share = OOM_SHMEM, .nchildren = 20),
		   P(.name = "consumer", .mib = 60) },
	.nprocs = 2, .need_mib = 40,
	.stock = { NULL, 21, "consumer" },
	.classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_shmem_family_50) {
	/*
	 * The segment frees nothing while one of 51 maps it; a VMA of a
	 * segment others keep costs one entry, not a walk of its PTEs.
	 */
	.memcg = true,
	.procs = { P(.name = "db", .mib = 130, .share = OOM_SHMEM, .nchildren = 50,
		     .cgroup = "in"),
		   P(.name = "consumer", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 40,
	.stock = { NULL, -1 },
	.classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, cow_parent_with_private_memory) {
	/* the parent's own 100 MiB are its alone: its kill frees the most */
	.procs = { P(.name = "parent", .mib = 80, .share = OOM_COW, .extra_mib = 100,
		     .nchildren = 4),
		   P(.name = "consumer", .mib = 60) },
	.nprocs = 2, .need_mib = 40,
	.stock = { "parent", 1 }, .classic = { "parent", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_cow_parent_with_private_memory) {
	.memcg = true,
	.procs = { P(.name = "parent", .mib = 80, .share = OOM_COW, .extra_mib = 100,
		     .nchildren = 4, .cgroup = "in"),
		   P(.name = "consumer", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 40,
	.stock = { "parent", 1 }, .classic = { "parent", 1 },
};

FIXTURE_VARIANT_ADD(scn, tmpfs_holder) {
	/* the linked file outlives the holder: its kill frees nothing */
	.procs = { P(.name = "holder", .mib = 100, .share = OOM_TMPFS),
		   P(.name = "consumer", .mib = 60) },
	.nprocs = 2, .need_mib = 40,
	.stock = { "holder,consumer", 2 }, .classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, memfd_kept_by_children) {
	.procs = { P(.name = "parent", .mib = 100, .share = OOM_MEMFD,
		     .nchildren = 2),
		   P(.name = "consumer", .mib = 60) },
	.nprocs = 2, .need_mib = 40,
	.stock = { "parent,consumer", 2 }, .classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_tmpfs_holder) {
	/* the file's pages stay charged to the memcg after the holder's death */
	.memcg = true,
	.procs = { P(.name = "holder", .mib = 100, .share = OOM_TMPFS, .cgroup = "in"),
		   P(.name = "consumer", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 40,
	.stock = { "holder,consumer", 2 }, .classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_memfd_kept_by_children) {
	.memcg = true,
	.procs = { P(.name = "parent", .mib = 100, .share = OOM_MEMFD,
		     .nchildren = 2, .cgroup = "in"),
		   P(.name = "consumer", .mib = 60, .cgroup = "in") },
	.nprocs = 2, .need_mib = 40,
	.stock = { "parent,consumer", 2 }, .classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, memcg_pages_charged_elsewhere) {
	/* 80 MiB charged to "out", its owner now in "in" */
	.memcg = true,
	.procs = { P(.name = "mover", .mib = 80, .cgroup = "out",
		     .cgroup_after = "in"),
		   P(.name = "consumer", .mib = 40, .cgroup = "in") },
	.nprocs = 2, .need_mib = 20,
	.stock = { "mover,consumer", 2 }, .classic = { "consumer", 1 },
};

FIXTURE_VARIANT_ADD(scn, old_service_that_leaks) {
	/* 25 units of age (/2), 64 units of CPU (/8): protected once */
	.memcg = true,
	.procs = { P(.name = "leaker", .mib = 40, .cpu_ms = 6400, .leak = true,
		     .cgroup = "in"),
		   P(.name = "app1", .mib = 25, .cgroup = "in"),
		   P(.name = "app2", .mib = 25, .cgroup = "in"),
		   P(.name = "app3", .mib = 25, .cgroup = "in"),
		   P(.name = "app4", .mib = 25, .cgroup = "in") },
	.nprocs = 5, .age_first_ms = 25000, .cpu_unit_ms = OOM_TEST_CPU_UNIT_MS,
	.headroom_mib = 60,
	.stock = { "leaker", 1 }, .classic = { NULL, -2, NULL, "leaker" },
};

/* --------------------------------------------------------- the harness */

FIXTURE_SETUP(scn)
{
	if (getuid() != 0)
		SKIP(return, "must run as root");
	self->s.log.fd = -1;
	self->s.patched = oom_have_sysctl("oom_badness_policy");
	self->s.ncopies = self->s.patched ? 2 : 1;
	oom_journal_cleanup();
	ASSERT_EQ(0, oom_save_sysctls());
	if (self->s.patched)
		ASSERT_EQ(0, oom_test_defaults());
	oom_set_sysctl("oom_dump_tasks", 0);
	ASSERT_EQ(0, oom_write_file("/proc/self/oom_score_adj", "-1000\n"));
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	ASSERT_EQ(0, oom_kmsg_open(&self->s.log));
	oom_pump_log(&self->s.log);
}

FIXTURE_TEARDOWN(scn)
{
	int c, i;

	for (c = 0; c < 2; c++)
		for (i = 0; i < NPROCS; i++)
			oom_stop(&self->s.procs[c][i]);
	for (c = 0; c < 2; c++)
		for (i = NCG - 1; i >= 0; i--)
			if (self->s.cg[c][i][0])
				oom_cg_destroy(self->s.cg[c][i]);
	oom_msleep(50);
	oom_reap_zombies();
	oom_journal_cleanup();
	oom_restore_sysctls();
	oom_kmsg_close(&self->s.log);
}

/*
 * The copy's cgroup for a name of the table.  The OOM's memcg (squeezed,
 * or limited for a leaker) is cg[c][0]; processes cannot live in a cgroup
 * whose controllers its children use, so "in" is a leaf below it, next to
 * "sub"; "out" is a memcg apart.
 */
static const char *cg_of(struct scn_state *st, int c, const char *name)
{
	if (!name)
		return NULL;
	if (!strcmp(name, "in"))
		return st->cg[c][1];
	if (!strcmp(name, "sub"))
		return st->cg[c][2];
	return st->cg[c][3];	/* "out" */
}

static int make_cgroups(struct scn_state *st, int c)
{
	char name[64];
	int i;

	snprintf(name, sizeof(name), "oomt-%d-oom", c);
	if (oom_cg_create(st->cg[c][0], sizeof(st->cg[c][0]), name))
		return -1;
	snprintf(name, sizeof(name), "oomt-%d-out", c);
	if (oom_cg_create(st->cg[c][3], sizeof(st->cg[c][3]), name))
		return -1;
	if (oom_cg_write(st->cg[c][0], "cgroup.subtree_control", "+memory"))
		return -1;
	snprintf(st->cg[c][1], sizeof(st->cg[c][1]), "%s/in", st->cg[c][0]);
	snprintf(st->cg[c][2], sizeof(st->cg[c][2]), "%s/sub", st->cg[c][0]);
	for (i = 1; i <= 2; i++)
		if (mkdir(st->cg[c][i], 0755) && errno != EEXIST)
			return -1;
	return 0;
}

static int copy_pids(struct scn_state *st, int c, int nprocs, pid_t *pids)
{
	int i, j, n = 0;

	for (i = 0; i < nprocs; i++) {
		struct oom_proc *p = &st->procs[c][i];

		pids[n++] = p->pid;
		for (j = 0; j < p->nchildren; j++)
			pids[n++] = p->children[j];
		for (j = 0; j < p->ngrand; j++)
			pids[n++] = p->grand[j];
	}
	return n;
}

/* oom_score_adj of a copy: its own, or -1000 to hide it. */
static int set_copy_adj(struct scn_state *st, int c, int nprocs, bool hide)
{
	char path[64];
	int i, j, err = 0;

	for (i = 0; i < nprocs; i++) {
		struct oom_proc *p = &st->procs[c][i];
		const struct oom_spec *s = &p->spec;

		snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", p->pid);
		if (oom_pid_alive(p->pid))
			err |= oom_write_file(path, "%d\n", hide ? -1000 : s->adj);
		for (j = 0; j < p->nchildren; j++) {
			int adj = s->child_adjs[j] ? s->child_adjs[j] : s->child_adj;

			snprintf(path, sizeof(path), "/proc/%d/oom_score_adj",
				 p->children[j]);
			if (oom_pid_alive(p->children[j]))
				err |= oom_write_file(path, "%d\n", hide ? -1000 : adj);
		}
	}
	return err;
}

static void role_of(pid_t pid, char *comm, size_t size)
{
	char path[64];
	int n;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	n = oom_read_file(path, comm, size);
	if (n <= 0)
		snprintf(comm, size, "?");
	else
		comm[strcspn(comm, "\n")] = '\0';
}

/* Is @role in the comma-separated @list? */
static bool listed(const char *list, const char *role)
{
	size_t n = strlen(role);
	const char *p = list;

	while ((p = strstr(p, role))) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

/* The oom_score_adj the table gives @role. */
static int role_adj(const struct oom_spec *procs, int nprocs, const char *role)
{
	char name[32];
	int i, j;

	for (i = 0; i < nprocs; i++) {
		const struct oom_spec *s = &procs[i];

		if (!strcmp(role, s->name))
			return s->adj;
		for (j = 0; j < s->nchildren; j++) {
			snprintf(name, sizeof(name), "%.10s-c%d", s->name, j);
			if (!strcmp(role, name))
				return s->child_adjs[j] ?: s->child_adj;
		}
	}
	return 0;
}

static int count_roles(const char *list)
{
	int n = 0;

	if (!list || !*list)
		return 0;
	for (n = 1; *list; list++)
		n += *list == ',';
	return n;
}

/* utime + stime of a thread group, in ms. */
static long cpu_ms(pid_t pid)
{
	char buf[1024];
	const char *p = oom_stat_field(pid, 14, buf, sizeof(buf));
	unsigned long ut, st;

	if (!p || sscanf(p, "%lu %lu", &ut, &st) != 2)
		return -1;
	return (ut + st) * 1000 / sysconf(_SC_CLK_TCK);
}

/* The CPU_AUTO unit for copy @c: see CPU_AUTO. */
static long auto_cpu_unit(struct scn_state *st, int c,
			  const struct oom_spec *procs, int nprocs,
			  struct __test_metadata *_metadata)
{
	long busy = -1, idle = 0, ms;
	int i;

	for (i = 0; i < nprocs; i++) {
		ms = cpu_ms(st->procs[c][i].pid);
		if (procs[i].cpu_ms)
			busy = busy < 0 ? ms : (ms < busy ? ms : busy);
		else if (ms > idle)
			idle = ms;
	}
	/* five units: a margin over the four a divisor of 2 needs */
	TH_LOG("CPU time: busy %ld ms, idle %ld ms: unit %ld ms", busy, idle,
	       busy / 5);
	/* the idle one must stay below four units */
	if (busy < 10 || idle >= busy / 5 * 4)
		return -1;
	return busy / 5;
}

/* Leak until the leaker is dead; the kills of its memcg. */
static int leak_episode(struct scn_state *st, int c, int headroom_mib,
			pid_t leaker)
{
	const char *cg = st->cg[c][0];
	long cur = oom_cg_read(cg, "memory.current");
	long k0 = oom_cg_key(cg, "memory.events", "oom_kill");
	long end = oom_now_ms() + 60000;
	char max[32];

	snprintf(max, sizeof(max), "%ld", cur + ((long)headroom_mib << 20));
	if (oom_cg_write(cg, "memory.max", max) || kill(leaker, SIGUSR1))
		return -1;
	while (oom_pid_alive(leaker) && oom_now_ms() < end &&
	       oom_cg_key(cg, "memory.events", "oom_kill") - k0 < 6) {
		oom_reap_zombies();
		oom_msleep(20);
	}
	if (oom_pid_alive(leaker)) {
		fprintf(stderr, "# the leaker was still alive after %d kills\n",
			(int)(oom_cg_key(cg, "memory.events", "oom_kill") - k0));
		kill(leaker, SIGKILL);
	}
	oom_msleep(300);
	oom_reap_zombies();
	return oom_cg_key(cg, "memory.events", "oom_kill") - k0;
}

TEST_F_TIMEOUT(scn, victims_and_kills, TIMEOUT)
{
	pid_t pids[OOM_MAX_PROCS];
	long t0 = oom_now_ms();
	int c, i, r;

	/* start the copies together, the first process first */
	for (c = 0; c < self->s.ncopies; c++)
		if (variant->memcg)
			ASSERT_EQ(0, make_cgroups(&self->s, c));
	for (i = 0; i < variant->nprocs; i++) {
		for (c = 0; c < self->s.ncopies; c++) {
			struct oom_proc *p = &self->s.procs[c][i];

			p->spec = variant->procs[i];
			p->spec.cgroup = variant->memcg ?
				cg_of(&self->s, c, variant->procs[i].cgroup) : NULL;
			p->spec.child_cgroup = variant->memcg ?
				cg_of(&self->s, c, variant->procs[i].child_cgroup) : NULL;
			p->spec.cgroup_after = variant->memcg ?
				cg_of(&self->s, c, variant->procs[i].cgroup_after) : NULL;
			ASSERT_EQ(0, oom_start(p)) TH_LOG("cannot start %s", p->spec.name);
		}
		if (i == 0 && variant->age_first_ms && oom_now_ms() - t0 < variant->age_first_ms)
			oom_msleep(variant->age_first_ms - (oom_now_ms() - t0));
	}

	for (c = 0; c < self->s.ncopies; c++) {
		/* vanilla: the stock killer; else copy 0: policy 0, copy 1: 1 */
		const struct expect *want = c ? &variant->classic : &variant->stock;
		char dead[1024] = "", role[32];
		int n, kills = 0, ndead = 0;
		pid_t leaker = 0;

		n = copy_pids(&self->s, c, variant->nprocs, pids);
		if (self->s.patched) {
			ASSERT_EQ(0, oom_set_sysctl("oom_badness_policy", c));
			long unit = variant->cpu_unit_ms;

			if (unit == CPU_AUTO)
				unit = auto_cpu_unit(&self->s, c, variant->procs,
						     variant->nprocs, _metadata);
			ASSERT_GE(unit, 0) TH_LOG("the idle role used as much CPU as a busy one");
			ASSERT_EQ(0, oom_set_sysctl("oom_badness_cputime_unit_ms", unit));
			/* a write of the window ends the other copy's episode */
			ASSERT_EQ(0, oom_set_sysctl("oom_badness_episode_secs", 10));
			if (c && variant->sysctl)
				ASSERT_EQ(0, oom_set_sysctl(variant->sysctl, variant->value));
		}
		if (!variant->memcg) {
			ASSERT_EQ(0, set_copy_adj(&self->s, !c, variant->nprocs, true));
			ASSERT_EQ(0, set_copy_adj(&self->s, c, variant->nprocs, false));
		}
		oom_kmsg_reset(&self->s.log);
		for (i = 0; i < variant->nprocs; i++)
			if (variant->procs[i].leak)
				leaker = self->s.procs[c][i].pid;

		for (r = 0; r < (variant->rounds ?: 1); r++) {
			if (r)
				oom_msleep(variant->gap_ms);
			if (leaker)
				kills += leak_episode(&self->s, c, variant->headroom_mib, leaker);
			else if (variant->memcg)
				kills += oom_cg_squeeze(self->s.cg[c][0], variant->need_mib);
			else
				kills += oom_global_episode(variant->need_mib, pids, n, 60);
		}
		oom_msleep(300);
		oom_reap_zombies();
		for (i = 0; i < n; i++) {
			if (oom_pid_alive(pids[i]))
				continue;
			ndead++;
		}
		/* roles of the dead, from the kill lines (their comm is gone) */
		for (i = 0; i < n; i++) {
			const char *log = oom_kmsg_read(&self->s.log), *line;
			pid_t k = oom_killed_pid(log, i);
			char needle[32], entry[48];

			if (k <= 0)
				break;
			snprintf(needle, sizeof(needle), "Killed process %d (", k);
			line = strstr(log, needle);
			snprintf(role, sizeof(role), "%.15s", line + strlen(needle));
			role[strcspn(role, ")")] = '\0';
			snprintf(entry, sizeof(entry), "%s:%d", role,
				 role_adj(variant->procs, variant->nprocs, role));
			if (!listed(dead, entry))
				snprintf(dead + strlen(dead), sizeof(dead) - strlen(dead),
					 "%s%s", *dead ? "," : "", entry);
		}
		printf("# outcome policy=%s kills=%d dead=%s\n",
		       self->s.patched ? (c ? "1" : "0") : "vanilla", kills, dead);
		fflush(stdout);

		/* the dead of the kill lines are the dead among our processes */
		EXPECT_EQ(kills, ndead) TH_LOG("kernel log:\n%s",
					       oom_kmsg_read(&self->s.log));
		EXPECT_FALSE(self->s.log.lost);
		if (want->kills >= 0 && want->dead) {
			EXPECT_EQ(want->kills, kills);
		} else if (want->kills < -1) {
			EXPECT_GE(-want->kills, kills) TH_LOG("more than %d kills",
							      -want->kills);
			EXPECT_GE(kills, 1);
		} else if (want->kills > 0) {
			EXPECT_EQ(want->kills, kills);
		}
		for (i = 0; want->spared && i < n; i++) {
			role_of(pids[i], role, sizeof(role));
			EXPECT_FALSE(!oom_pid_alive(pids[i]) && listed(want->spared, role))
				TH_LOG("%s (pid %d) should have survived", role, pids[i]);
		}
		for (const char *p = want->among; p && *p; ) {
			size_t len = strcspn(p, ",");
			char entry[48];

			snprintf(role, sizeof(role), "%.*s", (int)len, p);
			snprintf(entry, sizeof(entry), "%s:%d", role,
				 role_adj(variant->procs, variant->nprocs, role));
			EXPECT_TRUE(listed(dead, entry))
				TH_LOG("%s should be among the dead: %s", role, dead);
			p += len + (p[len] == ',');
		}
		if (want->dead) {
			EXPECT_EQ(count_roles(want->dead), count_roles(dead))
				TH_LOG("expected %s, dead %s", want->dead, dead);
			for (i = 0; i < n; i++) {
				role_of(pids[i], role, sizeof(role));
				if (oom_pid_alive(pids[i]) && listed(want->dead, role))
					TH_LOG("%s (pid %d) survived", role, pids[i]);
			}
			for (const char *p = want->dead; p && *p; ) {
				size_t len = strcspn(p, ",");
				char entry[48];

				snprintf(role, sizeof(role), "%.*s", (int)len, p);
				snprintf(entry, sizeof(entry), "%s:%d", role,
					 role_adj(variant->procs, variant->nprocs, role));
				EXPECT_TRUE(listed(dead, entry))
					TH_LOG("%s should have died: %s\n%s", role, dead,
					       oom_kmsg_read(&self->s.log));
				p += len + (p[len] == ',');
			}
		}
	}
}

TEST_HARNESS_MAIN
