/* lines.h — the profile linked to a benchmark run (`run --profile`), as
 * `show --lines` (its hot lines) and `compare --lines` (what gained or lost
 * share between two benchmarks' profiles). */
#ifndef HP_BENCH_LINES_H
#define HP_BENCH_LINES_H

#include "store.h"

#include <stdint.h>
#include <stdio.h>

enum { BENCH_LINES_DEFAULT_LIMIT = 10 };

/* The hottest `limit` lines (0: all) of bench run's profile, hottest first.
 * -ENOENT + *why when the run was not profiled. */
int bench_lines_show(struct store *st, int64_t bench_run, long limit, FILE *out, char **why);
/* The lines and the functions whose share changed most from A's profile to
 * B's, `limit` of each (0: all). */
int bench_lines_compare(struct store *st, int64_t a_run, int64_t b_run, long limit, FILE *out,
			char **why);

#endif
