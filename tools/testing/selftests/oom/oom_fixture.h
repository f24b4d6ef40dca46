/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixture of the OOM scenario tests: every test starts from the classic
 * policy with VM-scaled units (oom_test_defaults()), cleans up what a test
 * killed by a timeout left (processes, cgroups, sysctls), runs as an
 * unkillable subreaper (so orphaned grandchildren stay ours to check and to
 * clean up), reads the kernel log from its own start, and leaves the
 * sysctls as it found them.
 */
#ifndef OOM_FIXTURE_H
#define OOM_FIXTURE_H

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "oom_util.h"

/*
 * Timeouts, in seconds: at least three times the slowest case measured on
 * the debug kernel (KASAN, lockdep) under TCG, and within the VM job's own
 * limit (tooling/test.sh).  A test that waits for aging gets the long one.
 */
#define OOM_TIMEOUT		150
#define OOM_TIMEOUT_LONG	300

#define OOM_MAX_CG 6

/* What a test holds; the helpers below take it rather than the fixture. */
struct oom_test {
	struct oom_proc procs[24];
	int nprocs;
	char cg[OOM_MAX_CG][256];
	int ncg;
	struct oom_kmsg log;
};

/*
 * Helpers that take the fixture spell its type struct _test_data_oom, what
 * FIXTURE_DATA(oom) expands to: checkpatch reads "FIXTURE_DATA(oom) *self"
 * as a multiplication.
 */
FIXTURE(oom) {
	struct oom_test t;
};

FIXTURE_SETUP(oom)
{
	self->t.nprocs = 0;
	self->t.ncg = 0;
	self->t.log.fd = -1;
	if (getuid() != 0)
		SKIP(return, "must run as root");
	if (!oom_have_sysctl("oom_badness_policy"))
		SKIP(return, "kernel without the classic OOM policy");
	oom_journal_cleanup();
	ASSERT_EQ(0, oom_save_sysctls());
	ASSERT_EQ(0, oom_write_file("/proc/self/oom_score_adj", "-1000\n"));
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	ASSERT_EQ(0, oom_test_defaults());
	ASSERT_EQ(0, oom_kmsg_open(&self->t.log));
	oom_pump_log(&self->t.log);
}

FIXTURE_TEARDOWN(oom)
{
	int i;

	for (i = 0; i < self->t.nprocs; i++)
		oom_stop(&self->t.procs[i]);
	for (i = 0; i < self->t.ncg; i++)
		oom_cg_destroy(self->t.cg[i]);
	oom_msleep(50);
	oom_reap_zombies();
	oom_journal_cleanup();
	oom_restore_sysctls();
	oom_kmsg_close(&self->t.log);
}

/* Start a process of the given spec; its struct stays in the fixture. */
static inline struct oom_proc *oom_spawn(struct oom_test *t,
					 struct oom_spec spec)
{
	struct oom_proc *p;

	if (t->nprocs >= (int)ARRAY_SIZE(t->procs))
		return NULL;
	p = &t->procs[t->nprocs];
	memset(p, 0, sizeof(*p));
	p->spec = spec;
	if (oom_start(p))
		return NULL;
	t->nprocs++;
	return p;
}

#define START(...) ({							\
	struct oom_proc *__p = oom_spawn(&self->t,			\
					 (struct oom_spec){ __VA_ARGS__ });\
	ASSERT_NE(NULL, __p);						\
	__p;								\
})

static inline const char *oom_new_cgroup(struct oom_test *t, const char *name)
{
	char *cg;

	if (t->ncg >= OOM_MAX_CG)
		return NULL;
	cg = t->cg[t->ncg];
	if (oom_cg_create(cg, sizeof(t->cg[0]), name))
		return NULL;
	t->ncg++;
	return cg;
}

#define CGROUP(name) ({							\
	const char *__cg = oom_new_cgroup(&self->t, name);		\
	ASSERT_NE(NULL, __cg);						\
	__cg;								\
})

/* Has the kernel logged @needle since the test started? */
static inline bool log_has(struct oom_test *t, const char *needle)
{
	return strstr(oom_kmsg_read(&t->log), needle);
}

/*
 * The value of @field (" children=", " freeable=") on the kernel's
 * "oom-badness: selected" line of @pid, or NULL if it has no such line.
 */
static inline const char *selected_field(struct oom_test *t, pid_t pid,
					 const char *field)
{
	char needle[64];
	const char *p;

	snprintf(needle, sizeof(needle), "oom-badness: selected %d (", pid);
	p = strstr(oom_kmsg_read(&t->log), needle);
	if (p)
		p = strstr(p, field);
	return p ? p + strlen(field) : NULL;
}

/*
 * That something was not logged proves nothing if lines were lost: the
 * check fails then too.
 */
#define EXPECT_NOT_LOGGED(needle) do {					\
	const char *__needle = (needle);				\
									\
	EXPECT_FALSE(log_has(&self->t, __needle))			\
		TH_LOG("logged: %s", __needle);				\
	EXPECT_FALSE(self->t.log.lost) TH_LOG("kernel log lines were lost");\
} while (0)

/* Every pid the fixture started, children and grandchildren included. */
static inline int all_pids(struct oom_test *t, pid_t *pids)
{
	int i, j, n = 0;

	for (i = 0; i < t->nprocs; i++) {
		pids[n++] = t->procs[i].pid;
		for (j = 0; j < t->procs[i].nchildren; j++)
			pids[n++] = t->procs[i].children[j];
		for (j = 0; j < t->procs[i].ngrand; j++)
			pids[n++] = t->procs[i].grand[j];
	}
	return n;
}

/*
 * Wait for @want deaths among our processes (at most 20 s), then check that
 * exactly the listed pids (terminated by 0) are dead and print the kernel's
 * explanation on failure.
 */
#define EXPECT_DEAD(want, ...) do {					\
	pid_t __all[OOM_MAX_PROCS], __exp[] = { __VA_ARGS__, 0 };	\
	int __n = all_pids(&self->t, __all), __i, __j, __bad = 0;	\
									\
	oom_wait_dead(__all, __n, want, 20000);				\
	for (__i = 0; __i < __n; __i++) {				\
		bool __should = false;					\
									\
		for (__j = 0; __exp[__j]; __j++)			\
			__should |= __exp[__j] == __all[__i];		\
		if (oom_pid_alive(__all[__i]) == __should) {		\
			TH_LOG("pid %d is %s, expected %s", __all[__i],	\
			       __should ? "alive" : "dead",		\
			       __should ? "dead" : "alive");		\
			__bad++;					\
		}							\
	}								\
	EXPECT_TRUE(oom_pid_alive(getpid()));				\
	if (__bad)							\
		TH_LOG("kernel log:\n%s", oom_kmsg_read(&self->t.log));	\
	EXPECT_EQ(0, __bad);						\
} while (0)

#endif /* OOM_FIXTURE_H */
