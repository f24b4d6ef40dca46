// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the classic OOM badness policy: the scoring arithmetic,
 * the child-before-parent thresholds and the sysctls.  No task is needed:
 * every case feeds a struct oom_badness_factors to the pure functions.
 *
 *   ./tools/testing/kunit/kunit.py run --kunitconfig=mm/tests
 */

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/jiffies.h>
#include <linux/limits.h>
#include <linux/oom.h>
#include <linux/oom_badness.h>
#include <linux/sysctl.h>
#include <linux/time64.h>

#define TOTAL		BIT(20)		/* 4 GiB in 4 KiB pages */
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
};

static long score(struct oom_badness_factors f,
		  const struct oom_badness_tunables *t, unsigned long total)
{
	return oom_badness_points(&f, t, total);
}

/* What mm/oom_kill.c computed before this policy existed. */
static long stock(unsigned long footprint, long adj, unsigned long total)
{
	long points = footprint;

	adj *= total / 1000;
	points += adj;
	return points;
}

static void oom_badness_footprint_only(struct kunit *test)
{
	struct oom_badness_factors f = { .footprint = 123456 };

	KUNIT_EXPECT_EQ(test, score(f, &classic, TOTAL), 123456);
	f.footprint = 0;
	KUNIT_EXPECT_EQ(test, score(f, &classic, TOTAL), 0);
}

static void oom_badness_children_share(struct kunit *test)
{
	struct oom_badness_tunables t = classic;
	struct oom_badness_factors f = { .footprint = 1000, .children = 1000 };

	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 1500);
	t.children_percent = 0;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 1000);
	t.children_percent = 100;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 2000);
	t.children_percent = 50;
	f.children = 3;		/* 1.5 pages round down */
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 1001);
	oom_badness_points(&f, &t, TOTAL);
	KUNIT_EXPECT_EQ(test, f.children_share, 1UL);
}

static void oom_badness_cputime(struct kunit *test)
{
	struct oom_badness_tunables t = classic;
	struct oom_badness_factors f = { .footprint = 120000 };
	static const struct { u64 units; long div; } cases[] = {
		{ 0, 1 }, { 1, 1 }, { 3, 1 }, { 4, 2 }, { 8, 2 }, { 9, 3 },
		{ 100, 10 }, { 10000, 100 },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		f.cputime_ns = cases[i].units * CPU_UNIT_NS;
		KUNIT_EXPECT_EQ_MSG(test, score(f, &t, TOTAL),
				    120000 / cases[i].div, "%llu units",
				    cases[i].units);
	}
	/* Just below four units is still one. */
	f.cputime_ns = 4 * CPU_UNIT_NS - 1;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 120000);
	/* Unit 0: CPU time is ignored. */
	t.cputime_unit_ms = 0;
	f.cputime_ns = 10000 * CPU_UNIT_NS;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 120000);
	/* A smaller unit protects sooner: 4 s at 1000 ms units is /2. */
	t.cputime_unit_ms = 1000;
	f.cputime_ns = 4ULL * NSEC_PER_SEC;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 60000);
}

static void oom_badness_runtime(struct kunit *test)
{
	struct oom_badness_tunables t = classic;
	struct oom_badness_factors f = { .footprint = 120000 };
	static const struct { u64 units; long div; } cases[] = {
		{ 0, 1 }, { 1, 1 }, { 15, 1 }, { 16, 2 }, { 80, 2 }, { 81, 3 },
		{ 256, 4 }, { 10000, 10 },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		f.age_ns = cases[i].units * AGE_UNIT_NS;
		KUNIT_EXPECT_EQ_MSG(test, score(f, &t, TOTAL),
				    120000 / cases[i].div, "%llu units",
				    cases[i].units);
	}
	t.runtime_unit_secs = 0;
	f.age_ns = 10000 * AGE_UNIT_NS;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 120000);
	t.runtime_unit_secs = 1;
	f.age_ns = 16ULL * NSEC_PER_SEC;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 60000);
}

