/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The classic OOM badness policy, private to mm/: mm/oom_kill.c calls the
 * hooks below, mm/tests/oom_badness_kunit.c the pure functions.
 *
 * Design notes: Documentation/mm/oom_badness.rst.  Use and tuning:
 * Documentation/admin-guide/mm/oom_badness.rst.
 */
#ifndef __MM_OOM_BADNESS_H
#define __MM_OOM_BADNESS_H

#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/oom_types.h>
#include <linux/threads.h>
#include <linux/types.h>

struct ctl_table;

/* Values of vm.oom_badness_policy. */
enum oom_badness_policy {
	OOM_BADNESS_FOOTPRINT = 0,	/* stock: rss + swap + page tables */
	OOM_BADNESS_CLASSIC = 1,	/* what a kill frees, children, CPU, age, caps */
};

/* How the estimate of what a kill frees was obtained. */
enum oom_frees_how {
	OOM_FREES_COUNTERS,	/* not walked: the stock footprint */
	OOM_FREES_WALKED,	/* every page-table entry of interest walked */
	OOM_FREES_PARTLY,	/* walk budget ran out on the way */
	OOM_FREES_CONTENDED,	/* mmap lock busy: counters */
	OOM_FREES_NO_BUDGET,	/* budget spent before this one: counters */
};

/* Why a selection took a second pass. */
enum oom_repass {
	OOM_REPASS_FREES,	/* the walk found less than the counters */
	OOM_REPASS_FACTORS,	/* capabilities or CPU time lowered the score */
	OOM_REPASS_SHARE,	/* a child's walk could change the share */
};

/* oom_badness_state.flags */
#define OOM_STATE_VISITED	0x01	/* the walk came past it */
#define OOM_STATE_CANDIDATE	0x02	/* ...and it may be killed */
#define OOM_STATE_CHEAP		0x04	/* age, lower bound of CPU time read */
#define OOM_STATE_GATHERED	0x08	/* caps read, CPU divisor exact */
#define OOM_STATE_ROOT		0x10	/* CAP_SYS_ADMIN or CAP_SYS_RESOURCE */
#define OOM_STATE_RAWIO		0x20	/* CAP_SYS_RAWIO */
#define OOM_STATE_ESTIMATED	0x40	/* frees is final for this OOM */
#define OOM_STATE_SHARE_WALKABLE 0x80	/* a walk could lower its share */
#define OOM_STATE_REPASS	0x100	/* emptied for the second pass */
#define OOM_STATE_LISTED	0x200	/* put on the pass's list of parents */
/* what a second pass keeps of the first: factors and estimates of this OOM */
#define OOM_STATE_KEPT		(OOM_STATE_CHEAP | OOM_STATE_GATHERED | \
				 OOM_STATE_ROOT | OOM_STATE_RAWIO | \
				 OOM_STATE_ESTIMATED)

/*
 * Does the first pass take oom_badness_evaluate()'s short path, and may a
 * candidate have a state before its own visit?  Not in the global walk:
 * the task list is in fork order, and the process a child adds to (the
 * group of its forker or, reparented, of an ancestor or its namespace's
 * reaper) forked before it, so it came first.  A memcg's tasks come in no
 * such order.
 */
enum oom_quick {
	OOM_QUICK_NONE,		/* every candidate to oom_badness_visit() */
	OOM_QUICK_WALK,		/* the global walk */
	OOM_QUICK_MEMCG,	/* a memcg walk: a child may come first */
};

/* Does freeing a swap slot help the OOM? */
enum oom_swap_helps {
	OOM_SWAP_NEVER,		/* memcg v2, node-constrained OOMs */
	OOM_SWAP_RAM,		/* only on a RAM-backed device (zram) */
	OOM_SWAP_ANY,		/* memcg v1: memory+swap is limited */
};

