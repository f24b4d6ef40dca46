// SPDX-License-Identifier: GPL-2.0
/*
 * Classic multi-factor OOM badness policy
 *
 * vm.oom_badness_policy chooses how the OOM killer ranks its candidates:
 *
 *  0 (footprint) the score of an unpatched kernel, computed by the stock
 *                code in mm/oom_kill.c; nothing here runs.
 *  1 (classic)   what the candidate's kill would free, plus a share of the
 *                own scores of the children this OOM could kill, divided by
 *                the square root of the CPU time and the fourth root of the
 *                age (in tunable units) and by divisors for processes
 *                holding CAP_SYS_ADMIN/CAP_SYS_RESOURCE or CAP_SYS_RAWIO;
 *                then oom_score_adj as the stock score adds it.
 *
 * The file has four parts: pure arithmetic (what KUnit tests), the estimate
 * of what a kill frees (a bounded, non-sleeping page-table walk), the
 * selection (one pass over the candidates, with the children's share
 * carried to the parent as each child is visited, so no children list is
 * walked while selecting), and the child-before-parent rule with its
 * guard, episodes and log lines.  Documentation/mm/oom_badness.rst gives
 * the design and its locking; Documentation/admin-guide/mm/oom_badness.rst
 * how to use it.
 */

#define pr_fmt(fmt) "oom-badness: " fmt

#include <linux/capability.h>
#include <linux/cgroup.h>
#include <linux/cpuset.h>
#include <linux/cred.h>
#include <linux/fault-inject.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/math.h>
#include <linux/math64.h>
#include <linux/memcontrol.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/oom.h>
#include <linux/overflow.h>
#include <linux/pagewalk.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/rmap.h>
#include <linux/sched/clock.h>
#include <linux/sched/cputime.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/sysctl.h>
#include <linux/threads.h>
#include <linux/timekeeping.h>
#include <kunit/visibility.h>

#include "oom_badness.h"

#define OOM_BADNESS_DIVISOR_MAX		1024U
#define OOM_BADNESS_CPUTIME_UNIT_MAX	3600000U	/* one hour, in ms */
#define OOM_BADNESS_RUNTIME_UNIT_MAX	604800U		/* one week, in s */
#define OOM_CHILD_GUARD_MAX		86400U		/* one day, in s */
#define OOM_WALK_BUDGET_MAX		BIT(30)		/* 4 TiB of 4 KiB PTEs */
#define OOM_EPISODE_MAX			3600U		/* one hour, in s */
#define OOM_WALK_MIN_MAX		16384UL		/* 64 MiB of 4 KiB pages */

/* a child's score the short path adds is under 2 * OOM_QUICK_MAX pages */
static_assert((u64)PID_MAX_LIMIT * 2 * OOM_QUICK_MAX <= OOM_SHARE_QUICK_MAX);

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
/* 1M entries: 4 GiB of PTE-mapped memory, or the huge-page mapped TiBs */
static unsigned int sysctl_oom_badness_walk_budget __read_mostly = BIT(20);
static unsigned int sysctl_oom_badness_episode_secs __read_mostly = 10;

/* Episodes end at once when vm.oom_badness_episode_secs is written. */
static unsigned int oom_episode_epoch = 1;
/* oom_lock: */
static struct oom_episode oom_global_episode;
static unsigned int oom_episode_next_id;
static unsigned int oom_selection_seq;

static void oom_badness_read_tunables(struct oom_badness_tunables *t)
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
	t->walk_budget = READ_ONCE(sysctl_oom_badness_walk_budget);
	t->episode_secs = READ_ONCE(sysctl_oom_badness_episode_secs);
}

/* ------------------------------------------------------------------------
 * Pure arithmetic: no task, no lock.
 */

/**
 * oom_percent_of - @percent percent of @value, rounded down, no overflow
 * @value: any value
 * @percent: 0..100; larger values count as 100
 *
 * Return: @value * @percent / 100.
 */
unsigned long oom_percent_of(unsigned long value, unsigned int percent)
{
	percent = min(percent, 100U);
	if (value <= ULONG_MAX / 100)
		return value * percent / 100;
	return value / 100 * percent + value % 100 * percent / 100;
}
EXPORT_SYMBOL_IF_KUNIT(oom_percent_of);

/**
 * oom_cpu_divisor - the divisor for a CPU time
 * @cputime_ns: user + system time
 * @unit_ms: vm.oom_badness_cputime_unit_ms, 0 ignores CPU time
 *
 * Return: the integer square root of the number of units, 1 below 4 units.
 */
unsigned int oom_cpu_divisor(u64 cputime_ns, unsigned int unit_ms)
{
	u64 unit = (u64)unit_ms * NSEC_PER_MSEC;

	if (!unit || cputime_ns < 4 * unit)
		return 1;
	return int_sqrt64(div64_u64(cputime_ns, unit));
}
EXPORT_SYMBOL_IF_KUNIT(oom_cpu_divisor);

/**
 * oom_cpu_upper_ns - the most CPU time a thread group can have used
 * @lower_ns: a lower bound of its CPU time that includes its exited
 *	threads' (what they left in ->signal)
 * @age_ns: how long the group has lived
 * @nr_threads: its live threads
 * @nr_cpus: the CPUs it could have run on
 *
 * Live threads run no longer than the group has lived and no more of them
 * at once than there are CPUs; tick-based accounting charges a whole tick
 * at a time, and the age is read on a coarse clock, so each CPU gets two
 * ticks more.  Saturates instead of overflowing.
 *
 * Return: an upper bound of the group's user + system time.
 */
u64 oom_cpu_upper_ns(u64 lower_ns, u64 age_ns, unsigned int nr_threads,
		     unsigned int nr_cpus)
{
	u64 span, live, upper;

	if (check_add_overflow(age_ns, 2 * (u64)TICK_NSEC, &span) ||
	    check_mul_overflow(span, (u64)min(nr_threads, nr_cpus), &live) ||
	    check_add_overflow(lower_ns, live, &upper))
		return U64_MAX;
	return upper;
}
EXPORT_SYMBOL_IF_KUNIT(oom_cpu_upper_ns);

/**
 * oom_age_divisor - the divisor for an age
 * @age_ns: time since the process started
 * @unit_secs: vm.oom_badness_runtime_unit_secs, 0 ignores the age
 *
 * Return: the integer fourth root of the number of units, 1 below 16 units.
 */
unsigned int oom_age_divisor(u64 age_ns, unsigned int unit_secs)
{
	u64 unit = (u64)unit_secs * NSEC_PER_SEC;

	if (!unit || age_ns < 16 * unit)
		return 1;
	return int_sqrt64(int_sqrt64(div64_u64(age_ns, unit)));
}
EXPORT_SYMBOL_IF_KUNIT(oom_age_divisor);

static long oom_badness_finish(u64 points, long adj, unsigned long totalpages)
{
	return oom_points_finish(points, adj, oom_adj_unit(totalpages),
				 totalpages);
}

/* (@a + @b) / @d1 / @d2, saturating; a divisor of 1 divides nothing. */
static u64 oom_sum_divided(unsigned long a, unsigned long b,
			   unsigned int d1, unsigned int d2)
{
	u64 sum;

	if (check_add_overflow((u64)a, (u64)b, &sum))
		sum = U64_MAX;
	if (d1 > 1)
		sum = div_u64(sum, d1);
	if (d2 > 1)
		sum = div_u64(sum, d2);
	return sum;
}

/**
 * oom_badness_points - the classic score of a candidate
 * @in: its factors
 * @t: the tunables to score with
 * @totalpages: size of the memory the OOM is about (RAM + swap, the memcg
 *	limit, or the cpuset/mempolicy nodes), in pages
 * @out: if not NULL, receives the score and every divisor
 *
 * (frees + children_percent% of the children's own scores) divided by the
 * CPU time, age, root and raw-I/O divisors in turn (successive floor
 * divisions, equal to one division by their product), capped at
 * @totalpages, plus oom_score_adj * (@totalpages / 1000).  Non-decreasing
 * in @in->frees and @in->children when everything else is fixed; no step
 * overflows.
 *
 * Return: the points, or LONG_MIN when oom_score_adj is -1000.
 */
long oom_badness_points(const struct oom_badness_input *in,
			const struct oom_badness_tunables *t,
			unsigned long totalpages,
			struct oom_badness_breakdown *out)
{
	struct oom_badness_breakdown bd = {
		.cpu_div = 1, .age_div = 1, .root_div = 1, .rawio_div = 1,
	};
	u64 points;

	if (in->adj == OOM_SCORE_ADJ_MIN) {
		bd.points = LONG_MIN;
		goto out;
	}
	bd.share = oom_percent_of(in->children, t->children_percent);
	bd.cpu_div = oom_cpu_divisor(in->cputime_ns, t->cputime_unit_ms);
	bd.age_div = oom_age_divisor(in->age_ns, t->runtime_unit_secs);
	if (in->root)
		bd.root_div = clamp(t->root_divisor, 1U, OOM_BADNESS_DIVISOR_MAX);
	if (in->rawio)
		bd.rawio_div = clamp(t->rawio_divisor, 1U,
				     OOM_BADNESS_DIVISOR_MAX);
	points = oom_sum_divided(in->frees, bd.share, bd.cpu_div, bd.age_div);
	if (bd.root_div > 1)
		points = div_u64(points, bd.root_div);
	if (bd.rawio_div > 1)
		points = div_u64(points, bd.rawio_div);
	bd.points = oom_badness_finish(points, in->adj, totalpages);
out:
	if (out)
		*out = bd;
	return bd.points;
}
EXPORT_SYMBOL_IF_KUNIT(oom_badness_points);

/**
 * oom_badness_bound - the most a candidate can score
 * @frees: the most its kill frees, in pages
 * @share: the most its children add, in pages (already a percentage)
 * @cpu_div: a lower bound of its CPU time divisor
 * @age_div: a lower bound of its age divisor
 * @adj: its oom_score_adj, not OOM_SCORE_ADJ_MIN
 * @totalpages: size of the memory the OOM is about, in pages
 *
 * The capability divisors are at least 1, so oom_badness_points() of any
 * candidate whose factors stay within these bounds is never higher.  A
 * candidate whose bound does not exceed the best score so far need not be
 * looked at any closer.
 *
 * Return: an upper bound of the classic points.
 */
long oom_badness_bound(unsigned long frees, unsigned long share,
		       unsigned int cpu_div, unsigned int age_div, long adj,
		       unsigned long totalpages)
{
	return oom_badness_finish(oom_sum_divided(frees, share, cpu_div,
						  age_div),
				  adj, totalpages);
}
EXPORT_SYMBOL_IF_KUNIT(oom_badness_bound);

/**
 * oom_child_own_score - what a child adds to its parent's share
 * @frees: what the child's kill frees, in pages
 * @adj: the child's oom_score_adj
 * @totalpages: size of the memory the OOM is about, in pages
 *
 * The stock arithmetic on @frees (oom_score_adj in thousandths of
 * @totalpages), clamped at zero: an administrator's negative
 * oom_score_adj on a child lowers what it adds to the parent too.
 *
 * Return: the child's own score, at least 0.
 */
unsigned long oom_child_own_score(unsigned long frees, long adj,
				  unsigned long totalpages)
{
	return oom_own_score(frees, adj, oom_adj_unit(totalpages));
}
EXPORT_SYMBOL_IF_KUNIT(oom_child_own_score);

/**
 * oom_child_big_enough - does killing this child spare its parent?
 * @parent_frees: what the parent's kill frees, in pages
 * @child_frees: what the child's kill frees, in pages
 * @min_percent: vm.oom_child_min_percent (100 in the second kill of an
 *	episode: the child must free at least as much as its parent)
 *
 * Return: true if the child frees at least @min_percent percent of what
 * its parent frees.
 */
bool oom_child_big_enough(unsigned long parent_frees,
			  unsigned long child_frees, unsigned int min_percent)
{
	u64 need, have;

	if (check_mul_overflow((u64)parent_frees, (u64)min(min_percent, 100U),
			       &need))
		need = U64_MAX;
	if (check_mul_overflow((u64)child_frees, 100ULL, &have))
		have = U64_MAX;
	return have >= need;
}
EXPORT_SYMBOL_IF_KUNIT(oom_child_big_enough);

