/* runopts.c — parsing of the options run and timeit share (runopts.h). */
#include "config.h"

#include "bench/runopts.h"
#include "bench/spawn.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void runopts_init(struct runopts *o)
{
	memset(o, 0, sizeof(*o));
	runner_init(&o->r);
	report_opts_init(&o->report);
}

void runopts_done(struct runopts *o)
{
	free(o->names);
	o->names = NULL;
}

int runopts_percent(const char *s, double *out)
{
	char *copy = xstrdup(s);
	size_t n = strlen(copy);
	int rc;
	if (n && copy[n - 1] == '%')
		copy[n - 1] = '\0';
	rc = hp_parse_double(copy, 0.0, 100.0, out);
	free(copy);
	*out /= 100.0;
	return rc;
}

static int count_opt(const char *arg, long min, int *out, const char *what, char **why)
{
	long v;
	if (hp_parse_long(arg, min, 1000000, &v) < 0)
		return hp_fail(why, -1, "%s wants a whole number >= %ld, not '%s'", what, min, arg);
	*out = (int)v;
	return 1;
}

static int seconds_opt(const char *arg, double *out, const char *what, char **why)
{
	if (hp_parse_double(arg, 0.0, 1e7, out) < 0)
		return hp_fail(why, -1, "%s wants seconds, not '%s'", what, arg);
	return 1;
}

int runopts_parse(struct runopts *o, int c, const char *arg, char **why)
{
	int n = 0;
	switch (c) {
	case 'p': return count_opt(arg, 1, &o->r.processes, "-p/--processes", why);
	case 'n': return count_opt(arg, 1, &o->r.values, "-n/--values", why);
	case 'w': return count_opt(arg, 0, &o->r.warmups, "-w/--warmups", why);
	case RUNOPT_RUNS:
		if (count_opt(arg, 1, &n, "--runs", why) < 0)
			return -1;
		o->r.runs = n;
		o->runs_given = 1;
		return 1;
	case RUNOPT_MIN_TIME: return seconds_opt(arg, &o->r.min_time, "--min-time", why);
	case RUNOPT_MAX_TIME: return seconds_opt(arg, &o->r.max_time, "--max-time", why);
	case RUNOPT_TARGET_CI:
		if (runopts_percent(arg, &o->r.target_ci) < 0 || o->r.target_ci <= 0)
			return hp_fail(why, -1, "--target-ci wants a percentage like 1%%, not '%s'", arg);
		o->report.limits.precision = o->r.target_ci;
		return 1;
	case RUNOPT_SHUFFLE: o->r.shuffle = 1; return 1;
	case RUNOPT_SEED: {
		long v;
		if (hp_parse_long(arg, 0, 0x7fffffffL, &v) < 0)
			return hp_fail(why, -1, "--seed wants a whole number, not '%s'", arg);
		o->r.seed = o->report.stats.seed = o->report.cmp.seed = (uint64_t)v;
		return 1;
	}
	case RUNOPT_NAME:
		if (!*arg || strspn(arg, "0123456789") == strlen(arg))
			return hp_fail(why, -1, "--name '%s': a name must not be empty or a number "
				       "(numbers are run ids)", arg);
		o->names = xreallocarray(o->names, o->nnames + 1, sizeof(*o->names));
		o->names[o->nnames++] = (char *)arg;
		return 1;
	case RUNOPT_NOISE:
		if (runopts_percent(arg, &o->report.cmp.noise) < 0)
			return hp_fail(why, -1, "--noise wants a percentage like 1%%, not '%s'", arg);
		return 1;
	case RUNOPT_AFFINITY:
		if (spawn_parse_cpus(arg, &o->affinity, why) < 0)
			return -1;
		o->has_affinity = 1;
		return 1;
	case RUNOPT_PROFILE: o->profile.enabled = 1; return 1;
	case RUNOPT_PROFILE_NATIVE: o->profile.enabled = o->profile.native = 1; return 1;
	case RUNOPT_PROFILE_RATE:
		if (hp_parse_double(arg, 1, 100000, &o->profile.rate_hz) < 0)
			return hp_fail(why, -1, "--profile-rate takes samples per second from 1 to "
				       "100000, not '%s'", arg);
		o->profile.enabled = 1;
		return 1;
	default:
		return 0;
	}
}

char *runopts_settings(const struct runopts *o)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "processes=%d values=%d warmups=%d", o->r.processes, o->r.values,
		      o->r.warmups);
	if (o->r.runs)
		strbuf_printf(&sb, " runs=%ld", o->r.runs);
	if (o->r.min_time > 0)
		strbuf_printf(&sb, " min_time=%g", o->r.min_time);
	if (o->r.max_time > 0)
		strbuf_printf(&sb, " max_time=%g", o->r.max_time);
	if (o->r.target_ci > 0)
		strbuf_printf(&sb, " target_ci=%g", o->r.target_ci);
	if (o->r.shuffle)
		strbuf_printf(&sb, " shuffle seed=%llu", (unsigned long long)o->r.seed);
	return strbuf_detach(&sb);
}

static void print_item(const struct bench_item *it, size_t i, const struct runopts *o)
{
	printf("Benchmark %zu: %s\n", i + 1, it->label);
	printf("  Run:             %lld%s%s%s\n", (long long)it->run_id, it->name ? " (name " : "",
	       it->name ? it->name : "", it->name ? ")" : "");
	report_summary(stdout, it->vals, it->nvals, &o->report);
}

/* With several benchmarks: the fastest (by median) against each other one. */
static void print_relations(const struct bench_item *items, size_t n, const struct runopts *o)
{
	size_t fast = 0, nf, nx;
	double minraw, *f, *x;
	for (size_t i = 1; i < n; i++)
		if (items[i].ntimed && runner_median(&items[i]) < runner_median(&items[fast]))
			fast = i;
	f = report_timed(items[fast].vals, items[fast].nvals, &nf, &minraw);
	printf("\nSummary (median, %.0f%% bootstrap CI, Mann-Whitney U, noise %.1f%%):\n",
	       100 * o->report.cmp.conf, 100 * o->report.cmp.noise);
	for (size_t i = 0; i < n; i++) {
		if (i == fast)
			continue;
		x = report_timed(items[i].vals, items[i].nvals, &nx, &minraw);
		report_relation(stdout, items[fast].label, f, nf, items[i].label, x, nx, &o->report);
		free(x);
	}
	free(f);
}

int runopts_finish(struct runopts *o, struct bench_item *items, size_t n, int rc, char *why)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		const char *status = items[i].failed ? "failed" : rc == -EINTR ? "interrupted"
										: "completed";
		char *err = NULL;
		if (!items[i].run_id)
			continue;
		kept += items[i].ntimed;
		if (store_run_finish(o->r.st, items[i].run_id, status, 0, (int64_t)items[i].ntimed,
				     0, &err) < 0) {
			hp_warn("%s", err);
			free(err);
		}
		if (items[i].ntimed) {
			if (i)
				putchar('\n');
			print_item(&items[i], i, o);
		}
	}
	if (n > 1 && kept && rc == 0)
		print_relations(items, n, o);
	if (rc == -EINTR) {
		hp_err("interrupted: %zu values kept in %s", kept, store_path(o->r.st));
		return HP_EXIT_FAIL;
	}
	if (rc < 0) {
		hp_err("%s%s", why ? why : "benchmark failed", kept ? " (values so far are kept)" : "");
		return HP_EXIT_FAIL;
	}
	return HP_EXIT_OK;
}
