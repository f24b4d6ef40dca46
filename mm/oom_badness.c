// SPDX-License-Identifier: GPL-2.0
/*
 * Classic multi-factor OOM badness policy
 *
 * vm.oom_badness_policy chooses how the OOM killer ranks its candidates:
 *
 *  0 (footprint) rss + swap entries + page tables, plus oom_score_adj in
 *                thousandths of the memory the OOM is about.  This is the
 *                score of an unpatched kernel, computed the same way.
 *  1 (classic)   the footprint, plus a share of the footprint of the
 *                children that have their own mm, divided by the square
 *                root of the CPU time and the fourth root of the age (both
 *                counted in tunable units), and by fixed divisors for
 *                processes holding CAP_SYS_ADMIN/CAP_SYS_RESOURCE or
 *                CAP_SYS_RAWIO; then oom_score_adj exactly as above.
 *
 * The scoring is split in two: oom_badness_points() is pure arithmetic on a
 * struct oom_badness_factors and is what the KUnit suite exercises;
 * oom_badness_gather() reads the factors of a live task and documents the
 * lock that protects each of them.
 *
 * The child-before-parent rule of oom_kill_process() is configured here as
 * well, together with the guard that stops a parent from hiding behind its
 * children.  See Documentation/admin-guide/mm/oom_badness.rst.
 */

#define pr_fmt(fmt) "oom-badness: " fmt

#include <linux/capability.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/math.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/oom_badness.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/sched/cputime.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/timekeeping.h>
#include <kunit/visibility.h>

#define OOM_BADNESS_DIVISOR_MAX		1024U
#define OOM_BADNESS_CPUTIME_UNIT_MAX	3600000U	/* one hour, in ms */
#define OOM_BADNESS_RUNTIME_UNIT_MAX	604800U		/* one week, in s */
#define OOM_CHILD_GUARD_MAX		86400U		/* one day, in s */

unsigned int sysctl_oom_badness_policy __read_mostly =
	IS_ENABLED(CONFIG_OOM_BADNESS_CLASSIC) ? OOM_BADNESS_CLASSIC :
						 OOM_BADNESS_FOOTPRINT;
/*
 * The 2.6 kernels counted CPU time in units of 2^(SHIFT_HZ + 3) ticks,
 * which is 8192 ms at HZ=250 and HZ=1000 (10240 ms at HZ=100).  The unit is
 * given in milliseconds here so that it no longer depends on HZ.
 */
static unsigned int sysctl_oom_badness_cputime_unit_ms __read_mostly = 8192;
static unsigned int sysctl_oom_badness_runtime_unit_secs __read_mostly = 1024;
static unsigned int sysctl_oom_badness_root_divisor __read_mostly = 4;
static unsigned int sysctl_oom_badness_rawio_divisor __read_mostly = 4;
static unsigned int sysctl_oom_badness_children_percent __read_mostly = 50;
static unsigned int sysctl_oom_prefer_children __read_mostly = 1;
static unsigned int sysctl_oom_child_min_percent __read_mostly = 10;
static unsigned int sysctl_oom_child_guard_secs __read_mostly = 60;

/**
 * oom_badness_read_tunables - take a snapshot of the policy sysctls
 * @t: filled with the current values
 *
 * Each value is read once, so a score is computed with one set of values
 * even while an administrator writes to the sysctls.
 */
void oom_badness_read_tunables(struct oom_badness_tunables *t)
{
	t->policy = READ_ONCE(sysctl_oom_badness_policy);
	t->cputime_unit_ms = READ_ONCE(sysctl_oom_badness_cputime_unit_ms);
	t->runtime_unit_secs = READ_ONCE(sysctl_oom_badness_runtime_unit_secs);
	t->root_divisor = READ_ONCE(sysctl_oom_badness_root_divisor);
	t->rawio_divisor = READ_ONCE(sysctl_oom_badness_rawio_divisor);
	t->children_percent = READ_ONCE(sysctl_oom_badness_children_percent);
	t->prefer_children = READ_ONCE(sysctl_oom_prefer_children);
	t->child_min_percent = READ_ONCE(sysctl_oom_child_min_percent);
	t->child_guard_secs = READ_ONCE(sysctl_oom_child_guard_secs);
}

/* @value * @percent / 100 without an intermediate overflow, rounded down. */
static unsigned long oom_percent_of(unsigned long value, unsigned int percent)
{
	percent = min(percent, 100U);
	return value / 100 * percent + value % 100 * percent / 100;
}