/**
 * struct oom_badness_tunables - one consistent snapshot of the vm sysctls
 * @policy: enum oom_badness_policy
 * @cputime_unit_ms: CPU time unit in milliseconds, 0 ignores CPU time
 * @runtime_unit_secs: runtime unit in seconds, 0 ignores the age
 * @root_divisor: divisor for CAP_SYS_ADMIN or CAP_SYS_RESOURCE, 1..1024
 * @rawio_divisor: divisor for CAP_SYS_RAWIO, 1..1024
 * @children_percent: share of the children's own scores added, 0..100
 * @prefer_children: kill an eligible child before its parent (0 or 1)
 * @child_min_percent: a child must free this share of what its parent frees
 * @child_guard_secs: window in which a parent that already lost a child
 *	dies itself, unless its child frees more
 * @walk_budget: page-table entries the estimate may walk per OOM; 0 turns
 *	the estimate off
 * @episode_secs: kills of one scope closer than this form an episode;
 *	0 makes every OOM an episode of its own
 */
struct oom_badness_tunables {
	unsigned int policy;
	unsigned int cputime_unit_ms;
	unsigned int runtime_unit_secs;
	unsigned int root_divisor;
	unsigned int rawio_divisor;
	unsigned int children_percent;
	unsigned int prefer_children;
	unsigned int child_min_percent;
	unsigned int child_guard_secs;
	unsigned int walk_budget;
	unsigned int episode_secs;
};

/**
 * struct oom_badness_input - the factors of one classic score
 * @frees: what the candidate's kill frees, in pages
 * @children: summed own scores of its eligible children, in pages
 * @cputime_ns: user + system time of its thread group
 * @age_ns: time since its thread group leader started
 * @root: holds CAP_SYS_ADMIN or CAP_SYS_RESOURCE in the initial namespace
 * @rawio: holds CAP_SYS_RAWIO in the initial namespace
 * @adj: oom_score_adj, not OOM_SCORE_ADJ_MIN
 */
struct oom_badness_input {
	unsigned long frees;
	unsigned long children;
	u64 cputime_ns;
	u64 age_ns;
	bool root;
	bool rawio;
	short adj;
};

/**
 * struct oom_badness_breakdown - how a classic score came about
 * @points: the badness, oom_score_adj term included
 * @share: pages added for the children
 * @cpu_div: divisor applied for the CPU time (1: none)
 * @age_div: divisor applied for the age (1: none)
 * @root_div: divisor applied for root (1: none)
 * @rawio_div: divisor applied for raw I/O (1: none)
 */
struct oom_badness_breakdown {
	long points;
	unsigned long share;
	unsigned int cpu_div;
	unsigned int age_div;
	unsigned int root_div;
	unsigned int rawio_div;
};

/*
 * Pure arithmetic (no task, no lock), for mm/oom_badness.c and KUnit.
 */
unsigned long oom_percent_of(unsigned long value, unsigned int percent);
unsigned int oom_cpu_divisor(u64 cputime_ns, unsigned int unit_ms);
unsigned int oom_age_divisor(u64 age_ns, unsigned int unit_secs);
u64 oom_cpu_upper_ns(u64 lower_ns, u64 age_ns, unsigned int nr_threads,
		     unsigned int nr_cpus);
long oom_badness_points(const struct oom_badness_input *in,
			const struct oom_badness_tunables *t,
			unsigned long totalpages,
			struct oom_badness_breakdown *out);
long oom_badness_bound(unsigned long frees, unsigned long share,
		       unsigned int cpu_div, unsigned int age_div, long adj,
		       unsigned long totalpages);
unsigned long oom_child_own_score(unsigned long frees, long adj,
				  unsigned long totalpages);
bool oom_child_big_enough(unsigned long parent_frees,
			  unsigned long child_frees, unsigned int min_percent);
bool oom_child_may_die_for(unsigned long child_score, short child_adj,
			   short parent_adj);
bool oom_child_guard_active(u64 stamp, u64 now, unsigned int window_secs);
bool oom_guard_kills_parent(unsigned long parent_frees,
			    unsigned long child_frees);
