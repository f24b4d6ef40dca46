// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the classic OOM badness policy: the scoring arithmetic,
 * the family, guard and episode rules and the sysctls.  No task is needed:
 * every case feeds numbers to the pure functions of mm/oom_badness.h, and
 * every expected value is worked out by hand in the comment next to it.
 *
 *   ./tools/testing/kunit/kunit.py run --kunitconfig=mm/tests
 */

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/jiffies.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/oom.h>
#include <linux/sysctl.h>
#include <linux/time64.h>

#include "../oom_badness.h"

#define TOTAL		BIT(20)		/* 4 GiB in 4 KiB pages */
#define MIB		256UL		/* pages */
#define CPU_UNIT_NS	(8192ULL * NSEC_PER_MSEC)
#define AGE_UNIT_NS	(1024ULL * NSEC_PER_SEC)

static const struct oom_badness_tunables classic = {
	.policy			= OOM_BADNESS_CLASSIC,
	.cputime_unit_ms	= 8192,
	.runtime_unit_secs	= 1024,
	.root_divisor		= 4,
	.rawio_divisor		= 4,
	.children_percent	= 50,
	.prefer_children	= 1,
	.child_min_percent	= 10,
	.child_guard_secs	= 60,
	.walk_budget		= 1U << 20,
	.episode_secs		= 10,
};

static long score(struct oom_badness_input in,
		  const struct oom_badness_tunables *t, unsigned long total)
{
	return oom_badness_points(&in, t, total, NULL);
}

static void oom_badness_test_percent(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, oom_percent_of(1000, 50), 500UL);
	KUNIT_EXPECT_EQ(test, oom_percent_of(3, 50), 1UL);	/* 1.5 */
	KUNIT_EXPECT_EQ(test, oom_percent_of(199, 1), 1UL);	/* 1.99 */
	KUNIT_EXPECT_EQ(test, oom_percent_of(12345, 0), 0UL);
	KUNIT_EXPECT_EQ(test, oom_percent_of(12345, 100), 12345UL);
	KUNIT_EXPECT_EQ(test, oom_percent_of(12345, 250), 12345UL);
	/* ULONG_MAX * 99 / 100, without overflowing on the way */
	KUNIT_EXPECT_EQ(test, oom_percent_of(ULONG_MAX, 99),
			ULONG_MAX / 100 * 99 + ULONG_MAX % 100 * 99 / 100);
}

static void oom_badness_test_cpu_divisor(struct kunit *test)
{
	static const struct { u64 units; unsigned int div; } cases[] = {
		{ 0, 1 }, { 1, 1 }, { 3, 1 }, { 4, 2 }, { 8, 2 }, { 9, 3 },
		{ 15, 3 }, { 16, 4 }, { 100, 10 }, { 10000, 100 },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, oom_cpu_divisor(cases[i].units *
							  CPU_UNIT_NS, 8192),
				    cases[i].div, "%llu units", cases[i].units);
	/* just below four units is one */
	KUNIT_EXPECT_EQ(test, oom_cpu_divisor(4 * CPU_UNIT_NS - 1, 8192), 1U);
	/* unit 0 ignores any CPU time */
	KUNIT_EXPECT_EQ(test, oom_cpu_divisor(U64_MAX, 0), 1U);
	/* 4 s in 1000 ms units: sqrt(4) */
	KUNIT_EXPECT_EQ(test, oom_cpu_divisor(4 * NSEC_PER_SEC, 1000), 2U);
	/* U64_MAX ns in 1 ms units: sqrt(18446744073709) = 4294967 */
	KUNIT_EXPECT_EQ(test, oom_cpu_divisor(U64_MAX, 1), 4294967U);
}

static void oom_badness_test_age_divisor(struct kunit *test)
{
	static const struct { u64 units; unsigned int div; } cases[] = {
		{ 0, 1 }, { 15, 1 }, { 16, 2 }, { 80, 2 }, { 81, 3 },
		{ 255, 3 }, { 256, 4 }, { 10000, 10 },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, oom_age_divisor(cases[i].units *
							  AGE_UNIT_NS, 1024),
				    cases[i].div, "%llu units", cases[i].units);
	KUNIT_EXPECT_EQ(test, oom_age_divisor(U64_MAX, 0), 1U);
	KUNIT_EXPECT_EQ(test, oom_age_divisor(16ULL * NSEC_PER_SEC, 1), 2U);
}

