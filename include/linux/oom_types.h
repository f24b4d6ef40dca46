/* SPDX-License-Identifier: GPL-2.0 */
/*
 * State of the classic OOM badness policy (mm/oom_badness.c) that lives in
 * other subsystems' structures: struct signal_struct holds the per-process
 * part, struct mem_cgroup the episode of a memcg's OOMs.  Everything else of
 * the policy is private to mm/ (mm/oom_badness.h).
 */
#ifndef _LINUX_OOM_TYPES_H
#define _LINUX_OOM_TYPES_H

#include <linux/sched.h>
#include <linux/types.h>

/**
 * struct oom_episode - the OOM kills of one scope that follow each other
 * @last: get_jiffies_64() when the last kill was selected, 0 if none
 * @id: number of the episode, unique over all scopes
 * @epoch: value of the global episode epoch when @last was set; writing
 *	vm.oom_episode_secs starts a new epoch and ends every episode
 * @kills: kills so far in the episode
 * @last_pid: the last victim
 * @last_comm: its command name
 *
 * One for global OOMs, one in each memory cgroup.  Written by the OOM
 * killer under oom_lock only.
 */
struct oom_episode {
	u64 last;
	unsigned int id;
	unsigned int epoch;
	unsigned int kills;
	pid_t last_pid;
	char last_comm[TASK_COMM_LEN];
};

/**
 * struct oom_badness_state - what the classic policy keeps in a process
 * @sacrifice_stamp: get_jiffies_64() when a child was killed in this
 *	process's place, 0 if never
 * @sacrifice_pid: that child
 * @seq: the selection the fields below belong to; they mean nothing for
 *	any other selection
 * @push_seq: the selection whose first pass listed this process among the
 *	parents children add to (its short path adds to @children at once)
 * @flags: OOM_STATE_* of mm/oom_badness.h
 * @adj: oom_score_adj as read when the process was a candidate
 * @how: how @frees was obtained (enum oom_frees_how)
 * @cpu_div: divisor for its CPU time, once gathered
 * @age_div: divisor for its age, once gathered
 * @footprint: stock footprint (rss + swap entries + page tables), pages
 * @frees: what killing it would free in the OOM's scope, pages
 * @children: summed own scores of the children counted so far, pages
 * @cputime_ns: CPU time of the thread group, or a lower bound that gives
 *	the same divisor, once gathered
 * @age_ns: age of the process, once gathered
 * @est: the last full estimate of @frees, kept for the rest of its episode
 * @est_episode: the episode in which @est was made
 * @est_footprint: @footprint when @est was made
 * @mm: the mm @footprint was read from, compared, never dereferenced
 * @next: in the first pass, the next process whose children added to its
 *	share (a list the pass's review walks; referenced in a memcg walk)
 *
 * Only the OOM killer reads or writes these fields, under oom_lock.
 */
struct oom_badness_state {
	u64 sacrifice_stamp;
	pid_t sacrifice_pid;

	unsigned int seq;
	unsigned int push_seq;
	unsigned short flags;
	short adj;
	u8 how;
	unsigned int cpu_div;
	unsigned int age_div;
	unsigned long footprint;
	unsigned long frees;
	unsigned long children;
	u64 cputime_ns;
	u64 age_ns;
	unsigned long est;
	unsigned int est_episode;
	unsigned long est_footprint;
	struct mm_struct *mm;
	struct task_struct *next;
};

#endif /* _LINUX_OOM_TYPES_H */
