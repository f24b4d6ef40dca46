// SPDX-License-Identifier: GPL-2.0
/*
 * oomkit-bench: what the OOM killer's selection costs on a shape of system.
 *
 *   oomkit-bench SHAPE ROUNDS CONFIG...
 *
 * SHAPE builds the system once, then every round measures each CONFIG in
 * turn (interleaved, so drift hits all alike):
 *
 *   flat:N        N sleepers of an ordinary user, each with 0-31 pages of
 *                 its own, all children of this unkillable program
 *   families:N    the same in families of a parent and nine children
 *   root:N        N identical sleepers of root (one struct cred)
 *   threads:P:T   P processes of T sleeping threads
 *   children:P:C  P parents of C children each
 *   storm:N       flat:N while another CPU forks and reaps in a loop
 *   forklat:C     one parent of C children: fork+exit latency on one CPU,
 *                 with and without a loop reading every oom_score
 *   walk          the estimate's page-table walk: candidates of 64, 256 and
 *                 1024 MiB that a fork cloned (walked), one of 1024 MiB
 *                 no fork shared (not walked), and four copy-on-write
 *                 families of 800 MiB that no bound spares (the budget's
 *                 worst case a 4 GiB VM holds)
 *
 * A negative ROUNDS is a soak: OOMs in a loop for that many seconds, with
 * the first CONFIG.
 *
 * CONFIG: "vanilla" (an unpatched kernel: nothing to set), "policy0",
 * "policy1", "policy1-nowalk" (walk budget 0); any of them followed by
 * ":NAME=VALUE" sysctls to set on top, to see what one factor costs.
 *
 * A measurement is one global OOM (sysrq-f) that kills a 64 MiB hog:
 * ftrace's function_graph tracer times out_of_memory(), oom_kill_process()
 * (the selection is the difference: the walk over every task, under
 * rcu_read_lock()) and oom_visit_children() (which holds tasklist_lock,
 * dropping it when a writer waits: its longest run bounds the hold).  The
 * same tracer configuration runs on every kernel; a function a kernel does
 * not have is left out of the filter.
 *
 * Output: CSV lines "shape,config,round,metric,value" on stdout.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "oom_util.h"

#define TRACING "/sys/kernel/tracing"
#define FAMILY 10

static const char *shape_name;
static pid_t group;		/* process group of everything the shape starts */

static long t_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void touch_pages(int n)
{
	char *p;

	if (n <= 0)
		return;
	p = mmap(NULL, n * 4096L, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	for (int i = 0; i < n; i++)
		p[i * 4096L] = 1;
}

/* ------------------------------------------------------------- tracing */

static int trace_set(const char *file, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), TRACING "/%s", file);
	return oom_write_file(path, "%s\n", val);
}

