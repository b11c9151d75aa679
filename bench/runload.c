/* runload.c — loading benchmark runs (see runload.h). */
#include "config.h"

#include "bench/lines.h"
#include "bench/runload.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store *runload_store(struct cmd_ctx *cc)
{
	struct store *st = NULL;
	char *why = NULL;
	if (store_open(cmd_db_path(cc), STORE_READONLY, &st, &why) < 0) {
		hp_err("%s", why);
		free(why);
		return NULL;
	}
	return st;
}

int runload_get(struct store *st, const char *spec, struct runload *rl, char **why)
{
	int64_t id;
	int rc;
	memset(rl, 0, sizeof(*rl));
	if ((rc = store_bench_resolve(st, spec, &id, why)) < 0 ||
	    (rc = store_bench_run_get(st, id, &rl->info, why)) < 0 ||
	    (rc = store_bench_values_load(st, id, 1, &rl->vals, &rl->nvals, why)) < 0)
		return rc;
	rl->timed = report_timed(rl->vals, rl->nvals, &rl->ntimed, &rl->min_raw);
	if (rl->ntimed == 0)
		return hp_fail(why, -ENODATA, "run %s has no values (status %s)", spec,
			       rl->info.status ? rl->info.status : "?");
	return 0;
}

void runload_done(struct runload *rl)
{
	store_bench_run_done(&rl->info);
	free(rl->vals);
	free(rl->timed);
	memset(rl, 0, sizeof(*rl));
}

int runload_each(struct cmd_ctx *cc, char **specs, int n, runload_fn fn, void *arg)
{
	struct store *st = runload_store(cc);
	int status = HP_EXIT_OK;
	if (!st)
		return HP_EXIT_FAIL;
	for (int i = 0; i < n; i++) {
		struct runload rl;
		char *why = NULL;
		if (runload_get(st, specs[i], &rl, &why) < 0) {
			hp_err("%s", why);
			free(why);
			status = HP_EXIT_FAIL;
		} else {
			if (i)
				putchar('\n');
			fn(st, &rl, arg);
		}
		runload_done(&rl);
	}
	store_close(st);
	return status;
}

const char *runload_label(const struct runload *rl)
{
	return rl->info.name ? rl->info.name : rl->info.command ? rl->info.command : "?";
}

int runload_parse(struct cmd_ctx *cc, const struct cmd_entry *e, const char *help, int with_lines,
		  int argc, char **argv, struct runload_opts *o)
{
	enum { O_SEED = HP_OPT_FIRST_FREE, O_LINES, O_LIMIT };
	static const struct option opts[] = {
		HP_COMMON_LONGOPTS,
		{ "seed", required_argument, NULL, O_SEED },
		{ "lines", no_argument, NULL, O_LINES },
		{ "limit", required_argument, NULL, O_LIMIT },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	long v;
	memset(o, 0, sizeof(*o));
	report_opts_init(&o->report);
	o->limit = BENCH_LINES_DEFAULT_LIMIT;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cmd_common_opt(cc, c, optarg))
			continue;
		if ((c == O_LINES || c == O_LIMIT) && !with_lines)
			c = '?';
		switch (c) {
		case 'h': cmd_print_usage(cc, e, help); return HP_EXIT_OK;
		case O_SEED:
			if (hp_parse_long(optarg, 0, 0x7fffffffL, &v) < 0)
				return cmd_usage_error(cc, e->name, "--seed wants a number");
			o->report.stats.seed = (uint64_t)v;
			break;
		case O_LINES: o->lines = 1; break;
		case O_LIMIT:
			if (hp_parse_long(optarg, 0, 1000000, &v) < 0)
				return cmd_usage_error(cc, e->name, "--limit wants a number of rows "
						       "(0: all), not '%s'", optarg);
			o->limit = v;
			break;
		default: return cmd_usage_error(cc, e->name, "unknown option");
		}
	}
	return -1;
}
