// SPDX-License-Identifier: GPL-2.0
/*
 * oomkit-stress: keep the OOM killer busy for a while and check that the
 * system comes out whole.
 *
 *   oomkit-stress SECONDS MIN_KILLS
 *
 * Runs concurrently, all for SECONDS:
 *   - four memory cgroups, each with a small memory.max and a spawner that
 *     keeps three hogs in it (single-threaded, multi-threaded, or a parent
 *     with children and a CLONE_VM thread), so memcg OOMs never stop;
 *   - one oom_score_adj -1000 process in each cgroup, which must survive;
 *   - global OOMs, in alternating phases: 15 s of sysrq-f every 500 ms,
 *     then a hog outside every cgroup that fills the machine until the OOM
 *     killer takes it (at most 45 s);
 *   - fork/exit/exec churn, in the root cgroup and moving into the stress
 *     cgroups, children with threads;
 *   - every policy sysctl rewritten with random valid values;
 *   - /proc/PID/oom_score of every process read in a loop.
 * Then it stops everything and prints TAP: enough OOM kills, every -1000
 * process alive, init alive, the machine still forks, execs and makes
 * cgroups, every sysctl within its bounds; and the counters.  The kernel
 * log is checked for splats by the host (tooling/test.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "oom_util.h"

#include <dirent.h>
#include <sys/resource.h>

#define NR_GROUPS	4
#define GROUP_MAX_MIB	32
#define HOGS_PER_GROUP	3
#define NR_CHURNERS	2
#define FILLER_MIB	160	/* left to the hogs and the filler */

struct counters {
	long sysrq;		/* sysrq-f requests */
	long global_hogs;	/* hogs started outside every cgroup */
	long global_hogs_killed;
	long hogs;		/* memcg hogs started */
	long hogs_killed;
	long forks;		/* churn */
	long execs;
	long sysctl_writes;
	long sysctl_errors;	/* a valid value refused */
	long score_reads;
	int stop;
};

static struct counters *cnt;

#define STOPPING()	__atomic_load_n(&cnt->stop, __ATOMIC_RELAXED)

static void add(long *counter, long n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

static char groups[NR_GROUPS][128];

static unsigned int rnd(unsigned int *seed)
{
	*seed = *seed * 1103515245 + 12345;
	return *seed >> 8;
}

/* Touch @mib MiB, release it, and start again with another size. */
static void hog_loop(unsigned int seed, int max_mib)
{
	for (;;) {
		int mib = 4 + rnd(&seed) % max_mib;
		size_t len = (size_t)mib << 20;
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			usleep(10000);
			continue;
		}
		for (size_t i = 0; i < len; i += 4096)
			p[i] = 1;
		oom_msleep(rnd(&seed) % 50);
		munmap(p, len);
	}
}

static void *hog_thread(void *arg)
{
	hog_loop((unsigned int)(unsigned long)arg, 12);
	return NULL;
}

static int vm_thread(void *arg)
{
	hog_loop((unsigned int)(unsigned long)arg, 8);
	return 0;
}

/* One hog in @cg: runs until the OOM killer (or the end) takes it. */
static void hog_main(const char *cg, unsigned int seed)
{
	pthread_t th;
	int kind = rnd(&seed) % 3, i;

	oom_set_adj(0);
	oom_join_cgroup(cg);
	if (kind == 1) {		/* multi-threaded */
		oom_set_name("stress-threads");
		for (i = 0; i < 3; i++)
			pthread_create(&th, NULL, hog_thread,
				       (void *)(unsigned long)(seed + i));
	} else if (kind == 2) {		/* a family: children + a CLONE_VM task */
		static char stack[64 << 10];

		oom_set_name("stress-family");
		for (i = 0; i < 3; i++) {
			pid_t pid = fork();

			if (pid == 0) {
				oom_set_name("stress-child");
				hog_loop(seed * 7 + i, 16);
			}
		}
		clone(vm_thread, stack + sizeof(stack), CLONE_VM | SIGCHLD,
		      (void *)(unsigned long)seed);
	} else {
		oom_set_name("stress-hog");
	}
	hog_loop(seed, 40);
}

/*
 * Fill the machine from outside every cgroup: 8 MiB at a time, faulted in
 * by the kernel (MAP_POPULATE is far quicker than touching pages under
 * emulation), never given back, until the OOM killer takes it.
 */
static void filler_main(void)
{
	oom_set_adj(0);
	oom_set_name("stress-filler");
	/* the hogs keep both CPUs busy; the filler must still get somewhere */
	setpriority(PRIO_PROCESS, 0, -10);
	for (;;)
		if (mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
			 -1, 0) == MAP_FAILED)
			usleep(1000);
}

