/* model-bench.c — the Benchmark and Compare screens' data: a run's values,
 * their statistics and histogram, and comparisons of two runs (benchmarks
 * through lib/stats, profiles through query_diff). */
#include "config.h"

#include "model.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int collect_meta(const char *key, const char *value, void *arg)
{
	struct bench_model *m = arg;

	m->meta_keys = xreallocarray(m->meta_keys, m->nmeta + 1, sizeof *m->meta_keys);
	m->meta_vals = xreallocarray(m->meta_vals, m->nmeta + 1, sizeof *m->meta_vals);
	m->meta_keys[m->nmeta] = xstrdup(key);
	m->meta_vals[m->nmeta++] = xstrdup(value ? value : "");
	return 0;
}

/* Split warm-ups off, flag outliers and summarise the rest. */
static void summarize(struct bench_model *m)
{
	struct stats_opts o;

	m->v = xcalloc(m->nvalues + 1, sizeof *m->v);
	for (size_t i = 0; i < m->nvalues; i++) {
		if (m->values[i].warmup)
			m->nwarmups++;
		else
			m->v[m->nv++] = m->values[i].value;
	}
	m->outlier = xcalloc(m->nv + 1, 1);
	if (!m->nv)
		return;
	stats_outliers(m->v, m->nv, STATS_IQR_K, STATS_MODZ_LIMIT, m->outlier);
	stats_opts_init(&o);
	m->have_sum = stats_summarize(m->v, m->nv, &o, &m->sum) == 0;
}

int bench_model_load(struct bench_model *m, struct store *st, int64_t run, char **why)
{
	int ret;

	memset(m, 0, sizeof *m);
	if ((ret = store_bench_run_get(st, run, &m->run, why)) < 0)
		return ret;
	if ((ret = store_bench_values_load(st, run, 1, &m->values, &m->nvalues, why)) < 0)
		return ret;
	if ((ret = store_bench_meta_each(st, run, collect_meta, m, why)) < 0)
		return ret;
	summarize(m);
	if (store_bench_profile_of(st, run, &m->profile, NULL) < 0)
		m->profile = 0; /* not profiled: nothing to link */
	return 0;
}

void bench_model_done(struct bench_model *m)
{
	store_bench_run_done(&m->run);
	free(m->values);
	free(m->v);
	free(m->outlier);
	for (size_t i = 0; i < m->nmeta; i++) {
		free(m->meta_keys[i]);
		free(m->meta_vals[i]);
	}
	free(m->meta_keys);
	free(m->meta_vals);
	memset(m, 0, sizeof *m);
}

void bench_model_hist(const struct bench_model *m, size_t *bins, int nbins, double *lo, double *hi)
{
	memset(bins, 0, (size_t)nbins * sizeof *bins);
	*lo = m->nv ? stats_min(m->v, m->nv) : 0;
	*hi = m->nv ? stats_max(m->v, m->nv) : 0;
	for (size_t i = 0; i < m->nv && nbins > 0; i++) {
		int b = *hi > *lo ? (int)((m->v[i] - *lo) / (*hi - *lo) * nbins) : 0;
		bins[b >= nbins ? nbins - 1 : b]++;
	}
}

int bench_compare_load(struct bench_compare_model *m, struct store *st, int64_t a, int64_t b,
		       char **why)
{
	struct stats_compare_opts o;
	int ret;

	memset(m, 0, sizeof *m);
	if ((ret = bench_model_load(&m->a, st, a, why)) < 0)
		return ret;
	if ((ret = bench_model_load(&m->b, st, b, why)) < 0)
		return ret;
	stats_compare_opts_init(&o);
	m->have_cmp = stats_compare(m->a.v, m->a.nv, m->b.v, m->b.nv, &o, &m->cmp) == 0;
	return 0;
}

void bench_compare_done(struct bench_compare_model *m)
{
	bench_model_done(&m->a);
	bench_model_done(&m->b);
}

const char *bench_compare_verdict(const struct bench_compare_model *m)
{
	if (!m->have_cmp)
		return "unknown";
	switch (m->cmp.verdict) {
	case STATS_FASTER: return "faster";
	case STATS_SLOWER: return "slower";
	default: return "same";
	}
}

int profile_compare_load(struct profile_compare_model *m, struct store *st, int64_t a, int64_t b,
			 const struct query_opts *opts, char **why)
{
	int ret;

	memset(m, 0, sizeof *m);
	if ((ret = query_load(st, a, opts, &m->a, why)) < 0)
		return ret;
	if ((ret = query_load(st, b, opts, &m->b, why)) < 0)
		return ret;
	m->funcs = query_diff_build(m->a, m->b, QUERY_DIFF_FUNCTIONS);
	m->lines = query_diff_build(m->a, m->b, QUERY_DIFF_LINES);
	return 0;
}

void profile_compare_done(struct profile_compare_model *m)
{
	if (m->funcs)
		query_diff_free(m->funcs);
	if (m->lines)
		query_diff_free(m->lines);
	if (m->a)
		query_free(m->a);
	if (m->b)
		query_free(m->b);
	memset(m, 0, sizeof *m);
}
