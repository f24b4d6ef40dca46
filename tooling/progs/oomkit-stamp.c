// SPDX-License-Identifier: GPL-2.0
/*
 * Copy TAP from stdin to stdout and follow every "ok"/"not ok" line with
 * "# oomkit-time-ms N": the milliseconds since the previous result line
 * (or since the start), so the tooling can print each job's slowest test.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(void)
{
	char line[8192];
	long last = now_ms(), t;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while (fgets(line, sizeof(line), stdin)) {
		fputs(line, stdout);
		if (strncmp(line, "ok ", 3) && strncmp(line, "not ok ", 7))
			continue;
		t = now_ms();
		printf("# oomkit-time-ms %ld\n", t - last);
		last = t;
	}
	return 0;
}