static void trace_clear(void)
{
	int fd = open(TRACING "/trace", O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
}

/*
 * OOMKIT_PROFILE="fn:fn...": more functions to time inside each OOM, for a
 * profile (their own tracing inflates the totals: compare like with like).
 */
#define MAX_PROF 16
static char *prof_fn[MAX_PROF];
static int nprof;

static int trace_add(const char *fn)
{
	int fd = open(TRACING "/set_ftrace_filter", O_WRONLY | O_APPEND | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = write(fd, fn, strlen(fn)) < 0 ? -1 : 0;
	close(fd);
	return ret;
}

static int trace_setup(void)
{
	char *list = getenv("OOMKIT_PROFILE"), *fn, *save;
	int err = 0;

	err |= trace_set("tracing_on", "0");
	err |= trace_set("current_tracer", "nop");
	err |= trace_set("set_ftrace_filter", "");
	/* one function per write, each added to the others */
	err |= trace_add("out_of_memory");
	err |= trace_add("oom_kill_process");
	/* only the patched kernel has it */
	trace_add("oom_visit_children");
	for (fn = list ? strtok_r(list, ",:", &save) : NULL; fn && nprof < MAX_PROF;
	     fn = strtok_r(NULL, ",:", &save)) {
		if (trace_add(fn))
			fprintf(stderr, "oomkit-bench: cannot trace %s\n", fn);
		else
			prof_fn[nprof++] = fn;
	}
	err |= trace_set("current_tracer", "function_graph");
	/* a closing brace names its function */
	err |= trace_set("options/funcgraph-tail", "1");
	err |= trace_set("buffer_size_kb", "4096");
	trace_clear();
	err |= trace_set("tracing_on", "1");
	return err;
}

struct trace_sum {
	double oom, kill, visit_max;
	int visits;
	double prof_us[MAX_PROF];
	int prof_n[MAX_PROF];
};

/*
 * The function a function_graph line with a duration is about: "name();"
 * for a leaf, "} /\* name *\/" for the end of one that called others.
 */
static int trace_fn(const char *line, char *name, size_t size)
{
	const char *p = strchr(line, '|');
	size_t n;

	if (!p)
		return -1;
	for (p++; *p == ' '; p++)
		;
	if (*p == '}') {
		p = strstr(p, "/* ");
		if (!p)
			return -1;
		p += 3;
		n = strcspn(p, " ");
	} else {
		n = strcspn(p, "(");
	}
	if (!n || n >= size)
		return -1;
	memcpy(name, p, n);
	name[n] = '\0';
	return 0;
}

/* The last out_of_memory() of the trace and what it contained. */
static int trace_read(struct trace_sum *t)
{
	static const size_t size = 1 << 22;
	static char *buf;
	struct trace_sum cur = { };
	char *p, *line, name[64];
	int found = 0, i;

	/*
	 * Not inherited by the hog forked after it: the hog's estimate would
	 * walk 4 MiB of the bench's pages that are no part of the shape.
	 */
	if (!buf) {
		buf = mmap(NULL, size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED) {
			buf = NULL;
			return -1;
		}
		madvise(buf, size, MADV_DONTFORK);
	}
	memset(t, 0, sizeof(*t));
	if (oom_read_file(TRACING "/trace", buf, size) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &p); line; line = strtok_r(NULL, "\n", &p)) {
		char *us = strstr(line, " us ");
		double v;
		char *num;

		if (line[0] == '#' || !us || trace_fn(line, name, sizeof(name)))
			continue;
		num = us;
		while (num > line && (num[-1] == '.' || isdigit(num[-1])))
			num--;
		v = strtod(num, NULL);
		if (!strcmp(name, "oom_visit_children")) {
			cur.visits++;
			if (v > cur.visit_max)
				cur.visit_max = v;
		} else if (!strcmp(name, "oom_kill_process")) {
			cur.kill = v;
		} else if (!strcmp(name, "out_of_memory")) {
			cur.oom = v;
			*t = cur;
			memset(&cur, 0, sizeof(cur));
			found = 1;
		} else {
			for (i = 0; i < nprof; i++)
				if (!strcmp(name, prof_fn[i])) {
					cur.prof_us[i] += v;
					cur.prof_n[i]++;
				}
		}
	}
	/* no OOM in it (the oom_score reads): what was traced since the last */
	if (!found)
		*t = cur;
	trace_clear();
	return found ? 0 : -1;
}

/* ------------------------------------------------------------- shapes */

static void join_group(void)
{
	setpgid(0, group);
	oom_set_adj(0);
}

static pid_t spawn(void (*fn)(long, long), long a, long b)
{
	pid_t pid = fork();

	if (pid == 0) {
		join_group();
		fn(a, b);
		_exit(0);
	}
	if (pid > 0) {
		setpgid(pid, group ?: pid);
		if (!group)
			group = pid;
	}
	return pid;
}

static void sleeper(long seed, long user)
{
	if (user && oom_become(OOM_USER))
		_exit(1);
	oom_set_name("sleeper");
	touch_pages((seed * 7919) % 32);
	oom_idle_forever();
}

static void family(long seed, long size)
{
	int i;

	if (oom_become(OOM_USER))
		_exit(1);
	for (i = 1; i < size; i++)
		if (fork() == 0)
			sleeper(seed * FAMILY + i, 0);
	sleeper(seed * FAMILY, 0);
}

static void root_sleeper(long seed, long unused)
{
	oom_set_name("rootsleeper");
	oom_idle_forever();
}

static void *idle_thread(void *arg)
{
	oom_idle_forever();
	return NULL;
}

static void threaded(long threads, long unused)
{
	pthread_attr_t attr;
	pthread_t th;
	long i;

	if (oom_become(OOM_USER))
		_exit(1);
	oom_set_name("threaded");
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 << 10);
	for (i = 1; i < threads; i++)
		if (pthread_create(&th, &attr, idle_thread, NULL))
			break;
	touch_pages(8);
	oom_idle_forever();
}

