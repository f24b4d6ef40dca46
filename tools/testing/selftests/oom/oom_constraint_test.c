// SPDX-License-Identifier: GPL-2.0
/*
 * OOMs that only a part of the machine runs into, and memory that is not
 * resident:
 *
 *  - an allocation confined to NUMA node 1 by its cpuset
 *    (CONSTRAINT_CPUSET) or by an MPOL_BIND memory policy
 *    (CONSTRAINT_MEMORY_POLICY) must kill a task that can give memory back
 *    to node 1, never a bigger task confined to node 0, and the child rule
 *    must neither sacrifice a child that lives on node 0 nor count it in
 *    its parent's share;
 *  - swapped-out memory counts in the footprint: a process that is mostly
 *    in swap still outweighs a smaller resident one.
 *
 * Nothing here depends on the classic policy: the test checks whichever
 * policy is active (vm.oom_badness_policy, if the kernel has it), so it
 * runs unchanged on an unpatched kernel and is run once per policy.  It
 * needs two NUMA nodes and cgroup v2 with cpuset and memory; the swap case
 * needs active swap.  Each case is skipped, saying why, when its machine
 * is missing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "oom_util.h"

#include <linux/mempolicy.h>

#define HOG_CHUNK_MIB	8
#define HOG_MAX_MIB	4096

/* "Node N <key>: <value> kB" of /sys/devices/system/node/nodeN/meminfo */
static long node_mib(int node, const char *key)
{
	char path[64], buf[4096], *p;

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/meminfo", node);
	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, key);
	if (!p)
		return -1;
	p += strlen(key);
	while (*p == ':' || *p == ' ')
		p++;
	return strtol(p, NULL, 10) >> 10;
}

/* Wait up to @ms for node @node to have @mib free; its free MiB. */
static long wait_node_free(int node, long mib, int ms)
{
	long end = oom_now_ms() + ms, free;

	while ((free = node_mib(node, "MemFree")) < mib && oom_now_ms() < end)
		oom_msleep(100);
	return free;
}

static long meminfo_kb(const char *path, const char *key)
{
	char buf[8192], *p;

	if (oom_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, key);
	if (!p)
		return -1;
	return strtol(p + strlen(key), NULL, 10);
}

static long proc_status_kb(pid_t pid, const char *key)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	return meminfo_kb(path, key);
}

static int bind_to_node(int node)
{
	unsigned long mask = 1UL << node;

	return syscall(SYS_set_mempolicy, MPOL_BIND, &mask, sizeof(mask) * 8);
}

/* Where a process of this test lives: a cgroup or a memory policy. */
struct placement {
	const char *cgroup;	/* join it first, if set */
	int bind_node;		/* MPOL_BIND to this node if >= 0 */
};

static void place(const struct placement *pl)
{
	if (pl->cgroup)
		oom_join_cgroup(pl->cgroup);
	if (pl->bind_node >= 0 && bind_to_node(pl->bind_node))
		_exit(2);
}

/*
 * Start a process that touches @mib MiB where @pl puts it, says so through
 * a pipe, then sleeps.  Returns its pid once its memory is in, or -1.
 */
static pid_t start_sleeper(const char *name, int mib, const struct placement *pl)
{
	int fds[2];
	pid_t pid;
	char c;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		oom_set_name(name);
		oom_set_adj(0);
		place(pl);
		oom_touch_mib(mib);
		if (write(fds[1], "x", 1) != 1)
			_exit(2);
		oom_idle_forever();
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &c, 1) != 1) {
		close(fds[0]);
		if (pid > 0)
			kill(pid, SIGKILL);
		return -1;
	}
	close(fds[0]);
	return pid;
}

/* Wait up to @ms for @pid to end; its wait status, or -1 on timeout. */
static int wait_end(pid_t pid, int ms)
{
	long end = oom_now_ms() + ms;
	int status;

	while (oom_now_ms() < end) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		oom_msleep(20);
	}
	return -1;
}

static void print_policy(struct __test_metadata *_metadata)
{
	long policy = oom_get_sysctl("oom_badness_policy");

	if (policy < 0)
		TH_LOG("OOM policy: the kernel's own (no vm.oom_badness_policy)");
	else
		TH_LOG("OOM policy: vm.oom_badness_policy=%ld", policy);
}

