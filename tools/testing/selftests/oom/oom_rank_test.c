// SPDX-License-Identifier: GPL-2.0
/*
 * The ranking view tells the truth: for each setup, under both policies and
 * for global and memcg OOMs, the process tools/mm/oom-rank names first is
 * the one the next OOM kills, and what it says the kill frees is what the
 * kill gave back (within 10% or 4 MiB): MemFree (with the per-CPU lists)
 * after the victim is gone for a global OOM, the drop of memory.current for
 * a memcg OOM.  The tool comes from $PATH (the VM has it in /oomkit/bin).
 * With an ASan build of the tool beside it (oom-rank-asan), that one reads
 * the kernel view once as well and must report no error.
 */
#include <signal.h>
#include <sys/stat.h>

#include "oom_fixture.h"

#define NPROCS 3

FIXTURE_VARIANT(oom) {
	bool memcg;
	struct oom_spec procs[NPROCS];
	int nprocs;
};

#define P(...) { __VA_ARGS__ }

FIXTURE_VARIANT_ADD(oom, two_processes) {
	.procs = { P(.name = "big", .mib = 60), P(.name = "small", .mib = 30) },
	.nprocs = 2,
};

FIXTURE_VARIANT_ADD(oom, supervisor_and_worker) {
	.procs = { P(.name = "sup", .mib = 80, .nchildren = 1, .child_mib = 40) },
	.nprocs = 1,
};

FIXTURE_VARIANT_ADD(oom, tiny_children) {
	.procs = { P(.name = "spawner", .mib = 80, .nchildren = 10, .child_mib = 1) },
	.nprocs = 1,
};

FIXTURE_VARIANT_ADD(oom, cow_family) {
	.procs = { P(.name = "server", .mib = 100, .share = OOM_COW, .nchildren = 5),
		   P(.name = "consumer", .mib = 50) },
	.nprocs = 2,
};

FIXTURE_VARIANT_ADD(oom, shmem_family) {
	.procs = { P(.name = "db", .mib = 100, .share = OOM_SHMEM, .nchildren = 4),
		   P(.name = "consumer", .mib = 50) },
	.nprocs = 2,
};

FIXTURE_VARIANT_ADD(oom, protected_child) {
	.procs = { P(.name = "shell", .mib = 5, .nchildren = 1, .child_mib = 150,
		     .child_adj = -900),
		   P(.name = "hog", .mib = 60) },
	.nprocs = 2,
};

FIXTURE_VARIANT_ADD(oom, root_and_user) {
	.procs = { P(.name = "root", .mib = 90, .creds = OOM_ROOT),
		   P(.name = "user", .mib = 40) },
	.nprocs = 2,
};

FIXTURE_VARIANT_ADD(oom, tmpfs_holder) {
	.procs = { P(.name = "holder", .mib = 80, .share = OOM_TMPFS),
		   P(.name = "consumer", .mib = 50) },
	.nprocs = 2,
};

FIXTURE_VARIANT_ADD(oom, prefork_master) {
	.procs = { P(.name = "master", .mib = 20, .nchildren = 3, .child_mib = 50) },
	.nprocs = 1,
};

FIXTURE_VARIANT_ADD(oom, memfd_family) {
	.procs = { P(.name = "parent", .mib = 80, .share = OOM_MEMFD, .nchildren = 2),
		   P(.name = "consumer", .mib = 50) },
	.nprocs = 2,
};

FIXTURE_VARIANT_ADD(oom, memcg_supervisor_and_worker) {
	.memcg = true,
	.procs = { P(.name = "sup", .mib = 80, .nchildren = 1, .child_mib = 40) },
	.nprocs = 1,
};

FIXTURE_VARIANT_ADD(oom, memcg_cow_family) {
	.memcg = true,
	.procs = { P(.name = "server", .mib = 100, .share = OOM_COW, .nchildren = 5),
		   P(.name = "consumer", .mib = 50) },
	.nprocs = 2,
};

FIXTURE_VARIANT_ADD(oom, memcg_two_processes) {
	.memcg = true,
	.procs = { P(.name = "big", .mib = 60), P(.name = "small", .mib = 30) },
	.nprocs = 2,
};