/**
 * oom_child_may_die_for - may this child be killed in its parent's place?
 * @child_score: the child's own score (oom_child_own_score())
 * @child_adj: the child's oom_score_adj
 * @parent_adj: the parent's oom_score_adj
 *
 * An administrator who set a child's oom_score_adj below its parent's
 * meant to protect the child; one who raised the parent's meant the parent.
 * A child whose own score is 0 frees nothing worth a kill.
 *
 * Return: true if the child may die instead of the parent.
 */
bool oom_child_may_die_for(unsigned long child_score, short child_adj,
			   short parent_adj)
{
	return child_score > 0 && child_adj >= parent_adj;
}
EXPORT_SYMBOL_IF_KUNIT(oom_child_may_die_for);

/**
 * oom_child_guard_active - was a child sacrificed for this parent lately?
 * @stamp: get_jiffies_64() when a child was killed for the parent, 0 if never
 * @now: get_jiffies_64() now
 * @window_secs: vm.oom_child_guard_secs
 *
 * Return: true if a child was sacrificed no more than @window_secs ago.
 */
bool oom_child_guard_active(u64 stamp, u64 now, unsigned int window_secs)
{
	if (!stamp)
		return false;
	return time_before_eq64(now, stamp + (u64)window_secs * HZ);
}
EXPORT_SYMBOL_IF_KUNIT(oom_child_guard_active);

/**
 * oom_guard_kills_parent - at a guarded repeat selection, who dies?
 * @parent_frees: what the parent's kill frees, in pages
 * @child_frees: what the kill of the child the pick chose frees, in pages
 *
 * Return: true if the parent dies: its kill frees at least as much.
 */
bool oom_guard_kills_parent(unsigned long parent_frees,
			    unsigned long child_frees)
{
	return parent_frees >= child_frees;
}
EXPORT_SYMBOL_IF_KUNIT(oom_guard_kills_parent);

/**
 * oom_episode_continues - is an OOM part of the episode of the last kill?
 * @last: get_jiffies_64() when the scope's last kill was selected, 0: none
 * @epoch: the episode epoch when @last was recorded
 * @now: get_jiffies_64() now
 * @cur_epoch: the episode epoch now
 * @window_secs: vm.oom_badness_episode_secs, 0: no episodes
 *
 * Return: true if this OOM's kill is a further kill of that episode.
 */
bool oom_episode_continues(u64 last, unsigned int epoch, u64 now,
			   unsigned int cur_epoch, unsigned int window_secs)
{
	if (!last || !window_secs || epoch != cur_epoch)
		return false;
	return time_before_eq64(now, last + (u64)window_secs * HZ);
}
EXPORT_SYMBOL_IF_KUNIT(oom_episode_continues);

/**
 * oom_walk_min_pages - candidates smaller than this are not walked
 * @totalpages: size of the memory the OOM is about, in pages
 *
 * A thousandth of the memory, at most 64 MiB: below that, what the
 * counters over-count cannot decide an OOM, and the walk would cost more
 * than the rest of the candidate's evaluation.
 *
 * Return: the smallest footprint, in pages, worth a page-table walk.
 */
unsigned long oom_walk_min_pages(unsigned long totalpages)
{
	return min(totalpages >> 10, OOM_WALK_MIN_MAX);
}
EXPORT_SYMBOL_IF_KUNIT(oom_walk_min_pages);

/**
 * oom_partial_frees - the estimate of a walk that ran out of budget
 * @found: freeable pages the walk found
 * @seen: pages and swap entries the walk looked at, freeable or not
 * @footprint: the counters: rss + swap entries + page tables
 *
 * What was not walked counts as the counters count it.
 *
 * Return: @found plus the counters of the part not reached, at most
 * @footprint.
 */
unsigned long oom_partial_frees(unsigned long found, unsigned long seen,
				unsigned long footprint)
{
	unsigned long rest = footprint > seen ? footprint - seen : 0;

	return min(size_add(found, rest), footprint);
}
EXPORT_SYMBOL_IF_KUNIT(oom_partial_frees);

/* ------------------------------------------------------------------------
 * What a kill frees: a walk of the candidate's page tables.
 *
 * Counted: anonymous folios that this mm alone maps
 * (!folio_likely_mapped_shared()), shmem folios it maps of a file nothing
 * else keeps (unlinked, referenced only by this mm's mappings), swap
 * entries only it uses when freeing them helps this OOM, its page tables;
 * and of all that only what lies in the OOM's memcg or nodes.  Not
 * counted: page cache, hugetlb (its pages go back to the pool), PFN and I/O
 * mappings.  Never sleeps: the mmap lock is only tried, the mm is pinned
 * with mmgrab(), nothing is allocated.
 *
 * Memory no fork ever shared needs no walk: see oom_vma_exclusive().
 */

struct oom_walk {
	struct oom_badness_ctx *ctx;
	unsigned long found;		/* freeable pages */
	unsigned long seen;		/* pages and swap entries looked at */
	unsigned long entries;		/* page-table entries and VMAs visited */
	unsigned long anon_seen;	/* anonymous pages in walked VMAs */
	unsigned int exclusive;		/* exclusive VMAs not walked */
	bool may_skip;			/* exclusive VMAs need no walk */
	bool anon_unseen;		/* anonymous pages in unwalked VMAs */
	struct file *run_file;		/* shmem file of the last VMA run */
	bool run_frees;			/* nothing else keeps run_file */
	bool vma_file_frees;		/* this VMA's file pages are freeable */
};

static bool oom_folio_in_scope(struct oom_badness_ctx *ctx,
			       struct folio *folio)
{
	bool ret = true;

	if (ctx->nodes && !node_isset(folio_nid(folio), *ctx->nodes))
		return false;
#ifdef CONFIG_MEMCG
	if (ctx->memcg) {
		struct mem_cgroup *memcg;

		rcu_read_lock();
		memcg = folio_memcg(folio);
		ret = memcg && mem_cgroup_is_descendant(memcg, ctx->memcg);
		rcu_read_unlock();
	}
#endif
	return ret;
}

static void oom_walk_folio(struct oom_walk *w, struct folio *folio,
			   unsigned long pages)
{
	w->seen += pages;
	if (folio_test_anon(folio)) {
		w->anon_seen += pages;
		if (folio_likely_mapped_shared(folio))
			return;
	} else if (!w->vma_file_frees) {
		return;
	}
	if (oom_folio_in_scope(w->ctx, folio))
		w->found += pages;
}

static void oom_walk_swap(struct oom_walk *w, swp_entry_t entry)
{
	struct swap_info_struct *si;

	w->seen++;
	/* migration and device entries: rss, but no RAM this kill frees */
	if (is_pfn_swap_entry(entry)) {
		if (folio_test_anon(pfn_swap_entry_folio(entry)))
			w->anon_seen++;
		return;
	}
	if (non_swap_entry(entry) || w->ctx->swap_helps == OOM_SWAP_NEVER)
		return;
	si = get_swap_device(entry);
	if (!si)
		return;
	if ((w->ctx->swap_helps == OOM_SWAP_ANY ||
	     (si->flags & SWP_SYNCHRONOUS_IO)) && __swap_count(entry) == 1)
		w->found++;
	put_swap_device(si);
}

static int oom_walk_pmd(pmd_t *pmd, unsigned long addr, unsigned long end,
			struct mm_walk *walk)
{
	struct oom_walk *w = walk->private;
	struct vm_area_struct *vma = walk->vma;
	unsigned long n = 0;
	pte_t *start, *pte;
	spinlock_t *ptl;	/* of the PMD or of the PTE table walked */

	if (!w->ctx->walk_left)
		return 1;	/* budget spent: the caller counts the rest */

	ptl = pmd_trans_huge_lock(pmd, vma);
	if (ptl) {
		struct page *page = NULL;

		if (pmd_present(*pmd))
			page = vm_normal_page_pmd(vma, addr, *pmd);
		else if (is_pmd_migration_entry(*pmd) &&
			 folio_test_anon(pfn_swap_entry_folio(pmd_to_swp_entry(*pmd))))
			w->anon_seen += HPAGE_PMD_NR;
		if (page)
			oom_walk_folio(w, page_folio(page), HPAGE_PMD_NR);
		spin_unlock(ptl);
		n = 1;
		goto out;
	}

	start = pte_offset_map_lock(walk->mm, pmd, addr, &ptl);
	pte = start;
	if (!pte) {
		walk->action = ACTION_AGAIN;
		return 0;
	}
	for (; addr != end; pte++, addr += PAGE_SIZE, n++) {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		if (pte_none(ptent))
			continue;
		if (pte_present(ptent)) {
			folio = vm_normal_folio(vma, addr, ptent);
			if (folio)
				oom_walk_folio(w, folio, 1);
		} else if (is_swap_pte(ptent)) {
			oom_walk_swap(w, pte_to_swp_entry(ptent));
		}
	}
	pte_unmap_unlock(start, ptl);
out:
	w->entries += n;
	w->ctx->walk_left -= min(n, w->ctx->walk_left);
	return 0;
}

/*
 * Does anything but this mm keep the shmem file of @vma alive?  A linked
 * tmpfs file outlives the process, and so does a file some descriptor or
 * some other mm's mapping refers to.  Each mapping holds a reference on
 * its file; the mappings of one file in one mm normally are one run of
 * adjacent VMAs (a single mmap(), split by mprotect()).
 */
static bool oom_shmem_frees(struct oom_walk *w, struct vm_area_struct *vma)
{
	struct file *file = vma->vm_file;
	struct vm_area_struct *next = vma;
	long refs = 1;

	if (file == w->run_file)
		return w->run_frees;
	w->run_file = file;
	w->run_frees = false;
	if (file_inode(file)->i_nlink)
		return false;
	while ((next = find_vma(vma->vm_mm, next->vm_end)) &&
	       next->vm_file == file && refs < 64)
		refs++;
	w->run_frees = file_count(file) == refs;
	return w->run_frees;
}

/*
 * Can an anonymous page of @vma be mapped by any other mm?  Not when its
 * anon_vma is the root of its own tree with no child (no fork has cloned
 * this memory since the last child left), the VMA links to no other
 * anon_vma (it was not itself inherited) and KSM may not merge its pages.
 * A fork of this mm would change both under its mmap lock, held for read
 * by the caller; another mm cannot link to an anon_vma without a fork of
 * this one.  Then every anonymous page the VMA maps is this mm's alone.
 */
static bool oom_vma_exclusive(struct vm_area_struct *vma)
{
	struct anon_vma *av = READ_ONCE(vma->anon_vma);

	return av && vma_is_anonymous(vma) &&
	       !(vma->vm_flags & VM_MERGEABLE) && av->root == av &&
	       READ_ONCE(av->num_children) == 1 &&
	       list_is_singular(&vma->anon_vma_chain);
}

static int oom_walk_vma(unsigned long start, unsigned long end,
			struct mm_walk *walk)
{
	struct oom_walk *w = walk->private;
	struct vm_area_struct *vma = walk->vma;

	/* each VMA looked at costs one entry of the budget */
	if (!w->ctx->walk_left)
		return -ENOSPC;	/* budget spent: the caller counts the rest */
	w->ctx->walk_left--;
	w->entries++;
	/* pool pages, no struct pages of ours, or a walk that could sleep */
	if (vma->vm_flags & (VM_HUGETLB | VM_PFNMAP | VM_IO)) {
		/*
		 * Copy-on-write pages of a PFN mapping are in MM_ANONPAGES;
		 * a private hugetlb mapping has an anon_vma too, but its
		 * pages are counted apart (hugetlb_usage), never there.
		 */
		if (!(vma->vm_flags & VM_HUGETLB) && READ_ONCE(vma->anon_vma))
			w->anon_unseen = true;
		return 1;
	}
	/* counted from MM_ANONPAGES once the walk is done */
	if (w->may_skip && oom_vma_exclusive(vma)) {
		w->exclusive++;
		return 1;
	}
	w->vma_file_frees = vma->vm_file && vma_is_shmem(vma) &&
			    oom_shmem_frees(w, vma);
	/* page cache only, or anonymous memory never touched */
	if (!w->vma_file_frees && !vma->anon_vma)
		return 1;
	return 0;
}