/* The most CPU time a group can have used, for the thread walk's skip. */
static void oom_badness_test_cpu_upper(struct kunit *test)
{
	const u64 sec = NSEC_PER_SEC, span = 10 * sec + 2 * (u64)TICK_NSEC;

	/* 500 threads on 2 CPUs for 10 s: at most 2 CPUs' worth */
	KUNIT_EXPECT_EQ(test, oom_cpu_upper_ns(sec, 10 * sec, 500, 2),
			sec + 2 * span);
	/* one thread on 64 CPUs: that thread's worth */
	KUNIT_EXPECT_EQ(test, oom_cpu_upper_ns(0, 10 * sec, 1, 64), span);
	KUNIT_EXPECT_EQ(test, oom_cpu_upper_ns(U64_MAX - 1, sec, 1, 1),
			U64_MAX);
	KUNIT_EXPECT_EQ(test, oom_cpu_upper_ns(0, U64_MAX / 2, 4, 4), U64_MAX);
	/* a young group's bound leaves the divisor at 1: no thread walk */
	KUNIT_EXPECT_EQ(test, oom_cpu_divisor(oom_cpu_upper_ns(0, 10 * sec,
							       500, 2),
					      8192), 1U);
}

static void oom_badness_test_frees_only(struct kunit *test)
{
	struct oom_badness_input in = { .frees = 123456 };

	KUNIT_EXPECT_EQ(test, score(in, &classic, TOTAL), 123456L);
	in.frees = 0;
	KUNIT_EXPECT_EQ(test, score(in, &classic, TOTAL), 0L);
}

static void oom_badness_test_children_share(struct kunit *test)
{
	struct oom_badness_tunables t = classic;
	struct oom_badness_input in = { .frees = 1000, .children = 1000 };
	struct oom_badness_breakdown bd;

	KUNIT_EXPECT_EQ(test, score(in, &t, TOTAL), 1500L);	/* + 50% */
	t.children_percent = 0;
	KUNIT_EXPECT_EQ(test, score(in, &t, TOTAL), 1000L);
	t.children_percent = 100;
	KUNIT_EXPECT_EQ(test, score(in, &t, TOTAL), 2000L);
	t.children_percent = 50;
	in.children = 3;					/* 1.5 -> 1 */
	KUNIT_EXPECT_EQ(test, oom_badness_points(&in, &t, TOTAL, &bd), 1001L);
	KUNIT_EXPECT_EQ(test, bd.share, 1UL);
}

/* Each time factor alone: 120,000 pages over its divisor. */
static void oom_badness_test_time_factors(struct kunit *test)
{
	static const struct {
		u64 cputime_ns, age_ns;
		long points;
	} cases[] = {
		{ 16 * CPU_UNIT_NS, 0, 30000 },		/* sqrt(16) = 4 */
		{ 9 * CPU_UNIT_NS, 0, 40000 },		/* sqrt(9) = 3 */
		{ 3 * CPU_UNIT_NS, 0, 120000 },		/* sqrt(3) -> 1 */
		{ 0, 81 * AGE_UNIT_NS, 40000 },		/* 4th root(81) = 3 */
		{ 0, 15 * AGE_UNIT_NS, 120000 },	/* 4th root(15) -> 1 */
	};
	struct oom_badness_input in = { .frees = 120000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		in.cputime_ns = cases[i].cputime_ns;
		in.age_ns = cases[i].age_ns;
		KUNIT_EXPECT_EQ_MSG(test, score(in, &classic, TOTAL),
				    cases[i].points, "case %u", i);
	}
}

