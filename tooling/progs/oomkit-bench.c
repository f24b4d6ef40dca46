// SPDX-License-Identifier: GPL-2.0
/*
 * oomkit-bench: what one OOM kill costs, with N sleeping processes around.
 *
 *   oomkit-bench ROUNDS N1,N2,... SHAPE CONFIG...
 *
 * CONFIG is "vanilla" (an unpatched kernel: nothing to set), "policy0",
 * "policy1", "policy1-nochild" (policy 1 with oom_prefer_children=0) or,
 * to see what the children's share costs, "policy1-nokids" (policy 1 with
 * oom_badness_children_percent=0).
 * For every N the sleepers are grown to N processes of an ordinary user,
 * each holding 0 to 31 pages of its own.  SHAPE "flat" makes them all
 * children of this (unkillable) program, like services under an init;
 * "families" makes them families of a parent and nine children, so that
 * the classic policy adds nine children to every tenth candidate.  Every
 * round measures each CONFIG in turn
 * (interleaved, so drift hits all of them alike):
 *
 *   kill     time in out_of_memory() for one global OOM kill (sysrq-f), and
 *   select   the part of it before oom_kill_process(), i.e. the walk over
 *            every task; both from ftrace's function_graph tracer with
 *            set_ftrace_filter limited to those two functions
 *   scan     time to read /proc/<pid>/oom_score of every process
 *   recover  a hog in a memory cgroup next to an idle victim: the longest
 *            single page touch of the hog, i.e. from its allocation
 *            stalling to the victim's memory being uncharged
 *
 * Output: CSV lines "config,N,round,metric,microseconds" on stdout.
 */
#include "oom_util.h"
#include <ctype.h>
#include <dirent.h>

#define TRACING "/sys/kernel/tracing"

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

#define FAMILY 10

static pid_t *families;
static int nfamilies;

static int trace_set(const char *file, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), TRACING "/%s", file);
	return write_file(path, "%s\n", val);
}

/* Opening "trace" with O_TRUNC empties the ring buffer. */
static void trace_clear(void)
{
	int fd = open(TRACING "/trace", O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
}

static int trace_setup(void)
{
	int err = 0;

	err |= trace_set("tracing_on", "0");
	err |= trace_set("current_tracer", "nop");
	/* one function per write; the second one adds to the first */
	err |= trace_set("set_ftrace_filter", "out_of_memory");
	err |= trace_set("set_ftrace_filter", "oom_kill_process");
	err |= trace_set("current_tracer", "function_graph");
	err |= trace_set("buffer_size_kb", "1024");
	trace_clear();
	err |= trace_set("tracing_on", "1");
	return err;
}

/*
 * The last out_of_memory() of the trace: its duration, and that of the
 * oom_kill_process() nested in it.
 */
static int trace_read(double *total, double *kill)
{
	static char buf[1 << 16];
	char *p, *line;
	double last_inner = 0;
	int found = 0;

	if (read_file(TRACING "/trace", buf, sizeof(buf)) < 0)
		return -1;
	*total = 0;
	*kill = 0;
	for (line = strtok_r(buf, "\n", &p); line; line = strtok_r(NULL, "\n", &p)) {
		char *us = strstr(line, " us ");
		char *num;

		if (line[0] == '#' || !us)
			continue;
		num = us;
		while (num > line && (num[-1] == '.' || isdigit(num[-1])))
			num--;
		if (strstr(line, "oom_kill_process")) {
			last_inner = strtod(num, NULL);
		} else if (strchr(line, '}') || strstr(line, "out_of_memory")) {
			*total = strtod(num, NULL);
			*kill = last_inner;
			last_inner = 0;
			found = 1;
		}
	}
	trace_clear();
	return found ? 0 : -1;
}

/* A sleeper holds a few pages of its own: sizes differ, as on a real system. */
static void sleep_with_pages(int seed)
{
	touch_pages((seed * 7919) % 32);
	idle_forever();
}

/* A parent and @size - 1 children, all of an ordinary user. */
static void family_main(int seed, int size)
{
	int i;

	if (become(OOM_USER))
		_exit(1);
	for (i = 1; i < size; i++)
		if (fork() == 0)
			sleep_with_pages(seed * FAMILY + i);
	sleep_with_pages(seed * FAMILY);
}

/* All sleepers share one process group, so that one kill ends them all. */
static pid_t sleepers_pgid;

static int grow_sleepers(int n, bool flat)
{
	int size = flat ? 1 : FAMILY;

	while (nfamilies * size < n) {
		pid_t pid = fork();

		if (pid < 0)
			return -1;
		if (pid == 0) {
			setpgid(0, sleepers_pgid);
			set_adj(0);
			prctl(PR_SET_NAME, "sleeper", 0, 0, 0);
			family_main(nfamilies, size);
		}
		setpgid(pid, sleepers_pgid);
		if (!sleepers_pgid)
			sleepers_pgid = pid;
		families[nfamilies++] = pid;
	}
	msleep(500);
	return 0;
}

static void apply(const char *config)
{
	if (!strcmp(config, "vanilla"))
		return;
	set_sysctl("oom_badness_policy", strncmp(config, "policy1", 7) ? 0 : 1);
	set_sysctl("oom_prefer_children", strcmp(config, "policy1-nochild") ? 1 : 0);
	/* diagnostic: the classic score without the children's share */
	set_sysctl("oom_badness_children_percent",
		   strcmp(config, "policy1-nokids") ? 50 : 0);
}

static long t_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* One global OOM kill of a 64 MiB hog with a 16 MiB child. */
static int measure_kill(double *total, double *select)
{
	struct oom_proc victim = { .spec = { .name = "bench-hog", .mib = 64,
		.nchildren = 1, .child_mib = 16 } };
	pid_t pids[2];
	double kill;

	if (oom_start(&victim))
		return -1;
	pids[0] = victim.pid;
	pids[1] = victim.children[0];
	trace_clear();
	global_oom();
	wait_dead(pids, 2, 1, 20000);
	oom_stop(&victim);
	oom_reap_zombies();
	if (trace_read(total, &kill))
		return -1;
	*select = *total - kill;
	return 0;
}

static double measure_scan(void)
{
	struct dirent *d;
	char path[64], buf[32];
	long t0 = t_us();
	DIR *dir = opendir("/proc");

	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/oom_score", d->d_name);
		read_file(path, buf, sizeof(buf));
	}
	if (dir)
		closedir(dir);
	return t_us() - t0;
}