static void oom_badness_capabilities(struct kunit *test)
{
	struct oom_badness_tunables t = classic;
	struct oom_badness_factors f = { .footprint = 160000 };

	f.root = true;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 40000);
	f.rawio = true;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 10000);
	f.root = false;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 40000);

	/* Divisor 1 removes the protection. */
	t.rawio_divisor = 1;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 160000);
	f.root = true;
	t.root_divisor = 1;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 160000);

	/* The largest divisors. */
	t.root_divisor = 1024;
	t.rawio_divisor = 1024;
	KUNIT_EXPECT_EQ(test, score(f, &t, TOTAL), 0);
	f.footprint = 1UL << 20;
	KUNIT_EXPECT_EQ(test, score(f, &t, 1UL << 21), 1);

	/* Out-of-range values cannot reach here, but stay harmless. */
	t.root_divisor = 0;
	t.rawio_divisor = 5000;
	f.footprint = 1UL << 20;
	KUNIT_EXPECT_EQ(test, score(f, &t, 1UL << 21), (1L << 20) / 1024);
}

static void oom_badness_combined(struct kunit *test)
{
	struct oom_badness_factors f = {
		.footprint	= 1000000,
		.children	= 200000,		/* +100000 */
		.cputime_ns	= 16 * CPU_UNIT_NS,	/* /4 */
		.age_ns		= 81 * AGE_UNIT_NS,	/* /3 */
		.root		= true,			/* /4 */
		.rawio		= true,			/* /4 */
		.adj		= 10,
	};
	unsigned long total = 4000000;

	/* 1100000 / 4 / 3 / 4 / 4 = 5729, then 10 * 4000 for the adj */
	KUNIT_EXPECT_EQ(test, score(f, &classic, total), 5729 + 40000);
	oom_badness_points(&f, &classic, total);
	KUNIT_EXPECT_TRUE(test, f.valid);
	KUNIT_EXPECT_EQ(test, f.policy, (unsigned int)OOM_BADNESS_CLASSIC);
	KUNIT_EXPECT_EQ(test, f.children_share, 100000UL);
	KUNIT_EXPECT_EQ(test, f.cpu_div, 4U);
	KUNIT_EXPECT_EQ(test, f.age_div, 3U);
	KUNIT_EXPECT_EQ(test, f.root_div, 4U);
	KUNIT_EXPECT_EQ(test, f.rawio_div, 4U);
	KUNIT_EXPECT_EQ(test, f.points, 5729L + 40000);
}

/* A young small process loses to an old, CPU-heavy, bigger one. */
static void oom_badness_young_hog_first(struct kunit *test)
{
	struct oom_badness_factors old = {
		.footprint	= 100 << 8,		/* 100 MiB */
		.cputime_ns	= 16 * CPU_UNIT_NS,
		.age_ns		= 16 * AGE_UNIT_NS,
	};
	struct oom_badness_factors young = { .footprint = 60 << 8 };
	struct oom_badness_tunables stock_t = { .policy = OOM_BADNESS_FOOTPRINT };

	KUNIT_EXPECT_GT(test, score(young, &classic, TOTAL),
			score(old, &classic, TOTAL));
	KUNIT_EXPECT_LT(test, score(young, &stock_t, TOTAL),
			score(old, &stock_t, TOTAL));
}

static void oom_badness_adj(struct kunit *test)
{
	struct oom_badness_factors f = { .footprint = 5000 };
	struct oom_badness_tunables t0 = { .policy = OOM_BADNESS_FOOTPRINT };

	f.adj = OOM_SCORE_ADJ_MIN;
	KUNIT_EXPECT_EQ(test, score(f, &classic, TOTAL), LONG_MIN);
	KUNIT_EXPECT_EQ(test, score(f, &t0, TOTAL), LONG_MIN);

	f.adj = OOM_SCORE_ADJ_MAX;
	KUNIT_EXPECT_EQ(test, score(f, &classic, TOTAL),
			5000L + 1000L * (long)(TOTAL / 1000));
	f.adj = -999;
	KUNIT_EXPECT_EQ(test, score(f, &classic, TOTAL),
			5000L - 999L * (long)(TOTAL / 1000));
	/* +1000 beats any footprint the machine can hold. */
	f.adj = OOM_SCORE_ADJ_MAX;
	f.footprint = 0;
	KUNIT_EXPECT_GE(test, score(f, &classic, TOTAL),
			(long)TOTAL - (long)(TOTAL % 1000) - 1000);
}

