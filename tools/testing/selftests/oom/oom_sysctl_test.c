// SPDX-License-Identifier: GPL-2.0
/*
 * Every OOM policy sysctl: its bounds, malformed input, the value kept
 * after a failed write, and writers without the privilege to change it.
 */
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

TEST_HARNESS_MAIN