static void oom_badness_test_capabilities(struct kunit *test)
{
	struct oom_badness_tunables t = classic;
	struct oom_badness_input in = { .frees = 160000 };

	in.root = true;
	KUNIT_EXPECT_EQ(test, score(in, &t, TOTAL), 40000L);	/* / 4 */
	in.rawio = true;
	KUNIT_EXPECT_EQ(test, score(in, &t, TOTAL), 10000L);	/* / 16 */
	in.root = false;
	KUNIT_EXPECT_EQ(test, score(in, &t, TOTAL), 40000L);
	t.rawio_divisor = 1;
	KUNIT_EXPECT_EQ(test, score(in, &t, TOTAL), 160000L);
	in.root = true;
	t.root_divisor = 1;
	KUNIT_EXPECT_EQ(test, score(in, &t, TOTAL), 160000L);
	/* 2^20 / 1024 / 1024 = 1 */
	t.root_divisor = 1024;
	t.rawio_divisor = 1024;
	in.frees = 1UL << 20;
	KUNIT_EXPECT_EQ(test, score(in, &t, 1UL << 21), 1L);
	/* out of range values cannot be written, and are clamped anyway */
	t.root_divisor = 0;
	t.rawio_divisor = 5000;
	KUNIT_EXPECT_EQ(test, score(in, &t, 1UL << 21), 1024L);
}

static void oom_badness_test_combined(struct kunit *test)
{
	struct oom_badness_input in = {
		.frees		= 1000000,
		.children	= 200000,		/* + 100000 */
		.cputime_ns	= 16 * CPU_UNIT_NS,	/* / 4 */
		.age_ns		= 81 * AGE_UNIT_NS,	/* / 3 */
		.root		= true,			/* / 4 */
		.rawio		= true,			/* / 4 */
		.adj		= 10,
	};
	struct oom_badness_breakdown bd;

	/* 1100000 / 4 = 275000, / 3 = 91666, / 4 = 22916, / 4 = 5729;
	 * + 10 * (4000000 / 1000) = 40000
	 */
	KUNIT_EXPECT_EQ(test, oom_badness_points(&in, &classic, 4000000, &bd),
			45729L);
	KUNIT_EXPECT_EQ(test, bd.points, 45729L);
	KUNIT_EXPECT_EQ(test, bd.share, 100000UL);
	KUNIT_EXPECT_EQ(test, bd.cpu_div, 4U);
	KUNIT_EXPECT_EQ(test, bd.age_div, 3U);
	KUNIT_EXPECT_EQ(test, bd.root_div, 4U);
	KUNIT_EXPECT_EQ(test, bd.rawio_div, 4U);
}

static void oom_badness_test_adj(struct kunit *test)
{
	struct oom_badness_input in = { .frees = 5000 };

	in.adj = OOM_SCORE_ADJ_MIN;
	KUNIT_EXPECT_EQ(test, score(in, &classic, TOTAL), LONG_MIN);
	/* TOTAL / 1000 = 1048 pages per adj point */
	in.adj = OOM_SCORE_ADJ_MAX;
	KUNIT_EXPECT_EQ(test, score(in, &classic, TOTAL), 5000L + 1048000L);
	in.adj = -999;
	KUNIT_EXPECT_EQ(test, score(in, &classic, TOTAL), 5000L - 1046952L);
	in.adj = -1;
	KUNIT_EXPECT_EQ(test, score(in, &classic, TOTAL), 5000L - 1048L);
}

static void oom_badness_test_cap_and_saturation(struct kunit *test)
{
	struct oom_badness_tunables t = classic;
	struct oom_badness_input in = {
		.frees = ULONG_MAX, .children = ULONG_MAX,
	};

	t.cputime_unit_ms = 0;
	t.runtime_unit_secs = 0;
	/* the sum saturates, then is capped at totalpages */
	KUNIT_EXPECT_EQ(test, score(in, &t, 1UL << 40), 1L << 40);
	/* and at LONG_MAX / 2 when totalpages is larger still */
	KUNIT_EXPECT_EQ(test, score(in, &t, ULONG_MAX), LONG_MAX / 2);
	/* +1000 on ULONG_MAX pages: the adj term saturates at LONG_MAX / 2 */
	in.adj = 1000;
	KUNIT_EXPECT_EQ(test, score(in, &t, ULONG_MAX), LONG_MAX - 1);
	/* -999 on ULONG_MAX pages: LONG_MAX / 2 + LONG_MIN / 2 */
	in.adj = -999;
	KUNIT_EXPECT_EQ(test, score(in, &t, ULONG_MAX),
			LONG_MAX / 2 + LONG_MIN / 2);
	/* totalpages 0: capped at 0 */
	in.adj = 0;
	KUNIT_EXPECT_EQ(test, score(in, &t, 0), 0L);
}

