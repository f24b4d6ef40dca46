// SPDX-License-Identifier: GPL-2.0
/*
 * Every OOM policy sysctl: its bounds, malformed input, the value kept
 * after a failed write, and writers without the privilege to change it.
 */
#include <sched.h>

#include "../kselftest_harness.h"
#include "oom_util.h"

FIXTURE(sysctl) {
	char path[128];
	long saved;
};

FIXTURE_VARIANT(sysctl) {
	const char *name;
	long min, max;
};

FIXTURE_VARIANT_ADD(sysctl, oom_badness_policy) {
	.name = "oom_badness_policy", .min = 0, .max = 1,
};

FIXTURE_VARIANT_ADD(sysctl, oom_badness_cputime_unit_ms) {
	.name = "oom_badness_cputime_unit_ms", .min = 0, .max = 3600000,
};

FIXTURE_VARIANT_ADD(sysctl, oom_badness_runtime_unit_secs) {
	.name = "oom_badness_runtime_unit_secs", .min = 0, .max = 604800,
};

FIXTURE_VARIANT_ADD(sysctl, oom_badness_root_divisor) {
	.name = "oom_badness_root_divisor", .min = 1, .max = 1024,
};

FIXTURE_VARIANT_ADD(sysctl, oom_badness_rawio_divisor) {
	.name = "oom_badness_rawio_divisor", .min = 1, .max = 1024,
};

FIXTURE_VARIANT_ADD(sysctl, oom_badness_children_percent) {
	.name = "oom_badness_children_percent", .min = 0, .max = 100,
};

FIXTURE_VARIANT_ADD(sysctl, oom_prefer_children) {
	.name = "oom_prefer_children", .min = 0, .max = 1,
};

FIXTURE_VARIANT_ADD(sysctl, oom_child_min_percent) {
	.name = "oom_child_min_percent", .min = 0, .max = 100,
};

FIXTURE_VARIANT_ADD(sysctl, oom_child_guard_secs) {
	.name = "oom_child_guard_secs", .min = 1, .max = 86400,
};

FIXTURE_SETUP(sysctl)
{
	if (getuid() != 0)
		SKIP(return, "must run as root");
	snprintf(self->path, sizeof(self->path), "/proc/sys/vm/%s",
		 variant->name);
	if (access(self->path, F_OK))
		SKIP(return, "kernel without %s", variant->name);
	self->saved = read_long(self->path);
	ASSERT_GE(self->saved, variant->min);
	ASSERT_LE(self->saved, variant->max);
}

FIXTURE_TEARDOWN(sysctl)
{
	if (self->saved >= 0)
		write_file(self->path, "%ld\n", self->saved);
}

/* write() of exactly @len bytes at offset 0: 0 or -errno. */
static int raw_write(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	n = n < 0 ? -errno : (size_t)n == len ? 0 : -EIO;
	close(fd);
	return n;
}

TEST_F(sysctl, is_root_writable_only)
{
	struct stat st;

	ASSERT_EQ(0, stat(self->path, &st));
	EXPECT_EQ(0644, st.st_mode & 07777);
	EXPECT_EQ(0, st.st_uid);
}

TEST_F(sysctl, accepts_both_bounds_and_reads_them_back)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld\n", variant->min);
	EXPECT_EQ(0, raw_write(self->path, buf, strlen(buf)));
	EXPECT_EQ(variant->min, read_long(self->path));
	snprintf(buf, sizeof(buf), "%ld", variant->max);	/* no newline */
	EXPECT_EQ(0, raw_write(self->path, buf, strlen(buf)));
	EXPECT_EQ(variant->max, read_long(self->path));
	ASSERT_GT(read_file(self->path, buf, sizeof(buf)), 0);
	snprintf(buf + 16, 16, "%ld\n", variant->max);
	EXPECT_STREQ(buf + 16, buf);
}

