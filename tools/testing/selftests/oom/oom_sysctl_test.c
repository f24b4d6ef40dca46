// SPDX-License-Identifier: GPL-2.0
/*
 * Every OOM policy sysctl: its bounds, malformed input, the value kept
 * after a failed write, and writers without the privilege to change it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "oom_util.h"

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

static void sysctl_path(char *path, size_t size, unsigned int i)
{
	snprintf(path, size, "/proc/sys/vm/%s", oom_policy_sysctls[i].name);
}

/*
 * Every test below runs over the one table of the policy's sysctls and
 * their bounds (oom_util.c).  The fixture saves the values to a file and
 * restores them after the test; a test killed by its timeout leaves the
 * file, and the next setup restores from it first.  Each case takes a
 * second or two on the debug kernel, the fuzz (10,000 writes) longer; none
 * waits for an OOM.
 */
#define SYSCTL_TIMEOUT 120

/* The cases that change no sysctl. */
FIXTURE(global) {};
FIXTURE_SETUP(global) {}
FIXTURE_TEARDOWN(global) {}

FIXTURE(sysctl) {
	long saved[32];
};

/*
 * The setup of both fixtures: as root, save every sysctl (to the file, so
 * that a test killed by its timeout is undone by the next) and read them
 * into @saved; skip on a kernel without them.
 */
static void save_sysctls(struct __test_metadata *_metadata, long *saved)
{
	char path[128];
	unsigned int i;

	if (getuid() != 0)
		SKIP(return, "must run as root");
	ASSERT_LE(oom_nr_policy_sysctls, 32);
	for (i = 0; i < oom_nr_policy_sysctls; i++) {
		sysctl_path(path, sizeof(path), i);
		if (access(path, F_OK))
			SKIP(return, "kernel without %s", oom_policy_sysctls[i].name);
	}
	ASSERT_EQ(0, oom_save_sysctls());
	for (i = 0; i < oom_nr_policy_sysctls; i++) {
		sysctl_path(path, sizeof(path), i);
		saved[i] = oom_read_long(path);
		ASSERT_GE(saved[i], (long)oom_policy_sysctls[i].min);
		ASSERT_LE(saved[i], (long)oom_policy_sysctls[i].max);
	}
}

FIXTURE_SETUP(sysctl)
{
	save_sysctls(_metadata, self->saved);
}

FIXTURE_TEARDOWN(sysctl)
{
	oom_restore_sysctls();
}

TEST_F_TIMEOUT(sysctl, every_sysctl_is_root_writable_only, SYSCTL_TIMEOUT)
{
	char path[128];
	struct stat st;
	unsigned int i;

	for (i = 0; i < oom_nr_policy_sysctls; i++) {
		sysctl_path(path, sizeof(path), i);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_EQ(0644, st.st_mode & 07777) TH_LOG("%s", path);
		EXPECT_EQ(0, st.st_uid) TH_LOG("%s", path);
	}
}

TEST_F_TIMEOUT(sysctl, every_sysctl_accepts_both_bounds_and_reads_them_back, SYSCTL_TIMEOUT)
{
	char path[128], buf[32], want[32];
	unsigned int i;

	for (i = 0; i < oom_nr_policy_sysctls; i++) {
		const struct oom_sysctl_bounds *b = &oom_policy_sysctls[i];

		sysctl_path(path, sizeof(path), i);
		snprintf(buf, sizeof(buf), "%lu\n", b->min);
		EXPECT_EQ(0, raw_write(path, buf, strlen(buf))) TH_LOG("%s", path);
		EXPECT_EQ((long)b->min, oom_read_long(path)) TH_LOG("%s", path);
		snprintf(buf, sizeof(buf), "%lu", b->max);	/* no newline */
		EXPECT_EQ(0, raw_write(path, buf, strlen(buf))) TH_LOG("%s", path);
		EXPECT_EQ((long)b->max, oom_read_long(path)) TH_LOG("%s", path);
		ASSERT_GT(oom_read_file(path, buf, sizeof(buf)), 0);
		snprintf(want, sizeof(want), "%lu\n", b->max);
		EXPECT_STREQ(want, buf) TH_LOG("%s", path);
	}
}