bool oom_episode_continues(u64 last, unsigned int epoch, u64 now,
			   unsigned int cur_epoch, unsigned int window_secs);
unsigned long oom_walk_min_pages(unsigned long totalpages);
unsigned long oom_partial_frees(unsigned long found, unsigned long seen,
				unsigned long footprint);

/**
 * oom_badness_beats - does a score take the place of the best one?
 * @points: a candidate's score
 * @best: the best score so far, LONG_MIN if none
 *
 * Ties go to the first candidate: the walk stops looking at identical
 * processes once one of them is the best.  (The stock policy lets the last
 * of equal candidates win.)
 *
 * Return: true if @points is strictly higher.
 */
static inline bool oom_badness_beats(long points, long best)
{
	return points > best;
}

/*
 * The walk's short path adds footprints and oom_score_adj in pages without
 * overflow checks: it runs only for OOMs of at most OOM_QUICK_MAX pages
 * (2^40, 4 PiB of 4 KiB pages, on 64-bit; 2^15 on 32-bit), footprints
 * taken at most as large.  A child's score it adds to a share is then
 * under 2 * OOM_QUICK_MAX, and with one per process (PID_MAX_LIMIT) they
 * add up to at most OOM_SHARE_QUICK_MAX: a share the slow path keeps at
 * most that large cannot wrap.  A share that large caps any score at
 * totalpages whatever it is.
 */
#define OOM_SHARE_QUICK_MAX	BIT(BITS_PER_LONG - 1)
#define OOM_QUICK_MAX		(OOM_SHARE_QUICK_MAX / 2 / PID_MAX_LIMIT)

/* Pages of memory per unit of oom_score_adj: a thousandth of @totalpages. */
static inline unsigned long oom_adj_unit(unsigned long totalpages)
{
	return min_t(unsigned long, totalpages / 1000, LONG_MAX);
}

/* @adj units of @unit pages each, saturating at half the range. */
static inline long oom_adj_pages(long adj, unsigned long unit)
{
	long adj_pages;

	if (check_mul_overflow(adj, (long)unit, &adj_pages))
		adj_pages = adj < 0 ? LONG_MIN / 2 : LONG_MAX / 2;
	return adj_pages;
}

/*
 * Cap the divided classic points at @totalpages (a process family cannot
 * free more than the memory there is) and add oom_score_adj in thousandths
 * of @totalpages (@unit pages each, oom_adj_unit()) as the stock score
 * does, saturating instead of overflowing, and never returning the "not a
 * candidate" LONG_MIN.
 */
static inline long oom_points_finish(u64 points, long adj,
				     unsigned long unit,
				     unsigned long totalpages)
{
	long total;

	points = min3(points, (u64)totalpages, (u64)(LONG_MAX / 2));
	if (check_add_overflow((long)points, oom_adj_pages(adj, unit), &total))
		total = LONG_MAX;
	return max(total, LONG_MIN + 1);
}

/* oom_child_own_score() with the oom_score_adj unit worked out. */
static inline unsigned long oom_own_score(unsigned long frees, long adj,
					  unsigned long unit)
{
	long adj_pages, points;

	if (adj <= OOM_SCORE_ADJ_MIN)
		return 0;
	if (check_mul_overflow(adj, (long)unit, &adj_pages))
		return adj < 0 ? 0 : ULONG_MAX;
	if (check_add_overflow((long)min_t(unsigned long, frees, LONG_MAX),
			       adj_pages, &points))
		return adj < 0 ? 0 : ULONG_MAX;
	return points > 0 ? points : 0;
}

/*
 * oom_points_finish() of a score with no share and no divisor, and
 * oom_own_score() where it is positive (a child that adds nothing gets 0
 * or less), without the overflow checks: @adj_pages is @adj times
 * oom_adj_unit() of @totalpages, @totalpages at most OOM_QUICK_MAX, and
 * for oom_quick_own() @footprint too.
 */
