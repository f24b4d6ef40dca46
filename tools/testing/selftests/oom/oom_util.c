// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the OOM policy selftests; see oom_util.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <linux/capability.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "oom_util.h"

/* ---------------------------------------------------------------- files */

int oom_write_file(const char *path, const char *fmt, ...)
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
	if (n < 0)
		n = -errno;
	close(fd);
	if (n < 0)
		return n;
	return n == len ? 0 : -EIO;
}

int oom_read_file(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	else
		buf[n] = '\0';
	close(fd);
	return n;
}

long oom_read_long(const char *path)
{
	char buf[64];

	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* A "key value" or "key: value" line of a flat-keyed file. */
long oom_read_key(const char *path, const char *key)
{
	char buf[8192], *p;
	size_t klen = strlen(key);

	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, key, klen) && (p[klen] == ' ' || p[klen] == ':'))
			return strtol(p + klen + 1, NULL, 10);
	}
	return -1;
}

void oom_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

long oom_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* -------------------------------------------------------------- sysctls */

/* The policy's sysctls and their documented bounds: the only such table. */
const struct oom_sysctl_bounds oom_policy_sysctls[] = {
	{ "oom_badness_policy", 0, 1 },
	{ "oom_badness_cputime_unit_ms", 0, 3600000 },
	{ "oom_badness_runtime_unit_secs", 0, 604800 },
	{ "oom_badness_root_divisor", 1, 1024 },
	{ "oom_badness_rawio_divisor", 1, 1024 },
	{ "oom_badness_children_percent", 0, 100 },
	{ "oom_prefer_children", 0, 1 },
	{ "oom_child_min_percent", 0, 100 },
	{ "oom_child_guard_secs", 1, 86400 },
	{ "oom_badness_walk_budget", 0, 1UL << 30 },
	{ "oom_badness_episode_secs", 0, 3600 },
};

const unsigned int oom_nr_policy_sysctls = ARRAY_SIZE(oom_policy_sysctls);

/* Saved and restored with them: the stock OOM sysctls the tests touch. */
static const char * const oom_other_sysctls[] = {
	"oom_kill_allocating_task", "oom_dump_tasks", "panic_on_oom",
	"nr_hugepages",
};

#define OOM_NR_SAVED (ARRAY_SIZE(oom_policy_sysctls) + ARRAY_SIZE(oom_other_sysctls))
#define OOM_SAVED_FILE "/tmp/oomkit-sysctls.saved"

static const char *saved_name(unsigned int i)
{
	if (i < ARRAY_SIZE(oom_policy_sysctls))
		return oom_policy_sysctls[i].name;
	return oom_other_sysctls[i - ARRAY_SIZE(oom_policy_sysctls)];
}

bool oom_have_sysctl(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	return access(path, F_OK) == 0;
}

int oom_set_sysctl(const char *name, long val)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	return oom_write_file(path, "%ld\n", val);
}

long oom_get_sysctl(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	return oom_read_long(path);
}

/*
 * The values a test found go to a file, not to memory: a test that was
 * killed (a timeout) leaves the file behind, and the next test's setup
 * restores from it before it saves anything itself.
 */
int oom_save_sysctls(void)
{
	FILE *f;
	unsigned int i;

	if (!access(OOM_SAVED_FILE, F_OK))
		oom_restore_sysctls();
	f = fopen(OOM_SAVED_FILE ".new", "w");
	if (!f)
		return -1;
	for (i = 0; i < OOM_NR_SAVED; i++)
		fprintf(f, "%s %ld\n", saved_name(i), oom_get_sysctl(saved_name(i)));
	if (fclose(f))
		return -1;
	return rename(OOM_SAVED_FILE ".new", OOM_SAVED_FILE);
}

int oom_restore_sysctls(void)
{
	char name[64];
	long val;
	FILE *f = fopen(OOM_SAVED_FILE, "r");
	int err = 0;

	if (!f)
		return -1;
	while (fscanf(f, "%63s %ld", name, &val) == 2)
		if (val >= 0 && oom_set_sysctl(name, val))
			err = -1;
	fclose(f);
	unlink(OOM_SAVED_FILE);
	return err;
}

/*
 * The classic policy with the 2.6 defaults but units scaled for a VM:
 * 1 s of age per unit, so that 16 s of age halve a score.  CPU time is off
 * unless a test is about it (it then uses 100 ms units), because touching
 * memory under emulation costs system time of its own.  Dumping the task
 * list is off to keep the console quick.  Writing the episode window ends
 * any episode an earlier test left.
 */