#ifdef CONFIG_FAULT_INJECTION
/*
 * /sys/kernel/debug/fail_oom_walk makes the estimate's mmap_read_trylock()
 * fail, as it does when the lock is busy: the attributes of
 * Documentation/fault-injection/fault-injection.rst (probability, times...).
 */
static DECLARE_FAULT_ATTR(fail_oom_walk);

#ifdef CONFIG_FAULT_INJECTION_DEBUG_FS
static int __init fail_oom_walk_debugfs(void)
{
	return PTR_ERR_OR_ZERO(fault_create_debugfs_attr("fail_oom_walk", NULL,
							 &fail_oom_walk));
}
late_initcall(fail_oom_walk_debugfs);
#endif

static bool oom_walk_lock(struct mm_struct *mm)
{
	return !should_fail(&fail_oom_walk, 1) && mmap_read_trylock(mm);
}
#else
static bool oom_walk_lock(struct mm_struct *mm)
{
	return mmap_read_trylock(mm);
}
#endif

static const struct mm_walk_ops oom_walk_ops = {
	.test_walk	= oom_walk_vma,
	.pmd_entry	= oom_walk_pmd,
	.walk_lock	= PGWALK_RDLOCK,
};

/* Episode-old estimate still good: the counters moved by less than 1/8. */
static bool oom_estimate_reusable(struct oom_badness_ctx *ctx,
				  struct oom_badness_state *st)
{
	unsigned long old = st->est_footprint, now = st->footprint;

	if (st->est_episode != ctx->episode_id)
		return false;
	return (now > old ? now - old : old - now) <= old / 8;
}

/* @task keeps the counters as its estimate, for the reason @how. */
static void oom_fell_back(struct oom_badness_ctx *ctx, struct task_struct *task,
			  struct oom_badness_state *st, enum oom_frees_how how)
{
	st->how = how;
	ctx->fallbacks++;
	if (how == OOM_FREES_CONTENDED)
		ctx->fb_contended++;
	else
		ctx->fb_budget++;
	/* the one the log names: the largest, whose estimate matters most */
	if (ctx->fb_pid && st->footprint <= ctx->fb_footprint)
		return;
	ctx->fb_pid = task_pid_nr(task);
	get_task_comm(ctx->fb_comm, task);
	ctx->fb_footprint = st->footprint;
	ctx->fb_how = how;
}

/*
 * Estimate what killing @task would free in the OOM's scope, into
 * @st->frees and @st->how.  Without @walk the counters are used for now,
 * and a later call may still walk.
 */
static void oom_estimate(struct oom_badness_ctx *ctx, struct task_struct *task,
			 struct oom_badness_state *st, bool walk)
{
	struct oom_walk w = { .ctx = ctx };
	struct mm_struct *mm;
	struct task_struct *p;
	unsigned long pgtables;
	u64 t0;
	int ret;

	if (st->flags & OOM_STATE_ESTIMATED)
		return;
	st->frees = st->footprint;
	st->how = OOM_FREES_COUNTERS;
	if (!walk)
		return;
	st->flags |= OOM_STATE_ESTIMATED;
	if (!ctx->t.walk_budget || st->footprint < ctx->walk_min)
		return;
	if (oom_estimate_reusable(ctx, st)) {
		st->frees = min(st->est, st->footprint);
		st->how = OOM_FREES_WALKED;
		return;
	}
	if (!ctx->walk_left) {
		oom_fell_back(ctx, task, st, OOM_FREES_NO_BUDGET);
		return;
	}

	p = find_lock_task_mm(task);
	if (!p)
		return;
	mm = p->mm;
	mmgrab(mm);
	task_unlock(p);
	if (!oom_walk_lock(mm)) {
		oom_fell_back(ctx, task, st, OOM_FREES_CONTENDED);
		goto out;
	}
	t0 = local_clock();
	/*
	 * An exclusive VMA's pages are all freeable only where every page is
	 * in scope and none is swapped out: a global OOM with no node
	 * constraint, an mm without swap entries.
	 */
	w.may_skip = !ctx->memcg && !ctx->nodes &&
		     !get_mm_counter_sum(mm, MM_SWAPENTS);
	ret = walk_page_range(mm, 0, ULONG_MAX, &oom_walk_ops, &w);
	pgtables = mm_pgtables_bytes(mm) / PAGE_SIZE;
	/* exact sums: a per-CPU error would land whole in @rest */
	if (w.exclusive && !w.anon_unseen) {
		unsigned long anon = get_mm_counter_sum(mm, MM_ANONPAGES);
		unsigned long rest = anon > w.anon_seen ? anon - w.anon_seen : 0;

		/*
		 * Partly walked, @rest also holds what the walk did not
		 * reach; in both found and seen, it cancels out there.
		 */
		w.found = size_add(w.found, rest);
		w.seen = size_add(w.seen, rest);
	}
	mmap_read_unlock(mm);
	ctx->walk_ns += local_clock() - t0;
	ctx->walks++;
	ctx->walked += w.entries;
	ctx->exclusive_vmas += w.exclusive;

	w.found = size_add(w.found, pgtables);
	w.seen = size_add(w.seen, pgtables);
	if (ret) {
		st->frees = oom_partial_frees(w.found, w.seen, st->footprint);
		st->how = OOM_FREES_PARTLY;
	} else {
		/* the counters are per-CPU approximations: stay below them */
		st->frees = min(w.found, st->footprint);
		st->how = OOM_FREES_WALKED;
		st->est = st->frees;
		st->est_episode = ctx->episode_id;
		st->est_footprint = st->footprint;
	}
out:
	mmdrop(mm);
}

/* ------------------------------------------------------------------------
 * The factors of a live task.
 */

/* User + system time of @task's group; with @lower, a cheap lower bound. */
static u64 oom_group_cputime(struct task_struct *task, bool lower)
{
	struct signal_struct *sig = task->signal;
	struct task_cputime ct;
	u64 ut, st;

	/*
	 * Its own times and what exited threads left in ->signal: all of it
	 * for a single thread, a lower bound otherwise.
	 */
	if (lower || thread_group_empty(task)) {
		task_cputime(task, &ut, &st);
		return ut + st + READ_ONCE(sig->utime) + READ_ONCE(sig->stime);
	}
	thread_group_cputime(task, &ct);
	return ct.utime + ct.stime;
}

/*
 * The factors that cost a few loads: the age (the leader's, on the coarse
 * clock) and a lower bound of the CPU time.  The caller keeps @task alive.
 */
static void oom_cheap_factors(struct oom_badness_ctx *ctx,
			      struct task_struct *task,
			      struct oom_badness_state *st)
{
	u64 start;

	rcu_read_lock();
	start = READ_ONCE(task->group_leader)->start_boottime;
	rcu_read_unlock();
	st->age_ns = ctx->boottime > start ? ctx->boottime - start : 0;
	st->age_div = oom_age_divisor(st->age_ns, ctx->t.runtime_unit_secs);
	st->cputime_ns = oom_group_cputime(task, true);
	st->cpu_div = oom_cpu_divisor(st->cputime_ns, ctx->t.cputime_unit_ms);
	st->flags |= OOM_STATE_CHEAP;
}

/*
 * Capabilities in the initial user namespace, asked of the LSMs as
 * has_capability_noaudit() asks them.  Nothing is remembered between
 * processes: a fork copies the credentials, so no two candidates share a
 * struct cred, and no cheaper key exists that every LSM would agree with.
 */
static void oom_task_caps(struct task_struct *task, bool *root, bool *rawio)
{
	const struct cred *cred;

	rcu_read_lock();
	cred = __task_cred(task);
	*root = !security_capable(cred, &init_user_ns, CAP_SYS_ADMIN,
				  CAP_OPT_NOAUDIT) ||
		!security_capable(cred, &init_user_ns, CAP_SYS_RESOURCE,
				  CAP_OPT_NOAUDIT);
	*rawio = !security_capable(cred, &init_user_ns, CAP_SYS_RAWIO,
				   CAP_OPT_NOAUDIT);
	rcu_read_unlock();
}

/*
 * Could the exact CPU time of @task's group give another divisor than
 * its lower bound did?  Not if a lower bound and the most the group can
 * have used (oom_cpu_upper_ns()), read now, both give that one: then its
 * threads need no walk.  Fresh readings, the thread count first: a thread
 * exiting in between is counted twice (its time in ->signal, and as live),
 * never missed.  CPU time is taken to run no faster than the boottime
 * clock; the two ticks of margin absorb the accounting's granularity.
 */
static bool oom_cpu_div_open(struct oom_badness_ctx *ctx,
			     struct task_struct *task,
			     struct oom_badness_state *st)
{
	unsigned int unit = ctx->t.cputime_unit_ms, nr;
	u64 lower, start, now;

	if (thread_group_empty(task))
		return false;	/* the lower bound is exact */
	if (ctx->rank_all)
		return true;	/* the ranking view shows the exact time */
	nr = READ_ONCE(task->signal->nr_threads);
	lower = oom_group_cputime(task, true);
	rcu_read_lock();
	start = READ_ONCE(task->group_leader)->start_boottime;
	rcu_read_unlock();
	now = ktime_get_coarse_boottime_ns();
	return oom_cpu_divisor(lower, unit) != st->cpu_div ||
	       oom_cpu_divisor(oom_cpu_upper_ns(lower,
						now > start ? now - start : 0,
						nr, num_possible_cpus()),
			       unit) != st->cpu_div;
}

/*
 * Everything else: the caps, and the exact CPU time of a threaded group
 * when it could change the divisor.  Not in a deferring pass: it ranks on
 * the cheap factors alone, the lower bound of the CPU time and no
 * capability divisor, which can only raise a score, and leaves the rest to
 * oom_badness_resolve(), for the one candidate it chose.
 */
static void oom_gather(struct oom_badness_ctx *ctx, struct task_struct *task,
		       struct oom_badness_state *st)
{
	bool root, rawio;

	if (!(st->flags & OOM_STATE_CHEAP))
		oom_cheap_factors(ctx, task, st);
	if (ctx->defer || (st->flags & OOM_STATE_GATHERED))
		return;
	if (oom_cpu_div_open(ctx, task, st)) {
		st->cputime_ns = oom_group_cputime(task, false);
		st->cpu_div = oom_cpu_divisor(st->cputime_ns,
					      ctx->t.cputime_unit_ms);
	}
	oom_task_caps(task, &root, &rawio);
	st->flags |= OOM_STATE_GATHERED;
	if (root)
		st->flags |= OOM_STATE_ROOT;
	if (rawio)
		st->flags |= OOM_STATE_RAWIO;
}

static void oom_state_input(struct oom_badness_state *st,
			    struct oom_badness_input *in)
{
	in->frees = st->frees;
	in->children = st->children;
	in->cputime_ns = st->cputime_ns;
	in->age_ns = st->age_ns;
	in->root = st->flags & OOM_STATE_ROOT;
	in->rawio = st->flags & OOM_STATE_RAWIO;
	in->adj = st->adj;
}

/* ------------------------------------------------------------------------
 * The selection: one pass over the candidates.
 */

static void oom_choose(struct oom_control *oc, struct task_struct *task,
		       long points)
{
	struct oom_badness_ctx *ctx = oc->policy;

	if (oc->chosen != task) {
		if (oc->chosen)
			put_task_struct(oc->chosen);
		get_task_struct(task);
		oc->chosen = task;
	}
	oc->chosen_points = points;
	ctx->chosen = task;
}

/* Upper bound of @st's score with @extra more pages of children's scores. */
static long oom_state_bound(struct oom_badness_ctx *ctx,
			    struct oom_badness_state *st, unsigned long extra,
			    unsigned long totalpages)
{
	unsigned long share = oom_percent_of(size_add(st->children, extra),
					     ctx->t.children_percent);

	return oom_points_finish(oom_sum_divided(st->frees, share, st->cpu_div,
						 st->age_div),
				 st->adj, ctx->adj_unit, totalpages);
}

/*
 * In a deferring pass, children add to a parent's share without its points
 * being worked out again each time (oom_add_share()): the share only
 * grows, so the points the chosen was chosen with stay a lower bound of its
 * score, enough to reject a candidate.  They are worked out again before
 * they let one win, and at the end of the pass.
 */