TEST_F_TIMEOUT(sysctl, every_sysctl_rejects_out_of_range_and_keeps_the_value, SYSCTL_TIMEOUT)
{
	char path[128], buf[32];
	unsigned int i;

	for (i = 0; i < oom_nr_policy_sysctls; i++) {
		const struct oom_sysctl_bounds *b = &oom_policy_sysctls[i];
		long keep = b->min + (b->max > b->min);

		sysctl_path(path, sizeof(path), i);
		snprintf(buf, sizeof(buf), "%ld", keep);
		ASSERT_EQ(0, raw_write(path, buf, strlen(buf)));
		if (b->min > 0) {
			snprintf(buf, sizeof(buf), "%lu", b->min - 1);
			EXPECT_EQ(-EINVAL, raw_write(path, buf, strlen(buf)))
				TH_LOG("%s <- %s", path, buf);
			EXPECT_EQ(keep, oom_read_long(path));
		}
		snprintf(buf, sizeof(buf), "%lu", b->max + 1);
		EXPECT_EQ(-EINVAL, raw_write(path, buf, strlen(buf)))
			TH_LOG("%s <- %s", path, buf);
		EXPECT_EQ(keep, oom_read_long(path));
		snprintf(buf, sizeof(buf), "%lu", 4294967296UL + b->min);
		EXPECT_EQ(-EINVAL, raw_write(path, buf, strlen(buf)))
			TH_LOG("%s <- %s", path, buf);
		EXPECT_EQ(keep, oom_read_long(path));
	}
}

TEST_F_TIMEOUT(sysctl, every_sysctl_rejects_malformed_input_and_keeps_the_value, SYSCTL_TIMEOUT)
{
	static const char * const bad[] = {
		"", "\n", "abc", "-1", "1 2", "1\n2", " 1", "1x", "0x1", "1.0",
		"18446744073709551616", "99999999999999999999999999999",
	};
	static char overlong[4096];
	char path[128], buf[32];
	unsigned int i, j;

	memset(overlong, '1', sizeof(overlong));
	for (i = 0; i < oom_nr_policy_sysctls; i++) {
		long keep = oom_policy_sysctls[i].max;

		sysctl_path(path, sizeof(path), i);
		snprintf(buf, sizeof(buf), "%ld", keep);
		ASSERT_EQ(0, raw_write(path, buf, strlen(buf)));
		for (j = 0; j < ARRAY_SIZE(bad); j++) {
			EXPECT_EQ(-EINVAL, raw_write(path, bad[j], strlen(bad[j])))
				TH_LOG("%s <- \"%s\"", path, bad[j]);
			EXPECT_EQ(keep, oom_read_long(path));
		}
		EXPECT_EQ(-EINVAL, raw_write(path, overlong, sizeof(overlong)));
		EXPECT_EQ(keep, oom_read_long(path));
	}
}

/* A value the sysctl does not hold now, so a wrongly accepted write shows. */
static long other_value(long saved, long min, long max)
{
	return saved == min ? max : min;
}

/*
 * Writers who may not change a sysctl, and the error each gets: an
 * ordinary user cannot open the files for writing; root without
 * CAP_SYS_ADMIN opens them and is refused the write; the root of a user
 * namespace is refused the same way when it is the real root outside
 * (EPERM), and cannot open them when it is an ordinary user there.
 */
enum writer { UNPRIVILEGED, ROOT_WITHOUT_CAP_SYS_ADMIN, USERNS_ROOT };

FIXTURE(refused) {
	long saved[32];
};

FIXTURE_VARIANT(refused) {
	enum writer who;
	uid_t outer;		/* USERNS_ROOT: whom it maps to outside */
	int err;
};

FIXTURE_VARIANT_ADD(refused, unprivileged_user) {
	.who = UNPRIVILEGED, .err = EACCES,
};

FIXTURE_VARIANT_ADD(refused, root_without_cap_sys_admin) {
	.who = ROOT_WITHOUT_CAP_SYS_ADMIN, .err = EPERM,
};

FIXTURE_VARIANT_ADD(refused, userns_root_mapped_to_root) {
	.who = USERNS_ROOT, .outer = 0, .err = EPERM,
};

FIXTURE_VARIANT_ADD(refused, userns_root_mapped_to_a_user) {
	.who = USERNS_ROOT, .outer = OOM_UNPRIV_UID, .err = EACCES,
};

FIXTURE_SETUP(refused)
{
	save_sysctls(_metadata, self->saved);
}

FIXTURE_TEARDOWN(refused)
{
	oom_restore_sysctls();
}

