/* cmd-hist.c — hpbench hist RUN: a text histogram of the timed values, with
 * the bins holding the mean and the median marked. */
#include "config.h"

#include "bench/report.h"
#include "bench/runload.h"
#include "cmd.h"
#include "util.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const char hist_help[] =
	"\nOptions:\n"
	"      --bins N          number of bins (default: Sturges' rule, 5..40)\n"
	"      --width N         longest bar in characters (default 50)\n";

static int default_bins(size_t n)
{
	int k = (int)ceil(log2((double)n)) + 1;
	return k < 5 ? 5 : k > 40 ? 40 : k;
}

struct hist_opts {
	int bins, width;
};

static void hist_print(struct store *st, struct runload *rl, void *arg)
{
	const struct hist_opts *o = arg;
	int bins = o->bins ? o->bins : default_bins(rl->ntimed), width = o->width;
	double lo = stats_min(rl->timed, rl->ntimed), hi = stats_max(rl->timed, rl->ntimed);
	double mean = stats_mean(rl->timed, rl->ntimed), med = stats_median(rl->timed, rl->ntimed);
	double step = (hi - lo) / bins;
	size_t *count = xcalloc((size_t)bins, sizeof(*count)), most = 0;
	char a[REPORT_TIME_LEN], b[REPORT_TIME_LEN];
	if (step <= 0)
		step = 1e-12, bins = 1;
	for (size_t i = 0; i < rl->ntimed; i++) {
		int k = (int)((rl->timed[i] - lo) / step);
		count[k >= bins ? bins - 1 : k]++;
	}
	for (int k = 0; k < bins; k++)
		if (count[k] > most)
			most = count[k];
	printf("Run %lld: %s (%zu values)\n", (long long)rl->info.id, runload_label(rl), rl->ntimed);
	for (int k = 0; k < bins; k++) {
		double from = lo + k * step, to = from + step;
		int bar = (int)((double)count[k] * width / (double)most + 0.5);
		printf("  %9s … %-9s %4zu %-*.*s%s%s\n", report_time(a, sizeof a, from),
		       report_time(b, sizeof b, to), count[k], width, bar,
		       "##################################################"
		       "##################################################"
		       "##################################################",
		       mean >= from && (mean < to || k == bins - 1) ? " mean" : "",
		       med >= from && (med < to || k == bins - 1) ? " median" : "");
	}
	free(count);
}

extern const struct cmd_entry cmd_hist_entry;

static int hist_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	enum { O_BINS = HP_OPT_FIRST_FREE, O_WIDTH };
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		{ "bins", required_argument, NULL, O_BINS },
		{ "width", required_argument, NULL, O_WIDTH },
		{ NULL, 0, NULL, 0 },
	};
	struct hist_opts o;
	long bins = 0, width = 50;
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		switch (c) {
		case 'h': cmd_print_usage(cc, &cmd_hist_entry, hist_help); return HP_EXIT_OK;
		case O_BINS:
			if (hp_parse_long(optarg, 1, 1000, &bins) < 0)
				return cmd_usage_error(cc, "hist", "--bins wants 1..1000");
			break;
		case O_WIDTH:
			if (hp_parse_long(optarg, 1, 150, &width) < 0)
				return cmd_usage_error(cc, "hist", "--width wants 1..150");
			break;
		default: return cmd_usage_error(cc, "hist", "unknown option");
		}
	}
	if (optind >= argc)
		return cmd_usage_error(cc, "hist", "which run? give an id or a name");
	o.bins = (int)bins;
	o.width = (int)width;
	return runload_each(cc, argv + optind, argc - optind, hist_print, &o);
}

const struct cmd_entry cmd_hist_entry = {
	.name = "hist",
	.usage = "hist [--bins N] [--width N] RUN...",
	.summary = "histogram of a run's values",
	.exec = hist_exec,
};