static void oom_chosen_refresh(struct oom_control *oc)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_badness_state *st;

	/* not for an OOM origin oom_evaluate_task() chose itself */
	if (!ctx->defer || !oc->chosen || ctx->chosen != oc->chosen)
		return;
	st = &oc->chosen->signal->oom_badness;
	/* no child added to it since it was chosen: they are its bound */
	if (st->flags & OOM_STATE_LISTED)
		oc->chosen_points = oom_state_bound(ctx, st, 0,
						    oc->totalpages);
}

/* Does @points beat the chosen's score, which may be a lower bound? */
static bool oom_beats_chosen(struct oom_control *oc, long points)
{
	if (!oom_badness_beats(points, oc->chosen_points))
		return false;
	oom_chosen_refresh(oc);
	return oom_badness_beats(points, oc->chosen_points);
}

/* @points, an upper bound of a candidate's score, lost: a runner-up's. */
static void oom_lost(struct oom_badness_ctx *ctx, long points)
{
	ctx->runner_up = max(ctx->runner_up, points);
}

/*
 * Score @task (a candidate, kept alive by the walk) if it can beat the
 * best so far, and choose it if it does.  A candidate is only looked at
 * more closely while it can still win: first its counters, then the cheap
 * divisors; outside a deferring pass, then its page tables, last its
 * capabilities and its threads' CPU time.
 */
static void oom_consider(struct oom_control *oc, struct task_struct *task,
			 struct oom_badness_state *st)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_badness_input in;
	bool mine = oc->chosen == task;
	unsigned long share;
	long points;

	/* an OOM origin oom_evaluate_task() chose stays chosen */
	if (mine && ctx->chosen != task)
		return;
	share = oom_percent_of(st->children, ctx->t.children_percent);
	/* the ranking view scores everyone: "mine" skips no step */
	mine |= ctx->rank_all;
	points = oom_points_finish(size_add(st->frees, share), st->adj,
				   ctx->adj_unit, oc->totalpages);
	if (!mine && !oom_beats_chosen(oc, points))
		goto lost;
	if (!(st->flags & OOM_STATE_CHEAP))
		oom_cheap_factors(ctx, task, st);
	/* without a divisor, the bound is the points on the counters */
	if (st->cpu_div > 1 || st->age_div > 1) {
		points = oom_state_bound(ctx, st, 0, oc->totalpages);
		if (!mine && !oom_beats_chosen(oc, points))
			goto lost;
	}
	/* a deferring pass ranks on that bound: oom_gather() would add nothing */
	if (!ctx->defer) {
		oom_estimate(ctx, task, st, true);
		points = oom_state_bound(ctx, st, 0, oc->totalpages);
		if (!mine && !oom_beats_chosen(oc, points))
			goto lost;
		oom_gather(ctx, task, st);
		oom_state_input(st, &in);
		points = oom_badness_points(&in, &ctx->t, oc->totalpages,
					    NULL);
	}
	if (oc->chosen == task || oom_beats_chosen(oc, points)) {
		/* the one it displaces is a runner-up now */
		if (oc->chosen && oc->chosen != task)
			ctx->runner_up = max(ctx->runner_up, oc->chosen_points);
		oom_choose(oc, task, points);
		return;
	}
lost:
	/* @points bounds what @task scores once walked and gathered */
	oom_lost(ctx, points);
}

/*
 * At the end of a deferring pass: score each listed parent with its whole
 * share, as the pass would have when its last child came (a parent that
 * now beats the chosen takes its place; one that does not is a
 * runner-up), in the order they were listed, and drop the references a
 * memcg walk took.  A parent's share counts as complete only now: one that
 * merely ties the chosen leaves it in place, where scoring it as each
 * child came could have chosen it first.  With @score false (the pass was
 * aborted, or the OOM ends) the list is only emptied.  The global walk
 * calls it inside its RCU section, which keeps its parents alive.
 *
 * Most parents lose on the bound oom_consider() would start with, worked
 * out here, without overflow checks where the short path's arithmetic
 * holds and no cheap factor was read (no divisor).
 */
static void oom_review_parents(struct oom_control *oc, bool score)
{
	struct oom_badness_ctx *ctx = oc->policy;
	unsigned int percent = ctx->t.children_percent;
	struct task_struct *parent = ctx->parents, *next;
	unsigned long totalpages = oc->totalpages;
	long adj_unit = ctx->adj_unit, points;
	long runner_up = ctx->runner_up;
	bool pinned = ctx->memcg, quick = ctx->quick;
	struct oom_badness_state *pst;

	/* unreferenced, a global walk's parents live as long as its RCU section */
	RCU_LOCKDEP_WARN(parent && !pinned && !rcu_read_lock_held(),
			 "a global walk's parents reviewed outside its RCU section");
	/* oom_consider() lists nothing: the list is ours */
	ctx->parents = NULL;
	ctx->parents_tail = &ctx->parents;
	/*
	 * Listed, each is a candidate of this pass; it stays marked listed
	 * until the next pass or selection empties its state.
	 */
	for (; parent; parent = next) {
		pst = &parent->signal->oom_badness;
		next = pst->next;
		if (!score)
			goto drop;
		if (quick && !(pst->flags & OOM_STATE_CHEAP))
			points = oom_quick_points(size_add(pst->frees,
							   oom_percent_of(pst->children,
									  percent)),
						  pst->adj * adj_unit,
						  totalpages);
		else
			points = oom_state_bound(ctx, pst, 0, totalpages);
		if (parent == oc->chosen ||
		    oom_badness_beats(points, oc->chosen_points))
			oom_consider(oc, parent, pst);
		else
			runner_up = max(runner_up, points);
drop:
		if (pinned)
			put_task_struct(parent);
	}
	oom_lost(ctx, runner_up);
}

/**
 * oom_badness_walked - the end of a global walk, inside its RCU section
 * @oc: the OOM
 *
 * Scores the parents the pass listed while the RCU read lock it walked
 * under still keeps them, unreferenced, alive.  A memcg walk has them
 * referenced and leaves them to oom_badness_resolve().
 */
void oom_badness_walked(struct oom_control *oc)
{
	struct oom_badness_ctx *ctx = oc->policy;

	RCU_LOCKDEP_WARN(!rcu_read_lock_held(), "the walk's RCU section");
	if (ctx && ctx->parents)
		oom_review_parents(oc, oc->chosen != (void *)-1UL);
}

/*
 * @st is a candidate of this pass with these inputs: what its kill frees
 * is its footprint until an estimate says otherwise, and an estimate kept
 * from the first pass is no more than the counters now.
 */
static void oom_state_candidate(struct oom_badness_state *st,
				struct mm_struct *mm, unsigned long footprint,
				long adj)
{
	st->flags |= OOM_STATE_CANDIDATE;
	st->mm = mm;
	st->footprint = footprint;
	st->adj = adj;
	if (!(st->flags & OOM_STATE_ESTIMATED)) {
		st->frees = footprint;
		st->how = OOM_FREES_COUNTERS;
	} else {
		st->frees = min(st->frees, footprint);
	}
}

/*
 * Read whether @parent is a candidate of this OOM, and its inputs, into
 * @pst if this pass has not yet: its own visit may not have kept them (a
 * process that loses on its counters keeps nothing), or not come yet (a
 * memcg's tasks come in no particular order).  The checks are those of
 * oom_evaluate_task(); an OOM victim or an OOM origin counts as no
 * candidate.
 */
static void oom_stamp_parent(struct oom_control *oc, struct task_struct *parent,
			     struct oom_badness_state *pst)
{
	unsigned long footprint;
	struct mm_struct *mm;
	long adj;

	pst->flags |= OOM_STATE_VISITED;
	/* an OOM origin is oom_evaluate_task()'s to choose, never ours */
	if (!oom_task_in_scope(oc, parent) || tsk_is_oom_victim(parent) ||
	    oom_task_origin(parent))
		return;
	mm = oom_task_footprint(parent, &footprint, &adj);
	if (!mm)
		return;
	oom_state_candidate(pst, mm, footprint, adj);
}

/*
 * Add the own score of @task (its mm, footprint, what it frees and its
 * oom_score_adj as read for this pass; @st its state) to the share of the
 * process that forked it, which may then be chosen in turn.  Nothing is
 * added by an OOM victim, by a process that shares its parent's mm, or to
 * a parent that is no candidate.
 */
static void oom_add_share(struct oom_control *oc, struct task_struct *task,
			  struct oom_badness_state *st, struct mm_struct *mm,
			  unsigned long footprint, unsigned long frees, long adj)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_badness_state *pst;
	struct task_struct *parent;

	if (footprint < ctx->share_min)
		return;
	rcu_read_lock();
	/* a task already released may point to a parent that is gone */
	if (!pid_alive(task))
		goto out;
	parent = oom_share_parent(task);
	/* a second pass empties what the first one left in it */
	pst = oom_state(ctx, parent);
	if (!(pst->flags & OOM_STATE_VISITED))
		oom_stamp_parent(oc, parent, pst);
	if (oom_share_refused(pst, mm, task))
		goto out;
	/*
	 * Walk the child for its parent's sake only if the parent could win
	 * with the child's counters.  A deferring pass adds the counters, and
	 * marks a parent whose share or child pick a walk could change.
	 */
	if (ctx->defer) {
		if (footprint >= ctx->walk_min)
			pst->flags |= OOM_STATE_SHARE_WALKABLE;
	} else if (ctx->rank_all || oc->chosen == parent ||
		   oom_badness_beats(oom_state_bound(ctx, pst,
						     oom_own_score(footprint, adj,
								   ctx->adj_unit),
						     oc->totalpages),
				     oc->chosen_points)) {
		oom_estimate(ctx, task, st, true);
		frees = st->frees;
	}
	pst->children = size_add(pst->children,
				 oom_own_score(frees, adj, ctx->adj_unit));
	/* room for the short path's unchecked adds, see OOM_QUICK_MAX */
	if (ctx->quick)
		pst->children = min(pst->children, OOM_SHARE_QUICK_MAX);
	if (ctx->defer)
		oom_list_parent(ctx, parent, pst);
	else
		oom_consider(oc, parent, pst);
out:
	rcu_read_unlock();
}

static void oom_evaluate_by_frees(struct oom_control *oc,
				  struct task_struct *task,
				  struct oom_badness_state *st)
{
	struct oom_badness_ctx *ctx = oc->policy;
	long points;

	/* the stock score on the counters bounds the one on the estimate */
	if (!ctx->rank_all &&
	    !oom_badness_beats(oom_points_finish(st->footprint, st->adj,
						 ctx->adj_unit,
						 oc->totalpages),
			       oc->chosen_points))
		return;
	oom_estimate(ctx, task, st, true);
	/* the factors do not count here; the ranking view shows them anyway */
	if (ctx->rank_all)
		oom_gather(ctx, task, st);
	points = oom_points_finish(st->frees, st->adj, ctx->adj_unit,
				   oc->totalpages);
	if (oom_badness_beats(points, oc->chosen_points))
		oom_choose(oc, task, points);
}

/**
 * oom_badness_visit - score one candidate of a classic-policy OOM
 * @oc: the OOM; oc->policy set up by oom_badness_begin()
 * @task: a thread group leader oom_evaluate_task() found eligible, kept
 *	alive by the caller (RCU for the global walk, the css iterator's
 *	reference for a memcg walk)
 * @mm: the mm oom_task_footprint() read @footprint and @adj from, or NULL
 *	if @task must not be killed (compared, never dereferenced)
 * @footprint: its stock footprint, pages
 * @adj: its oom_score_adj
 *
 * Scores @task and chooses it when it beats the best so far (ties go to
 * the first), and adds its own score to the share of the process that
 * forked it, which may then be chosen in turn.  The walk calls
 * oom_badness_evaluate(), which leaves here what its short path does not
 * settle.  Runs in the caller's context: never sleeps, allocates nothing
 * and takes no children list lock; the estimate of what a kill frees
 * walks page tables with the mmap lock tried, within the OOM's walk
 * budget.
 */
void oom_badness_visit(struct oom_control *oc, struct task_struct *task,
		       struct mm_struct *mm, unsigned long footprint, long adj)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_badness_state *st;

	st = oom_state(ctx, task);
	st->flags |= OOM_STATE_VISITED;
	if (!mm)
		return;
	oom_state_candidate(st, mm, footprint, adj);

	if (ctx->by_frees) {
		oom_evaluate_by_frees(oc, task, st);
		return;
	}
	oom_add_share(oc, task, st, mm, footprint, st->frees, adj);
	oom_consider(oc, task, st);
}