static void oom_badness_extremes(struct kunit *test)
{
	struct oom_badness_tunables t = classic;
	struct oom_badness_factors f = {
		.footprint	= ULONG_MAX,
		.children	= ULONG_MAX,
		.cputime_ns	= U64_MAX,
		.age_ns		= U64_MAX,
		.root		= true,
		.rawio		= true,
	};
	unsigned long totals[] = { 0, 1, 999, 1000, TOTAL, 1UL << 40,
				   LONG_MAX, ULONG_MAX };
	short adjs[] = { -999, -1, 0, 1, 1000 };
	int i, j;
	long p;

	for (i = 0; i < ARRAY_SIZE(totals); i++) {
		for (j = 0; j < ARRAY_SIZE(adjs); j++) {
			f.adj = adjs[j];
			p = score(f, &t, totals[i]);
			KUNIT_EXPECT_NE(test, p, LONG_MIN);
			if (adjs[j] >= 0)
				KUNIT_EXPECT_GE(test, p, 0L);
		}
	}

	/* No division: the sum saturates and is capped by totalpages. */
	t.cputime_unit_ms = 0;
	t.runtime_unit_secs = 0;
	t.root_divisor = 1;
	t.rawio_divisor = 1;
	f.adj = 0;
	KUNIT_EXPECT_EQ(test, score(f, &t, 1UL << 40), 1L << 40);
	KUNIT_EXPECT_EQ(test, score(f, &t, ULONG_MAX), LONG_MAX / 2);

	/* Largest units with the longest times: divisors stay finite. */
	t = classic;
	t.cputime_unit_ms = 3600000;
	t.runtime_unit_secs = 604800;
	f.footprint = 1UL << 30;
	f.children = 0;
	f.root = false;
	f.rawio = false;
	oom_badness_points(&f, &t, 1UL << 31);
	KUNIT_EXPECT_GT(test, f.cpu_div, 1U);
	KUNIT_EXPECT_GT(test, f.age_div, 1U);
	KUNIT_EXPECT_GT(test, f.points, 0L);
}

static void oom_badness_monotone(struct kunit *test)
{
	struct oom_badness_factors f = {
		.children	= 777,
		.cputime_ns	= 37 * CPU_UNIT_NS,
		.age_ns		= 300 * AGE_UNIT_NS,
		.root		= true,
		.adj		= -300,
	};
	unsigned long fp;
	long prev = LONG_MIN, p;

	for (fp = 0; fp < (1UL << 22); fp = fp * 3 / 2 + 1) {
		f.footprint = fp;
		p = score(f, &classic, TOTAL);
		KUNIT_EXPECT_GE_MSG(test, p, prev, "footprint %lu", fp);
		prev = p;
	}
	for (fp = 0; fp < 5000; fp++) {
		f.footprint = fp;
		p = score(f, &classic, TOTAL);
		if (fp)
			KUNIT_ASSERT_GE_MSG(test, p, prev, "footprint %lu", fp);
		prev = p;
	}
}

static void oom_badness_policy0_is_stock(struct kunit *test)
{
	struct oom_badness_tunables t0 = classic;
	unsigned long fps[] = { 0, 1, 17, 4096, 262143, 1UL << 30 };
	unsigned long totals[] = { 1, 999, 1000, 1001, 262144, 6291456,
				   1UL << 36 };
	short adjs[] = { -999, -500, -1, 0, 1, 333, 1000 };
	struct oom_badness_factors f;
	int i, j, k;
	long p;

	t0.policy = OOM_BADNESS_FOOTPRINT;
	for (i = 0; i < ARRAY_SIZE(fps); i++)
		for (j = 0; j < ARRAY_SIZE(totals); j++)
			for (k = 0; k < ARRAY_SIZE(adjs); k++) {
				f = (struct oom_badness_factors) {
					/* must all be ignored */
					.footprint	= fps[i],
					.children	= 1UL << 20,
					.cputime_ns	= 100 * CPU_UNIT_NS,
					.age_ns		= 100 * AGE_UNIT_NS,
					.root		= true,
					.rawio		= true,
					.adj		= adjs[k],
				};
				p = oom_badness_points(&f, &t0, totals[j]);
				KUNIT_EXPECT_EQ(test, p,
						stock(fps[i], adjs[k], totals[j]));
				KUNIT_EXPECT_EQ(test, f.cpu_div, 1U);
				KUNIT_EXPECT_EQ(test, f.children_share, 0UL);
			}
}

