/* store-bench.h — benchmark values and run details in the shared store
 * (table bench_values, see store.h), for hpbench and the viewer. */
#ifndef HP_STORE_BENCH_H
#define HP_STORE_BENCH_H

#include "store.h"

#include <stddef.h>
#include <stdint.h>

/* One raw benchmark value: a run of a command, or a timeit value. */
struct bench_value {
	int64_t seq;        /* order of measurement within the run, from 0 */
	int process;        /* process (group) index, from 0 */
	int warmup;         /* 1: warm-up, kept apart from the values */
	int64_t loops;      /* loop iterations behind the value (timeit), else 1 */
	double value;       /* seconds per loop */
	int64_t wall_ns;    /* raw wall time of the value (all loops) */
	int64_t user_ns, sys_ns, max_rss_kb; /* rusage of the process; -1 unknown */
	int exit_status;    /* -1 unknown */
};

int store_bench_value_add(struct store *st, int64_t run, const struct bench_value *v, char **why);

/* All values of a run in measured order; warm-ups included only when asked.
 * *out is malloc'd (NULL when none). */
int store_bench_values_load(struct store *st, int64_t run, int with_warmups,
			    struct bench_value **out, size_t *n, char **why);

/* What show/export print about a run. */
struct bench_run {
	int64_t id;
	char *name;        /* NULL when unnamed */
	char *command;
	char *status;
	char *hostname, *kernel, *cpu_model, *python_version;
	int cpu_count;
	int64_t started_ns, ended_ns;
	int exit_code;     /* INT32_MIN when unknown */
};
int store_bench_run_get(struct store *st, int64_t id, struct bench_run *r, char **why);
void store_bench_run_done(struct bench_run *r);

/* Calls fn(key, value, arg) for each metadata entry of the run, by key. */
int store_bench_meta_each(struct store *st, int64_t run,
			  int (*fn)(const char *key, const char *value, void *arg), void *arg,
			  char **why);

/* Resolve RUN (id or name) to a bench run, with an hpbench-worded error. */
int store_bench_resolve(struct store *st, const char *spec, int64_t *id, char **why);

/* The profile run linked to benchmark run `bench_run` (`hpbench run
 * --profile`: runs.parent_run), the newest when several; -ENOENT with *why
 * saying how to make one. */
int store_bench_profile_of(struct store *st, int64_t bench_run, int64_t *profile, char **why);

#endif