static int become(enum writer who, uid_t outer)
{
	uid_t uid = who == USERNS_ROOT ? outer : OOM_UNPRIV_UID;

	switch (who) {
	case ROOT_WITHOUT_CAP_SYS_ADMIN:
		/* uid 0 may open the files, but a write needs the capability */
		return oom_set_caps(~0ULL >> 23 & ~(1ULL << CAP_SYS_ADMIN));
	case UNPRIVILEGED:
	case USERNS_ROOT:
		/*
		 * Changing uid makes the task non-dumpable, and its /proc/self
		 * files root's: make them its own again.
		 */
		if (uid && (setresgid(uid, uid, uid) || setresuid(uid, uid, uid) ||
			    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)))
			return -1;
		return who == USERNS_ROOT ? oom_enter_userns(uid) : 0;
	}
	return -1;
}

TEST_F_TIMEOUT(refused, every_write_fails_and_changes_nothing, SYSCTL_TIMEOUT)
{
	char path[128];
	unsigned int i;
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		char buf[32];

		if (become(variant->who, variant->outer))
			_exit(100);
		for (i = 0; i < oom_nr_policy_sysctls; i++) {
			const struct oom_sysctl_bounds *b = &oom_policy_sysctls[i];

			sysctl_path(path, sizeof(path), i);
			snprintf(buf, sizeof(buf), "%ld",
				 other_value(self->saved[i], b->min, b->max));
			if (raw_write(path, buf, strlen(buf)) != -variant->err)
				_exit(1 + i);
		}
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
		TH_LOG("status %#x (exit 1 + index of the sysctl, 100: could not change creds)",
		       status);
	for (i = 0; i < oom_nr_policy_sysctls; i++) {
		sysctl_path(path, sizeof(path), i);
		EXPECT_EQ(self->saved[i], oom_read_long(path)) TH_LOG("%s", path);
	}
}

/*
 * oom_score_adj is not ours, but the child rule must not give a process a
 * way around it: without CAP_SYS_RESOURCE a process can raise its value and
 * come back down, never below what a privileged writer gave it.
 */
TEST_F_TIMEOUT(global, unprivileged_process_cannot_lower_its_oom_score_adj,
	       SYSCTL_TIMEOUT)
{
	pid_t pid = fork();
	int status;

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		oom_set_adj(300);
		/* dumpable again, so that /proc/self is the new user's */
		if (oom_become(OOM_USER) || prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
			_exit(2);
		if (!oom_write_file("/proc/self/oom_score_adj", "299") ||
		    !oom_write_file("/proc/self/oom_score_adj", "-1000"))
			_exit(3);
		if (oom_read_long("/proc/self/oom_score_adj") != 300)
			_exit(4);
		if (oom_write_file("/proc/self/oom_score_adj", "800") ||
		    oom_write_file("/proc/self/oom_score_adj", "300"))
			_exit(5);
		/* and a child starts from the parent's value, not below */
		pid = fork();
		if (pid == 0)
			_exit(oom_write_file("/proc/self/oom_score_adj", "0") &&
			      oom_read_long("/proc/self/oom_score_adj") == 300 ? 0 : 1);
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
#define OOM_NR_FUZZ	32

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
TEST_F_TIMEOUT(sysctl, fuzz_every_sysctl_keeps_its_bounds, SYSCTL_TIMEOUT)
{
	static char buf[8192];
	unsigned long expect[OOM_NR_FUZZ], val = 0;
	unsigned int i, n, accepted = 0, refused = 0, mismatch = 0;
	char path[128];

	ASSERT_LE(oom_nr_policy_sysctls, OOM_NR_FUZZ);
	for (i = 0; i < oom_nr_policy_sysctls; i++)
		expect[i] = self->saved[i];
	for (n = 0; n < FUZZ_WRITES; n++) {
		size_t len;
		bool ok;
		long got;
		int ret;

		i = fuzz_rand() % oom_nr_policy_sysctls;
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
		got = oom_read_long(path);
		if ((unsigned long)got != expect[i] && mismatch++ < 5)
			TH_LOG("%s: reads %ld after write %u, expected %lu",
			       oom_policy_sysctls[i].name, got, n, expect[i]);
		if (got < (long)oom_policy_sysctls[i].min || got > (long)oom_policy_sysctls[i].max)
			mismatch++;
	}
	TH_LOG("%u writes: %u accepted, %u refused, %u mismatches",
	       FUZZ_WRITES, accepted, refused, mismatch);
	EXPECT_EQ(0, mismatch);
	/* the generator must exercise both outcomes, or it proves nothing */
	EXPECT_GT(accepted, FUZZ_WRITES / 20);
	EXPECT_GT(refused, FUZZ_WRITES / 2);
}

TEST_HARNESS_MAIN