/**
 * oom_badness_win - a candidate that beats the best so far on its counters
 * @oc: the OOM, in a quick deferring pass
 * @task: the candidate, kept alive by the walk
 * @mm: the mm @footprint and @adj were read from
 * @footprint: its stock footprint, pages
 * @adj: its oom_score_adj
 * @points: its points on the counters, no share, no divisor
 *
 * What oom_badness_visit() does, for the short path, which has already
 * added @task's score to its parent's share: the cheap factors are read,
 * and if @task still beats the chosen it takes its place.  A process some
 * child of which came before it has the whole look, share and all.  As in
 * oom_badness_visit(), its first child to come puts it on the pass's list
 * of parents: the list's order decides ties.
 */
void oom_badness_win(struct oom_control *oc, struct task_struct *task,
		     struct mm_struct *mm, unsigned long footprint, long adj,
		     long points)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_badness_state *st = oom_state(ctx, task);

	st->flags |= OOM_STATE_VISITED;
	oom_state_candidate(st, mm, footprint, adj);
	if (st->children) {
		oom_consider(oc, task, st);
	} else {
		oom_cheap_factors(ctx, task, st);
		/* without a divisor, the bound is the points on the counters */
		if (st->cpu_div > 1 || st->age_div > 1)
			points = oom_state_bound(ctx, st, 0, oc->totalpages);
		if (oom_beats_chosen(oc, points)) {
			/* the one it displaces is a runner-up now */
			if (oc->chosen)
				oom_lost(ctx, oc->chosen_points);
			oom_choose(oc, task, points);
		} else {
			oom_lost(ctx, points);
		}
	}
}

/**
 * oom_badness_resolve - finish a selection whose pass ranked on bounds
 * @oc: the OOM, after a pass over every candidate
 *
 * A first pass walks neither page tables nor threads and asks no LSM:
 * each candidate is ranked on its counters, which bound what a page-table
 * walk can find, on a lower bound of its CPU time and without capability
 * divisors, which can only raise its score; the most any candidate but the
 * chosen can score is kept.  Only the chosen is walked and gathered, here,
 * outside the pass.  If its score still beats every other candidate's
 * bound, or did not move, the pass chose what scoring every candidate that
 * could win in full would have chosen, and the selection is over.
 * Otherwise (its kill frees less than the counters said, as in a
 * copy-on-write family, it holds a capability, its threads used more CPU
 * than the bound said, or its share counted children a walk could lower)
 * the pass is done again the way the stock walk goes, scoring candidates
 * in full as it meets them (what was walked or gathered here is not done
 * again): the caller repeats it.  Called with oom_lock held, outside the
 * pass's RCU section; may walk one mm, within the budget, and the chosen's
 * threads.
 *
 * Return: true if the caller must pass over the candidates again.
 */
bool oom_badness_resolve(struct oom_control *oc)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct task_struct *task = oc->chosen;
	struct oom_badness_state *st;
	struct oom_badness_input in;
	unsigned int cpu_div;
	bool as_ranked;
	long points;

	if (!ctx)
		return false;
	if (ctx->first) {
		/* after the second pass: should it find none, the first stands */
		if (!task) {
			oc->chosen = ctx->first;
			oc->chosen_points = ctx->first_points;
			ctx->chosen = ctx->first;
		} else {
			put_task_struct(ctx->first);
		}
		ctx->first = NULL;
		return false;
	}
	if (!ctx->defer)
		return false;
	/* the parents children added to, with their whole share */
	oom_review_parents(oc, task != (void *)-1UL);
	task = oc->chosen;
	oom_chosen_refresh(oc);
	ctx->defer = false;
	ctx->quick = OOM_QUICK_NONE;
	if (!ctx->t.children_percent)
		ctx->share_min = ULONG_MAX;
	/* nothing chosen, a victim already on its way, or the stock rule */
	if (!task || task == (void *)-1UL || task != ctx->chosen)
		return false;
	st = &task->signal->oom_badness;
	cpu_div = st->cpu_div;
	/* ranked on bounds of its CPU time and capabilities: now read them */
	oom_gather(ctx, task, st);
	oom_state_input(st, &in);
	points = oom_badness_points(&in, &ctx->t, oc->totalpages, NULL);
	/*
	 * "Did not move" must hold for the inputs, not the result: a score
	 * capped at totalpages can come out equal with a divisor that the
	 * pass did not count, and other candidates may then have been
	 * stopped by a bound the exact score never reached.
	 */
	as_ranked = !(st->flags & (OOM_STATE_ROOT | OOM_STATE_RAWIO)) &&
		    st->cpu_div == cpu_div;
	if (st->flags & OOM_STATE_SHARE_WALKABLE) {
		ctx->repass = OOM_REPASS_SHARE;
	} else if (!(as_ranked && points == oc->chosen_points) &&
		   !oom_badness_beats(points, ctx->runner_up)) {
		ctx->repass = OOM_REPASS_FACTORS;
	} else {
		oom_estimate(ctx, task, st, true);
		in.frees = st->frees;
		points = oom_badness_points(&in, &ctx->t, oc->totalpages, NULL);
		as_ranked &= st->frees == st->footprint;
		if ((as_ranked && points == oc->chosen_points) ||
		    oom_badness_beats(points, ctx->runner_up)) {
			oc->chosen_points = points;
			return false;
		}
		ctx->repass = OOM_REPASS_FREES;
	}
	/* keep the reference until the second pass has chosen */
	ctx->first = task;
	ctx->first_points = points;
	oc->chosen = NULL;
	oc->chosen_points = LONG_MIN;
	ctx->chosen = NULL;
	/* oom_state() empties each state again, keeping the estimates */
	ctx->passes++;
	return true;
}

/* ------------------------------------------------------------------------
 * Children of one process, for /proc/<pid>/oom_score and the child pick.
 */

/*
 * Visit the children, forked by any thread of @p, under tasklist_lock read
 * held, letting a waiting writer (fork, exit) in between two children: the
 * lock is dropped when contended.  Under rcu_read_lock() throughout, so a
 * child seen on the list stays valid memory across a drop; if it left the
 * list meanwhile, the visit ends there.  @fn returns false to stop.  The
 * caller keeps @p alive.
 */
typedef bool (*oom_child_fn)(struct task_struct *child, void *arg);

static noinline void oom_visit_children(struct task_struct *p, void *arg,
					oom_child_fn fn)
{
	struct task_struct *t, *child;

	rcu_read_lock();
	read_lock(&tasklist_lock);
	for_each_thread(p, t) {
		list_for_each_entry(child, &t->children, sibling) {
			if (!fn(child, arg))
				goto out;
			if (!rwlock_is_contended(&tasklist_lock))
				continue;
			read_unlock(&tasklist_lock);
			cpu_relax();
			read_lock(&tasklist_lock);
			if (child->real_parent != t ||
			    list_empty(&child->sibling))
				goto out;
		}
	}
out:
	read_unlock(&tasklist_lock);
	rcu_read_unlock();
}

struct oom_proc_share {
	struct task_struct *parent;
	unsigned long totalpages;
	unsigned long sum;
};

/* A child's own score on its counters, in the global scope. */
static bool oom_proc_child(struct task_struct *child, void *arg)
{
	struct oom_proc_share *s = arg;
	unsigned long footprint;
	struct mm_struct *mm;
	long adj;

	mm = oom_task_footprint(child, &footprint, &adj);
	if (mm && !tsk_is_oom_victim(child) &&
	    !process_shares_mm(s->parent, mm))
		s->sum = size_add(s->sum, oom_child_own_score(footprint, adj,
							      s->totalpages));
	return true;
}

/**
 * oom_badness_proc - the classic score of a task outside any OOM
 * @task: the task, referenced by the caller
 * @footprint: its stock footprint
 * @adj: its oom_score_adj, not OOM_SCORE_ADJ_MIN
 * @totalpages: RAM + swap, in pages
 *
 * For /proc/<pid>/oom_score: the classic score on the counters, in the
 * global scope, with the current tunables.  No page table is walked: what
 * a kill frees is taken to be the footprint, for the task and for its
 * children.
 *
 * Return: the points.
 */
long oom_badness_proc(struct task_struct *task, unsigned long footprint,
		      long adj, unsigned long totalpages)
{
	struct oom_badness_ctx ctx = { };
	struct oom_badness_state st = { .footprint = footprint, .adj = adj };
	struct oom_badness_input in;
	struct oom_proc_share share = {
		.parent = task, .totalpages = totalpages,
	};

	oom_badness_read_tunables(&ctx.t);
	ctx.boottime = ktime_get_coarse_boottime_ns();
	st.frees = footprint;
	oom_gather(&ctx, task, &st);
	if (ctx.t.children_percent)
		oom_visit_children(task, &share, oom_proc_child);
	st.children = share.sum;
	oom_state_input(&st, &in);
	return oom_badness_points(&in, &ctx.t, totalpages, NULL);
}

/* ------------------------------------------------------------------------
 * The child-before-parent rule and its guard.
 */

struct oom_pick_walk {
	struct oom_control *oc;
	struct task_struct *parent;
	struct oom_child_pick *pick;
	unsigned long parent_frees;
	short parent_adj;
	unsigned int min_percent;
	struct task_struct *best;
	struct task_struct *best_thread;
};

static bool oom_pick_visit(struct task_struct *child, void *arg)
{
	struct oom_pick_walk *w = arg;
	struct oom_control *oc = w->oc;
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_child_pick *pick = w->pick;
	struct oom_badness_state cst = { };
	struct oom_badness_input in;
	struct oom_badness_state *st;
	long points;
	unsigned long footprint;
	struct mm_struct *mm;
	long adj;

	mm = oom_task_footprint(child, &footprint, &adj);
	if (!mm || process_shares_mm(w->parent, mm))
		return true;	/* a zombie, -1000, vfork, CLONE_VM: none */
	pick->seen++;
	if (tsk_is_oom_victim(child) || !oom_task_in_scope(oc, child))
		return true;

	/* the estimate of this OOM if the selection made one */
	st = &child->signal->oom_badness;
	cst.footprint = footprint;
	cst.frees = footprint;
	cst.how = OOM_FREES_COUNTERS;
	if (st->seq == ctx->seq && (st->flags & OOM_STATE_ESTIMATED)) {
		cst.frees = st->frees;
		cst.how = st->how;
	}
	cst.adj = adj;
	if (!oom_child_may_die_for(oom_child_own_score(cst.frees, adj,
						       oc->totalpages),
				   adj, w->parent_adj)) {
		pick->protected++;
		return true;
	}
	if (!oom_child_big_enough(w->parent_frees, cst.frees, w->min_percent)) {
		pick->small++;
		return true;
	}
	/*
	 * As in the selection, a child is looked at more closely only while
	 * it can still beat the best one so far: its counters, then the cheap
	 * divisors, then the thread walk and the capabilities.
	 */
	if (w->best) {
		if (!oom_badness_beats(oom_badness_bound(cst.frees, 0, 1, 1, adj,
							 oc->totalpages),
				       pick->child_points))
			return true;
		oom_cheap_factors(ctx, child, &cst);
		if (!oom_badness_beats(oom_state_bound(ctx, &cst, 0,
						       oc->totalpages),
				       pick->child_points))
			return true;
	}
	oom_gather(ctx, child, &cst);
	oom_state_input(&cst, &in);
	points = oom_badness_points(&in, &ctx->t, oc->totalpages, NULL);
	if (w->best && !oom_badness_beats(points, pick->child_points))
		return true;
	w->best = child;
	w->best_thread = child->real_parent;
	pick->child_points = points;
	pick->child_footprint = footprint;
	pick->child_frees = cst.frees;
	pick->child_how = cst.how;
	return true;
}

/* Called with tasklist_lock dropped: take @w->best if still a child. */
static struct task_struct *oom_pick_take(struct oom_pick_walk *w)
{
	struct task_struct *best = NULL;

	if (!w->best)
		return NULL;
	rcu_read_lock();
	read_lock(&tasklist_lock);
	if (w->best->real_parent == w->best_thread &&
	    !list_empty(&w->best->sibling)) {
		best = w->best;
		get_task_struct(best);
	}
	read_unlock(&tasklist_lock);
	rcu_read_unlock();
	return best;
}

