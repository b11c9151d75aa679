/* cmd-stats.c — hpbench stats RUN: every statistic hpbench computes, with
 * each stability check shown against its threshold, and the outliers by
 * position (flagged, never removed). */
#include "config.h"

#include "bench/report.h"
#include "bench/runload.h"
#include "cmd.h"
#include "util.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const char stats_help[] =
	"\nOptions:\n"
	"      --seed N          seed of the bootstrap (default 1)\n";

static void stats_ci_lines(const struct runload *rl, const struct stats_summary *s)
{
	char a[REPORT_TIME_LEN], b[REPORT_TIME_LEN];
	struct stats_ci ci;
	printf("Confidence intervals (%.0f%%):\n", 100 * s->conf);
	printf("  mean, bootstrap:            %s … %s\n", report_time(a, sizeof a, s->mean_ci.lo),
	       report_time(b, sizeof b, s->mean_ci.hi));
	printf("  median, bootstrap:          %s … %s\n", report_time(a, sizeof a, s->median_ci.lo),
	       report_time(b, sizeof b, s->median_ci.hi));
	if (stats_median_ci_order(rl->timed, rl->ntimed, s->conf, &ci) == 0)
		printf("  median, order statistics:   %s … %s\n", report_time(a, sizeof a, ci.lo),
		       report_time(b, sizeof b, ci.hi));
}

static void stats_outlier_lines(const struct runload *rl)
{
	unsigned char *flags = xmalloc(rl->ntimed ? rl->ntimed : 1);
	size_t n = stats_outliers(rl->timed, rl->ntimed, STATS_IQR_K, STATS_MODZ_LIMIT, flags);
	char a[REPORT_TIME_LEN];
	printf("Outliers (kept): %zu of %zu  [IQR: outside Q1 - 1.5 IQR .. Q3 + 1.5 IQR; "
	       "modified Z: |0.6745 (x - median) / MAD| > 3.5]\n", n, rl->ntimed);
	for (size_t i = 0; i < rl->ntimed; i++)
		if (flags[i])
			printf("  value #%zu: %s (%s%s%s)\n", i + 1, report_time(a, sizeof a, rl->timed[i]),
			       flags[i] & STATS_OUTLIER_IQR ? "IQR" : "",
			       flags[i] == (STATS_OUTLIER_IQR | STATS_OUTLIER_MODZ) ? ", " : "",
			       flags[i] & STATS_OUTLIER_MODZ ? "modified Z" : "");
	free(flags);
}

static void stats_checks(const struct runload *rl, const struct report_opts *o)
{
	struct stats_stability s;
	char a[REPORT_TIME_LEN], b[REPORT_TIME_LEN];
	const struct stats_limits *l = &o->limits;
	stats_check_stability(rl->timed, rl->ntimed, rl->min_raw, l, &s);
	printf("Stability checks:\n");
	printf("  %-4s std dev / mean %.1f%% (limit %.0f%%)\n", s.spread ? "FAIL" : "ok",
	       100 * s.rel_stddev, 100 * l->max_rel_stddev);
	printf("  %-4s %zu values, %zu needed for a 95%% CI of the mean within %.1f%%\n",
	       s.too_few ? "FAIL" : "ok", rl->ntimed, s.needed, 100 * l->precision);
	printf("  %-4s first value %+.1f%% from the median (limit +%.0f%%)\n",
	       s.first_slow ? "FAIL" : "ok", 100 * s.first_excess, 100 * l->first_slower);
	printf("  %-4s shortest raw value %s (limit %s)\n", s.too_short ? "FAIL" : "ok",
	       report_time(a, sizeof a, rl->min_raw), report_time(b, sizeof b, l->min_value));
}

/* Median per process: a trend across processes shows drift. */
static void stats_processes(const struct runload *rl)
{
	int nproc = 0;
	char a[REPORT_TIME_LEN];
	for (size_t i = 0; i < rl->nvals; i++)
		if (rl->vals[i].process + 1 > nproc)
			nproc = rl->vals[i].process + 1;
	if (nproc < 2 || nproc > 50)
		return;
	printf("Median per process:");
	for (int p = 0; p < nproc; p++) {
		double *vals = xmalloc(rl->nvals * sizeof(*vals));
		size_t k = 0;
		for (size_t i = 0; i < rl->nvals; i++)
			if (rl->vals[i].process == p && !rl->vals[i].warmup)
				vals[k++] = rl->vals[i].value;
		printf("%s%s", p % 6 ? ", " : "\n  ",
		       k ? report_time(a, sizeof a, stats_median(vals, k)) : "-");
		free(vals);
	}
	putchar('\n');
}

static void stats_one(struct store *st, struct runload *rl, void *arg)
{
	const struct report_opts *o = arg;
	struct stats_summary s;
	char a[REPORT_TIME_LEN], b[REPORT_TIME_LEN];
	stats_summarize(rl->timed, rl->ntimed, &o->stats, &s);
	printf("Run %lld: %s\n", (long long)rl->info.id, runload_label(rl));
	printf("  values:          %zu (+ %zu warm-ups)\n", s.n, rl->nvals - rl->ntimed);
	printf("  mean ± std dev:  %s ± %s (%.1f%%)\n", report_time(a, sizeof a, s.mean),
	       report_time(b, sizeof b, s.stddev), 100 * s.stddev / s.mean);
	printf("  median ± MAD:    %s ± %s\n", report_time(a, sizeof a, s.median),
	       report_time(b, sizeof b, s.mad));
	printf("Percentiles:\n");
	for (int i = 0; i < STATS_NPCT; i++)
		printf("  %3.0fth: %s%s\n", stats_pct_levels[i], report_time(a, sizeof a, s.pct[i]),
		       i == 0 ? " (min)" : i == STATS_NPCT - 1 ? " (max)" : i == 3 ? " (median)" : "");
	stats_ci_lines(rl, &s);
	stats_outlier_lines(rl);
	stats_checks(rl, o);
	stats_processes(rl);
}

extern const struct cmd_entry cmd_stats_entry;

static int stats_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	struct runload_opts o;
	int r = runload_parse(cc, &cmd_stats_entry, stats_help, 0, argc, argv, &o);
	if (r >= 0)
		return r;
	if (optind + 1 != argc)
		return cmd_usage_error(cc, "stats", "give one run (an id or a name)");
	return runload_each(cc, argv + optind, 1, stats_one, &o.report);
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.usage = "stats [--seed N] RUN",
	.summary = "full statistics of a run: percentiles, CIs, outliers, checks",
	.exec = stats_exec,
};
