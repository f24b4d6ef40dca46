// SPDX-License-Identifier: GPL-2.0
/*
 * oom-rank: who the next OOM would kill, and what it would free.
 *
 * Reads the kernel's ranking view (/sys/kernel/debug/oom_badness/ranking,
 * the classic OOM badness policy's debugfs file): every candidate scored as
 * the next OOM of that scope would score it, with the factors.  On a kernel
 * without it, falls back to /proc (oom_score and status) and says so.
 *
 * Usage: oom-rank [-n N] [--memcg PATH] [--watch SECS] [--json] [--proc]
 *                 [--view FILE]
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VIEW "/sys/kernel/debug/oom_badness/ranking"
#define MAX_FIELDS 40

struct rec {			/* one line of the view: key=value fields */
	int n;
	char *key[MAX_FIELDS];
	char *val[MAX_FIELDS];
};

struct rank {
	bool kernel;		/* from the kernel view, else from /proc */
	struct rec head, next;
	struct rec *cand;
	int ncand, cap;
	char *text;		/* the view's text the records point into */
};

static const char *get(const struct rec *r, const char *key)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->key[i], key))
			return r->val[i];
	return NULL;
}

static long getl(const struct rec *r, const char *key)
{
	const char *v = get(r, key);

	return v ? strtol(v, NULL, 10) : 0;
}

/* Split "key=value key=value ... comm=rest of line" in place. */
static void split(char *p, struct rec *r)
{
	r->n = 0;
	while (p && r->n < MAX_FIELDS) {
		char *eq = strchr(p, '=');

		if (!eq)
			break;
		*eq = '\0';
		r->key[r->n] = p;
		r->val[r->n] = eq + 1;
		r->n++;
		if (!strcmp(p, "comm"))
			break;		/* the command name is the rest */
		p = strchr(eq + 1, ' ');
		if (p)
			*p++ = '\0';
	}
}

