/* report.h — how hpbench prints numbers: durations with units, the summary
 * of one benchmark with its stability warnings, and comparisons phrased as
 * "A is 1.23x ± 0.02 faster than B". */
#ifndef HP_BENCH_REPORT_H
#define HP_BENCH_REPORT_H

#include "stats.h"
#include "store-bench.h"

#include <stdio.h>

/* "51.2 ms", "812 ns", "1.53 s": three significant digits. */
char *report_time(char *buf, size_t n, double seconds);
#define REPORT_TIME_LEN 32

/* Timed values (warm-ups left out) as a plain array; *min_raw is the
 * shortest raw value (value x loops) in seconds. */
double *report_timed(const struct bench_value *v, size_t n, size_t *count, double *min_raw);

struct report_opts {
	struct stats_opts stats;
	struct stats_limits limits;
	struct stats_compare_opts cmp;
};
void report_opts_init(struct report_opts *o);

/* The block under "Benchmark N: label": mean, median, range, CIs, rusage,
 * outliers and stability warnings (each stating its threshold).  `all`
 * holds every value with warm-ups (for counts and rusage). */
void report_summary(FILE *f, const struct bench_value *all, size_t nall,
		    const struct report_opts *o);
/* Warnings only, "  warning: ..." lines; returns how many. */
int report_warnings(FILE *f, const double *v, size_t n, double min_raw,
		    const struct report_opts *o);

/* One sentence about x relative to base; returns the verdict of x. */
enum stats_verdict report_relation(FILE *f, const char *x_label, const double *x, size_t nx,
				   const char *base_label, const double *base, size_t nbase,
				   const struct report_opts *o);

#endif