static void oom_badness_test_monotone(struct kunit *test)
{
	struct oom_badness_input in = {
		.children	= 777,
		.cputime_ns	= 37 * CPU_UNIT_NS,
		.age_ns		= 300 * AGE_UNIT_NS,
		.root		= true,
		.adj		= -300,
	};
	unsigned long v;
	long prev = LONG_MIN, p;

	for (v = 0; v < (1UL << 22); v = v * 3 / 2 + 1) {
		in.frees = v;
		p = score(in, &classic, TOTAL);
		KUNIT_EXPECT_GE_MSG(test, p, prev, "frees %lu", v);
		prev = p;
	}
	in.frees = 4096;
	prev = LONG_MIN;
	for (v = 0; v < (1UL << 22); v = v * 3 / 2 + 1) {
		in.children = v;
		p = score(in, &classic, TOTAL);
		KUNIT_EXPECT_GE_MSG(test, p, prev, "children %lu", v);
		prev = p;
	}
}

/* The bound never falls below the score it bounds, and is tight. */
static void oom_badness_test_bound(struct kunit *test)
{
	unsigned long frees[] = { 0, 1, 100, 262144, 1UL << 40 };
	unsigned long kids[] = { 0, 7, 300000 };
	unsigned long totals[] = { 1000, TOTAL, 1UL << 36 };
	short adjs[] = { -999, -1, 0, 500, 1000 };
	struct oom_badness_breakdown bd;
	struct oom_badness_input in;
	unsigned int i, n;
	long bound;

	n = ARRAY_SIZE(frees) * ARRAY_SIZE(kids) * ARRAY_SIZE(totals) *
	    ARRAY_SIZE(adjs) * 8;
	for (i = 0; i < n; i++) {
		unsigned int e = i % 8, r = i / 8;
		unsigned long f = frees[r % ARRAY_SIZE(frees)];
		unsigned long total;
		short adj;

		r /= ARRAY_SIZE(frees);
		in = (struct oom_badness_input) {
			.frees = f,
			.children = kids[r % ARRAY_SIZE(kids)],
			.cputime_ns = (e & 3) * 9 * CPU_UNIT_NS,
			.age_ns = (e & 3) * 81 * AGE_UNIT_NS,
			.root = e & 4,
			.rawio = e & 1,
		};
		r /= ARRAY_SIZE(kids);
		total = totals[r % ARRAY_SIZE(totals)];
		r /= ARRAY_SIZE(totals);
		adj = adjs[r % ARRAY_SIZE(adjs)];
		in.adj = adj;
		oom_badness_points(&in, &classic, total, &bd);
		/* with the true CPU and age divisors, caps unknown */
		bound = oom_badness_bound(f, bd.share, bd.cpu_div, bd.age_div,
					  adj, total);
		KUNIT_EXPECT_LE(test, bd.points, bound);
		/* with no divisor at all */
		bound = oom_badness_bound(f, bd.share, 1, 1, adj, total);
		KUNIT_EXPECT_LE(test, bd.points, bound);
	}
	/* tight when nothing divides: 5000 + 7 * 1048 */
	in = (struct oom_badness_input){ .frees = 5000, .adj = 7 };
	KUNIT_EXPECT_EQ(test, oom_badness_bound(5000, 0, 1, 1, 7, TOTAL), 12336L);
	KUNIT_EXPECT_EQ(test, score(in, &classic, TOTAL), 12336L);
	/* (1000 + 500) / 3 / 2 = 250 */
	KUNIT_EXPECT_EQ(test, oom_badness_bound(1000, 500, 3, 2, 0, TOTAL), 250L);
}