int oom_test_defaults(void)
{
	int err = 0;

	err |= oom_set_sysctl("oom_badness_policy", 1);
	err |= oom_set_sysctl("oom_badness_cputime_unit_ms", 0);
	err |= oom_set_sysctl("oom_badness_runtime_unit_secs", 1);
	err |= oom_set_sysctl("oom_badness_root_divisor", 4);
	err |= oom_set_sysctl("oom_badness_rawio_divisor", 4);
	err |= oom_set_sysctl("oom_badness_children_percent", 50);
	err |= oom_set_sysctl("oom_prefer_children", 1);
	err |= oom_set_sysctl("oom_child_min_percent", 10);
	err |= oom_set_sysctl("oom_child_guard_secs", 60);
	err |= oom_set_sysctl("oom_badness_walk_budget", 1 << 20);
	err |= oom_set_sysctl("oom_badness_episode_secs", 10);
	err |= oom_set_sysctl("oom_dump_tasks", 0);
	return err;
}

/* ---------------------------------------------------------- credentials */

int oom_set_caps(unsigned long long mask)
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

/*
 * Root of a new user namespace: uid 0 mapped to @outer_uid of the initial
 * namespace, with every capability, but only inside the new namespace.
 */
int oom_enter_userns(uid_t outer_uid)
{
	char map[32];

	if (unshare(CLONE_NEWUSER))
		return -1;
	snprintf(map, sizeof(map), "0 %u 1", outer_uid);
	if (oom_write_file("/proc/self/setgroups", "deny") ||
	    oom_write_file("/proc/self/uid_map", "%s", map) ||
	    oom_write_file("/proc/self/gid_map", "%s", map))
		return -1;
	return geteuid() == 0 ? 0 : -1;
}

int oom_become(enum oom_creds creds)
{
	unsigned long long keep = 0;

	if (creds == OOM_ROOT)
		return 0;
	if (creds == OOM_RAWIO)
		keep = 1ULL << CAP_SYS_RAWIO;
	if (creds == OOM_ADMIN)
		keep = 1ULL << CAP_SYS_ADMIN;
	if (creds == OOM_RESOURCE)
		keep = 1ULL << CAP_SYS_RESOURCE;
	if (keep && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return -1;
	if (setgroups(0, NULL) ||
	    setresgid(OOM_UNPRIV_UID, OOM_UNPRIV_UID, OOM_UNPRIV_UID) ||
	    setresuid(OOM_UNPRIV_UID, OOM_UNPRIV_UID, OOM_UNPRIV_UID))
		return -1;
	if (creds == OOM_USERNS_ROOT)
		return prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) ||
		       oom_enter_userns(OOM_UNPRIV_UID);
	return keep ? oom_set_caps(keep) : 0;
}

/* ----------------------------------------------------------- processes */

static void touch(char *p, size_t len)
{
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
}

char oom_map_sink;

/* Read every page: maps shared pages into this process too. */
static void map_in(const char *p, size_t len)
{
	char x = 0;

	for (size_t i = 0; i < len; i += 4096)
		x ^= __atomic_load_n(&p[i], __ATOMIC_RELAXED);
	oom_map_sink = x;
}

#define OOM_PMD_SIZE	(2UL << 20)

/*
 * Private anonymous memory of @len bytes; with @thp, aligned to a PMD and
 * advised to be backed by transparent huge pages.  Exits on failure.
 */
