/* runload.c — loading benchmark runs (see runload.h). */
#include "config.h"

#include "bench/report.h"
#include "bench/runload.h"
#include "util.h"

#include <errno.h>
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