TEST_F(sysctl, rejects_out_of_range_and_keeps_the_value)
{
	char buf[32];
	long keep = variant->min + (variant->max > variant->min);

	snprintf(buf, sizeof(buf), "%ld", keep);
	ASSERT_EQ(0, raw_write(self->path, buf, strlen(buf)));
	if (variant->min > 0) {
		snprintf(buf, sizeof(buf), "%ld", variant->min - 1);
		EXPECT_EQ(-EINVAL, raw_write(self->path, buf, strlen(buf)));
		EXPECT_EQ(keep, read_long(self->path));
	}
	snprintf(buf, sizeof(buf), "%ld", variant->max + 1);
	EXPECT_EQ(-EINVAL, raw_write(self->path, buf, strlen(buf)));
	EXPECT_EQ(keep, read_long(self->path));
	snprintf(buf, sizeof(buf), "%ld", 4294967296L + variant->min);
	EXPECT_EQ(-EINVAL, raw_write(self->path, buf, strlen(buf)));
	EXPECT_EQ(keep, read_long(self->path));
}

TEST_F(sysctl, rejects_malformed_input_and_keeps_the_value)
{
	static const char * const bad[] = {
		"", "\n", "abc", "-1", "1 2", "1\n2", " 1", "1x", "0x1", "1.0",
		"18446744073709551616", "99999999999999999999999999999",
	};
	static char overlong[4096];
	char buf[32];
	long keep = variant->max;
	unsigned int i;

	snprintf(buf, sizeof(buf), "%ld", keep);
	ASSERT_EQ(0, raw_write(self->path, buf, strlen(buf)));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, raw_write(self->path, bad[i], strlen(bad[i])))
			TH_LOG("input \"%s\"", bad[i]);
		EXPECT_EQ(keep, read_long(self->path));
	}
	memset(overlong, '1', sizeof(overlong));
	EXPECT_EQ(-EINVAL, raw_write(self->path, overlong, sizeof(overlong)));
	EXPECT_EQ(keep, read_long(self->path));
}

TEST_F(sysctl, unprivileged_user_cannot_open_it_for_writing)
{
	pid_t pid = fork();
	int status;

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (setresgid(OOM_UNPRIV_UID, OOM_UNPRIV_UID, OOM_UNPRIV_UID) ||
		    setresuid(OOM_UNPRIV_UID, OOM_UNPRIV_UID, OOM_UNPRIV_UID))
			_exit(2);
		_exit(raw_write(self->path, "1", 1) == -EACCES ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(self->saved, read_long(self->path));
}

TEST_F(sysctl, root_without_cap_sys_admin_gets_eperm)
{
	pid_t pid = fork();
	int status;

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		char buf[32];

		/* uid 0 may open the file, but the write needs the capability */
		if (set_caps(~0ULL >> 23 & ~(1ULL << CAP_SYS_ADMIN)))
			_exit(2);
		snprintf(buf, sizeof(buf), "%ld", variant->min);
		_exit(raw_write(self->path, buf, strlen(buf)) == -EPERM ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(self->saved, read_long(self->path));
}

/* A value the sysctl does not hold now, so a wrongly accepted write shows. */
static long other_value(long saved, long min, long max)
{
	return saved == min ? max : min;
}

/*
 * Root of a new user namespace: uid 0 mapped to @outer_uid of the initial
 * namespace, with every capability, but only inside the new namespace.
 */
static int enter_user_ns(uid_t outer_uid)
{
	char map[32];

	if (unshare(CLONE_NEWUSER))
		return -1;
	snprintf(map, sizeof(map), "0 %u 1", outer_uid);
	if (write_file("/proc/self/setgroups", "deny") ||
	    write_file("/proc/self/uid_map", "%s", map) ||
	    write_file("/proc/self/gid_map", "%s", map))
		return -1;
	return geteuid() == 0 ? 0 : -1;
}

/*
 * Mapped to the real root, the namespace's root passes the file mode and
 * is refused by the capability check (EPERM); mapped to an ordinary user,
 * it cannot even open the file (EACCES).
 */
TEST_F(sysctl, root_in_a_user_namespace_cannot_change_it)
{
	static const struct { uid_t outer; int err; } cases[] = {
		{ 0, EPERM }, { OOM_UNPRIV_UID, EACCES },
	};
	long val = other_value(self->saved, variant->min, variant->max);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		pid_t pid = fork();
		int status;

		ASSERT_GE(pid, 0);
		if (pid == 0) {
			char buf[32];
			int ret;

			/*
			 * Changing uid makes the task non-dumpable, and its
			 * /proc/self files root's: make them its own again.
			 */
			if (cases[i].outer &&
			    (setresgid(cases[i].outer, cases[i].outer, cases[i].outer) ||
			     setresuid(cases[i].outer, cases[i].outer, cases[i].outer) ||
			     prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)))
				_exit(2);
			if (enter_user_ns(cases[i].outer))
				_exit(3);
			snprintf(buf, sizeof(buf), "%ld", val);
			ret = raw_write(self->path, buf, strlen(buf));
			_exit(ret != -cases[i].err);
		}
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
			TH_LOG("namespace root mapped to uid %u: status %#x",
			       cases[i].outer, status);
		EXPECT_EQ(self->saved, read_long(self->path));
	}
}