/* Run a command, its stdout into @out; its exit status. */
static int run(const char *cmd, char *out, size_t size)
{
	FILE *f = popen(cmd, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	return pclose(f);
}

/* An integer field of the "next" object of oom-rank --json. */
static long next_field(const char *json, const char *key)
{
	char needle[32];
	const char *p = strstr(json, "\"next\":{");

	if (!p)
		return -1;
	snprintf(needle, sizeof(needle), "\"%s\":", key);
	p = strstr(p, needle);
	return p ? strtol(p + strlen(needle), NULL, 10) : -1;
}

TEST_F_TIMEOUT(oom, the_named_process_dies_and_frees_what_was_said, OOM_TIMEOUT)
{
	char cmd[400], args[300], out[1 << 16];
	const char *cg = NULL;
	int policy, i, rc;

	if (system("command -v oom-rank >/dev/null 2>&1"))
		SKIP(return, "no oom-rank in $PATH (make -C tools/mm)");
	if (access("/sys/kernel/debug/oom_badness/ranking", R_OK))
		SKIP(return, "no ranking view (CONFIG_DEBUG_FS, debugfs mounted)");
	for (policy = 0; policy <= 1; policy++) {
		struct oom_test *t = &self->t;
		long named, frees, before, after, k0 = 0, freed, tol;
		pid_t killed;

		ASSERT_EQ(0, oom_set_sysctl("oom_badness_policy", policy));
		ASSERT_EQ(0, oom_set_sysctl("oom_badness_episode_secs", 10));
		if (variant->memcg)
			cg = oom_new_cgroup(t, policy ? "oomt-rank1" : "oomt-rank0");
		for (i = 0; i < variant->nprocs; i++) {
			struct oom_spec s = variant->procs[i];

			s.cgroup = cg;
			ASSERT_NE(NULL, oom_spawn(t, s));
		}
		oom_msleep(300);
		if (cg)
			snprintf(args, sizeof(args), "--json -n 50 --memcg %s",
				 cg + strlen(OOM_CGROUP_ROOT));
		else
			snprintf(args, sizeof(args), "--json -n 50");
		snprintf(cmd, sizeof(cmd), "oom-rank %s", args);
		rc = run(cmd, out, sizeof(out));
		ASSERT_EQ(0, rc) TH_LOG("%s", cmd);
		ASSERT_NE(NULL, strstr(out, "\"source\":\"kernel\"")) TH_LOG("%s", out);
		named = next_field(out, "pid");
		frees = next_field(out, "frees_kb");
		ASSERT_GT(named, 0) TH_LOG("%s", out);
		if (!system("command -v oom-rank-asan >/dev/null 2>&1")) {
			snprintf(cmd, sizeof(cmd), "oom-rank-asan %s 2>&1 >/dev/null", args);
			EXPECT_EQ(0, run(cmd, out, sizeof(out))) TH_LOG("ASan: %s", out);
		}

		oom_kmsg_reset(&t->log);
		before = cg ? oom_cg_read(cg, "memory.current") >> 10 : oom_mem_free_kb();
		if (cg) {
			char val[32];

			k0 = oom_cg_key(cg, "memory.events", "oom_kill");
			snprintf(val, sizeof(val), "%ld", (before - 1024) << 10);
			/* the first kill ends the write: memory.max is raised */
			if (!fork()) {
				long end = oom_now_ms() + 20000;

				while (oom_cg_key(cg, "memory.events", "oom_kill") == k0 &&
				       oom_now_ms() < end)
					;
				oom_cg_write(cg, "memory.max", "max");
				_exit(0);
			}
			oom_cg_write(cg, "memory.max", val);
		} else {
			ASSERT_EQ(0, oom_global());
		}
		for (i = 0; i < 500; i++) {
			oom_reap_zombies();
			killed = oom_killed_pid(oom_kmsg_read(&t->log), 0);
			if (killed > 0 && oom_pid_gone(killed))
				break;
			oom_msleep(20);
		}
		ASSERT_GT(killed, 0) TH_LOG("no kill\n%s", oom_kmsg_read(&t->log));
		oom_msleep(500);
		oom_reap_zombies();
		after = cg ? oom_cg_read(cg, "memory.current") >> 10 : oom_mem_free_kb();
		freed = cg ? before - after : after - before;
		tol = frees / 10 > 4096 ? frees / 10 : 4096;
		TH_LOG("policy %d: named %ld (frees %ld kB), killed %d, freed %ld kB",
		       policy, named, frees, killed, freed);
		EXPECT_EQ(named, killed) TH_LOG("%s", oom_kmsg_read(&t->log));
		EXPECT_LE(labs(freed - frees), tol);
		/*
		 * One kill, if it frees the 1 MiB the limit asks for.  One that
		 * frees less (a copy-on-write member under policy 0) leaves the
		 * OOM going, and the watcher's stop may come after the next.
		 */
		if (cg && frees >= 1024)
			EXPECT_EQ(1, oom_cg_key(cg, "memory.events", "oom_kill") - k0);
		for (i = 0; i < t->nprocs; i++)
			oom_stop(&t->procs[i]);
		oom_msleep(300);
		oom_reap_zombies();
		t->nprocs = 0;
	}
}

TEST_HARNESS_MAIN
