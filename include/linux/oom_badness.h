/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Classic multi-factor OOM badness policy.
 *
 * The scoring functions are pure: they take a struct oom_badness_factors
 * and the tunables and return points, so they can be tested without tasks.
 * Gathering the factors from a live task happens in mm/oom_badness.c.
 */
#ifndef _LINUX_OOM_BADNESS_H
#define _LINUX_OOM_BADNESS_H

#include <linux/types.h>

struct task_struct;
struct mm_struct;
struct ctl_table;

/* Values of vm.oom_badness_policy. */
enum oom_badness_policy {
	OOM_BADNESS_FOOTPRINT = 0,	/* stock: rss + swap + page tables */
	OOM_BADNESS_CLASSIC = 1,	/* footprint, children, CPU, age, caps */
};

/* Flags for gathering the factors of a task. */
#define OOM_BADNESS_TASKLIST_HELD	0x1	/* caller holds tasklist_lock */

/**
 * struct oom_badness_tunables - one consistent snapshot of the vm sysctls
 * @policy: enum oom_badness_policy
 * @cputime_unit_ms: CPU time unit in milliseconds, 0 ignores CPU time
 * @runtime_unit_secs: runtime unit in seconds, 0 ignores the age
 * @root_divisor: divisor for CAP_SYS_ADMIN or CAP_SYS_RESOURCE, 1..1024
 * @rawio_divisor: divisor for CAP_SYS_RAWIO, 1..1024
 * @children_percent: share of the children's footprint added, 0..100
 * @prefer_children: kill an eligible child before its parent (0 or 1)
 * @child_min_percent: a child must hold this share of its parent's footprint
 * @child_guard_secs: window in which a parent that already lost a child
 *	is killed itself
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
};

/**
 * struct oom_badness_factors - the inputs and the result of one score
 * @footprint: rss + swap entries + page tables of the task's mm, in pages
 * @children: summed footprint of the children that have their own mm
 * @cputime_ns: user + system time of the whole thread group
 * @age_ns: time since the thread group leader started
 * @root: holds CAP_SYS_ADMIN or CAP_SYS_RESOURCE in the initial namespace
 * @rawio: holds CAP_SYS_RAWIO in the initial namespace
 * @adj: oom_score_adj
 * @valid: the fields below were computed by oom_badness_points()
 * @policy: the policy the points were computed with
 * @children_share: pages added for the children
 * @cpu_div: divisor applied for CPU time (1: none)
 * @age_div: divisor applied for the age (1: none)
 * @root_div: divisor applied for root (1: none)
 * @rawio_div: divisor applied for raw I/O (1: none)
 * @points: the badness, oom_score_adj included; LONG_MIN for never
 */
struct oom_badness_factors {
	unsigned long footprint;
	unsigned long children;
	u64 cputime_ns;
	u64 age_ns;
	bool root;
	bool rawio;
	short adj;

	bool valid;
	unsigned int policy;
	unsigned long children_share;
	unsigned int cpu_div;
	unsigned int age_div;
	unsigned int root_div;
	unsigned int rawio_div;
	long points;
};

extern unsigned int sysctl_oom_badness_policy;

/* Is the classic policy in force?  (One load: the hot path of every OOM.) */
static inline bool oom_badness_classic(void)
{
	return READ_ONCE(sysctl_oom_badness_policy) == OOM_BADNESS_CLASSIC;
}

/**
 * oom_badness_stock - the score of the footprint policy (policy 0)
 * @footprint: rss + swap entries + page tables, in pages
 * @adj: oom_score_adj, not OOM_SCORE_ADJ_MIN
 * @totalpages: size of the memory the OOM is about, in pages
 *
 * The arithmetic of the unpatched kernel, operation for operation.
 *
 * Return: the points.
 */
static inline long oom_badness_stock(unsigned long footprint, long adj,
				     unsigned long totalpages)
{
	long points = footprint;

	/* Normalize to oom_score_adj units */
	adj *= totalpages / 1000;
	points += adj;
	return points;
}

void oom_badness_read_tunables(struct oom_badness_tunables *t);
long oom_badness_points(struct oom_badness_factors *f,
			const struct oom_badness_tunables *t,
			unsigned long totalpages);
long oom_badness_upper_bound(unsigned long footprint, long adj,
			     unsigned long totalpages);
long oom_badness_score(struct task_struct *task, struct mm_struct *mm,
		       unsigned long footprint, long adj,
		       unsigned long totalpages,
		       struct oom_badness_factors *f, unsigned int flags,
		       long cutoff);

bool oom_child_big_enough(unsigned long parent_footprint,
			  unsigned long child_footprint,
			  unsigned int min_percent);
bool oom_child_guard_active(u64 stamp, u64 now, unsigned int window_secs);

/**
 * struct oom_child_pick - what the child-before-parent rule decided
 * @considered: the rule was in force for this kill
 * @guarded: a child was already sacrificed for the parent recently, so the
 *	parent dies itself
 * @guard_pid: that earlier child
 * @guard_ms: how long ago it was killed
 * @seen: children with their own mm that this OOM could kill
 * @small: eligible children below vm.oom_child_min_percent of the parent
 * @parent: the selected process, referenced, when a child dies instead
 * @child: that child, referenced
 * @child_factors: the child's factors
 */
struct oom_child_pick {
	bool considered;
	bool guarded;
	pid_t guard_pid;
	u64 guard_ms;
	unsigned int seen;
	unsigned int small;
	struct task_struct *parent;
	struct task_struct *child;
	struct oom_badness_factors child_factors;
};

bool oom_badness_child_rule(void);
unsigned int oom_badness_child_min_percent(void);
bool oom_badness_parent_guarded(struct task_struct *parent,
				struct oom_child_pick *pick);
void oom_badness_record_sacrifice(struct task_struct *parent,
				  struct task_struct *child);
void oom_badness_report(const struct oom_badness_factors *f,
			struct task_struct *victim,
			struct oom_child_pick *pick);

#if IS_ENABLED(CONFIG_KUNIT) && defined(CONFIG_SYSCTL)
extern struct ctl_table oom_badness_sysctls[];
extern const unsigned int oom_badness_nr_sysctls;
int oom_badness_sysctl_handler(const struct ctl_table *table, int write,
			       void *buffer, size_t *lenp, loff_t *ppos);
#endif

#endif /* _LINUX_OOM_BADNESS_H */