static inline long oom_quick_points(unsigned long footprint, long adj_pages,
				    unsigned long totalpages)
{
	return (long)min(footprint, totalpages) + adj_pages;
}

static inline long oom_quick_own(unsigned long footprint, long adj_pages)
{
	return (long)footprint + adj_pages;
}

/*
 * The process whose share @task adds to: the thread group of the thread
 * that forked it.  Under rcu_read_lock().
 */
static inline struct task_struct *oom_share_parent(struct task_struct *task)
{
	return READ_ONCE(rcu_dereference(task->real_parent)->group_leader);
}

/*
 * Does @task, of @mm, add nothing to the share of the parent whose state is
 * @pst: the parent is no candidate, @task shares its mm (CLONE_VM) or is an
 * OOM victim already?
 */
static inline bool oom_share_refused(struct oom_badness_state *pst,
				     struct mm_struct *mm,
				     struct task_struct *task)
{
	return !(pst->flags & OOM_STATE_CANDIDATE) || pst->mm == mm ||
	       tsk_is_oom_victim(task);
}

/* The stock footprint of an mm; the counters fallback of the estimate. */
static __always_inline unsigned long oom_mm_footprint(struct mm_struct *mm)
{
	return get_mm_rss(mm) + get_mm_counter(mm, MM_SWAPENTS) +
		mm_pgtables_bytes(mm) / PAGE_SIZE;
}

/*
 * Hooks for mm/oom_kill.c.
 */

/**
 * struct oom_child_pick - what the child-before-parent rule decided
 * @considered: the rule was in force for this kill
 * @guarded: a child was sacrificed for the parent within the guard window
 * @guard_spared: the guard fired, but the child frees more than the parent
 *	and dies instead
 * @guard_pid: that earlier child
 * @guard_ms: how long ago it was killed
 * @seen: children with their own mm and memory
 * @small: eligible children that free less than @min_percent of what the
 *	parent frees
 * @protected: children kept by their oom_score_adj or a score of 0
 * @min_percent: the share of the parent's frees a child had to free
 * @parent: the selected process, referenced, when a child dies instead
 * @child: that child, referenced for the kill
 * @child_points: the child's classic score
 * @child_footprint: the child's stock footprint, pages
 * @child_frees: what the child's kill frees, pages
 * @child_how: how @child_frees was obtained, an enum oom_frees_how
 */
struct oom_child_pick {
	bool considered;
	bool guarded;
	bool guard_spared;
	pid_t guard_pid;
	u64 guard_ms;
	unsigned int seen;
	unsigned int small;
	unsigned int protected;
	unsigned int min_percent;
	struct task_struct *parent;
	struct task_struct *child;
	long child_points;
	unsigned long child_footprint;
	unsigned long child_frees;
	u8 child_how;
};

