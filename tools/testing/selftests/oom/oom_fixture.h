/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixture shared by the OOM scenario tests: every test starts from the
 * classic policy with VM-scaled units, runs as an unkillable subreaper (so
 * orphaned grandchildren stay ours to check and to clean up), reads the
 * kernel log from its own start, and leaves the sysctls as it found them.
 */
#ifndef OOM_FIXTURE_H
#define OOM_FIXTURE_H

#include "../kselftest_harness.h"
#include "oom_util.h"

#define MAX_CG 4

FIXTURE(oom) {
	struct oom_proc procs[16];
	int nprocs;
	char cg[MAX_CG][256];
	int ncg;
	struct kmsg log;
};

FIXTURE_SETUP(oom)
{
	if (getuid() != 0)
		SKIP(return, "must run as root");
	if (!have_sysctl("oom_badness_policy"))
		SKIP(return, "kernel without the classic OOM policy");
	save_sysctls();
	ASSERT_EQ(0, write_file("/proc/self/oom_score_adj", "-1000\n"));
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	ASSERT_EQ(0, classic_for_tests());
	ASSERT_EQ(0, kmsg_open(&self->log));
	self->nprocs = 0;
	self->ncg = 0;
}

FIXTURE_TEARDOWN(oom)
{
	int i;

	for (i = 0; i < self->nprocs; i++)
		oom_stop(&self->procs[i]);
	for (i = 0; i < self->ncg; i++)
		cg_destroy(self->cg[i]);
	msleep(50);
	oom_reap_zombies();
	restore_sysctls();
	kmsg_close(&self->log);
}

/* Start a process of the given spec; its struct stays in the fixture. */
static inline struct oom_proc *spawn(struct __test_metadata *_metadata,
				     struct _test_data_oom *self,
				     struct oom_spec spec)
{
	struct oom_proc *p = &self->procs[self->nprocs];

	memset(p, 0, sizeof(*p));
	p->spec = spec;
	if (oom_start(p)) {
		TH_LOG("cannot start %s", spec.name);
		return NULL;
	}
	self->nprocs++;
	return p;
}

#define START(...) ({							\
	struct oom_proc *__p = spawn(_metadata, self,			\
				     (struct oom_spec){ __VA_ARGS__ });	\
	ASSERT_NE(NULL, __p);						\
	__p;								\
})

static inline const char *new_cgroup(struct _test_data_oom *self,
				     const char *name)
{
	char *cg = self->cg[self->ncg];

	if (self->ncg >= MAX_CG || cg_create(cg, sizeof(self->cg[0]), name))
		return NULL;
	self->ncg++;
	return cg;
}

#define CGROUP(name) ({							\
	const char *__cg = new_cgroup(self, name);			\
	ASSERT_NE(NULL, __cg);						\
	__cg;								\
})

/* Has the kernel logged @needle since the test started? */
static inline bool log_has(struct _test_data_oom *self, const char *needle)
{
	return strstr(kmsg_read(&self->log), needle);
}

/* Every pid the fixture started, children included. */
static inline int all_pids(struct _test_data_oom *self, pid_t *pids)
{
	int i, j, n = 0;

	for (i = 0; i < self->nprocs; i++) {
		pids[n++] = self->procs[i].pid;
		for (j = 0; j < self->procs[i].nchildren; j++)
			pids[n++] = self->procs[i].children[j];
	}
	return n;
}

/*
 * Wait for @want deaths among our processes, then check that exactly the
 * listed pids (terminated by 0) are dead, that init and this -1000 test
 * are alive, and print the kernel's explanation on failure.
 */
#define EXPECT_DEAD(want, ...) do {					\
	pid_t __all[OOM_MAX_PROCS], __exp[] = { __VA_ARGS__, 0 };	\
	int __n = all_pids(self, __all), __i, __j, __bad = 0;		\
									\
	wait_dead(__all, __n, want, 20000);				\
	for (__i = 0; __i < __n; __i++) {				\
		bool __should = false;					\
									\
		for (__j = 0; __exp[__j]; __j++)			\
			__should |= __exp[__j] == __all[__i];		\
		if (pid_alive(__all[__i]) == __should) {		\
			TH_LOG("pid %d is %s, expected %s", __all[__i],	\
			       __should ? "alive" : "dead",		\
			       __should ? "dead" : "alive");		\
			__bad++;					\
		}							\
	}								\
	EXPECT_TRUE(pid_alive(1));					\
	EXPECT_TRUE(pid_alive(getpid()));				\
	if (__bad)							\
		TH_LOG("kernel log:\n%s", kmsg_read(&self->log));	\
	EXPECT_EQ(0, __bad);						\
} while (0)

#endif /* OOM_FIXTURE_H */
