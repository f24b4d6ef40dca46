// SPDX-License-Identifier: GPL-2.0
/*
 * oomkit-hog: allocate and touch anonymous memory, then sleep.
 *
 *   oomkit-hog -m MIB [-s STEP_MIB] [-a OOM_SCORE_ADJ] [-n NAME] [-u UID]
 *
 * Grows in STEP_MIB chunks (default: all at once) up to MIB and then
 * sleeps until killed; -u runs it as UID (and GID) without capabilities.
 * Used by the demo and the benchmarks.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>

int main(int argc, char **argv)
{
	long mib = 1, step = 0, done = 0;
	const char *name = NULL;
	int adj = 0, set_adj = 0, uid = -1, opt;

	while ((opt = getopt(argc, argv, "m:s:a:n:u:")) != -1) {
		switch (opt) {
		case 'm':
			mib = atol(optarg);
			break;
		case 's':
			step = atol(optarg);
			break;
		case 'a':
			adj = atoi(optarg);
			set_adj = 1;
			break;
		case 'n':
			name = optarg;
			break;
		case 'u':
			uid = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: %s -m MIB [-s STEP] [-a ADJ] [-n NAME] [-u UID]\n",
				argv[0]);
			return 2;
		}
	}
	if (name)
		prctl(PR_SET_NAME, name, 0, 0, 0);
	if (set_adj) {
		FILE *f = fopen("/proc/self/oom_score_adj", "w");

		if (!f || fprintf(f, "%d\n", adj) < 0 || fclose(f)) {
			perror("oom_score_adj");
			return 1;
		}
	}
	if (uid >= 0 && (setgroups(0, NULL) || setgid(uid) || setuid(uid))) {
		perror("setuid");
		return 1;
	}
	if (step <= 0)
		step = mib;
	while (done < mib) {
		long n = step < mib - done ? step : mib - done;
		char *p = mmap(NULL, n << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		for (long i = 0; i < n << 20; i += 4096)
			p[i] = 1;
		done += n;
	}
	for (;;)
		pause();
}
