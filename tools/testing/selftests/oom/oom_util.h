/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the OOM policy selftests and the oomkit demo: start real
 * processes with a controlled footprint, CPU time, credentials, children,
 * cgroup and oom_score_adj; force a global or a memcg OOM; see who died
 * and what the kernel logged about it.
 *
 * Everything here must run as root in a throwaway machine: the tests write
 * the vm.oom_* sysctls and drive the OOM killer for real.
 */
#ifndef OOM_UTIL_H
#define OOM_UTIL_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define OOM_MAX_CHILDREN	64
#define OOM_MAX_PROCS		128
#define OOM_UNPRIV_UID		1000

/* Credentials of a scenario process. */
enum oom_creds {
	OOM_USER = 0,	/* uid 1000, no capabilities */
	OOM_ROOT,	/* uid 0, every capability (CAP_SYS_ADMIN included) */
	OOM_RAWIO,	/* uid 1000 with CAP_SYS_RAWIO only */
	OOM_ADMIN,	/* uid 1000 with CAP_SYS_ADMIN only */
};

/* What a process is made of.  Zeroed fields mean "nothing special". */
struct oom_spec {
	const char *name;	/* comm, at most 15 characters */
	int mib;		/* anonymous memory touched */
	int cpu_ms;		/* CPU time burnt before idling */
	int adj;		/* oom_score_adj */
	enum oom_creds creds;
	const char *cgroup;	/* cgroup directory to join first */

	int nchildren;		/* children forked before the memory is touched */
	int child_mib;
	int child_adj;
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
};

/* ---------------------------------------------------------------- files */

static inline int write_file(const char *path, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	ssize_t n;
	int fd, len;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	return n == len ? 0 : -EIO;
}

static inline int read_file(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	buf[n] = '\0';
	close(fd);
	return n;
}

static inline long read_long(const char *path)
{
	char buf[64];

	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* A "key value" line of a flat-keyed file such as memory.events. */
static inline long read_key(const char *path, const char *key)
{
	char buf[4096], *p;
	size_t klen = strlen(key);

	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, key, klen) && (p[klen] == ' ' || p[klen] == ':'))
			return strtol(p + klen + 1, NULL, 10);
	}
	return -1;
}

static inline void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static inline long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* -------------------------------------------------------------- sysctls */

static const char * const oom_sysctl_names[] = {
	"oom_badness_policy", "oom_badness_cputime_unit_ms",
	"oom_badness_runtime_unit_secs", "oom_badness_root_divisor",
	"oom_badness_rawio_divisor", "oom_badness_children_percent",
	"oom_prefer_children", "oom_child_min_percent", "oom_child_guard_secs",
	"oom_kill_allocating_task", "oom_dump_tasks", "panic_on_oom",
};

#define OOM_NR_SYSCTLS ARRAY_SIZE(oom_sysctl_names)

/* The policy's own sysctls and their documented bounds. */
struct oom_sysctl_bounds {
	const char *name;
	unsigned long min, max;
};

static const struct oom_sysctl_bounds oom_policy_sysctls[] = {
	{ "oom_badness_policy", 0, 1 },
	{ "oom_badness_cputime_unit_ms", 0, 3600000 },
	{ "oom_badness_runtime_unit_secs", 0, 604800 },
	{ "oom_badness_root_divisor", 1, 1024 },
	{ "oom_badness_rawio_divisor", 1, 1024 },
	{ "oom_badness_children_percent", 0, 100 },
	{ "oom_prefer_children", 0, 1 },
	{ "oom_child_min_percent", 0, 100 },
	{ "oom_child_guard_secs", 1, 86400 },
};

static long oom_saved_sysctls[OOM_NR_SYSCTLS];

static inline bool have_sysctl(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	return access(path, F_OK) == 0;
}

static inline int set_sysctl(const char *name, long val)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	return write_file(path, "%ld\n", val);
}

static inline long get_sysctl(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	return read_long(path);
}

static inline void save_sysctls(void)
{
	unsigned int i;

	for (i = 0; i < OOM_NR_SYSCTLS; i++)
		oom_saved_sysctls[i] = get_sysctl(oom_sysctl_names[i]);
}