/* A hog fills its memory cgroup next to a bigger idle victim. */
static double measure_recovery(void)
{
	struct oom_proc victim = { .spec = { .name = "bench-victim", .mib = 48 } };
	char cg[256], val[32];
	int pipefd[2];
	long worst = -1;
	pid_t hog;

	if (cg_create(cg, sizeof(cg), "bench-recover") || pipe(pipefd))
		return -1;
	victim.spec.cgroup = cg;
	if (oom_start(&victim))
		return -1;
	snprintf(val, sizeof(val), "%ld", cg_read(cg, "memory.current") + (32L << 20));
	cg_write(cg, "memory.max", val);
	hog = fork();
	if (hog == 0) {
		size_t len = 40UL << 20;
		char *p;

		join_cgroup(cg);
		set_adj(0);
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		for (size_t i = 0; i < len; i += 4096) {
			long t0 = t_us();

			p[i] = 1;
			t0 = t_us() - t0;
			if (t0 > worst)
				worst = t0;
		}
		if (write(pipefd[1], &worst, sizeof(worst)) != sizeof(worst))
			_exit(1);
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &worst, sizeof(worst)) != sizeof(worst))
		worst = -1;
	close(pipefd[0]);
	waitpid(hog, NULL, 0);
	oom_stop(&victim);
	cg_destroy(cg);
	return worst;
}

int main(int argc, char **argv)
{
	int rounds, r, c, i, n, ns[8], nn = 0;
	bool flat;
	char *tok, *save;

	if (argc < 5 || (strcmp(argv[3], "flat") && strcmp(argv[3], "families"))) {
		fprintf(stderr, "usage: %s ROUNDS N1,N2,... flat|families CONFIG...\n",
			argv[0]);
		return 2;
	}
	flat = !strcmp(argv[3], "flat");
	rounds = atoi(argv[1]);
	for (tok = strtok_r(argv[2], ",", &save); tok && nn < 8;
	     tok = strtok_r(NULL, ",", &save))
		ns[nn++] = atoi(tok);
	families = calloc(ns[nn - 1] + 1, sizeof(pid_t));
	if (!families || write_file("/proc/self/oom_score_adj", "-1000\n"))
		return 1;
	save_sysctls();
	set_sysctl("oom_dump_tasks", 0);
	if (trace_setup()) {
		fprintf(stderr, "oomkit-bench: cannot set up ftrace (%s)\n",
			strerror(errno));
		return 1;
	}
	printf("# shape=%s\n", argv[3]);
	printf("config,n,round,metric,us\n");
	for (i = 0; i < nn; i++) {
		n = ns[i];
		if (grow_sleepers(n, flat)) {
			fprintf(stderr, "oomkit-bench: cannot start %d sleepers\n", n);
			return 1;
		}
		fprintf(stderr, "# %d sleeping processes (%s)\n",
			nfamilies * (flat ? 1 : FAMILY), argv[3]);
		for (r = 1; r <= rounds; r++) {
			for (c = 4; c < argc; c++) {
				double total, select;

				apply(argv[c]);
				if (!measure_kill(&total, &select)) {
					printf("%s,%d,%d,kill,%.1f\n", argv[c], n, r, total);
					printf("%s,%d,%d,select,%.1f\n", argv[c], n, r, select);
				}
				printf("%s,%d,%d,scan,%.1f\n", argv[c], n, r, measure_scan());
				printf("%s,%d,%d,recover,%.1f\n", argv[c], n, r,
				       measure_recovery());
				fflush(stdout);
			}
		}
	}
	/* the next run must start from an empty machine */
	if (sleepers_pgid)
		kill(-sleepers_pgid, SIGKILL);
	while (wait(NULL) > 0)
		;
	restore_sysctls();
	return 0;
}