/* The walk's short path computes what the checked arithmetic does. */
static void oom_badness_test_quick(struct kunit *test)
{
	unsigned long frees[] = { 0, 1, 100, 262144, 1UL << 40, ULONG_MAX };
	unsigned long totals[] = { 1, 999, 1000, TOTAL, 1UL << 36, OOM_QUICK_MAX };
	short adjs[] = { -999, -500, -1, 0, 1, 500, 1000 };
	unsigned int i, j, k;

	for (i = 0; i < ARRAY_SIZE(frees); i++)
		for (j = 0; j < ARRAY_SIZE(totals); j++)
			for (k = 0; k < ARRAY_SIZE(adjs); k++) {
				unsigned long f = frees[i], t = totals[j];
				unsigned long unit = oom_adj_unit(t);
				long adj_pages = adjs[k] * (long)unit;
				long quick, checked;

				quick = oom_quick_points(f, adj_pages, t);
				checked = oom_points_finish(f, adjs[k], unit, t);
				KUNIT_EXPECT_EQ(test, quick, checked);
				if (f > OOM_QUICK_MAX)
					continue;
				checked = oom_own_score(f, adjs[k], unit);
				KUNIT_EXPECT_EQ(test,
						max(0L, oom_quick_own(f, adj_pages)),
						checked);
			}
}

static void oom_badness_test_own_score(struct kunit *test)
{
	/* 200 MiB at -900 in 1 GiB: 51200 - 900 * 262 < 0 -> 0 */
	KUNIT_EXPECT_EQ(test, oom_child_own_score(200 * MIB, -900, 262144), 0UL);
	/* 100 MiB at -500 in 1 GiB: 25600 - 500 * 262 < 0 -> 0 */
	KUNIT_EXPECT_EQ(test, oom_child_own_score(100 * MIB, -500, 262144), 0UL);
	/* 200 MiB at -100 in 1 GiB: 51200 - 26200 = 25000 */
	KUNIT_EXPECT_EQ(test, oom_child_own_score(200 * MIB, -100, 262144),
			25000UL);
	KUNIT_EXPECT_EQ(test, oom_child_own_score(12345, 0, 262144), 12345UL);
	/* +10 in 1 GiB: + 2620 */
	KUNIT_EXPECT_EQ(test, oom_child_own_score(100, 10, 262144), 2720UL);
	KUNIT_EXPECT_EQ(test, oom_child_own_score(1 << 30, OOM_SCORE_ADJ_MIN,
						  262144), 0UL);
	KUNIT_EXPECT_EQ(test, oom_child_own_score(0, 0, 262144), 0UL);
	/* saturation at both ends */
	KUNIT_EXPECT_EQ(test, oom_child_own_score(ULONG_MAX, 0, ULONG_MAX),
			(unsigned long)LONG_MAX);
	KUNIT_EXPECT_EQ(test, oom_child_own_score(ULONG_MAX, 1000, ULONG_MAX),
			ULONG_MAX);
	KUNIT_EXPECT_EQ(test, oom_child_own_score(ULONG_MAX, -999, ULONG_MAX),
			0UL);
}

static void oom_badness_test_child_rules(struct kunit *test)
{
	/* big enough: 10% of 1000 is 100 */
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(1000, 100, 10));
	KUNIT_EXPECT_FALSE(test, oom_child_big_enough(1000, 99, 10));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(1000, 1000, 100));
	KUNIT_EXPECT_FALSE(test, oom_child_big_enough(1000, 999, 100));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(1000, 0, 0));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(0, 0, 100));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(ULONG_MAX, ULONG_MAX, 100));
	KUNIT_EXPECT_FALSE(test, oom_child_big_enough(ULONG_MAX, 1, 10));
	/* twenty 1 MiB children of a 160 MiB parent: none */
	KUNIT_EXPECT_FALSE(test, oom_child_big_enough(160 * MIB, MIB, 10));

	/* may die for: a positive score and an adj not below the parent's */
	KUNIT_EXPECT_TRUE(test, oom_child_may_die_for(1, 0, 0));
	KUNIT_EXPECT_FALSE(test, oom_child_may_die_for(0, 0, 0));
	KUNIT_EXPECT_FALSE(test, oom_child_may_die_for(51200, -900, 0));
	KUNIT_EXPECT_FALSE(test, oom_child_may_die_for(51200, -1, 0));
	KUNIT_EXPECT_TRUE(test, oom_child_may_die_for(51200, 500, 500));
	KUNIT_EXPECT_FALSE(test, oom_child_may_die_for(51200, 0, 1000));
	KUNIT_EXPECT_TRUE(test, oom_child_may_die_for(51200, 300, -300));

	/* the guard: a master of 20 MiB, a worker of 60 MiB: the worker */
	KUNIT_EXPECT_FALSE(test, oom_guard_kills_parent(20 * MIB, 60 * MIB));
	KUNIT_EXPECT_TRUE(test, oom_guard_kills_parent(100 * MIB, 60 * MIB));
	KUNIT_EXPECT_TRUE(test, oom_guard_kills_parent(60 * MIB, 60 * MIB));
}