/**
 * oom_badness_pick_child - the child-before-parent rule of the classic policy
 * @oc: the OOM, with oc->chosen selected by oom_badness_evaluate()
 * @victim: oc->chosen; replaced by the child that is to die instead
 *
 * Among the children of oc->chosen (forked by any of its threads) that have
 * their own mm and memory, that this OOM could kill, whose own score is
 * positive, whose oom_score_adj is not lower than the parent's and whose
 * kill frees at least vm.oom_child_min_percent of what the parent's frees,
 * the one with the highest classic score (the first on a tie) dies in the
 * parent's place.  In a further kill of an episode the child must free at
 * least as much as the parent.  If a child was already sacrificed for this
 * parent within vm.oom_child_guard_secs, the parent dies unless the child
 * the rule picks frees more than it does.
 *
 * Return: true if *@victim was replaced; the policy then keeps the
 * reference oc->chosen held until oom_badness_killed(), and *@victim holds
 * one for the kill.
 */
bool oom_badness_pick_child(struct oom_control *oc, struct task_struct **victim)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_child_pick *pick = &ctx->pick;
	struct task_struct *parent = oc->chosen;
	struct signal_struct *sig;
	struct oom_pick_walk w = {
		.oc = oc, .parent = parent, .pick = pick,
	};

	if (!oom_badness_classic(oc) || ctx->chosen != parent ||
	    *victim != parent || !ctx->t.prefer_children)
		return false;
	lockdep_assert_held(&oom_lock);
	sig = parent->signal;
	pick->considered = true;
	w.parent_frees = sig->oom_badness.frees;
	w.parent_adj = sig->oom_badness.adj;
	w.min_percent = ctx->by_frees ? 100 : ctx->t.child_min_percent;
	pick->min_percent = w.min_percent;

	oom_visit_children(parent, &w, oom_pick_visit);

	if (!ctx->by_frees &&
	    oom_child_guard_active(sig->oom_badness.sacrifice_stamp, ctx->now,
				   ctx->t.child_guard_secs)) {
		pick->guarded = true;
		pick->guard_pid = sig->oom_badness.sacrifice_pid;
		pick->guard_ms = jiffies64_to_msecs(ctx->now -
					sig->oom_badness.sacrifice_stamp);
		if (!w.best || oom_guard_kills_parent(w.parent_frees,
						      pick->child_frees))
			return false;
		pick->guard_spared = true;
	}
	pick->child = oom_pick_take(&w);
	if (!pick->child) {
		pick->guard_spared = false;
		return false;
	}
	pick->parent = parent;
	*victim = pick->child;
	return true;
}

/* ------------------------------------------------------------------------
 * Starting, explaining and ending an OOM.
 */

static struct oom_episode *oom_scope_episode(struct oom_control *oc)
{
#ifdef CONFIG_MEMCG
	if (oc->memcg)
		return &oc->memcg->oom_episode;
#endif
	return &oom_global_episode;
}

/* Does a memcg's swap count apart from its memory (cgroup v2)? */
static bool oom_memcg_swap_apart(void)
{
#ifdef CONFIG_MEMCG
	return cgroup_subsys_on_dfl(memory_cgrp_subsys);
#else
	return true;
#endif
}

/**
 * oom_badness_begin - set up the policy's state for one OOM
 * @oc: the OOM, its constraint and totalpages computed
 * @ctx: storage on the caller's stack, valid until oom_badness_end()
 *
 * Takes the snapshot of the tunables every decision of this OOM uses.
 * Under the classic policy it also finds the OOM's episode and the scope
 * of the estimate.  Called with oom_lock held.
 */
void oom_badness_begin(struct oom_control *oc, struct oom_badness_ctx *ctx)
{
	struct oom_episode *ep;

	oc->policy = ctx;
	if (READ_ONCE(sysctl_oom_badness_policy) != OOM_BADNESS_CLASSIC) {
		/* the stock policy: what the hooks read before they return */
		ctx->t.policy = OOM_BADNESS_FOOTPRINT;
		ctx->first = NULL;
		ctx->defer = false;
		ctx->chosen = NULL;
		ctx->victim = NULL;
		ctx->pick.parent = NULL;
		ctx->pick.child = NULL;
		ctx->parents = NULL;
		ctx->parents_tail = &ctx->parents;
		return;
	}
	lockdep_assert_held(&oom_lock);
	memset(ctx, 0, sizeof(*ctx));
	ctx->parents_tail = &ctx->parents;
	oom_badness_read_tunables(&ctx->t);
	/* what the first read decided, even if the sysctl changed since */
	ctx->t.policy = OOM_BADNESS_CLASSIC;

	ctx->seq = ++oom_selection_seq ?: ++oom_selection_seq;
	ctx->now = get_jiffies_64();
	ctx->boottime = ktime_get_coarse_boottime_ns();
	ep = oom_scope_episode(oc);
	ctx->episode = ep;
	if (oom_episode_continues(ep->last, ep->epoch, ctx->now,
				  READ_ONCE(oom_episode_epoch),
				  ctx->t.episode_secs)) {
		ctx->episode_id = ep->id;
		ctx->kill_nr = ep->kills + 1;
	} else {
		ctx->episode_id = ++oom_episode_next_id ?: ++oom_episode_next_id;
		ctx->kill_nr = 1;
	}
	ctx->by_frees = ctx->kill_nr > 1;
	/*
	 * Rank on bounds first (the counters, a lower bound of CPU time),
	 * and refine only the candidate they choose.
	 */
	ctx->defer = !ctx->by_frees;
	ctx->runner_up = LONG_MIN;
	ctx->adj_unit = oom_adj_unit(oc->totalpages);
	if (ctx->defer && oc->totalpages <= OOM_QUICK_MAX)
		ctx->quick = oc->memcg ? OOM_QUICK_MEMCG : OOM_QUICK_WALK;

	ctx->walk_left = ctx->t.walk_budget;
	/* without a budget nothing is walked, and no share waits for a walk */
	ctx->walk_min = ctx->t.walk_budget ?
			oom_walk_min_pages(oc->totalpages) : ULONG_MAX;
	/*
	 * Without a share, a deferring pass still marks the parents of
	 * children big enough to walk, for the child pick's sake.
	 */
	if (ctx->t.children_percent)
		ctx->share_min = 0;
	else if (ctx->defer && ctx->t.prefer_children)
		ctx->share_min = ctx->walk_min;
	else
		ctx->share_min = ULONG_MAX;
	ctx->push_max = min(ctx->walk_min, OOM_QUICK_MAX);
	ctx->memcg = oc->memcg;
	if (oc->constraint == CONSTRAINT_MEMORY_POLICY)
		ctx->nodes = oc->nodemask;
	else if (oc->constraint == CONSTRAINT_CPUSET)
		ctx->nodes = &cpuset_current_mems_allowed;
	/*
	 * A swap slot holds no RAM unless the device keeps its data in RAM
	 * (zram: SWP_SYNCHRONOUS_IO); a cgroup v2 memcg charges swap apart
	 * from memory.current; a node-constrained OOM needs pages on nodes.
	 */
	if (ctx->nodes)
		ctx->swap_helps = OOM_SWAP_NEVER;
	else if (ctx->memcg)
		ctx->swap_helps = oom_memcg_swap_apart() ? OOM_SWAP_NEVER :
							   OOM_SWAP_ANY;
	else
		ctx->swap_helps = OOM_SWAP_RAM;
}

/**
 * oom_badness_end - release what oom_badness_begin() and the OOM took
 * @oc: the OOM
 */
void oom_badness_end(struct oom_control *oc)
{
	struct oom_badness_ctx *ctx = oc->policy;

	if (!ctx)
		return;
	oom_review_parents(oc, false);
	if (ctx->first)
		put_task_struct(ctx->first);
	if (ctx->victim)
		put_task_struct(ctx->victim);
	oc->policy = NULL;
}

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

static const char * const oom_repass_text[] = {
	[OOM_REPASS_FREES] = "frees less than another candidate might",
	[OOM_REPASS_FACTORS] =
		"scores less than another candidate might with its capabilities and CPU time",
	[OOM_REPASS_SHARE] =
		"has children whose walks could change its share or its child pick",
};

static const char * const oom_frees_how_text[] = {
	[OOM_FREES_COUNTERS]	= "counters",
	[OOM_FREES_WALKED]	= "walked",
	[OOM_FREES_PARTLY]	= "partly walked",
	[OOM_FREES_CONTENDED]	= "counters: mmap lock contended",
	[OOM_FREES_NO_BUDGET]	= "counters: walk budget spent",
};

/**
 * oom_badness_report - explain an OOM kill in the kernel log
 * @oc: the OOM
 * @victim: the task about to be killed
 *
 * Under the classic policy: a line on the episode for a further kill of
 * one, the selected process with every factor, and what the child rule
 * decided, if it had anything to decide.  Nothing under policy 0, nor for
 * a kill no selection chose (OOM origin, oom_kill_allocating_task).
 */
void oom_badness_report(struct oom_control *oc, struct task_struct *victim)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_child_pick *pick = &ctx->pick;
	struct task_struct *sel = pick->child ? pick->parent : victim;
	struct oom_badness_breakdown bd = { };
	struct oom_badness_state *st;
	struct oom_badness_input in;
	struct oom_episode *ep;
	u32 cpu_ms;
	u64 cpu_ns;

	if (!oom_badness_classic(oc))
		return;
	get_task_struct(victim);
	ctx->victim = victim;
	if (ctx->chosen != sel)
		return;
	st = &sel->signal->oom_badness;
	ep = ctx->episode;
	oom_state_input(st, &in);
	if (ctx->by_frees)
		bd.points = oc->chosen_points;
	else
		oom_badness_points(&in, &ctx->t, oc->totalpages, &bd);

	if (ctx->walks || ctx->fallbacks)
		pr_info("freeable estimate: %u mms walked, %lu page-table entries in %lluus, %u fell back to the counters, budget %u, %u VMAs no fork shared not walked\n",
			ctx->walks, ctx->walked, div_u64(ctx->walk_ns, 1000),
			ctx->fallbacks, ctx->t.walk_budget,
			ctx->exclusive_vmas);
	if (ctx->fallbacks)
		pr_info("fell back to the counters: %u with the mmap lock contended, %u with the walk budget spent; the largest of them %d (%s) footprint=%lukB (%s)\n",
			ctx->fb_contended, ctx->fb_budget, ctx->fb_pid,
			ctx->fb_comm, K(ctx->fb_footprint),
			oom_frees_how_text[ctx->fb_how]);
	if (ctx->passes)
		pr_info("ranked again, scoring in full as it went: the first pass's choice, ranked on bounds, %s\n",
			oom_repass_text[ctx->repass]);
	if (ctx->by_frees) {
		pr_info("kill %u of an OOM episode: %d (%s) was killed %llums ago and memory ran out again: ranking by what a kill frees\n",
			ctx->kill_nr, ep->last_pid, ep->last_comm,
			jiffies64_to_msecs(ctx->now - ep->last));
		pr_info("selected %d (%s) policy=classic order=freeable points=%ld footprint=%lukB freeable=%lukB(%s) oom_score_adj=%d\n",
			task_pid_nr(sel), sel->comm, bd.points,
			K(st->footprint), K(st->frees),
			oom_frees_how_text[st->how], st->adj);
	} else {
		/* the score may have needed only bounds of it: show it all */
		cpu_ns = oom_group_cputime(sel, false);
		div_u64_rem(div_u64(cpu_ns, NSEC_PER_MSEC), MSEC_PER_SEC,
			    &cpu_ms);
		pr_info("selected %d (%s) policy=classic points=%ld footprint=%lukB freeable=%lukB(%s) children=%lukB added=%lukB cpu=%llu.%03us/%u age=%llus/%u root=%d/%u rawio=%d/%u oom_score_adj=%d\n",
			task_pid_nr(sel), sel->comm, bd.points,
			K(st->footprint), K(st->frees),
			oom_frees_how_text[st->how], K(in.children),
			K(bd.share), div_u64(cpu_ns, NSEC_PER_SEC),
			cpu_ms,
			bd.cpu_div, div_u64(in.age_ns, NSEC_PER_SEC),
			bd.age_div, in.root, bd.root_div, in.rawio,
			bd.rawio_div, in.adj);
	}

	if (pick->child && pick->guard_spared)
		pr_info("sacrificing child %d (%s) points=%ld freeable=%lukB(%s) for parent %d (%s) freeable=%lukB(%s) again: its child %d was sacrificed %llums ago, but the parent's kill frees less than this child's\n",
			task_pid_nr(pick->child), pick->child->comm,
			pick->child_points, K(pick->child_frees),
			oom_frees_how_text[pick->child_how],
			task_pid_nr(sel), sel->comm, K(st->frees),
			oom_frees_how_text[st->how], pick->guard_pid,
			pick->guard_ms);
	else if (pick->child)
		pr_info("sacrificing child %d (%s) points=%ld footprint=%lukB freeable=%lukB(%s) for parent %d (%s) points=%ld footprint=%lukB freeable=%lukB(%s)\n",
			task_pid_nr(pick->child), pick->child->comm,
			pick->child_points, K(pick->child_footprint),
			K(pick->child_frees),
			oom_frees_how_text[pick->child_how], task_pid_nr(sel),
			sel->comm, bd.points, K(st->footprint), K(st->frees),
			oom_frees_how_text[st->how]);
	else if (pick->guarded)
		pr_info("killing parent %d (%s) itself: its child %d was sacrificed %llums ago and memory ran out again; the parent frees %lukB, its best child %lukB\n",
			task_pid_nr(sel), sel->comm, pick->guard_pid,
			pick->guard_ms, K(st->frees), K(pick->child_frees));
	else if (pick->considered && pick->seen)
		pr_info("no child of %d (%s) sacrificed: %u children considered, %u eligible ones below %u%% of the parent's %lukB, %u kept for their oom_score_adj or for freeing nothing\n",
			task_pid_nr(sel), sel->comm, pick->seen, pick->small,
			pick->min_percent, K(st->frees), pick->protected);
}

