/* runner.h — the measuring loop shared by `run` and `timeit`: several
 * benchmarks interleaved group by group (shuffled with --shuffle), each
 * group being one process (timeit) or one batch of runs of a command; values
 * stored as they come; stopping by count, time, or CI width; Ctrl-C keeps
 * what was measured. */
#ifndef HP_BENCH_RUNNER_H
#define HP_BENCH_RUNNER_H

#include "bench/progress.h"
#include "store-bench.h"

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

struct bench_item {
	char *label;    /* as printed */
	char *name;     /* --name, NULL when unnamed */
	char *command;  /* runs.command */
	int64_t run_id;
	struct bench_value *vals; /* every value, warm-ups too, measured order */
	size_t nvals, cap;
	size_t ntimed;
	double timed_sum; /* seconds of raw time behind the timed values */
	int groups;       /* groups started */
	int failed;
	void *priv;       /* the subcommand's own data */
};

struct runner {
	int processes, values, warmups;
	long runs;          /* > 0: this many values instead of processes x values */
	double min_time;    /* seconds of timed values at least */
	double max_time;    /* seconds of wall time at most (all benchmarks) */
	double target_ci;   /* relative half-width of the median's 95% CI */
	int shuffle;
	/* Commit each value by itself, not a group in one transaction: another
	 * process (run --profile's sampler) writes the database meanwhile. */
	int value_commits;
	uint64_t seed;
	struct store *st;
	struct progress progress;
	size_t done;
	uint64_t start_ns;
	/* Measure group number `group` of it, calling runner_value per value. */
	int (*group)(struct runner *r, struct bench_item *it, int group, char **why);
	void *priv;
};

/* Set by SIGINT/SIGTERM while runner_run is active. */
extern volatile sig_atomic_t runner_stop;

void runner_init(struct runner *r);
/* Timed values the next group should produce (fewer at the end of --runs). */
int runner_group_values(const struct runner *r, const struct bench_item *it);
/* Record one value of it (seq and storing done here). */
int runner_value(struct runner *r, struct bench_item *it, const struct bench_value *v, char **why);
/* Run every item to its stopping rule.  0, -EINTR when interrupted (values
 * kept), or the first failure's -errno with *why. */
int runner_run(struct runner *r, struct bench_item *items, size_t n, char **why);
/* Median of the timed values so far (NAN when none). */
double runner_median(const struct bench_item *it);
void bench_item_done(struct bench_item *it);

#endif