static void parent_of(long children, long unused)
{
	long i;

	if (oom_become(OOM_USER))
		_exit(1);
	oom_set_name("parent");
	for (i = 0; i < children; i++)
		if (fork() == 0)
			sleeper(i, 0);
	touch_pages(16);
	oom_idle_forever();
}

static void storm(long unused, long unused2)
{
	oom_set_name("storm");
	for (;;) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
}

static int build_shape(const char *shape, long *ntasks)
{
	long a = 0, b = 0, i;

	if (sscanf(shape, "flat:%ld", &a) == 1 || sscanf(shape, "storm:%ld", &a) == 1) {
		for (i = 0; i < a; i++)
			if (spawn(sleeper, i, 1) < 0)
				return -1;
		*ntasks = a;
		if (!strncmp(shape, "storm", 5))
			spawn(storm, 0, 0);
	} else if (sscanf(shape, "families:%ld", &a) == 1) {
		for (i = 0; i < a / FAMILY; i++)
			if (spawn(family, i, FAMILY) < 0)
				return -1;
		*ntasks = a;
	} else if (sscanf(shape, "root:%ld", &a) == 1) {
		for (i = 0; i < a; i++)
			if (spawn(root_sleeper, i, 0) < 0)
				return -1;
		*ntasks = a;
	} else if (sscanf(shape, "threads:%ld:%ld", &a, &b) == 2) {
		for (i = 0; i < a; i++)
			if (spawn(threaded, b, 0) < 0)
				return -1;
		*ntasks = a;	/* the walk visits processes, not threads */
	} else if (sscanf(shape, "children:%ld:%ld", &a, &b) == 2 ||
		   sscanf(shape, "forklat:%ld", &b) == 1) {
		if (!a)
			a = 1;
		for (i = 0; i < a; i++)
			if (spawn(parent_of, b, 0) < 0)
				return -1;
		*ntasks = a * (b + 1);
	} else if (!strcmp(shape, "walk")) {
		*ntasks = 0;
	} else {
		return -1;
	}
	/* let them settle */
	oom_msleep(2000 + *ntasks / 2);
	return 0;
}

/* --------------------------------------------------------- measurements */

/* The policy's sysctls as the kernel booted with them. */
static long booted[32];

static void save_booted(void)
{
	unsigned int i;

	for (i = 0; i < oom_nr_policy_sysctls && i < ARRAY_SIZE(booted); i++)
		booted[i] = oom_get_sysctl(oom_policy_sysctls[i].name);
}

/*
 * "policy0", "policy1", "policy1-nowalk", each from the booted values; a
 * profile appends sysctls to set on top: "policy1:NAME=VALUE:NAME=VALUE".
 */
static void apply(const char *config)
{
	const char *p;
	char name[64];
	unsigned int i;
	long val;

	if (!strcmp(config, "vanilla"))
		return;
	for (i = 0; i < oom_nr_policy_sysctls && i < ARRAY_SIZE(booted); i++)
		if (booted[i] >= 0)
			oom_set_sysctl(oom_policy_sysctls[i].name, booted[i]);
	oom_set_sysctl("oom_badness_policy", strncmp(config, "policy1", 7) ? 0 : 1);
	oom_set_sysctl("oom_badness_walk_budget",
		       strcmp(config, "policy1-nowalk") ? 1 << 20 : 0);
	/* every measured OOM is the first of an episode */
	oom_set_sysctl("oom_badness_episode_secs", 10);
	for (p = strchr(config, ':'); p; p = strchr(p + 1, ':'))
		if (sscanf(p + 1, "%63[^=]=%ld", name, &val) != 2 ||
		    oom_set_sysctl(name, val))
			fprintf(stderr, "oomkit-bench: %s: cannot set %s\n",
				config, p + 1);
}

static void emit(const char *config, int round, const char *metric, double v)
{
	printf("%s,%s,%d,%s,%.3f\n", shape_name, config, round, metric, v);
}