/**
 * oom_badness_killed - book-keeping after __oom_kill_process()
 * @oc: the OOM
 *
 * The guard is armed and the episode counts the kill only if the victim
 * really became one: __oom_kill_process() skips a task already exiting.
 */
void oom_badness_killed(struct oom_control *oc)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_child_pick *pick = &ctx->pick;
	struct task_struct *victim = ctx->victim;
	struct oom_episode *ep;
	bool killed;

	if (!victim)
		goto out;
	lockdep_assert_held(&oom_lock);
	killed = tsk_is_oom_victim(victim);
	if (killed && pick->child) {
		struct signal_struct *sig = pick->parent->signal;

		sig->oom_badness.sacrifice_stamp = ctx->now ?: 1;
		sig->oom_badness.sacrifice_pid = task_pid_nr(victim);
	}
	ep = ctx->episode;
	if (killed && ep) {
		if (ctx->kill_nr == 1)
			ep->id = ctx->episode_id;
		ep->last = ctx->now ?: 1;
		ep->epoch = READ_ONCE(oom_episode_epoch);
		ep->kills = ctx->kill_nr;
		ep->last_pid = task_pid_nr(victim);
		get_task_comm(ep->last_comm, victim);
	}
out:
	if (pick->parent)
		put_task_struct(pick->parent);
	pick->parent = NULL;
}

/* ------------------------------------------------------------------------
 * The ranking view: /sys/kernel/debug/oom_badness/ranking.
 *
 * Who the next OOM would kill, and why: every candidate scored in full
 * under oom_lock, as a real OOM of the same scope would score it (the walks
 * within the same budget, in the order of the pass: a real OOM walks its
 * first choice first), without killing anyone.  Debugfs, not ABI: the
 * format may change.  Write "memcg PATH" (a cgroup v2 path) or "global"
 * before reading to choose the scope.  A reader without CAP_SYS_ADMIN sees
 * only the processes it may ptrace-read, by their pids in its namespace.
 */
#ifdef CONFIG_DEBUG_FS
#include <linux/debugfs.h>
#include <linux/pid_namespace.h>
#include <linux/ptrace.h>
#include <linux/sched/stat.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>

#define OOM_VIEW_PICKS	8	/* candidates whose child pick is shown */

struct oom_view_entry {
	struct pid *pid;
	char comm[TASK_COMM_LEN];
	unsigned int order;		/* visit order, for ties */
	long points;
	struct oom_badness_state st;
	struct oom_badness_breakdown bd;
	bool picked;			/* the child rule was asked */
	struct oom_child_pick pick;
	pid_t pick_pid;
	char pick_comm[TASK_COMM_LEN];
};

struct oom_view {
	char memcg_path[256];		/* empty: global */
	struct oom_view_entry *e;
	unsigned int n, cap, lost;
	struct oom_badness_ctx ctx;
	unsigned long totalpages;
	pid_t waiting;			/* an exiting victim the OOM waits for */
	u64 episode_ms;			/* since the scope's last kill */
	pid_t last_pid;
	char last_comm[TASK_COMM_LEN];
	int err;
};

struct oom_view_walk {
	struct oom_control *oc;
	struct oom_view *v;
	bool collect;
};

/* The checks oom_evaluate_task() makes before it scores a task. */
static bool oom_view_candidate(struct oom_control *oc, struct oom_view *v,
			       struct task_struct *task)
{
	if (!oom_task_in_scope(oc, task))
		return false;
	if (tsk_is_oom_victim(task) &&
	    !test_bit(MMF_OOM_SKIP, &task->signal->oom_mm->flags)) {
		v->waiting = task_pid_nr(task);
		return false;
	}
	return true;
}

static void oom_view_collect(struct oom_control *oc, struct oom_view *v,
			     struct task_struct *task)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_badness_state *st = &task->signal->oom_badness;
	struct oom_view_entry *e;
	struct oom_badness_input in;
	unsigned long footprint;
	long adj;

	if (v->n >= v->cap) {
		v->lost++;
		return;
	}
	e = &v->e[v->n];
	memset(e, 0, sizeof(*e));
	if (ctx->t.policy == OOM_BADNESS_CLASSIC) {
		if (st->seq != ctx->seq || !(st->flags & OOM_STATE_CANDIDATE))
			return;
		e->st = *st;
		oom_state_input(st, &in);
		e->points = oom_badness_points(&in, &ctx->t, oc->totalpages,
					       &e->bd);
		/* an episode's later kill ranks by what it frees alone */
		if (ctx->by_frees)
			e->points = oom_badness_bound(st->frees, 0, 1, 1, st->adj,
						      oc->totalpages);
	} else {
		/* policy 0: the stock score, and the estimate for the record */
		if (!oom_task_footprint(task, &footprint, &adj))
			return;
		e->st.footprint = footprint;
		e->st.adj = adj;
		e->points = footprint + adj * (long)(oc->totalpages / 1000);
		oom_estimate(ctx, task, &e->st, true);
	}
	e->pid = get_pid(task_tgid(task));
	get_task_comm(e->comm, task);
	e->order = v->n++;
}

static void oom_badness_view_visit(struct oom_control *oc,
				   struct task_struct *task)
{
	unsigned long footprint;
	struct mm_struct *mm;
	long adj;

	mm = oom_task_footprint(task, &footprint, &adj);
	oom_badness_visit(oc, task, mm, footprint, adj);
}

static void oom_view_visit(struct oom_view_walk *w, struct task_struct *task)
{
	if (!oom_view_candidate(w->oc, w->v, task))
		return;
	if (w->collect)
		oom_view_collect(w->oc, w->v, task);
	else if (oom_badness_classic(w->oc))
		oom_badness_view_visit(w->oc, task);
}

static int oom_view_memcg_visit(struct task_struct *task, void *arg)
{
	oom_view_visit(arg, task);
	return 0;
}

static void oom_view_pass(struct oom_control *oc, struct oom_view *v,
			  bool collect)
{
	struct oom_view_walk w = { .oc = oc, .v = v, .collect = collect };
	struct task_struct *p;

	if (oc->memcg) {
		mem_cgroup_scan_tasks(oc->memcg, oom_view_memcg_visit, &w);
		return;
	}
	rcu_read_lock();
	for_each_process(p)
		oom_view_visit(&w, p);
	rcu_read_unlock();
}

/* Highest first; on a tie the policy's winner first. */
static int oom_view_cmp(const void *a, const void *b, const void *priv)
{
	const struct oom_view_entry *x = a, *y = b;
	bool classic = *(const bool *)priv;

	if (x->points != y->points)
		return x->points > y->points ? -1 : 1;
	/* classic: the first visited wins a tie; stock: the last */
	return (x->order < y->order) == classic ? -1 : 1;
}

static void oom_view_swap(void *a, void *b, int size, const void *priv)
{
	struct oom_view_entry t = *(struct oom_view_entry *)a;

	*(struct oom_view_entry *)a = *(struct oom_view_entry *)b;
	*(struct oom_view_entry *)b = t;
}

/* What the child rule would do for @e, were it selected. */
static void oom_view_pick(struct oom_control *oc, struct oom_view_entry *e)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct task_struct *task, *victim;

	task = get_pid_task(e->pid, PIDTYPE_TGID);
	if (!task)
		return;
	memset(&ctx->pick, 0, sizeof(ctx->pick));
	oc->chosen = task;
	ctx->chosen = task;
	victim = task;
	e->picked = true;
	if (oom_badness_pick_child(oc, &victim)) {
		e->pick_pid = task_pid_nr(victim);
		get_task_comm(e->pick_comm, victim);
		put_task_struct(victim);
	}
	e->pick = ctx->pick;
	e->pick.parent = NULL;
	e->pick.child = NULL;
	ctx->chosen = NULL;
	oc->chosen = NULL;
	put_task_struct(task);
}

static int oom_view_compute(struct oom_view *v)
{
	struct oom_control oc = { .gfp_mask = GFP_KERNEL, .order = 0 };
	struct cgroup *cgrp = NULL;
	struct oom_episode *ep;
	unsigned int i;
	bool classic;

	v->cap = nr_processes() + 64;
	v->e = kvcalloc(v->cap, sizeof(*v->e), GFP_KERNEL);
	if (!v->e)
		return -ENOMEM;
	v->n = 0;
#ifdef CONFIG_MEMCG
	if (v->memcg_path[0]) {
		struct cgroup_subsys_state *css;

		cgrp = cgroup_get_from_path(v->memcg_path);
		if (IS_ERR(cgrp))
			return PTR_ERR(cgrp);
		css = cgroup_get_e_css(cgrp, &memory_cgrp_subsys);
		oc.memcg = mem_cgroup_from_css(css);
		if (css)
			css_put(css);
	}
#endif
	if (oc.memcg) {
		oc.totalpages = mem_cgroup_get_max(oc.memcg) ?: 1;
		oc.constraint = CONSTRAINT_MEMCG;
	} else {
		oc.totalpages = totalram_pages() + total_swap_pages;
		oc.constraint = CONSTRAINT_NONE;
	}
	v->totalpages = oc.totalpages;

	if (mutex_lock_killable(&oom_lock)) {
		if (cgrp)
			cgroup_put(cgrp);
		return -EINTR;
	}
	memset(&v->ctx, 0, sizeof(v->ctx));
	oom_badness_begin(&oc, &v->ctx);
	if (!v->ctx.seq) {
		/* policy 0 has no state of its own: number the walk anyway */
		oom_badness_read_tunables(&v->ctx.t);
		v->ctx.t.policy = OOM_BADNESS_FOOTPRINT;
		v->ctx.seq = ++oom_selection_seq ?: ++oom_selection_seq;
		v->ctx.now = get_jiffies_64();
		v->ctx.boottime = ktime_get_coarse_boottime_ns();
		v->ctx.walk_left = v->ctx.t.walk_budget;
		v->ctx.walk_min = oom_walk_min_pages(oc.totalpages);
		v->ctx.adj_unit = oom_adj_unit(oc.totalpages);
		v->ctx.memcg = oc.memcg;
		v->ctx.swap_helps = oc.memcg ? OOM_SWAP_NEVER : OOM_SWAP_RAM;
	}
	v->ctx.rank_all = true;
	v->ctx.defer = false;
	v->ctx.quick = OOM_QUICK_NONE;
	classic = oom_badness_classic(&oc);
	oom_view_pass(&oc, v, false);
	if (oc.chosen && oc.chosen != (void *)-1UL)
		put_task_struct(oc.chosen);
	oc.chosen = NULL;
	oc.chosen_points = LONG_MIN;
	oom_view_pass(&oc, v, true);
	sort_r(v->e, v->n, sizeof(*v->e), oom_view_cmp, oom_view_swap, &classic);
	for (i = 0; classic && v->ctx.t.prefer_children && i < min(v->n, OOM_VIEW_PICKS); i++)
		oom_view_pick(&oc, &v->e[i]);
	ep = v->ctx.episode;
	if (ep && ep->last) {
		v->episode_ms = jiffies64_to_msecs(v->ctx.now - ep->last);
		v->last_pid = ep->last_pid;
		memcpy(v->last_comm, ep->last_comm, sizeof(v->last_comm));
	}
	oom_badness_end(&oc);
	mutex_unlock(&oom_lock);
	if (cgrp)
		cgroup_put(cgrp);
	return 0;
}

