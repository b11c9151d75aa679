/* runner.c — scheduling, stopping rules and storing of values (runner.h). */
#include "config.h"

#include "bench/runner.h"
#include "stats.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

volatile sig_atomic_t runner_stop;

static void on_signal(int sig)
{
	(void)sig;
	runner_stop = 1;
}

void runner_init(struct runner *r)
{
	memset(r, 0, sizeof(*r));
	r->processes = 10;
	r->values = 3;
	r->warmups = 1;
	r->seed = 1;
}

int runner_group_values(const struct runner *r, const struct bench_item *it)
{
	if (r->runs > 0 && (long)it->ntimed + r->values > r->runs)
		return (int)(r->runs - (long)it->ntimed);
	return r->values;
}

static double *timed_values(const struct bench_item *it, size_t *n)
{
	double *v = xmalloc((it->nvals ? it->nvals : 1) * sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < it->nvals; i++)
		if (!it->vals[i].warmup)
			v[(*n)++] = it->vals[i].value;
	return v;
}

double runner_median(const struct bench_item *it)
{
	size_t n;
	double *v = timed_values(it, &n), m = stats_median(v, n);
	free(v);
	return m;
}

int runner_value(struct runner *r, struct bench_item *it, const struct bench_value *v, char **why)
{
	struct bench_value *dst;
	if (it->nvals == it->cap) {
		it->cap = it->cap ? 2 * it->cap : 64;
		it->vals = xreallocarray(it->vals, it->cap, sizeof(*it->vals));
	}
	dst = &it->vals[it->nvals];
	*dst = *v;
	dst->seq = (int64_t)it->nvals++;
	if (!v->warmup) {
		it->ntimed++;
		it->timed_sum += (double)v->wall_ns / 1e9;
	}
	r->done++;
	if (progress_due(&r->progress))
		progress_update(&r->progress, it->label, r->done, runner_median(it));
	return store_bench_value_add(r->st, it->run_id, dst, why);
}

/* Is the 95% CI of the median within target (relative half-width)? */
static int ci_narrow_enough(const struct bench_item *it, double target)
{
	struct stats_ci ci;
	size_t n;
	double *v = timed_values(it, &n), med = stats_median(v, n);
	int ok = stats_median_ci_order(v, n, 0.95, &ci) == 0 && med > 0 &&
		 (ci.hi - ci.lo) / 2 <= target * med;
	free(v);
	return ok;
}

static int need_more(const struct runner *r, const struct bench_item *it)
{
	double elapsed = (double)(hp_now_ns() - r->start_ns) / 1e9;
	int base_done = r->runs > 0 ? (long)it->ntimed >= r->runs : it->groups >= r->processes;
	if (it->failed || runner_stop)
		return 0;
	if (r->max_time > 0 && elapsed >= r->max_time && it->ntimed >= 2)
		return 0;
	if (!base_done)
		return 1;
	if (r->min_time > 0 && it->timed_sum < r->min_time)
		return 1;
	if (r->target_ci > 0 && !ci_narrow_enough(it, r->target_ci))
		return 1;
	return 0;
}

/* One group inside one transaction, so a group's values land together and
 * an interruption keeps every finished value. */
static int run_group(struct runner *r, struct bench_item *it, char **why)
{
	int rc, crc;
	if (r->value_commits)
		return r->group(r, it, it->groups++, why);
	rc = store_begin(r->st, why);
	if (rc < 0)
		return rc;
	rc = r->group(r, it, it->groups++, why);
	crc = store_commit(r->st, rc < 0 ? NULL : why);
	return rc < 0 ? rc : crc;
}

static size_t planned(const struct runner *r, size_t n)
{
	long values = r->runs > 0 ? r->runs : (long)r->processes * r->values;
	long groups = r->runs > 0 ? (r->runs + r->values - 1) / r->values : r->processes;
	return (size_t)(values + groups * r->warmups) * n;
}

int runner_run(struct runner *r, struct bench_item *items, size_t n, char **why)
{
	struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
	struct stats_rng rng;
	size_t *order = xmalloc((n ? n : 1) * sizeof(*order));
	int rc = 0, any = 1;

	runner_stop = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	stats_rng_seed(&rng, r->seed);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	r->start_ns = hp_now_ns();
	progress_init(&r->progress, planned(r, n));
	while (any && !rc) {
		any = 0;
		if (r->shuffle)
			stats_rng_shuffle(&rng, order, n);
		for (size_t k = 0; k < n && !rc; k++) {
			struct bench_item *it = &items[order[k]];
			if (!need_more(r, it))
				continue;
			any = 1;
			rc = run_group(r, it, why);
			if (rc < 0)
				it->failed = 1;
		}
		if (runner_stop && !rc)
			rc = -EINTR;
	}
	progress_clear(&r->progress);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	free(order);
	return rc;
}

void bench_item_done(struct bench_item *it)
{
	free(it->label);
	free(it->name);
	free(it->command);
	free(it->vals);
	memset(it, 0, sizeof(*it));
}