static char *slurp(const char *path, const char *request)
{
	size_t size = 1 << 16, len = 0;
	char *buf = malloc(size);
	ssize_t n;
	int fd;

	if (!buf)
		return NULL;
	fd = open(path, request ? O_RDWR : O_RDONLY);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	if (request && write(fd, request, strlen(request)) < 0) {
		fprintf(stderr, "oom-rank: %s: %s\n", request, strerror(errno));
		close(fd);
		free(buf);
		return NULL;
	}
	while ((n = read(fd, buf + len, size - len - 1)) > 0) {
		len += n;
		if (len + 1 == size) {
			char *b = realloc(buf, size * 2);

			if (!b)
				break;
			buf = b;
			size *= 2;
		}
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

static struct rec *add(struct rank *rk)
{
	if (rk->ncand == rk->cap) {
		int cap = rk->cap ? rk->cap * 2 : 256;
		struct rec *c = realloc(rk->cand, cap * sizeof(*c));

		if (!c)
			return NULL;
		rk->cand = c;
		rk->cap = cap;
	}
	return &rk->cand[rk->ncand++];
}

static int from_kernel(struct rank *rk, const char *file, const char *memcg)
{
	char request[300], *line, *save;

	if (memcg)
		snprintf(request, sizeof(request), "memcg %s\n", memcg);
	rk->text = slurp(file, memcg ? request : NULL);
	if (!rk->text)
		return -1;
	for (line = strtok_r(rk->text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct rec *r;

		if (!strncmp(line, "policy=", 7)) {
			split(line, &rk->head);	/* the header has no leading word */
		} else if (!strncmp(line, "next ", 5)) {
			split(line + 5, &rk->next);
		} else if (!strncmp(line, "cand ", 5)) {
			r = add(rk);
			if (r)
				split(line + 5, r);
		}
	}
	rk->kernel = true;
	return 0;
}

/* A "Key:   value kB" line of /proc/<pid>/status. */
static long status_kb(const char *status, const char *key)
{
	const char *p = strstr(status, key);

	return p ? strtol(p + strlen(key), NULL, 10) : 0;
}

static char *dup_field(const char *fmt, long v)
{
	char *s;

	if (asprintf(&s, fmt, v) < 0)
		return NULL;
	return s;
}

/* No kernel view: /proc's oom_score ranks, its counters say what is held. */
static int from_proc(struct rank *rk)
{
	struct dirent *d;
	DIR *dir = opendir("/proc");

	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		char path[64], buf[4096], comm[64];
		long score, rss, swap;
		struct rec *r;
		int fd;
		ssize_t n;

		if (!isdigit(d->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/oom_score", d->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;	/* gone meanwhile: skip it */
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		score = strtol(buf, NULL, 10);
		snprintf(path, sizeof(path), "/proc/%.20s/status", d->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		if (score <= 0 || !strstr(buf, "VmRSS:"))
			continue;	/* unkillable, or a kernel thread */
		if (sscanf(buf, "Name:\t%63[^\n]", comm) != 1)
			continue;
		rss = status_kb(buf, "RssAnon:") + status_kb(buf, "RssShmem:");
		swap = status_kb(buf, "VmSwap:");
		r = add(rk);
		if (!r)
			break;
		r->n = 0;
		r->key[r->n] = "pid";
		r->val[r->n++] = strdup(d->d_name);
		r->key[r->n] = "points";
		r->val[r->n++] = dup_field("%ld", score);
		r->key[r->n] = "footprint_kb";
		r->val[r->n++] = dup_field("%ld", status_kb(buf, "VmRSS:") + swap);
		r->key[r->n] = "freeable_kb";
		r->val[r->n++] = dup_field("%ld", rss + swap);
		r->key[r->n] = "how";
		r->val[r->n++] = "proc";
		r->key[r->n] = "comm";
		r->val[r->n++] = strdup(comm);
	}
	closedir(dir);
	rk->kernel = false;
	return 0;
}

static int by_points(const void *a, const void *b)
{
	long x = getl(a, "points"), y = getl(b, "points");

	return x < y ? 1 : x > y ? -1 : 0;
}

static void json_str(const char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static bool numeric(const char *v)
{
	char *end;

	if (!v || !*v)
		return false;
	strtol(v, &end, 10);
	return !*end;
}

static void json_rec(const struct rec *r)
{
	int i;

	putchar('{');
	for (i = 0; i < r->n; i++) {
		if (i)
			putchar(',');
		json_str(r->key[i]);
		putchar(':');
		if (numeric(r->val[i]))
			printf("%s", r->val[i]);
		else
			json_str(r->val[i]);
	}
	putchar('}');
}

static void print_json(const struct rank *rk, int top)
{
	int i;

	printf("{\"source\":\"%s\",", rk->kernel ? "kernel" : "proc");
	if (rk->kernel) {
		printf("\"header\":");
		json_rec(&rk->head);
		printf(",\"next\":");
		if (rk->next.n)
			json_rec(&rk->next);
		else
			printf("null");
		printf(",");
	} else if (rk->ncand) {
		printf("\"next\":{\"pid\":%s,\"frees_kb\":%s,\"via\":\"self\",\"comm\":",
		       get(&rk->cand[0], "pid"), get(&rk->cand[0], "freeable_kb"));
		json_str(get(&rk->cand[0], "comm"));
		printf("},");
	} else {
		printf("\"next\":null,");
	}
	printf("\"candidates\":[");
	for (i = 0; i < rk->ncand && i < top; i++) {
		if (i)
			putchar(',');
		json_rec(&rk->cand[i]);
	}
	printf("]}\n");
}

static const char *or(const char *v, const char *dflt)
{
	return v ? v : dflt;
}

static void print_text(const struct rank *rk, int top)
{
	int i;

	if (rk->kernel && rk->next.n && get(&rk->next, "pid")) {
		printf("next OOM kills %s (%s), freeing %.1f MiB%s [policy %s, scope %s]\n",
		       get(&rk->next, "pid"), or(get(&rk->next, "comm"), "?"),
		       getl(&rk->next, "frees_kb") / 1024.0,
		       !strcmp(or(get(&rk->next, "via"), ""), "child") ?
		       " in its parent's place" : "",
		       or(get(&rk->head, "policy"), "?"), or(get(&rk->head, "scope"), "?"));
	} else if (rk->kernel) {
		printf("next OOM: no candidate you may see\n");
	} else if (rk->ncand) {
		printf("next OOM kills %s (%s), freeing up to %.1f MiB",
		       get(&rk->cand[0], "pid"), get(&rk->cand[0], "comm"),
		       getl(&rk->cand[0], "freeable_kb") / 1024.0);
		printf(" [no kernel view: from /proc's oom_score, shared memory counted]\n");
	}
	if (!rk->kernel)
		printf("%4s %7s %-16s %10s %12s %12s\n", "rank", "pid", "comm",
		       "oom_score", "rss+swap kB", "anon+swap kB");
	else
		printf("%4s %7s %-16s %10s %12s %12s %-14s %10s %9s %7s %5s %5s %5s %s\n",
		       "rank", "pid", "comm", "points", "footprintkB", "freeablekB",
		       "how", "childrenkB", "cpu_s/d", "age_s/d", "root", "rawio",
		       "adj", "pick");
	for (i = 0; i < rk->ncand && i < top; i++) {
		const struct rec *r = &rk->cand[i];
		char cpu[32], age[32];

		if (!rk->kernel) {
			printf("%4d %7s %-16.16s %10s %12s %12s\n", i + 1, get(r, "pid"),
			       get(r, "comm"), get(r, "points"), get(r, "footprint_kb"),
			       get(r, "freeable_kb"));
			continue;
		}
		snprintf(cpu, sizeof(cpu), "%.1f/%s", getl(r, "cpu_ms") / 1000.0,
			 or(get(r, "cpu_div"), "-"));
		snprintf(age, sizeof(age), "%s/%s", or(get(r, "age_s"), "-"),
			 or(get(r, "age_div"), "-"));
		printf("%4s %7s %-16.16s %10s %12s %12s %-14.14s %10s %9s %7s %5s %5s %5s %s\n",
		       get(r, "rank"), get(r, "pid"), or(get(r, "comm"), "?"),
		       get(r, "points"), get(r, "footprint_kb"), get(r, "freeable_kb"),
		       or(get(r, "how"), "-"), or(get(r, "children_kb"), "-"), cpu, age,
		       or(get(r, "root_div"), "-"), or(get(r, "rawio_div"), "-"),
		       get(r, "adj"), or(get(r, "pick"), "-"));
	}
}

static void forget(struct rank *rk)
{
	int i, j;

	if (!rk->kernel) {
		for (i = 0; i < rk->ncand; i++)
			for (j = 0; j < rk->cand[i].n; j++)
				if (strcmp(rk->cand[i].key[j], "how"))
					free(rk->cand[i].val[j]);
	}
	free(rk->cand);
	free(rk->text);
	memset(rk, 0, sizeof(*rk));
}

static void usage(void)
{
	fprintf(stderr, "oom-rank [-n N] [--memcg PATH] [--watch SECS] [--json] [--proc]\n"
		"         [--view FILE]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "memcg", required_argument, NULL, 'm' },
		{ "watch", required_argument, NULL, 'w' },
		{ "json", no_argument, NULL, 'j' },
		{ "proc", no_argument, NULL, 'p' },
		{ "view", required_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	const char *memcg = NULL, *view = VIEW;
	int top = 10, watch = 0, c;
	bool json = false, proc = false;

	while ((c = getopt_long(argc, argv, "n:m:w:jpv:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			top = atoi(optarg);
			break;
		case 'm':
			memcg = optarg;
			break;
		case 'w':
			watch = atoi(optarg);
			break;
		case 'j':
			json = true;
			break;
		case 'p':
			proc = true;
			break;
		case 'v':
			view = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind < argc || top <= 0 || watch < 0 || (memcg && (*memcg != '/' || proc)))
		usage();
	for (;;) {
		struct rank rk = { };

		if (proc || access(view, R_OK) || from_kernel(&rk, view, memcg)) {
			if (memcg && !proc) {
				fprintf(stderr, "oom-rank: --memcg needs the kernel view (%s)\n",
					view);
				return 1;
			}
			forget(&rk);
			if (from_proc(&rk))
				return 1;
			if (rk.ncand)
				qsort(rk.cand, rk.ncand, sizeof(*rk.cand), by_points);
		}
		if (json)
			print_json(&rk, top);
		else
			print_text(&rk, top);
		fflush(stdout);
		forget(&rk);
		if (!watch)
			break;
		sleep(watch);
		if (!json)
			printf("\n");
	}
	return 0;
}