/* Keep HOGS_PER_GROUP hogs alive in group @g. */
static void spawner(int g)
{
	unsigned int seed = 1000 + g;
	int live = 0, status;
	pid_t pid;

	oom_set_name("stress-spawn");
	for (;;) {
		while (live < HOGS_PER_GROUP && !STOPPING()) {
			pid = fork();
			if (pid == 0)
				hog_main(groups[g], rnd(&seed));
			if (pid > 0) {
				live++;
				add(&cnt->hogs, 1);
			}
		}
		pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (STOPPING())
				_exit(0);
			usleep(10000);
			continue;
		}
		live--;
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			add(&cnt->hogs_killed, 1);
	}
}

static void *churn_thread(void *arg)
{
	oom_touch_mib(1);
	return arg;
}

static void churner(int n)
{
	unsigned int seed = 500 + n;
	pthread_t th[3];
	int i, what;
	pid_t pid;

	oom_set_name("stress-churn");
	while (!STOPPING()) {
		what = rnd(&seed) % 4;
		pid = fork();
		if (pid == 0) {
			oom_set_adj(0);
			if (what == 3)
				oom_join_cgroup(groups[rnd(&seed) % NR_GROUPS]);
			if (what == 1) {
				execl("/bin/true", "true", (char *)NULL);
				_exit(1);
			}
			if (what >= 2) {
				for (i = 0; i < 3; i++)
					pthread_create(&th[i], NULL, churn_thread, NULL);
				for (i = 0; i < 3; i++)
					pthread_join(th[i], NULL);
			}
			_exit(0);
		}
		if (pid > 0) {
			add(&cnt->forks, 1);
			if (what == 1)
				add(&cnt->execs, 1);
			waitpid(pid, NULL, 0);
		}
	}
	_exit(0);
}

static void flipper(void)
{
	const struct oom_sysctl_bounds *k;
	unsigned int seed = 4242, span, val;
	char path[128];

	oom_set_name("stress-sysctl");
	while (!STOPPING()) {
		k = &oom_policy_sysctls[rnd(&seed) % oom_nr_policy_sysctls];
		span = k->max - k->min;
		/* mostly small values, so the factors really change scores */
		val = k->min + (rnd(&seed) % 4 ? rnd(&seed) % (span < 16 ? span + 1 : 16)
					       : rnd(&seed) % (span + 1));
		snprintf(path, sizeof(path), "/proc/sys/vm/%s", k->name);
		if (oom_write_file(path, "%u\n", val))
			add(&cnt->sysctl_errors, 1);
		add(&cnt->sysctl_writes, 1);
		usleep(2000);
	}
	_exit(0);
}

static void score_reader(void)
{
	char path[64], buf[32];
	struct dirent *de;
	DIR *d;

	oom_set_name("stress-reader");
	while (!STOPPING()) {
		d = opendir("/proc");
		if (!d) {
			usleep(10000);
			continue;
		}
		while ((de = readdir(d))) {
			if (de->d_name[0] < '1' || de->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "/proc/%.20s/oom_score",
				 de->d_name);
			if (oom_read_file(path, buf, sizeof(buf)) > 0)
				add(&cnt->score_reads, 1);
		}
		closedir(d);
	}
	_exit(0);
}

/*
 * A -1000 process with a little memory in group @g; must never die.  The
 * one outside the cgroups (@g < 0) is ballast: it takes all but
 * FILLER_MIB of the available memory, so that the filler reaches a global
 * OOM in seconds.
 */
static void protected_main(int g)
{
	long avail = oom_read_key("/proc/meminfo", "MemAvailable") >> 10;

	oom_set_name("stress-keep");
	if (g >= 0)
		oom_join_cgroup(groups[g]);
	if (g < 0 && avail > FILLER_MIB + 2)
		mmap(NULL, (size_t)(avail - FILLER_MIB) << 20,
		     PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	else
		oom_touch_mib(2);
	oom_idle_forever();
}

static pid_t start(void (*fn)(int), int arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	return pid;
}

static void run_churner(int n) { churner(n); }
static void run_flipper(int unused) { flipper(); }
static void run_reader(int unused) { score_reader(); }

/* /proc/vmstat is larger than oom_read_key()'s buffer */
static long vm_event(const char *key)
{
	static char buf[32768];
	size_t klen = strlen(key);
	char *p;

	static const char path[] = "/proc/vmstat";

	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, klen) && p[klen] == ' ')
			return strtol(p + klen + 1, NULL, 10);
	return -1;
}

