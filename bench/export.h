/* export.h — writers of benchmark runs in other tools' formats, one file
 * each behind struct export_ops: pyperf JSON (loads in `pyperf stats`),
 * hyperfine JSON (the fields of `hyperfine --export-json`), CSV (one row per
 * value) and Markdown (hyperfine's summary table). */
#ifndef HP_BENCH_EXPORT_H
#define HP_BENCH_EXPORT_H

#include "bench/runload.h"

#include <stdio.h>

struct export_run {
	struct runload rl;
	char **keys, **values; /* run_meta */
	size_t nmeta;
};

/* The metadata value for key, or NULL. */
const char *export_meta(const struct export_run *r, const char *key);

struct export_ops {
	const char *name;
	int (*write)(FILE *f, const struct export_run *runs, size_t n, char **why);
};

extern const struct export_ops export_pyperf, export_hyperfine, export_csv, export_markdown;

#endif