/*
 * Cap the divided classic points at @totalpages (a process family cannot
 * hold more than the memory there is; only double counting of shared pages
 * gets there) and add oom_score_adj in thousandths of @totalpages, as the
 * stock policy does, saturating instead of overflowing.
 */
static long oom_badness_finish(u64 points, long adj, unsigned long totalpages)
{
	long adj_pages, total;

	points = min3(points, (u64)totalpages, (u64)(LONG_MAX / 2));
	if (check_mul_overflow(adj, (long)min_t(unsigned long,
						totalpages / 1000, LONG_MAX),
			       &adj_pages))
		adj_pages = adj < 0 ? LONG_MIN / 2 : LONG_MAX / 2;
	if (check_add_overflow((long)points, adj_pages, &total))
		total = LONG_MAX;
	/* Never collide with the "not a candidate" value. */
	return max(total, LONG_MIN + 1);
}

/**
 * oom_badness_points - score a candidate from its factors
 * @f: the factors; the result fields are filled in
 * @t: the tunables to score with
 * @totalpages: size of the memory the OOM is about (RAM + swap, the memcg
 *	limit, or the cpuset/mempolicy nodes), in pages
 *
 * With %OOM_BADNESS_FOOTPRINT this is the stock computation, operation for
 * operation.  With %OOM_BADNESS_CLASSIC the footprint plus the children's
 * share is divided by every factor in turn, capped at @totalpages (a
 * process family cannot hold more than the memory there is; only double
 * counting of shared pages gets there), and then oom_score_adj is added as
 * the stock policy does.  The classic result is non-decreasing in
 * @f->footprint when everything else is fixed, and no step overflows.
 *
 * Return: the points, or LONG_MIN when oom_score_adj is -1000.
 */
long oom_badness_points(struct oom_badness_factors *f,
			const struct oom_badness_tunables *t,
			unsigned long totalpages)
{
	unsigned int root_div, rawio_div;
	long adj = f->adj;
	u64 points, units, unit;

	f->valid = true;
	f->policy = t->policy;
	f->children_share = 0;
	f->cpu_div = 1;
	f->age_div = 1;
	f->root_div = 1;
	f->rawio_div = 1;

	if (adj == OOM_SCORE_ADJ_MIN) {
		f->points = LONG_MIN;
		return LONG_MIN;
	}

	if (t->policy != OOM_BADNESS_CLASSIC) {
		f->points = oom_badness_stock(f->footprint, adj, totalpages);
		return f->points;
	}

	f->children_share = oom_percent_of(f->children, t->children_percent);
	if (check_add_overflow((u64)f->footprint, (u64)f->children_share,
			       &points))
		points = U64_MAX;

	/*
	 * Divisions are not free: most candidates have less than four units
	 * of CPU time (divisor 1), and a divisor of 1 divides nothing.
	 */
	unit = (u64)t->cputime_unit_ms * NSEC_PER_MSEC;
	if (unit && f->cputime_ns >= 4 * unit) {
		units = div64_u64(f->cputime_ns, unit);
		f->cpu_div = int_sqrt64(units);
	}
	unit = (u64)t->runtime_unit_secs * NSEC_PER_SEC;
	if (unit && f->age_ns >= 16 * unit) {
		units = div64_u64(f->age_ns, unit);
		f->age_div = int_sqrt64(int_sqrt64(units));
	}
	root_div = clamp(t->root_divisor, 1U, OOM_BADNESS_DIVISOR_MAX);
	rawio_div = clamp(t->rawio_divisor, 1U, OOM_BADNESS_DIVISOR_MAX);
	if (f->root)
		f->root_div = root_div;
	if (f->rawio)
		f->rawio_div = rawio_div;

	/* Successive floor divisions equal one division by the product. */
	if (f->cpu_div > 1)
		points = div_u64(points, f->cpu_div);
	if (f->age_div > 1)
		points = div_u64(points, f->age_div);
	if (f->root_div > 1)
		points = div_u64(points, f->root_div);
	if (f->rawio_div > 1)
		points = div_u64(points, f->rawio_div);
	f->points = oom_badness_finish(points, adj, totalpages);
	return f->points;
}

/**
 * oom_badness_upper_bound - the most a candidate without children can score
 * @footprint: its footprint, in pages
 * @adj: its oom_score_adj, not OOM_SCORE_ADJ_MIN
 * @totalpages: size of the memory the OOM is about, in pages
 *
 * Every classic divisor is at least 1, so without a children's share the
 * classic points never exceed this.  A candidate whose bound is below the
 * best score so far cannot be selected and need not be scored.
 *
 * Return: an upper bound of oom_badness_points() for @footprint and @adj.
 */