/* The reader's pid for @pid, or 0 if it may not see it. */
static pid_t oom_view_pid(struct pid *pid, bool admin)
{
	struct task_struct *task;
	pid_t nr = pid_nr_ns(pid, task_active_pid_ns(current));

	if (!nr || admin)
		return nr;
	task = get_pid_task(pid, PIDTYPE_TGID);
	if (!task)
		return 0;
	if (!ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS))
		nr = 0;
	put_task_struct(task);
	return nr;
}

static int oom_view_show(struct seq_file *m, void *unused)
{
	struct oom_view *v = m->private;
	struct oom_badness_ctx *ctx = &v->ctx;
	bool admin = file_ns_capable(m->file, &init_user_ns, CAP_SYS_ADMIN);
	bool classic;
	unsigned int i, shown = 0;

	/* seq_read() may call again with a bigger buffer: compute once */
	if (!v->e && !v->err)
		v->err = oom_view_compute(v);
	if (v->err)
		return v->err;
	classic = ctx->t.policy == OOM_BADNESS_CLASSIC;
	for (i = 0; i < v->n; i++)
		shown += !!oom_view_pid(v->e[i].pid, admin);
	seq_printf(m, "policy=%s scope=%s totalpages=%lu order=%s kill=%u episode_ms=%lld last_victim=%d walks=%u entries=%lu fallbacks=%u budget=%u candidates=%u waiting=%d\n",
		   classic ? "classic" : "footprint",
		   v->memcg_path[0] ? v->memcg_path : "global", v->totalpages,
		   ctx->by_frees ? "freeable" : "score", classic ? ctx->kill_nr : 0,
		   classic && v->last_pid ? (long long)v->episode_ms : -1LL,
		   classic ? v->last_pid : 0, ctx->walks, ctx->walked,
		   ctx->fallbacks, ctx->t.walk_budget, admin ? v->n : shown,
		   v->waiting);
	for (i = 0; i < v->n; i++) {
		struct oom_view_entry *e = &v->e[i];
		struct oom_badness_state *st = &e->st;
		pid_t nr = oom_view_pid(e->pid, admin);

		if (i == 0) {
			bool child = e->pick_pid && e->picked;

			if (!nr) {
				seq_puts(m, "next hidden\n");
			} else {
				seq_printf(m, "next pid=%d points=%ld frees_kb=%lu via=%s parent=%d comm=%s\n",
					   child ? e->pick_pid : nr, e->points,
					   K(child ? e->pick.child_frees : st->frees),
					   child ? "child" : "self", child ? nr : 0,
					   child ? e->pick_comm : e->comm);
			}
		}
		if (!nr)
			continue;
		seq_printf(m, "cand rank=%u pid=%d points=%ld footprint_kb=%lu freeable_kb=%lu how=%s",
			   i + 1, nr, e->points, K(st->footprint), K(st->frees),
			   oom_frees_how_text[st->how]);
		if (classic)
			seq_printf(m, " children_kb=%lu share_kb=%lu cpu_ms=%llu cpu_div=%u age_s=%llu age_div=%u root=%d root_div=%u rawio=%d rawio_div=%u",
				   K(st->children), K(e->bd.share),
				   div_u64(st->cputime_ns, NSEC_PER_MSEC),
				   e->bd.cpu_div, div_u64(st->age_ns, NSEC_PER_SEC),
				   e->bd.age_div, !!(st->flags & OOM_STATE_ROOT),
				   e->bd.root_div, !!(st->flags & OOM_STATE_RAWIO),
				   e->bd.rawio_div);
		seq_printf(m, " adj=%d", st->adj);
		if (classic && oom_child_guard_active(st->sacrifice_stamp, ctx->now,
						      ctx->t.child_guard_secs))
			seq_printf(m, " guard_ms=%llu",
				   jiffies64_to_msecs(ctx->now - st->sacrifice_stamp));
		if (e->picked && e->pick_pid)
			seq_printf(m, " pick=%d%s", e->pick_pid,
				   e->pick.guard_spared ? " pick_why=guard-spared" : "");
		else if (e->picked)
			seq_printf(m, " pick=none pick_seen=%u pick_small=%u pick_kept=%u%s",
				   e->pick.seen, e->pick.small, e->pick.protected,
				   e->pick.guarded ? " pick_why=guard" : "");
		seq_printf(m, " comm=%s\n", e->comm);
	}
	if (v->lost)
		seq_printf(m, "lost %u candidates (the task count grew)\n", v->lost);
	return 0;
}

static int oom_view_open(struct inode *inode, struct file *file)
{
	struct oom_view *v = kzalloc(sizeof(*v), GFP_KERNEL);
	int ret;

	if (!v)
		return -ENOMEM;
	ret = single_open(file, oom_view_show, v);
	if (ret)
		kfree(v);
	return ret;
}

static void oom_view_forget(struct oom_view *v)
{
	unsigned int i;

	for (i = 0; v->e && i < v->n; i++)
		put_pid(v->e[i].pid);
	kvfree(v->e);
	v->e = NULL;
	v->n = 0;
	v->lost = 0;
	v->err = 0;
	v->waiting = 0;
	v->last_pid = 0;
}

static int oom_view_release(struct inode *inode, struct file *file)
{
	struct oom_view *v = ((struct seq_file *)file->private_data)->private;

	oom_view_forget(v);
	kfree(v);
	return single_release(inode, file);
}

/* "global", or "memcg PATH": the scope of the next read. */
static ssize_t oom_view_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	struct oom_view *v = ((struct seq_file *)file->private_data)->private;
	char buf[sizeof(v->memcg_path) + 8], *arg;
	const char *path;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	if (!strcmp(arg, "global"))
		path = "";
	else if (IS_ENABLED(CONFIG_MEMCG) && !strncmp(arg, "memcg /", 7))
		path = arg + 6;
	else
		return -EINVAL;
	/* a refused request leaves the scope and the last result as they were */
	oom_view_forget(v);
	strscpy(v->memcg_path, path, sizeof(v->memcg_path));
	return len;
}

static const struct file_operations oom_view_fops = {
	.owner		= THIS_MODULE,
	.open		= oom_view_open,
	.read		= seq_read,
	.write		= oom_view_write,
	.llseek		= seq_lseek,
	.release	= oom_view_release,
};

static int __init oom_view_init(void)
{
	struct dentry *dir = debugfs_create_dir("oom_badness", NULL);

	debugfs_create_file("ranking", 0644, dir, NULL, &oom_view_fops);
	return 0;
}
late_initcall(oom_view_init);
#endif /* CONFIG_DEBUG_FS */

/* ------------------------------------------------------------------------
 * Sysctls.
 */

#ifdef CONFIG_SYSCTL
static unsigned int oom_sysctl_divisor_max = OOM_BADNESS_DIVISOR_MAX;
static unsigned int oom_sysctl_cputime_max = OOM_BADNESS_CPUTIME_UNIT_MAX;
static unsigned int oom_sysctl_runtime_max = OOM_BADNESS_RUNTIME_UNIT_MAX;
static unsigned int oom_sysctl_guard_max = OOM_CHILD_GUARD_MAX;
static unsigned int oom_sysctl_budget_max = OOM_WALK_BUDGET_MAX;
static unsigned int oom_sysctl_episode_max = OOM_EPISODE_MAX;

/*
 * Strict writes: one decimal number in [extra1, extra2], optionally followed
 * by a newline, in a single write at offset 0 without NUL bytes, by a
 * CAP_SYS_ADMIN writer.  Anything else fails with -EINVAL (-EPERM for the
 * writer) and leaves the value alone.  The stock handlers accept "1 2"
 * (keeping 1) and partial writes; an OOM policy knob should not guess.
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
EXPORT_SYMBOL_IF_KUNIT(oom_badness_sysctl_handler);

/* A write of the episode window, even of the same value, ends episodes. */
static int oom_badness_episode_handler(const struct ctl_table *table,
				       int write, void *buffer, size_t *lenp,
				       loff_t *ppos)
{
	int ret = oom_badness_sysctl_handler(table, write, buffer, lenp, ppos);

	if (write && !ret)
		WRITE_ONCE(oom_episode_epoch, READ_ONCE(oom_episode_epoch) + 1);
	return ret;
}

#define OOM_SYSCTL(name, var, lo, hi, handler) {			\
	.procname	= name,						\
	.data		= &(var),					\
	.maxlen		= sizeof(unsigned int),				\
	.mode		= 0644,						\
	.proc_handler	= handler,					\
	.extra1		= (void *)(lo),					\
	.extra2		= (void *)(hi),					\
}

#define OOM_STRICT(name, var, lo, hi)					\
	OOM_SYSCTL(name, var, lo, hi, oom_badness_sysctl_handler)

VISIBLE_IF_KUNIT struct ctl_table oom_badness_sysctls[] = {
	OOM_STRICT("oom_badness_policy", sysctl_oom_badness_policy,
		   SYSCTL_ZERO, SYSCTL_ONE),
	OOM_STRICT("oom_badness_cputime_unit_ms",
		   sysctl_oom_badness_cputime_unit_ms,
		   SYSCTL_ZERO, &oom_sysctl_cputime_max),
	OOM_STRICT("oom_badness_runtime_unit_secs",
		   sysctl_oom_badness_runtime_unit_secs,
		   SYSCTL_ZERO, &oom_sysctl_runtime_max),
	OOM_STRICT("oom_badness_root_divisor", sysctl_oom_badness_root_divisor,
		   SYSCTL_ONE, &oom_sysctl_divisor_max),
	OOM_STRICT("oom_badness_rawio_divisor",
		   sysctl_oom_badness_rawio_divisor,
		   SYSCTL_ONE, &oom_sysctl_divisor_max),
	OOM_STRICT("oom_badness_children_percent",
		   sysctl_oom_badness_children_percent,
		   SYSCTL_ZERO, SYSCTL_ONE_HUNDRED),
	OOM_STRICT("oom_prefer_children", sysctl_oom_prefer_children,
		   SYSCTL_ZERO, SYSCTL_ONE),
	OOM_STRICT("oom_child_min_percent", sysctl_oom_child_min_percent,
		   SYSCTL_ZERO, SYSCTL_ONE_HUNDRED),
	OOM_STRICT("oom_child_guard_secs", sysctl_oom_child_guard_secs,
		   SYSCTL_ONE, &oom_sysctl_guard_max),
	OOM_STRICT("oom_badness_walk_budget", sysctl_oom_badness_walk_budget,
		   SYSCTL_ZERO, &oom_sysctl_budget_max),
	OOM_SYSCTL("oom_badness_episode_secs", sysctl_oom_badness_episode_secs,
		   SYSCTL_ZERO, &oom_sysctl_episode_max,
		   oom_badness_episode_handler),
};
EXPORT_SYMBOL_IF_KUNIT(oom_badness_sysctls);

#if IS_ENABLED(CONFIG_KUNIT)
const unsigned int oom_badness_nr_sysctls = ARRAY_SIZE(oom_badness_sysctls);
EXPORT_SYMBOL_IF_KUNIT(oom_badness_nr_sysctls);
#endif

static int __init oom_badness_init(void)
{
	register_sysctl_init("vm", oom_badness_sysctls);
	return 0;
}
subsys_initcall(oom_badness_init);
#endif /* CONFIG_SYSCTL */
