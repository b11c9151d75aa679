/* cmd-show.c — hpbench show RUN...: what was measured, on what machine, and
 * the summary with its warnings. */
#include "config.h"

#include "bench/report.h"
#include "bench/runload.h"
#include "cmd.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char show_help[] =
	"RUN is a run id or a --name (the newest run of that name).\n"
	"\nOptions:\n"
	"      --seed N          seed of the bootstrap (default 1)\n";

static int print_meta(const char *key, const char *value, void *arg)
{
	(void)arg;
	printf("  %-27s %s\n", key, value);
	return 0;
}

static void show_one(struct store *st, struct runload *rl, void *arg)
{
	const struct report_opts *o = arg;
	time_t t = (time_t)(rl->info.started_ns / 1000000000);
	struct tm tm;
	char date[64];
	strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", localtime_r(&t, &tm));
	printf("Run %lld%s%s: %s\n", (long long)rl->info.id, rl->info.name ? " " : "",
	       rl->info.name ? rl->info.name : "", rl->info.command);
	printf("  %-27s %s (%s)\n", "started", date, rl->info.status);
	printf("  %-27s %s, %s\n", "host", rl->info.hostname ? rl->info.hostname : "?",
	       rl->info.kernel ? rl->info.kernel : "?");
	printf("  %-27s %s x %d\n", "cpu", rl->info.cpu_model ? rl->info.cpu_model : "?",
	       rl->info.cpu_count);
	store_bench_meta_each(st, rl->info.id, print_meta, NULL, NULL);
	report_summary(stdout, rl->vals, rl->nvals, o);
}

extern const struct cmd_entry cmd_show_entry;

static int show_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	enum { O_SEED = HP_OPT_FIRST_FREE };
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		{ "seed", required_argument, NULL, O_SEED },
		{ NULL, 0, NULL, 0 },
	};
	struct report_opts o;
	int c;
	long seed;
	report_opts_init(&o);
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		switch (c) {
		case 'h': cmd_print_usage(cc, &cmd_show_entry, show_help); return HP_EXIT_OK;
		case O_SEED:
			if (hp_parse_long(optarg, 0, 0x7fffffffL, &seed) < 0)
				return cmd_usage_error(cc, "show", "--seed wants a number");
			o.stats.seed = (uint64_t)seed;
			break;
		default: return cmd_usage_error(cc, "show", "unknown option");
		}
	}
	if (optind >= argc)
		return cmd_usage_error(cc, "show", "which run? give an id or a name");
	return runload_each(cc, argv + optind, argc - optind, show_one, &o);
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "show [--seed N] RUN...",
	.summary = "summary of a run: metadata, statistics, warnings",
	.exec = show_exec,
};