/* Without children, no factor can lift a score above the upper bound. */
static void oom_badness_upper_bound_holds(struct kunit *test)
{
	unsigned long fps[] = { 0, 1, 100, 262144, 1UL << 40, ULONG_MAX };
	unsigned long totals[] = { 1000, TOTAL, 1UL << 36 };
	short adjs[] = { -999, -1, 0, 500, 1000 };
	struct oom_badness_factors f;
	int i, j, k, d;

	for (i = 0; i < ARRAY_SIZE(fps); i++)
		for (j = 0; j < ARRAY_SIZE(totals); j++)
			for (k = 0; k < ARRAY_SIZE(adjs); k++)
				for (d = 0; d < 4; d++) {
					f = (struct oom_badness_factors) {
						.footprint = fps[i],
						.adj = adjs[k],
						.cputime_ns = d * 9 * CPU_UNIT_NS,
						.age_ns = d * 81 * AGE_UNIT_NS,
						.root = d & 1,
						.rawio = d & 2,
					};
					KUNIT_EXPECT_LE(test,
							oom_badness_points(&f, &classic, totals[j]),
							oom_badness_upper_bound(fps[i], adjs[k],
										totals[j]));
				}
	/* it is tight for a task no factor reduces */
	f = (struct oom_badness_factors){ .footprint = 5000, .adj = 7 };
	KUNIT_EXPECT_EQ(test, oom_badness_points(&f, &classic, TOTAL),
			oom_badness_upper_bound(5000, 7, TOTAL));
}

static void oom_badness_child_threshold(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(1000, 100, 10));
	KUNIT_EXPECT_FALSE(test, oom_child_big_enough(1000, 99, 10));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(1000, 500, 50));
	KUNIT_EXPECT_FALSE(test, oom_child_big_enough(1000, 499, 50));
	/* 0 %: any child; 100 %: at least as big as the parent. */
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(1000, 0, 0));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(1000, 1000, 100));
	KUNIT_EXPECT_FALSE(test, oom_child_big_enough(1000, 999, 100));
	/* The acceptance case: 1 MiB children of a 160 MiB parent. */
	KUNIT_EXPECT_FALSE(test, oom_child_big_enough(160 << 8, 1 << 8, 10));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(100 << 8, 50 << 8, 10));
	/* No overflow at the extremes. */
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(ULONG_MAX, ULONG_MAX, 100));
	KUNIT_EXPECT_FALSE(test, oom_child_big_enough(ULONG_MAX, 1, 10));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(1, ULONG_MAX, 100));
	KUNIT_EXPECT_TRUE(test, oom_child_big_enough(0, 0, 100));
}

static void oom_badness_child_guard(struct kunit *test)
{
	u64 stamp = 5000000;

	KUNIT_EXPECT_FALSE(test, oom_child_guard_active(0, stamp, 60));
	KUNIT_EXPECT_TRUE(test, oom_child_guard_active(stamp, stamp, 60));
	KUNIT_EXPECT_TRUE(test, oom_child_guard_active(stamp, stamp + 60 * HZ, 60));
	KUNIT_EXPECT_FALSE(test, oom_child_guard_active(stamp, stamp + 60 * HZ + 1, 60));
	KUNIT_EXPECT_TRUE(test, oom_child_guard_active(stamp, stamp + HZ, 1));
	KUNIT_EXPECT_FALSE(test, oom_child_guard_active(stamp, stamp + 2 * HZ, 1));
	KUNIT_EXPECT_TRUE(test, oom_child_guard_active(stamp, stamp + 86400ULL * HZ, 86400));
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

static void oom_badness_sysctl_table(struct kunit *test)
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

static void oom_badness_sysctl_bounds(struct kunit *test)
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

static struct kunit_case oom_badness_cases[] = {
	KUNIT_CASE(oom_badness_footprint_only),
	KUNIT_CASE(oom_badness_children_share),
	KUNIT_CASE(oom_badness_cputime),
	KUNIT_CASE(oom_badness_runtime),
	KUNIT_CASE(oom_badness_capabilities),
	KUNIT_CASE(oom_badness_combined),
	KUNIT_CASE(oom_badness_young_hog_first),
	KUNIT_CASE(oom_badness_adj),
	KUNIT_CASE(oom_badness_extremes),
	KUNIT_CASE(oom_badness_monotone),
	KUNIT_CASE(oom_badness_policy0_is_stock),
	KUNIT_CASE(oom_badness_upper_bound_holds),
	KUNIT_CASE(oom_badness_child_threshold),
	KUNIT_CASE(oom_badness_child_guard),
#ifdef CONFIG_SYSCTL
	KUNIT_CASE(oom_badness_sysctl_table),
	KUNIT_CASE(oom_badness_sysctl_bounds),
#endif
	{}
};

static struct kunit_suite oom_badness_suite = {
	.name = "oom_badness",
	.test_cases = oom_badness_cases,
};

kunit_test_suite(oom_badness_suite);

MODULE_DESCRIPTION("KUnit tests for the classic OOM badness policy");
MODULE_LICENSE("GPL");