static void oom_badness_test_guard_window(struct kunit *test)
{
	u64 stamp = 5000000;

	KUNIT_EXPECT_FALSE(test, oom_child_guard_active(0, stamp, 60));
	KUNIT_EXPECT_TRUE(test, oom_child_guard_active(stamp, stamp, 60));
	KUNIT_EXPECT_TRUE(test, oom_child_guard_active(stamp, stamp + 60 * HZ, 60));
	KUNIT_EXPECT_FALSE(test, oom_child_guard_active(stamp, stamp + 60 * HZ + 1,
							60));
	KUNIT_EXPECT_TRUE(test, oom_child_guard_active(stamp,
						       stamp + 86400ULL * HZ,
						       86400));
}

static void oom_badness_test_episode(struct kunit *test)
{
	u64 last = 7000000;

	/* 10 s window: 10 s later still, 10 s and a jiffy later not */
	KUNIT_EXPECT_TRUE(test, oom_episode_continues(last, 3, last, 3, 10));
	KUNIT_EXPECT_TRUE(test, oom_episode_continues(last, 3, last + 10 * HZ,
						      3, 10));
	KUNIT_EXPECT_FALSE(test, oom_episode_continues(last, 3,
						       last + 10 * HZ + 1, 3,
						       10));
	/* no kill yet, a new epoch, or episodes switched off */
	KUNIT_EXPECT_FALSE(test, oom_episode_continues(0, 3, last, 3, 10));
	KUNIT_EXPECT_FALSE(test, oom_episode_continues(last, 3, last, 4, 10));
	KUNIT_EXPECT_FALSE(test, oom_episode_continues(last, 3, last, 3, 0));
}

static void oom_badness_test_ties(struct kunit *test)
{
	/* strictly higher only: the first of equal candidates stays */
	KUNIT_EXPECT_TRUE(test, oom_badness_beats(1, 0));
	KUNIT_EXPECT_FALSE(test, oom_badness_beats(5, 5));
	KUNIT_EXPECT_FALSE(test, oom_badness_beats(4, 5));
	KUNIT_EXPECT_TRUE(test, oom_badness_beats(LONG_MIN + 1, LONG_MIN));
	KUNIT_EXPECT_FALSE(test, oom_badness_beats(LONG_MIN, LONG_MIN));
}

static void oom_badness_test_walk_limits(struct kunit *test)
{
	/* a thousandth of the memory, at most 64 MiB */
	KUNIT_EXPECT_EQ(test, oom_walk_min_pages(262144), 256UL);
	KUNIT_EXPECT_EQ(test, oom_walk_min_pages(1UL << 30), 16384UL);
	KUNIT_EXPECT_EQ(test, oom_walk_min_pages(1000), 0UL);
	/* partial walks: what was found plus the counters of the rest */
	KUNIT_EXPECT_EQ(test, oom_partial_frees(100, 1000, 5000), 4100UL);
	KUNIT_EXPECT_EQ(test, oom_partial_frees(100, 6000, 5000), 100UL);
	KUNIT_EXPECT_EQ(test, oom_partial_frees(4000, 1000, 5000), 5000UL);
	KUNIT_EXPECT_EQ(test, oom_partial_frees(ULONG_MAX, 0, 5000), 5000UL);
}

/*
 * The shapes of the family rules, as numbers (VM units: 1 GiB, the
 * children's share 50%).  The shell of 5 MiB whose 200 MiB database child
 * sits at -900 adds nothing of it: an 80 MiB hog outranks it.
 */
