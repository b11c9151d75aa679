/* export-pyperf.c — pyperf's JSON format, version "1.0": a suite of
 * benchmarks, each with metadata (name, unit, loops, ...) and runs; one
 * pyperf run per hpbench process group, warm-ups as [loops, value per loop]
 * pairs.  pyperf wants metadata values that are non-empty single-line
 * strings or numbers, and values > 0. */
#include "config.h"

#include "bench/export.h"
#include "util.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Metadata pyperf checks as numbers. */
static json_t *meta_value(const char *key, const char *value)
{
	char *end;
	if (strcmp(key, "loops") == 0 || strcmp(key, "cpu_count") == 0) {
		long long v = strtoll(value, &end, 10);
		return *end || v < 1 ? NULL : json_integer(v);
	}
	if (strcmp(key, "load_avg_1min") == 0) {
		double v = strtod(value, &end);
		return *end || v < 0 ? NULL : json_real(v);
	}
	if (!*value || strchr(value, '\n'))
		return NULL;
	return json_string(value);
}

static void meta_put(json_t *obj, const char *key, const char *value)
{
	json_t *v = value ? meta_value(key, value) : NULL;
	if (v)
		json_object_set_new(obj, key, v);
}

static json_t *bench_metadata(const struct export_run *r, const char *name)
{
	json_t *m = json_object();
	char count[16];
	for (size_t i = 0; i < r->nmeta; i++)
		meta_put(m, r->keys[i], r->values[i]);
	snprintf(count, sizeof count, "%d", r->rl.info.cpu_count);
	meta_put(m, "name", name);
	meta_put(m, "unit", "second");
	meta_put(m, "command", r->rl.info.command);
	meta_put(m, "hostname", r->rl.info.hostname);
	meta_put(m, "platform", r->rl.info.kernel);
	meta_put(m, "cpu_model_name", r->rl.info.cpu_model);
	meta_put(m, "cpu_count", count);
	json_object_set_new(m, "hpbench_run", json_integer(r->rl.info.id));
	return m;
}

/* One pyperf run: the values of process group p. */
static json_t *process_run(const struct export_run *r, int p)
{
	json_t *run = json_object(), *vals = json_array(), *warm = json_array(), *meta;
	int64_t rss = -1;
	double duration = 0;
	for (size_t i = 0; i < r->rl.nvals; i++) {
		const struct bench_value *v = &r->rl.vals[i];
		if (v->process != p)
			continue;
		duration += v->value * (double)v->loops;
		if (v->max_rss_kb > rss)
			rss = v->max_rss_kb;
		if (v->warmup)
			json_array_append_new(warm, json_pack("[I, f]", (json_int_t)v->loops, v->value));
		else
			json_array_append_new(vals, json_real(v->value));
	}
	meta = json_pack("{sf}", "duration", duration);
	if (rss > 0)
		json_object_set_new(meta, "command_max_rss", json_integer(rss * 1024));
	json_object_set_new(run, "metadata", meta);
	if (json_array_size(warm))
		json_object_set_new(run, "warmups", warm);
	else
		json_decref(warm);
	json_object_set_new(run, "values", vals);
	return run;
}

static json_t *benchmark(const struct export_run *r, const char *name)
{
	json_t *runs = json_array();
	int nproc = 0;
	for (size_t i = 0; i < r->rl.nvals; i++)
		if (r->rl.vals[i].process + 1 > nproc)
			nproc = r->rl.vals[i].process + 1;
	for (int p = 0; p < nproc; p++)
		json_array_append_new(runs, process_run(r, p));
	return json_pack("{soso}", "metadata", bench_metadata(r, name), "runs", runs);
}

/* Benchmark names must be unique in a suite. */
static char *unique_name(const struct export_run *runs, size_t i)
{
	const char *label = runload_label(&runs[i].rl);
	for (size_t j = 0; j < i; j++)
		if (strcmp(runload_label(&runs[j].rl), label) == 0)
			return xasprintf("%s (run %lld)", label, (long long)runs[i].rl.info.id);
	return xstrdup(label);
}

static int pyperf_write(FILE *f, const struct export_run *runs, size_t n, char **why)
{
	json_t *benchs = json_array(), *suite;
	int rc;
	for (size_t i = 0; i < n; i++) {
		char *name = unique_name(runs, i);
		json_array_append_new(benchs, benchmark(&runs[i], name));
		free(name);
	}
	suite = json_pack("{ssso}", "version", "1.0", "benchmarks", benchs);
	rc = json_dumpf(suite, f, JSON_SORT_KEYS | JSON_INDENT(4) | JSON_REAL_PRECISION(17));
	json_decref(suite);
	fputc('\n', f);
	return rc < 0 ? hp_fail(why, -EIO, "cannot write the JSON") : 0;
}

const struct export_ops export_pyperf = { .name = "pyperf", .write = pyperf_write };
