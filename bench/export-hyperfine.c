/* export-hyperfine.c — the JSON of `hyperfine --export-json`: one result per
 * run with command, mean, stddev, median, user, system, min, max, times,
 * exit_codes and parameters.  user/system are null when unknown (timeit). */
#include "config.h"

#include "bench/export.h"
#include "stats.h"
#include "util.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *mean_rusage(const struct runload *rl, int user)
{
	double sum = 0;
	size_t k = 0;
	for (size_t i = 0; i < rl->nvals; i++) {
		int64_t ns = user ? rl->vals[i].user_ns : rl->vals[i].sys_ns;
		if (rl->vals[i].warmup || ns < 0)
			continue;
		sum += (double)ns / 1e9;
		k++;
	}
	return k ? json_real(sum / (double)k) : json_null();
}

/* "x=1,y=a" (run_meta params) -> {"x": "1", "y": "a"} */
static json_t *parameters(const char *params)
{
	json_t *obj = json_object();
	char *copy = xstrdup(params), *tok, *save = NULL;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		if (eq) {
			*eq = '\0';
			json_object_set_new(obj, tok, json_string(eq + 1));
		}
	}
	free(copy);
	return obj;
}

static json_t *result(const struct export_run *r)
{
	const struct runload *rl = &r->rl;
	const char *params = export_meta(r, "params");
	json_t *times = json_array(), *codes = json_array(), *res;
	for (size_t i = 0; i < rl->nvals; i++) {
		if (rl->vals[i].warmup)
			continue;
		json_array_append_new(times, json_real(rl->vals[i].value));
		json_array_append_new(codes, rl->vals[i].exit_status < 0
						     ? json_null()
						     : json_integer(rl->vals[i].exit_status));
	}
	res = json_pack("{s:s, s:f, s:f, s:f, s:o, s:o, s:f, s:f, s:o, s:o}",
			"command", rl->info.command,
			"mean", stats_mean(rl->timed, rl->ntimed),
			"stddev", stats_stddev(rl->timed, rl->ntimed),
			"median", stats_median(rl->timed, rl->ntimed),
			"user", mean_rusage(rl, 1), "system", mean_rusage(rl, 0),
			"min", stats_min(rl->timed, rl->ntimed), "max", stats_max(rl->timed, rl->ntimed),
			"times", times, "exit_codes", codes);
	if (params)
		json_object_set_new(res, "parameters", parameters(params));
	return res;
}

static int hyperfine_write(FILE *f, const struct export_run *runs, size_t n, char **why)
{
	json_t *results = json_array(), *doc;
	int rc;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(results, result(&runs[i]));
	doc = json_pack("{so}", "results", results);
	rc = json_dumpf(doc, f, JSON_INDENT(2) | JSON_REAL_PRECISION(17) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	fputc('\n', f);
	return rc < 0 ? hp_fail(why, -EIO, "cannot write the JSON") : 0;
}

const struct export_ops export_hyperfine = { .name = "hyperfine", .write = hyperfine_write };