static void oom_badness_test_family_shapes(struct kunit *test)
{
	struct oom_badness_input shell = { .frees = 5 * MIB };
	struct oom_badness_input hog = { .frees = 80 * MIB };
	struct oom_badness_input master = { .frees = 20 * MIB };
	unsigned long total = 262144;

	shell.children = oom_child_own_score(200 * MIB, -900, total);
	KUNIT_EXPECT_EQ(test, score(shell, &classic, total), 1280L);
	KUNIT_EXPECT_GT(test, score(hog, &classic, total),
			score(shell, &classic, total));

	/* a pre-fork master of 20 MiB with four 60 MiB workers: selected
	 * (20 + 120 MiB), but each worker frees more than the master
	 */
	master.children = 4 * oom_child_own_score(60 * MIB, 0, total);
	KUNIT_EXPECT_EQ(test, score(master, &classic, total), 140 * 256L);
	KUNIT_EXPECT_TRUE(test, oom_child_may_die_for(60 * MIB, 0, 0));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(20 * MIB, 60 * MIB, 10));
	KUNIT_EXPECT_FALSE(test, oom_guard_kills_parent(20 * MIB, 60 * MIB));
}

#ifdef CONFIG_SYSCTL
static const struct {
	const char *name;
	unsigned int def, min, max;
} expected_sysctls[] = {
	{ "oom_badness_policy", IS_ENABLED(CONFIG_OOM_BADNESS_CLASSIC), 0, 1 },
	{ "oom_badness_cputime_unit_ms", 8192, 0, 3600000 },
	{ "oom_badness_runtime_unit_secs", 1024, 0, 604800 },
	{ "oom_badness_root_divisor", 4, 1, 1024 },
	{ "oom_badness_rawio_divisor", 4, 1, 1024 },
	{ "oom_badness_children_percent", 50, 0, 100 },
	{ "oom_prefer_children", 1, 0, 1 },
	{ "oom_child_min_percent", 10, 0, 100 },
	{ "oom_child_guard_secs", 60, 1, 86400 },
	{ "oom_badness_walk_budget", 1U << 20, 0, 1U << 30 },
	{ "oom_badness_episode_secs", 10, 0, 3600 },
};

static int sysctl_write(struct ctl_table *t, const char *s, size_t len,
			loff_t pos)
{
	char buf[64];

	memcpy(buf, s, min(len, sizeof(buf)));
	return t->proc_handler(t, 1, buf, &len, &pos);
}

static int sysctl_write_str(struct ctl_table *t, const char *s)
{
	return sysctl_write(t, s, strlen(s), 0);
}

static void oom_badness_test_sysctl_table(struct kunit *test)
{
	int i;

	KUNIT_ASSERT_EQ(test, oom_badness_nr_sysctls,
			(unsigned int)ARRAY_SIZE(expected_sysctls));
	for (i = 0; i < ARRAY_SIZE(expected_sysctls); i++) {
		const struct ctl_table *t = &oom_badness_sysctls[i];

		KUNIT_EXPECT_STREQ(test, t->procname, expected_sysctls[i].name);
		KUNIT_EXPECT_EQ(test, t->mode, (umode_t)0644);
		KUNIT_EXPECT_EQ(test, *(unsigned int *)t->data,
				expected_sysctls[i].def);
		KUNIT_EXPECT_EQ(test, *(unsigned int *)t->extra1,
				expected_sysctls[i].min);
		KUNIT_EXPECT_EQ(test, *(unsigned int *)t->extra2,
				expected_sysctls[i].max);
	}
}

