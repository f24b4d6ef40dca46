/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the OOM policy selftests (and of tooling/progs): start real
 * processes with a given footprint, CPU time, credentials, children,
 * sharing, cgroup and oom_score_adj; drive global and memcg OOMs; see who
 * died and what the kernel logged.  Run as root in a throwaway machine.
 */
#ifndef OOM_UTIL_H
#define OOM_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#include "../kselftest.h"	/* __printf */

#define OOM_MAX_CHILDREN	64
#define OOM_MAX_PROCS		128
#define OOM_UNPRIV_UID		1000
#define OOM_CGROUP_ROOT		"/sys/fs/cgroup"
/* CPU time unit of the tests that are about CPU time, in ms */
#define OOM_TEST_CPU_UNIT_MS	100

/* Credentials of a scenario process. */
enum oom_creds {
	OOM_USER = 0,	/* uid 1000, no capabilities */
	OOM_ROOT,	/* uid 0, every capability */
	OOM_RAWIO,	/* uid 1000 with CAP_SYS_RAWIO only */
	OOM_ADMIN,	/* uid 1000 with CAP_SYS_ADMIN only */
	OOM_RESOURCE,	/* uid 1000 with CAP_SYS_RESOURCE only */
	OOM_USERNS_ROOT, /* uid 1000, root of a user namespace of its own */
};

/* How the memory of a process relates to its children's. */
enum oom_share {
	OOM_PRIVATE = 0,	/* children fork first, touch their own */
	OOM_COW,		/* the parent touches, then forks: copy-on-write */
	OOM_SHMEM,		/* MAP_SHARED|MAP_ANONYMOUS, touched by all */
	OOM_MEMFD,		/* a memfd the children inherit and keep */
	OOM_TMPFS,		/* a linked tmpfs file in /tmp, mapped shared */
};

/* What a process is made of.  Zeroed fields mean "nothing special". */
struct oom_spec {
	const char *name;	/* comm, at most 10 characters */
	int mib;		/* memory touched, shared as @share says */
	int extra_mib;		/* private memory touched after the fork */
	int cpu_ms;		/* CPU time burnt before idling */
	int threads;		/* extra threads burning cpu_ms each */
	int adj;		/* oom_score_adj */
	enum oom_creds creds;
	enum oom_share share;	/* of @mib with the children */
	const char *cgroup;	/* cgroup directory to join first */
	const char *cgroup_after; /* ...and to move to once its memory is in */
	bool leak;		/* on SIGUSR1, grows 1 MiB every 5 ms */
	bool rewrite;		/* OOM_COW: children write all of @mib */
	bool thp;		/* @mib of OOM_PRIVATE, OOM_COW: MADV_HUGEPAGE */
	int hugetlb_mib;	/* hugetlb pages of the process alone */

	int nchildren;		/* children, forked as @share says */
	int zombies;		/* ...and this many more that exit at once */
	int child_mib;		/* private memory of each child */
	int child_adj;
	int child_cpu_ms;
	int grandchildren;	/* each child forks this many... */
	int grand_mib;		/* ...of this size */
	bool grand_cow;		/* ...after touching its memory (COW) */
	const char *child_cgroup;
	bool child_clone_vm;	/* children share the mm (clone(CLONE_VM)) */
	bool child_from_thread;	/* children are forked by a second thread */
	int child_mibs[OOM_MAX_CHILDREN];	/* per-child size, overrides */
	int child_adjs[OOM_MAX_CHILDREN];	/* per-child adj if non-zero */
};

struct oom_proc {
	struct oom_spec spec;
	pid_t pid;
	int nchildren;
	pid_t children[OOM_MAX_CHILDREN];
	int ngrand;
	pid_t grand[OOM_MAX_CHILDREN];
};

/* Files, time */
__printf(2, 3) int oom_write_file(const char *path, const char *fmt, ...);
int oom_read_file(const char *path, char *buf, size_t size);
long oom_read_long(const char *path);
long oom_read_key(const char *path, const char *key);
void oom_msleep(int ms);
long oom_now_ms(void);

/* Sysctls: the policy's own, with their documented bounds (one table) */
struct oom_sysctl_bounds {
	const char *name;
	unsigned long min, max;
};

extern const struct oom_sysctl_bounds oom_policy_sysctls[];
extern const unsigned int oom_nr_policy_sysctls;
bool oom_have_sysctl(const char *name);
int oom_set_sysctl(const char *name, long val);
long oom_get_sysctl(const char *name);
int oom_save_sysctls(void);
int oom_restore_sysctls(void);
int oom_test_defaults(void);

/* Processes */
int oom_set_caps(unsigned long long mask);
int oom_become(enum oom_creds creds);
int oom_enter_userns(uid_t outer_uid);
void oom_touch_mib(int mib);
void oom_burn_cpu_ms(int ms);
void oom_join_cgroup(const char *cg);
void oom_set_adj(int adj);
void oom_set_name(const char *name);
__noreturn void oom_idle_forever(void);
int oom_start(struct oom_proc *p);
void oom_stop(struct oom_proc *p);
bool oom_pid_alive(pid_t pid);
/* Gone, or a zombie: its memory is back */
bool oom_pid_gone(pid_t pid);
const char *oom_stat_field(pid_t pid, int field, char *buf, size_t size);
void oom_reap_zombies(void);
int oom_wait_dead(const pid_t *pids, int n, int want, int timeout_ms);

/* Cgroups */
int oom_cg_create(char *path, size_t size, const char *name);
long oom_cg_read(const char *cg, const char *file);
long oom_cg_key(const char *cg, const char *file, const char *key);
int oom_cg_write(const char *cg, const char *file, const char *val);
void oom_cg_destroy(const char *cg);
int oom_cg_squeeze(const char *cg, long free_mib);

/* OOMs */
int oom_global(void);
int oom_global_episode(long need_mib, const pid_t *pids, int n, int max_kills);
long oom_mem_free_kb(void);
long oom_read_score(pid_t pid);

/* The kernel log, from a point on; @lost says whether lines were missed */
struct oom_kmsg {
	int fd;
	bool lost;
	size_t len;
	char text[1 << 18];
};

int oom_kmsg_open(struct oom_kmsg *k);
const char *oom_kmsg_read(struct oom_kmsg *k);
void oom_kmsg_reset(struct oom_kmsg *k);
void oom_kmsg_close(struct oom_kmsg *k);
void oom_pump_log(struct oom_kmsg *log);
int oom_count_lines(const char *text, const char *needle);
pid_t oom_killed_pid(const char *text, int nth);

/* Leftovers of a test that was killed: processes and cgroups */
void oom_journal_pid(pid_t pid);
void oom_journal_cleanup(void);

#endif /* OOM_UTIL_H */