static inline void restore_sysctls(void)
{
	unsigned int i;

	for (i = 0; i < OOM_NR_SYSCTLS; i++)
		if (oom_saved_sysctls[i] >= 0)
			set_sysctl(oom_sysctl_names[i], oom_saved_sysctls[i]);
}

/*
 * The classic policy with the 2.6 defaults but units scaled for a VM:
 * 1 s of age per unit, so that 16 s of age halve a score.  CPU time is off
 * unless a test is about it (it then uses 100 ms units), because touching
 * memory under emulation costs system time of its own.  Dumping the task
 * list is turned off to keep the serial console quick; it does not change
 * any decision.
 */
#define TEST_CPU_UNIT_MS 100

static inline int classic_for_tests(void)
{
	int err = 0;

	err |= set_sysctl("oom_badness_policy", 1);
	err |= set_sysctl("oom_badness_cputime_unit_ms", 0);
	err |= set_sysctl("oom_badness_runtime_unit_secs", 1);
	err |= set_sysctl("oom_badness_root_divisor", 4);
	err |= set_sysctl("oom_badness_rawio_divisor", 4);
	err |= set_sysctl("oom_badness_children_percent", 50);
	err |= set_sysctl("oom_prefer_children", 1);
	err |= set_sysctl("oom_child_min_percent", 10);
	err |= set_sysctl("oom_child_guard_secs", 60);
	err |= set_sysctl("oom_dump_tasks", 0);
	return err;
}

/* ---------------------------------------------------------- credentials */

static inline int set_caps(unsigned long long mask)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = { };

	data[0].effective = (unsigned int)mask;
	data[0].permitted = data[0].effective;
	data[1].effective = (unsigned int)(mask >> 32);
	data[1].permitted = data[1].effective;
	return syscall(SYS_capset, &hdr, data);
}

