// SPDX-License-Identifier: GPL-2.0
/*
 * oomkit-demo: watch the OOM killer choose, under the stock policy and the
 * classic one, side by side.
 *
 * Every scenario is started twice at the same moment, each copy in its own
 * memory cgroup; one copy is squeezed under vm.oom_badness_policy=0, the
 * other under 1, so both see the same processes with the same age.  The
 * victims are real: the kernel kills them, and its log says why.
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

#define MAX_IN_SCENARIO	8
/* Large enough that faulting in 100 MiB under emulation stays one unit. */
#define DEMO_CPU_UNIT_MS 250

struct scenario {
	const char *title;
	const char *story;
	struct oom_spec procs[MAX_IN_SCENARIO];
	int nprocs;
	int age_first_ms;	/* the first process is this old */
	int squeeze_mib;
};

struct copy {
	char cg[256];
	struct oom_proc procs[MAX_IN_SCENARIO];
};

static struct oom_kmsg klog;

static const char *creds_name(enum oom_creds c)
{
	switch (c) {
	case OOM_ROOT:
		return "root";
	case OOM_RAWIO:
		return "rawio";
	case OOM_ADMIN:
		return "admin";
	default:
		return "user";
	}
}

/* utime + stime and age of a process, in seconds, from /proc. */
static void proc_times(pid_t pid, double *cpu, double *age)
{
	char path[64], buf[1024], *p;
	unsigned long long ut = 0, st = 0, start = 0;
	double hz = sysconf(_SC_CLK_TCK), uptime = 0;
	int field;

	*cpu = 0;
	*age = 0;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return;
	p = strrchr(buf, ')');
	for (field = 3; p && *p; field++) {
		p = strchr(p + 1, ' ');
		if (!p)
			break;
		/* p is at the blank before field number @field */
		if (field == 14)
			ut = strtoull(p + 1, NULL, 10);
		else if (field == 15)
			st = strtoull(p + 1, NULL, 10);
		else if (field == 22)
			start = strtoull(p + 1, NULL, 10);
	}
	if (oom_read_file("/proc/uptime", buf, sizeof(buf)) > 0)
		uptime = strtod(buf, NULL);
	*cpu = (ut + st) / hz;
	*age = uptime - start / hz;
}

static void print_table(const struct scenario *s, struct copy *c,
			struct copy *c1)
{
	int i, j;

	printf("  %-12s %11s %5s %6s %6s %-6s %5s  %s\n", "process",
	       "pid (0 / 1)", "MiB", "cpu_s", "age_s", "creds", "adj",
	       "children");
	for (i = 0; i < s->nprocs; i++) {
		struct oom_proc *p = &c->procs[i];
		const struct oom_spec *sp = &s->procs[i];
		char kids[64] = "-", path[64], pids[32];
		double cpu, age;

		proc_times(p->pid, &cpu, &age);
		if (p->nchildren) {
			int total = 0;

			for (j = 0; j < p->nchildren; j++)
				total += sp->child_mibs[j] ? sp->child_mibs[j] :
							     sp->child_mib;
			snprintf(kids, sizeof(kids), "%d, %d MiB in all",
				 p->nchildren, total);
		}
		snprintf(path, sizeof(path), "/proc/%d/status", p->pid);
		snprintf(pids, sizeof(pids), "%d / %d", p->pid, c1->procs[i].pid);
		printf("  %-12s %11s %5ld %6.1f %6.0f %-6s %5d  %s\n", sp->name,
		       pids, oom_read_key(path, "VmRSS") >> 10, cpu, age,
		       creds_name(sp->creds), sp->adj, kids);
	}
}

/* Name of a pid of this copy (a process or one of its children). */
static const char *who(const struct scenario *s, struct copy *c, pid_t pid,
		       char *buf, size_t size)
{
	int i, j;

	for (i = 0; i < s->nprocs; i++) {
		if (c->procs[i].pid == pid) {
			snprintf(buf, size, "%s", s->procs[i].name);
			return buf;
		}
		for (j = 0; j < c->procs[i].nchildren; j++)
			if (c->procs[i].children[j] == pid) {
				snprintf(buf, size, "a child of %s",
					 s->procs[i].name);
				return buf;
			}
	}
	snprintf(buf, size, "pid %d", pid);
	return buf;
}

/* Squeeze one copy under @policy and report the kill(s) and the reasons. */
static void squeeze(const struct scenario *s, struct copy *c, int policy)
{
	const char *log, *line, *end;
	char name[64];
	int kills, k;

	oom_set_sysctl("oom_badness_policy", policy);
	oom_kmsg_read(&klog);
	klog.len = 0;
	klog.text[0] = '\0';
	kills = oom_cg_squeeze(c->cg, s->squeeze_mib);
	oom_msleep(200);
	log = oom_kmsg_read(&klog);
	printf("  %-22s", policy ? "classic policy (1):" : "stock policy (0):");
	for (k = 0; k < kills; k++) {
		pid_t pid = oom_killed_pid(log, k);

		printf("%s killed %s (pid %d)", k ? "," : "",
		       who(s, c, pid, name, sizeof(name)), pid);
	}
	printf("%s\n", kills == 1 ? ", one kill was enough" :
	       kills > 1 ? "" : " nobody killed");
	for (line = log; (line = strstr(line, "oom-badness: ")); line = end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		printf("      %.*s\n", (int)(end - line), line);
	}
}