static char *map_anon(size_t len, bool thp)
{
	size_t extra = thp ? OOM_PMD_SIZE : 0;
	char *p;

	p = mmap(NULL, len + extra, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(90);
	if (thp) {
		p = (char *)(((unsigned long)p + OOM_PMD_SIZE - 1) &
			     ~(OOM_PMD_SIZE - 1));
		if (madvise(p, len, MADV_HUGEPAGE))
			_exit(90);
	}
	return p;
}

static void touch_anon(int mib, bool thp)
{
	size_t len = (size_t)mib << 20;

	if (mib)
		touch(map_anon(len, thp), len);
}

void oom_touch_mib(int mib)
{
	touch_anon(mib, false);
}

/* @mib of hugetlb pages, from the pool vm.nr_hugepages fills. */
static void touch_hugetlb(int mib)
{
	size_t len = (size_t)mib << 20;
	char *p;

	if (!mib)
		return;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (p == MAP_FAILED)
		_exit(88);
	touch(p, len);
}

unsigned long oom_burn_sink;

/* Spend @ms of CPU time of the calling thread. */
static void burn_thread_ms(int ms)
{
	unsigned long x = oom_burn_sink;
	struct timespec ts;

	if (!ms)
		return;
	do {
		for (int i = 0; i < 100000; i++)
			x = x * 6364136223846793005UL + 1442695040888963407UL;
		__atomic_store_n(&oom_burn_sink, x, __ATOMIC_RELAXED);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < ms);
}

void oom_burn_cpu_ms(int ms)
{
	burn_thread_ms(ms);
}

void oom_join_cgroup(const char *cg)
{
	char path[512];

	if (!cg)
		return;
	snprintf(path, sizeof(path), "%.400s/cgroup.procs", cg);
	if (oom_write_file(path, "0\n"))
		_exit(91);
}

void oom_set_adj(int adj)
{
	if (oom_write_file("/proc/self/oom_score_adj", "%d\n", adj))
		_exit(92);
}

void oom_set_name(const char *name)
{
	if (name)
		prctl(PR_SET_NAME, name, 0, 0, 0);
}

void oom_idle_forever(void)
{
	for (;;)
		pause();
}

/* A ready record: who is set up.  Small enough for one atomic write. */
struct ready {
	char kind;		/* 'c' child, 'g' grandchild, 'p' the process */
	int idx;
	pid_t pid;
};

static void report(int fd, char kind, int idx)
{
	struct ready r = { kind, idx, getpid() };

	if (write(fd, &r, sizeof(r)) != sizeof(r))
		_exit(94);
}

struct child_arg {
	const struct oom_spec *spec;
	int idx;
	int ready_fd;
	char *shared;		/* OOM_SHMEM, or OOM_COW with rewrite */
};

static int child_mib(const struct oom_spec *s, int i)
{
	return s->child_mibs[i] ? s->child_mibs[i] : s->child_mib;
}

/* Body of a child of a scenario process. */
static int child_main(void *arg)
{
	struct child_arg *a = arg;
	const struct oom_spec *s = a->spec;
	char name[16];
	int g;

	snprintf(name, sizeof(name), "%.10s-c%d", s->name ? s->name : "p",
		 a->idx);
	oom_set_name(name);
	if (!s->child_clone_vm) {
		oom_join_cgroup(s->child_cgroup ? s->child_cgroup : s->cgroup);
		oom_set_adj(s->child_adjs[a->idx] ? s->child_adjs[a->idx] :
			    s->child_adj);
		if (oom_become(s->creds == OOM_USERNS_ROOT ? OOM_USER : s->creds))
			_exit(93);
		/* a rewrite copies every page: the parent's are its own again */
		if (a->shared && s->rewrite && s->share == OOM_COW)
			touch(a->shared, (size_t)s->mib << 20);
		else if (a->shared)
			map_in(a->shared, (size_t)s->mib << 20);
		/* grandchildren share it copy-on-write only if told to */
		if (s->grand_cow)
			oom_touch_mib(child_mib(s, a->idx));
		for (g = 0; g < s->grandchildren; g++) {
			pid_t pid = fork();

			if (pid < 0)
				_exit(95);
			if (pid == 0) {
				snprintf(name, sizeof(name), "%.7s-g%d-%d",
					 s->name ? s->name : "p", a->idx % 64,
					 g % 64);
				oom_set_name(name);
				oom_touch_mib(s->grand_mib);
				report(a->ready_fd, 'g', a->idx);
				oom_idle_forever();
			}
		}
		if (!s->grand_cow)
			oom_touch_mib(child_mib(s, a->idx));
		oom_burn_cpu_ms(s->child_cpu_ms);
	}
	report(a->ready_fd, 'c', a->idx);
	oom_idle_forever();
	return 0;
}

struct forker {
	const struct oom_spec *spec;
	int ready_fd;
	char *shared;
	int done[2];
};

static void fork_children(struct forker *f)
{
	static struct child_arg args[OOM_MAX_CHILDREN];
	const struct oom_spec *s = f->spec;
	int i;

	for (i = 0; i < s->nchildren && i < OOM_MAX_CHILDREN; i++) {
		pid_t pid;

		args[i] = (struct child_arg){ s, i, f->ready_fd, f->shared };
		if (s->child_clone_vm) {
			size_t sz = 64 << 10;
			char *stack = mmap(NULL, sz, PROT_READ | PROT_WRITE,
					   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			pid = clone(child_main, stack + sz, CLONE_VM | SIGCHLD,
				    &args[i]);
		} else {
			pid = fork();
			if (pid == 0)
				_exit(child_main(&args[i]));
		}
		if (pid < 0)
			_exit(95);
	}
	/* children that exit at once and that nobody reaps */
	for (i = 0; i < s->zombies; i++)
		if (fork() == 0)
			_exit(0);
}

static void *thread_forker(void *arg)
{
	struct forker *f = arg;
	char c = 1;

	fork_children(f);
	if (write(f->done[1], &c, 1) != 1)
		_exit(96);
	oom_idle_forever();
	return NULL;
}

struct burner {
	int ms;
	int done_fd;
};

static void *thread_burner(void *arg)
{
	struct burner *b = arg;
	char c = 1;

	burn_thread_ms(b->ms);
	if (write(b->done_fd, &c, 1) != 1)
		_exit(96);
	oom_idle_forever();
	return NULL;
}

static int leak_now;

static void leak_handler(int sig)
{
	__atomic_store_n(&leak_now, 1, __ATOMIC_RELAXED);
}

/* Grow until killed, 1 MiB every 5 ms, once told to with SIGUSR1. */
static void leak_forever(void)
{
	struct sigaction sa = { .sa_handler = leak_handler };
	sigset_t none;

	sigemptyset(&none);
	sigaction(SIGUSR1, &sa, NULL);
	while (!__atomic_load_n(&leak_now, __ATOMIC_RELAXED))
		sigsuspend(&none);
	for (;;) {
		oom_touch_mib(1);
		oom_msleep(5);
	}
}

/* The memory the children share with the parent, per @s->share. */
static char *shared_memory(const struct oom_spec *s)
{
	size_t len = (size_t)s->mib << 20;
	char *p, path[128];
	int fd;

	switch (s->share) {
	case OOM_COW:
		p = map_anon(len, s->thp);
		break;
	case OOM_SHMEM:
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		break;
	case OOM_MEMFD:
		/* kept open and inherited: the children keep the file */
		fd = memfd_create(s->name ? s->name : "oomt", 0);
		if (fd < 0 || ftruncate(fd, len))
			_exit(89);
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		break;
	case OOM_TMPFS:
		/* a linked file: it outlives the process */
		snprintf(path, sizeof(path), "/tmp/oomt-%d", getpid());
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0 || ftruncate(fd, len))
			_exit(89);
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		close(fd);
		break;
	default:
		return NULL;
	}
	if (p == MAP_FAILED)
		_exit(89);
	touch(p, len);
	return p;
}

/*
 * The scenario process: cgroup, oom_score_adj, the memory it shares with
 * its children (copy-on-write, shmem, memfd), the children, credentials,
 * its private memory, CPU time; then it reports and idles (or leaks).
 * Children of a private process are forked before it touches its memory,
 * so that they do not share it copy-on-write.
 */
static void scenario_main(struct oom_proc *p, int ready_fd)
{
	const struct oom_spec *s = &p->spec;
	struct forker f = { s, ready_fd, NULL, { -1, -1 } };
	struct burner b = { s->cpu_ms, -1 };
	int done[2], i;
	pthread_t th;
	char c;

	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	oom_set_name(s->name);
	oom_join_cgroup(s->cgroup);
	oom_set_adj(s->adj);
	f.shared = shared_memory(s);
	/* only shmem children map it all in, and COW children rewrite it */
	if (s->share != OOM_SHMEM && !(s->share == OOM_COW && s->rewrite))
		f.shared = NULL;
	if (s->child_from_thread) {
		/* the forking thread lives on: its ->children get them */
		if (pipe2(f.done, O_CLOEXEC) ||
		    pthread_create(&th, NULL, thread_forker, &f) ||
		    read(f.done[0], &c, 1) != 1)
			_exit(96);
	} else {
		fork_children(&f);
	}
	/* memory charged to one cgroup, its owner living in another */
	if (s->cgroup_after) {
		if (s->share == OOM_PRIVATE)
			touch_anon(s->mib, s->thp);
		oom_touch_mib(s->extra_mib);
		oom_join_cgroup(s->cgroup_after);
	}
	if (oom_become(s->creds))
		_exit(97);
	if (!s->cgroup_after) {
		if (s->share == OOM_PRIVATE)
			touch_anon(s->mib, s->thp);
		oom_touch_mib(s->extra_mib);
	}
	touch_hugetlb(s->hugetlb_mib);
	if (s->threads) {
		if (pipe2(done, O_CLOEXEC))
			_exit(96);
		b.done_fd = done[1];
		for (i = 0; i < s->threads; i++)
			if (pthread_create(&th, NULL, thread_burner, &b))
				_exit(96);
		for (i = 0; i < s->threads; i++)
			if (read(done[0], &c, 1) != 1)
				_exit(96);
	} else {
		oom_burn_cpu_ms(s->cpu_ms);
	}
	report(ready_fd, 'p', 0);
	if (s->leak)
		leak_forever();
	oom_idle_forever();
}

/*
 * Start a scenario process and wait until it, its children and their
 * children are set up; their pids land in @p and in the journal.
 */
int oom_start(struct oom_proc *p)
{
	int fds[2], want, got;
	struct ready r;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fds[0]);
		scenario_main(p, fds[1]);
	}
	close(fds[1]);
	p->pid = pid;
	oom_journal_pid(pid);
	p->nchildren = 0;
	p->ngrand = 0;
	want = 1 + p->spec.nchildren +
	       (p->spec.child_clone_vm ? 0 :
		p->spec.nchildren * p->spec.grandchildren);
	for (got = 0; got < want; got++) {
		if (read(fds[0], &r, sizeof(r)) != sizeof(r))
			goto fail;
		if (r.kind == 'c' && r.idx < OOM_MAX_CHILDREN) {
			p->children[r.idx] = r.pid;
			p->nchildren++;
		} else if (r.kind == 'g' && p->ngrand < OOM_MAX_CHILDREN) {
			p->grand[p->ngrand++] = r.pid;
		}
		if (r.kind != 'p')
			oom_journal_pid(r.pid);
	}
	close(fds[0]);
	return 0;