static inline int become(enum oom_creds creds)
{
	unsigned long long keep = 0;

	if (creds == OOM_ROOT)
		return 0;
	if (creds == OOM_RAWIO)
		keep = 1ULL << CAP_SYS_RAWIO;
	if (creds == OOM_ADMIN)
		keep = 1ULL << CAP_SYS_ADMIN;
	if (keep && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return -1;
	if (setgroups(0, NULL) ||
	    setresgid(OOM_UNPRIV_UID, OOM_UNPRIV_UID, OOM_UNPRIV_UID) ||
	    setresuid(OOM_UNPRIV_UID, OOM_UNPRIV_UID, OOM_UNPRIV_UID))
		return -1;
	return keep ? set_caps(keep) : 0;
}

/* ----------------------------------------------------------- processes */

static inline void touch_mib(int mib)
{
	size_t len = (size_t)mib << 20;
	char *p;

	if (!mib)
		return;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(90);
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
}

unsigned long oom_burn_sink;

/* Spend @ms of user CPU time. */
static inline void burn_cpu_ms(int ms)
{
	unsigned long x = oom_burn_sink;
	struct timespec ts;

	if (!ms)
		return;
	do {
		for (int i = 0; i < 100000; i++)
			x = x * 6364136223846793005UL + 1442695040888963407UL;
		oom_burn_sink = x;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < ms);
}

static inline void join_cgroup(const char *cg)
{
	char path[512];

	if (!cg)
		return;
	snprintf(path, sizeof(path), "%.400s/cgroup.procs", cg);
	if (write_file(path, "0\n"))
		_exit(91);
}

static inline void set_adj(int adj)
{
	if (write_file("/proc/self/oom_score_adj", "%d\n", adj))
		_exit(92);
}

static inline void set_name(const char *name)
{
	if (name)
		prctl(PR_SET_NAME, name, 0, 0, 0);
}

static inline void idle_forever(void)
{
	for (;;)
		pause();
}

struct oom_child_arg {
	const struct oom_spec *spec;
	int idx;
	int ready_fd;
};

static inline int child_mib(const struct oom_spec *s, int i)
{
	return s->child_mibs[i] ? s->child_mibs[i] : s->child_mib;
}

/* Body of a child of a scenario process. */
static int oom_child_main(void *arg)
{
	struct oom_child_arg *a = arg;
	const struct oom_spec *s = a->spec;
	char name[16];
	char c = 1;

	snprintf(name, sizeof(name), "%.10s-c%d", s->name ? s->name : "p",
		 a->idx);
	set_name(name);
	if (!s->child_clone_vm) {
		join_cgroup(s->child_cgroup ? s->child_cgroup : s->cgroup);
		set_adj(s->child_adjs[a->idx] ? s->child_adjs[a->idx] :
			s->child_adj);
		if (become(s->creds))
			_exit(93);
		touch_mib(child_mib(s, a->idx));
	}
	if (write(a->ready_fd, &c, 1) != 1)
		_exit(94);
	idle_forever();
	return 0;
}

struct oom_forker {
	const struct oom_spec *spec;
	int ready_fd;
	pid_t *pids;
	int n;
	int done[2];
};

static void *oom_fork_children(void *arg)
{
	struct oom_forker *f = arg;
	const struct oom_spec *s = f->spec;
	static struct oom_child_arg args[OOM_MAX_CHILDREN];
	int i;

	for (i = 0; i < s->nchildren && i < OOM_MAX_CHILDREN; i++) {
		args[i] = (struct oom_child_arg){ s, i, f->ready_fd };
		if (s->child_clone_vm) {
			size_t sz = 64 << 10;
			char *stack = mmap(NULL, sz, PROT_READ | PROT_WRITE,
					   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			f->pids[i] = clone(oom_child_main, stack + sz,
					   CLONE_VM | SIGCHLD, &args[i]);
		} else {
			f->pids[i] = fork();
			if (f->pids[i] == 0)
				_exit(oom_child_main(&args[i]));
		}
		if (f->pids[i] < 0)
			_exit(95);
		f->n++;
	}
	return NULL;
}

static void *oom_thread_forker(void *arg)
{
	struct oom_forker *f = arg;
	char c = 1;

	oom_fork_children(f);
	if (write(f->done[1], &c, 1) != 1)
		_exit(96);
	idle_forever();
	return NULL;
}

/*
 * Start a scenario process and wait until it and its children are set up.
 * Order inside the process: cgroup, oom_score_adj, children, credentials,
 * memory, CPU.  Children are forked before the parent touches its memory,
 * so that they do not map the parent's pages copy-on-write.
 */
static inline int oom_start(struct oom_proc *p)
{
	int ready[2], report[2], n;
	pid_t pid;

	if (pipe2(ready, O_CLOEXEC) || pipe2(report, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		const struct oom_spec *s = &p->spec;
		struct oom_forker f = { s, ready[1], p->children, 0, { -1, -1 } };
		char th_done;
		pthread_t th;

		close(report[0]);
		close(ready[0]);
		ready[0] = -1;
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		set_name(s->name);
		join_cgroup(s->cgroup);
		set_adj(s->adj);
		if (s->child_from_thread) {
			/*
			 * The forking thread stays alive, so the children
			 * stay on its ->children list, not the leader's.
			 */
			if (pipe2(f.done, O_CLOEXEC) ||
			    pthread_create(&th, NULL, oom_thread_forker, &f) ||
			    read(f.done[0], &th_done, 1) != 1)
				_exit(96);
		} else {
			oom_fork_children(&f);
		}
		if (become(s->creds))
			_exit(97);
		touch_mib(s->mib);
		burn_cpu_ms(s->cpu_ms);
		close(ready[1]);
		if (write(report[1], &f.n, sizeof(f.n)) != sizeof(f.n) ||
		    write(report[1], p->children, f.n * sizeof(pid_t)) !=
		    (ssize_t)(f.n * sizeof(pid_t)))
			_exit(98);
		close(report[1]);
		idle_forever();
	}
	close(report[1]);
	close(ready[1]);
	p->pid = pid;
	/* one byte from each child once it is set up */
	for (n = 0; n < p->spec.nchildren; n++) {
		char c;

		if (read(ready[0], &c, 1) != 1)
			goto fail;
	}
	if (read(report[0], &p->nchildren, sizeof(int)) != sizeof(int) ||
	    read(report[0], p->children, p->nchildren * sizeof(pid_t)) !=
	    (ssize_t)(p->nchildren * sizeof(pid_t)))
		goto fail;
	close(ready[0]);
	close(report[0]);
	return 0;
fail:
	close(ready[0]);
	close(report[0]);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

/* Alive means running or sleeping: a zombie has already released its mm. */
static inline bool pid_alive(pid_t pid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return false;
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return false;
	return p[2] != 'Z' && p[2] != 'X';
}

static inline void oom_reap_zombies(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static inline void oom_stop(struct oom_proc *p)
{
	int i;

	for (i = 0; i < p->nchildren; i++)
		kill(p->children[i], SIGKILL);
	if (p->pid > 0)
		kill(p->pid, SIGKILL);
}

/* ------------------------------------------------------------- cgroups */

#define CGROUP_ROOT "/sys/fs/cgroup"

static inline int cg_create(char *path, size_t size, const char *name)
{
	snprintf(path, size, CGROUP_ROOT "/%s", name);
	write_file(CGROUP_ROOT "/cgroup.subtree_control", "+memory\n");
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	return 0;
}

static inline long cg_read(const char *cg, const char *file)
{
	char path[512];

	snprintf(path, sizeof(path), "%.400s/%.100s", cg, file);
	return read_long(path);
}

static inline long cg_key(const char *cg, const char *file, const char *key)
{
	char path[512];

	snprintf(path, sizeof(path), "%.400s/%.100s", cg, file);
	return read_key(path, key);
}

static inline int cg_write(const char *cg, const char *file, const char *val)
{
	char path[512];

	snprintf(path, sizeof(path), "%.400s/%.100s", cg, file);
	return write_file(path, "%s\n", val);
}

/* Kill whatever is left in a cgroup and remove it. */
static inline void cg_destroy(const char *cg)
{
	char path[512], buf[8192], *p;
	int tries;

	snprintf(path, sizeof(path), "%.400s/cgroup.procs", cg);
	for (tries = 0; tries < 100; tries++) {
		if (read_file(path, buf, sizeof(buf)) <= 0)
			break;
		for (p = buf; *p; ) {
			kill(strtol(p, &p, 10), SIGKILL);
			while (*p == '\n')
				p++;
		}
		oom_reap_zombies();
		msleep(20);
	}
	rmdir(cg);
}

/* Tasks of @cg that are on their way out (dead or exiting). */
static inline int count_dying(const char *cg)
{
	char path[512], buf[8192], *p;
	int n = 0;

	snprintf(path, sizeof(path), "%.400s/cgroup.procs", cg);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return 0;
	for (p = buf; *p; ) {
		pid_t pid = strtol(p, &p, 10);

		if (pid > 0 && !pid_alive(pid))
			n++;
		while (*p == '\n')
			p++;
	}
	return n;
}

/* Only there to interrupt the memory.max write loop. */
static void oom_once_handler(int sig)
{
}

/*
 * Write memory.max and let the kernel OOM kill in the writer's context, but
 * stop it after its first kill.  memory.max writes retry the OOM killer
 * until the usage fits, and an exiting victim is skipped as soon as it has
 * unmapped its memory (MMF_OOM_SKIP), before its pages are freed: the retry
 * can then kill a second task although the first kill is enough.  A
 * watcher sees oom_kill go up in memory.events and signals the writer,
 * which ends the write loop.  Returns the kills seen, or -1.
 */
static inline int cg_oom_once(const char *cg, long max)
{
	struct sigaction sa = { .sa_handler = oom_once_handler }, old;
	long before = cg_key(cg, "memory.events", "oom_kill");
	pid_t me = getpid(), watcher;
	char val[32];
	int status;

	if (before < 0)
		return -1;
	sigaction(SIGUSR1, &sa, &old);
	watcher = fork();
	if (watcher == 0) {
		long end = now_ms() + 30000;

		/*
		 * Poll without sleeping: a sleep lasts a tick, and a small
		 * victim gets through exit_mmap() in less.  The event is
		 * counted before the victim is even signalled.
		 */
		while (now_ms() < end) {
			if (cg_key(cg, "memory.events", "oom_kill") > before) {
				kill(me, SIGUSR1);
				_exit(0);
			}
		}
		_exit(1);
	}
	snprintf(val, sizeof(val), "%ld", max);
	cg_write(cg, "memory.max", val);
	kill(watcher, SIGKILL);
	waitpid(watcher, &status, 0);
	sigaction(SIGUSR1, &old, NULL);
	return cg_key(cg, "memory.events", "oom_kill") - before;
}

/*
 * Force memcg OOMs: set memory.max @free_mib below the current usage and
 * let the kernel kill, one kill at a time, until the usage fits once the
 * victims' memory is back.  Returns the number of kills it took, or -1.
 */
static inline int cg_squeeze(const char *cg, long free_mib)
{
	long cur = cg_read(cg, "memory.current"), max, end;
	int kills = 0, k;

	if (cur < 0)
		return -1;
	max = cur - (free_mib << 20);
	while (kills < 32) {
		k = cg_oom_once(cg, max);
		if (k <= 0)
			return k < 0 ? -1 : kills;
		kills += k;
		/* wait for the victim's memory to come back */
		for (end = now_ms() + 10000; now_ms() < end; msleep(20)) {
			oom_reap_zombies();
			if (cg_read(cg, "memory.current") <= max)
				return kills;
			if (count_dying(cg) == 0)
				break;
		}
		msleep(100);
		if (cg_read(cg, "memory.current") <= max)
			return kills;
	}
	return -1;
}

/* ----------------------------------------------------------- the OOMs */

static inline int global_oom(void)
{
	return write_file("/proc/sysrq-trigger", "f");
}

/* -------------------------------------------------------- kernel log */

struct kmsg {
	int fd;
	char text[1 << 16];
	size_t len;
};

/* Start reading the kernel log from now on. */
static inline int kmsg_open(struct kmsg *k)
{
	k->len = 0;
	k->text[0] = '\0';
	k->fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (k->fd < 0)
		return -1;
	lseek(k->fd, 0, SEEK_END);
	return 0;
}

/* Append the messages logged since the last call; returns the text. */
static inline const char *kmsg_read(struct kmsg *k)
{
	char rec[2048];
	ssize_t n;

	for (;;) {
		char *msg;
		size_t mlen;

		n = read(k->fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			break;
		rec[n] = '\0';
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		mlen = strcspn(msg, "\n");
		if (k->len + mlen + 2 < sizeof(k->text)) {
			memcpy(k->text + k->len, msg, mlen);
			k->len += mlen;
			k->text[k->len++] = '\n';
			k->text[k->len] = '\0';
		}
	}
	return k->text;
}

static inline void kmsg_close(struct kmsg *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
}

static inline int count_lines(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The pid of the n-th (0-based) "Killed process" line, or -1. */
static inline pid_t killed_pid(const char *text, int nth)
{
	const char *needle = "Killed process ";
	const char *p = text;

	while ((p = strstr(p, needle))) {
		p += strlen(needle);
		if (nth-- == 0)
			return strtol(p, NULL, 10);
	}
	return -1;
}

/*
 * Wait until at least @want of @pids are dead (or @timeout_ms passed),
 * then give the killer a moment to overdo it.  Returns how many are dead.
 */
static inline int wait_dead(const pid_t *pids, int n, int want, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	int dead, i;

	for (;;) {
		oom_reap_zombies();
		for (dead = 0, i = 0; i < n; i++)
			dead += !pid_alive(pids[i]);
		if (dead >= want || now_ms() > end)
			break;
		msleep(20);
	}
	msleep(300);
	oom_reap_zombies();
	for (dead = 0, i = 0; i < n; i++)
		dead += !pid_alive(pids[i]);
	return dead;
}

/* /proc/<pid>/oom_score, or -1. */
static inline long read_oom_score(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/oom_score", pid);
	return read_long(path);
}

#endif /* OOM_UTIL_H */