/* Start process @i of @s in copy @c, inside the copy's cgroup. */
static int start_in(struct copy *c, const struct scenario *s, int i)
{
	c->procs[i].spec = s->procs[i];
	c->procs[i].spec.cgroup = c->cg;
	c->procs[i].spec.child_cgroup = c->cg;
	return oom_start(&c->procs[i]);
}

static int start_copy(const struct scenario *s, struct copy *c, int i,
		      const char *tag)
{
	char name[64];

	snprintf(name, sizeof(name), "demo-%s", tag);
	if (oom_cg_create(c->cg, sizeof(c->cg), name))
		return -1;
	return start_in(c, s, i);
}

static void stop_copy(const struct scenario *s, struct copy *c)
{
	int i;

	for (i = 0; i < s->nprocs; i++)
		oom_stop(&c->procs[i]);
	oom_cg_destroy(c->cg);
	oom_reap_zombies();
}

/*
 * Run a scenario: two copies, or three when @knob names a sysctl to change
 * for the third copy (classic policy with knob=value).
 */
static void run(const struct scenario *s, const char *knob, long value)
{
	struct copy copies[3];
	int ncopies = knob ? 3 : 2, i, j;
	long t0;

	memset(copies, 0, sizeof(copies));
	printf("\n=== %s\n    %s\n\n", s->title, s->story);
	for (j = 0; j < ncopies; j++) {
		char tag[8];

		snprintf(tag, sizeof(tag), "%d", j);
		if (start_copy(s, &copies[j], 0, tag)) {
			printf("  cannot start %s\n", s->procs[0].name);
			return;
		}
	}
	t0 = oom_now_ms();
	if (s->age_first_ms) {
		printf("  (letting %s age %d s...)\n", s->procs[0].name,
		       s->age_first_ms / 1000);
		oom_msleep(s->age_first_ms - (oom_now_ms() - t0));
	}
	for (i = 1; i < s->nprocs; i++)
		for (j = 0; j < ncopies; j++)
			if (start_in(&copies[j], s, i))
				printf("  cannot start %s\n", s->procs[i].name);
	print_table(s, &copies[0], &copies[1]);
	printf("\n");
	squeeze(s, &copies[0], 0);
	squeeze(s, &copies[1], 1);
	if (knob) {
		long old = oom_get_sysctl(knob);

		oom_set_sysctl(knob, value);
		printf("\n  now with vm.%s=%ld:\n", knob, value);
		squeeze(s, &copies[2], 1);
		oom_set_sysctl(knob, old);
	}
	for (j = 0; j < ncopies; j++)
		stop_copy(s, &copies[j]);
}

int main(void)
{
	static const struct scenario scenarios[] = {
		{
			.title = "A fresh memory hog next to a long-running service",
			.story = "The stock score only sees size; the classic one\n"
				 "    also sees 17 s of age and 2 s of CPU time.",
			.procs = {
				{ .name = "service", .mib = 120, .cpu_ms = 2000 },
				{ .name = "hog", .mib = 70 },
			},
			.nprocs = 2, .age_first_ms = 17000, .squeeze_mib = 30,
		},
		{
			.title = "A root daemon and an ordinary user's process",
			.story = "root holds CAP_SYS_ADMIN and CAP_SYS_RAWIO: its score\n"
				 "    is divided by 4 twice under the classic policy\n"
				 "    (100 MiB / 16 < 20 MiB); without the root divisor,\n"
				 "    only the raw I/O one is left (100 MiB / 4 > 20 MiB).",
			.procs = {
				{ .name = "daemon", .mib = 100, .creds = OOM_ROOT },
				{ .name = "user-job", .mib = 20 },
			},
			.nprocs = 2, .squeeze_mib = 10,
		},
		{
			.title = "A supervisor and its worker",
			.story = "The worker holds half of what its supervisor holds:\n"
				 "    it dies in the supervisor's place, once.",
			.procs = {
				{ .name = "supervisor", .mib = 100, .nchildren = 1,
				  .child_mib = 50 },
			},
			.nprocs = 1, .squeeze_mib = 30,
		},
		{
			.title = "A parent behind twenty tiny children",
			.story = "Each child holds 1 MiB, under 10% of its parent:\n"
				 "    killing one would free next to nothing.",
			.procs = {
				{ .name = "spawner", .mib = 160, .nchildren = 20,
				  .child_mib = 1 },
			},
			.nprocs = 1, .squeeze_mib = 20,
		},
	};

	if (oom_write_file("/proc/self/oom_score_adj", "-1000\n") ||
	    !oom_have_sysctl("oom_badness_policy")) {
		fprintf(stderr, "oomkit-demo: needs root and the patched kernel\n");
		return 1;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	oom_save_sysctls();
	oom_test_defaults();
	oom_set_sysctl("oom_badness_cputime_unit_ms", DEMO_CPU_UNIT_MS);
	oom_kmsg_open(&klog);

	printf("Each scenario runs twice at once, in two memory cgroups (copies 0\n");
	printf("and 1); the kernel kills in copy 0 under the stock policy and in\n");
	printf("copy 1 under the classic one.  Units are scaled for a VM: CPU time\n");
	printf("counts in %d ms units, age in 1 s units (the defaults are 8192 ms and\n",
	       DEMO_CPU_UNIT_MS);
	printf("1024 s).\n");

	run(&scenarios[0], NULL, 0);
	run(&scenarios[1], "oom_badness_root_divisor", 1);
	run(&scenarios[2], "oom_prefer_children", 0);
	run(&scenarios[3], NULL, 0);

	oom_restore_sysctls();
	return 0;
}