fail:
	close(fds[0]);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

void oom_stop(struct oom_proc *p)
{
	int i;

	for (i = 0; i < p->ngrand; i++)
		kill(p->grand[i], SIGKILL);
	for (i = 0; i < p->nchildren; i++)
		kill(p->children[i], SIGKILL);
	if (p->pid > 0)
		kill(p->pid, SIGKILL);
}

/*
 * Alive means running or sleeping, not exiting: not a zombie, no
 * PF_EXITING, no SIGKILL pending.  A victim on its way out is dead here.
 */
bool oom_pid_alive(pid_t pid)
{
	char path[64], buf[2048], *p;
	unsigned long flags;
	int field;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return false;
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ' || p[2] == 'Z' || p[2] == 'X')
		return false;
	/* field 9, flags: PF_EXITING is 0x4 */
	for (field = 3; p && field <= 9; field++)
		p = strchr(p + 1, ' ');
	if (!p)
		return false;
	flags = strtoul(p + 1, NULL, 10);
	if (flags & 0x4)
		return false;
	/* ShdPnd: the signals pending for the whole group, in hex */
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return false;
	p = strstr(buf, "ShdPnd:");
	if (p && strtoull(p + 7, NULL, 16) & (1ULL << (SIGKILL - 1)))
		return false;
	return true;
}

