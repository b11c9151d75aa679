/* cmd-list.c — hprof list: the runs recorded in a database. */
#include "config.h"

#include "commands.h"
#include "store.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct list_opts {
	const char *kind; /* NULL: all */
	long limit;
	int printed;
};

static const char list_help[] =
	"Options:\n"
	"  -k, --kind KIND      only 'profile' or 'bench' runs\n"
	"  -n, --limit N        at most N runs (newest first; default: all)\n";

static void format_when(int64_t ns, char *out, size_t n)
{
	time_t t = (time_t)(ns / 1000000000);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M:%S", &tm);
}

static void format_duration(const struct store_run_row *r, char *out, size_t n)
{
	double s;
	if (r->ended_ns <= 0) {
		snprintf(out, n, "-");
		return;
	}
	s = (double)(r->ended_ns - r->started_ns) / 1e9;
	snprintf(out, n, s < 60 ? "%.2fs" : "%.0fs", s);
}

static int list_row(const struct store_run_row *r, void *arg)
{
	struct list_opts *o = arg;
	char when[32], dur[32];
	if (o->kind && strcmp(o->kind, r->kind) != 0)
		return 0;
	if (o->limit && o->printed >= o->limit)
		return 1;
	if (o->printed++ == 0)
		printf("%5s  %-19s  %-7s  %-12s  %9s  %9s  %s\n", "ID", "WHEN", "KIND", "STATUS",
		       "SAMPLES", "DURATION", "COMMAND");
	format_when(r->started_ns, when, sizeof when);
	format_duration(r, dur, sizeof dur);
	printf("%5lld  %-19s  %-7s  %-12s  %9lld  %9s  %s%s%s\n", (long long)r->id, when, r->kind,
	       r->status, (long long)r->samples, dur, r->command, r->name[0] ? "  name=" : "",
	       r->name);
	return 0;
}

static int cmd_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "limit", required_argument, NULL, 'n' },
		HP_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct list_opts o = { 0 };
	struct store *st = NULL;
	char *why = NULL;
	int c, ret = HP_EXIT_OK;

	while ((c = getopt_long(argc, argv, "k:n:h", opts, NULL)) != -1) {
		if (cmd_common_opt(ctx, c, optarg))
			continue;
		switch (c) {
		case 'k':
			if (strcmp(optarg, "profile") && strcmp(optarg, "bench"))
				return cmd_usage_error(ctx, argv[0], "--kind takes 'profile' or 'bench', not '%s'", optarg);
			o.kind = optarg;
			break;
		case 'n':
			if (hp_parse_long(optarg, 1, 1000000000, &o.limit) < 0)
				return cmd_usage_error(ctx, argv[0], "--limit takes a positive number, not '%s'", optarg);
			break;
		case 'h':
			cmd_print_usage(ctx, &cmd_list_entry, list_help);
			return HP_EXIT_OK;
		default:
			return cmd_usage_error(ctx, argv[0], "unknown option");
		}
	}
	if (optind < argc)
		return cmd_usage_error(ctx, argv[0], "unexpected argument '%s'", argv[optind]);
	if (store_open(cmd_db_path(ctx), STORE_READONLY, &st, &why) < 0 ||
	    store_runs_each(st, list_row, &o, &why) < 0) {
		hp_err("%s", why);
		ret = HP_EXIT_FAIL;
	} else if (o.printed == 0) {
		printf("no runs in %s\n", cmd_db_path(ctx));
	}
	store_close(st);
	free(why);
	return ret;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.usage = "list [--kind profile|bench] [--limit N]",
	.summary = "list the runs recorded in the database",
	.exec = cmd_list,
};