long oom_badness_upper_bound(unsigned long footprint, long adj,
			     unsigned long totalpages)
{
	return oom_badness_finish(footprint, adj, totalpages);
}

/* The stock footprint of an mm, as oom_badness() in mm/oom_kill.c counts it. */
static unsigned long oom_mm_footprint(struct mm_struct *mm)
{
	return get_mm_rss(mm) + get_mm_counter(mm, MM_SWAPENTS) +
		mm_pgtables_bytes(mm) / PAGE_SIZE;
}

/*
 * Sum the footprints of the children, forked by any thread of @p's group,
 * that have an mm of their own.  @mm is @p's mm and is only compared.
 *
 * ->children, ->sibling and the thread list are protected by tasklist_lock,
 * which is taken for reading here unless the caller already holds it (a
 * second read_lock of the queued rwlock can deadlock against a waiting
 * writer).  Each child's ->mm is read under its task_lock, the usual
 * tasklist_lock -> task_lock order.
 */
static unsigned long oom_children_footprint(struct task_struct *p,
					    struct mm_struct *mm,
					    unsigned int flags)
{
	struct task_struct *t, *child, *c;
	unsigned long sum = 0;

	if (!(flags & OOM_BADNESS_TASKLIST_HELD))
		read_lock(&tasklist_lock);
	for_each_thread(p, t) {
		list_for_each_entry(child, &t->children, sibling) {
			c = find_lock_task_mm(child);
			if (!c)
				continue;
			if (c->mm != mm &&
			    !test_bit(MMF_OOM_SKIP, &c->mm->flags))
				sum = size_add(sum, oom_mm_footprint(c->mm));
			task_unlock(c);
		}
	}
	if (!(flags & OOM_BADNESS_TASKLIST_HELD))
		read_unlock(&tasklist_lock);
	return sum;
}

/*
 * Does any thread of @p have children?  Most candidates have none, and this
 * finds out without tasklist_lock: the thread list is RCU-safe, and an
 * empty ->children may race with a fork, which is no worse than the fork
 * coming a moment later.
 */
static bool oom_has_children(struct task_struct *p)
{
	struct task_struct *t;
	bool ret = false;

	rcu_read_lock();
	for_each_thread(p, t) {
		/* racy read, see above */
		if (!data_race(list_empty(&t->children))) {
			ret = true;
			break;
		}
	}
	rcu_read_unlock();
	return ret;
}

/* User + system time of @task's thread group, in nanoseconds. */
static u64 oom_group_cputime(struct task_struct *task)
{
	struct signal_struct *sig = task->signal;
	struct task_cputime ct;
	u64 ut, st;

	/*
	 * One thread: its own times and what exited threads left in
	 * ->signal, without walking the group under the stats seqlock.
	 */
	if (thread_group_empty(task)) {
		task_cputime(task, &ut, &st);
		return ut + st + READ_ONCE(sig->utime) + READ_ONCE(sig->stime);
	}
	/* All live threads plus the exited ones kept in ->signal. */
	thread_group_cputime(task, &ct);
	return ct.utime + ct.stime;
}

/*
 * Read the classic factors of @task.  The caller keeps @task's task_struct
 * alive, by a reference or by rcu_read_lock(); its signal_struct lives as
 * long.  Every factor is read even when its tunable switches it off, so the
 * explanation of a kill shows the real values; only the children's
 * footprint, which needs tasklist_lock, is skipped when it cannot count.
 */
static void oom_badness_gather(struct task_struct *task, struct mm_struct *mm,
			       struct oom_badness_factors *f,
			       const struct oom_badness_tunables *t,
			       unsigned int flags, bool parent)
{
	u64 start, now;

	if (t->children_percent && parent)
		f->children = oom_children_footprint(task, mm, flags);

	f->cputime_ns = oom_group_cputime(task);

	/*
	 * The age of a process is its leader's; exec by another thread hands
	 * the leader's start time to the new leader.  ->group_leader is freed
	 * after an RCU grace period.  Ages count in seconds at least, so the
	 * coarse clock (no clocksource read per candidate) is precise enough.
	 */
	rcu_read_lock();
	start = READ_ONCE(task->group_leader)->start_boottime;
	rcu_read_unlock();
	now = ktime_get_coarse_boottime_ns();
	f->age_ns = now > start ? now - start : 0;

	/*
	 * Capabilities in the initial user namespace only: a capability held
	 * inside a user namespace anyone can create protects nothing.
	 */
	f->root = has_capability_noaudit(task, CAP_SYS_ADMIN) ||
		  has_capability_noaudit(task, CAP_SYS_RESOURCE);
	f->rawio = has_capability_noaudit(task, CAP_SYS_RAWIO);
}