/**
 * struct oom_badness_ctx - the classic policy's state for one OOM
 * @t: the tunables, read once
 * @seq: number of this selection; stamps struct oom_badness_state
 * @now: get_jiffies_64() at the start of the OOM
 * @boottime: the coarse boottime clock then, for ages
 * @episode: the episode of the OOM's scope
 * @episode_id: id of the episode this OOM belongs to
 * @kill_nr: 1 for the first kill of an episode, 2 for the next...
 * @by_frees: rank by what a kill frees, without the classic factors
 * @rank_all: score every candidate in full (the ranking view), skip nothing
 * @defer: this pass ranks on bounds (counters, no capabilities, the CPU
 *	time's lower bound); the chosen is scored in full after it
 * @runner_up: in a deferring pass, the most any candidate but the chosen
 *	can score
 * @quick: a deferring pass whose totalpages leave oom_badness_evaluate()
 *	no overflow to mind (OOM_QUICK_MAX): enum oom_quick
 * @adj_unit: pages per unit of oom_score_adj, a thousandth of totalpages
 * @share_min: a process adds to its parent's share if its footprint is at
 *	least this (0, the walk threshold, or ULONG_MAX for none)
 * @push_max: the short path adds the score of a child smaller than this
 *	to its parent's share (the walk threshold, at most OOM_QUICK_MAX)
 * @parents: in a deferring pass, the processes children added to (each
 *	referenced in a memcg walk; the global walk's RCU section keeps its
 *	own), linked through their state's @next in the order they came;
 *	looked at again once the pass is over
 * @parents_tail: where the next one is linked
 * @passes: passes over the candidates that had to be done again
 * @repass: why, an enum oom_repass
 * @first: the first pass's choice, referenced, while the second one runs
 * @first_points: its points then
 * @walk_left: page-table entries the estimate may still walk
 * @walk_min: candidates with a smaller footprint are not walked
 * @memcg: memcg of a memcg OOM, or NULL
 * @nodes: nodes a constrained OOM is about, or NULL for all
 * @swap_helps: enum oom_swap_helps
 * @chosen: the task the classic selection chose, if oc->chosen is it
 * @victim: the task oom_kill_process() kills, referenced
 * @pick: what the child-before-parent rule decided
 * @walks: mms walked
 * @walked: page-table entries walked
 * @exclusive_vmas: VMAs counted from the counters: no fork shared them
 * @walk_ns: time spent walking
 * @fallbacks: candidates that fell back to the counters (lock or budget)
 * @fb_contended: ...of them for a contended mmap lock
 * @fb_budget: ...of them because the walk budget was spent
 * @fb_pid: the one with the largest footprint of them
 * @fb_comm: its comm
 * @fb_footprint: its footprint, pages
 * @fb_how: why it fell back, an enum oom_frees_how
 */
struct oom_badness_ctx {
	struct oom_badness_tunables t;
	unsigned int seq;
	u64 now;
	u64 boottime;
	struct oom_episode *episode;
	unsigned int episode_id;
	unsigned int kill_nr;
	bool by_frees;
	bool rank_all;
	bool defer;
	long runner_up;
	u8 quick;
	unsigned long adj_unit;
	unsigned long share_min;
	unsigned long push_max;
	struct task_struct *parents;
	struct task_struct **parents_tail;
	unsigned int passes;
	u8 repass;
	struct task_struct *first;
	long first_points;
	unsigned long walk_left;
	unsigned long walk_min;
	struct mem_cgroup *memcg;
	const nodemask_t *nodes;
	u8 swap_helps;
	struct task_struct *chosen;
	struct task_struct *victim;
	struct oom_child_pick pick;
	unsigned int walks;
	unsigned long walked;
	unsigned int exclusive_vmas;
	u64 walk_ns;
	unsigned int fallbacks;
	unsigned int fb_contended;
	unsigned int fb_budget;
	pid_t fb_pid;
	char fb_comm[TASK_COMM_LEN];
	unsigned long fb_footprint;
	u8 fb_how;
};

extern unsigned int sysctl_oom_badness_policy;

/*
 * Is the classic policy in force?  For an OOM, the answer of its snapshot;
 * without one (/proc/<pid>/oom_score), the sysctl.  One load either way.
 */
static inline bool oom_badness_classic(struct oom_control *oc)
{
	struct oom_badness_ctx *ctx = oc ? oc->policy : NULL;

	if (ctx)
		return ctx->t.policy == OOM_BADNESS_CLASSIC;
	return READ_ONCE(sysctl_oom_badness_policy) == OOM_BADNESS_CLASSIC;
}

/* In mm/oom_kill.c, for the policy. */
struct mm_struct *oom_task_footprint(struct task_struct *task,
				     unsigned long *footprint, long *adj);
bool oom_task_in_scope(struct oom_control *oc, struct task_struct *task);