/*
 * Rewriting the episode window ends the episode an earlier case began, so
 * each case's OOM is a first kill, ranked (and logged) with every factor.
 */
static void end_episode(void)
{
	long secs = oom_get_sysctl("oom_badness_episode_secs");

	if (secs >= 0)
		oom_set_sysctl("oom_badness_episode_secs", secs);
}

FIXTURE(constraint) {
	struct oom_kmsg log;
	pid_t pids[4];
	int npids;
	char cg[3][256];
	int ncg;
};

FIXTURE_VARIANT(constraint) {
	bool cpuset;		/* else MPOL_BIND */
	int child_mib;		/* a child of the hog confined to node 0 */
	const char *want;
};

FIXTURE_VARIANT_ADD(constraint, cpuset) {
	.cpuset = true,
	.want = "constraint=CONSTRAINT_CPUSET",
};

FIXTURE_VARIANT_ADD(constraint, cpuset_child_elsewhere) {
	.cpuset = true,
	.child_mib = 96,
	.want = "constraint=CONSTRAINT_CPUSET",
};

FIXTURE_VARIANT_ADD(constraint, mempolicy) {
	.want = "constraint=CONSTRAINT_MEMORY_POLICY",
};

FIXTURE_VARIANT_ADD(constraint, mempolicy_child_elsewhere) {
	.child_mib = 96,
	.want = "constraint=CONSTRAINT_MEMORY_POLICY",
};

FIXTURE_SETUP(constraint)
{
	self->npids = 0;
	self->ncg = 0;
	self->log.fd = -1;
	if (getuid() != 0)
		SKIP(return, "must run as root");
	if (access("/sys/devices/system/node/node1", F_OK))
		SKIP(return, "needs two NUMA nodes (QEMU -numa)");
	ASSERT_EQ(0, oom_write_file("/proc/self/oom_score_adj", "-1000\n"));
	ASSERT_EQ(0, oom_kmsg_open(&self->log));
	print_policy(_metadata);
	end_episode();
}

/*
 * Kill @pid and wait until its memory is back: reap it if it is our child,
 * else (the hog's child, reparented) wait for it to go away.
 */
static void stop_and_wait(pid_t pid)
{
	int tries = 500;

	kill(pid, SIGKILL);
	if (waitpid(pid, NULL, 0) == pid)
		return;
	while (oom_pid_alive(pid) && tries--)
		oom_msleep(20);
}

FIXTURE_TEARDOWN(constraint)
{
	int i;

	for (i = 0; i < self->npids; i++)
		stop_and_wait(self->pids[i]);
	oom_reap_zombies();
	for (i = 0; i < self->ncg; i++)
		oom_cg_destroy(self->cg[i]);
	if (self->log.fd >= 0)
		oom_kmsg_close(&self->log);
}

static const char *constraint_cgroup(struct _test_data_constraint *self,
				     const char *name, const char *mems)
{
	char *cg = self->cg[self->ncg];

	oom_write_file(OOM_CGROUP_ROOT "/cgroup.subtree_control", "+cpuset +memory\n");
	if (oom_cg_create(cg, sizeof(self->cg[0]), name))
		return NULL;
	self->ncg++;
	/* no swap: the hog must run into the node's end, not into swap */
	oom_cg_write(cg, "memory.swap.max", "0");
	if (mems && oom_cg_write(cg, "cpuset.mems", mems))
		return NULL;
	return cg;
}

/*
 * The hog fills node 1 until the kernel kills it.  Optionally it first
 * forks a child that moves to node 0 and touches @child_mib there.
 */