/* One global OOM kill of a 64 MiB hog: its timings. */
static int measure_kill(const char *config, int round)
{
	struct oom_proc victim = { .spec = { .name = "bench-hog", .mib = 64 } };
	struct trace_sum t;
	int i;

	if (oom_start(&victim))
		return -1;
	trace_clear();
	oom_global();
	oom_wait_dead(&victim.pid, 1, 1, 20000);
	oom_stop(&victim);
	oom_reap_zombies();
	if (trace_read(&t))
		return -1;
	emit(config, round, "oom_us", t.oom);
	emit(config, round, "select_us", t.oom - t.kill);
	if (t.visits)
		emit(config, round, "visit_max_us", t.visit_max);
	for (i = 0; i < nprof; i++) {
		char metric[96];

		snprintf(metric, sizeof(metric), "prof_%s_us", prof_fn[i]);
		emit(config, round, metric, t.prof_us[i]);
		snprintf(metric, sizeof(metric), "prof_%s_calls", prof_fn[i]);
		emit(config, round, metric, t.prof_n[i]);
	}
	return 0;
}

static int reading;

/* Read every /proc/<pid>/oom_score until told to stop. */
static void *reader(void *arg)
{
	char path[64], buf[32];
	struct dirent *d;
	DIR *dir;

	while (__atomic_load_n(&reading, __ATOMIC_RELAXED)) {
		dir = opendir("/proc");
		while (dir && (d = readdir(dir))) {
			if (!isdigit(d->d_name[0]))
				continue;
			snprintf(path, sizeof(path), "/proc/%.20s/oom_score", d->d_name);
			oom_read_file(path, buf, sizeof(buf));
		}
		if (dir)
			closedir(dir);
	}
	return NULL;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* fork+exit latency on CPU 1, p50 and p99 over @n forks. */
static void fork_latency(const char *config, int round, const char *what, int n)
{
	long *lat = calloc(n, sizeof(*lat));
	cpu_set_t set;
	int i;

	if (!lat)
		return;
	CPU_ZERO(&set);
	CPU_SET(1, &set);
	sched_setaffinity(0, sizeof(set), &set);
	for (i = 0; i < n; i++) {
		long t0 = t_us();
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
		lat[i] = t_us() - t0;
	}
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	CPU_SET(1, &set);
	sched_setaffinity(0, sizeof(set), &set);
	qsort(lat, n, sizeof(*lat), cmp_long);
	printf("%s,%s,%d,fork_%s_p50_us,%ld\n", shape_name, config, round, what, lat[n / 2]);
	printf("%s,%s,%d,fork_%s_p99_us,%ld\n", shape_name, config, round, what,
	       lat[n * 99 / 100]);
	free(lat);
}

static void measure_forklat(const char *config, int round)
{
	struct trace_sum t;
	pthread_t th;
	cpu_set_t set;

	fork_latency(config, round, "idle", 400);
	__atomic_store_n(&reading, 1, __ATOMIC_RELAXED);
	pthread_create(&th, NULL, reader, NULL);
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	pthread_setaffinity_np(th, sizeof(set), &set);
	trace_clear();
	fork_latency(config, round, "reading", 400);
	__atomic_store_n(&reading, 0, __ATOMIC_RELAXED);
	pthread_join(th, NULL);
	/*
	 * The longest children walk of those reads, the longest hold: only
	 * policy 1's oom_score walks children, and no OOM is in the trace.
	 */
	trace_read(&t);
	if (t.visits)
		emit(config, round, "visit_max_us", t.visit_max);
}

/* The estimate's walk: the kernel says how long it took, and how much. */
#define WALK_LINE "freeable estimate: %*u mms walked, %lu page-table entries in %ldus"

static void measure_walk(const char *config, int round)
{
	static const int sizes[] = { 64, 256, 1024 };
	struct oom_kmsg *log = malloc(sizeof(*log));
	struct oom_proc big[4];
	unsigned int i;

	if (!log || oom_kmsg_open(log))
		return;
	/* the last one is private: its VMAs need no walk of their PTEs */
	for (i = 0; i <= ARRAY_SIZE(sizes); i++) {
		bool private = i == ARRAY_SIZE(sizes);
		struct oom_proc p = { .spec = {
			.name = "walked", .mib = private ? 1024 : sizes[i],
			.share = private ? OOM_PRIVATE : OOM_COW, .rewrite = true,
			.nchildren = private ? 0 : 1, .child_adj = -1000,
		} };
		unsigned long entries;
		const char *l;
		long us;

		if (oom_start(&p))
			break;
		oom_kmsg_reset(log);
		oom_global();
		oom_wait_dead(&p.pid, 1, 1, 60000);
		oom_stop(&p);
		oom_reap_zombies();
		l = strstr(oom_kmsg_read(log), "freeable estimate: ");
		if (l && sscanf(l, WALK_LINE, &entries, &us) == 2) {
			printf("%s,%s,%d,walk_%s%dmib_us,%ld\n", shape_name, config,
			       round, private ? "private_" : "", p.spec.mib, us);
			printf("%s,%s,%d,walk_%s%dmib_entries,%lu\n", shape_name,
			       config, round, private ? "private_" : "", p.spec.mib,
			       entries);
		}
	}
	/*
	 * The budget's worst case: four candidates whose memory their child
	 * shares, so that each walk finds almost nothing and no bound spares
	 * the next one.
	 */
	memset(big, 0, sizeof(big));
	for (i = 0; i < 4; i++) {
		big[i].spec = (struct oom_spec){
			.name = "budget", .mib = 800, .share = OOM_COW,
			.nchildren = 1, .child_adj = -1000,
		};
		if (oom_start(&big[i]))
			break;
	}
	oom_kmsg_reset(log);
	trace_clear();
	oom_global();
	oom_msleep(3000);
	{
		struct trace_sum t;
		unsigned long entries = 0;
		const char *l = strstr(oom_kmsg_read(log), "freeable estimate: ");
		long us = -1;

		if (l)
			sscanf(l, WALK_LINE, &entries, &us);
		if (!trace_read(&t)) {
			emit(config, round, "budget_select_us", t.oom - t.kill);
			printf("%s,%s,%d,budget_walk_us,%ld\n", shape_name, config, round, us);
			printf("%s,%s,%d,budget_entries,%lu\n", shape_name, config, round,
			       entries);
		}
	}
	for (i = 0; i < 4; i++)
		oom_stop(&big[i]);
	oom_reap_zombies();
	oom_kmsg_close(log);
	free(log);
}

int main(int argc, char **argv)
{
	long ntasks;
	int rounds, r, c;

	if (argc < 4) {
		fprintf(stderr, "usage: %s SHAPE ROUNDS CONFIG...\n", argv[0]);
		return 2;
	}
	shape_name = argv[1];
	rounds = atoi(argv[2]);
	if (oom_write_file("/proc/self/oom_score_adj", "-1000\n"))
		return 1;
	oom_save_sysctls();
	save_booted();
	oom_set_sysctl("oom_dump_tasks", 0);
	if (trace_setup()) {
		fprintf(stderr, "oomkit-bench: cannot set up ftrace (%s)\n", strerror(errno));
		return 1;
	}
	if (build_shape(argv[1], &ntasks)) {
		fprintf(stderr, "oomkit-bench: cannot build %s\n", argv[1]);
		return 1;
	}
	printf("# shape=%s tasks=%ld\n", shape_name, ntasks);
	if (rounds < 0) {
		/* a soak: OOMs for -ROUNDS seconds, on the debug kernel */
		long end = t_us() + -rounds * 1000000L;

		apply(argv[3]);
		for (r = 1; t_us() < end; r++)
			measure_kill(argv[3], r);
		rounds = 0;
		printf("%s,%s,0,soak_ooms,%d\n", shape_name, argv[3], r - 1);
	}
	for (r = 1; r <= rounds; r++) {
		for (c = 3; c < argc; c++) {
			apply(argv[c]);
			if (!strncmp(shape_name, "forklat", 7))
				measure_forklat(argv[c], r);
			else if (!strcmp(shape_name, "walk"))
				measure_walk(argv[c], r);
			else
				measure_kill(argv[c], r);
			fflush(stdout);
		}
	}
	/* the next shape starts from an empty machine */
	if (group)
		kill(-group, SIGKILL);
	while (wait(NULL) > 0)
		;
	oom_restore_sysctls();
	return 0;
}