void oom_reap_zombies(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/*
 * Wait until at least @want of @pids are dead, or @timeout_ms passed (then
 * say so on stderr), and give the killer a moment to overdo it.  Returns
 * how many are dead.
 */
static struct oom_kmsg *oom_pumped_log;

/* A log to keep reading while the helpers wait, before the kernel's ring
 * buffer overwrites what a series of OOMs logs.
 */
void oom_pump_log(struct oom_kmsg *log)
{
	oom_pumped_log = log;
}

static void pump(void)
{
	if (oom_pumped_log && oom_pumped_log->fd >= 0)
		oom_kmsg_read(oom_pumped_log);
}

int oom_wait_dead(const pid_t *pids, int n, int want, int timeout_ms)
{
	long start = oom_now_ms(), end = start + timeout_ms;
	int dead, i;

	for (;;) {
		pump();
		oom_reap_zombies();
		for (dead = 0, i = 0; i < n; i++)
			dead += !oom_pid_alive(pids[i]);
		if (dead >= want)
			break;
		if (oom_now_ms() > end) {
			fprintf(stderr, "# gave up after %ld ms: %d of %d to die, %d died\n",
				oom_now_ms() - start, want, n, dead);
			break;
		}
		oom_msleep(20);
	}
	oom_msleep(300);
	oom_reap_zombies();
	for (dead = 0, i = 0; i < n; i++)
		dead += !oom_pid_alive(pids[i]);
	return dead;
}

/* ------------------------------------------------------------- cgroups */

int oom_cg_create(char *path, size_t size, const char *name)
{
	snprintf(path, size, OOM_CGROUP_ROOT "/%s", name);
	oom_write_file(OOM_CGROUP_ROOT "/cgroup.subtree_control", "+memory\n");
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	return 0;
}

long oom_cg_read(const char *cg, const char *file)
{
	char path[512];

	snprintf(path, sizeof(path), "%.400s/%.100s", cg, file);
	return oom_read_long(path);
}

long oom_cg_key(const char *cg, const char *file, const char *key)
{
	char path[512];

	snprintf(path, sizeof(path), "%.400s/%.100s", cg, file);
	return oom_read_key(path, key);
}

int oom_cg_write(const char *cg, const char *file, const char *val)
{
	char path[512];

	snprintf(path, sizeof(path), "%.400s/%.100s", cg, file);
	return oom_write_file(path, "%s\n", val);
}

/* Kill whatever is left in a cgroup (and below) and remove it. */
void oom_cg_destroy(const char *cg)
{
	char path[512], buf[8192], *p;
	struct dirent *de;
	int tries;
	DIR *d;

	d = opendir(cg);
	while (d && (de = readdir(d))) {
		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%.400s/%.100s", cg, de->d_name);
		oom_cg_destroy(path);
	}
	if (d)
		closedir(d);
	snprintf(path, sizeof(path), "%.400s/cgroup.procs", cg);
	for (tries = 0; tries < 250; tries++) {
		if (oom_read_file(path, buf, sizeof(buf)) <= 0)
			break;
		for (p = buf; *p; ) {
			kill(strtol(p, &p, 10), SIGKILL);
			while (*p == '\n')
				p++;
		}
		oom_reap_zombies();
		oom_msleep(20);
	}
	rmdir(cg);
}

/* Tasks of @cg that are on their way out (dead or exiting). */
static int cg_count_dying(const char *cg)
{
	char path[512], buf[8192], *p;
	int n = 0;

	snprintf(path, sizeof(path), "%.400s/cgroup.procs", cg);
	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return 0;
	for (p = buf; *p; ) {
		pid_t pid = strtol(p, &p, 10);

		if (pid > 0 && !oom_pid_alive(pid))
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
static int cg_oom_once(const char *cg, long max)
{
	struct sigaction sa = { .sa_handler = oom_once_handler }, old;
	long before = oom_cg_key(cg, "memory.events", "oom_kill");
	cpu_set_t mask, cpus;
	bool two;
	pid_t me = getpid(), watcher;
	char val[32];
	int status;

	if (before < 0)
		return -1;
	sigaction(SIGUSR1, &sa, &old);
	/*
	 * The victim, woken by its SIGKILL, competes with the watcher for a
	 * CPU: if it gets through exit_mmap() first, the write loop kills
	 * again.  The writer keeps one CPU, the watcher the other one at a
	 * real-time priority, so that it signals before the victim is gone.
	 */
	two = !sched_getaffinity(0, sizeof(mask), &mask) &&
	      CPU_ISSET(0, &mask) && CPU_ISSET(1, &mask);
	if (two) {
		CPU_ZERO(&cpus);
		CPU_SET(0, &cpus);
		sched_setaffinity(0, sizeof(cpus), &cpus);
	}
	watcher = fork();
	if (watcher == 0) {
		struct sched_param sp = { .sched_priority = 10 };
		long end = oom_now_ms() + 30000;

		if (two) {
			CPU_ZERO(&cpus);
			CPU_SET(1, &cpus);
			sched_setaffinity(0, sizeof(cpus), &cpus);
			sched_setscheduler(0, SCHED_FIFO, &sp);
		}

		/*
		 * Poll without sleeping: a sleep lasts a tick, and a small
		 * victim gets through exit_mmap() in less.  The event is
		 * counted before the victim is even signalled.
		 */
		while (oom_now_ms() < end) {
			if (oom_cg_key(cg, "memory.events", "oom_kill") > before) {
				kill(me, SIGUSR1);
				_exit(0);
			}
		}
		_exit(1);
	}
	snprintf(val, sizeof(val), "%ld", max);
	oom_cg_write(cg, "memory.max", val);
	kill(watcher, SIGKILL);
	waitpid(watcher, &status, 0);
	sigaction(SIGUSR1, &old, NULL);
	if (two)
		sched_setaffinity(0, sizeof(mask), &mask);
	return oom_cg_key(cg, "memory.events", "oom_kill") - before;
}

/*
 * Force memcg OOMs: set memory.max @free_mib below the current usage and
 * let the kernel kill, one kill at a time, until the usage fits once the
 * victims' memory is back.  Returns the number of kills it took, or -1.
 */
int oom_cg_squeeze(const char *cg, long free_mib)
{
	long cur = oom_cg_read(cg, "memory.current"), max, end, last;
	int kills = 0, k, still;

	if (cur < 0)
		return -1;
	max = cur - (free_mib << 20);
	while (kills < 64) {
		k = cg_oom_once(cg, max);
		if (k <= 0)
			return k < 0 ? -1 : kills;
		kills += k;
		pump();
		/* wait for the victim's memory to come back */
		for (end = oom_now_ms() + 10000; oom_now_ms() < end; oom_msleep(20)) {
			oom_reap_zombies();
			if (oom_cg_read(cg, "memory.current") <= max)
				return kills;
			if (cg_count_dying(cg) == 0)
				break;
		}
		if (oom_now_ms() >= end)
			fprintf(stderr, "# %s: a victim still dying after 10 s, %ld bytes in use\n",
				cg, oom_cg_read(cg, "memory.current"));
		/*
		 * What the dead held may be uncharged a little later (shmem,
		 * page tables freed after a grace period): wait while the
		 * usage still falls, up to a second, but not once it has
		 * stood still for 200 ms (a kill that freed nothing, as in a
		 * copy-on-write family, would otherwise cost the whole
		 * second).
		 */
		still = 0;
		last = LONG_MAX;
		for (end = oom_now_ms() + 1000; oom_now_ms() < end && still < 10;
		     oom_msleep(20)) {
			long now = oom_cg_read(cg, "memory.current");

			if (now <= max)
				return kills;
			still = now < last ? 0 : still + 1;
			last = now;
		}
	}
	return -1;
}

/* ----------------------------------------------------------- the OOMs */

int oom_global(void)
{
	return oom_write_file("/proc/sysrq-trigger", "f");
}

/*
 * Free memory in kB: the free pages of every zone and those on the per-CPU
 * lists, which MemFree leaves out (a victim's pages may wait there).  Read
 * line by line: /proc/zoneinfo of two nodes and a few CPUs is longer than
 * any fixed buffer one would pick, and a cut-off read undercounts.
 */
long oom_mem_free_kb(void)
{
	FILE *f = fopen("/proc/zoneinfo", "re");
	char line[256], *q;
	long pages = 0;

	if (!f)
		return oom_read_key("/proc/meminfo", "MemFree");
	while (fgets(line, sizeof(line), f)) {
		for (q = line; *q == ' '; q++)
			;
		if (!strncmp(q, "nr_free_pages ", 14))
			pages += strtol(q + 14, NULL, 10);
		else if (!strncmp(q, "count: ", 7))
			pages += strtol(q + 7, NULL, 10);
	}
	fclose(f);
	return pages * (getpagesize() >> 10);
}

static long mem_free_mib(void)
{
	return oom_mem_free_kb() >> 10;
}

/*
 * Field @field (counting from 1, as proc(5) does) of /proc/@pid/stat, read
 * into @buf; NULL if the process is gone or the line is cut short.
 */
const char *oom_stat_field(pid_t pid, int field, char *buf, size_t size)
{
	char path[64], *p;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (oom_read_file(path, buf, size) < 0)
		return NULL;
	/* the command name may hold spaces and parentheses: skip past it */
	p = strrchr(buf, ')');
	for (i = 3; p && i <= field; i++)
		p = strchr(p + 1, ' ');
	return p ? p + 1 : NULL;
}

bool oom_pid_gone(pid_t pid)
{
	char buf[512];
	const char *state = oom_stat_field(pid, 3, buf, sizeof(buf));

	return !state || *state == 'Z' || *state == 'X';
}

/* Wait up to 10 s for the dead of @pids to release their memory. */
static void wait_gone(const pid_t *pids, int n)
{
	long end = oom_now_ms() + 10000;
	int i, left;

	do {
		oom_reap_zombies();
		for (left = 0, i = 0; i < n; i++)
			left += !oom_pid_alive(pids[i]) && !oom_pid_gone(pids[i]);
		if (!left)
			return;
		oom_msleep(20);
	} while (oom_now_ms() < end);
	fprintf(stderr, "# %d killed processes still hold their memory after 10 s\n", left);
}

/*
 * A global OOM episode: sysrq-f, one kill at a time, until MemFree grew by
 * @need_mib since the start, nothing among @pids died, or @max_kills of
 * them died.  A kill counts once its process is gone and its memory is
 * back.  Returns the kills among @pids.
 */
int oom_global_episode(long need_mib, const pid_t *pids, int n, int max_kills)
{
	long start = mem_free_mib();
	int kills = 0, dead = 0, i, now;

	for (i = 0; i < n; i++)
		dead += !oom_pid_alive(pids[i]);
	fprintf(stderr, "# episode: %ld MiB free, %ld MiB needed\n", start, need_mib);
	while (kills < max_kills && mem_free_mib() - start < need_mib) {
		if (oom_global())
			break;
		now = oom_wait_dead(pids, n, dead + 1, 5000);
		if (now <= dead)
			break;
		kills += now - dead;
		dead = now;
		wait_gone(pids, n);
		fprintf(stderr, "# episode: kill %d, %ld MiB free\n", kills, mem_free_mib());
	}
	return kills;
}

long oom_read_score(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/oom_score", pid);
	return oom_read_long(path);
}

/* -------------------------------------------------------- kernel log */

/* A line of the OOM killer's explanation, not of its memory dump? */
static bool oom_line(const char *msg)
{
	static const char * const keep[] = {
		"oom", "Out of memory", "out of memory", "Killed process",
		"sysrq", "memory.oom.group", "are going to be killed",
	};
	size_t len = strcspn(msg, "\n");
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(keep); i++)
		if (memmem(msg, len, keep[i], strlen(keep[i])))
			return true;
	return false;
}

/* Start reading the kernel log from now on. */
int oom_kmsg_open(struct oom_kmsg *k)
{
	k->len = 0;
	k->lost = false;
	k->text[0] = '\0';
	k->fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (k->fd < 0)
		return -1;
	lseek(k->fd, 0, SEEK_END);
	return 0;
}

/*
 * Append the messages logged since the last call; returns the text.
 * Messages the ring buffer overwrote before they were read (EPIPE), or that
 * did not fit here, set @k->lost: a test that checks that something was
 * not logged must not pass then.
 */
const char *oom_kmsg_read(struct oom_kmsg *k)
{
	char rec[2048];
	ssize_t n;

	for (;;) {
		char *msg;
		size_t mlen;

		n = read(k->fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE) {
			k->lost = true;
			continue;
		}
		if (n <= 0)
			break;
		rec[n] = '\0';
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		/* only what the OOM killer says: its dumps would fill us up */
		if (!oom_line(msg))
			continue;
		mlen = strcspn(msg, "\n");
		if (k->len + mlen + 2 >= sizeof(k->text)) {
			k->lost = true;
			continue;
		}
		memcpy(k->text + k->len, msg, mlen);
		k->len += mlen;
		k->text[k->len++] = '\n';
		k->text[k->len] = '\0';
	}
	return k->text;
}

/* Forget what was read so far; go on from here. */
void oom_kmsg_reset(struct oom_kmsg *k)
{
	oom_kmsg_read(k);
	k->len = 0;
	k->lost = false;
	k->text[0] = '\0';
}

void oom_kmsg_close(struct oom_kmsg *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
}

int oom_count_lines(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The pid of the n-th (0-based) "Killed process" line, or -1. */
pid_t oom_killed_pid(const char *text, int nth)
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

/* ------------------------------------------------------------ leftovers */

#define OOM_JOURNAL "/tmp/oomkit-pids"

/* Field 22 of /proc/<pid>/stat: the start time, to tell pids apart. */
static unsigned long long start_time(pid_t pid)
{
	char path[64], buf[1024], *p;
	int field;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return 0;
	p = strrchr(buf, ')');
	for (field = 3; p && field <= 22; field++)
		p = strchr(p + 1, ' ');
	return p ? strtoull(p + 1, NULL, 10) : 0;
}

/* Remember @pid, so that the next test can kill it if this one dies. */
void oom_journal_pid(pid_t pid)
{
	FILE *f = fopen(OOM_JOURNAL, "a");

	if (!f)
		return;
	fprintf(f, "%d %llu\n", pid, start_time(pid));
	fclose(f);
}

/*
 * What a test killed by the harness (a timeout) left behind: its processes
 * (those of the journal whose pid still has the same start time), and the
 * cgroups the tests create (oomt-*, oomc-*, at the top level).
 */
void oom_journal_cleanup(void)
{
	unsigned long long st;
	char path[512];
	struct dirent *de;
	FILE *f;
	DIR *d;
	int pid;

	f = fopen(OOM_JOURNAL, "r");
	if (f) {
		while (fscanf(f, "%d %llu", &pid, &st) == 2)
			if (pid > 1 && st && start_time(pid) == st)
				kill(pid, SIGKILL);
		fclose(f);
		unlink(OOM_JOURNAL);
	}
	oom_reap_zombies();
	d = opendir(OOM_CGROUP_ROOT);
	while (d && (de = readdir(d))) {
		if (de->d_type != DT_DIR ||
		    (strncmp(de->d_name, "oomt-", 5) &&
		     strncmp(de->d_name, "oomc-", 5)))
			continue;
		snprintf(path, sizeof(path), OOM_CGROUP_ROOT "/%.200s", de->d_name);
		oom_cg_destroy(path);
	}
	if (d)
		closedir(d);
	d = opendir("/tmp");
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, "oomt-", 5))
			continue;
		snprintf(path, sizeof(path), "/tmp/%.200s", de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
}