static pid_t start_hog(const struct placement *pl, int child_mib,
		       const struct placement *child_pl, pid_t *child)
{
	int fds[2];
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *p;
		int mib;

		close(fds[0]);
		oom_set_name("oomc-hog");
		oom_set_adj(0);
		place(pl);
		if (child_mib) {
			int ready[2];
			char ok;
			pid_t c;

			if (pipe(ready))
				_exit(2);
			c = fork();
			if (c == 0) {
				oom_set_name("oomc-child");
				place(child_pl);
				oom_touch_mib(child_mib);
				if (write(ready[1], "c", 1) != 1)
					_exit(2);
				oom_idle_forever();
			}
			/* the child's memory is in before the hog starts */
			if (c < 0 || read(ready[0], &ok, 1) != 1 ||
			    write(fds[1], &c, sizeof(c)) != sizeof(c))
				_exit(2);
		}
		close(fds[1]);
		for (mib = 0; mib < HOG_MAX_MIB; mib += HOG_CHUNK_MIB) {
			p = mmap(NULL, HOG_CHUNK_MIB << 20, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				_exit(3);
			for (long off = 0; off < (HOG_CHUNK_MIB << 20); off += 4096)
				p[off] = 1;
		}
		_exit(4);	/* never stopped: the OOM did not come */
	}
	close(fds[1]);
	*child = 0;
	if (pid > 0 && child_mib &&
	    read(fds[0], child, sizeof(*child)) != sizeof(*child))
		*child = -1;
	close(fds[0]);
	return pid;
}

/*
 * children= of the "oom-badness: selected" line of @pid, in kB; 0 when the
 * policy logs none (policy 0, an unpatched kernel), -1 if unreadable.
 */
static long selected_children_kb(const char *log, pid_t pid)
{
	char needle[48];
	const char *line, *end, *p;

	snprintf(needle, sizeof(needle), "oom-badness: selected %d ", pid);
	line = strstr(log, needle);
	if (!line)
		return 0;
	end = strchr(line, '\n');
	p = strstr(line, " children=");
	if (!p || (end && p > end))
		return -1;
	return strtol(p + strlen(" children="), NULL, 10);
}

/*
 * The debug kernel needs 30 s and more for a constrained case (KASAN over
 * the hogs' faults), the test kernel 4 to 7 s; the plain test below is no
 * slower.
 */
#define CONSTRAINT_TIMEOUT 180

TEST_F_TIMEOUT(constraint, hog_dies_others_survive, CONSTRAINT_TIMEOUT)
{
	struct placement hog = { .bind_node = -1 }, other = { .bind_node = -1 };
	long n1 = node_mib(1, "MemTotal"), free0, need;
	int other_mib = n1 + 64, status;
	pid_t hog_pid, child = 0, bystander = 0;
	char needle[64];
	const char *log;

	ASSERT_GT(n1, 0);
	/* what goes on node 0, and room for everything else */
	need = (variant->child_mib ? variant->child_mib : other_mib) + 160;
	free0 = wait_node_free(0, need, 10000);
	if (free0 < need)
		SKIP(return, "node 0 has %ld MiB free, %ld needed", free0, need);
	if (variant->cpuset) {
		if (access(OOM_CGROUP_ROOT "/cgroup.controllers", F_OK))
			SKIP(return, "needs cgroup v2");
		hog.cgroup = constraint_cgroup(self, "oomc-node1", "1");
		other.cgroup = constraint_cgroup(self, "oomc-node0", "0");
		if (!hog.cgroup || !other.cgroup)
			SKIP(return, "no cpuset controller");
	} else {
		hog.cgroup = constraint_cgroup(self, "oomc-mpol", NULL);
		ASSERT_NE(NULL, hog.cgroup);
		hog.bind_node = 1;
		other.bind_node = 0;
	}

	/*
	 * Bigger than anything node 1 can hold, but on node 0 only: the
	 * killer must not take it for the node 1 OOM.
	 */
	if (!variant->child_mib) {
		bystander = start_sleeper("oomc-bystander", other_mib, &other);
		ASSERT_GT(bystander, 0);
		self->pids[self->npids++] = bystander;
	}
	hog_pid = start_hog(&hog, variant->child_mib, &other, &child);
	ASSERT_GT(hog_pid, 0);
	self->pids[self->npids++] = hog_pid;
	ASSERT_GE(child, 0);
	if (child)
		self->pids[self->npids++] = child;

	status = wait_end(hog_pid, 120000);
	log = oom_kmsg_read(&self->log);
	ASSERT_NE(-1, status) TH_LOG("the hog was not killed in 120 s");
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		TH_LOG("the hog ended with status %#x", status);
	EXPECT_NE(NULL, strstr(log, variant->want))
		TH_LOG("no %s in the kernel log:\n%s", variant->want, log);
	snprintf(needle, sizeof(needle), ",pid=%d,", hog_pid);
	EXPECT_NE(NULL, strstr(log, needle))
		TH_LOG("the OOM kill line does not name the hog (%d):\n%s", hog_pid, log);
	EXPECT_EQ(hog_pid, oom_killed_pid(log, 0));
	if (bystander)
		EXPECT_TRUE(oom_pid_alive(bystander))
			TH_LOG("the %d MiB bystander on node 0 was killed", other_mib);
	if (child)
		EXPECT_TRUE(oom_pid_alive(child))
			TH_LOG("the hog's child on node 0 was killed:\n%s", log);
	if (child)
		EXPECT_EQ(NULL, strstr(log, "sacrificing child"));
	/* policy 1 says what the hog's share counted: not the child */
	if (child)
		EXPECT_EQ(0, selected_children_kb(log, hog_pid))
			TH_LOG("the share counted the child on node 0:\n%s", log);
}