/* Is @task in @memcg or below it?  Without memcg, every task is. */
static inline bool oom_task_in_memcg(struct task_struct *task,
				     struct mem_cgroup *memcg)
{
#ifdef CONFIG_MEMCG
	bool ret;

	rcu_read_lock();
	ret = mem_cgroup_is_descendant(mem_cgroup_from_task(task), memcg);
	rcu_read_unlock();
	return ret;
#else
	return true;
#endif
}

/* In mm/oom_badness.c, for mm/oom_kill.c. */
void oom_badness_begin(struct oom_control *oc, struct oom_badness_ctx *ctx);
void oom_badness_end(struct oom_control *oc);
void oom_badness_visit(struct oom_control *oc, struct task_struct *task,
		       struct mm_struct *mm, unsigned long footprint, long adj);
void oom_badness_win(struct oom_control *oc, struct task_struct *task,
		     struct mm_struct *mm, unsigned long footprint, long adj,
		     long points);
void oom_badness_walked(struct oom_control *oc);
bool oom_badness_resolve(struct oom_control *oc);
long oom_badness_proc(struct task_struct *task, unsigned long footprint,
		      long adj, unsigned long totalpages);
bool oom_badness_pick_child(struct oom_control *oc,
			    struct task_struct **victim);
void oom_badness_report(struct oom_control *oc, struct task_struct *victim);
void oom_badness_killed(struct oom_control *oc);

/* @task's state, emptied if it holds another selection's. */
static __always_inline struct oom_badness_state *
oom_state(struct oom_badness_ctx *ctx, struct task_struct *task)
{
	struct oom_badness_state *st = &task->signal->oom_badness;

	if (st->seq != ctx->seq) {
		st->seq = ctx->seq;
		st->flags = ctx->passes ? OOM_STATE_REPASS : 0;
	} else if (ctx->passes && !(st->flags & OOM_STATE_REPASS)) {
		/* the second pass: what the first one read or walked stays */
		st->flags = OOM_STATE_REPASS | (st->flags & OOM_STATE_KEPT);
	} else {
		return st;
	}
	st->push_seq = 0;
	st->children = 0;
	/* divide by nothing until oom_cheap_factors() has read them */
	if (!(st->flags & OOM_STATE_CHEAP)) {
		st->cpu_div = 1;
		st->age_div = 1;
	}
	return st;
}

/*
 * A deferring pass does not look at a parent again each time a child adds
 * to its share: a family of a thousand would be a thousand looks.  The
 * parent goes on a list, and oom_review_parents() scores each one with its
 * whole share once the pass is over.  The global walk's RCU read section
 * keeps what it met alive until its end, where it reviews the list
 * (oom_badness_walked()); a memcg walk holds no lock across tasks, so
 * there each parent is referenced.  From then on the short path adds a
 * child's score to the parent's share without looking at the parent.
 */
static __always_inline void oom_list_parent(struct oom_badness_ctx *ctx,
					    struct task_struct *parent,
					    struct oom_badness_state *pst)
{
	if (pst->flags & OOM_STATE_LISTED)
		return;
	if (ctx->memcg)
		get_task_struct(parent);
	pst->flags |= OOM_STATE_LISTED;
	pst->push_seq = ctx->seq;
	/* at the tail: the first listed is reviewed first, and wins a tie */
	pst->next = NULL;
	*ctx->parents_tail = parent;
	ctx->parents_tail = &pst->next;
}

/*
 * Keep the inputs of @task, a candidate that lost on its counters and has
 * children, for them: what oom_stamp_parent() would read again when the
 * first child comes.  The process goes on the pass's list of parents, so
 * that its children add to its share inline.  The caller counted its
 * points as a runner-up's.
 */
static __always_inline void oom_badness_keep(struct oom_control *oc,
					     struct task_struct *task,
					     struct mm_struct *mm,
					     unsigned long footprint, long adj)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_badness_state *st = oom_state(ctx, task);

	st->flags |= OOM_STATE_VISITED | OOM_STATE_CANDIDATE;
	st->mm = mm;
	st->footprint = footprint;
	st->frees = footprint;
	st->how = OOM_FREES_COUNTERS;
	st->adj = adj;
	oom_list_parent(ctx, task, st);
}