/* fork + exec + a new cgroup, within 30 s */
static bool responsive(void)
{
	char cg[128];
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		alarm(30);
		execl("/bin/sh", "sh", "-c", "cat /proc/meminfo >/dev/null", (char *)NULL);
		_exit(1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return false;
	if (oom_cg_create(cg, sizeof(cg), "stress-after"))
		return false;
	return rmdir(cg) == 0;
}

static bool goals_met(long kills0, long min_kills)
{
	int g;

	if (vm_event("oom_kill") - kills0 < min_kills || !cnt->global_hogs_killed)
		return false;
	for (g = 0; g < NR_GROUPS; g++)
		if (oom_cg_key(groups[g], "memory.events", "oom") <= 0)
			return false;
	return true;
}

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 600;
	long min_kills = argc > 2 ? atol(argv[2]) : 300;
	pid_t keep[NR_GROUPS + 1], workers[NR_GROUPS + NR_CHURNERS + 2];
	pid_t filler = 0;
	long phase = 0;
	bool fill = false;
	long saved[32], kills0, t0, elapsed, kills;
	long memcg_oom = 0, memcg_kills = 0, groups_with_oom = 0;
	int nworkers = 0, alive = 0, bad_knobs = 0, g, i, t = 0, status;
	int failed = 0;
	char path[128];
	bool ok;

	cnt = mmap(NULL, sizeof(*cnt), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (cnt == MAP_FAILED)
		return 1;
	oom_set_adj(-1000);
	for (i = 0; i < (int)oom_nr_policy_sysctls; i++) {
		snprintf(path, sizeof(path), "/proc/sys/vm/%s", oom_policy_sysctls[i].name);
		saved[i] = oom_read_long(path);
	}
	for (g = 0; g < NR_GROUPS; g++) {
		char name[16];

		snprintf(name, sizeof(name), "stress%d", g);
		if (oom_cg_create(groups[g], sizeof(groups[g]), name))
			return 1;
		snprintf(path, sizeof(path), "%dM", GROUP_MAX_MIB);
		if (oom_cg_write(groups[g], "memory.max", path))
			return 1;
	}
	kills0 = vm_event("oom_kill");
	if (kills0 < 0) {
		printf("Bail out! no oom_kill in /proc/vmstat (CONFIG_VM_EVENT_COUNTERS)\n");
		return 1;
	}
	t0 = oom_now_ms();
	printf("# stress: %d s, %d cgroups of %d MiB, %d hogs each, global OOMs\n",
	       secs, NR_GROUPS, GROUP_MAX_MIB, HOGS_PER_GROUP);
	fflush(stdout);

	keep[NR_GROUPS] = start(protected_main, -1);
	/* the ballast first: it needs the memory the others are about to take */
	while (oom_read_key("/proc/meminfo", "MemAvailable") >> 10 > FILLER_MIB + 64 &&
	       oom_now_ms() - t0 < 60000)
		oom_msleep(200);
	for (g = 0; g < NR_GROUPS; g++)
		keep[g] = start(protected_main, g);
	for (g = 0; g < NR_GROUPS; g++)
		workers[nworkers++] = start(spawner, g);
	for (i = 0; i < NR_CHURNERS; i++)
		workers[nworkers++] = start(run_churner, i);
	workers[nworkers++] = start(run_flipper, 0);
	workers[nworkers++] = start(run_reader, 0);

	/*
	 * Global OOMs in alternating phases: 15 s of sysrq-f every 500 ms, then
	 * a hog outside every cgroup that fills the machine until the OOM
	 * killer takes it (sysrq-f would take it long before it got there);
	 * that phase ends with the first such kill, or after 45 s.
	 */
	/*
	 * The run lasts SECONDS, and then on until it has seen what it checks
	 * (the kills, an OOM in every cgroup, a filler killed by a global OOM)
	 * or until three times SECONDS: a slow machine gets a longer run, not a
	 * failure; a killer that stops killing still fails.
	 */
	for (i = 0; ; i++) {
		elapsed = oom_now_ms() - t0;
		if (elapsed >= secs * 1000L &&
		    (elapsed >= secs * 3000L || (i % 10 == 0 && goals_met(kills0, min_kills))))
			break;
		oom_msleep(100);
		if (filler > 0 && waitpid(filler, &status, WNOHANG) == filler) {
			filler = 0;
			if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
				add(&cnt->global_hogs_killed, 1);
				fill = false;
				phase = elapsed;
			}
		}
		if (!fill && elapsed - phase >= 15000) {
			fill = true;
			phase = elapsed;
		} else if (fill && elapsed - phase >= 45000) {
			char st[64];

			snprintf(st, sizeof(st), "/proc/%d/status", filler);
			printf("# fill phase over, the filler alive at %ld MiB, %ld MiB free\n",
			       oom_read_key(st, "VmRSS") >> 10,
			       oom_read_key("/proc/meminfo", "MemFree") >> 10);
			fill = false;
			phase = elapsed;
		}
		if (!fill && filler > 0) {
			kill(filler, SIGKILL);
			waitpid(filler, NULL, 0);
			filler = 0;
		}
		if (fill && !filler) {
			filler = fork();
			if (filler == 0)
				filler_main();
			if (filler > 0)
				add(&cnt->global_hogs, 1);
		}
		if (!fill && i % 5 == 0 && !oom_write_file("/proc/sysrq-trigger", "f"))
			add(&cnt->sysrq, 1);
		if (elapsed / 30000 != t) {
			t = elapsed / 30000;
			printf("# %3ld s: %ld kills\n", elapsed / 1000,
			       vm_event("oom_kill") - kills0);
			fflush(stdout);
		}
	}
	if (filler > 0) {
		kill(filler, SIGKILL);
		waitpid(filler, NULL, 0);
	}

	/* Stop: workers first (they stop forking), then whatever is left. */
	__atomic_store_n(&cnt->stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < nworkers; i++) {
		if (i < NR_GROUPS)
			kill(workers[i], SIGKILL);	/* spawners block in wait */
		waitpid(workers[i], NULL, 0);
	}
	for (g = 0; g < NR_GROUPS; g++) {
		long v = oom_cg_key(groups[g], "memory.events", "oom");

		memcg_oom += v > 0 ? v : 0;
		groups_with_oom += v > 0;
		v = oom_cg_key(groups[g], "memory.events", "oom_kill");
		memcg_kills += v > 0 ? v : 0;
	}
	kills = vm_event("oom_kill") - kills0;
	elapsed = oom_now_ms() - t0;

	for (i = 0; i <= NR_GROUPS; i++)
		alive += waitpid(keep[i], NULL, WNOHANG) == 0 && oom_pid_alive(keep[i]);
	for (i = 0; i < (int)oom_nr_policy_sysctls; i++) {
		long v;

		snprintf(path, sizeof(path), "/proc/sys/vm/%s", oom_policy_sysctls[i].name);
		v = oom_read_long(path);
		bad_knobs += v < (long)oom_policy_sysctls[i].min ||
			     v > (long)oom_policy_sysctls[i].max;
		if (saved[i] >= 0)
			oom_write_file(path, "%ld\n", saved[i]);
	}
	for (i = 0; i <= NR_GROUPS; i++)
		kill(keep[i], SIGKILL);
	for (g = 0; g < NR_GROUPS; g++)
		oom_cg_destroy(groups[g]);
	oom_reap_zombies();

	printf("# counters: duration %ld s, OOM kills %ld (in the stress cgroups %ld),\n",
	       elapsed / 1000, kills, memcg_kills);
	printf("#   memcg OOM events %ld in %ld of %d cgroups, sysrq-f %ld,\n",
	       memcg_oom, groups_with_oom, NR_GROUPS, cnt->sysrq);
	printf("#   global fillers %ld (%ld killed), memcg hogs %ld (%ld killed),\n",
	       cnt->global_hogs, cnt->global_hogs_killed, cnt->hogs,
	       cnt->hogs_killed);
	printf("#   churn forks %ld (execs %ld), sysctl writes %ld (%ld refused),\n",
	       cnt->forks, cnt->execs, cnt->sysctl_writes, cnt->sysctl_errors);
	printf("#   oom_score reads %ld\n", cnt->score_reads);

	printf("1..6\n");
	ok = kills >= min_kills;
	failed += !ok;
	printf("%sok 1 stress: at least %ld OOM kills in %d to %d s (%ld in %ld s)\n",
	       ok ? "" : "not ", min_kills, secs, secs * 3, kills, elapsed / 1000);
	ok = groups_with_oom == NR_GROUPS && cnt->global_hogs_killed > 0 &&
	     kills > memcg_kills;
	failed += !ok;
	printf("%sok 2 stress: memcg OOMs in all %d cgroups and global OOMs, concurrently\n",
	       ok ? "" : "not ", NR_GROUPS);
	ok = alive == NR_GROUPS + 1;
	failed += !ok;
	printf("%sok 3 stress: every oom_score_adj -1000 process survived (%d of %d)\n",
	       ok ? "" : "not ", alive, NR_GROUPS + 1);
	ok = oom_pid_alive(1);
	failed += !ok;
	printf("%sok 4 stress: init is alive\n", ok ? "" : "not ");
	ok = responsive();
	failed += !ok;
	printf("%sok 5 stress: the machine still forks, execs and creates cgroups\n",
	       ok ? "" : "not ");
	ok = !bad_knobs && !cnt->sysctl_errors && cnt->sysctl_writes > 0 &&
	     cnt->score_reads > 0;
	failed += !ok;
	printf("%sok 6 stress: %ld sysctl writes taken, all in bounds, %ld oom_score reads\n",
	       ok ? "" : "not ", cnt->sysctl_writes, cnt->score_reads);
	return failed ? 1 : 0;
}