/*
 * A process with most of its memory in swap weighs what it holds in all,
 * under every policy: with only its resident memory counted, the smaller
 * resident process would be killed instead.
 */
FIXTURE(global) {};
FIXTURE_SETUP(global) {}
FIXTURE_TEARDOWN(global) {}

TEST_F_TIMEOUT(global, swapped_out_memory_counts, CONSTRAINT_TIMEOUT)
{
	struct placement none = { .bind_node = -1 };
	long swap_kb, rss_a, rss_b, score_a, score_b;
	pid_t a, b, pids[2];
	struct oom_kmsg log;
	int fds[2];
	char c;

	if (getuid() != 0)
		SKIP(return, "must run as root");
	if (meminfo_kb("/proc/meminfo", "SwapTotal:") <= 0)
		SKIP(return, "needs active swap");
	ASSERT_EQ(0, oom_write_file("/proc/self/oom_score_adj", "-1000\n"));
	print_policy(_metadata);
	ASSERT_EQ(0, oom_kmsg_open(&log));

	a = start_sleeper("oomc-resident", 64, &none);
	ASSERT_GT(a, 0);
	ASSERT_EQ(0, pipe(fds));
	b = fork();
	if (b == 0) {
		size_t len = 112UL << 20;
		char *p;

		close(fds[0]);
		oom_set_name("oomc-swapped");
		oom_set_adj(0);
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(2);
		for (size_t off = 0; off < len; off += 4096)
			*(unsigned long *)(p + off) = off;
		/* 80 of its 112 MiB go to swap */
		if (madvise(p, 80UL << 20, MADV_PAGEOUT))
			_exit(3);
		if (write(fds[1], "x", 1) != 1)
			_exit(2);
		oom_idle_forever();
	}
	close(fds[1]);
	ASSERT_GT(b, 0);
	ASSERT_EQ(1, read(fds[0], &c, 1));
	close(fds[0]);
	pids[0] = a;
	pids[1] = b;

	swap_kb = proc_status_kb(b, "VmSwap:");
	rss_a = proc_status_kb(a, "VmRSS:");
	rss_b = proc_status_kb(b, "VmRSS:");
	score_a = oom_read_score(a);
	score_b = oom_read_score(b);
	TH_LOG("resident: rss %ld kB, oom_score %ld", rss_a, score_a);
	TH_LOG("swapped: rss %ld kB + swap %ld kB, oom_score %ld", rss_b, swap_kb, score_b);
	ASSERT_GE(swap_kb, 40 << 10) TH_LOG("MADV_PAGEOUT moved only %ld kB to swap", swap_kb);
	ASSERT_LT(rss_b, rss_a);
	EXPECT_GT(score_b, score_a);

	ASSERT_EQ(0, oom_global());
	oom_wait_dead(pids, 2, 1, 20000);
	EXPECT_FALSE(oom_pid_alive(b))
		TH_LOG("the mostly swapped-out process survived:\n%s", oom_kmsg_read(&log));
	EXPECT_TRUE(oom_pid_alive(a))
		TH_LOG("the resident process was killed:\n%s", oom_kmsg_read(&log));
	stop_and_wait(a);
	stop_and_wait(b);
	oom_kmsg_close(&log);
}

TEST_HARNESS_MAIN