/**
 * oom_badness_score - badness of a task under the classic policy
 * @task: the candidate, kept alive by the caller (reference or RCU)
 * @mm: its mm, as found under task_lock; only compared, never dereferenced
 * @footprint: rss + swap entries + page tables of @mm, in pages
 * @adj: the candidate's oom_score_adj
 * @totalpages: size of the memory the OOM is about, in pages
 * @f: if not NULL, receives every factor and the result
 * @flags: %OOM_BADNESS_TASKLIST_HELD if the caller holds tasklist_lock
 * @cutoff: the best score so far, LONG_MIN if none: a candidate that
 *	cannot reach it is not scored
 *
 * Called by oom_badness() once the task's mm has been found and released,
 * when oom_badness_classic() says so; the footprint policy needs nothing
 * but oom_badness_stock().  Must not sleep: the global OOM walk calls it
 * under rcu_read_lock().
 *
 * Return: the points, as oom_badness_points(), or LONG_MIN if the task
 * was not scored because it cannot reach @cutoff.
 */
long oom_badness_score(struct task_struct *task, struct mm_struct *mm,
		       unsigned long footprint, long adj,
		       unsigned long totalpages,
		       struct oom_badness_factors *f, unsigned int flags,
		       long cutoff)
{
	struct oom_badness_factors local;
	struct oom_badness_tunables t;
	bool parent;

	if (!f)
		f = &local;
	f->valid = false;
	f->footprint = footprint;
	f->adj = adj;
	f->children = 0;
	oom_badness_read_tunables(&t);
	if (t.policy != OOM_BADNESS_CLASSIC) {
		/* switched while we were called: the stock score */
		f->cputime_ns = 0;
		f->age_ns = 0;
		f->root = false;
		f->rawio = false;
		return oom_badness_points(f, &t, totalpages);
	}

	/* Skip the work for a candidate that cannot win (exact: see above). */
	parent = t.children_percent && oom_has_children(task);
	if (!parent && cutoff != LONG_MIN && adj != OOM_SCORE_ADJ_MIN &&
	    oom_badness_upper_bound(footprint, adj, totalpages) < cutoff)
		return LONG_MIN;

	oom_badness_gather(task, mm, f, &t, flags, parent);
	return oom_badness_points(f, &t, totalpages);
}

/**
 * oom_child_big_enough - is killing this child worth sparing its parent?
 * @parent_footprint: the parent's own footprint, in pages
 * @child_footprint: the child's footprint, in pages
 * @min_percent: vm.oom_child_min_percent
 *
 * Return: true if the child holds at least @min_percent percent of what
 * its parent holds.
 */
bool oom_child_big_enough(unsigned long parent_footprint,
			  unsigned long child_footprint,
			  unsigned int min_percent)
{
	u64 need, have;

	if (check_mul_overflow((u64)parent_footprint, (u64)min(min_percent, 100U), &need))
		need = U64_MAX;
	if (check_mul_overflow((u64)child_footprint, 100ULL, &have))
		have = U64_MAX;
	return have >= need;
}

/**
 * oom_child_guard_active - does an earlier sacrifice still protect nobody?
 * @stamp: get_jiffies_64() when a child was killed for the parent, 0 if never
 * @now: get_jiffies_64() now
 * @window_secs: vm.oom_child_guard_secs
 *
 * Return: true if a child was sacrificed for the parent no more than
 * @window_secs seconds ago; the parent is then killed itself.
 */
bool oom_child_guard_active(u64 stamp, u64 now, unsigned int window_secs)
{
	if (!stamp)
		return false;
	return time_before_eq64(now, stamp + (u64)window_secs * HZ);
}

/**
 * oom_badness_child_rule - is the child-before-parent rule in force?
 *
 * Only the classic policy has it: policy 0 is the stock killer, exactly.
 *
 * Return: true if oom_kill_process() should look for a child to kill.
 */
bool oom_badness_child_rule(void)
{
	return READ_ONCE(sysctl_oom_badness_policy) == OOM_BADNESS_CLASSIC &&
	       READ_ONCE(sysctl_oom_prefer_children);
}

