/* cmd-list.c — hpbench list: the benchmark runs in the database, newest
 * first, with their median so a RUN can be picked by id or name. */
#include "config.h"

#include "bench/report.h"
#include "bench/runload.h"
#include "cmd.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char list_help[] =
	"\nOptions:\n"
	"      --limit N         show the newest N runs only\n";

struct list_arg {
	struct store *st;
	long limit, shown;
	int64_t *ids;
	size_t n;
};

static int collect(const struct store_run_row *row, void *arg)
{
	struct list_arg *a = arg;
	if (strcmp(row->kind, "bench") != 0)
		return 0;
	a->ids = xreallocarray(a->ids, a->n + 1, sizeof(*a->ids));
	a->ids[a->n++] = row->id;
	return a->limit > 0 && (long)a->n >= a->limit;
}

static void list_one(struct store *st, int64_t id)
{
	struct runload rl;
	char spec[32], med[REPORT_TIME_LEN] = "-", date[32];
	struct tm tm;
	time_t t;
	snprintf(spec, sizeof spec, "%lld", (long long)id);
	if (runload_get(st, spec, &rl, NULL) == 0)
		report_time(med, sizeof med, stats_median(rl.timed, rl.ntimed));
	if (!rl.info.id && store_bench_run_get(st, id, &rl.info, NULL) < 0)
		return;
	t = (time_t)(rl.info.started_ns / 1000000000);
	strftime(date, sizeof date, "%Y-%m-%d %H:%M", localtime_r(&t, &tm));
	printf("%5lld  %-16.16s  %s  %-11s  %6zu  %9s  %s\n", (long long)id,
	       rl.info.name ? rl.info.name : "-", date, rl.info.status, rl.ntimed, med,
	       rl.info.command);
	runload_done(&rl);
}

extern const struct cmd_entry cmd_list_entry;

static int list_exec(struct cmd_ctx *cc, int argc, char **argv)
{
	enum { O_LIMIT = HP_OPT_FIRST_FREE };
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		{ "limit", required_argument, NULL, O_LIMIT },
		{ NULL, 0, NULL, 0 },
	};
	struct list_arg a = { 0 };
	char *why = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		switch (c) {
		case 'h': cmd_print_usage(cc, &cmd_list_entry, list_help); return HP_EXIT_OK;
		case O_LIMIT:
			if (hp_parse_long(optarg, 1, 1000000, &a.limit) < 0)
				return cmd_usage_error(cc, "list", "--limit wants a number >= 1");
			break;
		default: return cmd_usage_error(cc, "list", "unknown option");
		}
	}
	if (optind != argc)
		return cmd_usage_error(cc, "list", "unexpected argument '%s'", argv[optind]);
	if (!(a.st = runload_store(cc)))
		return HP_EXIT_FAIL;
	if (store_runs_each(a.st, collect, &a, &why) < 0) {
		hp_err("%s", why);
		free(why);
		store_close(a.st);
		return HP_EXIT_FAIL;
	}
	if (a.n == 0)
		printf("No benchmark runs in %s.\n", store_path(a.st));
	else
		printf("%5s  %-16s  %-16s  %-11s  %6s  %9s  %s\n", "ID", "NAME", "STARTED", "STATUS",
		       "VALUES", "MEDIAN", "COMMAND");
	for (size_t i = 0; i < a.n; i++)
		list_one(a.st, a.ids[i]);
	free(a.ids);
	store_close(a.st);
	return HP_EXIT_OK;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.usage = "list [--limit N]",
	.summary = "list benchmark runs, newest first",
	.exec = list_exec,
};