/**
 * oom_badness_evaluate - one candidate of a classic-policy OOM, in the walk
 * @oc: the OOM; oc->policy set up by oom_badness_begin()
 * @task: a thread group leader oom_evaluate_task() found eligible, kept
 *	alive by the caller
 * @mm: the mm oom_task_footprint() read @footprint and @adj from, or NULL
 *	if @task must not be killed (compared, never dereferenced)
 * @footprint: its stock footprint, pages
 * @adj: its oom_score_adj
 *
 * Inline in the walk, the first pass's common case costs no more than the
 * stock score: a process that loses on its counters, and whose parent
 * needs no more than its share added (it is no candidate, or one already
 * on the pass's list of parents, looked at again when the pass is over).
 * A loser that has children of its own keeps its inputs for them
 * (oom_badness_keep()); one that beats the best so far has its cheap
 * factors read (oom_badness_win()); the rest goes to oom_badness_visit(),
 * with a process of a memcg walk some child of which came first.
 */
static __always_inline void oom_badness_evaluate(struct oom_control *oc,
						 struct task_struct *task,
						 struct mm_struct *mm,
						 unsigned long footprint,
						 long adj)
{
	struct oom_badness_ctx *ctx = oc->policy;
	struct oom_badness_state *pst;
	long adj_pages, points, own;
	bool settled = true;

	if (unlikely(ctx->quick != OOM_QUICK_WALK)) {
		/* a memcg's tasks come in any order: a child may come first */
		if (ctx->quick != OOM_QUICK_MEMCG ||
		    task->signal->oom_badness.seq == ctx->seq)
			goto visit;
	}
	if (!mm)
		return;		/* a child that comes later stamps it */
	adj_pages = adj * (long)ctx->adj_unit;
	points = oom_quick_points(footprint, adj_pages, oc->totalpages);
	if (likely(footprint >= ctx->share_min)) {
		rcu_read_lock();
		/* a task already released may point to a parent that is gone */
		if (unlikely(!pid_alive(task)))
			goto unlock;
		pst = &oom_share_parent(task)->signal->oom_badness;
		if (likely(pst->push_seq == ctx->seq)) {
			/* a listed candidate: add what its share takes */
			own = oom_quick_own(footprint, adj_pages);
			if (footprint >= ctx->push_max)
				settled = false;	/* to be marked */
			else if (own > 0 && pst->mm != mm &&
				 !tsk_is_oom_victim(task))
				pst->children += own;
		} else if (pst->seq != ctx->seq ||
			   (pst->flags & OOM_STATE_CANDIDATE)) {
			settled = false;	/* to be stamped or listed */
		}
unlock:
		rcu_read_unlock();
		if (!settled)
			goto visit;
	}
	if (oom_badness_beats(points, oc->chosen_points)) {
		oom_badness_win(oc, task, mm, footprint, adj, points);
		return;
	}
	if (points > ctx->runner_up)
		ctx->runner_up = points;
	/* the leader's own children; a thread's are stamped when they come */
	if (unlikely(!list_empty(&task->children)) &&
	    ctx->share_min != ULONG_MAX)
		oom_badness_keep(oc, task, mm, footprint, adj);
	return;
visit:
	oom_badness_visit(oc, task, mm, footprint, adj);
}

#if IS_ENABLED(CONFIG_KUNIT) && defined(CONFIG_SYSCTL)
extern struct ctl_table oom_badness_sysctls[];
extern const unsigned int oom_badness_nr_sysctls;
int oom_badness_sysctl_handler(const struct ctl_table *table, int write,
			       void *buffer, size_t *lenp, loff_t *ppos);
#endif

#endif /* __MM_OOM_BADNESS_H */