/*
 * oom_score_adj is not ours, but the child rule must not give a process a
 * way around it: without CAP_SYS_RESOURCE a process can raise its value and
 * come back down, never below what a privileged writer gave it.
 */
TEST(unprivileged_process_cannot_lower_its_oom_score_adj)
{
	pid_t pid = fork();
	int status;

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		set_adj(300);
		/* dumpable again, so that /proc/self is the new user's */
		if (become(OOM_USER) || prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
			_exit(2);
		if (!write_file("/proc/self/oom_score_adj", "299") ||
		    !write_file("/proc/self/oom_score_adj", "-1000"))
			_exit(3);
		if (read_long("/proc/self/oom_score_adj") != 300)
			_exit(4);
		if (write_file("/proc/self/oom_score_adj", "800") ||
		    write_file("/proc/self/oom_score_adj", "300"))
			_exit(5);
		/* and a child starts from the parent's value, not below */
		pid = fork();
		if (pid == 0)
			_exit(write_file("/proc/self/oom_score_adj", "0") &&
			      read_long("/proc/self/oom_score_adj") == 300 ? 0 : 1);
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			_exit(6);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
		TH_LOG("exit status %d", WEXITSTATUS(status));
}

/* ------------------------------------------------------------------ fuzz */

#define FUZZ_WRITES	10000

static unsigned long long fuzz_state = 0x9e3779b97f4a7c15ULL;

static unsigned int fuzz_rand(void)
{
	fuzz_state ^= fuzz_state << 13;
	fuzz_state ^= fuzz_state >> 7;
	fuzz_state ^= fuzz_state << 17;
	return (unsigned int)(fuzz_state >> 11);
}

/*
 * The documented grammar, written independently of the kernel: an optional
 * '+', decimal digits, an optional newline, fewer than 24 bytes, no NUL, a
 * value in [min, max].  Returns true and the value when @buf qualifies.
 */
static bool fuzz_accepts(const char *buf, size_t len, unsigned long min,
			 unsigned long max, unsigned long *val)
{
	unsigned long long v = 0;
	size_t i = 0, digits = 0;

	if (!len || len >= 24)
		return false;
	if (buf[len - 1] == '\n')
		len--;
	if (i < len && buf[i] == '+')
		i++;
	for (; i < len; i++, digits++) {
		if (buf[i] < '0' || buf[i] > '9')
			return false;
		v = v * 10 + (buf[i] - '0');
		if (v > 0xffffffffULL)
			return false;
	}
	if (!digits || v < min || v > max)
		return false;
	*val = v;
	return true;
}

/* One input: random bytes, or a number near a bound dressed up or not. */
static size_t fuzz_input(char *buf, size_t size, unsigned long min,
			 unsigned long max)
{
	static const char * const dress[] = {
		"", "", "", "+", "-", " ", "\t", "0", "00", "0x", "\n", "+-",
	};
	static const char * const tail[] = {
		"", "", "\n", " ", "\n\n", "x", ".0", "\t", " 1", "\n1",
	};
	unsigned long long bases[] = {
		min, max, (min + max) / 2, 0, 0xffffffffULL,
		0x100000000ULL, ~0ULL,
	};
	long long n;
	size_t len, i;

	switch (fuzz_rand() % 9) {
	case 8:		/* a plain valid value */
		return snprintf(buf, size, fuzz_rand() % 2 ? "%lu" : "%lu\n",
				min + fuzz_rand() % (max - min + 1));
	case 0:		/* random bytes, any length up to an overlong one */
		len = fuzz_rand() % 4 ? fuzz_rand() % 32 : fuzz_rand() % size;
		for (i = 0; i < len; i++)
			buf[i] = fuzz_rand();
		return len;
	case 1:		/* random digits, possibly huge */
		len = 1 + fuzz_rand() % 30;
		for (i = 0; i < len; i++)
			buf[i] = '0' + fuzz_rand() % 10;
		return len;
	default:	/* around a bound, with prefixes and suffixes */
		n = bases[fuzz_rand() % ARRAY_SIZE(bases)] +
		    (long long)(fuzz_rand() % 7) - 3;
		len = snprintf(buf, size, "%s%llu",
			       dress[fuzz_rand() % ARRAY_SIZE(dress)],
			       (unsigned long long)n);
		len += snprintf(buf + len, size - len, "%s",
				tail[fuzz_rand() % ARRAY_SIZE(tail)]);
		/* a NUL byte after the number, then maybe more digits */
		if (fuzz_rand() % 16 == 0) {
			buf[len++] = '\0';
			if (fuzz_rand() % 2)
				buf[len++] = '7';
		}
		return len;
	}
}

/*
 * Thousands of writes across all our sysctls; after each, the value is the
 * one the grammar says, and a refused write left the old one in place.
 */
TEST(fuzz_every_sysctl_keeps_its_bounds)
{
	static char buf[8192];
	unsigned long expect[ARRAY_SIZE(oom_policy_sysctls)], val;
	unsigned int i, n, accepted = 0, refused = 0, mismatch = 0;
	char path[128];
	long saved[ARRAY_SIZE(oom_policy_sysctls)];

	if (getuid() != 0)
		SKIP(return, "must run as root");
	for (i = 0; i < ARRAY_SIZE(oom_policy_sysctls); i++) {
		snprintf(path, sizeof(path), "/proc/sys/vm/%s", oom_policy_sysctls[i].name);
		saved[i] = read_long(path);
		ASSERT_GE(saved[i], 0) TH_LOG("%s", oom_policy_sysctls[i].name);
		expect[i] = saved[i];
	}
	for (n = 0; n < FUZZ_WRITES; n++) {
		size_t len;
		bool ok;
		long got;
		int ret;

		i = fuzz_rand() % ARRAY_SIZE(oom_policy_sysctls);
		snprintf(path, sizeof(path), "/proc/sys/vm/%s", oom_policy_sysctls[i].name);
		len = fuzz_input(buf, sizeof(buf), oom_policy_sysctls[i].min,
				 oom_policy_sysctls[i].max);
		ok = fuzz_accepts(buf, len, oom_policy_sysctls[i].min,
				  oom_policy_sysctls[i].max, &val);
		ret = raw_write(path, buf, len);
		if (ok && !ret) {
			expect[i] = val;
			accepted++;
		} else if (!ok && ret == -EINVAL) {
			refused++;
		} else if (mismatch++ < 5) {
			TH_LOG("%s: %zu bytes \"%.*s\": write gave %d, grammar says %s",
			       oom_policy_sysctls[i].name, len, (int)(len < 40 ? len : 40),
			       buf, ret, ok ? "accept" : "EINVAL");
		}
		got = read_long(path);
		if ((unsigned long)got != expect[i] && mismatch++ < 5)
			TH_LOG("%s: reads %ld after write %u, expected %lu",
			       oom_policy_sysctls[i].name, got, n, expect[i]);
		if (got < (long)oom_policy_sysctls[i].min || got > (long)oom_policy_sysctls[i].max)
			mismatch++;
	}
	for (i = 0; i < ARRAY_SIZE(oom_policy_sysctls); i++) {
		snprintf(path, sizeof(path), "/proc/sys/vm/%s", oom_policy_sysctls[i].name);
		write_file(path, "%ld\n", saved[i]);
	}
	TH_LOG("%u writes: %u accepted, %u refused, %u mismatches",
	       FUZZ_WRITES, accepted, refused, mismatch);
	EXPECT_EQ(0, mismatch);
	/* the generator must exercise both outcomes, or it proves nothing */
	EXPECT_GT(accepted, FUZZ_WRITES / 20);
	EXPECT_GT(refused, FUZZ_WRITES / 2);
}

TEST_HARNESS_MAIN
