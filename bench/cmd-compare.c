/* cmd-compare.c — hpbench compare A B [C...]: each run against the first,
 * as a ratio with a bootstrap confidence interval, a Mann-Whitney U test
 * and a verdict that ignores differences below the noise threshold. */
#include "config.h"

#include "bench/lines.h"
#include "bench/report.h"
#include "bench/runload.h"
#include "bench/runopts.h"
#include "cmd.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char compare_help[] =
	"A is the baseline; every other run is compared with it.\n"
	"\nOptions:\n"
	"      --noise PCT       differences below PCT are noise (default 1%)\n"
	"      --stat WHICH      median (default) or mean\n"
	"      --alpha P         significance level of the test (default 0.05)\n"
	"      --seed N          seed of the bootstrap (default 1)\n"
	"      --lines           also the lines and functions that gained or lost share\n"
	"                        between the runs' profiles (run --profile)\n"
	"      --limit N         that many of each (default 10; 0: all)\n"
	"\nExit status: 0 when compared, whatever the verdict; 1 when a run is missing.\n";

static void print_line(const struct runload *rl, const char *role)
{
	char a[REPORT_TIME_LEN], b[REPORT_TIME_LEN];
	printf("  %-9s run %lld %s: median %s ± %s (MAD), %zu values\n", role,
	       (long long)rl->info.id, runload_label(rl),
	       report_time(a, sizeof a, stats_median(rl->timed, rl->ntimed)),
	       report_time(b, sizeof b, stats_mad(rl->timed, rl->ntimed)), rl->ntimed);
}

struct compare_opts {
	struct report_opts report;
	int lines;  /* --lines */
	long limit; /* --limit */
};

static int compare_parse(struct cmd_ctx *cc, struct compare_opts *co, int argc, char **argv);

/* --lines: each run's profile against the baseline's. */
static int compare_lines(struct store *st, const struct runload *rl, int n, long limit)
{
	int status = HP_EXIT_OK;
	for (int i = 1; i < n; i++) {
		char *why = NULL;
		printf("\n%s (A) -> %s (B):\n", runload_label(&rl[0]), runload_label(&rl[i]));
		if (bench_lines_compare(st, rl[0].info.id, rl[i].info.id, limit, stdout, &why) < 0) {
			fflush(stdout);
			hp_err("%s", why);
			status = HP_EXIT_FAIL;
		}
		free(why);
	}
	return status;
}

static int compare_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	struct compare_opts co = { .limit = BENCH_LINES_DEFAULT_LIMIT };
	struct report_opts o;
	struct store *st;
	struct runload *rl;
	int n, r, status = HP_EXIT_OK;
	report_opts_init(&co.report);
	r = compare_parse(cc, &co, argc, argv);
	o = co.report;
	if (r != 0)
		return r < 0 ? -r : HP_EXIT_OK;
	if (!(st = runload_store(cc)))
		return HP_EXIT_FAIL;
	n = argc - optind;
	rl = xcalloc((size_t)n, sizeof(*rl));
	for (int i = 0; i < n && status == HP_EXIT_OK; i++) {
		char *why = NULL;
		if (runload_get(st, argv[optind + i], &rl[i], &why) < 0) {
			hp_err("%s", why);
			free(why);
			status = HP_EXIT_FAIL;
		}
	}
	if (status == HP_EXIT_OK) {
		printf("Runs (%s, %.0f%% bootstrap CI of the ratio, Mann-Whitney U at alpha %.2g, "
		       "noise %.1f%%):\n", o.cmp.est == STATS_MEAN ? "mean" : "median",
		       100 * o.cmp.conf, o.cmp.alpha, 100 * o.cmp.noise);
		for (int i = 0; i < n; i++)
			print_line(&rl[i], i ? "" : "baseline");
		printf("Verdict:\n");
		for (int i = 1; i < n; i++)
			report_relation(stdout, runload_label(&rl[i]), rl[i].timed, rl[i].ntimed,
					runload_label(&rl[0]), rl[0].timed, rl[0].ntimed, &o);
		if (co.lines)
			status = compare_lines(st, rl, n, co.limit);
	}
	for (int i = 0; i < n; i++)
		runload_done(&rl[i]);
	free(rl);
	store_close(st);
	return status;
}

extern const struct cmd_entry cmd_compare_entry;

/* 0: go on, 1: --help shown, < 0: -(exit status) of a usage error. */
static int compare_parse(struct cmd_ctx *cc, struct compare_opts *co, int argc, char **argv)
{
	enum { O_NOISE = HP_OPT_FIRST_FREE, O_STAT, O_ALPHA, O_SEED, O_LINES, O_LIMIT };
	struct report_opts *o = &co->report;
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		{ "noise", required_argument, NULL, O_NOISE },
		{ "stat", required_argument, NULL, O_STAT },
		{ "alpha", required_argument, NULL, O_ALPHA },
		{ "seed", required_argument, NULL, O_SEED },
		{ "lines", no_argument, NULL, O_LINES },
		{ "limit", required_argument, NULL, O_LIMIT },
		{ NULL, 0, NULL, 0 },
	};
	long seed;
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		switch (c) {
		case 'h': cmd_print_usage(cc, &cmd_compare_entry, compare_help); return 1;
		case O_NOISE:
			if (runopts_percent(optarg, &o->cmp.noise) < 0)
				return -cmd_usage_error(cc, "compare", "--noise wants a percentage like 1%%");
			break;
		case O_STAT:
			if (strcmp(optarg, "mean") && strcmp(optarg, "median"))
				return -cmd_usage_error(cc, "compare", "--stat is median or mean");
			o->cmp.est = strcmp(optarg, "mean") == 0 ? STATS_MEAN : STATS_MEDIAN;
			break;
		case O_ALPHA:
			if (hp_parse_double(optarg, 1e-9, 0.5, &o->cmp.alpha) < 0)
				return -cmd_usage_error(cc, "compare", "--alpha wants a level like 0.05");
			break;
		case O_SEED:
			if (hp_parse_long(optarg, 0, 0x7fffffffL, &seed) < 0)
				return -cmd_usage_error(cc, "compare", "--seed wants a number");
			o->cmp.seed = (uint64_t)seed;
			break;
		case O_LINES: co->lines = 1; break;
		case O_LIMIT:
			if (hp_parse_long(optarg, 0, 1000000, &co->limit) < 0)
				return -cmd_usage_error(cc, "compare", "--limit wants a number of rows "
							"(0: all), not '%s'", optarg);
			break;
		default: return -cmd_usage_error(cc, "compare", "unknown option");
		}
	}
	if (argc - optind < 2)
		return -cmd_usage_error(cc, "compare", "give at least two runs (ids or names)");
	return 0;
}

const struct cmd_entry cmd_compare_entry = {
	.name = "compare",
	.usage = "compare [--noise PCT] [--stat median|mean] [--alpha P] [--seed N] "
		 "[--lines [--limit N]] A B [C...]",
	.summary = "say whether runs differ, by how much, and how sure",
	.exec = compare_exec,
};