static void oom_badness_test_sysctl_bounds(struct kunit *test)
{
	static const char * const bad[] = {
		"", "\n", "abc", "-1", "1 2", "1\n2", " 1", "1 ", "0x10", "1.5",
		"18446744073709551616", "4294967296", "99999999999999999999999999",
	};
	char buf[32], big[40];
	unsigned int val;
	size_t len;
	loff_t pos;
	int i, j;

	memset(big, '1', sizeof(big));
	for (i = 0; i < ARRAY_SIZE(expected_sysctls); i++) {
		struct ctl_table t = oom_badness_sysctls[i];
		unsigned int lo = expected_sysctls[i].min;
		unsigned int hi = expected_sysctls[i].max;

		t.data = &val;
		val = expected_sysctls[i].def;

		/* Both bounds are accepted, with or without a newline. */
		snprintf(buf, sizeof(buf), "%u", lo);
		KUNIT_EXPECT_EQ(test, sysctl_write_str(&t, buf), 0);
		KUNIT_EXPECT_EQ(test, val, lo);
		snprintf(buf, sizeof(buf), "%u\n", hi);
		KUNIT_EXPECT_EQ(test, sysctl_write_str(&t, buf), 0);
		KUNIT_EXPECT_EQ(test, val, hi);

		/* Just outside: -EINVAL, value kept. */
		if (lo > 0) {
			snprintf(buf, sizeof(buf), "%u", lo - 1);
			KUNIT_EXPECT_EQ(test, sysctl_write_str(&t, buf), -EINVAL);
			KUNIT_EXPECT_EQ(test, val, hi);
		}
		snprintf(buf, sizeof(buf), "%u", hi + 1);
		KUNIT_EXPECT_EQ(test, sysctl_write_str(&t, buf), -EINVAL);
		KUNIT_EXPECT_EQ(test, val, hi);

		for (j = 0; j < ARRAY_SIZE(bad); j++) {
			KUNIT_EXPECT_EQ_MSG(test, sysctl_write_str(&t, bad[j]),
					    -EINVAL, "%s <- \"%s\"", t.procname,
					    bad[j]);
			KUNIT_EXPECT_EQ(test, val, hi);
		}
		KUNIT_EXPECT_EQ(test, sysctl_write(&t, big, sizeof(big), 0),
				-EINVAL);
		/* A NUL inside the write does not end the number early. */
		KUNIT_EXPECT_EQ(test, sysctl_write(&t, "1\0", 2, 0), -EINVAL);
		KUNIT_EXPECT_EQ(test, sysctl_write(&t, "1\0007", 3, 0), -EINVAL);
		KUNIT_EXPECT_EQ(test, val, hi);
		/* A continued write is not a value of its own. */
		snprintf(buf, sizeof(buf), "%u", lo);
		KUNIT_EXPECT_EQ(test, sysctl_write(&t, buf, strlen(buf), 1),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, val, hi);

		/* Reads print the value and a newline. */
		len = sizeof(buf);
		pos = 0;
		memset(buf, 0, sizeof(buf));
		KUNIT_EXPECT_EQ(test, t.proc_handler(&t, 0, buf, &len, &pos), 0);
		snprintf(big, sizeof(big), "%u\n", hi);
		KUNIT_EXPECT_STREQ(test, buf, big);
		memset(big, '1', sizeof(big));
	}
}
#endif

static struct kunit_case oom_badness_test_cases[] = {
	KUNIT_CASE(oom_badness_test_percent),
	KUNIT_CASE(oom_badness_test_cpu_divisor),
	KUNIT_CASE(oom_badness_test_age_divisor),
	KUNIT_CASE(oom_badness_test_cpu_upper),
	KUNIT_CASE(oom_badness_test_frees_only),
	KUNIT_CASE(oom_badness_test_children_share),
	KUNIT_CASE(oom_badness_test_time_factors),
	KUNIT_CASE(oom_badness_test_capabilities),
	KUNIT_CASE(oom_badness_test_combined),
	KUNIT_CASE(oom_badness_test_adj),
	KUNIT_CASE(oom_badness_test_cap_and_saturation),
	KUNIT_CASE(oom_badness_test_monotone),
	KUNIT_CASE(oom_badness_test_bound),
	KUNIT_CASE(oom_badness_test_quick),
	KUNIT_CASE(oom_badness_test_own_score),
	KUNIT_CASE(oom_badness_test_child_rules),
	KUNIT_CASE(oom_badness_test_guard_window),
	KUNIT_CASE(oom_badness_test_episode),
	KUNIT_CASE(oom_badness_test_ties),
	KUNIT_CASE(oom_badness_test_walk_limits),
	KUNIT_CASE(oom_badness_test_family_shapes),
#ifdef CONFIG_SYSCTL
	KUNIT_CASE(oom_badness_test_sysctl_table),
	KUNIT_CASE(oom_badness_test_sysctl_bounds),
#endif
	{}
};

static struct kunit_suite oom_badness_test_suite = {
	.name = "oom_badness",
	.test_cases = oom_badness_test_cases,
};

kunit_test_suite(oom_badness_test_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for the classic OOM badness policy");
MODULE_LICENSE("GPL");