/**
 * oom_badness_child_min_percent - current vm.oom_child_min_percent
 *
 * Return: the minimum share of its parent's footprint a child must hold.
 */
unsigned int oom_badness_child_min_percent(void)
{
	return READ_ONCE(sysctl_oom_child_min_percent);
}

/**
 * oom_badness_parent_guarded - must this parent die instead of a child?
 * @parent: the process the OOM killer selected; the caller holds a reference
 * @pick: receives the earlier child and how long ago it died
 *
 * ->oom_sacrifice_stamp and ->oom_sacrifice_pid of a signal_struct are only
 * read and written by the OOM killer, under oom_lock.
 *
 * Return: true if a child was already sacrificed for @parent within
 * vm.oom_child_guard_secs.
 */
bool oom_badness_parent_guarded(struct task_struct *parent,
				struct oom_child_pick *pick)
{
	struct signal_struct *sig = parent->signal;
	u64 now = get_jiffies_64();

	lockdep_assert_held(&oom_lock);
	if (!oom_child_guard_active(sig->oom_sacrifice_stamp, now,
				    READ_ONCE(sysctl_oom_child_guard_secs)))
		return false;
	pick->guarded = true;
	pick->guard_pid = sig->oom_sacrifice_pid;
	pick->guard_ms = jiffies64_to_msecs(now - sig->oom_sacrifice_stamp);
	return true;
}

/**
 * oom_badness_record_sacrifice - remember that @child dies for @parent
 * @parent: the selected process, referenced by the caller
 * @child: the child killed in its place
 *
 * Must be called with oom_lock held.
 */
void oom_badness_record_sacrifice(struct task_struct *parent,
				  struct task_struct *child)
{
	struct signal_struct *sig = parent->signal;

	lockdep_assert_held(&oom_lock);
	sig->oom_sacrifice_stamp = get_jiffies_64() ?: 1;
	sig->oom_sacrifice_pid = task_pid_nr(child);
}

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

/**
 * oom_badness_report - explain an OOM kill in the kernel log
 * @f: factors of the selected process, as computed when it was selected
 * @victim: the task about to be killed
 * @pick: the decision of the child-before-parent rule; the reference on
 *	@pick->parent is dropped here
 *
 * Under the classic policy, one line gives the selected process's points
 * and every factor (a divisor follows its factor after a slash), and one
 * more line says what the child-before-parent rule decided, if it had
 * anything to decide.  Nothing is printed under the footprint policy.
 */
void oom_badness_report(const struct oom_badness_factors *f,
			struct task_struct *victim,
			struct oom_child_pick *pick)
{
	struct task_struct *selected = pick->child ? pick->parent : victim;
	const struct oom_badness_factors *cf = &pick->child_factors;

	if (f->valid && f->policy == OOM_BADNESS_CLASSIC)
		pr_info("selected %d (%s) policy=classic points=%ld footprint=%lukB children=%lukB added=%lukB cpu=%llu.%03llus/%u age=%llus/%u root=%d/%u rawio=%d/%u oom_score_adj=%hd\n",
			task_pid_nr(selected), selected->comm, f->points,
			K(f->footprint), K(f->children), K(f->children_share),
			div_u64(f->cputime_ns, NSEC_PER_SEC),
			div_u64(f->cputime_ns, NSEC_PER_MSEC) % MSEC_PER_SEC,
			f->cpu_div, div_u64(f->age_ns, NSEC_PER_SEC), f->age_div,
			f->root, f->root_div, f->rawio, f->rawio_div, f->adj);

	if (pick->guarded) {
		pr_info("killing parent %d (%s) itself: its child %d was sacrificed %llums ago and memory ran out again\n",
			task_pid_nr(victim), victim->comm, pick->guard_pid,
			pick->guard_ms);
	} else if (pick->child) {
		pr_info("sacrificing child %d (%s) points=%ld footprint=%lukB for parent %d (%s) points=%ld footprint=%lukB\n",
			task_pid_nr(pick->child), pick->child->comm,
			cf->points, K(cf->footprint),
			task_pid_nr(pick->parent), pick->parent->comm,
			f->points, K(f->footprint));
		put_task_struct(pick->parent);
		pick->parent = NULL;
	} else if (pick->considered && pick->seen) {
		pr_info("no child of %d (%s) sacrificed: %u children considered, %u eligible ones below %u%% of the parent's %lukB\n",
			task_pid_nr(victim), victim->comm, pick->seen,
			pick->small, oom_badness_child_min_percent(),
			K(f->footprint));
	}
}

#ifdef CONFIG_SYSCTL
static unsigned int oom_sysctl_zero;
static unsigned int oom_sysctl_one = 1;
static unsigned int oom_sysctl_hundred = 100;
static unsigned int oom_sysctl_divisor_max = OOM_BADNESS_DIVISOR_MAX;
static unsigned int oom_sysctl_cputime_max = OOM_BADNESS_CPUTIME_UNIT_MAX;
static unsigned int oom_sysctl_runtime_max = OOM_BADNESS_RUNTIME_UNIT_MAX;
static unsigned int oom_sysctl_guard_max = OOM_CHILD_GUARD_MAX;

/*
 * Strict writes: one decimal number in [extra1, extra2], optionally followed
 * by a newline, in a single write at offset 0 without NUL bytes, by a
 * CAP_SYS_ADMIN writer.
 * Anything else fails with -EINVAL (-EPERM for the writer) and leaves the
 * value alone.  The stock handlers accept "1 2" (keeping 1) and partial
 * writes; an OOM policy knob should not guess.
 */
VISIBLE_IF_KUNIT int oom_badness_sysctl_handler(const struct ctl_table *table,
						int write, void *buffer,
						size_t *lenp, loff_t *ppos)
{
	const unsigned int *min = table->extra1, *max = table->extra2;
	char buf[24];
	unsigned int val;
	size_t len = *lenp;

	if (!write)
		return proc_douintvec(table, write, buffer, lenp, ppos);
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (*ppos || !len || len >= sizeof(buf) || memchr(buffer, '\0', len))
		return -EINVAL;
	memcpy(buf, buffer, len);
	buf[len] = '\0';
	if (kstrtouint(buf, 10, &val) || val < *min || val > *max)
		return -EINVAL;
	WRITE_ONCE(*(unsigned int *)table->data, val);
	*ppos += len;
	return 0;
}

#define OOM_SYSCTL(name, var, lo, hi) {				\
	.procname	= name,						\
	.data		= &(var),					\
	.maxlen		= sizeof(unsigned int),				\
	.mode		= 0644,						\
	.proc_handler	= oom_badness_sysctl_handler,			\
	.extra1		= &(lo),					\
	.extra2		= &(hi),					\
}

VISIBLE_IF_KUNIT struct ctl_table oom_badness_sysctls[] = {
	OOM_SYSCTL("oom_badness_policy", sysctl_oom_badness_policy,
		   oom_sysctl_zero, oom_sysctl_one),
	OOM_SYSCTL("oom_badness_cputime_unit_ms",
		   sysctl_oom_badness_cputime_unit_ms,
		   oom_sysctl_zero, oom_sysctl_cputime_max),
	OOM_SYSCTL("oom_badness_runtime_unit_secs",
		   sysctl_oom_badness_runtime_unit_secs,
		   oom_sysctl_zero, oom_sysctl_runtime_max),
	OOM_SYSCTL("oom_badness_root_divisor", sysctl_oom_badness_root_divisor,
		   oom_sysctl_one, oom_sysctl_divisor_max),
	OOM_SYSCTL("oom_badness_rawio_divisor",
		   sysctl_oom_badness_rawio_divisor,
		   oom_sysctl_one, oom_sysctl_divisor_max),
	OOM_SYSCTL("oom_badness_children_percent",
		   sysctl_oom_badness_children_percent,
		   oom_sysctl_zero, oom_sysctl_hundred),
	OOM_SYSCTL("oom_prefer_children", sysctl_oom_prefer_children,
		   oom_sysctl_zero, oom_sysctl_one),
	OOM_SYSCTL("oom_child_min_percent", sysctl_oom_child_min_percent,
		   oom_sysctl_zero, oom_sysctl_hundred),
	OOM_SYSCTL("oom_child_guard_secs", sysctl_oom_child_guard_secs,
		   oom_sysctl_one, oom_sysctl_guard_max),
};

#if IS_ENABLED(CONFIG_KUNIT)
const unsigned int oom_badness_nr_sysctls = ARRAY_SIZE(oom_badness_sysctls);
#endif

static int __init oom_badness_init(void)
{
	register_sysctl_init("vm", oom_badness_sysctls);
	return 0;
}
subsys_initcall(oom_badness_init);
#endif /* CONFIG_SYSCTL */
